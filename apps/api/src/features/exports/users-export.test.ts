import type { DistrictUser, DistrictUserList } from '@gongfu/contract';
import { DEMO_IDS } from '@gongfu/db';
import { ROLE_LABELS } from '@gongfu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { shanghaiTime } from './views';

/**
 * The users export (用户与权限, for an inspection such as 等保): the district's accounts read through GET /users as
 * the caller — one row per role, labelled in words, times in Beijing time, never a password or a hash — and
 * refused exactly as the list is for every role that may not read it. Another district's accounts are never in it.
 */

let t: TestApp;
const ADMIN = 'admin@dongqu.demo';
const XIQU_ADMIN = 'admin@xiqu.demo';
let invited: { id: string; email: string; password: string };

beforeAll(async () => {
  t = await createTestApp();
  // a fresh account with a community role and a partner-less district role, and an initial password to look for
  const res = await t.request('/api/v1/users', {
    method: 'POST',
    as: ADMIN,
    body: JSON.stringify({
      displayName: '导出测试员',
      email: 'export.check@dongqu.test',
      memberships: [
        { role: 'community_reporter', communityId: DEMO_IDS.jinhui },
        { role: 'district_viewer' },
      ],
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = await res.json();
  invited = { id: body.user.id, email: body.user.email, password: body.initialPassword };
});
afterAll(async () => t?.close());

async function usersOf(as: string): Promise<DistrictUser[]> {
  const res = await t.request('/api/v1/users', { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as DistrictUserList).items;
}

async function download(path: string, as = ADMIN, lang = 'zh-CN') {
  const res = await t.request(path, { as, headers: { 'Accept-Language': lang } });
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

interface Sheet {
  workbook: ExcelJS.Workbook;
  info: Map<string, string>;
  header: string[];
  rows: string[][];
}

/** The first sheet: info lines until the blank row, then the header and the data rows (as text). */
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
  const rows: string[][] = [];
  for (let row = headerRow + 1; row <= sheet.rowCount; row++) {
    rows.push(Array.from({ length: width }, (_, c) => String(sheet.getCell(row, c + 1).value ?? '')));
  }
  return { workbook, info, header, rows };
}

/** Every text of the workbook, both sheets: to look for what must never be there. */
function allText(sheet: Sheet): string {
  return sheet.workbook.worksheets
    .flatMap((ws) => ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])))
    .join('\n');
}

const ZH_HEADER = [
  '姓名',
  '登录邮箱',
  '角色',
  '所属社区 / 合作方',
  '授权时间',
  '状态',
  '需改密',
  '停用时间',
  '最近登录',
  '创建时间',
  '账号编号',
];

describe('GET /v1/exports/users', () => {
  it('holds every account of the district, one row per role, in words and Beijing time', async () => {
    const users = await usersOf(ADMIN);
    const { res, bytes } = await download('/api/v1/exports/users');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('用户与权限')}-`,
    );
    const sheet = await readWorkbook(bytes);
    expect(sheet.workbook.worksheets[0]?.getCell(1, 1).value).toBe('用户与权限');
    expect(sheet.header).toEqual(ZH_HEADER);
    expect(sheet.info.get('账号数')).toBe(String(users.length));
    expect(sheet.info.get('筛选条件')).toBe('无');

    // row for row the list's accounts and their roles, in the list's order
    const expected = users.flatMap((u) =>
      (u.memberships.length ? u.memberships : [null]).map((m) => [u.id, m?.id ?? null]),
    );
    expect(sheet.rows).toHaveLength(expected.length);
    expect(sheet.info.get('行数')).toBe(String(expected.length));
    expect(sheet.rows.map((row) => row[10])).toEqual(expected.map(([userId]) => userId));

    // the account just invited: both roles, labelled; where they apply; its times as the other views write them
    const mine = sheet.rows.filter((row) => row[10] === invited.id);
    const account = users.find((u) => u.id === invited.id);
    if (!account) throw new Error('invited account not listed');
    // (two roles granted at the same instant: in the list's order, whichever that is)
    expect(mine.map((row) => row.slice(0, 4)).sort()).toEqual([
      ['导出测试员', 'export.check@dongqu.test', '区级查看员', ''],
      ['导出测试员', 'export.check@dongqu.test', '社区填报员', '金汇社区'],
    ]);
    expect(mine.map((row) => row[2])).toEqual(account.memberships.map((m) => ROLE_LABELS[m.role]['zh-CN']));
    // a new account's password is the admin's until its owner changes it: 需改密 是
    expect(mine[0]?.slice(5, 10)).toEqual(['在用', '是', '', '从未登录', shanghaiTime(account.createdAt)]);
    expect(mine[0]?.[4]).toBe(shanghaiTime(account.memberships[0]?.createdAt));
    expect(mine[0]?.[9]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // the admin (logged in for this test): its last login in Beijing time; a partner operator by its partner
    const admin = users.find((u) => u.email === ADMIN);
    const adminRow = sheet.rows.find((row) => row[1] === ADMIN);
    expect(adminRow?.slice(2, 4)).toEqual(['区级管理员', '']);
    expect(adminRow?.[6]).toBe('否');
    expect(adminRow?.[8]).toBe(shanghaiTime(admin?.lastLoginAt));
    expect(adminRow?.[8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const soe = users.find((u) => u.email === 'soe@dongqu.demo');
    const soeRow = sheet.rows.find((row) => row[1] === 'soe@dongqu.demo');
    expect(soeRow?.slice(2, 4)).toEqual(['合作运营方', soe?.memberships[0]?.partnerName]);
    expect(soe?.memberships[0]?.partnerName).toBeTruthy();

    // no role code left in the role column, no status code in the status column
    for (const row of sheet.rows) {
      expect(row[2]).not.toMatch(/^[a-z_]+$/);
      expect(['在用', '已停用']).toContain(row[5]);
      expect(['是', '否']).toContain(row[6]);
    }
    const definitions = sheet.workbook.worksheets[1];
    expect(definitions?.name).toBe('统计口径');
    expect(definitions?.getColumn(2).values.map(String).join('\n')).toContain('不导出密码');
  });

  it('says a disabled account and when, and filters as the list does (status, search)', async () => {
    const target = await t.request('/api/v1/users', {
      method: 'POST',
      as: ADMIN,
      body: JSON.stringify({
        displayName: '已停用导出测试',
        email: 'export.disabled@dongqu.test',
        memberships: [{ role: 'community_admin', communityId: DEMO_IDS.dukou }],
      }),
    });
    expect(target.status).toBe(201);
    const { user } = await target.json();
    const disabled = await t.request(`/api/v1/users/${user.id}/disable`, { method: 'POST', as: ADMIN });
    expect(disabled.status, await disabled.clone().text()).toBe(200);
    const disabledAt = (await disabled.json()).disabledAt as string;

    const listed = (await usersOf(ADMIN)).filter((u) => u.status === 'disabled');
    const sheet = await readWorkbook((await download('/api/v1/exports/users?status=disabled')).bytes);
    expect(sheet.rows.map((row) => row[10])).toEqual(
      listed.flatMap((u) => (u.memberships.length ? u.memberships : [null]).map(() => u.id)),
    );
    expect(sheet.info.get('其中已停用')).toBe(String(listed.length));
    const row = sheet.rows.find((r) => r[10] === user.id);
    expect(row?.slice(2, 8)).toEqual([
      '社区管理员',
      '渡口社区',
      expect.any(String),
      '已停用',
      // it still has the admin's password, but cannot log in to change it: as the page, 否
      '否',
      shanghaiTime(disabledAt),
    ]);

    const searched = await readWorkbook((await download('/api/v1/exports/users?q=export.check')).bytes);
    expect(new Set(searched.rows.map((r) => r[10]))).toEqual(new Set([invited.id]));
  });

  it('filters by role and by community or partner as the list does, in its statement', async () => {
    const query = `role=community_reporter&communityId=${DEMO_IDS.jinhui}`;
    const listed = (await (
      await t.request(`/api/v1/users?${query}`, { as: ADMIN })
    ).json()) as DistrictUserList;
    expect(listed.items.map((u) => u.email)).toEqual(
      expect.arrayContaining(['reporter@jinhui.demo', invited.email]),
    );
    const sheet = await readWorkbook((await download(`/api/v1/exports/users?${query}`)).bytes);
    expect(sheet.rows.map((row) => row[10])).toEqual(
      listed.items.flatMap((u) => u.memberships.map(() => u.id)),
    );
    expect(sheet.info.get('账号数')).toBe(String(listed.items.length));
    // the matching accounts, each with all its roles: the invited account's district role as well
    expect(
      sheet.rows
        .filter((row) => row[10] === invited.id)
        .map((row) => row[2])
        .sort(),
    ).toEqual(['区级查看员', '社区填报员'].sort());
    // 金汇's community admin holds no reporter role there; the admin no role there at all
    expect(sheet.rows.map((row) => row[1])).not.toContain('jinhui@dongqu.demo');
    expect(sheet.rows.map((row) => row[1])).not.toContain(ADMIN);

    const soe = (await usersOf(ADMIN)).find((u) => u.email === 'soe@dongqu.demo');
    const partner = await readWorkbook(
      (await download(`/api/v1/exports/users?partnerId=${DEMO_IDS.soe}`)).bytes,
    );
    expect(partner.rows.map((row) => row[1])).toEqual(['soe@dongqu.demo']);
    expect(partner.rows[0]?.slice(2, 4)).toEqual(['合作运营方', soe?.memberships[0]?.partnerName]);

    // a bad value is the list's own 400, naming the field
    for (const [bad, field] of [
      ['role=platform_admin', 'role'],
      ['communityId=jinhui', 'communityId'],
      ['partnerId=x', 'partnerId'],
    ] as const) {
      const res = await t.request(`/api/v1/exports/users?format=csv&${bad}`, { as: ADMIN });
      expect(res.status, bad).toBe(400);
      expect(Object.keys((await res.json()).error.fields), bad).toEqual([field]);
    }
  });

  it('says its filters in words in 筛选条件: the search, the status, the role, the community or partner by name', async () => {
    const info = async (query: string, lang = 'zh-CN') =>
      (await readWorkbook((await download(`/api/v1/exports/users?${query}`, ADMIN, lang)).bytes)).info;
    expect((await info('q=export.check&status=active')).get('筛选条件')).toBe(
      '搜索：export.check；状态：在用',
    );
    expect((await info(`role=community_reporter&communityId=${DEMO_IDS.jinhui}`)).get('筛选条件')).toBe(
      '角色：社区填报员；社区：金汇社区',
    );
    const soe = (await usersOf(ADMIN)).find((u) => u.email === 'soe@dongqu.demo');
    expect((await info(`status=disabled&partnerId=${DEMO_IDS.soe}`)).get('筛选条件')).toBe(
      `状态：已停用；合作方：${soe?.memberships[0]?.partnerName}`,
    );
    expect((await info('role=district_admin')).get('筛选条件')).toBe('角色：区级管理员');
    const en = await info(
      `q=export.check&status=disabled&role=partner_operator&communityId=${DEMO_IDS.jinhui}`,
      'en',
    );
    expect(en.get('Filters')).toBe(
      'Search: export.check; Status: Disabled; Role: Partner operator; Community: 金汇社区',
    );
  });

  it('需改密: 是 while the password is the one an admin set, 否 once the account changed it', async () => {
    const email = 'export.password@dongqu.test';
    const created = await t.request('/api/v1/users', {
      method: 'POST',
      as: ADMIN,
      body: JSON.stringify({
        displayName: '改密导出测试',
        email,
        memberships: [{ role: 'district_viewer' }],
      }),
    });
    expect(created.status).toBe(201);
    const { user, initialPassword } = await created.json();
    const flags = async () =>
      (await readWorkbook((await download('/api/v1/exports/users?q=export.password')).bytes)).rows.map(
        (row) => [row[10], row[6]],
      );
    expect(await flags()).toEqual([[user.id, '是']]);

    const login = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: initialPassword }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const changed = await t.app.request('/api/v1/auth/password', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: initialPassword, newPassword: 'changed-initial-2027' }),
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect(await flags()).toEqual([[user.id, '否']]);

    // in English, as the other yes/no columns say it
    const en = await readWorkbook(
      (await download('/api/v1/exports/users?q=export.password', ADMIN, 'en')).bytes,
    );
    expect(en.header[6]).toBe('Must change password');
    expect(en.rows.map((row) => row[6])).toEqual(['no']);
    expect(en.workbook.worksheets[1]?.getColumn(1).values.map(String)).toContain('Must change password');
  });

  it('speaks English with Accept-Language: en', async () => {
    const { res, bytes } = await download('/api/v1/exports/users', ADMIN, 'en');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Users%20%26%20access-");
    const sheet = await readWorkbook(bytes);
    expect(sheet.header).toEqual([
      'Name',
      'Login email',
      'Role',
      'Community / partner',
      'Role granted at',
      'Status',
      'Must change password',
      'Disabled at',
      'Last login',
      'Created at',
      'Account id',
    ]);
    expect(sheet.workbook.worksheets[1]?.name).toBe('Definitions');
    const mine = sheet.rows.filter((row) => row[10] === invited.id);
    expect(mine.map((row) => [row[2], row[3], row[5], row[6], row[8]]).sort()).toEqual([
      ['Community reporter', '金汇社区', 'Active', 'yes', 'Never'],
      ['District viewer', '', 'Active', 'yes', 'Never'],
    ]);
    expect(sheet.info.get('Accounts')).toBeTruthy();
  });

  it('holds no password, hash or other secret: neither does the list it reads', async () => {
    const users = await usersOf(ADMIN);
    const keys = new Set(users.flatMap((u) => [...Object.keys(u), ...u.memberships.flatMap(Object.keys)]));
    // a flag that a password is still the admin's, never the password: a boolean and nothing else
    for (const u of users) expect(typeof u.mustChangePassword).toBe('boolean');
    keys.delete('mustChangePassword');
    for (const key of keys) expect(key).not.toMatch(/password|hash|secret|token|salt|session/i);

    const sheet = await readWorkbook((await download('/api/v1/exports/users')).bytes);
    const text = allText(sheet);
    expect(text).not.toContain(invited.password);
    expect(text).not.toMatch(/\$argon2|\$2[aby]\$|\$scrypt/);
    for (const column of sheet.header) expect(column).not.toMatch(/密码|口令|令牌|hash|password|token/i);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      (await download('/api/v1/exports/users?format=csv')).bytes,
    );
    expect(csv).not.toContain(invited.password);
    expect(csv).not.toMatch(/\$argon2/);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${ZH_HEADER.join(',')}`);
  });

  it('another district exports its own accounts only, and never this one’s', async () => {
    const xiqu = await usersOf(XIQU_ADMIN);
    expect(xiqu.length).toBeGreaterThan(0);
    const sheet = await readWorkbook((await download('/api/v1/exports/users', XIQU_ADMIN)).bytes);
    expect(new Set(sheet.rows.map((row) => row[10]))).toEqual(new Set(xiqu.map((u) => u.id)));
    expect(sheet.rows.map((row) => row[1]).filter((email) => !email?.endsWith('@xiqu.demo'))).toEqual([]);
    const text = allText(sheet);
    for (const u of await usersOf(ADMIN)) {
      expect(text).not.toContain(u.id);
      expect(text).not.toContain(u.email);
    }
    // and the other way round
    const dongqu = allText(await readWorkbook((await download('/api/v1/exports/users')).bytes));
    for (const u of xiqu) expect(dongqu).not.toContain(u.email);
  });

  it.each([
    'viewer@dongqu.demo',
    'jinhui@dongqu.demo',
    'reporter@jinhui.demo',
    'soe@dongqu.demo',
    'platform@gongfu.demo',
  ])('refuses %s as the list does', async (as) => {
    const view = await t.request('/api/v1/users', { as });
    const res = await t.request('/api/v1/exports/users?format=csv', { as });
    expect(view.status).toBe(403);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/json');
    const [viewBody, body] = [await view.json(), await res.json()];
    expect(body.error.code).toBe(viewBody.error.code);
    expect(body.error.code).toBe('forbidden');
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.request('/api/v1/exports/users');
    expect(res.status).toBe(401);
  });
});
