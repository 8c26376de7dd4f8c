import { err, ok, type Result } from './result';

/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
 *   1      registration authority (9 = market regulation, 5 = civil affairs, 1 = establishment office…)
 *   2      entity category under that authority
 *   3–8    administrative division code of the registering office (6 digits)
 *   9–17   entity identifier (the former organisation code)
 *   18     check character over the first 17.
 * The alphabet is 0-9 and the capital letters without I, O, S, V, Z (31 characters), so a letter
 * cannot be mistaken for a digit. A character's value is its index in the alphabet.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const BASE = 31;

/** People type codes with spaces and in lower case; the stored form is trimmed, upper case. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * The check character for the first 17 characters: 31 − (Σ value×weight mod 31), with 31 → 0.
 * Useful for generating valid codes in seed data. Throws on a bad body: callers pass their own data.
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`need the first 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`character ${i + 1} (${first17[i]}) is not allowed in a credit code`);
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  const check = (BASE - (sum % BASE)) % BASE;
  return CREDIT_CODE_ALPHABET[check] ?? '';
}

/**
 * Validates a code (after normalising) and returns its normalised form. Errors say what is wrong —
 * length, a character outside the alphabet (with its 1-based position), a non-digit division code,
 * or a check character that does not match (with the one expected) — so a typo can be found.
 */
export function validateCreditCode(input: string): Result<string> {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return err('credit_code.length', { length: code.length });
  for (let i = 0; i < 18; i++) {
    const char = code[i] ?? '';
    if (!CREDIT_CODE_ALPHABET.includes(char)) return err('credit_code.character', { position: i + 1, char });
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return err('credit_code.division', { division: code.slice(2, 8) });
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return err('credit_code.check_digit', { expected, actual: code[17] ?? '' });
  return ok(code);
}

export function isValidCreditCode(input: string): boolean {
  return validateCreditCode(input).ok;
}
