import { err, ok, type Result } from './result';

/**
 * Shares and rates are integer basis points (1 bp = 0.01 %), so a company's shares can be required
 * to sum to exactly 10,000 — a check that floats (33.33 % × 3) could never pass or fail honestly.
 */
export type BasisPoints = number;

export const BP_WHOLE = 10_000;

export function isBasisPoints(value: unknown): value is BasisPoints {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= BP_WHOLE;
}

/** "40.00%" — for display only; 4000 bp. */
export function formatBasisPoints(bp: BasisPoints): string {
  if (!Number.isInteger(bp)) throw new RangeError(`basis points must be an integer, got ${bp}`);
  const abs = Math.abs(bp);
  return `${bp < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** Whole or decimal percent to bp, refusing more precision than a basis point (40 → 4000, 12.5 → 1250). */
export function percentToBasisPoints(percent: number): BasisPoints {
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || Math.abs(bp - percent * 100) > 1e-6) {
    throw new RangeError(`percent ${percent} is finer than a basis point`);
  }
  return bp;
}

export interface ShareLike {
  readonly shareBp: BasisPoints;
}

/**
 * A company's shareholdings must each be 1..10,000 bp and together exactly 10,000 bp. The error
 * names the index of a bad row, or the sum found and the sum expected, so the API can say which.
 */
export function validateShareSum<T extends ShareLike>(holdings: readonly T[]): Result<readonly T[]> {
  if (holdings.length === 0) return err('shares.empty');
  for (const [index, holding] of holdings.entries()) {
    if (!Number.isInteger(holding.shareBp) || holding.shareBp <= 0 || holding.shareBp > BP_WHOLE) {
      return err('shares.out_of_range', { index, shareBp: holding.shareBp });
    }
  }
  const sumBp = holdings.reduce((sum, holding) => sum + holding.shareBp, 0);
  if (sumBp !== BP_WHOLE) {
    return err('shares.sum_mismatch', {
      sumBp,
      expectedBp: BP_WHOLE,
      sum: formatBasisPoints(sumBp),
      differenceBp: BP_WHOLE - sumBp,
    });
  }
  return ok(holdings);
}

/**
 * The same check for a split that is named part by part (e.g. governance fund / reserve / other):
 * each part 0..10,000 bp (a zero part is allowed here), sum exactly 10,000.
 */
export function validateSplit(
  parts: Readonly<Record<string, BasisPoints>>,
): Result<Readonly<Record<string, BasisPoints>>> {
  let sumBp = 0;
  for (const [part, bp] of Object.entries(parts)) {
    if (!isBasisPoints(bp)) return err('shares.part_out_of_range', { part, shareBp: bp });
    sumBp += bp;
  }
  if (sumBp !== BP_WHOLE) {
    return err('shares.sum_mismatch', {
      sumBp,
      expectedBp: BP_WHOLE,
      sum: formatBasisPoints(sumBp),
      differenceBp: BP_WHOLE - sumBp,
    });
  }
  return ok(parts);
}

/**
 * A company's shareholdings are versions, each in force over a span of months (`effectiveFrom`: null since the
 * company's start; `effectiveTo`: inclusive, null still in force). A report's profit is split by the version in
 * force in its month, so a change of shareholding never re-splits a month already reported.
 */
export function isShareholdingInForce(
  version: { readonly effectiveFrom: string | null; readonly effectiveTo: string | null },
  month: string,
): boolean {
  return (
    (version.effectiveFrom === null || version.effectiveFrom <= month) &&
    (version.effectiveTo === null || month <= version.effectiveTo)
  );
}
