import { describe, expect, it } from 'vitest';
import { inputToTarget, parseTarget, targetToInput } from './target-values';

describe('a money target is typed in 万元 and stored in fen, exactly', () => {
  it('reads 万元 with up to six decimals as integer fen', () => {
    expect(parseTarget('fen', '12.5')).toEqual({ ok: true, value: 12_500_000 });
    expect(parseTarget('fen', '3000')).toEqual({ ok: true, value: 3_000_000_000 });
    expect(parseTarget('fen', '70.12')).toEqual({ ok: true, value: 70_120_000 });
    expect(parseTarget('fen', '0.0001')).toEqual({ ok: true, value: 100 }); // 1 元
    expect(parseTarget('fen', '0.000001')).toEqual({ ok: true, value: 1 }); // 1 分
    expect(parseTarget('fen', '3200.00005')).toEqual({ ok: true, value: 3_200_000_050 });
    // where a float would drift (0.29 × 1,000,000 = 290,000.00000000006)
    expect(parseTarget('fen', '0.29')).toEqual({ ok: true, value: 290_000 });
    expect(parseTarget('fen', '1234567.890123')).toEqual({ ok: true, value: 1_234_567_890_123 });
    // as a district writes them: grouped, a trailing point, a leading point, spaces, trailing zeros
    expect(parseTarget('fen', ' 1,000.5 ')).toEqual({ ok: true, value: 1_000_500_000 });
    expect(parseTarget('fen', '1，000')).toEqual({ ok: true, value: 1_000_000_000 });
    expect(parseTarget('fen', '12.')).toEqual({ ok: true, value: 12_000_000 });
    expect(parseTarget('fen', '.5')).toEqual({ ok: true, value: 500_000 });
    expect(parseTarget('fen', '12.50000000')).toEqual({ ok: true, value: 12_500_000 });
    // the largest target, 10 万亿元
    expect(parseTarget('fen', '1000000000')).toEqual({ ok: true, value: 1_000_000_000_000_000 });
  });

  it('refuses what is finer than a fen, rather than rounding it, and what is not a number', () => {
    expect(parseTarget('fen', '12.3456789')).toEqual({ ok: false, reason: 'precision' });
    expect(parseTarget('fen', '0.0000001')).toEqual({ ok: false, reason: 'precision' });
    for (const text of ['abc', '-3', '12.5万', '1.2.3', '１２']) {
      expect(parseTarget('fen', text)).toEqual({ ok: false, reason: 'number' });
    }
    expect(parseTarget('fen', '   ')).toEqual({ ok: true, value: null });
    expect(inputToTarget('fen', '12.3456789')).toBeUndefined();
    expect(inputToTarget('fen', '')).toBeNull();
  });

  it('shows a stored amount in 万元 with the decimals it has, and reads it back to the same fen', () => {
    expect(targetToInput('fen', 3_000_000_000)).toBe('3000');
    expect(targetToInput('fen', 12_500_000)).toBe('12.5');
    expect(targetToInput('fen', 70_120_000)).toBe('70.12');
    expect(targetToInput('fen', 3_200_000_050)).toBe('3200.00005');
    expect(targetToInput('fen', 1)).toBe('0.000001');
    expect(targetToInput('fen', 0)).toBe('0');
    let seed = 20_261_208;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let i = 0; i < 500; i++) {
      const fen = (next() % 1_000_000) * 1_000_000_000 + (next() % 1_000_000_000);
      expect(inputToTarget('fen', targetToInput('fen', fen))).toBe(fen);
    }
  });
});

describe('the other units keep their own', () => {
  it('a rate in percent with two decimals, a count whole', () => {
    expect(parseTarget('bp', '95.5')).toEqual({ ok: true, value: 9550 });
    expect(parseTarget('bp', '95.55')).toEqual({ ok: true, value: 9555 });
    expect(parseTarget('bp', '95.555')).toEqual({ ok: false, reason: 'precision' });
    expect(targetToInput('bp', 9550)).toBe('95.5');
    expect(targetToInput('bp', 10_000)).toBe('100');
    expect(parseTarget('count', '12')).toEqual({ ok: true, value: 12 });
    expect(parseTarget('count', '12.5')).toEqual({ ok: false, reason: 'precision' });
    expect(targetToInput('count', 195)).toBe('195');
  });
});
