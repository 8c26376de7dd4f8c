import { describe, expect, it } from 'vitest';
import { comparedMonthsLabel } from './format';

const q3 = {
  kind: 'quarter' as const,
  key: '2026-Q3',
  from: '2026-07',
  to: '2026-09',
  label: { 'zh-CN': '2026年第3季度', en: 'Q3 2026' },
};

describe('comparedMonthsLabel: the months a running period is compared with', () => {
  it('names the whole period once it is over', () => {
    expect(comparedMonthsLabel(q3, null, 'zh-CN')).toBe('2026年第3季度');
    expect(comparedMonthsLabel(q3, null, 'en')).toBe('Q3 2026');
  });

  it('names one month, or the span of months, the running period has so far', () => {
    expect(comparedMonthsLabel(q3, 0, 'zh-CN')).toBe('2026年7月');
    expect(comparedMonthsLabel(q3, 0, 'en')).toBe('Jul 2026');
    expect(comparedMonthsLabel(q3, 1, 'zh-CN')).toBe('2026年7–8月');
    expect(comparedMonthsLabel(q3, 1, 'en')).toBe('Jul–Aug 2026');
  });
});
