import { describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n';
import {
  changeOf,
  chartUnit,
  chartValue,
  fenScaleOf,
  formatFen,
  formatKpiText,
  formatKpiValue,
  toneOf,
} from './format';

const t = i18n.getFixedT('zh-CN');
const tEn = i18n.getFixedT('en');

describe('KPI formatting', () => {
  it('shows fen as 元 with two decimals below 1 万元, and as 万元 from there on', () => {
    expect(formatFen(0, 'zh-CN', t)).toEqual({ text: '0.00', unit: '元' });
    expect(formatFen(300_000, 'zh-CN', t)).toEqual({ text: '3,000.00', unit: '元' });
    expect(formatFen(999_999, 'zh-CN', t)).toEqual({ text: '9,999.99', unit: '元' });
    expect(formatFen(1_000_000, 'zh-CN', t)).toEqual({ text: '1.00', unit: '万元' });
    expect(formatFen(140_891_800, 'zh-CN', t)).toEqual({ text: '140.89', unit: '万元' });
    expect(formatFen(1_307_376_843, 'zh-CN', t)).toEqual({ text: '1,307.38', unit: '万元' });
    expect(formatFen(-33_573_100, 'zh-CN', t)).toEqual({ text: '-33.57', unit: '万元' });
    expect(formatFen(-1_004_999, 'zh-CN', t)).toEqual({ text: '-1.00', unit: '万元' });
  });

  it('in English, where there is no 万, reads the larger amounts in whole yuan, never "10.92 10k yuan"', () => {
    expect(formatFen(999_999, 'en', tEn)).toEqual({ text: '9,999.99', unit: 'yuan' });
    expect(formatFen(1_092_049, 'en', tEn)).toEqual({ text: '10,920', unit: 'yuan' });
    expect(formatFen(1_307_376_850, 'en', tEn)).toEqual({ text: '13,073,769', unit: 'yuan' });
    expect(formatFen(-33_573_150, 'en', tEn)).toEqual({ text: '-335,732', unit: 'yuan' });
    // a column in the larger scale: every row in whole yuan, one unit for all
    expect(formatKpiText('fen', 4_750_000, 'en', tEn, 'wan')).toBe('47,500 yuan');
    expect(formatKpiText('fen', -43_800, 'en', tEn, 'wan')).toBe('-438 yuan');
    expect(formatKpiText('fen', -40, 'en', tEn, 'wan')).toBe('0 yuan');
    // charts keep 万元, named as a column header is
    expect(chartUnit('fen', tEn)).toBe('10k yuan');
  });

  it('puts a column of amounts in one unit: 万元 as soon as one of them is that large', () => {
    const column = [4_750_000, 997_600, -43_800, null];
    expect(fenScaleOf(column)).toBe('wan');
    expect(fenScaleOf([997_600, -43_800, null])).toBe('yuan');
    expect(formatKpiText('fen', 997_600, 'zh-CN', t, 'wan')).toBe('1.00 万元');
    expect(formatKpiText('fen', -43_800, 'zh-CN', t, 'wan')).toBe('-0.04 万元');
    expect(formatKpiText('fen', 4_750_000, 'zh-CN', t, 'yuan')).toBe('47,500.00 元');
    // without a scale each amount keeps its own
    expect(formatKpiText('fen', 997_600, 'zh-CN', t)).toBe('9,976.00 元');
  });

  it('formats each unit as the definition names it', () => {
    expect(formatKpiValue('ratio', 0.9714285714285714, 'zh-CN', t)).toEqual({ text: '97.1%', unit: '' });
    expect(formatKpiValue('jobs', 1195, 'zh-CN', t)).toEqual({ text: '1,195', unit: '个' });
    expect(formatKpiValue('ratio', null, 'zh-CN', t)).toEqual({ text: '—', unit: '' });
    expect(formatKpiText('people', 13508, 'en', tEn)).toBe('13,508 people');
    expect(chartValue('fen', 140_891_800)).toBeCloseTo(140.8918);
    expect(chartValue('ratio', 0.5)).toBe(50);
  });

  it('colours a change by the direction of the KPI, not by its sign', () => {
    expect(toneOf('higher_is_better', 'up')).toBe('better');
    expect(toneOf('higher_is_better', 'down')).toBe('worse');
    expect(toneOf('lower_is_better', 'up')).toBe('worse');
    expect(toneOf('lower_is_better', 'down')).toBe('better');
    expect(toneOf('neutral', 'up')).toBe('neutral');
    expect(toneOf('higher_is_better', 'flat')).toBe('neutral');
  });

  it('changes amounts by percent of the earlier value and ratios by percentage points', () => {
    const amount = { unit: 'fen', direction: 'higher_is_better' } as const;
    const fig = (value: number | null) => ({ value, numerator: value ?? 0, denominator: null });
    expect(changeOf(amount, fig(140_891_800), fig(274_904_200), 'zh-CN')).toEqual({
      trend: 'down',
      tone: 'worse',
      amount: '48.7%',
      points: false,
    });
    // no positive base: no percentage
    expect(changeOf(amount, fig(100), fig(0), 'zh-CN').trend).toBeNull();
    expect(changeOf(amount, fig(100), null, 'zh-CN').trend).toBeNull();
    const idle = { unit: 'ratio', direction: 'lower_is_better' } as const;
    const ratio = (value: number | null) => ({ value, numerator: 1, denominator: 1 });
    expect(changeOf(idle, ratio(1.7071577890314673), ratio(1.59915701642716), 'zh-CN')).toEqual({
      trend: 'up',
      tone: 'worse',
      amount: '10.8',
      points: true,
    });
    expect(changeOf(idle, ratio(null), ratio(0.5), 'zh-CN').trend).toBeNull();
    expect(changeOf(idle, ratio(0.5), ratio(0.5), 'zh-CN')).toMatchObject({ trend: 'flat', tone: 'neutral' });
  });
});
