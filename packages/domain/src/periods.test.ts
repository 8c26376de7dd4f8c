import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  classifyReportTimeliness,
  daysBetween,
  isLocalDate,
  isMonth,
  latestDueMonth,
  type Month,
  makeMonth,
  monthFromIndex,
  monthIndex,
  monthRange,
  parseMonth,
  parsePeriodKey,
  periodContaining,
  periodKey,
  periodLabel,
  periodMonths,
  possibleDueMonths,
  previousPeriod,
  quarterOf,
  quarterPeriod,
  reportDeadline,
  reportDueDate,
  samePeriodLastYear,
  shanghaiDateOf,
  shanghaiMonthOf,
  startOfShanghaiDay,
  validateDueDay,
  yearPeriod,
  yearToDate,
} from './periods';

const monthArb = fc.integer({ min: 1990 * 12, max: 2100 * 12 }).map(monthFromIndex);

describe('months', () => {
  it('validates YYYY-MM', () => {
    expect(isMonth('2025-06')).toBe(true);
    expect(isMonth('2025-6')).toBe(false);
    expect(isMonth('2025-13')).toBe(false);
    expect(isMonth('2025-00')).toBe(false);
    expect(isMonth('2025-06-01')).toBe(false);
    expect(parseMonth('June')).toMatchObject({ ok: false, error: { code: 'period.invalid_month' } });
    expect(() => makeMonth(2025, 13)).toThrow(RangeError);
  });

  it('adds months across years', () => {
    expect(addMonths('2025-06', 1)).toBe('2025-07');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2025-03', -27)).toBe('2022-12');
  });

  it('index and back is the identity, and adding then subtracting is too', () => {
    fc.assert(
      fc.property(monthArb, fc.integer({ min: -500, max: 500 }), (m, n) => {
        expect(monthFromIndex(monthIndex(m))).toBe(m);
        expect(addMonths(addMonths(m, n), -n)).toBe(m);
      }),
    );
  });

  it('ranges are inclusive and empty when reversed', () => {
    expect(monthRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthRange('2025-02', '2025-02')).toEqual(['2025-02']);
    expect(monthRange('2025-03', '2025-02')).toEqual([]);
  });

  it('knows quarters', () => {
    expect(
      ['2025-01', '2025-03', '2025-04', '2025-09', '2025-10', '2025-12'].map((m) => quarterOf(m as Month)),
    ).toEqual([1, 1, 2, 3, 4, 4]);
  });
});

describe('periods', () => {
  it('builds quarter, year and year-to-date', () => {
    expect(quarterPeriod(2025, 2)).toEqual({ kind: 'quarter', from: '2025-04', to: '2025-06' });
    expect(yearPeriod(2025)).toEqual({ kind: 'year', from: '2025-01', to: '2025-12' });
    expect(yearToDate('2025-06')).toEqual({ kind: 'ytd', from: '2025-01', to: '2025-06' });
    expect(periodContaining('quarter', '2025-11')).toEqual({
      kind: 'quarter',
      from: '2025-10',
      to: '2025-12',
    });
    expect(periodMonths(quarterPeriod(2025, 4))).toEqual(['2025-10', '2025-11', '2025-12']);
  });

  it('gives the previous period and the same period last year', () => {
    expect(previousPeriod(periodContaining('month', '2025-01'))).toEqual({
      kind: 'month',
      from: '2024-12',
      to: '2024-12',
    });
    expect(previousPeriod(quarterPeriod(2025, 1))).toEqual(quarterPeriod(2024, 4));
    expect(previousPeriod(yearPeriod(2025))).toEqual(yearPeriod(2024));
    expect(previousPeriod(yearToDate('2025-06'))).toEqual(yearToDate('2024-06'));
    expect(samePeriodLastYear(quarterPeriod(2025, 3))).toEqual(quarterPeriod(2024, 3));
    expect(samePeriodLastYear(periodContaining('month', '2025-06'))).toEqual({
      kind: 'month',
      from: '2024-06',
      to: '2024-06',
    });
  });

  it('the previous period of any period ends the month before it starts, except cumulative ones', () => {
    fc.assert(
      fc.property(monthArb, fc.constantFrom(...(['month', 'quarter', 'year'] as const)), (m, kind) => {
        const p = periodContaining(kind, m);
        expect(addMonths(previousPeriod(p).to, 1)).toBe(p.from);
        expect(periodMonths(previousPeriod(p))).toHaveLength(periodMonths(p).length);
      }),
    );
  });

  it('round-trips period keys', () => {
    for (const key of ['2025-06', '2025-Q2', '2025', '2025-06-YTD']) {
      const parsed = parsePeriodKey(key);
      expect(parsed.ok && periodKey(parsed.value)).toBe(key);
    }
    for (const bad of ['2025-Q5', '2025-13', 'ytd', '2025-06-ytd', '25-06']) {
      expect(parsePeriodKey(bad)).toMatchObject({ ok: false, error: { code: 'period.invalid_period' } });
    }
  });

  it('labels periods in both languages', () => {
    expect(periodLabel(quarterPeriod(2025, 2), 'zh-CN')).toBe('2025年第2季度');
    expect(periodLabel(quarterPeriod(2025, 2), 'en')).toBe('Q2 2025');
    expect(periodLabel(yearToDate('2025-06'), 'zh-CN')).toBe('2025年1–6月累计');
    expect(periodLabel(periodContaining('month', '2025-06'), 'en')).toBe('Jun 2025');
  });
});

