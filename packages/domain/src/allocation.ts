import { assertFen, type Fen } from './money';

/**
 * Splitting fen by weights (usually basis points) so that the parts always sum exactly to the whole.
 *
 * Rounding rule — largest remainder (Hamilton), ties by the order given:
 *  1. each part first gets floor(|amount| × weight ÷ Σweights);
 *  2. the fen left over (fewer than the number of parts) go one each to the parts with the largest
 *     remainder of that division; equal remainders go to the part listed first.
 * So every part is within one fen of its exact share, a zero weight always gets 0, and the result
 * depends only on the inputs (deterministic; callers control ties by the order they list parts in).
 *
 * Negative amounts (a loss) are split symmetrically: allocate(−A) = −allocate(A), so a loss is
 * borne in the same proportions and rounded the same way as a profit of the same size.
 *
 * The arithmetic is done in BigInt: amount × weight can exceed 2^53 for large amounts.
 */
export function allocate(amountFen: Fen, weights: readonly number[]): Fen[] {
  assertFen(amountFen);
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  let total = 0n;
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new RangeError(`weights must be non-negative integers, got ${weight}`);
    }
    total += BigInt(weight);
  }
  if (total === 0n) throw new RangeError('weights must not all be zero');

  const whole = BigInt(Math.abs(amountFen));
  const parts = weights.map((weight, index) => {
    const exact = whole * BigInt(weight);
    return { index, base: exact / total, remainder: exact % total };
  });
  let leftover = whole - parts.reduce((sum, part) => sum + part.base, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const part of byRemainder) {
    if (leftover === 0n) break;
    part.base += 1n;
    leftover -= 1n;
  }
  const sign = amountFen < 0 ? -1 : 1;
  // `0 * -1` would be -0; keep zero parts a plain 0.
  return parts.map((part) => (part.base === 0n ? 0 : sign * Number(part.base)));
}

export interface WeightedPart<K> {
  readonly key: K;
  readonly weight: number;
}

export interface AllocatedPart<K> {
  readonly key: K;
  readonly weight: number;
  readonly amountFen: Fen;
}

/** `allocate` with named parts, in the order given (that order breaks ties). */
export function allocateParts<K>(amountFen: Fen, parts: readonly WeightedPart<K>[]): AllocatedPart<K>[] {
  const amounts = allocate(
    amountFen,
    parts.map((part) => part.weight),
  );
  return parts.map((part, index) => ({ key: part.key, weight: part.weight, amountFen: amounts[index] ?? 0 }));
}
