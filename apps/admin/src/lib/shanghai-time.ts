import { type LocalDate, type Month, shanghaiDateOf, shanghaiMonthOf } from '@gongfu/domain';
import dayjs, { type Dayjs } from 'dayjs';

// The calendar as the server counts it. The product's users are in China and the API's periods (reporting months,
// due days, the late rule, booking and payout dates) are Asia/Shanghai days; a browser on another time zone (UTC in
// CI, a laptop abroad) is on yesterday between 00:00 and 08:00 China time and on last month on the 1st. Every date
// or month the admin defaults, limits or compares against "now" comes from here, never from `dayjs()` or
// `new Date().getMonth()`. (Durations — how long ago a save was, elapsed time — keep using the clock directly.)

/** Today in Asia/Shanghai, `YYYY-MM-DD`. */
export function shanghaiToday(now: Date = new Date()): LocalDate {
  return shanghaiDateOf(now);
}

/** This month in Asia/Shanghai, `YYYY-MM`. */
export function shanghaiThisMonth(now: Date = new Date()): Month {
  return shanghaiMonthOf(now);
}

/** This year in Asia/Shanghai. */
export function shanghaiThisYear(now: Date = new Date()): number {
  return Number(shanghaiMonthOf(now).slice(0, 4));
}

/**
 * Today in Asia/Shanghai as a date picker's value: antd's pickers hold a calendar day as midnight in the browser's
 * zone, so this is that day's midnight locally — default a day field with it, and compare (`isAfter(…, 'day')`)
 * against it in `disabledDate`.
 */
export function pickerToday(now: Date = new Date()): Dayjs {
  return dayjs(shanghaiToday(now));
}

/** This month in Asia/Shanghai as a month picker's value (its first day, local midnight). */
export function pickerThisMonth(now: Date = new Date()): Dayjs {
  return dayjs(`${shanghaiThisMonth(now)}-01`);
}

/** The Shanghai calendar day of an instant the API sends (ISO 8601), `YYYY-MM-DD`; the text itself if unreadable. */
export function shanghaiDayOfInstant(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : shanghaiDateOf(instant);
}

/** The Shanghai wall-clock time of an instant, hours and minutes ("14:05"), in the UI language; with seconds on request. */
export function shanghaiClockText(instant: Date, language: string, { seconds = false } = {}): string {
  return instant.toLocaleTimeString(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hour12: false,
  });
}

/**
 * An instant as the office reads it, in either language: the Shanghai date and time to the minute,
 * "2026-11-28 14:05" (a locale's own form is ambiguous in English — 06/12/2026 is June to some readers — and
 * differs between pages). Logs ask for the seconds ("14:05:09"): four entries in one minute are otherwise in no
 * readable order.
 */
export function instantText(iso: string, { seconds = false } = {}): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : `${shanghaiDateOf(d)} ${shanghaiClockText(d, 'zh-CN', { seconds })}`;
}
