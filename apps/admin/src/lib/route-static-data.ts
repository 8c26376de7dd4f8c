import type { TranslationKey } from './translation-key';

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** The breadcrumb of this route, as a translation key. A loader returning `{ crumb }` overrides it. */
    crumb?: TranslationKey;
  }
}
