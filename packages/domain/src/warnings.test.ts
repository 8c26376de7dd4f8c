import { describe, expect, it } from 'vitest';
import {
  detectAgreementExpiring,
  detectFundIdle,
  detectPledgeOverdue,
  detectRemittanceBelowMinimum,
  detectReportOverdue,
  detectRevenueDrop,
  wholeMonthsBetween,
} from './warnings';

describe('warning rules', () => {
  it('report overdue: only while missing, red after 15 days', () => {
    const base = { month: '2025-06' as const, firstSubmittedAt: null };
    expect(detectReportOverdue({ ...base, now: new Date('2025-07-10T12:00:00Z') })).toBeNull();
    expect(detectReportOverdue({ ...base, now: new Date('2025-07-11T12:00:00Z') })).toEqual({
      kind: 'report_overdue',
      severity: 'amber',
      facts: { month: '2025-06', dueOn: '2025-07-10', daysOverdue: 1 },
    });
    expect(detectReportOverdue({ ...base, now: new Date('2025-07-26T12:00:00Z') })?.severity).toBe('red');
    expect(
      detectReportOverdue({
        ...base,
        firstSubmittedAt: new Date('2025-07-20T00:00:00Z'),
        now: new Date('2025-08-01T00:00:00Z'),
      }),
    ).toBeNull();
  });

  it('revenue drop: strictly more than 30 %, red above 50 %', () => {
    expect(detectRevenueDrop(100_000, 70_000)).toBeNull(); // exactly 30 %
    expect(detectRevenueDrop(100_000, 69_999)?.severity).toBe('amber');
    expect(detectRevenueDrop(100_000, 50_000)?.severity).toBe('amber');
    expect(detectRevenueDrop(100_000, 49_999)?.severity).toBe('red');
    expect(detectRevenueDrop(0, 0)).toBeNull();
    expect(detectRevenueDrop(100_000, 150_000)).toBeNull();
  });

  it('fund idle: money and no outflow for 12 whole months, red at 24', () => {
    expect(wholeMonthsBetween('2024-01-31', '2024-02-29')).toBe(0);
    expect(wholeMonthsBetween('2024-06-15', '2025-06-15')).toBe(12);
    const base = { balanceFen: 1, openedOn: '2023-01-01' as const };
    expect(detectFundIdle({ ...base, lastOutflowOn: '2024-06-16', today: '2025-06-15' })).toBeNull();
    expect(detectFundIdle({ ...base, lastOutflowOn: '2024-06-15', today: '2025-06-15' })?.severity).toBe(
      'amber',
    );
    expect(detectFundIdle({ ...base, lastOutflowOn: null, today: '2025-01-01' })?.severity).toBe('red');
    expect(detectFundIdle({ ...base, balanceFen: 0, lastOutflowOn: null, today: '2025-06-15' })).toBeNull();
  });

  it('agreement expiring within 90 days, red within 30', () => {
    expect(detectAgreementExpiring('2025-09-30', '2025-07-02')).toMatchObject({
      severity: 'amber',
      facts: { daysLeft: 90 },
    });
    expect(detectAgreementExpiring('2025-09-30', '2025-07-01')).toBeNull(); // 91 days
    expect(detectAgreementExpiring('2025-09-30', '2025-08-31')?.severity).toBe('red'); // 30 days
    expect(detectAgreementExpiring('2025-09-30', '2025-09-01')?.severity).toBe('red');
    expect(detectAgreementExpiring('2025-12-31', '2025-07-01')).toBeNull();
    expect(detectAgreementExpiring('2025-06-30', '2025-07-01')).toBeNull();
  });

  it('pledge overdue when not fulfilled after its due date', () => {
    const base = { dueOn: '2025-03-31' as const, pledgedFen: 10_000_000 };
    expect(detectPledgeOverdue({ ...base, fulfilledFen: 0, today: '2025-03-31' })).toBeNull();
    expect(detectPledgeOverdue({ ...base, fulfilledFen: 4_000_000, today: '2025-04-01' })).toEqual({
      kind: 'pledge_overdue',
      severity: 'amber',
      facts: { dueOn: '2025-03-31', daysOverdue: 1, outstandingFen: 6_000_000 },
    });
    expect(detectPledgeOverdue({ ...base, fulfilledFen: 0, today: '2025-07-30' })?.severity).toBe('red');
    expect(detectPledgeOverdue({ ...base, fulfilledFen: 10_000_000, today: '2026-01-01' })).toBeNull();
  });

  it('remittance below the guaranteed minimum, red below half', () => {
    expect(detectRemittanceBelowMinimum(2_000_000, 2_000_000)).toBeNull();
    expect(detectRemittanceBelowMinimum(1_999_999, 2_000_000)?.severity).toBe('amber');
    expect(detectRemittanceBelowMinimum(1_000_000, 2_000_000)?.severity).toBe('amber');
    expect(detectRemittanceBelowMinimum(999_999, 2_000_000)).toMatchObject({
      severity: 'red',
      facts: { shortfallFen: 1_000_001 },
    });
    expect(detectRemittanceBelowMinimum(0, 0)).toBeNull();
  });
});
