/** The two languages every user-facing text of the product exists in. */
export const LOCALES = ['zh-CN', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

/** One text in every locale; a missing translation is a type error, not a blank label. */
export type LocalizedText = { readonly 'zh-CN': string; readonly en: string };

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
