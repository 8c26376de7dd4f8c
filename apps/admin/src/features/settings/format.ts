/** The three parts of a split, in the domain's order (SPLIT_TARGETS): the API's field, the fund, the column. */
export const SHARE_FIELDS = [
  { field: 'governanceFundBp', fundKind: 'governance_special', column: 'governance' },
  { field: 'reserveBp', fundKind: 'reserve', column: 'reserve' },
  { field: 'otherBp', fundKind: 'other', column: 'other' },
] as const;

export type ShareField = (typeof SHARE_FIELDS)[number]['field'];

/**
 * A percentage as a person writes it: at most two decimals (a basis point), no trailing zeros —
 * 30 → "30", 12.5 → "12.5", 33.333 → "33.33"; anything not a number as it is.
 */
export function percentNumberText(percent: number | string): string {
  const value = typeof percent === 'number' ? percent : Number(percent);
  if (typeof percent === 'string' && percent.trim() === '') return percent;
  return Number.isFinite(value) ? String(Number(value.toFixed(2))) : String(percent);
}

/** 4000 → "40%", 1250 → "12.5%", 3333 → "33.33%". */
export function percentText(bp: number): string {
  return `${percentNumberText(bp / 100)}%`;
}
