import type { Locale } from './labels';
import { err, ok, type Result } from './result';

/**
 * Months are `YYYY-MM` strings (the API and database form). The template-literal type lets a literal
 * such as '2025-06' through without casting; anything from outside goes through `parseMonth`.
 */
export type Month = `${number}-${number}`;
/** A calendar date `YYYY-MM-DD` in Asia/Shanghai. */
export type LocalDate = `${number}-${number}-${number}`;

const MONTH_PATTERN = /^([12]\d{3})-(0[1-9]|1[0-2])$/;
const DATE_PATTERN = /^([12]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;
/** China has kept UTC+8 without daylight saving since 1991, so Shanghai time is a fixed offset. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

// ----- months ---------------------------------------------------------------------------------

export function isMonth(value: string): value is Month {
  return MONTH_PATTERN.test(value);
}

export function parseMonth(value: string): Result<Month> {
  return isMonth(value) ? ok(value) : err('period.invalid_month', { value });
}

export function makeMonth(year: number, month: number): Month {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !isMonth(text)) {
    throw new RangeError(`no such month: ${year}-${month}`);
  }
  return text as Month;
}

export function monthParts(m: Month): { year: number; month: number } {
  const match = MONTH_PATTERN.exec(m);
  if (!match) throw new RangeError(`not a month: ${m}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** Months since year 0: makes month arithmetic plain integer arithmetic. */
export function monthIndex(m: Month): number {
  const { year, month } = monthParts(m);
  return year * 12 + month - 1;
}

export function monthFromIndex(index: number): Month {
  return makeMonth(Math.floor(index / 12), (index % 12) + 1);
}

export function addMonths(m: Month, count: number): Month {
  return monthFromIndex(monthIndex(m) + count);
}

export function compareMonths(a: Month, b: Month): number {
  return monthIndex(a) - monthIndex(b);
}

/** Inclusive range; empty when `from` is after `to`. */
export function monthRange(from: Month, to: Month): Month[] {
  const start = monthIndex(from);
  const end = monthIndex(to);
  const months: Month[] = [];
  for (let i = start; i <= end; i++) months.push(monthFromIndex(i));
  return months;
}

export type Quarter = 1 | 2 | 3 | 4;

export function quarterOf(m: Month): Quarter {
  return (Math.floor((monthParts(m).month - 1) / 3) + 1) as Quarter;
}

// ----- reporting periods ---------------------------------------------------------------------

/**
 * The periods every KPI can be seen for. A period is always a contiguous, inclusive month range,
 * so summing over it is the same code whatever its kind.
 */
export const PERIOD_KINDS = ['month', 'quarter', 'year', 'ytd'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  readonly kind: PeriodKind;
  readonly from: Month;
  readonly to: Month;
}

export function monthPeriod(m: Month): Period {
  return { kind: 'month', from: m, to: m };
}

export function quarterPeriod(year: number, quarter: Quarter): Period {
  const first = makeMonth(year, (quarter - 1) * 3 + 1);
  return { kind: 'quarter', from: first, to: addMonths(first, 2) };
}

export function yearPeriod(year: number): Period {
  return { kind: 'year', from: makeMonth(year, 1), to: makeMonth(year, 12) };
}

/** January to `m` of the same year (累计). */
export function yearToDate(m: Month): Period {
  return { kind: 'ytd', from: makeMonth(monthParts(m).year, 1), to: m };
}

/** The period of a kind that contains month `m` (for year-to-date: the one ending at `m`). */
export function periodContaining(kind: PeriodKind, m: Month): Period {
  const { year } = monthParts(m);
  switch (kind) {
    case 'month':
      return monthPeriod(m);
    case 'quarter':
      return quarterPeriod(year, quarterOf(m));
    case 'year':
      return yearPeriod(year);
    case 'ytd':
      return yearToDate(m);
  }
}

export function periodMonths(p: Period): Month[] {
  return monthRange(p.from, p.to);
}

export function shiftPeriod(p: Period, months: number): Period {
  return { kind: p.kind, from: addMonths(p.from, months), to: addMonths(p.to, months) };
}

/** The same months one year earlier (同比). */
export function samePeriodLastYear(p: Period): Period {
  return shiftPeriod(p, -12);
}

/**
 * The period just before (环比): previous month, quarter or year. A year-to-date figure is cumulative
 * and has no preceding window of the same meaning, so its "previous period" is the same
 * year-to-date of the year before — the comparison Chinese statistics make for 累计 figures.
 */
export function previousPeriod(p: Period): Period {
  switch (p.kind) {
    case 'month':
      return shiftPeriod(p, -1);
    case 'quarter':
      return shiftPeriod(p, -3);
    case 'year':
    case 'ytd':
      return shiftPeriod(p, -12);
  }
}

const PERIOD_KEY_PATTERN = /^([12]\d{3})(?:-(0[1-9]|1[0-2])(-YTD)?|-Q([1-4]))?$/;

/** URL-friendly keys: `2025-06`, `2025-Q2`, `2025`, `2025-06-YTD`. */
export function periodKey(p: Period): string {
  const { year } = monthParts(p.from);
  switch (p.kind) {
    case 'month':
      return p.from;
    case 'quarter':
      return `${year}-Q${quarterOf(p.from)}`;
    case 'year':
      return String(year);
    case 'ytd':
      return `${p.to}-YTD`;
  }
}

export function parsePeriodKey(key: string): Result<Period> {
  const match = PERIOD_KEY_PATTERN.exec(key);
  if (!match) return err('period.invalid_period', { value: key });
  const [, yearText, monthText, ytd, quarterText] = match;
  const year = Number(yearText);
  if (quarterText) return ok(quarterPeriod(year, Number(quarterText) as Quarter));
  if (!monthText) return ok(yearPeriod(year));
  const month = makeMonth(year, Number(monthText));
  return ok(ytd ? yearToDate(month) : monthPeriod(month));
}

export function periodLabel(p: Period, locale: Locale): string {
  const from = monthParts(p.from);
  const to = monthParts(p.to);
  const en = (m: number) =>
    ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1] ?? '';
  const zh = locale === 'zh-CN';
  switch (p.kind) {
    case 'month':
      return zh ? `${from.year}年${from.month}月` : `${en(from.month)} ${from.year}`;
    case 'quarter':
      return zh ? `${from.year}年第${quarterOf(p.from)}季度` : `Q${quarterOf(p.from)} ${from.year}`;
    case 'year':
      return zh ? `${from.year}年` : String(from.year);
    case 'ytd':
      return zh ? `${to.year}年1–${to.month}月累计` : `${to.year} year to date (Jan–${en(to.month)})`;
  }
}

