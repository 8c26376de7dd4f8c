import type { KpiTargetKpi } from '@gongfu/contract';
import { formatYuan, parseYuan } from '@gongfu/domain';

export type TargetUnit = KpiTargetKpi['unit'];

/**
 * A stored target (fen, a count, basis points) as a person types it: yuan with two decimals, a whole number, or a
 * percentage with two decimals. Exact on integers both ways (no float in between).
 */
export function targetToInput(unit: TargetUnit, value: number): string {
  if (unit === 'count') return String(value);
  // basis points are hundredths of a percent: the same two-decimal text as fen in yuan
  return formatYuan(value).replace(/\.00$/, '');
}

/** What was typed, as the stored integer; null for an empty field (no target); undefined when it is not a number. */
export function inputToTarget(unit: TargetUnit, text: string): number | null | undefined {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return null;
  if (unit === 'count') return /^\d{1,10}$/.test(trimmed) ? Number(trimmed) : undefined;
  const parsed = parseYuan(trimmed);
  return parsed.ok && parsed.value >= 0 ? parsed.value : undefined;
}

/** A target as the KPI's own value (what the cockpit's formatters take): a rate as a fraction, the rest as is. */
export function targetAsKpiValue(unit: TargetUnit, value: number): number {
  return unit === 'bp' ? value / 10_000 : value;
}

/**
 * How far apart a target and last year's actual may be before the page asks to check the target. Year on year, a
 * community's revenue, profit, jobs or people served rarely move more than threefold, even with a new venture; the
 * slips this is for move by ten or more (a zero too many or too few) or by ten thousand (元 typed for 万元). 5× up and
 * one fifth down sit between the two: a real plan seldom warns, a slip always does.
 */
export const FAR_FROM_LAST_YEAR = 5;
/**
 * Rates get no such ratio: they are bounded (at most 100 %), and on a small rate a real goal is a large multiple
 * (2 % → 15 %) or a large fall for a ceiling. Their one common slip is a fraction typed for a percentage (0.95 for
 * 95 %): a target of at most 1 % where last year reached 10 % or more.
 */
const FRACTION_AT_MOST_BP = 100;
const FRACTION_LAST_YEAR_FROM_BP = 1_000;

export type TargetCheck =
  /** `ratio`: target ÷ reference (a display number); `reference`: last year's actual, or its full-year pace */
  | { kind: 'above' | 'below'; ratio: number; reference: number; pace: boolean }
  | { kind: 'fraction'; reference: number };

/**
 * A typed target against last year's actual (`months`: how many months of that year the actual covers). A flow
 * measured on part of the year is compared at its full-year pace (× 12 ÷ months); a stock's level is its level.
 * Null: nothing to say — no target, no actual, an actual of 0 or less (no base to compare with), or close enough.
 */
export function checkAgainstLastYear(
  kpi: Pick<KpiTargetKpi, 'unit' | 'kind' | 'definition'>,
  target: number | null | undefined,
  actual: number | null | undefined,
  months: number,
): TargetCheck | null {
  if (target === null || target === undefined || actual === null || actual === undefined || actual <= 0)
    return null;
  if (kpi.unit === 'bp') {
    const slip =
      kpi.definition.direction === 'higher_is_better' &&
      target <= FRACTION_AT_MOST_BP &&
      actual >= FRACTION_LAST_YEAR_FROM_BP;
    return slip ? { kind: 'fraction', reference: actual } : null;
  }
  const pace = kpi.kind === 'flow' && months > 0 && months < 12;
  const reference = pace ? (actual * 12) / months : actual;
  const ratio = target / reference;
  if (ratio > FAR_FROM_LAST_YEAR) return { kind: 'above', ratio, reference, pace };
  if (ratio * FAR_FROM_LAST_YEAR < 1) return { kind: 'below', ratio, reference, pace };
  return null;
}
