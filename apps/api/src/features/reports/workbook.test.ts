import { randomUUID } from 'node:crypto';
import { CSV_MEDIA_TYPE, WORKBOOK_MAX_BYTES, XLSX_MEDIA_TYPE } from '@gongfu/contract';
import { DEMO_IDS } from '@gongfu/db';
import { addMonths } from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app';
import { ADMIN, currentMonth, reportApi, SOE } from './test-helpers';
import { headerOf } from './workbook-columns';
import {
  addVenture,
  appendRow,
  bytesOf,
  col,
  fill,
  rowOf,
  templateOf,
  upload,
  WANGJIANGJIE_ADMIN,
  workbookOf,
  zipOf,
} from './workbook-testing';

/** what the driver sends while `counting.on`: an import's statements, counted */
const counting = { on: false, statements: 0 };
const t = await createTestApp({
  onStatement: () => {
    if (counting.on) counting.statements += 1;
  },
});
afterAll(async () => t.close());
const api = reportApi(t);

const AS = WANGJIANGJIE_ADMIN;
const M = currentMonth();
const PREV = addMonths(M, -1);
const LOCKED = addMonths(M, -3);
const v = {} as Record<'station' | 'reading' | 'canteen' | 'parking' | 'housekeeping', string>;

async function insertReport(
  ventureId: string,
  month: string,
  status: string,
  figures: Record<string, number> = {},
) {
  await sql`
    insert into monthly_reports (district_id, community_id, venture_id, month, status, revenue_fen, operating_cost_fen,
                                 stable_jobs, submitted_at)
    values (${DEMO_IDS.dongqu}, ${DEMO_IDS.wangjiangjie}, ${ventureId}, ${month}, ${status},
            ${figures.revenueFen ?? 0}, ${figures.operatingCostFen ?? 0}, ${figures.stableJobs ?? 0},
            ${status === 'draft' ? null : new Date()})`.execute(t.handle.db);
}

/** Row counts and a digest of everything an import writes. */
async function writes() {
  const r = await sql<{ t: string; h: string }>`
    select 'monthly_reports' as t, count(*)::text || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h
      from monthly_reports x
    union all select 'report_events', count(*)::text from report_events
    union all select 'audit_log', count(*)::text from audit_log
    union all select 'report_imports', count(*)::text from report_imports`.execute(t.handle.db);
  return Object.fromEntries(r.rows.map((row) => [row.t, row.h]));
}

beforeAll(async () => {
  v.station = await addVenture(t, { name: '导入测试驿站', category: 'service_station' });
  v.reading = await addVenture(t, { name: '导入测试书屋', category: 'reading_room' });
  v.canteen = await addVenture(t, { name: '导入测试食堂', category: 'elderly_canteen' });
  v.parking = await addVenture(t, { name: '导入测试停车', category: 'parking' });
  v.housekeeping = await addVenture(t, { name: '导入测试家政', category: 'housekeeping' });
  await insertReport(v.station, PREV, 'approved', {
    revenueFen: 12_345_67,
    operatingCostFen: 8_000_00,
    stableJobs: 4,
  });
  // through the routes, as people do: a to-do reads submissions from the report's events
  const reading = await api.created(AS, {
    ventureId: v.reading,
    month: M,
    revenueFen: 100_00,
    operatingCostFen: 50_00,
  });
  await api.ok(AS, reading.id, 'submit');
  const canteen = await api.created(AS, {
    ventureId: v.canteen,
    month: M,
    revenueFen: 100_00,
    operatingCostFen: 50_00,
  });
  await api.ok(AS, canteen.id, 'submit');
  await api.ok('admin@dongqu.demo', canteen.id, 'approve');
  await sql`
    insert into report_period_locks (district_id, community_id, month, locked_by)
    values (${DEMO_IDS.dongqu}, ${DEMO_IDS.wangjiangjie}, ${LOCKED}, ${randomUUID()})`.execute(t.handle.db);
});

