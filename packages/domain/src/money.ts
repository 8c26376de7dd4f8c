import { err, ok, type Result } from './result';

/**
 * Money is integer fen (分) everywhere below the screen: floats would lose fen in sums, and a
 * value outside the safe-integer range would silently round. Every helper here refuses both.
 */
export type Fen = number;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws on a non-integer or unsafe amount: such a value is a programming error, never user input. */
export function assertFen(value: number, label = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${label} must be a safe integer number of fen, got ${value}`);
  }
  return value;
}

/** Sums fen, refusing a total that left the safe-integer range. */
export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0;
  for (const value of values) {
    total += assertFen(value);
    assertFen(total, 'sum');
  }
  return total;
}

/** Whole yuan to fen, for constants and seed data (¥20,000 → 2,000,000 fen). */
export function yuanToFen(yuan: number): Fen {
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`whole yuan expected, got ${yuan}`);
  return assertFen(yuan * 100, 'yuan × 100');
}

export interface FormatYuanOptions {
  /** Thousands separators: 20,000.00 (default false: 20000.00). */
  grouping?: boolean;
  /** Prefix ¥ (default false). */
  symbol?: boolean;
}

/** Fen as yuan with exactly two decimals, computed on integers (no float rounding). */
export function formatYuan(fen: Fen, options: FormatYuanOptions = {}): string {
  assertFen(fen);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100));
  const cents = String(abs % 100).padStart(2, '0');
  const wholeText = options.grouping ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return `${negative ? '-' : ''}${options.symbol ? '¥' : ''}${wholeText}.${cents}`;
}

const YUAN_PATTERN = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan amount typed by a person ("20000", "1234.5", "-0.05") into fen, exactly.
 * More than two decimals is refused rather than rounded: a fen that nobody typed must not appear.
 */
export function parseYuan(text: string): Result<Fen> {
  const match = YUAN_PATTERN.exec(text.trim());
  if (!match) return err('money.invalid_yuan', { value: text });
  const [, sign, whole = '0', decimals = ''] = match;
  const wholeNumber = Number(whole);
  const fen = wholeNumber * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(wholeNumber) || !Number.isSafeInteger(fen)) {
    return err('money.out_of_range', { value: text });
  }
  return ok(sign && fen !== 0 ? -fen : fen);
}

// ---------------------------------------------------------------------------------------------
// 大写金额: the capital numerals printed on vouchers and public boards so a figure cannot be
// altered by adding a stroke. Rules follow the PBoC 《正确填写票据和结算凭证的基本规定》:
// - "元整" when there are no jiao and no fen; no 整 after 角 or 分 (¥1409.50 → 壹仟肆佰零玖元伍角);
// - 拾 is always preceded by a digit (¥15 → 壹拾伍元整), so nothing can be written in front of it;
// - zeros inside the integer part read as one 零 (¥1005 → 壹仟零伍元整, ¥10005 → 壹万零伍元整);
// - when the 元 digit is 0 and there are jiao, one 零 is written after 元 (¥1680.32 → 壹仟陆佰捌拾元零叁角贰分,
//   the first of the two forms the rules allow); when the jiao digit is 0 and there are fen, 零 is written
//   (¥325.04 → 叁佰贰拾伍元零肆分);
// - a negative amount is prefixed with 负; zero is 零元整.
// ---------------------------------------------------------------------------------------------

const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const SMALL_UNITS = ['', '拾', '佰', '仟'] as const;

function digit(n: number): string {
  return CAPITAL_DIGITS[n] ?? '';
}

/** 1..9999 with inner zeros collapsed to one 零 and no trailing 零. */
function capitalBelowTenThousand(n: number): string {
  let text = '';
  let pendingZero = false;
  for (let position = 3; position >= 0; position--) {
    const d = Math.floor(n / 10 ** position) % 10;
    if (d === 0) {
      if (text !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) text += '零';
    pendingZero = false;
    text += digit(d) + SMALL_UNITS[position];
  }
  return text;
}

/** 1..(10^16) using 万 and 亿 groups; a lower group with a leading zero is joined with 零. */
function capitalInteger(n: number): string {
  if (n >= 1e8) {
    const high = Math.floor(n / 1e8);
    const low = n % 1e8;
    if (low === 0) return `${capitalInteger(high)}亿`;
    return `${capitalInteger(high)}亿${low < 1e7 ? '零' : ''}${capitalInteger(low)}`;
  }
  if (n >= 1e4) {
    const high = Math.floor(n / 1e4);
    const low = n % 1e4;
    if (low === 0) return `${capitalBelowTenThousand(high)}万`;
    return `${capitalBelowTenThousand(high)}万${low < 1000 ? '零' : ''}${capitalBelowTenThousand(low)}`;
  }
  return capitalBelowTenThousand(n);
}

/** Fen in Chinese capital numerals: 2,000,000 fen → 贰万元整; 123,456 fen → 壹仟贰佰叁拾肆元伍角陆分. */
export function fenToChineseCapital(fen: Fen): string {
  assertFen(fen);
  if (fen === 0) return '零元整';
  const sign = fen < 0 ? '负' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const fenDigit = abs % 10;

  let text = yuan > 0 ? `${capitalInteger(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${sign}${text}整`;
  if (jiao > 0) {
    if (yuan > 0 && yuan % 10 === 0) text += '零';
    text += `${digit(jiao)}角`;
  } else if (yuan > 0) {
    text += '零';
  }
  if (fenDigit > 0) text += `${digit(fenDigit)}分`;
  return sign + text;
}