// ----- dates in Asia/Shanghai ----------------------------------------------------------------

export function isLocalDate(value: string): value is LocalDate {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  // Reject 2025-02-30 and the like: the day must exist in its month.
  return Number(match[3]) <= daysInMonth(Number(match[1]), Number(match[2]));
}

export function parseLocalDate(value: string): Result<LocalDate> {
  return isLocalDate(value) ? ok(value) : err('period.invalid_date', { value });
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/*
 * Day numbers are days since 1970-01-01. The conversions are integer arithmetic (the proleptic Gregorian
 * calendar, H. Hinnant's days_from_civil / civil_from_days), not a round trip through Date's ISO text: a
 * reports list computes a deadline per row and `toISOString` costs about a microsecond (issue 14). `Date.UTC` would
 * do for the way in, but it reads the years 0–99 as 1900–1999, which the text's four digits allow.
 */
function dayNumber(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`not a date: ${date}`);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function dateFromDayNumber(day: number): LocalDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153); // months from March
  const d = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const m = shifted < 10 ? shifted + 3 : shifted - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}` as LocalDate;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return daysBetween(b, a);
}

export function monthOfDate(date: LocalDate): Month {
  return date.slice(0, 7) as Month;
}

/** The calendar date an instant falls on in Shanghai. */
export function shanghaiDateOf(instant: Date): LocalDate {
  const time = instant.getTime();
  if (!Number.isFinite(time)) throw new RangeError('Invalid time value'); // as toISOString threw
  return dateFromDayNumber(Math.floor((time + SHANGHAI_OFFSET_MS) / DAY_MS));
}

export function shanghaiMonthOf(instant: Date): Month {
  return monthOfDate(shanghaiDateOf(instant));
}

/** 00:00 Shanghai time of a date, as an instant. */
export function startOfShanghaiDay(date: LocalDate): Date {
  return new Date(dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}

// ----- report due dates ----------------------------------------------------------------------

export const DEFAULT_REPORT_DUE_DAY = 10;

/** The district's due day must exist in every month, so it is 1..28. */
export function validateDueDay(day: number): Result<number> {
  return Number.isInteger(day) && day >= 1 && day <= 28
    ? ok(day)
    : err('period.invalid_due_day', { value: day });
}

function assertDueDay(day: number): void {
  if (!validateDueDay(day).ok) throw new RangeError(`due day must be an integer 1..28, got ${day}`);
}

/** The day of the following month by which a month's report is due (2025-06 → 2025-07-10). */
export function reportDueDate(month: Month, dueDay = DEFAULT_REPORT_DUE_DAY): LocalDate {
  assertDueDay(dueDay);
  return `${addMonths(month, 1)}-${String(dueDay).padStart(2, '0')}` as LocalDate;
}

/** The first instant that is too late: the due day is included in full, Shanghai time. */
export function reportDeadline(month: Month, dueDay = DEFAULT_REPORT_DUE_DAY): Date {
  assertDueDay(dueDay);
  const { year, month: m } = monthParts(month);
  // the day after the due day of the following month (m is the next month's 0-based index), 00:00 Shanghai
  return new Date(Date.UTC(year, m, dueDay + 1) - SHANGHAI_OFFSET_MS);
}

/**
 * The newest month whose reports are all due at `now`: its deadline has passed. Early in a month that is the month
 * before last (last month's reports are still coming in), from the day after the due day on, last month.
 */
export function latestDueMonth(now: Date, dueDay = DEFAULT_REPORT_DUE_DAY): Month {
  const last = addMonths(shanghaiMonthOf(now), -1);
  return now.getTime() >= reportDeadline(last, dueDay).getTime() ? last : addMonths(last, -1);
}

/**
 * What `latestDueMonth(now, dueDay)` can be, whatever the due day: last month and the month before, newest first.
 * A read that needs the latest due month can be built for both before the district's due day is known.
 */
export function possibleDueMonths(now: Date): readonly [Month, Month] {
  const last = addMonths(shanghaiMonthOf(now), -1);
  return [last, addMonths(last, -1)];
}

export const REPORT_TIMELINESS = ['on_time', 'late', 'missing', 'not_due'] as const;
export type ReportTimeliness = (typeof REPORT_TIMELINESS)[number];

export interface TimelinessInput {
  month: Month;
  dueDay?: number;
  /**
   * The first time the report was submitted. The first submission counts, not the approved one:
   * the reporter met the deadline, and review rounds are the district's time, not theirs.
   */
  firstSubmittedAt: Date | null;
  now: Date;
}

/**
 * on_time: first submitted before the deadline; late: submitted after it; missing: not submitted and
 * the deadline has passed; not_due: not submitted yet and still time to do so.
 */
export function classifyReportTimeliness(input: TimelinessInput): ReportTimeliness {
  const deadline = reportDeadline(input.month, input.dueDay).getTime();
  if (input.firstSubmittedAt) return input.firstSubmittedAt.getTime() < deadline ? 'on_time' : 'late';
  return input.now.getTime() < deadline ? 'not_due' : 'missing';
}
