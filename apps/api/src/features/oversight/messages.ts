import type { Lang } from '../../i18n/messages';

/** Error and field messages of this feature, in both languages. */
export const OVERSIGHT_MESSAGES = {} as const satisfies Record<string, Record<Lang, string>>;
