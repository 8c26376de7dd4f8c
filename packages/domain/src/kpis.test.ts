import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDistribution } from './distribution';
import {
  changeBp,
  computeKpi,
  computeKpis,
  giveBackForm,
  isImprovement,
  KPI_DEFINITIONS,
  KPI_KEYS,
  KPI_MEASURES,
  kpiDataDate,
  kpiDefinition,
  kpiWindows,
  MEASURE_KEYS,
  type Measures,
  medianOf,
  rankingOrder,
  ratioBp,
  ratioValue,
  sumCommunityMonths,
  sumMeasures,
} from './kpis';
import { can } from './permissions';

describe('ratioBp', () => {
  it('rounds half away from zero and has no value over a zero or negative base', () => {
    expect(ratioBp(1, 3)).toBe(3333);
    expect(ratioBp(2, 3)).toBe(6667);
    expect(ratioBp(1, 20_000)).toBe(1); // 0.5 bp → 1
    expect(ratioBp(-1, 20_000)).toBe(-1);
    expect(ratioBp(1, 20_001)).toBe(0);
    expect(ratioBp(5, 5)).toBe(10_000);
    expect(ratioBp(0, 0)).toBeNull();
    expect(ratioBp(5, -5)).toBeNull();
    expect(ratioBp(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(10_000);
  });

  it('changeBp measures change against the previous value', () => {
    expect(changeBp(70, 100)).toBe(-3000);
    expect(changeBp(125, 100)).toBe(2500);
    expect(changeBp(5, 0)).toBeNull();
  });

  it('property: within half a basis point of the exact ratio', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (n, d) => {
        const bp = ratioBp(n, d) ?? Number.NaN;
        // |bp × d − n × 10000| ≤ d / 2
        const diff = BigInt(bp) * BigInt(d) - BigInt(n) * 10_000n;
        expect(2n * (diff < 0n ? -diff : diff) <= BigInt(d)).toBe(true);
      }),
    );
  });
});

describe('ratioValue and medianOf: a rate over nothing or over a loss is no rate', () => {
  it('is null exactly when the denominator is zero or negative, as ratioBp', () => {
    expect(ratioValue(1, 4)).toBe(0.25);
    expect(ratioValue(-3, 4)).toBe(-0.75);
    expect(ratioValue(0, 0)).toBeNull();
    expect(ratioValue(3, -10)).toBeNull(); // a governance allocation over a community loss
    expect(ratioValue(-3, -10)).toBeNull(); // never a positive rate from two negatives
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -1e12, max: 1e12 }), (n, d) => {
        expect(ratioValue(n, d) === null).toBe(ratioBp(n, d) === null);
        expect(ratioValue(n, d) === null).toBe(d <= 0);
      }),
    );
  });

  it('the median leaves nulls out', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([null, null])).toBeNull();
    expect(medianOf([0.4, null, 0.5])).toBe(0.45);
    expect(medianOf([3, 1, null, 2])).toBe(2);
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }))), (values) => {
        const present = values.filter((v): v is number => v !== null);
        expect(medianOf(values)).toBe(medianOf(present));
      }),
    );
  });
});