describe('dates in Asia/Shanghai', () => {
  it('validates calendar dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-04-31')).toBe(false);
    expect(isLocalDate('2025-4-1')).toBe(false);
  });

  it('does day arithmetic', () => {
    expect(addDays('2025-06-28', 5)).toBe('2025-07-03');
    expect(daysBetween('2025-06-28', '2025-07-03')).toBe(5);
    expect(daysBetween('2025-07-03', '2025-06-28')).toBe(-5);
  });

  // the arithmetic (no Date round trip, issue 14) agrees with JavaScript's own calendar
  const DAY_MS = 86_400_000;
  const viaDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  it('agrees with the calendar day by day from 1000-01-01 to 2999-12-31 (the dates the pattern admits)', () => {
    const first = Date.UTC(1000, 0, 1) / DAY_MS;
    const last = Date.UTC(2999, 11, 31) / DAY_MS;
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: -800, max: 800 }), (day, step) => {
        const date = viaDate(day) as ReturnType<typeof addDays>;
        const target = Math.min(last, Math.max(first, day + step));
        expect(addDays(date, target - day)).toBe(viaDate(target));
        expect(daysBetween(date, viaDate(target) as typeof date)).toBe(target - day);
      }),
      { numRuns: 5000 },
    );
    // every day of 1899–2101, with its leap days and century years
    for (let day = Date.UTC(1899, 0, 1) / DAY_MS; day <= Date.UTC(2101, 11, 31) / DAY_MS; day++) {
      expect(addDays('1970-01-01', day)).toBe(viaDate(day));
    }
  });

  it('accepts exactly the days that exist', () => {
    for (const year of [1900, 1999, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const exists = new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1;
          expect(isLocalDate(text), text).toBe(exists);
        }
      }
    }
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
  });

  it('puts any instant on the Shanghai calendar as Date does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9999, 11, 30) }), (time) => {
        expect(shanghaiDateOf(new Date(time))).toBe(
          new Date(time + 8 * 3_600_000).toISOString().slice(0, 10),
        );
      }),
      { numRuns: 5000 },
    );
    expect(() => shanghaiDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('puts instants on the Shanghai calendar (UTC+8)', () => {
    expect(shanghaiDateOf(new Date('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
    expect(shanghaiDateOf(new Date('2025-06-30T16:00:00Z'))).toBe('2025-07-01');
    expect(shanghaiMonthOf(new Date('2025-06-30T16:00:00Z'))).toBe('2025-07');
    expect(startOfShanghaiDay('2025-07-01').toISOString()).toBe('2025-06-30T16:00:00.000Z');
  });
});

describe('report due dates and timeliness', () => {
  it('is due on a day of the next month, the 10th by default', () => {
    expect(reportDueDate('2025-06')).toBe('2025-07-10');
    expect(reportDueDate('2025-12', 5)).toBe('2026-01-05');
    expect(reportDeadline('2025-06').toISOString()).toBe('2025-07-10T16:00:00.000Z');
    expect(validateDueDay(29)).toMatchObject({ ok: false, error: { code: 'period.invalid_due_day' } });
    expect(validateDueDay(28)).toEqual({ ok: true, value: 28 });
    expect(() => reportDueDate('2025-06', 0)).toThrow(RangeError);
  });

  it('ends the due day at midnight Shanghai time, for every month and due day', () => {
    fc.assert(
      fc.property(monthArb, fc.integer({ min: 1, max: 28 }), (month, dueDay) => {
        expect(reportDeadline(month, dueDay)).toEqual(
          startOfShanghaiDay(addDays(reportDueDate(month, dueDay), 1)),
        );
      }),
    );
    expect(() => reportDeadline('2025-06', 29)).toThrow(RangeError);
  });

  const at = (iso: string) => new Date(iso);
  it('classifies on time, late, missing and not yet due at the Shanghai deadline', () => {
    const month = '2025-06' as const;
    const now = at('2025-08-01T00:00:00Z');
    // 23:59 on the 10th in Shanghai is still on time; midnight starting the 11th is late.
    expect(classifyReportTimeliness({ month, firstSubmittedAt: at('2025-07-10T15:59:59Z'), now })).toBe(
      'on_time',
    );
    expect(classifyReportTimeliness({ month, firstSubmittedAt: at('2025-07-10T16:00:00Z'), now })).toBe(
      'late',
    );
    expect(classifyReportTimeliness({ month, firstSubmittedAt: null, now })).toBe('missing');
    expect(classifyReportTimeliness({ month, firstSubmittedAt: null, now: at('2025-07-10T15:00:00Z') })).toBe(
      'not_due',
    );
    expect(classifyReportTimeliness({ month, firstSubmittedAt: null, now: at('2025-07-10T16:00:00Z') })).toBe(
      'missing',
    );
    expect(
      classifyReportTimeliness({ month, dueDay: 15, firstSubmittedAt: at('2025-07-12T00:00:00Z'), now }),
    ).toBe('on_time');
  });
});

describe('latestDueMonth', () => {
  it('is the month before last until last month’s due day has passed, then last month', () => {
    expect(latestDueMonth(new Date('2026-12-04T10:00:00+08:00'))).toBe('2026-10');
    expect(latestDueMonth(new Date('2026-12-10T23:59:59+08:00'))).toBe('2026-10');
    expect(latestDueMonth(new Date('2026-12-11T00:00:00+08:00'))).toBe('2026-11');
    expect(latestDueMonth(new Date('2026-12-05T00:00:00+08:00'), 4)).toBe('2026-11');
    expect(latestDueMonth(new Date('2027-01-03T00:00:00+08:00'))).toBe('2026-11');
  });

  it('is always one of possibleDueMonths, and each of them is it for some due day', () => {
    // any instant of 2000–2099, Shanghai month ends and year ends included
    const instants = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
      .map((ms) => new Date(ms));
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 28 }), (now, dueDay) => {
        expect(possibleDueMonths(now)).toContain(latestDueMonth(now, dueDay));
      }),
    );
    expect(possibleDueMonths(new Date('2027-01-01T00:30:00+08:00'))).toEqual(['2026-12', '2026-11']);
    // on the 29th the due day of every district has passed; on the 1st none has
    const late = new Date('2026-12-29T12:00:00+08:00');
    expect(latestDueMonth(late, 28)).toBe(possibleDueMonths(late)[0]);
    const early = new Date('2026-12-01T12:00:00+08:00');
    expect(latestDueMonth(early, 1)).toBe(possibleDueMonths(early)[1]);
  });
});
