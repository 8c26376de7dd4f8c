import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CSV_MEDIA_TYPE, WORKBOOK_MAX_BYTES, WORKBOOK_MAX_ROWS, XLSX_MEDIA_TYPE } from '@gongfu/contract';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { ApiError } from '../../errors';
import { loadExcel } from '../../excel';
import type { MessageCode } from '../../i18n/messages';
import { type ColumnKey, columnLetter, columnOfHeader } from './workbook-columns';

/**
 * Reading an uploaded file safely, before any of it is believed. The upload is refused (with a message saying why)
 * when it is larger than the limit, when it is neither a workbook nor a CSV, when an .xlsx is not a zip (an old .xls,
 * a renamed file), when its zip would inflate beyond what a template can hold (a zip bomb: the central directory's
 * sizes are checked first, then every entry is inflated with yauzl, which stops an entry that inflates beyond its
 * declared size), or when it links to other workbooks. Only then does exceljs read it, told to skip the parts of a
 * sheet it would expand cell by cell (merged ranges, data validations, conditional formats: a one-line range can
 * name a million cells) and to stop past a row and column count.
 */

/** What a template of WORKBOOK_MAX_ROWS rows inflates to is a few MB; 64 MB leaves room and bounds memory. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRY_BYTES = 48 * 1024 * 1024;
const MAX_ENTRIES = 300;
/** XML compresses 10–30×; a sheet of one repeated empty cell style perhaps 200×. Beyond that it is a bomb. */
const MAX_RATIO = 500;
const MAX_COLUMNS = 200;

export type CellValue =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'date'; value: Date }
  | { kind: 'formula'; formula: string }
  | { kind: 'other'; text: string };

export interface ParsedRow {
  sheet: string;
  /** 1-based, as Excel numbers it */
  row: number;
  cells: Map<ColumnKey, CellValue>;
}

export interface ParsedSheet {
  name: string;
  /** where each recognised column is: its letter and its header as written */
  columns: Map<ColumnKey, { letter: string; header: string }>;
  rows: ParsedRow[];
}

export interface ParsedFile {
  kind: 'xlsx' | 'csv';
  hash: string;
  sheets: ParsedSheet[];
}

const refuse = (status: 413 | 415 | 422, code: MessageCode, params = {}) =>
  new ApiError(status, code, undefined, params);

/** The media type as sent, without parameters (`text/csv; charset=utf-8` → `text/csv`). */
export function kindOfContentType(contentType: string | undefined): 'xlsx' | 'csv' | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === XLSX_MEDIA_TYPE) return 'xlsx';
  if (type === CSV_MEDIA_TYPE) return 'csv';
  return null;
}

export async function readUpload(bytes: Uint8Array, contentType: string | undefined): Promise<ParsedFile> {
  const kind = kindOfContentType(contentType);
  if (!kind) throw refuse(415, 'workbook_unsupported_type');
  if (bytes.byteLength > WORKBOOK_MAX_BYTES) {
    throw refuse(413, 'workbook_too_large', { limit: WORKBOOK_MAX_BYTES / 1024 / 1024 });
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  const sheets = kind === 'xlsx' ? await readXlsx(Buffer.from(bytes)) : await readCsv(bytes);
  const rows = sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  if (rows > WORKBOOK_MAX_ROWS) throw refuse(422, 'workbook_too_many_rows', { limit: WORKBOOK_MAX_ROWS });
  return { kind, hash, sheets };
}

// ----- the zip, before exceljs sees it

const isZip = (buffer: Buffer) =>
  buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (error, zip) => (error || !zip ? reject(error ?? new Error('no zip')) : resolve(zip)),
    );
  });
}

/** Every entry's declared sizes, checked; then every entry inflated with its declared size enforced. */
async function assertSafeZip(buffer: Buffer): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(buffer);
  } catch {
    throw refuse(422, 'workbook_not_xlsx');
  }
  if (zip.entryCount > MAX_ENTRIES) {
    zip.close();
    throw refuse(422, 'workbook_unsafe');
  }
  const names = new Set<string>();
  let declared = 0;
  const problem = await new Promise<'unsafe' | 'external' | 'broken' | null>((resolve) => {
    zip.on('error', () => resolve('broken'));
    zip.on('end', () => resolve(null));
    zip.on('entry', (entry: yauzl.Entry) => {
      names.add(entry.fileName);
      declared += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (
        entry.uncompressedSize > MAX_ENTRY_BYTES ||
        declared > MAX_INFLATED_BYTES ||
        (entry.uncompressedSize > 1024 * 1024 && ratio > MAX_RATIO)
      ) {
        resolve('unsafe');
        return;
      }
      if (/^xl\/externalLinks\//i.test(entry.fileName)) {
        resolve('external');
        return;
      }
      if (entry.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) {
          resolve('broken');
          return;
        }
        // yauzl errors the stream when it inflates past the declared size (validateEntrySizes)
        stream.on('error', () => resolve('unsafe'));
        stream.on('end', () => zip.readEntry());
        stream.resume();
      });
    });
    zip.readEntry();
  });
  zip.close();
  if (problem === 'unsafe') throw refuse(422, 'workbook_unsafe');
  if (problem === 'external') throw refuse(422, 'workbook_external_link');
  if (problem === 'broken' || !names.has('xl/workbook.xml')) throw refuse(422, 'workbook_not_xlsx');
}

