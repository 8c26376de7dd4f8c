import type { KpiTargetKpi } from '@gongfu/contract';

export type TargetUnit = KpiTargetKpi['unit'];

/** 1 万元 = 1,000,000 fen: money targets are typed in 万元, the unit of the last-year column beside them. */
export const FEN_PER_WAN = 1_000_000;
/** The decimals of 万元 down to a fen (0.000001 万元 = 1 fen). */
const WAN_DECIMALS = 6;
/** The decimals of a percentage down to a basis point (0.01 % = 1 bp). */
const PERCENT_DECIMALS = 2;

/** A whole and a decimal part of `decimals` digits, exactly, as text (3000, 12.5, 3200.00005). */
function decimalText(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  const whole = Math.floor(value / scale);
  const fraction = String(value % scale)
    .padStart(decimals, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * A stored target (fen, a count, basis points) as a person types it: 万元 with as many decimals as it has (down to
 * a fen: 3000, 12.5, 0.0001), a whole number, or a percentage with up to two decimals. Exact on integers both ways
 * (no float in between).
 */
export function targetToInput(unit: TargetUnit, value: number): string {
  if (unit === 'count') return String(value);
  if (unit === 'fen') return decimalText(value, WAN_DECIMALS);
  return decimalText(value, PERCENT_DECIMALS);
}

/**
 * What was typed: the stored integer (null for an empty field: no target), or why it is none — `number`: not a
 * number at all; `precision`: finer than the unit holds (a fen, a basis point, a whole count), refused rather than
 * rounded so that no figure nobody typed is saved.
 */
export type ParsedTarget = { ok: true; value: number | null } | { ok: false; reason: 'number' | 'precision' };

const DECIMAL = /^(\d{1,15})(?:\.(\d*))?$|^\.(\d+)$/;

export function parseTarget(unit: TargetUnit, text: string): ParsedTarget {
  const trimmed = text.trim().replace(/[,，\s]/g, '');
  if (trimmed === '') return { ok: true, value: null };
  const match = DECIMAL.exec(trimmed);
  if (!match) return { ok: false, reason: 'number' };
  const whole = match[1] ?? '0';
  // trailing zeros say nothing more precise (12.500 万元 is 12.5 万元)
  const fraction = (match[2] ?? match[3] ?? '').replace(/0+$/, '');
  const decimals = unit === 'fen' ? WAN_DECIMALS : unit === 'bp' ? PERCENT_DECIMALS : 0;
  if (fraction.length > decimals) return { ok: false, reason: 'precision' };
  // on integers: 12.5 万元 → "12" and "500000" → 12,500,000 fen
  const value = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'number' };
  return { ok: true, value };
}

/** What was typed, as the stored integer; null for an empty field (no target); undefined when it is not one. */
export function inputToTarget(unit: TargetUnit, text: string): number | null | undefined {
  const parsed = parseTarget(unit, text);
  return parsed.ok ? parsed.value : undefined;
}

/** A target as the KPI's own value (what the cockpit's formatters take): a rate as a fraction, the rest as is. */
export function targetAsKpiValue(unit: TargetUnit, value: number): number {
  return unit === 'bp' ? value / 10_000 : value;
}

/**
 * How far apart a target and last year's actual may be before the page warns under the field and, on saving, asks
 * to confirm it (one check: shown as one types, asked once on saving). Year on year, a community's revenue, profit,
 * jobs or people served rarely move more than threefold, even with a new venture; the slips this is for move by ten
 * or more (a zero too many or too few) or by ten thousand (元 typed for 万元). 5× up and one fifth down sit between
 * the two: a real plan seldom asks, a slip always does — also a zero too few on a plan of +10 % (0.11×), which a
 * one-tenth bound would let through.
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
  | { kind: 'fraction'; ratio: number; reference: number };

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
    return slip ? { kind: 'fraction', ratio: target / actual, reference: actual } : null;
  }
  const pace = kpi.kind === 'flow' && months > 0 && months < 12;
  const reference = pace ? (actual * 12) / months : actual;
  const ratio = target / reference;
  if (ratio > FAR_FROM_LAST_YEAR) return { kind: 'above', ratio, reference, pace };
  if (ratio * FAR_FROM_LAST_YEAR < 1) return { kind: 'below', ratio, reference, pace };
  return null;
}
