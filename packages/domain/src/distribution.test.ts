import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amendmentPostings,
  computeDistribution,
  type Distribution,
  type DistributionRule,
  distributionPostings,
  requireRuleInForce,
  ruleInForce,
  type ShareholdingInput,
  validateDistributionRule,
} from './distribution';
import { balanceOf } from './funds';
import { yuanToFen } from './money';

const wangjiangjie: DistributionRule = {
  id: 'rule-wjj-1',
  version: 1,
  effectiveFrom: '2024-01',
  communitySplit: { governanceFundBp: 4000, reserveBp: 3000, otherBp: 3000 },
};
const communityOnly: ShareholdingInput[] = [{ holderKind: 'community', holderId: null, shareBp: 10_000 }];

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('rules in force', () => {
  const rules: DistributionRule[] = [
    wangjiangjie,
    {
      ...wangjiangjie,
      id: 'r2',
      version: 1,
      effectiveFrom: '2025-07',
      communitySplit: { governanceFundBp: 5000, reserveBp: 5000, otherBp: 0 },
    },
    {
      ...wangjiangjie,
      id: 'r2b',
      version: 2,
      effectiveFrom: '2025-07',
      communitySplit: { governanceFundBp: 6000, reserveBp: 4000, otherBp: 0 },
    },
    { ...wangjiangjie, id: 'r3', version: 1, effectiveFrom: '2026-01' },
  ];

  it('picks the latest rule effective on or before the month, the highest version on a tie', () => {
    expect(ruleInForce(rules, '2023-12')).toBeNull();
    expect(ruleInForce(rules, '2024-01')?.id).toBe('rule-wjj-1');
    expect(ruleInForce(rules, '2025-06')?.id).toBe('rule-wjj-1');
    expect(ruleInForce(rules, '2025-07')?.id).toBe('r2b');
    expect(ruleInForce(rules, '2025-12')?.id).toBe('r2b');
    expect(ruleInForce(rules, '2026-01')?.id).toBe('r3');
    expect(ruleInForce([...rules].reverse(), '2025-08')?.id).toBe('r2b');
    expect(requireRuleInForce(rules, '2023-12')).toMatchObject({
      ok: false,
      error: { code: 'distribution.no_rule' },
    });
  });

  it('validates the split and the month of a rule', () => {
    expect(validateDistributionRule(wangjiangjie).ok).toBe(true);
    expect(
      validateDistributionRule({
        ...wangjiangjie,
        communitySplit: { governanceFundBp: 4000, reserveBp: 3000, otherBp: 2999 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'shares.sum_mismatch', params: { sumBp: 9999 } } });
    expect(validateDistributionRule({ ...wangjiangjie, effectiveFrom: '2024-13' as '2024-12' }).ok).toBe(
      false,
    );
    expect(validateDistributionRule({ ...wangjiangjie, version: 0 })).toMatchObject({
      ok: false,
      error: { code: 'distribution.invalid_version' },
    });
  });
});

describe('computeDistribution', () => {
  it('Wangjiangjie: 40 % of the community’s profit goes to the governance fund', () => {
    const d = unwrap(
      computeDistribution({
        money: {
          revenueFen: yuanToFen(100_000),
          operatingCostFen: yuanToFen(60_000),
          remittanceReceivedFen: 0,
        },
        shareholdings: communityOnly,
        rule: wangjiangjie,
      }),
    );
    expect(d.profitFen).toBe(yuanToFen(40_000));
    expect(d.communityIncomeFen).toBe(yuanToFen(40_000));
    expect(d.fundAllocations).toEqual([
      { target: 'governance', fundKind: 'governance_special', amountFen: yuanToFen(16_000) },
      { target: 'reserve', fundKind: 'reserve', amountFen: yuanToFen(12_000) },
      { target: 'other', fundKind: 'other', amountFen: yuanToFen(12_000) },
    ]);
  });

  it('Jinhui-like: shares profit with the incubator by shareholding and adds the remittance received', () => {
    const d = unwrap(
      computeDistribution({
        money: { revenueFen: 5_000_001, operatingCostFen: 3_000_000, remittanceReceivedFen: 1_000_000 },
        shareholdings: [
          { holderKind: 'community', holderId: null, shareBp: 5100 },
          { holderKind: 'partner', holderId: 'incubator', shareBp: 4900 },
        ],
        rule: { ...wangjiangjie, communitySplit: { governanceFundBp: 3333, reserveBp: 3333, otherBp: 3334 } },
      }),
    );
    expect(d.profitFen).toBe(2_000_001);
    // 2,000,001 × 51 % = 1,020,000.51 → 1,020,001 (largest remainder .51 over .49)
    expect(d.shareholderShares.map((s) => s.amountFen)).toEqual([1_020_001, 980_000]);
    expect(d.communityProfitShareFen).toBe(1_020_001);
    expect(d.communityIncomeFen).toBe(2_020_001);
    expect(d.distributableFen).toBe(2_020_001);
    // 2,020,001 × (.3333, .3333, .3334) = 673,266.33, 673,266.33, 673,468.33(34): the odd fen goes to the
    // largest remainder, which is the third part's
    expect(d.fundAllocations.map((a) => a.amountFen)).toEqual([673_266, 673_266, 673_469]);
  });

  it('shares a loss among shareholders but posts only the remittance into the funds', () => {
    const d = unwrap(
      computeDistribution({
        money: { revenueFen: 100_000, operatingCostFen: 300_000, remittanceReceivedFen: 50_000 },
        shareholdings: [
          { holderKind: 'community', holderId: null, shareBp: 6000 },
          { holderKind: 'partner', holderId: 'soe', shareBp: 4000 },
        ],
        rule: wangjiangjie,
      }),
    );
    expect(d.profitFen).toBe(-200_000);
    expect(d.shareholderShares.map((s) => s.amountFen)).toEqual([-120_000, -80_000]);
    expect(d.communityIncomeFen).toBe(-70_000);
    expect(d.distributableFen).toBe(50_000);
    expect(d.fundAllocations.map((a) => a.amountFen)).toEqual([20_000, 15_000, 15_000]);
  });

  it('refuses bad figures, bad shares and bad rules with named errors', () => {
    const base = {
      money: { revenueFen: 1, operatingCostFen: 0, remittanceReceivedFen: 0 },
      shareholdings: communityOnly,
      rule: wangjiangjie,
    };
    expect(computeDistribution({ ...base, money: { ...base.money, revenueFen: -1 } })).toMatchObject({
      ok: false,
      error: { code: 'money.negative', params: { field: 'revenueFen' } },
    });
    expect(computeDistribution({ ...base, money: { ...base.money, operatingCostFen: 0.5 } })).toMatchObject({
      ok: false,
      error: { code: 'money.not_integer_fen', params: { field: 'operatingCostFen' } },
    });
    expect(
      computeDistribution({
        ...base,
        shareholdings: [{ holderKind: 'community', holderId: null, shareBp: 9000 }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'shares.sum_mismatch', params: { sumBp: 9000 } } });
  });

  const shareholdingsArb = fc
    .array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 })
    .chain((raw) => {
      // turn arbitrary weights into shares summing to exactly 10,000 bp, at least 1 bp each
      const total = raw.reduce((a, b) => a + b, 0);
      const shares = raw.map((w) => Math.max(1, Math.floor((w * 10_000) / total)));
      shares[0] = (shares[0] ?? 0) + 10_000 - shares.reduce((a, b) => a + b, 0);
      fc.pre((shares[0] ?? 0) >= 1);
      return fc.tuple(
        fc.constant(shares),
        fc.array(fc.constantFrom('community', 'partner', 'residents' as const), {
          minLength: shares.length,
          maxLength: shares.length,
        }),
      );
    })
    .map(([shares, kinds]) =>
      shares.map(
        (shareBp, i): ShareholdingInput => ({ holderKind: kinds[i] ?? 'community', holderId: null, shareBp }),
      ),
    );
  const splitArb = fc
    .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
    .map(([a, b]) => ({ governanceFundBp: a, reserveBp: b - a, otherBp: 10_000 - b }));
  const moneyArb = fc.record({
    revenueFen: fc.integer({ min: 0, max: 10_000_000_000 }),
    operatingCostFen: fc.integer({ min: 0, max: 10_000_000_000 }),
    remittanceReceivedFen: fc.integer({ min: 0, max: 100_000_000 }),
  });

  it('property: nothing is lost or invented at any step, and no fund receives a negative amount', () => {
    fc.assert(
      fc.property(moneyArb, shareholdingsArb, splitArb, (money, shareholdings, communitySplit) => {
        const d = unwrap(
          computeDistribution({ money, shareholdings, rule: { ...wangjiangjie, communitySplit } }),
        );
        const sum = (xs: readonly { amountFen: number }[]) => xs.reduce((a, x) => a + x.amountFen, 0);
        expect(d.profitFen).toBe(money.revenueFen - money.operatingCostFen);
        expect(sum(d.shareholderShares)).toBe(d.profitFen);
        expect(sum(d.fundAllocations)).toBe(d.distributableFen);
        expect(d.distributableFen).toBe(Math.max(0, d.communityProfitShareFen) + money.remittanceReceivedFen);
        expect(d.fundAllocations.every((a) => a.amountFen >= 0)).toBe(true);
        // deterministic
        expect(
          computeDistribution({ money, shareholdings, rule: { ...wangjiangjie, communitySplit } }),
        ).toEqual({ ok: true, value: d });
      }),
    );
  });
});

