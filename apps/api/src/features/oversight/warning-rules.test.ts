import { detectReportOverdue, startOfShanghaiDay } from '@gongfu/domain';
import { describe, expect, it } from 'vitest';
import {
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
