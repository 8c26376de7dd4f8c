import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertFen, fenToChineseCapital, formatYuan, parseYuan, sumFen, yuanToFen } from './money';

describe('fen guards', () => {
  it('accepts safe integers and refuses floats and unsafe values', () => {
    expect(assertFen(0)).toBe(0);
    expect(assertFen(-15)).toBe(-15);
    expect(() => assertFen(1.5)).toThrow(RangeError);
    expect(() => assertFen(Number.NaN)).toThrow(RangeError);
    expect(() => assertFen(2 ** 53)).toThrow(RangeError);
  });

  it('sums fen and refuses a total out of range', () => {
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(sumFen([])).toBe(0);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('converts whole yuan to fen', () => {
    expect(yuanToFen(20000)).toBe(2_000_000);
    expect(() => yuanToFen(1.5)).toThrow(RangeError);
  });
});

describe('formatYuan', () => {
  it('shows two decimals, computed on integers', () => {
    expect(formatYuan(2_000_000)).toBe('20000.00');
    expect(formatYuan(123_456)).toBe('1234.56');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-123_456_789, { grouping: true, symbol: true })).toBe('-¥1,234,567.89');
    expect(formatYuan(100_000, { grouping: true })).toBe('1,000.00');
    expect(formatYuan(99_999, { grouping: true })).toBe('999.99');
  });

  it('round-trips with parseYuan for every safe amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (fen) => {
        const parsed = parseYuan(formatYuan(fen));
        expect(parsed).toEqual({ ok: true, value: fen });
      }),
    );
  });
});

describe('parseYuan', () => {
  it('parses exactly and refuses a third decimal', () => {
    expect(parseYuan('20000')).toEqual({ ok: true, value: 2_000_000 });
    expect(parseYuan(' 1234.5 ')).toEqual({ ok: true, value: 123_450 });
    expect(parseYuan('-0.05')).toEqual({ ok: true, value: -5 });
    expect(parseYuan('-0')).toEqual({ ok: true, value: 0 });
    expect(parseYuan('0.1')).toEqual({ ok: true, value: 10 });
    expect(parseYuan('1.005')).toMatchObject({ ok: false, error: { code: 'money.invalid_yuan' } });
    expect(parseYuan('1e3')).toMatchObject({ ok: false, error: { code: 'money.invalid_yuan' } });
    expect(parseYuan('')).toMatchObject({ ok: false, error: { code: 'money.invalid_yuan' } });
    expect(parseYuan('99999999999999999')).toMatchObject({
      ok: false,
      error: { code: 'money.out_of_range' },
    });
  });
});

describe('fenToChineseCapital (大写金额)', () => {
  it.each([
    [2_000_000, '贰万元整'],
    [123_456, '壹仟贰佰叁拾肆元伍角陆分'],
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角'],
    [100, '壹元整'],
    [1_500, '壹拾伍元整'],
    [1_000, '壹拾元整'],
    [100_500, '壹仟零伍元整'],
    [105_000, '壹仟零伍拾元整'],
    [1_000_500, '壹万零伍元整'],
    [168_032, '壹仟陆佰捌拾元零叁角贰分'],
    [10_700_053, '壹拾万柒仟元零伍角叁分'],
    [140_950, '壹仟肆佰零玖元伍角'],
    [600_714, '陆仟零柒元壹角肆分'],
    [32_504, '叁佰贰拾伍元零肆分'],
    [100_000_000, '壹佰万元整'],
    [10_000_000_000, '壹亿元整'],
    [10_000_500_000, '壹亿零伍仟元整'],
    [11_000_000_000, '壹亿壹仟万元整'],
    [100_000_000_000_000, '壹万亿元整'],
    [-123_456, '负壹仟贰佰叁拾肆元伍角陆分'],
    [Number.MAX_SAFE_INTEGER, '玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
  ])('%i fen → %s', (fen, expected) => {
    expect(fenToChineseCapital(fen)).toBe(expected);
  });

  it('uses only capital numerals and units, never two 零 in a row, never ending in 零', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (fen) => {
        fc.pre(fen !== 0); // 零元整 is the one text that may start with 零 (tested above)
        const text = fenToChineseCapital(fen);
        expect(text).toMatch(/^负?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
        expect(text).not.toMatch(/零零|零[元万亿角分]|零$/);
        expect(text.endsWith('整')).toBe(fen % 100 === 0);
      }),
    );
  });
});
