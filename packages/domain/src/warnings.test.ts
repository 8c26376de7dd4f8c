import { describe, expect, it } from 'vitest';
import {
  detectAgreementExpiring,
  detectFundIdle,
  detectPledgeOverdue,
  detectRemittanceBelowMinimum,
  detectReportOverdue,
  detectRevenueDrop,
  validateWarningThresholds,
  WARNING_THRESHOLDS,
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
    const base = { fundKind: 'governance_special' as const, balanceFen: 1, openedOn: '2023-01-01' as const };
    expect(detectFundIdle({ ...base, lastOutflowOn: '2024-06-16', today: '2025-06-15' })).toBeNull();
    expect(detectFundIdle({ ...base, lastOutflowOn: '2024-06-15', today: '2025-06-15' })?.severity).toBe(
      'amber',
    );
    expect(detectFundIdle({ ...base, lastOutflowOn: null, today: '2025-01-01' })?.severity).toBe('red');
    expect(detectFundIdle({ ...base, balanceFen: 0, lastOutflowOn: null, today: '2025-06-15' })).toBeNull();
  });

  it('fund idle: a reserve is kept, not left idle — never flagged, however long untouched', () => {
    const untouched = { balanceFen: 5_000_000, openedOn: '2020-01-01' as const, lastOutflowOn: null };
    expect(detectFundIdle({ ...untouched, fundKind: 'reserve', today: '2025-06-15' })).toBeNull();
    for (const fundKind of ['governance_special', 'charity_common_prosperity', 'other'] as const) {
      expect(detectFundIdle({ ...untouched, fundKind, today: '2025-06-15' })?.severity).toBe('red');
    }
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

describe('a district’s own thresholds', () => {
  const T = WARNING_THRESHOLDS;

  it('move each rule’s amber and red steps', () => {
    // a fall of 25 %: nothing by default, amber from 20 %, red from 20 % when both steps are 20 %
    expect(detectRevenueDrop(100_000, 75_000)).toBeNull();
    expect(detectRevenueDrop(100_000, 75_000, { ...T, revenueDropBp: 2000 })?.severity).toBe('amber');
    expect(
      detectRevenueDrop(100_000, 75_000, { ...T, revenueDropBp: 2000, revenueDropRedBp: 2000 })?.severity,
    ).toBe('red');
    const late = { month: '2025-06' as const, firstSubmittedAt: null, now: new Date('2025-07-16T12:00:00Z') };
    expect(detectReportOverdue(late)?.severity).toBe('amber'); // 6 days past the 10th
    expect(detectReportOverdue({ ...late, thresholds: { ...T, reportOverdueRedDays: 5 } })?.severity).toBe(
      'red',
    );
    const idle = {
      fundKind: 'other' as const,
      balanceFen: 1,
      openedOn: '2023-01-01' as const,
      lastOutflowOn: '2025-01-15' as const,
    };
    expect(detectFundIdle({ ...idle, today: '2025-07-15' })).toBeNull(); // 6 months
    expect(
      detectFundIdle({ ...idle, today: '2025-07-15', thresholds: { ...T, fundIdleMonths: 6 } }),
    ).toMatchObject({
      severity: 'amber',
    });
    expect(detectAgreementExpiring('2025-12-31', '2025-07-01')).toBeNull(); // 183 days
    expect(
      detectAgreementExpiring('2025-12-31', '2025-07-01', { ...T, agreementExpiringDays: 200 })?.severity,
    ).toBe('amber');
    const pledge = {
      dueOn: '2025-03-31' as const,
      pledgedFen: 100,
      fulfilledFen: 0,
      today: '2025-05-01' as const,
    };
    expect(detectPledgeOverdue(pledge)?.severity).toBe('amber');
    expect(detectPledgeOverdue({ ...pledge, thresholds: { ...T, pledgeOverdueRedDays: 30 } })?.severity).toBe(
      'red',
    );
    expect(detectRemittanceBelowMinimum(1_500_000, 2_000_000)?.severity).toBe('amber');
    expect(
      detectRemittanceBelowMinimum(1_500_000, 2_000_000, { ...T, remittanceRedBp: 8000 })?.severity,
    ).toBe('red');
  });

  it('are valid as shipped; out-of-range values and a red step milder than amber are named by field', () => {
    expect(validateWarningThresholds(T)).toEqual([]);
    expect(
      validateWarningThresholds({
        ...T,
        reportOverdueRedDays: 0,
        revenueDropBp: 1.5,
        fundIdleMonths: 24,
        fundIdleRedMonths: 12,
        agreementExpiringDays: 30,
        agreementExpiringRedDays: 60,
        remittanceRedBp: 10_001,
      }),
    ).toEqual([
      { field: 'reportOverdueRedDays', problem: 'out_of_range' },
      { field: 'revenueDropBp', problem: 'out_of_range' },
      { field: 'remittanceRedBp', problem: 'out_of_range' },
      { field: 'fundIdleRedMonths', problem: 'red_before_amber' },
      { field: 'agreementExpiringRedDays', problem: 'red_before_amber' },
    ]);
    // equal steps are allowed: every finding is then red
    expect(validateWarningThresholds({ ...T, revenueDropRedBp: T.revenueDropBp })).toEqual([]);
  });
});
