import {
  addDays,
  addMonths,
  compareDates,
  compareMonths,
  detectReportOverdue,
  type LocalDate,
  type Month,
  monthOfDate,
  reportDeadline,
  reportDueDate,
  startOfShanghaiDay,
  type WarningSeverity,
  type WarningThresholds,
} from '@gongfu/domain';

/**
 * The feature's own pure decisions about warnings. The rules are the domain's (`detect*` in
 * packages/domain/src/warnings.ts) with the district's own thresholds (district settings; `WARNING_THRESHOLDS`
 * are the defaults) and are used from there — the late report rule too (`detectReportOverdue`, one rule for the
 * oversight feature and the domain): a report still missing after its deadline is amber, red by default 15 days
 * after; a late *submission* is no warning (the on-time rate and the reporting matrix count it). Here: which
 * months a refresh checks, and "as of" a date. The SQL gathers the facts; these functions decide. `null` means
 * "no warning".
 */

/** How far back a refresh looks for monthly facts (reports, revenue, remittance). */
export const LOOKBACK_MONTHS = 12;

/**
 * The months whose report a refresh as of `asOf` checks: the last LOOKBACK_MONTHS months whose deadline
 * has passed at the start of `asOf` (Asia/Shanghai), each with that deadline.
 */
export function reportMonthsToCheck(
  asOf: LocalDate,
  dueDay: number,
): Array<{ month: Month; deadline: Date }> {
  const reference = startOfShanghaiDay(asOf).getTime();
  const months: Array<{ month: Month; deadline: Date }> = [];
  const current = monthOfDate(asOf);
  for (let back = LOOKBACK_MONTHS; back >= 1; back--) {
    const month = addMonths(current, -back);
    const deadline = reportDeadline(month, dueDay);
    if (deadline.getTime() <= reference) months.push({ month, deadline });
  }
  return months;
}

/**
 * A report not submitted by the start of `asOf` (Asia/Shanghai), its deadline passed: the domain's
 * `detectReportOverdue` — amber, red once more than the district's `reportOverdueRedDays` days past the
 * due day. Submitted (on time or late) and not yet due are no warning.
 */
export function reportWarning(input: {
  month: Month;
  dueDay: number;
  firstSubmittedAt: Date | null;
  asOf: LocalDate;
  /** the district's (default: the domain's WARNING_THRESHOLDS) */
  thresholds?: WarningThresholds;
}): { severity: WarningSeverity; timeliness: 'missing'; daysOverdue: number } | null {
  const now = startOfShanghaiDay(input.asOf);
  // a submission after the reference instant had not happened yet as of that date
  const submitted =
    input.firstSubmittedAt && input.firstSubmittedAt.getTime() < now.getTime()
      ? input.firstSubmittedAt
      : null;
  const finding = detectReportOverdue({
    month: input.month,
    dueDay: input.dueDay,
    firstSubmittedAt: submitted,
    now,
    thresholds: input.thresholds,
  });
  if (!finding) return null;
  return {
    severity: finding.severity,
    timeliness: 'missing',
    daysOverdue: Number(finding.facts.daysOverdue),
  };
}

/** A refresh may raise a stored open warning's severity, never lower it. */
export function escalates(stored: WarningSeverity, computed: WarningSeverity): boolean {
  return stored === 'amber' && computed === 'red';
}

/** The first month of the revenue/remittance window of a refresh as of `asOf`, and its last. */
export function monthlyWindow(asOf: LocalDate): { from: Month; to: Month } {
  const to = monthOfDate(asOf);
  return { from: addMonths(to, -LOOKBACK_MONTHS), to };
}

export function isWithin(month: Month, window: { from: Month; to: Month }): boolean {
  return compareMonths(month, window.from) >= 0 && compareMonths(month, window.to) <= 0;
}

/** The last day of a month: a fact known only by its month is dated as late as possible, never overstating idleness. */
export function lastDayOf(month: Month): LocalDate {
  return addDays(`${addMonths(month, 1)}-01` as LocalDate, -1);
}

/**
 * The day a warning's condition began, which the list counts its age from (已持续, ADR 0040) — not the day a check
 * found it. Each rule dates it from the facts it reads:
 *
 * - a late report: its due date, the deadline it missed (days since = the rule's days overdue);
 * - an idle fund: the day the rule counts idleness from (its last outflow's month, else its first entry's, dated on
 *   the month's last day: `lastDayOf`), so the months since are the rule's idle months;
 * - a fall of revenue, a remittance short of the minimum: the month of the figures, on its last day;
 * - an agreement ending soon: the day it came within the district's window, not before the agreement started;
 * - a pledge: its due date.
 */
export const conditionSince = {
  reportOverdue: (month: Month, dueDay: number): LocalDate => reportDueDate(month, dueDay),
  ofMonth: (month: Month): LocalDate => lastDayOf(month),
  agreementExpiring: (startsOn: LocalDate, endsOn: LocalDate, windowDays: number): LocalDate => {
    const entered = addDays(endsOn, -windowDays);
    return compareDates(entered, startsOn) < 0 ? startsOn : entered;
  },
  pledgeOverdue: (dueOn: LocalDate): LocalDate => dueOn,
};
