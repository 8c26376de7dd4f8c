import { describe, expect, it } from 'vitest';
import type { ReportFigures } from './report-figures';
import {
  checkPlausibility,
  flagDirection,
  MIN_OUTLIER_HISTORY,
  median,
  medianAbsoluteDeviation,
  PLAUSIBILITY_RULE_LABELS,
  type PlausibilityFlag,
  plausibilityFlagText,
  plausibilityRuleText,
  reportFigureText,
  unexplainedFields,
} from './report-plausibility';

// Jinhui's tidal market in a typical month.
const typical: ReportFigures = {
  revenueFen: 9_800_000,
  operatingCostFen: 7_600_000,
  stableJobs: 6,
  temporaryJobs: 3,
  residentsServed: 4200,
  serviceTransactions: 15_000,
  eldersServed: 900,
  childrenServed: 300,
  remittanceDueFen: 2_000_000,
  remittanceReceivedFen: 2_000_000,
  serviceRequests: 0,
  requestsWithinPromise: 0,
};

/** Twelve months around the typical one: revenue wobbles by ±¥2,000. */
const year: ReportFigures[] = Array.from({ length: 12 }, (_, i) => ({
  ...typical,
  revenueFen: typical.revenueFen + ((i % 5) - 2) * 100_000,
}));

describe('median and MAD', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9])).toBe(1);
  });
});

describe('checkPlausibility', () => {
  it('flags nothing in a month like the others', () => {
    expect(checkPlausibility(typical, year)).toEqual([]);
  });

  it('flags a revenue more than 3 MADs from the median, with the range it expected', () => {
    const flags = checkPlausibility({ ...typical, revenueFen: 98_000_000 }, year);
    expect(flags).toHaveLength(1);
    const [flag] = flags;
    expect(flag).toMatchObject({ field: 'revenueFen', rule: 'outlier', value: 98_000_000 });
    expect(flag?.reference).toBe(9_750_000); // the mean of the two middle months
    expect(flag?.expectedLow).toBeLessThan(9_800_000);
    expect(flag?.expectedHigh).toBeGreaterThan(9_800_000);
    expect(flag?.expectedHigh).toBeLessThan(98_000_000);
  });

  it('flags a low outlier too, and the expected range never goes below zero', () => {
    const [flag] = checkPlausibility({ ...typical, residentsServed: 100 }, year);
    expect(flag).toMatchObject({ field: 'residentsServed', rule: 'outlier' });
    expect(flag?.expectedLow).toBeGreaterThanOrEqual(0);
  });

  it('does not flag a steady series for a small change (the spread has a floor of 5 % of the median)', () => {
    // every month exactly 4,200 people: MAD is 0, yet 4,300 (+2.4 %) is ordinary
    expect(checkPlausibility({ ...typical, residentsServed: 4300 }, year)).toEqual([]);
    // 4,200 + 3 × 5 % = 4,830 is the edge
    expect(checkPlausibility({ ...typical, residentsServed: 4830 }, year)).toEqual([]);
    expect(checkPlausibility({ ...typical, residentsServed: 4831 }, year)).toHaveLength(1);
  });

  it('needs enough approved history before it calls anything an outlier', () => {
    const short = [
      ...Array(12 - MIN_OUTLIER_HISTORY + 1).fill(null),
      ...year.slice(0, MIN_OUTLIER_HISTORY - 1),
    ];
    const flags = checkPlausibility({ ...typical, revenueFen: 98_000_000 }, short);
    expect(flags.filter((f) => f.rule === 'outlier')).toEqual([]);
    const enough = [...Array(12 - MIN_OUTLIER_HISTORY).fill(null), ...year.slice(0, MIN_OUTLIER_HISTORY)];
    expect(checkPlausibility({ ...typical, revenueFen: 98_000_000 }, enough)).toHaveLength(1);
  });

  it('flags stable jobs changing by more than half against the previous month', () => {
    const history = [...year.slice(0, 11).map(() => null), { ...typical, stableJobs: 6 }];
    expect(checkPlausibility({ ...typical, stableJobs: 9 }, history)).toEqual([]);
    expect(checkPlausibility({ ...typical, stableJobs: 3 }, history)).toEqual([]);
    expect(checkPlausibility({ ...typical, stableJobs: 10 }, history)).toEqual([
      {
        field: 'stableJobs',
        rule: 'jobs_change',
        value: 10,
        expectedLow: 3,
        expectedHigh: 9,
        reference: 6,
      },
    ]);
    expect(checkPlausibility({ ...typical, stableJobs: 2 }, history)[0]?.rule).toBe('jobs_change');
  });

  it('does not compare jobs with a month that has no approved report', () => {
    const history = [...year.slice(0, 11).map(() => null), null];
    expect(checkPlausibility({ ...typical, stableJobs: 60 }, history)).toEqual([]);
  });

  it('flags revenue without any cost (the whole revenue would be profit)', () => {
    expect(checkPlausibility({ ...typical, operatingCostFen: 0 }, [])).toEqual([
      {
        field: 'operatingCostFen',
        rule: 'cost_missing',
        value: 0,
        expectedLow: null,
        expectedHigh: null,
        reference: 9_800_000,
      },
    ]);
    expect(checkPlausibility({ ...typical, revenueFen: 0, operatingCostFen: 0 }, [])).toEqual([]);
  });

  it('flags more remittance received than due', () => {
    const flags = checkPlausibility({ ...typical, remittanceReceivedFen: 2_000_001 }, []);
    expect(flags).toEqual([
      expect.objectContaining({ field: 'remittanceReceivedFen', rule: 'remittance_above_due' }),
    ]);
  });
});

