import {
  daysBetween,
  detectFundIdle,
  detectReportOverdue,
  startOfShanghaiDay,
  wholeMonthsBetween,
} from '@gongfu/domain';
import { describe, expect, it } from 'vitest';
import {
  conditionSince,
  escalates,
  isWithin,
  lastDayOf,
  monthlyWindow,
  reportMonthsToCheck,
  reportWarning,
} from './warning-rules';

describe('report overdue', () => {
  // 2026-10's report is due 2026-11-10 (the default 10th), i.e. before 2026-11-11 00:00 Shanghai
  const onDay = (iso: string) => new Date(iso);

  it('is amber when missing past the due day, red 15 days after, and nothing while still due', () => {
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: null, asOf: '2026-11-10' }),
    ).toBeNull();
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: null, asOf: '2026-11-11' }),
    ).toEqual({ severity: 'amber', timeliness: 'missing', daysOverdue: 1 });
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: null, asOf: '2026-11-25' })?.severity,
    ).toBe('amber');
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: null, asOf: '2026-11-26' }),
    ).toEqual({ severity: 'red', timeliness: 'missing', daysOverdue: 16 });
  });

  it('is the domain rule: a late submission is no warning (the on-time rate counts it), nor one on the due day', () => {
    // 23:59 Shanghai on the due day is still on time
    const lastMinute = onDay('2026-11-10T15:59:00Z');
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: lastMinute, asOf: '2026-11-20' }),
    ).toBeNull();
    const nextMorning = onDay('2026-11-11T00:30:00+08:00');
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: nextMorning, asOf: '2026-11-20' }),
    ).toBeNull();
    for (const asOf of ['2026-11-11', '2026-11-20', '2026-11-30'] as const) {
      const domain = detectReportOverdue({
        month: '2026-10',
        dueDay: 10,
        firstSubmittedAt: null,
        now: startOfShanghaiDay(asOf),
      });
      expect(reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: null, asOf })?.severity).toBe(
        domain?.severity,
      );
    }
  });

  it('as of a past date, a later submission had not happened yet: missing', () => {
    const later = onDay('2026-11-15T09:00:00+08:00');
    expect(
      reportWarning({ month: '2026-10', dueDay: 10, firstSubmittedAt: later, asOf: '2026-11-12' }),
    ).toEqual({ severity: 'amber', timeliness: 'missing', daysOverdue: 2 });
  });

  it('follows the district due day', () => {
    expect(
      reportWarning({ month: '2026-10', dueDay: 20, firstSubmittedAt: null, asOf: '2026-11-15' }),
    ).toBeNull();
    expect(
      reportWarning({ month: '2026-10', dueDay: 5, firstSubmittedAt: null, asOf: '2026-11-06' })?.severity,
    ).toBe('amber');
    expect(
      reportWarning({ month: '2026-10', dueDay: 5, firstSubmittedAt: null, asOf: '2026-11-21' })?.severity,
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

describe('storing', () => {
  it('raises amber to red, never lowers', () => {
    expect(escalates('amber', 'red')).toBe(true);
    expect(escalates('red', 'amber')).toBe(false);
    expect(escalates('red', 'red')).toBe(false);
  });
  it('looks at the twelve months before the month of asOf, and that month', () => {
    const window = monthlyWindow('2026-11-28');
    expect(window).toEqual({ from: '2025-11', to: '2026-11' });
    expect(isWithin('2025-10', window)).toBe(false);
    expect(isWithin('2025-11', window)).toBe(true);
  });
  it('dates a month-only fact on its last day', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
  });
});

describe('when a condition began', () => {
  it('a late report: the due date it missed, so the days since are the rule’s days overdue', () => {
    expect(conditionSince.reportOverdue('2026-10', 10)).toBe('2026-11-10');
    expect(conditionSince.reportOverdue('2026-12', 25)).toBe('2027-01-25');
    const finding = detectReportOverdue({
      month: '2026-10',
      dueDay: 10,
      firstSubmittedAt: null,
      now: startOfShanghaiDay('2026-11-28'),
    });
    expect(daysBetween(conditionSince.reportOverdue('2026-10', 10), '2026-11-28')).toBe(
      finding?.facts.daysOverdue,
    );
  });

  it('an idle fund: the day the rule counts idleness from, so the months since are its idle months', () => {
    const since = conditionSince.ofMonth('2024-11');
    expect(since).toBe('2024-11-30');
    const finding = detectFundIdle({
      fundKind: 'other',
      balanceFen: 1_000_00,
      lastOutflowOn: lastDayOf('2024-11'),
      openedOn: lastDayOf('2024-01'),
      today: '2026-12-08',
    });
    expect(finding?.facts.since).toBe(since);
    expect(wholeMonthsBetween(since, '2026-12-08')).toBe(finding?.facts.idleMonths);
  });

  it('an agreement: the day it came within the window, never before it started', () => {
    expect(conditionSince.agreementExpiring('2026-01-01', '2026-12-20', 90)).toBe('2026-09-21');
    expect(conditionSince.agreementExpiring('2026-01-01', '2026-12-20', 30)).toBe('2026-11-20');
    // a short agreement, signed with less than the window left: ending soon from its first day
    expect(conditionSince.agreementExpiring('2026-11-01', '2026-12-31', 90)).toBe('2026-11-01');
  });

  it('a pledge: its due date', () => {
    expect(conditionSince.pledgeOverdue('2026-10-31')).toBe('2026-10-31');
  });
});
