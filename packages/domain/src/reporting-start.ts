import { compareMonths, type Month } from './periods';

/**
 * Reporting starts when a venture starts reporting on the platform. A district sets the first month its ventures
 * owe a report on the platform (a venture that joined later sets its own, which wins); a venture owes the reports
 * of the months from the later of its own start and that reporting start. Months before are not missing reports:
 * nobody asked for them — so a 2024 that predates the platform does not read as a 17 % reporting rate.
 */
export function reportingStartOf(args: {
  ventureReportingStart: Month | null;
  districtReportingStart: Month | null;
}): Month | null {
  return args.ventureReportingStart ?? args.districtReportingStart;
}

/**
 * The first month a venture owes a report: the later of the month it started (null: unknown, no bound) and its
 * reporting start (null: none). Null only when neither bounds it.
 */
export function firstExpectedMonth(args: {
  startMonth: Month | null;
  ventureReportingStart: Month | null;
  districtReportingStart: Month | null;
}): Month | null {
  const reportingStart = reportingStartOf(args);
  if (args.startMonth === null) return reportingStart;
  if (reportingStart === null) return args.startMonth;
  return compareMonths(args.startMonth, reportingStart) >= 0 ? args.startMonth : reportingStart;
}

/** Whether a venture owes the report of `month` (operating, and the month is not before its first expected one). */
export function isReportExpected(args: {
  month: Month;
  operating: boolean;
  startMonth: Month | null;
  ventureReportingStart: Month | null;
  districtReportingStart: Month | null;
}): boolean {
  if (!args.operating) return false;
  const first = firstExpectedMonth(args);
  return first === null || compareMonths(first, args.month) <= 0;
}
