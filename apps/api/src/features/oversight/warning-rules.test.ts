import { describe, expect, it } from 'vitest';
import {
  agreementExpiryWarning,
  escalates,
  fundIdleWarning,
  monthlyWindow,
  pledgeOverdueWarning,
  remittanceWarning,
  reportMonthsToCheck,
  reportWarning,
  revenueDropWarning,
} from './warning-rules';

describe('report overdue', () => {
  // 2026-10's report is due 2026-11-10 (the default 10th), i.e. before 2026-11-11 00:00 Shanghai
  const onDay = (iso: string) => new Date(iso);

  it('is red when missing past the due day, and nothing while still due', () => {
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: null, asOf: '2026-11-10' }),
    ).toBeNull();
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: null, asOf: '2026-11-11' }),
    ).toEqual({
      severity: 'red',
      timeliness: 'missing',
    });
  });

  it('is amber when first submitted after the due day, nothing when on it', () => {
    // 23:59 Shanghai on the due day is still on time
    const lastMinute = onDay('2026-11-10T15:59:00Z');
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: lastMinute, asOf: '2026-11-20' }),
    ).toBeNull();
    const nextMorning = onDay('2026-11-11T00:30:00+08:00');
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: nextMorning, asOf: '2026-11-20' }),
    ).toEqual({ severity: 'amber', timeliness: 'late' });
  });

  it('as of a past date, a later submission had not happened yet: missing', () => {
    const later = onDay('2026-11-15T09:00:00+08:00');
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: later, asOf: '2026-11-12' }),
    ).toEqual({
      severity: 'red',
      timeliness: 'missing',
    });
  });

  it('follows the district due day', () => {
    expect(
      reportWarning({ month: '2026-10', dueDay: 20, firstSubmittedAt: null, asOf: '2026-11-15' }),
    ).toBeNull();
    expect(
      reportWarning({ month: '2026-10', dueDay: 5, firstSubmittedAt: null, asOf: '2026-11-06' })?.severity,
    ).toBe('red');
  });

  it('checks the last twelve months whose deadline has passed', () => {
    const months = reportMonthsToCheck('2026-11-28', 10).map((m) => m.month);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-11');
    expect(months.at(-1)).toBe('2026-10');
    // on the 5th, last month's report is not due yet
    expect(
      reportMonthsToCheck('2026-11-05', 10)
        .map((m) => m.month)
        .at(-1),
    ).toBe('2026-09');
  });
});

describe('revenue drop', () => {
  it.each([
    [100_000, 70_000, null], // exactly 30 %: not more than 30 %
    [100_000, 69_999, 'amber'],
    [100_000, 50_000, 'amber'], // exactly 50 %
    [100_000, 49_999, 'red'],
    [100_000, 0, 'red'],
    [100_000, 120_000, null],
    [0, 0, null], // nothing to fall from
  ] as const)('%i → %i: %s', (previous, current, severity) => {
    expect(revenueDropWarning(previous, current)?.severity ?? null).toBe(severity);
  });

  it('states the fall in basis points, rounded down', () => {
    expect(revenueDropWarning(300, 200)?.dropBp).toBe(3333);
  });

  it('does not lose precision on large amounts', () => {
    const big = 9_000_000_000_000_00; // within Number.MAX_SAFE_INTEGER
    expect(revenueDropWarning(big, big * 0.7 - 1)?.severity).toBe('amber');
  });
});

describe('fund idle', () => {
  it('needs a positive balance and twelve months without outflow', () => {
    expect(fundIdleWarning({ balanceFen: 1, idleSince: '2025-11', asOf: '2026-11-01' })).toEqual({
      severity: 'amber',
      idleMonths: 12,
    });
    expect(fundIdleWarning({ balanceFen: 1, idleSince: '2025-12', asOf: '2026-11-30' })).toBeNull();
    expect(fundIdleWarning({ balanceFen: 0, idleSince: '2020-01', asOf: '2026-11-30' })).toBeNull();
    expect(fundIdleWarning({ balanceFen: 10, idleSince: null, asOf: '2026-11-30' })).toBeNull();
  });
});

describe('agreement expiring', () => {
  it.each([
    ['2027-02-27', null], // 91 days
    ['2027-02-26', 'amber'], // 90 days
    ['2026-12-29', 'amber'], // 31 days
    ['2026-12-28', 'red'], // 30 days
    ['2026-11-28', 'red'], // today
    ['2026-11-27', null], // ended yesterday: not this rule
  ] as const)('ending %s → %s', (endsOn, severity) => {
    expect(agreementExpiryWarning(endsOn, '2026-11-28')?.severity ?? null).toBe(severity);
  });
});

describe('pledge overdue', () => {
  const base = { dueOn: '2026-10-31', amountFen: 100_000, asOf: '2026-11-28' } as const;
  it('red when nothing was fulfilled, amber when part was, nothing when in full or not yet due', () => {
    expect(pledgeOverdueWarning({ ...base, fulfilledFen: 0 })?.severity).toBe('red');
    expect(pledgeOverdueWarning({ ...base, fulfilledFen: 40_000 })).toMatchObject({
      severity: 'amber',
      outstandingFen: 60_000,
      daysOverdue: 28,
    });
    expect(pledgeOverdueWarning({ ...base, fulfilledFen: 100_000 })).toBeNull();
    expect(pledgeOverdueWarning({ ...base, fulfilledFen: 0, asOf: '2026-10-31' })).toBeNull();
  });
  it('a pledge without an amount is fulfilled by any fulfilment', () => {
    expect(pledgeOverdueWarning({ ...base, amountFen: 0, fulfilledFen: 0 })?.severity).toBe('red');
    expect(pledgeOverdueWarning({ ...base, amountFen: 0, fulfilledFen: 1 })).toBeNull();
  });
});

describe('remittance below the guaranteed minimum', () => {
  it.each([
    [2_000_000, 2_000_000, null],
    [2_000_000, 1_999_999, 'amber'],
    [2_000_000, 1_000_000, 'amber'], // exactly half
    [2_000_000, 999_999, 'red'],
    [0, 0, null], // no guarantee
  ] as const)('minimum %i, received %i → %s', (minimum, received, severity) => {
    expect(remittanceWarning(minimum, received)?.severity ?? null).toBe(severity);
  });
});

describe('storing', () => {
  it('raises amber to red, never lowers', () => {
    expect(escalates('amber', 'red')).toBe(true);
    expect(escalates('red', 'amber')).toBe(false);
    expect(escalates('red', 'red')).toBe(false);
  });
  it('looks at the twelve months before the month of asOf, and that month', () => {
    expect(monthlyWindow('2026-11-28')).toEqual({ from: '2025-11', to: '2026-11' });
  });
});
