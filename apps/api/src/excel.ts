import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded with the first workbook rather than with the server: importing it costs ~28 MB of memory and a
 * second or two of start-up (measured on this machine), and most processes never write or read a workbook
 * (issue 14: cold start, memory under load). Its types are imported as types only, where they are used.
 */
export function loadExcel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
