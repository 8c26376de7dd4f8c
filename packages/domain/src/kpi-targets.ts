import { KPI_DEFINITIONS, KPI_KEYS, type KpiDefinition, type KpiKey } from './kpis';
import { type Month, monthParts } from './periods';
import { BP_WHOLE } from './shares';

/**
 * Yearly KPI targets (年度目标, ADR 0016): a district sets, for a year, a target per KPI for the whole district
 * and for each community. What a target means depends on how the KPI adds up over time:
 *
 * - `flow` (revenue, profit, income, residents served, reinvestment, give-back): the year's total. Progress is
 *   the year to date ÷ the target; "behind" compares the year to date with the target's pro-rata share of the
 *   months gone (target × m ÷ 12), so a community is not "below target" in March for having earned a quarter.
 * - `stock` (stable jobs): the level to reach by the year's end. Progress is the level now ÷ the target; the
 *   level now is below target until it reaches it (a stock does not grow by twelfths).
 * - `rate` (every ratio): the rate to reach, in basis points. Progress is the rate ÷ the target; below target is
 *   a rate under it — or, for a KPI where lower is better (the fund idle ratio), above it, and progress is then
 *   target ÷ rate (100 % when the rate is at the ceiling, more when under it).
 *
 * A neutral KPI (the fund balance: more money is neither good nor bad by itself) takes no target.
 * Everything is exact: targets are integers (fen, counts, basis points); comparisons are cross-multiplied in
 * BigInt and progress is rounded once, half away from zero, to a basis point.
 */
export const KPI_TARGET_KINDS = ['flow', 'stock', 'rate'] as const;
export type KpiTargetKind = (typeof KPI_TARGET_KINDS)[number];

/** What a target's integer counts: fen for amounts, the KPI's own unit for counts, basis points for rates. */
export type KpiTargetUnit = 'fen' | 'count' | 'bp';

export function kpiTargetKind(definition: Pick<KpiDefinition, 'unit' | 'aggregation'>): KpiTargetKind {
  if (definition.unit === 'ratio') return 'rate';
  return definition.aggregation === 'flow' ? 'flow' : 'stock';
}

export function kpiTargetUnit(definition: Pick<KpiDefinition, 'unit'>): KpiTargetUnit {
  if (definition.unit === 'ratio') return 'bp';
  return definition.unit === 'fen' ? 'fen' : 'count';
}

/** The KPIs a target can be set for: every judged one (a neutral KPI has no better or worse). */
export const KPI_TARGET_KEYS: readonly KpiKey[] = KPI_KEYS.filter(
  (key) => KPI_DEFINITIONS[key].direction !== 'neutral',
);

export function acceptsKpiTarget(key: KpiKey): boolean {
  return KPI_TARGET_KEYS.includes(key);
}

/** The largest target: 10 万亿元 in fen, a billion of a count, 100 % of a rate. */
const MAX_TARGET: Record<KpiTargetUnit, number> = {
  fen: 1_000_000_000_000_000,
  count: 1_000_000_000,
  bp: BP_WHOLE,
};

/**
 * The integers a target may take. Something one wants more of needs a positive target (0 would be met by doing
 * nothing); a ceiling (lower is better) may be 0.
 */
export function kpiTargetRange(definition: Pick<KpiDefinition, 'unit' | 'direction'>): {
  min: number;
  max: number;
} {
  return {
    min: definition.direction === 'lower_is_better' ? 0 : 1,
    max: MAX_TARGET[kpiTargetUnit(definition)],
  };
}

export function isValidKpiTarget(key: KpiKey, value: number): boolean {
  if (!acceptsKpiTarget(key) || !Number.isSafeInteger(value)) return false;
  const { min, max } = kpiTargetRange(KPI_DEFINITIONS[key]);
  return value >= min && value <= max;
}

export const KPI_TARGET_YEAR_MIN = 2000;
export const KPI_TARGET_YEAR_MAX = 2100;

/** The actual figure a target is compared with: an amount or count (denominator null), or a ratio's parts. */
export interface KpiActual {
  numerator: number;
  denominator: number | null;
}

export interface KpiTargetProgress {
  /**
   * What should have been reached by now: for a flow, the target's share of the months gone (target × m ÷ 12,
   * half away from zero, in the target's unit); for a stock or a rate, the target itself. Null when nothing of
   * the year is due yet.
   */
  expected: number | null;
  /** actual ÷ target in basis points (lower is better: target ÷ actual); null without an actual or a divisor */
  progressBp: number | null;
  /** worse than expected by now (by the KPI's direction); null when the actual is unknown */
  belowTarget: boolean | null;
}

/** n ÷ d in basis points, rounded half away from zero, exact in BigInt; d must be positive. */
function bpOf(n: bigint, d: bigint): number {
  const scaled = n * BigInt(BP_WHOLE);
  const abs = scaled < 0n ? -scaled : scaled;
  const rounded = (abs * 2n + d) / (d * 2n);
  return Number(scaled < 0n ? -rounded : rounded);
}

/** n ÷ d rounded half away from zero, d positive. */
function roundDiv(n: bigint, d: bigint): bigint {
  const abs = n < 0n ? -n : n;
  const rounded = (abs * 2n + d) / (d * 2n);
  return n < 0n ? -rounded : rounded;
}

/**
 * Progress to a yearly target. `actual` is the year to date through `through` (a month of the target's year: the
 * data date or the period's end), or null when nothing of the year is due yet; `target` is the stored integer.
 */
export function kpiTargetProgress(
  definition: Pick<KpiDefinition, 'unit' | 'aggregation' | 'direction'>,
  target: number,
  actual: KpiActual | null,
  through: Month | null,
): KpiTargetProgress {
  if (!Number.isSafeInteger(target) || target < 0) throw new RangeError('a target is a non-negative integer');
  const kind = kpiTargetKind(definition);
  const lower = definition.direction === 'lower_is_better';
  if (through === null || actual === null) return { expected: null, progressBp: null, belowTarget: null };
  const months = BigInt(monthParts(through).month);
  const t = BigInt(target);
  const expected = kind === 'flow' ? Number(roundDiv(t * months, 12n)) : target;

  // the actual as a fraction a / b (b > 0), and the comparison value as c / e, both in the target's unit
  let a: bigint;
  let b: bigint;
  if (kind === 'rate') {
    if (actual.denominator === null || actual.denominator <= 0) {
      return { expected, progressBp: null, belowTarget: null };
    }
    a = BigInt(actual.numerator) * BigInt(BP_WHOLE);
    b = BigInt(actual.denominator);
  } else {
    a = BigInt(actual.numerator);
    b = 1n;
  }
  // flows: the target's share of the months gone, target × m ÷ 12, compared exactly (not the rounded `expected`)
  const c = kind === 'flow' ? t * months : t;
  const e = kind === 'flow' ? 12n : 1n;
  const belowTarget = lower ? a * e > c * b : a * e < c * b;

  let progressBp: number | null;
  if (lower) progressBp = a > 0n ? bpOf(t * b, a) : null;
  else progressBp = t > 0n ? bpOf(a, t * b) : null;
  return { expected, progressBp, belowTarget };
}

/**
 * The goal line of a monthly chart: a flow's monthly pace (the year's target ÷ 12, half away from zero), a stock's
 * level or a rate's target as they are — in the target's unit.
 */
export function kpiTargetGoalLine(
  definition: Pick<KpiDefinition, 'unit' | 'aggregation'>,
  target: number,
): number {
  return kpiTargetKind(definition) === 'flow' ? Number(roundDiv(BigInt(target), 12n)) : target;
}
