/** The three parts of a split, in the domain's order (SPLIT_TARGETS): the API's field, the fund, the column. */
export const SHARE_FIELDS = [
  { field: 'governanceFundBp', fundKind: 'governance_special', column: 'governance' },
  { field: 'reserveBp', fundKind: 'reserve', column: 'reserve' },
  { field: 'otherBp', fundKind: 'other', column: 'other' },
] as const;

export type ShareField = (typeof SHARE_FIELDS)[number]['field'];

/** 4000 → "40%", 3333 → "33.33%". */
export function percentText(bp: number): string {
  return `${bp % 100 === 0 ? bp / 100 : (bp / 100).toFixed(2)}%`;
}
