/**
 * What this browser keeps of a user's reports between visits (localStorage), by key prefix: the report form's
 * unsaved draft and the figure each explanation was written for. Kept apart from the form so that logging out,
 * in the frame, forgets them without loading the form's code.
 */
export const REPORT_DRAFT_PREFIX = 'gongfu.report-draft.';
export const REPORT_EXPLAINED_PREFIX = 'gongfu.report-explained.';

/**
 * Logging out forgets every report this browser kept: a community office shares its computer, and the next person
 * to log in must not find the last one's figures.
 */
export function forgetReportsOnThisDevice(): void {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return;
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
    for (const key of keys) {
      if (key?.startsWith(REPORT_DRAFT_PREFIX) || key?.startsWith(REPORT_EXPLAINED_PREFIX))
        storage.removeItem(key);
    }
  } catch {
    // storage unavailable: nothing was kept
  }
}
