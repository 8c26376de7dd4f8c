import type ExcelJS from 'exceljs';
import { loadExcel } from '../../excel';
import type { Lang } from '../../i18n/messages';
import { type Cell, type ExportTable, isMoney, isPoints, isRate, yuanText } from './table';

const YUAN_FORMAT = '#,##0.00';
const RATE_FORMAT = '0.00%';
const POINTS_FORMAT: Record<Lang, string> = {
  'zh-CN': '+0.00" 个百分点";-0.00" 个百分点";0.00" 个百分点"',
  en: '+0.00" pp";-0.00" pp";0.00" pp"',
};
const DEFINITIONS_SHEET: Record<Lang, string> = { 'zh-CN': '统计口径', en: 'Definitions' };
const DEFINITION_HEADERS: Record<Lang, [string, string]> = {
  'zh-CN': ['项目', '统计口径'],
  en: ['Item', 'Definition'],
};

/** Excel's sheet names: at most 31 characters, none of []:*?/\ */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/**
 * The workbook: sheet 1 has the title, the info lines (data date, filters…), a blank row, then the table
 * with a frozen, filterable header; sheet 2 (统计口径 / Definitions) says what each figure means. Money cells
 * hold yuan (fen ÷ 100, the nearest double to the exact decimal) shown with two decimals.
 */
export async function toXlsx(table: ExportTable, lang: Lang, created: Date): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = '共富 Gongfu';
  workbook.created = created;
  const headerRow = table.info.length + 3;
  const sheet = workbook.addWorksheet(sheetName(table.title), {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = table.title;
  titleCell.font = { bold: true, size: 14 };
  table.info.forEach(([label, value], i) => {
    sheet.getCell(i + 2, 1).value = label;
    sheet.getCell(i + 2, 1).font = { bold: true };
    sheet.getCell(i + 2, 2).value = value;
  });
  const header = sheet.getRow(headerRow);
  header.values = table.columns;
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  table.rows.forEach((row, r) => {
    const excelRow = sheet.getRow(headerRow + 1 + r);
    row.forEach((cell, c) => {
      writeCell(excelRow.getCell(c + 1), cell, lang);
    });
  });
  if (table.columns.length > 0) {
    sheet.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow + table.rows.length, column: table.columns.length },
    };
  }
  table.columns.forEach((name, c) => {
    const longest = Math.max(
      displayWidth(name),
      ...table.rows.slice(0, 500).map((row) => displayWidth(cellText(row[c] ?? null))),
    );
    sheet.getColumn(c + 1).width = Math.min(60, Math.max(10, longest + 2));
  });

  const definitions = workbook.addWorksheet(DEFINITIONS_SHEET[lang]);
  definitions.getRow(1).values = DEFINITION_HEADERS[lang];
  definitions.getRow(1).font = { bold: true };
  table.definitions.forEach(([term, text], i) => {
    definitions.getRow(i + 2).values = [term, text];
    definitions.getCell(i + 2, 2).alignment = { wrapText: true, vertical: 'top' };
    definitions.getCell(i + 2, 1).alignment = { vertical: 'top' };
  });
  definitions.getColumn(1).width = 28;
  definitions.getColumn(2).width = 100;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function writeCell(target: ExcelJS.Cell, cell: Cell, lang: Lang) {
  if (cell === null) return;
  if (isMoney(cell)) {
    target.value = cell.fen / 100;
    target.numFmt = YUAN_FORMAT;
  } else if (isRate(cell)) {
    target.value = cell.rate;
    target.numFmt = RATE_FORMAT;
  } else if (isPoints(cell)) {
    target.value = cell.points;
    target.numFmt = POINTS_FORMAT[lang];
  } else {
    target.value = cell;
  }
}

/** East Asian characters take two columns in Excel's width unit. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return width;
}

/** A cell as the CSV writes it: yuan with two decimals, rates as percentages. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (isMoney(cell)) return yuanText(cell.fen);
  if (isRate(cell)) return `${(cell.rate * 100).toFixed(2)}%`;
  if (isPoints(cell)) return cell.points.toFixed(2);
  return String(cell);
}

/**
 * CSV for Excel and for programs: a UTF-8 byte order mark (without it Excel reads Chinese as mojibake), RFC 4180
 * quoting and CRLF, the header row and the rows only. A text starting with = + - @ (or a tab / CR) is prefixed
 * with ' so a spreadsheet never runs a name or memo as a formula (OWASP CSV injection).
 */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns, ...table.rows.map((row) => row.map((cell) => csvField(cell)))];
  return `\uFEFF${lines.map((fields) => fields.map(quote).join(',')).join('\r\n')}\r\n`;
}

function csvField(cell: Cell): string {
  const text = cellText(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) return `'${text}`;
  return text;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