// ----- cells

function cellValueOf(cell: ExcelJS.Cell): CellValue {
  const value = cell.value;
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', value };
  if (value instanceof Date) return { kind: 'date', value };
  if (typeof value === 'boolean') return { kind: 'other', text: String(value) };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const v = value as { formula?: string; sharedFormula?: string };
      return { kind: 'formula', formula: `=${v.formula ?? v.sharedFormula ?? ''}` };
    }
    if ('richText' in value) {
      const text = (value as ExcelJS.CellRichTextValue).richText.map((part) => part.text).join('');
      return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', value: text };
    }
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') {
      return { kind: 'text', value: (value as { text: string }).text };
    }
    if ('error' in value) return { kind: 'other', text: String((value as { error: unknown }).error) };
  }
  return { kind: 'other', text: String(cell.text ?? '') };
}

/** A sheet's header row → its columns; a sheet with fewer than three known headers is not a report sheet. */
function parseSheet(sheet: ExcelJS.Worksheet, name: string): ParsedSheet | null {
  const columns = new Map<ColumnKey, { letter: string; header: string }>();
  const indexOf = new Map<number, ColumnKey>();
  const header = sheet.getRow(1);
  header.eachCell({ includeEmpty: false }, (cell, col) => {
    const v = cellValueOf(cell);
    const text = v.kind === 'text' ? v.value : v.kind === 'other' ? v.text : '';
    const key = columnOfHeader(text);
    if (key && !columns.has(key)) {
      columns.set(key, { letter: columnLetter(col), header: text.trim() });
      indexOf.set(col, key);
    }
  });
  if (columns.size < 3) return null;
  const rows: ParsedRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = new Map<ColumnKey, CellValue>();
    for (const [col, key] of indexOf) cells.set(key, cellValueOf(row.getCell(col)));
    rows.push({ sheet: name, row: rowNumber, cells });
  });
  return { name, columns, rows };
}

async function readXlsx(buffer: Buffer): Promise<ParsedSheet[]> {
  if (!isZip(buffer)) throw refuse(422, 'workbook_not_xlsx');
  await assertSafeZip(buffer);
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(
      buffer as unknown as ExcelJS.Buffer,
      {
        ignoreNodes: [
          'mergeCells',
          'dataValidations',
          'conditionalFormatting',
          'hyperlinks',
          'drawing',
          'picture',
          'tableParts',
          'extLst',
        ],
        maxRows: WORKBOOK_MAX_ROWS + 1,
        maxCols: MAX_COLUMNS,
      } as ExcelJS.XlsxReadOptions,
    );
  } catch (error) {
    if (error instanceof Error && /Max (row|column|c) count/i.test(error.message)) {
      throw refuse(422, 'workbook_too_many_rows', { limit: WORKBOOK_MAX_ROWS });
    }
    throw refuse(422, 'workbook_unreadable');
  }
  const sheets: ParsedSheet[] = [];
  workbook.eachSheet((sheet) => {
    const parsed = parseSheet(sheet, sheet.name);
    if (parsed) sheets.push(parsed);
  });
  return sheets;
}

async function readCsv(bytes: Uint8Array): Promise<ParsedSheet[]> {
  // a zip or any binary sent as CSV: NUL bytes do not occur in text
  if (bytes.includes(0) || isZip(Buffer.from(bytes.subarray(0, 4))))
    throw refuse(422, 'workbook_csv_is_binary');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw refuse(422, 'workbook_csv_not_utf8');
  }
  const workbook = new (await loadExcel()).Workbook();
  let sheet: ExcelJS.Worksheet;
  try {
    sheet = await workbook.csv.read(Readable.from([text]), {
      sheetName: 'CSV',
      // every value stays the text it was: numbers, months and dates are judged by the import, not guessed here
      map: (datum: string) => (datum === '' ? null : datum),
      // no maxRows: the parser would stop there silently; the row count is refused after reading (5 MB bound it)
      parserOptions: { ignoreEmpty: true },
    } as unknown as Parameters<typeof workbook.csv.read>[1]);
  } catch {
    throw refuse(422, 'workbook_unreadable');
  }
  const parsed = parseSheet(sheet, 'CSV');
  return parsed ? [parsed] : [];
}
