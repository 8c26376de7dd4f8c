import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocateParts } from './allocation';

const amountArb = fc.oneof(
  fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
  fc.maxSafeInteger(),
  fc.constantFrom(0, 1, -1, 2, 3),
);
const weightsArb = fc
  .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 })
  .filter((weights) => weights.some((w) => w > 0));

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('allocate: worked examples of the rounding rule', () => {
  it('gives leftover fen to the largest remainders', () => {
    // 100 × (3333, 3333, 3334) / 10000 = 33.33, 33.33, 33.34 → 33, 33, 34 after the leftover fen
    expect(allocate(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
    // 10 fen in 3 equal parts: remainders tie, so the first listed gets the extra fen
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(11, [1, 1, 1])).toEqual([4, 4, 3]);
    // order decides ties: the same weights listed the other way round
    expect(allocate(1, [5000, 5000])).toEqual([1, 0]);
  });

  it('splits the Wangjiangjie community share 40 / 30 / 30', () => {
    expect(allocate(1_234_567, [4000, 3000, 3000])).toEqual([493_827, 370_370, 370_370]);
  });

  it('splits losses symmetrically', () => {
    expect(allocate(-10, [1, 1, 1])).toEqual([-4, -3, -3]);
    expect(allocate(-100, [3333, 3333, 3334])).toEqual([-33, -33, -34]);
  });

  it('never returns -0 and gives zero weights nothing', () => {
    const parts = allocate(-7, [0, 10_000, 0]);
    expect(parts).toEqual([0, -7, 0]);
    expect(Object.is(parts[0], 0)).toBe(true);
  });

  it('refuses weights it cannot honour', () => {
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(100, [-1, 2])).toThrow(RangeError);
    expect(() => allocate(100, [1.5])).toThrow(RangeError);
    expect(() => allocate(0.5, [1])).toThrow(RangeError);
  });

  it('keeps names and order with allocateParts', () => {
    expect(
      allocateParts(1001, [
        { key: 'governance', weight: 5000 },
        { key: 'reserve', weight: 5000 },
      ]),
    ).toEqual([
      { key: 'governance', weight: 5000, amountFen: 501 },
      { key: 'reserve', weight: 5000, amountFen: 500 },
    ]);
  });
});

describe('allocate: properties', () => {
  it('parts always sum to the whole', () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (amount, weights) => sum(allocate(amount, weights)) === amount),
    );
  });

  it('no part is negative for a non-negative amount (and none positive for a negative one)', () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (amount, weights) =>
        allocate(amount, weights).every((part) => (amount >= 0 ? part >= 0 : part <= 0)),
      ),
    );
  });

  it('is deterministic and does not touch its input', () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (amount, weights) => {
        const copy = [...weights];
        expect(allocate(amount, weights)).toEqual(allocate(amount, weights));
        expect(weights).toEqual(copy);
      }),
    );
  });

  it('every part is within one fen of its exact share, and zero weights get zero', () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (amount, weights) => {
        const total = BigInt(sum(weights));
        allocate(amount, weights).forEach((part, i) => {
          const weight = BigInt(weights[i] ?? 0);
          // |part × total − amount × weight| < total  ⇔  |part − exact share| < 1 fen
          const diff = BigInt(part) * total - BigInt(amount) * weight;
          expect(diff < total && diff > -total).toBe(true);
          if (weight === 0n) expect(part).toBe(0);
        });
      }),
    );
  });

  it('is symmetric for losses', () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (amount, weights) => {
        expect(allocate(-amount, weights)).toEqual(
          allocate(amount, weights).map((part) => (part === 0 ? 0 : -part)),
        );
      }),
    );
  });

  it('gives a larger weight at least as much as a smaller one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), weightsArb, (amount, weights) => {
        const parts = allocate(amount, weights);
        weights.forEach((wi, i) => {
          weights.forEach((wj, j) => {
            if (wi > wj) expect(parts[i] ?? 0).toBeGreaterThanOrEqual(parts[j] ?? 0);
          });
        });
      }),
    );
  });
});
