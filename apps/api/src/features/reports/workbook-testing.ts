import { deflateRawSync } from 'node:zlib';
import { XLSX_MEDIA_TYPE } from '@gongfu/contract';
import { DEMO_IDS, deterministicId, withTenantTransaction } from '@gongfu/db';
import type { ReportFigureField } from '@gongfu/domain';
import ExcelJS from 'exceljs';
import type { TestApp } from '../../testing/test-app';
import { type ColumnKey, headerOf, TEMPLATE_COLUMNS } from './workbook-columns';

/** Test helpers of Excel in: fresh ventures, the template through HTTP, uploads, and hand-made hostile zips. */

export const WANGJIANGJIE_ADMIN = 'wangjiangjie@dongqu.demo';

export async function addVenture(
  t: TestApp,
  args: { name: string; category: string; communityId?: string; operatorPartnerId?: string | null },
): Promise<string> {
  const districtId = DEMO_IDS.dongqu;
  return withTenantTransaction(
    t.handle.db,
    { kind: 'district', districtId, userId: deterministicId('user:admin@dongqu.demo') },
    async (trx) => {
      const row = await trx
        .insertInto('ventures')
        .values({
          district_id: districtId,
          community_id: args.communityId ?? DEMO_IDS.wangjiangjie,
          name: args.name,
          category: args.category,
          status: 'operating',
          started_on: '2020-01-01',
          operator_partner_id: args.operatorPartnerId ?? null,
          company_id: null,
          premises_asset_id: null,
          promised_response_minutes: null,
        })
        .returning('venture_id')
        .executeTakeFirstOrThrow();
      return row.venture_id;
    },
  );
}

export async function templateOf(t: TestApp, as: string, month: string, lang = 'zh-CN') {
  const res = await t.request(`/api/v1/reports/workbook/template?month=${month}`, {
    as,
    headers: { 'Accept-Language': lang },
  });
  if (res.status !== 200) throw new Error(`template: ${res.status} ${await res.text()}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

export async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export function upload(
  t: TestApp,
  path: 'check' | 'import?mode=draft' | 'import?mode=submit',
  as: string,
  body: Uint8Array | string,
  type: string = XLSX_MEDIA_TYPE,
  lang = 'zh-CN',
) {
  return t.request(`/api/v1/reports/workbook/${path}`, {
    method: 'POST',
    as,
    body: body as RequestInit['body'],
    headers: { 'Content-Type': type, 'Accept-Language': lang },
  });
}

export const col = (key: ColumnKey) => TEMPLATE_COLUMNS.indexOf(key) + 1;

/** The row of a venture in a sheet of the template (by its id column), or throws. */
export function rowOf(sheet: ExcelJS.Worksheet, ventureId: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(col('ventureId')).value === ventureId) found = row;
  });
  if (!found) throw new Error(`venture ${ventureId} not on sheet ${sheet.name}`);
  return found;
}

export function fill(
  row: ExcelJS.Row,
  values: Partial<Record<ReportFigureField | 'explanation' | 'notes', unknown>>,
) {
  for (const [key, value] of Object.entries(values)) {
    row.getCell(col(key as ColumnKey)).value = value as ExcelJS.CellValue;
  }
}

/**
 * A workbook of one sheet with the template's columns and just these rows (no other venture's row, and no draft's
 * figures prefilled as the template has them).
 */
export function workbookOf(rows: ReadonlyArray<Partial<Record<ColumnKey, unknown>>>): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('月报');
  sheet.addRow(TEMPLATE_COLUMNS.map((key) => headerOf(key, 'zh-CN')));
  for (const values of rows) appendRow(sheet, values);
  return workbook;
}

/** The next free row of a sheet, filled with a venture id, a month and figures. */
export function appendRow(sheet: ExcelJS.Worksheet, values: Partial<Record<ColumnKey, unknown>>): number {
  const number = sheet.rowCount + 1;
  const row = sheet.getRow(number);
  for (const [key, value] of Object.entries(values)) {
    row.getCell(col(key as ColumnKey)).value = value as ExcelJS.CellValue;
  }
  row.commit();
  return number;
}

// ----- hostile zips, written by hand on purpose: no library writes a lying one

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A deflated zip of the entries; `declare` overrides an entry's declared uncompressed size (a lying bomb). */
export function zipOf(entries: Array<{ name: string; data: Buffer; declare?: number }>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const compressed = deflateRawSync(entry.data);
    const size = entry.declare ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
