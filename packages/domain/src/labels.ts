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

/** How many orders `sortByChineseName` keeps: a district's lists, a few selections each. */
const NAME_ORDERS_KEPT = 64;
const nameOrders = new Map<string, Uint32Array>();

/**
 * The items by pinyin of their names, as `compareChineseNames` orders them. A list is read many times with the
 * same names (a district's communities), and the collator's comparisons cost ~70 µs per 100 names on every
 * request; the order found for one sequence of names is kept and reused (a small map, oldest forgotten first).
 * Equal names keep their relative order (a stable sort), so a kept order is right for any items with those names.
 */
export function sortByChineseName<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  const names = items.map(nameOf);
  const key = names.join('\u0000'); // no stored text holds a NUL (PostgreSQL refuses one)
  let order = nameOrders.get(key);
  if (!order) {
    order = Uint32Array.from(names.keys()).sort(
      (a, b) => compareChineseNames(names[a] as string, names[b] as string) || a - b,
    );
    if (nameOrders.size >= NAME_ORDERS_KEPT) nameOrders.delete(nameOrders.keys().next().value as string);
    nameOrders.set(key, order);
  }
  return Array.from(order, (index) => items[index] as T);
}