describe('postings', () => {
  const distribution = (revenueFen: number): Distribution =>
    unwrap(
      computeDistribution({
        money: { revenueFen, operatingCostFen: 0, remittanceReceivedFen: 0 },
        shareholdings: communityOnly,
        rule: { ...wangjiangjie, communitySplit: { governanceFundBp: 4000, reserveBp: 6000, otherBp: 0 } },
      }),
    );

  it('posts one allocation per non-zero fund with a key that makes the approval idempotent', () => {
    expect(distributionPostings('rep-1', 1, distribution(1000))).toEqual([
      {
        postingKey: 'report:rep-1:r1:governance',
        fundKind: 'governance_special',
        kind: 'allocation',
        amountFen: 400,
        reversesKind: null,
      },
      {
        postingKey: 'report:rep-1:r1:reserve',
        fundKind: 'reserve',
        kind: 'allocation',
        amountFen: 600,
        reversesKind: null,
      },
    ]);
    expect(distributionPostings('rep-1', 1, distribution(0))).toEqual([]);
  });

  it('an amendment posts only the difference, as allocations or reversals', () => {
    const before = distribution(1000);
    const after = distribution(500);
    const postings = amendmentPostings('rep-1', 2, before, after);
    expect(postings).toEqual([
      {
        postingKey: 'report:rep-1:r2:governance',
        fundKind: 'governance_special',
        kind: 'reversal',
        amountFen: 200,
        reversesKind: 'allocation',
      },
      {
        postingKey: 'report:rep-1:r2:reserve',
        fundKind: 'reserve',
        kind: 'reversal',
        amountFen: 300,
        reversesKind: 'allocation',
      },
    ]);
    expect(amendmentPostings('rep-1', 2, before, before)).toEqual([]);
    // original postings + amendment postings = what the amended revision alone would post
    for (const fundKind of ['governance_special', 'reserve'] as const) {
      const entries = [...distributionPostings('rep-1', 1, before), ...postings].filter(
        (p) => p.fundKind === fundKind,
      );
      const alone = distributionPostings('rep-1', 2, after).filter((p) => p.fundKind === fundKind);
      expect(balanceOf(entries)).toBe(balanceOf(alone));
    }
  });
});
