import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidKpiTarget,
  KPI_TARGET_KEYS,
  kpiTargetGoalLine,
  kpiTargetKind,
  kpiTargetProgress,
  kpiTargetRange,
  kpiTargetUnit,
} from './kpi-targets';
import { KPI_DEFINITIONS, KPI_KEYS } from './kpis';

const def = KPI_DEFINITIONS;

describe('what a target is, per KPI', () => {
  it('flows are the year’s total, stable jobs a level, ratios a rate in basis points', () => {
    expect(kpiTargetKind(def.operating_revenue)).toBe('flow');
    expect(kpiTargetKind(def.residents_served)).toBe('flow');
    expect(kpiTargetKind(def.stable_jobs)).toBe('stock');
    expect(kpiTargetKind(def.reporting_rate)).toBe('rate');
    expect(kpiTargetKind(def.fund_idle_ratio)).toBe('rate');
    expect(kpiTargetUnit(def.community_income)).toBe('fen');
    expect(kpiTargetUnit(def.stable_jobs)).toBe('count');
    expect(kpiTargetUnit(def.on_time_rate)).toBe('bp');
  });

  it('every judged KPI takes a target, the neutral fund balance none', () => {
    expect(KPI_TARGET_KEYS).not.toContain('fund_balance');
    expect(KPI_TARGET_KEYS).toHaveLength(KPI_KEYS.length - 1);
  });

  it('bounds: positive for more-is-better, a ceiling may be 0, a rate at most 100 %', () => {
    expect(kpiTargetRange(def.reporting_rate)).toEqual({ min: 1, max: 10_000 });
    expect(kpiTargetRange(def.fund_idle_ratio)).toEqual({ min: 0, max: 10_000 });
    expect(isValidKpiTarget('fund_idle_ratio', 0)).toBe(true);
    expect(isValidKpiTarget('reporting_rate', 0)).toBe(false);
    expect(isValidKpiTarget('reporting_rate', 10_001)).toBe(false);
    expect(isValidKpiTarget('operating_revenue', 1.5)).toBe(false);
    expect(isValidKpiTarget('operating_revenue', 120_000_000_00)).toBe(true);
    expect(isValidKpiTarget('fund_balance', 100)).toBe(false);
  });
});

describe('progress to a yearly target', () => {
  it('a flow: year to date ÷ target, behind when under the months’ pro-rata share', () => {
    // ¥120,000 a year; by March ¥30,000 are due (3/12)
    const target = 120_000_00;
    expect(
      kpiTargetProgress(
        def.operating_revenue,
        target,
        { numerator: 30_000_00, denominator: null },
        '2026-03',
      ),
    ).toEqual({
      expected: 30_000_00,
      progressBp: 2500,
      belowTarget: false,
    });
    expect(
      kpiTargetProgress(def.operating_revenue, target, { numerator: 29_999_99, denominator: null }, '2026-03')
        .belowTarget,
    ).toBe(true);
    // a loss is negative progress, and behind
    expect(
      kpiTargetProgress(def.net_profit, target, { numerator: -12_000_00, denominator: null }, '2026-12'),
    ).toEqual({
      expected: target,
      progressBp: -1000,
      belowTarget: true,
    });
  });

  it('a flow compares with target × m ÷ 12 exactly, not with its rounded share', () => {
    // 100 fen a year: by January 8.33… fen are due, shown as 8; 8 is behind, 9 is not
    const p8 = kpiTargetProgress(def.residents_served, 100, { numerator: 8, denominator: null }, '2026-01');
    expect(p8).toEqual({ expected: 8, progressBp: 800, belowTarget: true });
    expect(
      kpiTargetProgress(def.residents_served, 100, { numerator: 9, denominator: null }, '2026-01')
        .belowTarget,
    ).toBe(false);
  });

  it('a stock: the level now against the level to reach', () => {
    expect(kpiTargetProgress(def.stable_jobs, 40, { numerator: 30, denominator: null }, '2026-06')).toEqual({
      expected: 40,
      progressBp: 7500,
      belowTarget: true,
    });
    expect(
      kpiTargetProgress(def.stable_jobs, 40, { numerator: 41, denominator: null }, '2026-06').belowTarget,
    ).toBe(false);
  });

  it('a rate: exact cross-multiplication, direction-aware', () => {
    // 95 % target; 19 of 20 = 95 % exactly is not below
    expect(
      kpiTargetProgress(def.reporting_rate, 9500, { numerator: 19, denominator: 20 }, '2026-05'),
    ).toEqual({
      expected: 9500,
      progressBp: 10_000,
      belowTarget: false,
    });
    expect(
      kpiTargetProgress(def.reporting_rate, 9500, { numerator: 18, denominator: 20 }, '2026-05'),
    ).toEqual({
      expected: 9500,
      progressBp: 9474,
      belowTarget: true,
    });
    // lower is better: idle 60 % against a 30 % ceiling is behind, progress target ÷ actual
    expect(
      kpiTargetProgress(def.fund_idle_ratio, 3000, { numerator: 60, denominator: 100 }, '2026-05'),
    ).toEqual({
      expected: 3000,
      progressBp: 5000,
      belowTarget: true,
    });
    // nothing idle: within the ceiling, progress has no divisor
    expect(
      kpiTargetProgress(def.fund_idle_ratio, 3000, { numerator: 0, denominator: 100 }, '2026-05'),
    ).toEqual({
      expected: 3000,
      progressBp: null,
      belowTarget: false,
    });
  });

  it('null rules: no base, nothing due', () => {
    expect(kpiTargetProgress(def.reporting_rate, 9500, { numerator: 0, denominator: 0 }, '2026-05')).toEqual({
      expected: 9500,
      progressBp: null,
      belowTarget: null,
    });
    expect(
      kpiTargetProgress(def.reporting_rate, 9500, { numerator: 5, denominator: -3 }, '2026-05').belowTarget,
    ).toBe(null);
    expect(kpiTargetProgress(def.operating_revenue, 100, null, null)).toEqual({
      expected: null,
      progressBp: null,
      belowTarget: null,
    });
  });

  it('property: a higher-is-better rate is below target exactly when its value is under it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (target, n, d) => {
          const p = kpiTargetProgress(def.on_time_rate, target, { numerator: n, denominator: d }, '2026-07');
          expect(p.belowTarget).toBe(n * 10_000 < target * d);
          // progress is the rounded quotient: never more than half a basis point off
          expect(
            Math.abs((p.progressBp as number) - (n * 10_000 * 10_000) / (d * target)),
          ).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });

  it('property: exact beyond the safe-integer range of the products', () => {
    const big = 9_000_000_000_000_00;
    const p = kpiTargetProgress(
      def.operating_revenue,
      1_000_000_000_000_000,
      { numerator: big, denominator: null },
      '2026-12',
    );
    expect(p.progressBp).toBe(9000);
    expect(p.belowTarget).toBe(true);
  });
});

describe('the goal line of a monthly chart', () => {
  it('a flow’s monthly pace, a stock’s or a rate’s target as it is', () => {
    expect(kpiTargetGoalLine(def.operating_revenue, 120_000_00)).toBe(10_000_00);
    expect(kpiTargetGoalLine(def.operating_revenue, 18)).toBe(2); // 1.5 → 2
    expect(kpiTargetGoalLine(def.stable_jobs, 40)).toBe(40);
    expect(kpiTargetGoalLine(def.reporting_rate, 9500)).toBe(9500);
  });
});
