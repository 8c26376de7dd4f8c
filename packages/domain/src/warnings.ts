import type { WarningKind, WarningSeverity } from './enums';
import type { FundKind } from './funds';
import type { Fen } from './money';
import {
  classifyReportTimeliness,
  compareDates,
  DEFAULT_REPORT_DUE_DAY,
  daysBetween,
  type LocalDate,
  type Month,
  monthIndex,
  monthOfDate,
  reportDueDate,
  shanghaiDateOf,
} from './periods';
import { BP_WHOLE } from './shares';

/**
 * The warning rules (预警) as pure functions: each looks at the facts and returns a finding or null.
 * The service stores findings with an owner and a resolution; it re-runs the rules to see which
 * still hold. Amber asks for attention, red for action; the thresholds are data: each district keeps its
 * own (district settings), and these are the defaults a district starts with.
 */
export const WARNING_THRESHOLDS = {
  /** A report not submitted this many days after its due date turns red. */
  reportOverdueRedDays: 15,
  /** Revenue down more than 30 % month on month (amber), more than 50 % (red). */
  revenueDropBp: 3000,
  revenueDropRedBp: 5000,
  /** A fund with money and no outflow for 12 months (amber), 24 months (red). */
  fundIdleMonths: 12,
  fundIdleRedMonths: 24,
  /** An operator agreement ending within 90 days (amber), 30 days (red). */
  agreementExpiringDays: 90,
  agreementExpiringRedDays: 30,
  /** A pledge past its due date (amber), more than 90 days past (red). */
  pledgeOverdueRedDays: 90,
  /** Remittance below the guaranteed minimum (amber), below half of it (red). */
  remittanceRedBp: 5000,
} as const;

/** A district's thresholds: the same fields as the defaults, each a whole number in its unit. */
export type WarningThresholds = { readonly [K in keyof typeof WARNING_THRESHOLDS]: number };
export type WarningThresholdField = keyof WarningThresholds;
export const WARNING_THRESHOLD_FIELDS = Object.keys(WARNING_THRESHOLDS) as WarningThresholdField[];

/**
 * The unit and the bounds of each threshold. A fall or a share is in basis points (a fall of more than
 * 100 % cannot happen, so 9,999 bp is the highest that can fire); the red step of a pair must be at least as
 * severe as its amber step (a longer idleness, a larger fall, a closer end of term).
 */
export const WARNING_THRESHOLD_LIMITS: {
  readonly [K in WarningThresholdField]: { unit: 'days' | 'months' | 'bp'; min: number; max: number };
} = {
  reportOverdueRedDays: { unit: 'days', min: 1, max: 90 },
  revenueDropBp: { unit: 'bp', min: 1, max: 9999 },
  revenueDropRedBp: { unit: 'bp', min: 1, max: 9999 },
  fundIdleMonths: { unit: 'months', min: 1, max: 120 },
  fundIdleRedMonths: { unit: 'months', min: 1, max: 120 },
  agreementExpiringDays: { unit: 'days', min: 1, max: 730 },
  agreementExpiringRedDays: { unit: 'days', min: 0, max: 730 },
  pledgeOverdueRedDays: { unit: 'days', min: 1, max: 730 },
  remittanceRedBp: { unit: 'bp', min: 1, max: 10_000 },
};

export type WarningThresholdProblem = 'out_of_range' | 'red_before_amber';

/**
 * Every field of a district's thresholds that cannot be used, with why: out of its bounds (or not a whole
 * number), or a red step milder than its amber step. Empty: the thresholds are valid.
 */
export function validateWarningThresholds(
  thresholds: WarningThresholds,
): Array<{ field: WarningThresholdField; problem: WarningThresholdProblem }> {
  const problems: Array<{ field: WarningThresholdField; problem: WarningThresholdProblem }> = [];
  for (const field of WARNING_THRESHOLD_FIELDS) {
    const value = thresholds[field];
    const { min, max } = WARNING_THRESHOLD_LIMITS[field];
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push({ field, problem: 'out_of_range' });
    }
  }
  const bad = new Set(problems.map((p) => p.field));
  const pairs: Array<[amber: WarningThresholdField, red: WarningThresholdField, redIsLarger: boolean]> = [
    ['revenueDropBp', 'revenueDropRedBp', true],
    ['fundIdleMonths', 'fundIdleRedMonths', true],
    ['agreementExpiringDays', 'agreementExpiringRedDays', false],
  ];
  for (const [amber, red, redIsLarger] of pairs) {
    if (bad.has(amber) || bad.has(red)) continue;
    const ordered = redIsLarger ? thresholds[red] >= thresholds[amber] : thresholds[red] <= thresholds[amber];
    if (!ordered) problems.push({ field: red, problem: 'red_before_amber' });
  }
  return problems;
}

export interface WarningFinding {
  readonly kind: WarningKind;
  readonly severity: WarningSeverity;
  /** The figures behind the finding, for its message and for the audit of why it was raised. */
  readonly facts: Readonly<Record<string, string | number>>;
}

/**
 * The one late-report rule (the oversight feature's refresh uses it): a report still missing after its
 * deadline is amber, red more than `reportOverdueRedDays` days after the due day. A report submitted late is
 * no warning: the on-time rate and the reporting matrix count it (the first submission decides, see
 * `classifyReportTimeliness`).
 */
