import type { AllMessages } from '../i18n/zh-cn';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Any key of the translation resources, e.g. `'nav.overview'`. */
export type TranslationKey = Leaves<AllMessages>;
