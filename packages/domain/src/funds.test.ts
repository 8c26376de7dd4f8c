import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEntry,
  balanceOf,
  checkOutflow,
  entrySign,
  FUND_KINDS,
  LEDGER_ENTRY_KINDS,
  type LedgerEntryLike,
  replayLedger,
  signedAmountFen,
  validateLedgerEntry,
} from './funds';

describe('fund and entry kinds', () => {
  it('has the funds of the brief', () => {
    expect(FUND_KINDS).toEqual(['governance_special', 'charity_common_prosperity', 'reserve', 'other']);
    expect(LEDGER_ENTRY_KINDS).toEqual(['allocation', 'donation', 'grant', 'expenditure', 'reversal']);
  });

  it('gives inflows +, expenditures − and reversals the opposite of what they reverse', () => {
    expect(entrySign({ kind: 'allocation', amountFen: 1 })).toBe(1);
    expect(entrySign({ kind: 'donation', amountFen: 1 })).toBe(1);
    expect(entrySign({ kind: 'grant', amountFen: 1 })).toBe(1);
    expect(entrySign({ kind: 'expenditure', amountFen: 1 })).toBe(-1);
    expect(entrySign({ kind: 'reversal', amountFen: 1, reversesKind: 'donation' })).toBe(-1);
    expect(entrySign({ kind: 'reversal', amountFen: 1, reversesKind: 'expenditure' })).toBe(1);
    expect(() => entrySign({ kind: 'reversal', amountFen: 1 })).toThrow(RangeError);
    expect(signedAmountFen({ kind: 'expenditure', amountFen: 500 })).toBe(-500);
  });

  it('validates entries', () => {
    expect(validateLedgerEntry({ kind: 'donation', amountFen: 0 })).toMatchObject({
      ok: false,
      error: { code: 'money.not_positive' },
    });
    expect(validateLedgerEntry({ kind: 'donation', amountFen: 1.5 }).ok).toBe(false);
    expect(validateLedgerEntry({ kind: 'reversal', amountFen: 5 })).toMatchObject({
      ok: false,
      error: { code: 'fund.reversal_needs_original' },
    });
    expect(validateLedgerEntry({ kind: 'grant', amountFen: 5, reversesKind: 'donation' })).toMatchObject({
      ok: false,
      error: { code: 'fund.only_reversal_reverses' },
    });
  });
});

describe('balance', () => {
  const ledger: LedgerEntryLike[] = [
    { kind: 'allocation', amountFen: 1_600_000 },
    { kind: 'donation', amountFen: 500_000 },
    { kind: 'expenditure', amountFen: 300_000 },
    { kind: 'reversal', amountFen: 500_000, reversesKind: 'donation' },
    { kind: 'reversal', amountFen: 300_000, reversesKind: 'expenditure' },
  ];

  it('is the sum of the entries', () => {
    expect(balanceOf(ledger)).toBe(1_600_000);
    expect(replayLedger(ledger)).toEqual({ ok: true, value: 1_600_000 });
    expect(balanceOf([])).toBe(0);
  });

  it('never lets an outflow take it below zero', () => {
    expect(checkOutflow(1000, 1000)).toEqual({ ok: true, value: 0 });
    expect(checkOutflow(1000, 1001)).toMatchObject({
      ok: false,
      error: { code: 'fund.insufficient_balance', params: { balance: '10.00', amount: '10.01' } },
    });
    expect(checkOutflow(1000, 0)).toMatchObject({ ok: false, error: { code: 'money.not_positive' } });
    // reversing an inflow is an outflow too
    expect(applyEntry(100, { kind: 'reversal', amountFen: 101, reversesKind: 'grant' })).toMatchObject({
      ok: false,
    });
    expect(applyEntry(100, { kind: 'grant', amountFen: 1 })).toEqual({ ok: true, value: 101 });
  });

  it('replay names the entry that would overdraw', () => {
    expect(
      replayLedger([
        { kind: 'grant', amountFen: 100 },
        { kind: 'expenditure', amountFen: 60 },
        { kind: 'expenditure', amountFen: 60 },
      ]),
    ).toMatchObject({ ok: false, error: { code: 'fund.insufficient_balance', params: { index: 2 } } });
  });

  it('a replay that is accepted never goes negative and equals the sum of entries', () => {
    const entryArb = fc.oneof(
      fc.record({
        kind: fc.constantFrom('allocation', 'donation', 'grant', 'expenditure' as const),
        amountFen: fc.integer({ min: 1, max: 1_000_000 }),
      }),
      fc.record({
        kind: fc.constant('reversal' as const),
        amountFen: fc.integer({ min: 1, max: 1_000_000 }),
        reversesKind: fc.constantFrom('allocation', 'donation', 'grant', 'expenditure' as const),
      }),
    );
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), (entries) => {
        // apply one by one, skipping those refused, as a service serialising payouts would
        const accepted: LedgerEntryLike[] = [];
        let balance = 0;
        for (const entry of entries) {
          const next = applyEntry(balance, entry);
          if (!next.ok) continue;
          balance = next.value;
          accepted.push(entry);
          expect(balance).toBeGreaterThanOrEqual(0);
        }
        expect(balanceOf(accepted)).toBe(balance);
        expect(replayLedger(accepted)).toEqual({ ok: true, value: balance });
      }),
    );
  });
});
