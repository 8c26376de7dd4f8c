import { describe, expect, it } from 'vitest';
import {
  formatBasisPoints,
  isBasisPoints,
  isShareholdingInForce,
  percentToBasisPoints,
  validateShareSum,
  validateSplit,
} from './shares';

describe('basis points', () => {
  it('formats and converts', () => {
    expect(formatBasisPoints(4000)).toBe('40.00%');
    expect(formatBasisPoints(3333)).toBe('33.33%');
    expect(formatBasisPoints(5)).toBe('0.05%');
    expect(formatBasisPoints(-250)).toBe('-2.50%');
    expect(percentToBasisPoints(40)).toBe(4000);
    expect(percentToBasisPoints(12.5)).toBe(1250);
    expect(() => percentToBasisPoints(33.333)).toThrow(RangeError);
    expect(isBasisPoints(10_000)).toBe(true);
    expect(isBasisPoints(10_001)).toBe(false);
    expect(isBasisPoints(-1)).toBe(false);
    expect(isBasisPoints(1.5)).toBe(false);
  });
});

describe('validateShareSum', () => {
  it('accepts shares that sum to exactly 10,000 bp', () => {
    const holdings = [{ shareBp: 5100 }, { shareBp: 4900 }];
    expect(validateShareSum(holdings)).toEqual({ ok: true, value: holdings });
    expect(validateShareSum([{ shareBp: 10_000 }]).ok).toBe(true);
  });

  it('refuses a sum that is off by one basis point, naming the sum', () => {
    expect(validateShareSum([{ shareBp: 3333 }, { shareBp: 3333 }, { shareBp: 3333 }])).toEqual({
      ok: false,
      error: {
        code: 'shares.sum_mismatch',
        params: { sumBp: 9999, expectedBp: 10_000, sum: '99.99%', differenceBp: 1 },
      },
    });
    expect(validateShareSum([{ shareBp: 6000 }, { shareBp: 4001 }])).toMatchObject({
      ok: false,
      error: { code: 'shares.sum_mismatch', params: { sumBp: 10_001, differenceBp: -1 } },
    });
  });

  it('refuses no holders, zero, negative, fractional and oversize shares, naming the row', () => {
    expect(validateShareSum([])).toMatchObject({ ok: false, error: { code: 'shares.empty' } });
    for (const bad of [0, -100, 12.5, 10_001]) {
      expect(validateShareSum([{ shareBp: 5000 }, { shareBp: bad }])).toMatchObject({
        ok: false,
        error: { code: 'shares.out_of_range', params: { index: 1, shareBp: bad } },
      });
    }
  });
});

describe('validateSplit', () => {
  it('accepts Wangjiangjie’s 40 % governance split and refuses a split that does not add up', () => {
    expect(validateSplit({ governance: 4000, reserve: 3000, other: 3000 }).ok).toBe(true);
    expect(validateSplit({ governance: 10_000, reserve: 0, other: 0 }).ok).toBe(true);
    expect(validateSplit({ governance: 4000, reserve: 3000, other: 2000 })).toMatchObject({
      ok: false,
      error: { code: 'shares.sum_mismatch', params: { sumBp: 9000 } },
    });
    expect(validateSplit({ governance: -1, reserve: 10_001 })).toMatchObject({
      ok: false,
      error: { code: 'shares.part_out_of_range', params: { part: 'governance' } },
    });
  });
});

describe('shareholding versions', () => {
  it('a version is in force from its first month to its last, both included; null bounds are open', () => {
    const first = { effectiveFrom: null, effectiveTo: '2025-06' };
    const second = { effectiveFrom: '2025-07', effectiveTo: null };
    expect(isShareholdingInForce(first, '2019-01')).toBe(true);
    expect(isShareholdingInForce(first, '2025-06')).toBe(true);
    expect(isShareholdingInForce(first, '2025-07')).toBe(false);
    expect(isShareholdingInForce(second, '2025-06')).toBe(false);
    expect(isShareholdingInForce(second, '2025-07')).toBe(true);
    expect(isShareholdingInForce(second, '2030-12')).toBe(true);
  });
});
