import { gunzipSync } from 'node:zlib';
import { DEMO_IDS, seedDemoHistory } from '@gongfu/db';
import { KPI_DEFINITIONS, WARNING_KIND_LABELS, type WarningKind } from '@gongfu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

/**
 * Exports (ADR 0018): a workbook read back with exceljs holds exactly the view's rows (money exact to the fen),
 * its filters and data date above the table and the definitions on a second sheet; the CSV starts with a BOM
 * and keeps Chinese intact; refusals are the view's own.
 */

let t: TestApp;
const ADMIN = 'admin@dongqu.demo';

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoHistory(t.handle.db);
  // stored warnings (and the audit entry of their refresh) for the lists below
  const refresh = await t.request('/api/v1/warnings/refresh', { method: 'POST', as: ADMIN, body: '{}' });
  expect(refresh.status).toBeLessThan(300);
});
afterAll(async () => t?.close());

async function json(path: string, as = ADMIN, lang = 'zh-CN') {
  const res = await t.request(path, { as, headers: { 'Accept-Language': lang } });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function download(path: string, as = ADMIN, lang = 'zh-CN') {
  const res = await t.request(path, { as, headers: { 'Accept-Language': lang } });
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

interface Sheet {
  workbook: ExcelJS.Workbook;
  /** label → value of the lines above the table */
  info: Map<string, string>;
  header: string[];
  rows: ExcelJS.Cell[][];
}

/** The first sheet: info lines until the blank row, then the header and the data rows. */
async function readWorkbook(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const info = new Map<string, string>();
  let r = 2;
  for (; sheet.getCell(r, 1).value !== null; r++) {
    info.set(String(sheet.getCell(r, 1).value), String(sheet.getCell(r, 2).value ?? ''));
  }
  const headerRow = r + 1;
  const width = sheet.getRow(headerRow).cellCount;
  const header = Array.from({ length: width }, (_, c) => String(sheet.getCell(headerRow, c + 1).value));
  const rows: ExcelJS.Cell[][] = [];
  for (let row = headerRow + 1; row <= sheet.rowCount; row++) {
    rows.push(Array.from({ length: width }, (_, c) => sheet.getCell(row, c + 1)));
  }
  return { workbook, info, header, rows };
}

/** A money cell back in fen: yuan shown with two decimals, exact to the fen. */
function fenOf(cell: ExcelJS.Cell | undefined): number | null {
  if (!cell || cell.value === null) return null;
  expect(cell.numFmt).toBe('#,##0.00');
  return Math.round((cell.value as number) * 100);
}

describe('GET /v1/exports/kpi-ranking', () => {
  const query = 'kpi=net_profit&period=month&month=2026-09';

  it('reads back as the ranking’s rows, with the data date, filters and 统计口径', async () => {
    const ranking = await json(`/api/v1/kpis/ranking?${query}`);
    const { res, bytes } = await download(`/api/v1/exports/kpi-ranking?format=xlsx&${query}`);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('社区排名')}`,
    );
    expect(res.headers.get('cache-control')).toContain('no-store');

    const sheet = await readWorkbook(bytes);
    expect(sheet.workbook.worksheets[0]?.getCell(1, 1).value).toBe('社区排名');
    expect(sheet.info.get('数据截至')).toBe(ranking.dataDate);
    expect(sheet.info.get('筛选条件')).toContain('指标：净利润');
    expect(sheet.info.get('筛选条件')).toContain('月份：2026-09');
    // the median of an even count may fall on half a fen: printed to the fen, never "2721.52.5"
    expect(sheet.info.get('中位数')).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(sheet.header.slice(0, 4)).toEqual(['排名', '社区', '街道', '净利润']);
    expect(ranking.items.length).toBeGreaterThan(30);
    expect(sheet.rows.map((row) => [row[0]?.value ?? null, row[1]?.value, fenOf(row[3])])).toEqual(
      ranking.items.map((item: { rank: number | null; communityName: string; value: number | null }) => [
        item.rank,
        item.communityName,
        item.value,
      ]),
    );

    const definitions = sheet.workbook.worksheets[1];
    expect(definitions?.name).toBe('统计口径');
    const texts = definitions?.getColumn(2).values.map(String) ?? [];
    expect(texts).toContain(KPI_DEFINITIONS.net_profit.formula['zh-CN']);
  });

  it('speaks English with Accept-Language: en', async () => {
    const { res, bytes } = await download(`/api/v1/exports/kpi-ranking?${query}`, ADMIN, 'en');
    const sheet = await readWorkbook(bytes);
    expect(sheet.header.slice(0, 4)).toEqual(['Rank', 'Community', 'Street office', 'Net profit']);
    expect(sheet.info.get('Filters')).toContain('KPI: Net profit');
    expect(sheet.workbook.worksheets[1]?.name).toBe('Definitions');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Community%20ranking-");
  });

  it('writes rates as percentages', async () => {
    const rateQuery = 'kpi=on_time_rate&period=month&month=2026-09';
    const ranking = await json(`/api/v1/kpis/ranking?${rateQuery}`);
    const sheet = await readWorkbook((await download(`/api/v1/exports/kpi-ranking?${rateQuery}`)).bytes);
    const first = sheet.rows[0];
    expect(first?.[3]?.numFmt).toBe('0.00%');
    expect(first?.[3]?.value).toBe(ranking.items[0].value);
  });
});

describe('GET /v1/exports/reports (a paged list)', () => {
  it('holds every page of the list, each row equal to the API’s', async () => {
    const filter = 'monthFrom=2025-01&monthTo=2026-09';
    const items: Array<Record<string, unknown>> = [];
    for (let page = 1; ; page++) {
      const body = await json(`/api/v1/reports?${filter}&page=${page}&pageSize=200`);
      items.push(...body.items);
      if (items.length >= body.total) break;
    }
    expect(items.length).toBeGreaterThan(500); // more than one of the export's pages
    const sheet = await readWorkbook((await download(`/api/v1/exports/reports?${filter}&page=3`)).bytes);
    expect(sheet.info.get('行数')).toBe(String(items.length));
    expect(sheet.header.slice(0, 6)).toEqual(['月份', '社区', '项目', '版本', '状态', '营业收入']);
    expect(sheet.rows.map((row) => [row[0]?.value, row[1]?.value, row[2]?.value, fenOf(row[5])])).toEqual(
      items.map((r) => [r.month, r.communityName, r.ventureName, r.revenueFen]),
    );
  });
});

describe('CSV', () => {
  it('starts with the UTF-8 BOM and keeps Chinese intact', async () => {
    const communities = await json('/api/v1/communities');
    const { res, bytes } = await download('/api/v1/exports/communities?format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 2)).toEqual(['社区', '街道']);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
      communities.items.map((c: { name: string }) => c.name),
    );
    expect(text).toContain('金汇社区');
  });

  it('writes money as yuan with two decimals from exact fen', async () => {
    const funds = await json('/api/v1/funds');
    const { bytes } = await download('/api/v1/exports/funds?format=csv');
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n').slice(1);
    const balances = lines.map((line) => line.split(',').at(-1));
    expect(balances).toEqual(
      funds.items.map(
        (f: { balanceFen: number }) =>
          `${Math.trunc(f.balanceFen / 100)}.${String(f.balanceFen % 100).padStart(2, '0')}`,
      ),
    );
  });
});

describe('the view’s own rules', () => {
  it('reads the view plainly whatever the browser sends: gzip accepted, a cached ETag', async () => {
    const { bytes } = await download('/api/v1/exports/communities?format=csv');
    const asBrowser = await t.request('/api/v1/exports/communities?format=csv', {
      as: ADMIN,
      headers: { 'Accept-Encoding': 'gzip, deflate', 'If-None-Match': '*' },
    });
    expect(asBrowser.status).toBe(200);
    const raw = new Uint8Array(await asBrowser.arrayBuffer());
    // the file itself may travel gzipped to a browser that accepts it
    const body = asBrowser.headers.get('content-encoding') === 'gzip' ? gunzipSync(raw) : raw;
    const text = new TextDecoder().decode(body);
    expect(text).toBe(new TextDecoder().decode(bytes));
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.request('/api/v1/exports/communities');
    expect(res.status).toBe(401);
  });

  it('refuses what the role may not read, as the view does', async () => {
    const view = await t.request('/api/v1/audit', { as: 'soe@dongqu.demo' });
    const res = await t.request('/api/v1/exports/audit', { as: 'soe@dongqu.demo' });
    expect(view.status).toBe(403);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it('passes the view’s validation through, naming the field', async () => {
    const res = await t.request('/api/v1/exports/kpi-ranking?kpi=nonsense&month=2026-09', { as: ADMIN });
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields)).toContain('kpi');
    const ledger = await t.request('/api/v1/exports/ledger', { as: ADMIN });
    expect(ledger.status).toBe(400);
    expect((await ledger.json()).error.fields).toEqual({ fundId: '必填' });
    const format = await t.request('/api/v1/exports/communities?format=pdf', { as: ADMIN });
    expect(format.status).toBe(400);
  });

  it('answers 404 for another district’s fund ledger', async () => {
    const funds = await json('/api/v1/funds', ADMIN);
    const fundId = funds.items[0].id;
    const res = await t.request(`/api/v1/exports/ledger?fundId=${fundId}`, { as: 'admin@xiqu.demo' });
    expect(res.status).toBe(404);
    const own = await t.request(`/api/v1/exports/ledger?fundId=${fundId}`, { as: ADMIN });
    expect(own.status).toBe(200);
  });

  it('exports a community’s own ledger with its opening and closing balance', async () => {
    const funds = await json(`/api/v1/funds?communityId=${DEMO_IDS.jinhui}`, 'jinhui@dongqu.demo');
    const fund = funds.items[0];
    const entries = await json(`/api/v1/funds/${fund.id}/entries?limit=1000`, 'jinhui@dongqu.demo');
    const sheet = await readWorkbook(
      (await download(`/api/v1/exports/ledger?fundId=${fund.id}`, 'jinhui@dongqu.demo')).bytes,
    );
    expect(sheet.info.get('基金')).toBe(fund.name);
    expect(sheet.rows.map((row) => fenOf(row[5]))).toEqual(
      entries.items.map((e: { amountFen: number }) => e.amountFen),
    );
    // a payout's own day beside its booking time; every other kind leaves it blank
    expect(sheet.rows.map((row) => row[1]?.value || null)).toEqual(
      entries.items.map((e: { paidOn: string | null }) => e.paidOn),
    );
    expect(sheet.rows.at(-1)?.[6]?.value).toBe(fund.balanceFen / 100);
  });

  it('exports each warning with the day its condition began, beside when it was detected', async () => {
    const list = await json('/api/v1/warnings?status=open&limit=500', ADMIN);
    const sheet = await readWorkbook((await download('/api/v1/exports/warnings?status=open')).bytes);
    const column = sheet.header.indexOf('持续起始日');
    expect(column).toBe(sheet.header.indexOf('发现时间') - 1);
    expect(list.items.length).toBeGreaterThan(0);
    expect(sheet.rows.length).toBe(list.items.length);
    expect(sheet.rows.map((row) => row[column]?.value).sort()).toEqual(
      list.items.map((w: { conditionSince: string }) => w.conditionSince).sort(),
    );
  });
});

describe('every view exports for a district admin', () => {
  const VIEWS: Record<string, string> = {
    'kpi-overview': 'month=2026-09',
    'kpi-series': 'kpi=operating_revenue&from=2025-10&to=2026-09&groupBy=street_office',
    'kpi-ranking': 'kpi=reporting_rate&month=2026-09',
    'reporting-matrix': 'from=2026-01&to=2026-09',
    'fund-flow': 'period=year&month=2026-09',
    'kpi-mix': 'month=2026-09',
    communities: '',
    reports: 'month=2026-09',
    funds: '',
    proposals: '',
    pledges: '',
    warnings: 'status=open',
    audit: '',
    ventures: '',
    companies: '',
    assets: '',
    partners: '',
    agreements: '',
    'street-offices': '',
    users: '',
  };
  it.each(Object.entries(VIEWS))('%s', async (view, query) => {
    const { bytes } = await download(`/api/v1/exports/${view}?${query}`);
    const sheet = await readWorkbook(bytes);
    expect(sheet.header.length).toBeGreaterThan(1);
    expect(sheet.rows.length, view).toBeGreaterThan(0);
    expect(sheet.info.get('行数')).toBe(String(sheet.rows.length));
    expect(sheet.workbook.worksheets[1]?.rowCount).toBeGreaterThan(1);
    const csv = await download(`/api/v1/exports/${view}?format=csv&${query}`);
    expect(new TextDecoder().decode(csv.bytes).trimEnd().split('\r\n')).toHaveLength(sheet.rows.length + 1);
  });
});

describe('GET /v1/exports/audit', () => {
  interface Entry {
    action: string;
    entityType: string;
    entityId: string | null;
    actorUserId: string | null;
    actorName: string | null;
    after: Record<string, unknown> | null;
  }
  let street: { id: string; name: string };
  let entries: Entry[];

  beforeAll(async () => {
    const res = await t.request('/api/v1/street-offices', {
      method: 'POST',
      as: ADMIN,
      body: JSON.stringify({ name: '审计导出街道' }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    street = await res.json();
    entries = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page: { items: Entry[]; nextCursor: string | null } = await json(
        `/api/v1/audit?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      entries.push(...page.items);
      cursor = page.nextCursor;
    }
  });

  /** The action, type, object and id columns of the entry's row. */
  const cellsOf = (sheet: Sheet, entityId: string, action: string) => {
    const at = entries.findIndex((e) => e.entityId === entityId && e.action === action);
    expect(at).toBeGreaterThanOrEqual(0);
    return sheet.rows[at]?.slice(1, 6).map((cell) => cell.value);
  };

  it('says the action and the object’s type in words, the object by name beside its id', async () => {
    const sheet = await readWorkbook((await download('/api/v1/exports/audit')).bytes);
    expect(sheet.header).toEqual([
      '时间',
      '操作人',
      '操作',
      '对象类型',
      '对象',
      '对象编号',
      '社区',
      '请求编号',
    ]);
    expect(sheet.rows).toHaveLength(entries.length);
    expect(sheet.rows.map((row) => row[5]?.value || null)).toEqual(entries.map((e) => e.entityId));
    const admin = entries.find((e) => e.action === 'street_office.create')?.actorName;
    expect(admin).toBeTruthy();
    expect(cellsOf(sheet, street.id, 'street_office.create')).toEqual([
      admin,
      '新建街道',
      '街道',
      '审计导出街道',
      street.id,
    ]);
    // the warnings the refresh raised: by their kind and community, as the screen names them
    const detected = entries.find((e) => e.action === 'warning.detect');
    if (!detected?.entityId || !detected.after) throw new Error('no detected warning in the log');
    const [, action, type, object] = cellsOf(sheet, detected.entityId, 'warning.detect') ?? [];
    expect([action, type]).toEqual(['生成预警', '预警']);
    expect(object).toContain(
      `${WARNING_KIND_LABELS[detected.after.kind as WarningKind]['zh-CN']} · ${detected.after.communityName}`,
    );
    // no code left in the words' columns
    for (const row of sheet.rows) {
      expect(String(row[2]?.value)).not.toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(String(row[3]?.value)).not.toMatch(/^[a-z_]+$/);
    }
  });

  it('in English with Accept-Language: en, and the CSV the same', async () => {
    const sheet = await readWorkbook((await download('/api/v1/exports/audit', ADMIN, 'en')).bytes);
    expect(sheet.header).toEqual([
      'At',
      'Actor',
      'Action',
      'Object type',
      'Object',
      'Object id',
      'Community',
      'Request id',
    ]);
    expect(cellsOf(sheet, street.id, 'street_office.create')?.slice(1)).toEqual([
      'Created street office',
      'Street office',
      '审计导出街道',
      street.id,
    ]);
    const detected = entries.find((e) => e.action === 'warning.detect');
    expect(cellsOf(sheet, detected?.entityId ?? '', 'warning.detect')?.slice(1, 3)).toEqual([
      'Raised warning',
      'Warning',
    ]);

    const zh = new TextDecoder().decode((await download('/api/v1/exports/audit?format=csv')).bytes);
    expect(zh).toContain(`,新建街道,街道,审计导出街道,${street.id},`);
    expect(zh).toContain(',生成预警,预警,');
    expect(zh).not.toMatch(/,(warning\.detect|street_office\.create),/);
    const en = new TextDecoder().decode(
      (await download('/api/v1/exports/audit?format=csv', ADMIN, 'en')).bytes,
    );
    expect(en).toContain(`,Created street office,Street office,审计导出街道,${street.id},`);
    expect(en).toContain(',Raised warning,Warning,');
  });

  it('names the filters in words', async () => {
    const query = `entityType=street_office&action=street_office.create&entityId=${street.id}`;
    const sheet = await readWorkbook((await download(`/api/v1/exports/audit?${query}`)).bytes);
    expect(sheet.info.get('筛选条件')).toBe(`对象类型：街道；操作：新建街道；对象编号：${street.id}`);
    expect(sheet.rows).toHaveLength(1);
    const en = await readWorkbook((await download(`/api/v1/exports/audit?${query}`, ADMIN, 'en')).bytes);
    expect(en.info.get('Filters')).toBe(
      `Object type: Street office; Action: Created street office; Object id: ${street.id}`,
    );
    // who, by name as the screen's picker shows it
    const created = entries.find((e) => e.entityId === street.id);
    const byWho = await readWorkbook(
      (await download(`/api/v1/exports/audit?actorUserId=${created?.actorUserId}&${query}`)).bytes,
    );
    expect(byWho.info.get('筛选条件')).toContain(`操作人：${created?.actorName}；`);
  });
});
