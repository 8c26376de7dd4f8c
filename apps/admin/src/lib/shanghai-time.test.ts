import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  instantText,
  pickerThisMonth,
  pickerToday,
  shanghaiClockText,
  shanghaiDayOfInstant,
  shanghaiThisMonth,
  shanghaiThisYear,
  shanghaiToday,
} from './shanghai-time';

// a browser on UTC (as in CI): 2026-12-31T17:30Z is still the 31st there, but 01:30 on New Year's Day in China
const NEW_YEAR_NIGHT = new Date('2026-12-31T17:30:00Z');
const EARLY_MORNING = new Date('2026-12-04T17:30:00Z'); // 2026-12-05 01:30 in China

const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterAll(() => {
  process.env.TZ = zone;
});

describe('the Shanghai calendar', () => {
  it('runs on a browser whose own calendar is still on the day before', () => {
    // the premise of every test below: the browser's clock alone would say 2026-12-04
    expect(EARLY_MORNING.getDate()).toBe(4);
    expect(NEW_YEAR_NIGHT.getFullYear()).toBe(2026);
  });

  it('counts today, this month and this year in Asia/Shanghai', () => {
    expect(shanghaiToday(EARLY_MORNING)).toBe('2026-12-05');
    expect(shanghaiThisMonth(NEW_YEAR_NIGHT)).toBe('2027-01');
    expect(shanghaiThisYear(NEW_YEAR_NIGHT)).toBe(2027);
    expect(shanghaiThisYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });

  it('gives pickers the Shanghai day and month as local calendar values', () => {
    const day = pickerToday(EARLY_MORNING);
    expect(day.format('YYYY-MM-DD')).toBe('2026-12-05');
    expect(day.isAfter(pickerToday(EARLY_MORNING), 'day')).toBe(false);
    expect(pickerThisMonth(NEW_YEAR_NIGHT).format('YYYY-MM')).toBe('2027-01');
  });

  it('shows instants on the Shanghai day and clock', () => {
    expect(shanghaiDayOfInstant('2026-12-04T17:30:00.000Z')).toBe('2026-12-05');
    expect(shanghaiDayOfInstant('not a time')).toBe('not a time');
    expect(shanghaiClockText(EARLY_MORNING, 'zh-CN')).toBe('01:30');
    expect(shanghaiClockText(EARLY_MORNING, 'en')).toBe('01:30');
    // one form in both languages, on the Shanghai calendar across a year's end
    expect(instantText(NEW_YEAR_NIGHT.toISOString())).toBe('2027-01-01 01:30');
    expect(instantText('2026-12-06T12:58:18.019Z')).toBe('2026-12-06 20:58');
    expect(instantText('not a time')).toBe('not a time');
  });
});
