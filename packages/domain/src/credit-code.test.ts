import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  isValidCreditCode,
  normalizeCreditCode,
  validateCreditCode,
} from './credit-code';

// Codes as printed on real business licences and public registries.
const REAL_CODES = [
  '91350100M000100Y43',
  '914403001922038216',
  '91330100799655058B',
  '9144030071526726XG',
  '91110108551385082Q',
  '91110000802100433B',
  '91440300708461136T',
];

const bodyArb = fc
  .tuple(
    fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET), { minLength: 2, maxLength: 2 }),
    fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }),
    fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET), { minLength: 9, maxLength: 9 }),
  )
  .map(([head, division, id]) => [...head, ...division, ...id].join(''));

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(REAL_CODES)('accepts the real code %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('maps a sum divisible by 31 to check character 0', () => {
    // all zeros: Σ = 0 → 31 − 0 = 31 → 0
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(isValidCreditCode('000000000000000000')).toBe(true);
  });

  it('normalises spaces and lower case', () => {
    expect(normalizeCreditCode(' 9144 0300 7152 6726 xg ')).toBe('9144030071526726XG');
    expect(validateCreditCode('9144030071526726xg')).toEqual({ ok: true, value: '9144030071526726XG' });
  });

  it('refuses wrong length, letters outside the alphabet, a non-digit division and a wrong check', () => {
    expect(validateCreditCode('91350100M000100Y4')).toMatchObject({
      ok: false,
      error: { code: 'credit_code.length', params: { length: 17 } },
    });
    expect(validateCreditCode('91350100M000100Y433')).toMatchObject({
      ok: false,
      error: { code: 'credit_code.length' },
    });
    // I, O, S, V, Z are not in the alphabet
    for (const letter of 'IOSVZ') {
      expect(validateCreditCode(`91350100M000100${letter}43`)).toMatchObject({
        ok: false,
        error: { code: 'credit_code.character', params: { position: 16, char: letter } },
      });
    }
    expect(validateCreditCode('9135A100M000100Y43')).toMatchObject({
      ok: false,
      error: { code: 'credit_code.division' },
    });
    expect(validateCreditCode('91350100M000100Y44')).toEqual({
      ok: false,
      error: { code: 'credit_code.check_digit', params: { expected: '3', actual: '4' } },
    });
  });

  it('detects every single-character change of a real code', () => {
    for (const code of REAL_CODES) {
      for (let i = 0; i < 18; i++) {
        for (const char of CREDIT_CODE_ALPHABET) {
          if (char === code[i]) continue;
          const corrupted = code.slice(0, i) + char + code.slice(i + 1);
          expect(isValidCreditCode(corrupted), corrupted).toBe(false);
        }
      }
    }
  });

  it('the computed check character always validates, and any other one never does', () => {
    fc.assert(
      fc.property(bodyArb, fc.constantFrom(...CREDIT_CODE_ALPHABET), (body, other) => {
        const check = creditCodeCheckChar(body);
        expect(isValidCreditCode(body + check)).toBe(true);
        if (other !== check) expect(isValidCreditCode(body + other)).toBe(false);
      }),
    );
  });

  it('detects swapping two different adjacent characters in the first 17', () => {
    fc.assert(
      fc.property(bodyArb, fc.integer({ min: 0, max: 15 }), (body, i) => {
        const a = body[i] ?? '';
        const b = body[i + 1] ?? '';
        fc.pre(a !== b);
        const swapped = body.slice(0, i) + b + a + body.slice(i + 2);
        fc.pre(/^\d{6}$/.test(swapped.slice(2, 8)));
        expect(isValidCreditCode(swapped + creditCodeCheckChar(body))).toBe(false);
      }),
    );
  });

  it('refuses a body it cannot compute a check for', () => {
    expect(() => creditCodeCheckChar('9135')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100O4')).toThrow(RangeError);
  });
});