export function detectReportOverdue(input: {
  month: Month;
  dueDay?: number;
  firstSubmittedAt: Date | null;
  now: Date;
  thresholds?: WarningThresholds;
}): WarningFinding | null {
  if (classifyReportTimeliness(input) !== 'missing') return null;
  const T = input.thresholds ?? WARNING_THRESHOLDS;
  const dueOn = reportDueDate(input.month, input.dueDay ?? DEFAULT_REPORT_DUE_DAY);
  const daysOverdue = daysBetween(dueOn, shanghaiDateOf(input.now));
  return {
    kind: 'report_overdue',
    severity: daysOverdue > T.reportOverdueRedDays ? 'red' : 'amber',
    facts: { month: input.month, dueOn, daysOverdue },
  };
}

/** Fall = (previous − current) ÷ previous, strictly more than the threshold; needs previous revenue. */
export function detectRevenueDrop(
  previousFen: Fen,
  currentFen: Fen,
  T: WarningThresholds = WARNING_THRESHOLDS,
): WarningFinding | null {
  if (previousFen <= 0) return null;
  const fall = previousFen - currentFen;
  // compare fall / previous with bp / 10000 in integers: fall × 10000 > previous × bp
  const exceeds = (bp: number) => BigInt(fall) * BigInt(BP_WHOLE) > BigInt(previousFen) * BigInt(bp);
  if (!exceeds(T.revenueDropBp)) return null;
  return {
    kind: 'revenue_drop',
    severity: exceeds(T.revenueDropRedBp) ? 'red' : 'amber',
    facts: { previousFen, currentFen },
  };
}

/** Whole calendar months from one date to another (2025-01-31 → 2025-02-28 is 0 months). */
export function wholeMonthsBetween(from: LocalDate, to: LocalDate): number {
  const months = monthIndex(monthOfDate(to)) - monthIndex(monthOfDate(from));
  return Number(to.slice(8)) < Number(from.slice(8)) ? months - 1 : months;
}

/**
 * A fund holding money with no outflow since `lastOutflowOn` (or since it was opened). Not a reserve (公积金（储备）):
 * it is there to be kept, so its untouched balance is the rule working, not money left idle — flagged, the reserves
 * of every community filled the district's red warnings and hid the overdue reports among them.
 */
export function detectFundIdle(input: {
  fundKind: FundKind;
  balanceFen: Fen;
  lastOutflowOn: LocalDate | null;
  openedOn: LocalDate;
  today: LocalDate;
  thresholds?: WarningThresholds;
}): WarningFinding | null {
  if (input.balanceFen <= 0 || input.fundKind === 'reserve') return null;
  const T = input.thresholds ?? WARNING_THRESHOLDS;
  const since = input.lastOutflowOn ?? input.openedOn;
  const idleMonths = wholeMonthsBetween(since, input.today);
  if (idleMonths < T.fundIdleMonths) return null;
  return {
    kind: 'fund_idle',
    severity: idleMonths >= T.fundIdleRedMonths ? 'red' : 'amber',
    facts: { since, idleMonths, balanceFen: input.balanceFen },
  };
}

/** An agreement whose last day is within the window (an agreement already ended raises nothing here). */
export function detectAgreementExpiring(
  endsOn: LocalDate,
  today: LocalDate,
  T: WarningThresholds = WARNING_THRESHOLDS,
): WarningFinding | null {
  const daysLeft = daysBetween(today, endsOn);
  if (daysLeft < 0 || daysLeft > T.agreementExpiringDays) return null;
  return {
    kind: 'agreement_expiring',
    severity: daysLeft <= T.agreementExpiringRedDays ? 'red' : 'amber',
    facts: { endsOn, daysLeft },
  };
}

export function detectPledgeOverdue(input: {
  dueOn: LocalDate;
  pledgedFen: Fen;
  fulfilledFen: Fen;
  today: LocalDate;
  thresholds?: WarningThresholds;
}): WarningFinding | null {
  const T = input.thresholds ?? WARNING_THRESHOLDS;
  if (input.fulfilledFen >= input.pledgedFen || compareDates(input.today, input.dueOn) <= 0) return null;
  const daysOverdue = daysBetween(input.dueOn, input.today);
  return {
    kind: 'pledge_overdue',
    severity: daysOverdue > T.pledgeOverdueRedDays ? 'red' : 'amber',
    facts: { dueOn: input.dueOn, daysOverdue, outstandingFen: input.pledgedFen - input.fulfilledFen },
  };
}

/** Jinhui's agreement guarantees about ¥20,000 a month; less than that received is a warning. */
export function detectRemittanceBelowMinimum(
  receivedFen: Fen,
  guaranteedMinimumFen: Fen,
  T: WarningThresholds = WARNING_THRESHOLDS,
): WarningFinding | null {
  if (guaranteedMinimumFen <= 0 || receivedFen >= guaranteedMinimumFen) return null;
  const belowHalf =
    BigInt(receivedFen) * BigInt(BP_WHOLE) < BigInt(guaranteedMinimumFen) * BigInt(T.remittanceRedBp);
  return {
    kind: 'remittance_below_minimum',
    severity: belowHalf ? 'red' : 'amber',
    facts: { receivedFen, guaranteedMinimumFen, shortfallFen: guaranteedMinimumFen - receivedFen },
  };
}
