import type { ReportStatusRow } from '@gongfu/contract';
import {
  addMonths,
  daysBetween,
  formatYuan,
  type LocalDate,
  type Month,
  shanghaiDateOf,
  shanghaiMonthOf,
} from '@gongfu/domain';

/** The month whose reports are being filed now: the one before today's (Asia/Shanghai). */
export function openReportMonth(now: Date = new Date()): Month {
  return addMonths(shanghaiMonthOf(now), -1);
}

/** Whole days from today (Asia/Shanghai) to a due date: negative once it has passed. */
export function daysUntil(dueDate: string, now: Date = new Date()): number {
  return daysBetween(shanghaiDateOf(now), dueDate as LocalDate);
}

/** Fen as 元 with two decimals and grouping, the unit in the UI language (1,234.50 元 / 1,234.50 yuan). */
export function yuanLabel(fen: number, language: string): string {
  return `${formatYuan(fen, { grouping: true })} ${language === 'en' ? 'yuan' : '元'}`;
}

/** `2026-11` as 2026年11月 / Nov 2026. */
export function monthLabel(month: string, language: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  if (language === 'en') {
    return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString('en-US', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return `${year}年${m}月`;
}

/** A month's status rows still owed: nothing submitted yet, a draft, or returned (the to-do and the workplace). */
export const OWED_REPORT_STATUSES: ReadonlySet<ReportStatusRow['status']> = new Set([
  'not_due',
  'draft',
  'missing',
  'returned',
]);
