import type { Labels } from './enums';
import { assertFen, type Fen, formatYuan } from './money';
import { err, ok, type Result } from './result';

/** A community's funds. Money leaves any of them only through an approved, disclosed proposal. */
export const FUND_KIND_LABELS = {
  governance_special: { 'zh-CN': '社区治理专项资金', en: 'Community-governance special fund' },
  charity_common_prosperity: { 'zh-CN': '慈善共富基金', en: 'Charity common-prosperity fund' },
  reserve: { 'zh-CN': '公积金（储备）', en: 'Reserve' },
  other: { 'zh-CN': '其他资金', en: 'Other fund' },
} as const satisfies Labels<string>;
export type FundKind = keyof typeof FUND_KIND_LABELS;
export const FUND_KINDS = Object.keys(FUND_KIND_LABELS) as unknown as readonly [FundKind, ...FundKind[]];
export function isFundKind(value: string): value is FundKind {
  return (FUND_KINDS as readonly string[]).includes(value);
}

/**
 * Ledger entries are append-only, each with a positive amount; the kind gives the direction.
 * allocation — profit posted by an approved report (inflow)
 * donation   — enterprise or resident gift, e.g. a cash give-back fulfilment (inflow)
 * grant      — government or street-office grant (inflow)
 * expenditure — a payout of an approved, disclosed proposal (outflow)
 * reversal   — undoes an earlier entry, in the opposite direction of the entry it reverses; a
 *              mistake is corrected by a reversal, never by editing or deleting the entry.
 */
export const LEDGER_ENTRY_KIND_LABELS = {
  allocation: { 'zh-CN': '收益分配计提', en: 'Profit allocation' },
  donation: { 'zh-CN': '捐赠', en: 'Donation' },
  grant: { 'zh-CN': '拨款补助', en: 'Grant' },
  expenditure: { 'zh-CN': '项目支出', en: 'Expenditure' },
  reversal: { 'zh-CN': '冲正', en: 'Reversal' },
} as const satisfies Labels<string>;
export type LedgerEntryKind = keyof typeof LEDGER_ENTRY_KIND_LABELS;
export const LEDGER_ENTRY_KINDS = Object.keys(LEDGER_ENTRY_KIND_LABELS) as unknown as readonly [
  LedgerEntryKind,
  ...LedgerEntryKind[],
];
export function isLedgerEntryKind(value: string): value is LedgerEntryKind {
  return (LEDGER_ENTRY_KINDS as readonly string[]).includes(value);
}

/**
 * What wrote a ledger entry (its source type; the source id names that row): a treasurer's entry, a reversal, a
 * proposal's payout, a give-back pledge's fulfilment, an approved monthly report's postings. The API writes these
 * and the screens tell the entries apart by them.
 */
export const LEDGER_SOURCE_TYPES = [
  'manual',
  'reversal',
  'proposal',
  'pledge_fulfilment',
  'monthly_report',
] as const;
export type LedgerSourceType = (typeof LEDGER_SOURCE_TYPES)[number];

/** The direction of each kind; a reversal takes the opposite of the entry it reverses. */
export const LEDGER_ENTRY_SIGN = {
  allocation: 1,
  donation: 1,
  grant: 1,
  expenditure: -1,
  reversal: 'opposite_of_reversed',
} as const satisfies Record<LedgerEntryKind, 1 | -1 | 'opposite_of_reversed'>;

export interface LedgerEntryLike {
  readonly kind: LedgerEntryKind;
  /** Always positive; the direction comes from the kind. */
  readonly amountFen: Fen;
  /** For a reversal: the kind of the entry it reverses (never another reversal). */
  readonly reversesKind?: Exclude<LedgerEntryKind, 'reversal'> | null;
}

export function validateLedgerEntry<T extends LedgerEntryLike>(entry: T): Result<T> {
  if (!Number.isSafeInteger(entry.amountFen) || entry.amountFen <= 0) {
    return err('money.not_positive', { field: 'amountFen', value: entry.amountFen });
  }
  if (entry.kind === 'reversal') {
    if (!entry.reversesKind || (entry.reversesKind as LedgerEntryKind) === 'reversal') {
      return err('fund.reversal_needs_original');
    }
  } else if (entry.reversesKind) {
    return err('fund.only_reversal_reverses', { kind: entry.kind });
  }
  return ok(entry);
}

export function entrySign(entry: LedgerEntryLike): 1 | -1 {
  const sign = LEDGER_ENTRY_SIGN[entry.kind];
  if (sign !== 'opposite_of_reversed') return sign;
  if (!entry.reversesKind || (entry.reversesKind as LedgerEntryKind) === 'reversal') {
    throw new RangeError('a reversal must name the kind of the entry it reverses');
  }
  return LEDGER_ENTRY_SIGN[entry.reversesKind] === 1 ? -1 : 1;
}

export function isInflow(entry: LedgerEntryLike): boolean {
  return entrySign(entry) === 1;
}

export function signedAmountFen(entry: LedgerEntryLike): Fen {
  return entrySign(entry) * assertFen(entry.amountFen);
}

/** The balance is, by definition, the sum of the entries: there is no balance stored apart from them. */
export function balanceOf(entries: Iterable<LedgerEntryLike>): Fen {
  let balance = 0;
  for (const entry of entries) balance = assertFen(balance + signedAmountFen(entry), 'balance');
  return balance;
}

/** An outflow must leave the balance at zero or above; returns the balance after it. */
export function checkOutflow(balanceFen: Fen, outflowFen: Fen): Result<Fen> {
  assertFen(balanceFen);
  assertFen(outflowFen);
  if (outflowFen <= 0) return err('money.not_positive', { field: 'amountFen', value: outflowFen });
  if (outflowFen > balanceFen) {
    return err('fund.insufficient_balance', {
      balance: formatYuan(balanceFen),
      amount: formatYuan(outflowFen),
      balanceFen,
      amountFen: outflowFen,
    });
  }
  return ok(balanceFen - outflowFen);
}

/** Applies one entry to a balance, refusing any entry (outflow or reversed inflow) that would overdraw. */
export function applyEntry(balanceFen: Fen, entry: LedgerEntryLike): Result<Fen> {
  const valid = validateLedgerEntry(entry);
  if (!valid.ok) return valid;
  if (entrySign(entry) === 1) return ok(assertFen(balanceFen + entry.amountFen, 'balance'));
  return checkOutflow(balanceFen, entry.amountFen);
}

/**
 * Replays a ledger in order and checks the running balance never went below zero — the invariant
 * the database must keep under concurrency; a test or an audit can run the stored entries through it.
 */
export function replayLedger(entries: readonly LedgerEntryLike[]): Result<Fen> {
  let balance = 0;
  for (const [index, entry] of entries.entries()) {
    const next = applyEntry(balance, entry);
    if (!next.ok) return err(next.error.code, { ...next.error.params, index });
    balance = next.value;
  }
  return ok(balance);
}