describe('the template', () => {
  it("has a help sheet, one sheet per category of the ventures owing the month, and last month's approved figures beside each figure", async () => {
    const workbook = await templateOf(t, AS, M);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names[0]).toBe('填报说明');
    expect(names).toEqual(expect.arrayContaining(['便民服务驿站', '停车管理', '家政服务']));
    const station = workbook.getWorksheet('便民服务驿站');
    if (!station) throw new Error('no station sheet');
    expect(station.getRow(1).getCell(col('revenueFen')).value).toBe('营业收入（元）');
    expect(station.getRow(1).getCell(col('previous:revenueFen')).value).toBe('上月营业收入（元）');
    const row = rowOf(station, v.station);
    expect(row.getCell(col('previous:revenueFen')).value).toBe(12_345.67);
    expect(row.getCell(col('previous:stableJobs')).value).toBe(4);
    expect(row.getCell(col('revenueFen')).value).toBeNull();
    expect(row.getCell(col('month')).value).toBe(M);
    expect(row.getCell(col('community')).value).toBe('望江街社区');
    // submitted and approved reports are not owed: their ventures have no row
    const ids: unknown[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((r) => ids.push(r.getCell(col('ventureId')).value));
    expect(ids).not.toContain(v.reading);
    expect(ids).not.toContain(v.canteen);
    expect(ids).toContain(v.parking);
  });

  it('validates every figure column: money ≥ 0 as decimals, counts ≥ 0 as whole numbers, the month from a list', async () => {
    const workbook = await templateOf(t, AS, M);
    const sheet = workbook.getWorksheet('停车管理');
    if (!sheet) throw new Error('no parking sheet');
    const row = rowOf(sheet, v.parking);
    expect(row.getCell(col('revenueFen')).dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
    expect(row.getCell(col('stableJobs')).dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
    expect(row.getCell(col('month')).dataValidation).toMatchObject({ type: 'list', formulae: [`"${M}"`] });
    expect(row.getCell(col('revenueFen')).numFmt).toBe('#,##0.00');
  });

  it('defines every figure on the help sheet, and speaks English on request', async () => {
    const zh = await templateOf(t, AS, M);
    const help = zh.getWorksheet('填报说明');
    const texts: string[] = [];
    help?.eachRow((row) => {
      row.eachCell((cell) => {
        texts.push(String(cell.value));
      });
    });
    expect(texts).toContain('营业收入');
    expect(texts.some((text) => text.includes('月末在岗'))).toBe(true);

    const en = await templateOf(t, AS, M, 'en');
    expect(en.worksheets[0]?.name).toBe('Help');
    const parking = en.getWorksheet('Parking');
    expect(parking?.getRow(1).getCell(col('revenueFen')).value).toBe('Revenue (yuan)');
    expect(parking?.getRow(1).getCell(col('ventureId')).value).toBe(headerOf('ventureId', 'en'));
  });

  it("gives a partner operator its ventures only, and a district role the district's to read", async () => {
    const soe = await templateOf(t, SOE, M);
    const ids: unknown[] = [];
    for (const sheet of soe.worksheets.slice(1)) {
      sheet.eachRow((row, n) => {
        if (n > 1) ids.push(row.getCell(col('ventureId')).value);
      });
    }
    const operated = await sql<{ venture_id: string }>`
      select venture_id from ventures where operator_partner_id = ${DEMO_IDS.soe}`.execute(t.handle.db);
    const mine = new Set(operated.rows.map((r) => r.venture_id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => mine.has(String(id)))).toBe(true);

    const district = await t.request(`/api/v1/reports/workbook/template?month=${M}`, {
      as: 'viewer@dongqu.demo',
    });
    expect(district.status).toBe(200);
    const workbook = await templateOf(t, AS, M);
    const refused = await upload(t, 'check', 'viewer@dongqu.demo', await bytesOf(workbook));
    expect(refused.status).toBe(403);
  });

  it('refuses a month that is not one, naming the field', async () => {
    const res = await t.request('/api/v1/reports/workbook/template?month=2026-13', { as: AS });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('month');
  });
});

describe('the dry run', () => {
  it('lists every problem of a file by sheet, row and column, in the user’s language, and writes nothing', async () => {
    const workbook = await templateOf(t, AS, M);
    const sheet = (name: string) => {
      const s = workbook.getWorksheet(name);
      if (!s) throw new Error(`no sheet ${name}`);
      return s;
    };
    const station = sheet('便民服务驿站');
    const stationRow = rowOf(station, v.station);
    fill(stationRow, {
      revenueFen: 'abc',
      stableJobs: -1,
      temporaryJobs: 1.5,
      operatingCostFen: { formula: '1+1', result: 2 },
      residentsServed: { formula: '填报说明!B3', result: 0 },
      remittanceDueFen: 1.234,
    });
    const parking = sheet('停车管理');
    fill(rowOf(parking, v.parking), { revenueFen: 5000 }); // revenue without cost: explain before submitting
    const housekeeping = sheet('家政服务');
    const hk = rowOf(housekeeping, v.housekeeping);
    fill(hk, { residentsServed: 8, eldersServed: 5, childrenServed: 5 });
    const duplicate = appendRow(housekeeping, {
      ventureId: v.housekeeping,
      month: M,
      revenueFen: 1,
      operatingCostFen: 1,
    });
    const reading = appendRow(parking, {
      ventureId: v.reading,
      month: M,
      revenueFen: 1,
      operatingCostFen: 1,
    });
    const canteen = appendRow(parking, {
      ventureId: v.canteen,
      month: M,
      revenueFen: 1,
      operatingCostFen: 1,
    });
    const unknownId = randomUUID();
    const unknown = appendRow(parking, {
      ventureId: unknownId,
      month: M,
      revenueFen: 1,
      operatingCostFen: 1,
    });
    const otherCommunity = appendRow(parking, {
      ventureId: DEMO_IDS.tidalMarket,
      month: M,
      revenueFen: 1,
      operatingCostFen: 1,
    });
    const noId = appendRow(parking, { month: M, revenueFen: 1, operatingCostFen: 1 });
    const locked = appendRow(parking, {
      ventureId: v.parking,
      month: LOCKED,
      revenueFen: 1,
      operatingCostFen: 1,
    });
    const badMonth = appendRow(parking, {
      ventureId: v.parking,
      month: '2026-13',
      revenueFen: 1,
      operatingCostFen: 1,
    });
    const future = addMonths(M, 2);
    const later = appendRow(parking, {
      ventureId: v.parking,
      month: future,
      revenueFen: 1,
      operatingCostFen: 1,
    });

    const before = await writes();
    const res = await upload(t, 'check', AS, await bytesOf(workbook));
    expect(res.status, await res.clone().text()).toBe(200);
    const check = await res.json();
    expect(await writes()).toEqual(before);

    const at = (
      s: string,
      row: number | null,
      key: Parameters<typeof col>[0] | null,
      code: string,
      blocks = ['draft', 'submit'],
    ) => ({
      sheet: s,
      row,
      column: key === null ? null : columnLetter(col(key)),
      code,
      blocks,
    });
    const stationRowNo = stationRow.number;
    const parkingRow = rowOf(parking, v.parking).number;
    expect(
      check.problems.map((p: Record<string, unknown>) => ({
        sheet: p.sheet,
        row: p.row,
        column: p.column,
        code: p.code,
        blocks: p.blocks,
      })),
    ).toEqual([
      at('便民服务驿站', stationRowNo, 'revenueFen', 'import_bad_money'),
      at('便民服务驿站', stationRowNo, 'operatingCostFen', 'import_formula'),
      at('便民服务驿站', stationRowNo, 'stableJobs', 'import_bad_count'),
      at('便民服务驿站', stationRowNo, 'temporaryJobs', 'import_bad_count'),
      at('便民服务驿站', stationRowNo, 'residentsServed', 'import_formula_other_sheet'),
      at('便民服务驿站', stationRowNo, 'remittanceDueFen', 'import_bad_money'),
      at('停车管理', parkingRow, 'operatingCostFen', 'import_explanation_missing', ['submit']),
      at('停车管理', reading, null, 'import_report_submitted'),
      at('停车管理', canteen, null, 'import_report_approved'),
      at('停车管理', unknown, 'ventureId', 'import_unknown_venture'),
      at('停车管理', otherCommunity, 'ventureId', 'import_unknown_venture'),
      at('停车管理', noId, 'ventureId', 'import_missing_venture'),
      at('停车管理', locked, 'month', 'import_month_locked'),
      at('停车管理', badMonth, 'month', 'import_bad_month'),
      at('停车管理', later, 'month', 'import_month_in_future'),
      at('家政服务', hk.number, 'childrenServed', 'import_groups_exceed_served'),
      at('家政服务', duplicate, null, 'import_duplicate_row'),
    ]);
    const messages = check.problems.map((p: { message: string }) => p.message);
    expect(messages).toContain('“abc”不是有效金额：请填写不小于 0 的数字，单位为元，最多两位小数');
    expect(messages).toContain(`系统编号“${unknownId}”对应的项目不存在，或不在您的权限范围内`);
    expect(
      check.problems.find((p: { code: string }) => p.code === 'import_explanation_missing').message,
    ).toBe(
      '运营成本：0.00 元 — 有营业收入但运营成本为 0，全部收入将计为利润，提交前须在“情况说明”中说明原因（可先保存为草稿）',
    );
    expect(check.problems[0].columnName).toBe('营业收入（元）');
    expect(check.canDraft).toBe(false);
    expect(check.canSubmit).toBe(false);

    // the same file read back in English
    const en = await (await upload(t, 'check', AS, await bytesOf(workbook), XLSX_MEDIA_TYPE, 'en')).json();
    expect(en.problems[0].message).toBe(
      '"abc" is not an amount: enter a number of yuan, 0 or more, with at most two decimals',
    );
    expect(en.problems).toHaveLength(check.problems.length);

    // and the import refuses it whole
    const refused = await upload(t, 'import?mode=draft', AS, await bytesOf(workbook));
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error.code).toBe('import_has_problems');
    expect(body.check.problems).toHaveLength(check.problems.length);
    expect(await writes()).toEqual(before);
  });
  it('names a flagged figure’s value, the side of the usual range it lies on and the range, as the form does', async () => {
    const venture = await addVenture(t, { name: '导入测试夜市', category: 'parking' });
    // a year of steady approved months: costs of 60,000.00 元 make a usual range of 51,000.00 – 69,000.00 元
    for (let m = addMonths(M, -12); m < M; m = addMonths(m, 1)) {
      await insertReport(venture, m, 'approved', { revenueFen: 80_000_00, operatingCostFen: 60_000_00 });
    }
    const workbook = await templateOf(t, AS, M);
    fill(rowOf(workbook.getWorksheet('停车管理') as never, venture), {
      revenueFen: 80_000,
      operatingCostFen: 41_234.56,
    });
    const bytes = await bytesOf(workbook);
    const messages = async (lang?: string) => {
      const res = await upload(t, 'check', AS, bytes, XLSX_MEDIA_TYPE, lang);
      expect(res.status, await res.clone().text()).toBe(200);
      const check = await res.json();
      expect(check.canDraft).toBe(true);
      expect(check.canSubmit).toBe(false);
      return check.problems.map((p: { code: string; message: string }) => [p.code, p.message]);
    };
    expect(await messages()).toEqual([
      [
        'import_explanation_missing',
        '运营成本：41,234.56 元 — 低于该项目近 12 个月的常见范围（51,000.00 元 – 69,000.00 元），提交前须在“情况说明”中说明原因（可先保存为草稿）',
      ],
    ]);
    expect(await messages('en')).toEqual([
      [
        'import_explanation_missing',
        'Operating cost: 41,234.56 yuan — Below this venture’s usual range of the last 12 months (51,000.00 yuan – 69,000.00 yuan); explain it in "Explanation" before submitting (or save as drafts)',
      ],
    ]);
  });
});

function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

describe('the import', () => {
  it('saves drafts, submits them from the same file, and importing the file again changes nothing', async () => {
    const housekeeping = await addVenture(t, { name: '导入测试洗衣', category: 'housekeeping' });
    const park = await addVenture(t, { name: '导入测试车棚', category: 'parking' });
    const workbook = await templateOf(t, AS, M);
    fill(rowOf(workbook.getWorksheet('家政服务') as never, housekeeping), {
      revenueFen: 3200.5,
      operatingCostFen: '1,800.25',
      stableJobs: 2,
      residentsServed: 40,
      eldersServed: 10,
      notes: '洗衣房开业第一月',
    });
    fill(rowOf(workbook.getWorksheet('停车管理') as never, park), {
      revenueFen: 900,
      explanation: '车棚刚开放，成本由物业承担',
    });
    const bytes = await bytesOf(workbook);

    const check = await (await upload(t, 'check', AS, bytes)).json();
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({
      rows: 2,
      toCreate: 2,
      toUpdate: 0,
      canDraft: true,
      canSubmit: true,
      months: [M],
    });

    const drafted = await upload(t, 'import?mode=draft', AS, bytes);
    expect(drafted.status, await drafted.clone().text()).toBe(200);
    const draft = await drafted.json();
    expect(draft).toMatchObject({ mode: 'draft', created: 2, updated: 0, submitted: 0, unchanged: 0 });
    const washing = draft.reports.find((r: { ventureId: string }) => r.ventureId === housekeeping);
    const report = await (await api.get(AS, washing.reportId)).json();
    expect(report).toMatchObject({
      status: 'draft',
      month: M,
      revenueFen: 3200_50,
      operatingCostFen: 1800_25,
      stableJobs: 2,
      residentsServed: 40,
      eldersServed: 10,
      notes: '洗衣房开业第一月',
    });

    const afterDraft = await writes();
    const again = await (await upload(t, 'import?mode=draft', AS, bytes)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, submitted: 0, unchanged: 2 });
    expect(await writes()).toEqual(afterDraft);

    const recheck = await (await upload(t, 'check', AS, bytes)).json();
    expect(recheck).toMatchObject({ unchangedDraft: 2, unchangedSubmit: 0, toUpdate: 2, canSubmit: true });

    const submitted = await (await upload(t, 'import?mode=submit', AS, bytes)).json();
    expect(submitted).toMatchObject({ mode: 'submit', created: 0, updated: 2, submitted: 2 });
    const parked = submitted.reports.find((r: { ventureId: string }) => r.ventureId === park);
    const parkReport = await (await api.get(AS, parked.reportId)).json();
    expect(parkReport.status).toBe('submitted');
    expect(parkReport.explanations).toEqual({ operatingCostFen: '车棚刚开放，成本由物业承担' });
    expect(parkReport.flags.map((f: { rule: string }) => f.rule)).toEqual(['cost_missing']);

    const afterSubmit = await writes();
    const noop = await (await upload(t, 'import?mode=submit', AS, bytes)).json();
    expect(noop).toMatchObject({ created: 0, updated: 0, submitted: 0, unchanged: 2 });
    expect(await writes()).toEqual(afterSubmit);
  });

  /**
   * Pairs of ventures start alike through the form (no report, a draft, a returned report); then one of each pair gets
   * its figures through the form (create or edit, and submit) and the other through one file: their reports, events
   * and audit entries must be alike — the import's set-based writes (service.createMany, service.updateMany) against
   * the form's one report at a time.
   */
  it('writes what the monthly report form would have written: new reports, drafts and returned reports, as drafts and submitted', async () => {
    const figures = {
      revenueFen: 5_000_00,
      operatingCostFen: 0,
      stableJobs: 3,
      temporaryJobs: 1,
      residentsServed: 120,
      serviceTransactions: 300,
      eldersServed: 50,
      childrenServed: 20,
      remittanceDueFen: 1_000_00,
      remittanceReceivedFen: 1_000_00,
      serviceRequests: 80,
      requestsWithinPromise: 75,
    };
    const explanation = '本月由志愿者运营，无运营成本';
    const explanations = { operatingCostFen: explanation };
    // the file's operating cost cell holds 0: typed, as the form sends a field that reads 0 (ADR 0042)
    const typedZeros = ['operatingCostFen'];
    const notes = '备注';
    // in last month: the drafts this test leaves stay out of this month's template, which the tests below fill
    type Start = 'none' | 'draft' | 'returned';
    const cases: Array<{ start: Start; mode: 'draft' | 'submit' }> = [];
    for (const start of ['none', 'draft', 'returned'] as const)
      for (const mode of ['draft', 'submit'] as const) cases.push({ start, mode });

    // both ventures of a pair reach the starting point through the form
    const startAt = async (ventureId: string, start: Start) => {
      if (start === 'none') return null;
      const draft = await api.created(AS, {
        ventureId,
        month: PREV,
        revenueFen: 100_00,
        operatingCostFen: 50_00,
      });
      if (start === 'draft') return draft;
      const submitted = await api.ok(AS, draft.id, 'submit', { version: draft.version });
      return api.ok(ADMIN, submitted.id, 'return', { comment: '请核对收入', fields: ['revenueFen'] });
    };
    const pairs = [];
    for (const [i, c] of cases.entries()) {
      const byForm = await addVenture(t, { name: `表单驿站${i}`, category: 'help_desk' });
      const byFile = await addVenture(t, { name: `文件驿站${i}`, category: 'help_desk' });
      const formStart = await startAt(byForm, c.start);
      await startAt(byFile, c.start);
      // the form: a new report with its figures, or the autosaved edit of the one there; then submit
      let form: { id: string; version: number };
      if (formStart === null) {
        form = await api.created(AS, {
          ventureId: byForm,
          month: PREV,
          ...figures,
          notes,
          explanations,
          typedZeros,
        });
      } else {
        const saved = await api.patch(AS, formStart.id, {
          version: formStart.version,
          ...figures,
          notes,
          explanations,
          typedZeros,
        });
        expect(saved.status, await saved.clone().text()).toBe(200);
        form = await saved.json();
      }
      if (c.mode === 'submit') await api.ok(AS, form.id, 'submit', { version: form.version });
      pairs.push({ ...c, byForm, byFile, formId: form.id });
    }

    // the file: one per mode, a row for each of its cases' ventures
    const yuan = (fen: number) => fen / 100;
    const fileFigures = Object.fromEntries(
      Object.entries(figures).map(([k, value]) => [k, k.endsWith('Fen') ? yuan(value) : value]),
    );
    const importedIds = new Map<string, string>();
    for (const mode of ['draft', 'submit'] as const) {
      const workbook = workbookOf(
        pairs
          .filter((p) => p.mode === mode)
          .map((p) => ({ ventureId: p.byFile, month: PREV, ...fileFigures, notes, explanation })),
      );
      const res = await upload(t, `import?mode=${mode}`, AS, await bytesOf(workbook));
      expect(res.status, await res.clone().text()).toBe(200);
      const result = await res.json();
      expect(result).toMatchObject({ created: 1, updated: 2, submitted: mode === 'submit' ? 3 : 0 });
      for (const r of result.reports) importedIds.set(r.ventureId, r.reportId);
    }

    const timeless = (report: Record<string, unknown> | null) => {
      if (report === null) return null;
      const { id, ventureId, ventureName, createdAt, updatedAt, submittedAt, reviewedAt, ...rest } = report;
      return rest;
    };
    const comparable = (r: Record<string, unknown>) => {
      const { events, postings, ...report } = r as Record<string, unknown> & {
        events: Array<{
          action: string;
          fromStatus: string | null;
          toStatus: string;
          comment: string | null;
        }>;
      };
      // one transaction stamps an import's events alike: compare them as a set
      const history = events.map((e) => `${e.action}:${e.fromStatus}→${e.toStatus}:${e.comment}`).sort();
      return { ...timeless(report), history, postings };
    };
    const auditOf = async (reportId: string) => {
      const rows = await sql<{ action: string; before: unknown; after: unknown; actor_user_id: string }>`
        select action, before, after, actor_user_id from audit_log
         where entity_type = 'monthly_report' and entity_id = ${reportId}`.execute(t.handle.db);
      const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
      return rows.rows
        .map((row) =>
          JSON.stringify({
            action: row.action,
            actor: row.actor_user_id,
            before: timeless(parsed(row.before)),
            after: timeless(parsed(row.after)),
          }),
        )
        .sort();
    };
    for (const pair of pairs) {
      const fileId = importedIds.get(pair.byFile);
      if (!fileId) throw new Error(`no report imported for case ${pair.start}/${pair.mode}`);
      const byForm = await (await api.get(AS, pair.formId)).json();
      const byFile = await (await api.get(AS, fileId)).json();
      const label = `${pair.start} → ${pair.mode}`;
      expect(byFile.status, label).toBe(
        pair.mode === 'submit' ? 'submitted' : pair.start === 'returned' ? 'returned' : 'draft',
      );
      expect(comparable(byFile), label).toEqual(comparable(byForm));
      expect(await auditOf(fileId), label).toEqual(await auditOf(pair.formId));
      if (pair.mode === 'submit') expect(byFile.flags, label).toHaveLength(1);
    }
  });

  it('records a cell that holds 0 as a typed zero and an empty cell as a blank, creating and updating, and the template gives them back so', async () => {
    const venture = await addVenture(t, { name: '导入测试零值', category: 'help_desk' });
    const importOne = async (values: Record<string, unknown>) => {
      const bytes = await bytesOf(workbookOf([{ ventureId: venture, month: PREV, ...values }]));
      const res = await upload(t, 'import?mode=draft', AS, bytes);
      expect(res.status, await res.clone().text()).toBe(200);
      const reportId = (await res.json()).reports[0].reportId;
      return (await api.get(AS, reportId)).json();
    };
    // temporary jobs typed as 0, stable jobs left empty, money 0 typed as text: both read 0, one of them typed
    const created = await importOne({
      revenueFen: 600,
      operatingCostFen: '0.00',
      stableJobs: null,
      temporaryJobs: 0,
    });
    expect(created).toMatchObject({ status: 'draft', stableJobs: 0, temporaryJobs: 0, operatingCostFen: 0 });
    expect(created.typedZeros).toEqual(['operatingCostFen', 'temporaryJobs']);

    // the draft's template row: the typed zeros as 0, the blanks empty
    const workbook = await templateOf(t, AS, PREV);
    const row = rowOf(workbook.getWorksheet('帮办服务站') as never, venture);
    expect(row.getCell(col('temporaryJobs')).value).toBe(0);
    expect(row.getCell(col('operatingCostFen')).value).toBe(0);
    expect(row.getCell(col('stableJobs')).value).toBeNull();
    expect(row.getCell(col('residentsServed')).value).toBeNull();

    // a file that types the other zero and leaves the first empty replaces the set of the draft it updates
    const updated = await importOne({ revenueFen: 600, operatingCostFen: 100, stableJobs: 0 });
    expect(updated.id).toBe(created.id);
    expect(updated.typedZeros).toEqual(['stableJobs']);
  });

  it('writes a file of any size in the same few statements: 3 rows or 12, new reports or drafts submitted', async () => {
    const ventures = [];
    for (let i = 0; i < 15; i++)
      ventures.push(await addVenture(t, { name: `批量车棚${i}`, category: 'parking' }));
    const statementsOf = async (ids: readonly string[]) => {
      const rows = ids.map((id) => ({
        ventureId: id,
        month: M,
        revenueFen: 800,
        operatingCostFen: 300,
        stableJobs: 1,
      }));
      const bytes = await bytesOf(workbookOf(rows));
      const counts: number[] = [];
      for (const mode of ['draft', 'submit'] as const) {
        counting.statements = 0;
        counting.on = true;
        const res = await upload(t, `import?mode=${mode}`, AS, bytes);
        counting.on = false;
        expect(res.status, await res.clone().text()).toBe(200);
        expect(await res.json()).toMatchObject(
          mode === 'draft' ? { created: ids.length } : { updated: ids.length, submitted: ids.length },
        );
        counts.push(counting.statements);
      }
      return counts;
    };
    const few = await statementsOf(ventures.slice(0, 3));
    const many = await statementsOf(ventures.slice(3));
    expect(many).toEqual(few);
  });

  it('reads a CSV of the same columns', async () => {
    const venture = await addVenture(t, { name: '导入测试CSV', category: 'space_rental' });
    const header = [
      '系统编号',
      '月份',
      '营业收入（元）',
      '运营成本（元）',
      ...[
        '稳定就业岗位',
        '临时就业岗位',
        '服务居民人数',
        '服务人次',
        '服务老年人',
        '服务儿童',
        '应上缴社区',
        '实际上缴社区',
        '服务请求数',
        '承诺时限内响应数',
      ],
    ];
    const line = [venture, M, '"1,200.00"', '300', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0'];
    const csv = `\ufeff${header.join(',')}\r\n${line.join(',')}\r\n`;
    const check = await (await upload(t, 'check', AS, csv, CSV_MEDIA_TYPE)).json();
    expect(check).toMatchObject({ fileKind: 'csv', rows: 1, problems: [], canSubmit: true });
    const result = await (await upload(t, 'import?mode=submit', AS, csv, 'text/csv; charset=utf-8')).json();
    const report = await (await api.get(AS, result.reports[0].reportId)).json();
    expect(report).toMatchObject({
      status: 'submitted',
      revenueFen: 1200_00,
      operatingCostFen: 300_00,
      stableJobs: 1,
    });
    // every '0' of the line was written there: typed
    expect(report.typedZeros).toEqual([
      'temporaryJobs',
      'residentsServed',
      'serviceTransactions',
      'eldersServed',
      'childrenServed',
      'remittanceDueFen',
      'remittanceReceivedFen',
      'serviceRequests',
      'requestsWithinPromise',
    ]);
    // submitted straight away, then the same file again: nothing changes (and as drafts it is refused, whole)
    const before = await writes();
    const again = await (await upload(t, 'import?mode=submit', AS, csv, CSV_MEDIA_TYPE)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, submitted: 0, unchanged: 1 });
    const asDraft = await upload(t, 'import?mode=draft', AS, csv, CSV_MEDIA_TYPE);
    expect(asDraft.status).toBe(422);
    expect(
      (await asDraft.json()).check.problems.map((p: { code: string; blocks: string[] }) => [
        p.code,
        p.blocks,
      ]),
    ).toEqual([['import_report_submitted', ['draft']]]);
    expect(await writes()).toEqual(before);
  });
});

