/** The two languages every user-facing text of the product exists in. */
export const LOCALES = ['zh-CN', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

/** One text in every locale; a missing translation is a type error, not a blank label. */
export type LocalizedText = { readonly 'zh-CN': string; readonly en: string };

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * Names (of communities, street offices…) in the order a Chinese reader looks them up: by pinyin (东风, 渡口, 凤凰…),
 * not by code point (东风, 丽景, 五十四…), which is what the database's `order by name` gives. One collator:
 * `localeCompare` with a locale builds one per call.
 */
export const compareChineseNames: (a: string, b: string) => number = new Intl.Collator('zh-CN').compare;
