/**
 * Same keys, any strings: what a translation must provide. Beside a string key a translation may add `key_one`, its
 * singular: i18next reads it when `count` is 1 in a language with plural forms (English), and the key itself for any
 * other count. Chinese has one form, so its files, which the shape is made from, have none.
 */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> } & {
  [K in keyof T as T[K] extends string ? `${K & string}_one` : never]?: string;
};