describe('flagDirection', () => {
  it('says whether an outlier lies below or above its range', () => {
    const [high] = checkPlausibility({ ...typical, revenueFen: 98_000_000 }, year);
    expect(high && flagDirection(high)).toBe('above');
    const [low] = checkPlausibility({ ...typical, residentsServed: 0 }, year);
    expect(low).toMatchObject({ field: 'residentsServed', rule: 'outlier', value: 0 });
    expect(low && flagDirection(low)).toBe('below');
  });

  it('has no direction without a range, or for a value inside it', () => {
    const [missing] = checkPlausibility({ ...typical, operatingCostFen: 0 }, [null]);
    expect(missing).toMatchObject({ rule: 'cost_missing' });
    expect(missing && flagDirection(missing)).toBeNull();
    expect(flagDirection({ value: 5, expectedLow: 1, expectedHigh: 9 })).toBeNull();
  });

  it('labels the outlier rule without a direction (the template’s legend shows only the label)', () => {
    expect(PLAUSIBILITY_RULE_LABELS.outlier).toEqual({
      'zh-CN': '不在常见范围内',
      en: 'Outside the usual range',
    });
  });
});

describe('unexplainedFields', () => {
  const flags = checkPlausibility({ ...typical, revenueFen: 98_000_000, operatingCostFen: 0 }, year);

  it('lists each flagged field without an explanation once, in the form’s order', () => {
    expect(unexplainedFields(flags, {})).toEqual(['revenueFen', 'operatingCostFen']);
  });

  it('does not count a blank explanation', () => {
    expect(unexplainedFields(flags, { revenueFen: '春节集市', operatingCostFen: '   ' })).toEqual([
      'operatingCostFen',
    ]);
    expect(unexplainedFields(flags, { revenueFen: '春节集市', operatingCostFen: '场地免租' })).toEqual([]);
  });
});

describe('a flag in words', () => {
  const outlier = (
    field: PlausibilityFlag['field'],
    value: number,
    expectedLow: number,
    expectedHigh: number,
  ): PlausibilityFlag => ({
    field,
    rule: 'outlier',
    value,
    expectedLow,
    expectedHigh,
    reference: (expectedLow + expectedHigh) / 2,
  });

  it('reads a figure as the form does: money in 元 with grouping, counts grouped, fractions rounded', () => {
    expect(reportFigureText('operatingCostFen', 4_123_456, 'zh-CN')).toBe('41,234.56 元');
    expect(reportFigureText('operatingCostFen', 4_947_509.6, 'en')).toBe('49,475.10 yuan');
    expect(reportFigureText('residentsServed', 2776.4, 'zh-CN')).toBe('2,776');
    expect(reportFigureText('stableJobs', 0, 'en')).toBe('0');
  });

  it('says 低于 / 高于 with the range for an outlier, by the side its value lies on', () => {
    expect(plausibilityRuleText(outlier('operatingCostFen', 4_123_456, 4_947_510, 6_693_690), 'zh-CN')).toBe(
      '低于该项目近 12 个月的常见范围（49,475.10 元 – 66,936.90 元）',
    );
    expect(plausibilityRuleText(outlier('revenueFen', 9_800_000, 4_947_510, 6_693_690), 'zh-CN')).toBe(
      '高于该项目近 12 个月的常见范围（49,475.10 元 – 66,936.90 元）',
    );
    expect(plausibilityRuleText(outlier('residentsServed', 0, 2776, 3756), 'en')).toBe(
      'Below this venture’s usual range of the last 12 months (2,776 – 3,756)',
    );
    // a value inside its range (the rule makes no such flag): no side named
    expect(plausibilityRuleText(outlier('residentsServed', 3000, 2776, 3756), 'zh-CN')).toBe(
      '不在该项目近 12 个月的常见范围内（2,776 – 3,756）',
    );
  });

  it('names what the other rules compared with', () => {
    const [jobs, cost, remittance] = checkPlausibility(
      { ...typical, stableJobs: 1, operatingCostFen: 0, remittanceReceivedFen: 2_500_000 },
      [typical],
    );
    expect(jobs && plausibilityRuleText(jobs, 'zh-CN')).toBe('稳定就业岗位较上月（6）变动超过一半');
    expect(cost && plausibilityRuleText(cost, 'en')).toBe(
      'Revenue with zero operating cost: all revenue would count as profit',
    );
    expect(remittance && plausibilityRuleText(remittance, 'zh-CN')).toBe(
      '实际上缴高于应上缴（20,000.00 元）',
    );
  });

  it('whole: the figure, its value, and what the rule says', () => {
    const low = outlier('operatingCostFen', 4_123_456, 4_947_510, 6_693_690);
    expect(plausibilityFlagText(low, 'zh-CN')).toBe(
      '运营成本：41,234.56 元 — 低于该项目近 12 个月的常见范围（49,475.10 元 – 66,936.90 元）',
    );
    expect(plausibilityFlagText(low, 'en')).toBe(
      'Operating cost: 41,234.56 yuan — Below this venture’s usual range of the last 12 months (49,475.10 yuan – 66,936.90 yuan)',
    );
  });
});
