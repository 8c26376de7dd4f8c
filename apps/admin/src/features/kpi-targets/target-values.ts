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