describe('files that are not what they claim', () => {
  const refusal = async (body: Uint8Array | string, type = XLSX_MEDIA_TYPE) => {
    const before = await writes();
    const res = await upload(t, 'check', AS, body, type);
    const json = await res.json();
    expect(await writes()).toEqual(before);
    return { status: res.status, code: json.error?.code as string, message: json.error?.message as string };
  };

  it('refuses a zip bomb, by its declared size and by what it really inflates to', async () => {
    const huge = Buffer.alloc(80 * 1024 * 1024, 0x20);
    const declared = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: huge },
    ]);
    expect(declared.byteLength).toBeLessThan(WORKBOOK_MAX_BYTES);
    expect(await refusal(declared)).toMatchObject({ status: 422, code: 'workbook_unsafe' });
    const lying = zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20), declare: 1000 },
    ]);
    expect(await refusal(lying)).toMatchObject({ status: 422, code: 'workbook_unsafe' });
  });

  it('refuses what is not a workbook at all, an old .xls, and a workbook linking to others', async () => {
    expect(await refusal(new TextEncoder().encode('just some text'))).toMatchObject({
      status: 422,
      code: 'workbook_not_xlsx',
    });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const old = await refusal(xls);
    expect(old).toMatchObject({ status: 422, code: 'workbook_not_xlsx' });
    expect(old.message).toContain('.xls');
    const linked = zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/externalLinks/externalLink1.xml', data: Buffer.from('<externalLink/>') },
    ]);
    expect(await refusal(linked)).toMatchObject({ status: 422, code: 'workbook_external_link' });
  });

  it('refuses a file over the size limit, and a type that is neither workbook nor CSV', async () => {
    const big = new Uint8Array(WORKBOOK_MAX_BYTES + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await refusal(big)).toMatchObject({ status: 413, code: 'workbook_too_large' });
    expect(await refusal(new Uint8Array([1, 2, 3]), 'application/pdf')).toMatchObject({
      status: 415,
      code: 'workbook_unsupported_type',
    });
    // a JSON route keeps the 1 MB limit
    const json = await t.request('/api/v1/reports', {
      method: 'POST',
      as: AS,
      body: JSON.stringify({ notes: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(json.status).toBe(413);
  });

  it('refuses a CSV that is not UTF-8 text', async () => {
    const gbk = new Uint8Array([0xd4, 0xc2, 0xb7, 0xdd, 0x2c, 0x31, 0x0a]); // 月份,1 in GBK
    expect(await refusal(gbk, CSV_MEDIA_TYPE)).toMatchObject({ status: 422, code: 'workbook_csv_not_utf8' });
    const zip = zipOf([{ name: 'a.txt', data: Buffer.from('a') }]);
    expect(await refusal(zip, CSV_MEDIA_TYPE)).toMatchObject({ status: 422, code: 'workbook_csv_is_binary' });
  });
});

describe('isolation', () => {
  it("a file naming another community's or district's venture is refused as unknown, and nothing is written", async () => {
    const workbook = await templateOf(t, AS, M);
    const sheet = workbook.worksheets[1];
    if (!sheet) throw new Error('no data sheet');
    const others = [
      DEMO_IDS.tidalMarket,
      await addVenture(t, { name: '金汇导入测试', category: 'parking', communityId: DEMO_IDS.jinhui }),
    ];
    const rows = others.map((id) =>
      appendRow(sheet, { ventureId: id, month: M, revenueFen: 1, operatingCostFen: 1 }),
    );
    const before = await writes();
    for (const mode of ['check', 'import?mode=draft', 'import?mode=submit'] as const) {
      const res = await upload(t, mode, AS, await bytesOf(workbook));
      const body = await res.json();
      const check = mode === 'check' ? body : body.check;
      expect(check.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual(
        rows.map((row) => [row, 'import_unknown_venture']),
      );
      expect(await writes()).toEqual(before);
    }
  });

  it('a partner operator naming a venture of its community that it does not operate gets it as unknown', async () => {
    const operated = await sql<{ community_id: string }>`
      select community_id from ventures where operator_partner_id = ${DEMO_IDS.soe} limit 1`.execute(
      t.handle.db,
    );
    const communityId = operated.rows[0]?.community_id as string;
    const sibling = await addVenture(t, { name: '非运营项目', category: 'parking', communityId });
    const workbook = await templateOf(t, SOE, M);
    const sheet = workbook.worksheets[1];
    if (!sheet) throw new Error('no data sheet');
    const row = appendRow(sheet, { ventureId: sibling, month: M, revenueFen: 1, operatingCostFen: 1 });
    const check = await (await upload(t, 'check', SOE, await bytesOf(workbook))).json();
    expect(check.problems).toEqual([
      expect.objectContaining({
        row,
        code: 'import_unknown_venture',
        column: columnLetter(col('ventureId')),
      }),
    ]);
  });
});
