import {
  addMonths,
  classifyReportTimeliness,
  compareMonths,
  daysBetween,
  type LocalDate,
  type Month,
  monthIndex,
  monthOfDate,
  reportDeadline,
  startOfShanghaiDay,
  type WarningSeverity,
} from '@gongfu/domain';

/**
 * The pure decisions behind warnings: thresholds and severities. The SQL gathers the facts (and uses
 * the same thresholds to keep the candidate sets small); these functions decide whether a fact is a
 * warning and how serious it is. `null` means "no warning".
 */

/** How far back a refresh looks for monthly facts (reports, revenue, remittance). */
export const LOOKBACK_MONTHS = 12;
/** Revenue falling by more than this share of the previous month (basis points) is a warning… */
export const REVENUE_DROP_AMBER_BP = 3000;
/** …and by more than this share, a red one. */
export const REVENUE_DROP_RED_BP = 5000;
/** A fund with money and no outflow for this many months is idle. */
export const FUND_IDLE_MONTHS = 12;
/** An agreement ending within this many days is amber… */
export const AGREEMENT_AMBER_DAYS = 90;
/** …and within this many, red. */
export const AGREEMENT_RED_DAYS = 30;
/** Remittance below this share of the guaranteed minimum (basis points) is red; otherwise amber. */
export const REMITTANCE_RED_BELOW_BP = 5000;

const BP = 10_000n;

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
 * A report first submitted after its deadline is amber (late); one not submitted by the start of
 * `asOf`, with its deadline passed, is red (missing). On time and not yet due are no warning.
 */
export function reportWarning(input: {
  month: Month;
  dueDay: number;
  firstSubmittedAt: Date | null;
  asOf: LocalDate;
}): { severity: WarningSeverity; timeliness: 'late' | 'missing' } | null {
  const now = startOfShanghaiDay(input.asOf);
  // a submission after the reference instant had not happened yet as of that date
  const submitted =
    input.firstSubmittedAt && input.firstSubmittedAt.getTime() < now.getTime()
      ? input.firstSubmittedAt
      : null;
  const timeliness = classifyReportTimeliness({
    month: input.month,
    dueDay: input.dueDay,
    firstSubmittedAt: submitted,
    now,
  });
  if (timeliness === 'missing') return { severity: 'red', timeliness };
  if (timeliness === 'late') return { severity: 'amber', timeliness };
  return null;
}

/** Month-on-month fall of approved revenue: more than 30 % amber, more than 50 % red. */
export function revenueDropWarning(
  previousFen: number,
  currentFen: number,
): { severity: WarningSeverity; dropBp: number } | null {
  if (previousFen <= 0 || currentFen >= previousFen) return null;
  const previous = BigInt(previousFen);
  const fall = previous - BigInt(currentFen);
  if (fall * BP <= BigInt(REVENUE_DROP_AMBER_BP) * previous) return null;
  const dropBp = Number((fall * BP) / previous); // rounded down: never overstates the fall
  const severity = fall * BP > BigInt(REVENUE_DROP_RED_BP) * previous ? 'red' : 'amber';
  return { severity, dropBp };
}

/**
 * A fund with a positive balance whose last outflow (or, without one, its first entry) is at least
 * FUND_IDLE_MONTHS months before the month of `asOf`. Always amber: idle money is a question, not a loss.
 */
export function fundIdleWarning(input: {
  balanceFen: number;
  idleSince: Month | null;
  asOf: LocalDate;
}): { severity: WarningSeverity; idleMonths: number } | null {
  if (input.balanceFen <= 0 || !input.idleSince) return null;
  const idleMonths = monthIndex(monthOfDate(input.asOf)) - monthIndex(input.idleSince);
  return idleMonths >= FUND_IDLE_MONTHS ? { severity: 'amber', idleMonths } : null;
}

/** An agreement ending in 0..90 days: amber, within 30 days red. Ended agreements are not this rule's. */
export function agreementExpiryWarning(
  endsOn: LocalDate,
  asOf: LocalDate,
): { severity: WarningSeverity; daysLeft: number } | null {
  const daysLeft = daysBetween(asOf, endsOn);
  if (daysLeft < 0 || daysLeft > AGREEMENT_AMBER_DAYS) return null;
  return { severity: daysLeft <= AGREEMENT_RED_DAYS ? 'red' : 'amber', daysLeft };
}

/**
 * A pledge whose due date has passed (due_on before `asOf`) without being fulfilled in full: red when
 * nothing at all was fulfilled, amber when part was. A pledge of no stated amount (in kind, service) is
 * fulfilled by any fulfilment.
 */
export function pledgeOverdueWarning(input: {
  dueOn: LocalDate;
  amountFen: number;
  fulfilledFen: number;
  asOf: LocalDate;
}): { severity: WarningSeverity; daysOverdue: number; outstandingFen: number } | null {
  const daysOverdue = daysBetween(input.dueOn, input.asOf);
  if (daysOverdue <= 0) return null;
  const fulfilledInFull =
    input.amountFen > 0 ? input.fulfilledFen >= input.amountFen : input.fulfilledFen > 0;
  if (fulfilledInFull) return null;
  return {
    severity: input.fulfilledFen > 0 ? 'amber' : 'red',
    daysOverdue,
    outstandingFen: Math.max(0, input.amountFen - input.fulfilledFen),
  };
}

/** Remittance received below the guaranteed minimum: amber, or red below half of it. */
export function remittanceWarning(
  minimumFen: number,
  receivedFen: number,
): { severity: WarningSeverity; shortfallFen: number } | null {
  if (minimumFen <= 0 || receivedFen >= minimumFen) return null;
  const red = BigInt(receivedFen) * BP < BigInt(REMITTANCE_RED_BELOW_BP) * BigInt(minimumFen);
  return { severity: red ? 'red' : 'amber', shortfallFen: minimumFen - receivedFen };
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
