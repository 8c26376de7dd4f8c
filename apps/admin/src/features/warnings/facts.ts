import type { Warning } from '@gongfu/contract';
import { daysBetween, formatYuan, type LocalDate, shanghaiDateOf, wholeMonthsBetween } from '@gongfu/domain';
import { instantText } from '../../lib/shanghai-time';

/** The figures of a warning's detail a reader is shown, in this order (ids and codes are left out). */
export const FACT_KEYS = [
  'ventureName',
  'fundName',
  'partnerName',
  'description',
  'month',
  'dueOn',
  'endsOn',
  'daysLeft',
  'daysOverdue',
  'dueDay',
  'firstSubmittedAt',
  'balanceFen',
  'lastOutflowMonth',
  'idleMonths',
  'previousRevenueFen',
  'revenueFen',
  'guaranteedMinimumFen',
  'remittanceReceivedFen',
  'shortfallFen',
  'amountFen',
  'fulfilledFen',
  'outstandingFen',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

/** How the facts' values are said: the UI's word for 元, counts with their unit, months and days in words. */
export interface FactWords {
  yuan: string;
  months: (count: number) => string;
  days: (count: number) => string;
  month: (month: string) => string;
  day: (date: string) => string;
}

const COUNTED_IN: Partial<Record<FactKey, 'months' | 'days'>> = {
  idleMonths: 'months',
  daysLeft: 'days',
  daysOverdue: 'days',
};
const MONTHS: ReadonlySet<FactKey> = new Set(['month', 'lastOutflowMonth']);
const DAYS: ReadonlySet<FactKey> = new Set(['dueOn', 'endsOn']);

/**
 * The facts behind a warning as label keys and display values: amounts to the fen in the UI's word for 元, counts
 * with their unit (闲置月数 24 个月, not a bare 24), months and days as the list names them (2024年11月).
 */
export function factsOf(warning: Warning, words: FactWords): { key: FactKey; value: string }[] {
  return FACT_KEYS.flatMap((key) => {
    const raw = warning.detail[key];
    if (raw === null || raw === undefined || raw === '') return [];
    if (key.endsWith('Fen') && typeof raw === 'number') {
      return [{ key, value: `${formatYuan(raw, { grouping: true })} ${words.yuan}` }];
    }
    const counted = COUNTED_IN[key];
    if (counted && typeof raw === 'number') return [{ key, value: words[counted](raw) }];
    if (MONTHS.has(key) && typeof raw === 'string' && /^\d{4}-\d{2}$/.test(raw)) {
      return [{ key, value: words.month(raw) }];
    }
    if (DAYS.has(key) && typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) {
      return [{ key, value: words.day(raw) }];
    }
    if (key === 'firstSubmittedAt' && typeof raw === 'string') return [{ key, value: instantText(raw) }];
    return typeof raw === 'string' || typeof raw === 'number' ? [{ key, value: String(raw) }] : [];
  });
}

/** What the warning is about, by name: the venture, the fund, or the partner (and its pledge). */
export function subjectName(warning: Pick<Warning, 'subjectType' | 'detail'>): string | null {
  const d = warning.detail;
  const pick = (key: string) => (typeof d[key] === 'string' && d[key] ? (d[key] as string) : null);
  if (warning.subjectType === 'fund') return pick('fundName');
  if (warning.subjectType === 'pledge') {
    const partner = pick('partnerName');
    const what = pick('description');
    return partner && what ? `${partner} · ${what}` : (partner ?? what);
  }
  if (warning.subjectType === 'agreement') {
    const venture = pick('ventureName');
    const partner = pick('partnerName');
    return venture && partner ? `${venture} · ${partner}` : (venture ?? partner);
  }
  return pick('ventureName');
}

/** The kinds whose condition is known by its month only (the API dates it on the month's last day). */
const KNOWN_BY_MONTH: ReadonlySet<Warning['kind']> = new Set([
  'fund_idle',
  'revenue_drop',
  'remittance_below_minimum',
]);

export interface ConditionAge {
  /** the day the condition began (the API's `conditionSince`) */
  since: LocalDate;
  /** only its month is known: say the month, count in months */
  byMonth: boolean;
  /** how long it has held — until its resolution, else today (Asia/Shanghai): whole months, or days */
  unit: 'months' | 'days';
  count: number;
  /** the day a check found it, where that is not the day (the month) it began; null where it is */
  detectedOn: LocalDate | null;
  /** days from its detection to its resolution (how soon it was handled); null while open */
  resolvedAfterDays: number | null;
}

/**
 * How long a warning's condition has held, counted from the day it began (not from the check that found it: a fund
 * idle since 2024-11 found today has held for two years). A condition known by its month counts whole months (0: under
 * a month); one known by its day counts days, and months from two months on. See ADR 0040.
 */
export function conditionAge(warning: Warning, now: Date = new Date()): ConditionAge {
  const since = warning.conditionSince as LocalDate;
  const detected = shanghaiDateOf(new Date(warning.detectedAt)) as LocalDate;
  const to = shanghaiDateOf(warning.resolvedAt ? new Date(warning.resolvedAt) : now) as LocalDate;
  const byMonth = KNOWN_BY_MONTH.has(warning.kind);
  const days = Math.max(0, daysBetween(since, to));
  const months = Math.max(0, wholeMonthsBetween(since, to));
  const inMonths = byMonth || months >= 2;
  const sameStart = byMonth ? detected.slice(0, 7) === since.slice(0, 7) : detected === since;
  return {
    since,
    byMonth,
    unit: inMonths ? 'months' : 'days',
    count: inMonths ? months : days,
    detectedOn: sameStart ? null : detected,
    resolvedAfterDays: warning.resolvedAt ? Math.max(0, daysBetween(detected, to)) : null,
  };
}

/**
 * The one figure that says how far a warning went, for a list with no room for its details: the months a fund has
 * been idle, a revenue's fall, the days left on an agreement, the month of an overdue report, a pledge's days
 * overdue, a remittance's shortfall (the kind's label names no threshold: a district sets them). A translation key
 * and its values, or null when the detail lacks the figure.
 */
export function headlineOf(warning: Warning): {
  key: 'idleMonths' | 'revenueFall' | 'endsInDays' | 'reportMonth' | 'daysOverdue' | 'shortfall';
  values: Record<string, string | number>;
} | null {
  const d = warning.detail;
  if (warning.kind === 'report_overdue') return { key: 'reportMonth', values: { month: warning.period } };
  if (warning.kind === 'pledge_overdue' && typeof d.daysOverdue === 'number') {
    return { key: 'daysOverdue', values: { count: d.daysOverdue } };
  }
  if (warning.kind === 'remittance_below_minimum' && typeof d.shortfallFen === 'number') {
    return { key: 'shortfall', values: { amount: formatYuan(d.shortfallFen, { grouping: true }) } };
  }
  if (warning.kind === 'fund_idle' && typeof d.idleMonths === 'number') {
    return { key: 'idleMonths', values: { count: d.idleMonths } };
  }
  if (warning.kind === 'agreement_expiring' && typeof d.daysLeft === 'number') {
    return { key: 'endsInDays', values: { count: d.daysLeft } };
  }
  if (
    warning.kind === 'revenue_drop' &&
    typeof d.previousRevenueFen === 'number' &&
    typeof d.revenueFen === 'number' &&
    d.previousRevenueFen > 0
  ) {
    const fall = Math.round((1 - d.revenueFen / d.previousRevenueFen) * 100);
    return { key: 'revenueFall', values: { percent: fall } };
  }
  return null;
}
