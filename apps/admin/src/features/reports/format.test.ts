import type { PlausibilityFlag } from '@gongfu/contract';
import { describe, expect, it } from 'vitest';
import { flagText } from './format';

/** A flag's message as the form and the review drawer render it. */
const message = (flag: PlausibilityFlag, lng: 'zh-CN' | 'en'): string => flagText(flag, lng);

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

describe('a plausibility flag’s message', () => {
  it('says 低于 for a value below the usual range (money and counts)', () => {
    expect(message(outlier('operatingCostFen', 4_123_456, 4_947_510, 6_693_690), 'zh-CN')).toBe(
      '低于该项目近 12 个月的常见范围（49,475.10 元 – 66,936.90 元）',
    );
    expect(message(outlier('residentsServed', 0, 2776, 3756), 'zh-CN')).toBe(
      '低于该项目近 12 个月的常见范围（2,776 – 3,756）',
    );
  });

  it('says 高于 for a value above it', () => {
    expect(message(outlier('revenueFen', 9_800_000, 4_947_510, 6_693_690), 'zh-CN')).toBe(
      '高于该项目近 12 个月的常见范围（49,475.10 元 – 66,936.90 元）',
    );
  });

  it('says below / above in English', () => {
    expect(message(outlier('residentsServed', 0, 2776, 3756), 'en')).toBe(
      'Below this venture’s usual range of the last 12 months (2,776 – 3,756)',
    );
    expect(message(outlier('revenueFen', 9_800_000, 4_947_510, 6_693_690), 'en')).toBe(
      'Above this venture’s usual range of the last 12 months (49,475.10 yuan – 66,936.90 yuan)',
    );
  });

  it('names no direction where the value is not outside the range, and leaves the other rules as they were', () => {
    expect(message(outlier('residentsServed', 3000, 2776, 3756), 'zh-CN')).toBe(
      '不在该项目近 12 个月的常见范围内（2,776 – 3,756）',
    );
    const jobs: PlausibilityFlag = {
      field: 'stableJobs',
      rule: 'jobs_change',
      value: 1,
      expectedLow: 3,
      expectedHigh: 9,
      reference: 6,
    };
    expect(message(jobs, 'zh-CN')).toBe('稳定就业岗位较上月（6）变动超过一半');
    // a language the domain has no words in reads as the default, Chinese
    expect(flagText(jobs, 'fr')).toBe('稳定就业岗位较上月（6）变动超过一半');
  });
});