describe('KPI definitions', () => {
  it('define every KPI of the brief, in both languages, with a unit and a direction', () => {
    expect(KPI_KEYS).toEqual([
      'operating_revenue',
      'net_profit',
      'community_income',
      'stable_jobs',
      'residents_served',
      'governance_fund_allocation_rate',
      'reinvestment',
      'reinvestment_rate',
      'fund_balance',
      'fund_idle_ratio',
      'deliberation_coverage',
      'service_response_rate',
      'public_welfare_share',
      'give_back',
      'give_back_cash',
      'give_back_in_kind',
      'give_back_fulfilment_rate',
      'reporting_rate',
      'on_time_rate',
      'communities_with_income_rate',
    ]);
    expect(Object.keys(KPI_DEFINITIONS)).toEqual(KPI_KEYS);
    for (const key of KPI_KEYS) {
      const d = kpiDefinition(key);
      expect(d.key).toBe(key);
      expect(d.name['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(d.formula['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(d.name.en.length).toBeGreaterThan(0);
      expect(d.formula.en.length).toBeGreaterThan(0);
      // a ratio, and only a ratio, has a denominator: in its definition and in its measures
      const ratio = d.unit === 'ratio';
      expect('numerator' in KPI_MEASURES[key]).toBe(ratio);
      expect(d.denominatorUnit !== null).toBe(ratio);
      if (!ratio) expect(d.numeratorUnit).toBe(d.unit);
      for (const measure of Object.values(KPI_MEASURES[key])) expect(MEASURE_KEYS).toContain(measure);
    }
    // a ratio's target is a fraction: 1 = 100 %
    expect(kpiDefinition('deliberation_coverage').target).toBe(1);
    expect(kpiDefinition('fund_idle_ratio').direction).toBe('lower_is_better');
  });
});

describe('give-back: cash and in kind apart, and a total that says it mixes them', () => {
  it('splits by the pledge kind: only cash is money, the rest counts at its declared value', () => {
    expect(giveBackForm('cash')).toBe('cash');
    for (const kind of ['in_kind', 'service', 'infrastructure']) expect(giveBackForm(kind)).toBe('in_kind');
    const measures = sumMeasures([
      { give_back_fulfilled_fen: 500_000, give_back_cash_fen: 300_000, give_back_in_kind_fen: 200_000 },
    ]);
    expect(computeKpi('give_back', measures)).toBe(500_000);
    expect(computeKpi('give_back_cash', measures)).toBe(300_000);
    expect(computeKpi('give_back_in_kind', measures)).toBe(200_000);
  });

  it('labels the in-kind part as a declared value and the total as cash plus in kind, in both languages', () => {
    expect(kpiDefinition('give_back_in_kind').name['zh-CN']).toContain('申报估值');
    expect(kpiDefinition('give_back_in_kind').name.en).toContain('declared value');
    expect(kpiDefinition('give_back_in_kind').formula['zh-CN']).toContain('不是到账资金');
    expect(kpiDefinition('give_back').name['zh-CN']).toContain('现金＋实物估值');
    expect(kpiDefinition('give_back').name.en).toContain('cash + in kind');
    expect(kpiDefinition('give_back').formula.en).toContain('not all money received');
    expect(kpiDefinition('give_back_cash').name['zh-CN']).toContain('现金');
  });
});

describe('governance allocation rate: did the community book the share its rule says', () => {
  it('is over the distributable amount the rule was applied to, so a 40 % rule reads 40.00 %', () => {
    // Wangjiangjie's rule (40 % to the governance fund), three approved reports of a quarter, one a loss
    const rule = {
      id: 'r',
      version: 1,
      effectiveFrom: '2025-01' as const,
      communitySplit: { governanceFundBp: 4000, reserveBp: 3000, otherBp: 3000 },
    };
    const community = [{ holderKind: 'community' as const, holderId: null, shareBp: 6667 }];
    const residents = [{ holderKind: 'residents' as const, holderId: null, shareBp: 3333 }];
    const months = [
      { revenueFen: 5_000_000, operatingCostFen: 2_000_000, remittanceReceivedFen: 0 },
      { revenueFen: 1_000_000, operatingCostFen: 1_900_000, remittanceReceivedFen: 500_000 },
      { revenueFen: 4_000_000, operatingCostFen: 1_000_000, remittanceReceivedFen: 0 },
    ];
    const measures = sumMeasures(
      months.map((money) => {
        const d = computeDistribution({ money, shareholdings: [...community, ...residents], rule });
        if (!d.ok) throw new Error('distribution');
        return {
          community_income_fen: d.value.communityIncomeFen,
          distributable_fen: d.value.distributableFen,
          governance_allocation_fen:
            d.value.fundAllocations.find((a) => a.target === 'governance')?.amountFen ?? 0,
        };
      }),
    );
    expect(computeKpi('governance_fund_allocation_rate', measures)).toBe(4000);
    // over community income (which a loss lowers) it would read more than the rule
    expect(ratioBp(measures.governance_allocation_fen, measures.community_income_fen)).toBeGreaterThan(4000);
  });
});

describe('who reads the KPIs (the table the API and the admin both follow)', () => {
  it('district roles, the community admin and partner operators (their ventures); not reporters or the platform', () => {
    expect(can('district_admin', 'kpi:read')).toBe(true);
    expect(can('district_viewer', 'kpi:read')).toBe(true);
    expect(can('community_admin', 'kpi:read')).toBe(true);
    expect(can('partner_operator', 'kpi:read')).toBe(true);
    expect(can('community_reporter', 'kpi:read')).toBe(false);
    expect(can('platform_admin', 'kpi:read')).toBe(false);
  });
});

describe('fund idle ratio: the idlest, not missing', () => {
  it('a balance with no outflow in 12 months reads 100 %; money spent lowers it; nothing at all has no value', () => {
    const binjiang = sumMeasures([{ fund_balance_fen: 5_000_000, fund_available_12m_fen: 5_000_000 }]);
    expect(computeKpi('fund_idle_ratio', binjiang)).toBe(10_000);
    const busy = sumMeasures([{ fund_balance_fen: 1_000_000, fund_available_12m_fen: 4_000_000 }]);
    expect(computeKpi('fund_idle_ratio', busy)).toBe(2_500);
    expect(computeKpi('fund_idle_ratio', sumMeasures([]))).toBeNull();
  });
});

describe('rankingOrder', () => {
  it('orders a neutral KPI highest first without judging it', () => {
    expect(rankingOrder(kpiDefinition('fund_balance').direction)).toEqual({
      lowestFirst: false,
      judged: false,
    });
    expect(rankingOrder('higher_is_better')).toEqual({ lowestFirst: false, judged: true });
    expect(rankingOrder('lower_is_better')).toEqual({ lowestFirst: true, judged: true });
  });
});

describe('roll-ups', () => {
  // A large community with a good service rate and a tiny one with a bad one.
  const big: Partial<Measures> = { service_requests: 1000, requests_within_promise: 990, communities: 1 };
  const tiny: Partial<Measures> = { service_requests: 10, requests_within_promise: 1, communities: 1 };

  it('recomputes ratios from summed numerators and denominators, never averaging ratios', () => {
    const district = sumMeasures([big, tiny]);
    const rate = computeKpi('service_response_rate', district);
    expect(rate).toBe(ratioBp(991, 1010)); // 9812
    const averageOfRatios = ((ratioBp(990, 1000) ?? 0) + (ratioBp(1, 10) ?? 0)) / 2; // 5450
    expect(rate).not.toBe(averageOfRatios);
  });

  it('over months, sums flows, keeps the last value of stocks and recomputes communities with income', () => {
    const months: Partial<Measures>[] = [
      { revenue_fen: 100, community_income_fen: 50, stable_jobs: 5, fund_balance_fen: 1000, communities: 1 },
      { revenue_fen: 200, community_income_fen: -80, stable_jobs: 6, fund_balance_fen: 900, communities: 1 },
      { revenue_fen: 300, community_income_fen: 40, stable_jobs: 6, fund_balance_fen: 1200, communities: 1 },
    ];
    const quarter = sumCommunityMonths(months);
    expect(quarter).toMatchObject({
      revenue_fen: 600,
      community_income_fen: 10,
      stable_jobs: 6,
      fund_balance_fen: 1200,
      communities: 1,
      communities_with_income: 1,
    });
    expect(sumCommunityMonths(months.slice(0, 2)).communities_with_income).toBe(0);
  });

  it('district share of communities with income counts communities, not months', () => {
    const a = sumCommunityMonths([
      { community_income_fen: 100, communities: 1 },
      { community_income_fen: 100, communities: 1 },
    ]);
    const b = sumCommunityMonths([
      { community_income_fen: -10, communities: 1 },
      { community_income_fen: 5, communities: 1 },
    ]);
    const kpis = computeKpis(sumMeasures([a, b]));
    expect(kpis.communities_with_income_rate).toBe(5000);
  });

  it('computes every KPI, ratios null without a base', () => {
    const kpis = computeKpis(sumMeasures([]));
    expect(Object.keys(kpis)).toEqual(KPI_KEYS);
    expect(kpis.operating_revenue).toBe(0);
    expect(kpis.reporting_rate).toBeNull();
  });

  it('property: summing in any grouping gives the same totals', () => {
    const rowArb = fc.record({
      revenue_fen: fc.integer({ min: 0, max: 1e9 }),
      reports_expected: fc.nat(100),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.nat(30), (rows, cut) => {
        const whole = sumMeasures(rows);
        const grouped = sumMeasures([sumMeasures(rows.slice(0, cut)), sumMeasures(rows.slice(cut))]);
        expect(grouped).toEqual(whole);
      }),
    );
  });

  it('knows which way is better', () => {
    expect(isImprovement(kpiDefinition('operating_revenue'), 10, 5)).toBe(true);
    expect(isImprovement(kpiDefinition('fund_idle_ratio'), 10, 5)).toBe(false);
    expect(isImprovement(kpiDefinition('fund_idle_ratio'), 5, 5)).toBeNull();
    expect(isImprovement(kpiDefinition('reporting_rate'), null, 5)).toBeNull();
    // a balance is neither good nor bad news by itself
    expect(kpiDefinition('fund_balance').direction).toBe('neutral');
    expect(isImprovement(kpiDefinition('fund_balance'), 10, 5)).toBeNull();
  });
});

describe('the data date and the windows of a running period', () => {
  it('is the last month whose reports are due', () => {
    expect(kpiDataDate(new Date('2026-12-04T10:00:00+08:00'), 10)).toBe('2026-10');
    expect(kpiDataDate(new Date('2026-12-11T00:00:00+08:00'), 10)).toBe('2026-11');
  });

  it('ends a running period at the data date and compares like for like', () => {
    const year = kpiWindows({ kind: 'year', from: '2026-01', to: '2026-12' }, '2026-10');
    expect(year.running).toBe(true);
    expect(year.nothingDue).toBe(false);
    expect(year.current).toEqual({ kind: 'year', from: '2026-01', to: '2026-10' });
    expect(year.samePeriodLastYear).toEqual({ kind: 'year', from: '2025-01', to: '2025-10' });
    expect(year.previous).toEqual(year.samePeriodLastYear);
    const quarter = kpiWindows({ kind: 'quarter', from: '2026-10', to: '2026-12' }, '2026-11');
    expect(quarter.current).toEqual({ kind: 'quarter', from: '2026-10', to: '2026-11' });
    expect(quarter.previous).toEqual({ kind: 'quarter', from: '2026-07', to: '2026-08' });
  });

  it('leaves a complete period whole, and says when nothing in a period is due yet', () => {
    const done = kpiWindows({ kind: 'quarter', from: '2026-07', to: '2026-09' }, '2026-10');
    expect(done).toMatchObject({ running: false, nothingDue: false });
    expect(done.current).toEqual({ kind: 'quarter', from: '2026-07', to: '2026-09' });
    expect(done.previous).toEqual({ kind: 'quarter', from: '2026-04', to: '2026-06' });
    const future = kpiWindows({ kind: 'month', from: '2026-11', to: '2026-11' }, '2026-10');
    expect(future).toMatchObject({ running: true, nothingDue: true });
  });
});
