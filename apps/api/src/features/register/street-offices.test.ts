import { DEMO_IDS } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  DISTRICT_ADMIN,
  DISTRICT_VIEWER,
  GELIPING_ADMIN,
  helpers,
  JINHUI_ADMIN,
  JINHUI_REPORTER,
  PLATFORM_ADMIN,
  SOE_OPERATOR,
  WANGJIANGJIE_ADMIN,
  XIQU_ADMIN,
} from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
const { get, post, patch, del, count, auditActions } = helpers(() => t);

describe('street offices', () => {
  it('each role of the district reads its district’s street offices, with community counts', async () => {
    // the count is of the live communities the caller can see: a community admin sees its own only
    const inBingcaogang = await count(
      'communities c join street_offices s using (district_id)',
      sql`s.street_office_id = c.street_office_id and s.name = '炳草岗街道' and c.deleted_at is null`,
    );
    expect(inBingcaogang).toBeGreaterThanOrEqual(2);
    for (const [as, seen] of [
      [DISTRICT_ADMIN, inBingcaogang],
      [DISTRICT_VIEWER, inBingcaogang],
      [JINHUI_ADMIN, 1],
    ] as const) {
      const res = await get('/street-offices', as);
      expect(res.status).toBe(200);
      const names = res.body.items.map((s: { name: string }) => s.name);
      expect(names).toEqual(expect.arrayContaining(['大渡口街道', '炳草岗街道']));
      expect(names).not.toContain('清香坪街道');
      expect(res.body.items.find((s: { name: string }) => s.name === '炳草岗街道').communityCount).toBe(seen);
    }
    const xiqu = await get('/street-offices', XIQU_ADMIN);
    const xiquNames = xiqu.body.items.map((s: { name: string }) => s.name);
    expect(xiquNames).toContain('清香坪街道');
    expect(xiquNames).not.toContain('炳草岗街道');
  });

  it('roles without street_office:read get 403; no session 401', async () => {
    for (const as of [JINHUI_REPORTER, SOE_OPERATOR, PLATFORM_ADMIN]) {
      expect((await get('/street-offices', as)).status).toBe(403);
    }
    expect((await get('/street-offices')).status).toBe(401);
  });

  it('a district admin creates, reads, changes and deletes a street office, each change audited', async () => {
    const created = await post('/street-offices', DISTRICT_ADMIN, {
      name: '银江街道',
      adminCode: '510402003',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '银江街道',
      adminCode: '510402003',
      version: 1,
      communityCount: 0,
    });
    const id = created.body.id;

    expect((await get(`/street-offices/${id}`, DISTRICT_VIEWER)).body.name).toBe('银江街道');
    expect((await get(`/street-offices/${id}`, XIQU_ADMIN)).status).toBe(404);

    const changed = await patch(`/street-offices/${id}`, DISTRICT_ADMIN, { version: 1, name: '银江镇街道' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '银江镇街道', version: 2 });

    const stale = await patch(`/street-offices/${id}`, DISTRICT_ADMIN, { version: 1, name: '过期的名字' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await get(`/street-offices/${id}`, DISTRICT_ADMIN)).body.name).toBe('银江镇街道');

    expect((await del(`/street-offices/${id}`, DISTRICT_ADMIN)).status).toBe(204);
    expect((await get(`/street-offices/${id}`, DISTRICT_ADMIN)).status).toBe(404);
    expect(await auditActions(id)).toEqual([
      'street_office.create',
      'street_office.update',
      'street_office.delete',
    ]);
  });

  it('other roles may not write (403) and nothing is written', async () => {
    for (const as of [DISTRICT_VIEWER, JINHUI_ADMIN, JINHUI_REPORTER, SOE_OPERATOR, PLATFORM_ADMIN]) {
      const res = await post('/street-offices', as, { name: `越权街道-${as}` });
      expect(res.status).toBe(403);
    }
    expect(await count('street_offices', sql`name like '越权街道-%'`)).toBe(0);
    const existing = (await get('/street-offices', DISTRICT_ADMIN)).body.items[0];
    expect(
      (await patch(`/street-offices/${existing.id}`, JINHUI_ADMIN, { version: 1, name: 'x' })).status,
    ).toBe(403);
    expect((await del(`/street-offices/${existing.id}`, DISTRICT_VIEWER)).status).toBe(403);
    expect((await get(`/street-offices/${existing.id}`, DISTRICT_ADMIN)).body.name).toBe(existing.name);
  });

  it('another district’s street office is 404 to read, change or delete', async () => {
    const xiquOffice = (await get('/street-offices', XIQU_ADMIN)).body.items.find(
      (s: { name: string }) => s.name === '清香坪街道',
    );
    expect((await get(`/street-offices/${xiquOffice.id}`, DISTRICT_ADMIN)).status).toBe(404);
    expect(
      (await patch(`/street-offices/${xiquOffice.id}`, DISTRICT_ADMIN, { version: 1, name: 'x' })).status,
    ).toBe(404);
    expect((await del(`/street-offices/${xiquOffice.id}`, DISTRICT_ADMIN)).status).toBe(404);
    expect((await get(`/street-offices/${xiquOffice.id}`, XIQU_ADMIN)).body.name).toBe('清香坪街道');
  });

  it('a street office communities belong to cannot be deleted (409)', async () => {
    const office = (await get('/street-offices', DISTRICT_ADMIN)).body.items.find(
      (s: { name: string }) => s.name === '大渡口街道',
    );
    const res = await del(`/street-offices/${office.id}`, DISTRICT_ADMIN);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('street_office_in_use');
  });

  it('validation names each field, in Chinese and English; a duplicate name is 409', async () => {
    const zh = await post('/street-offices', DISTRICT_ADMIN, { name: '  ', adminCode: '12' });
    expect(zh.status).toBe(400);
    expect(Object.keys(zh.body.error.fields).sort()).toEqual(['adminCode', 'name']);
    expect(zh.body.error.fields.name).toBe('不能为空');
    const en = await post('/street-offices', DISTRICT_ADMIN, { name: '' }, { 'Accept-Language': 'en' });
    expect(en.body.error.fields.name).toBe('Must not be empty');
    const nul = await post('/street-offices', DISTRICT_ADMIN, { name: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.fields).toHaveProperty('name');
    const dup = await post('/street-offices', DISTRICT_ADMIN, { name: '炳草岗街道' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.name).toBe('本区已有同名街道');
  });
});

describe('district settings', () => {
  it('district roles and community admins read the settings; the due day defaults to the 10th', async () => {
    for (const as of [DISTRICT_ADMIN, DISTRICT_VIEWER, JINHUI_ADMIN]) {
      const res = await get('/district/settings', as);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ districtId: DEMO_IDS.dongqu, reportDueDay: 10 });
    }
    expect((await get('/district/settings', XIQU_ADMIN)).body.districtId).toBe(DEMO_IDS.xiqu);
    expect((await get('/district/settings', JINHUI_REPORTER)).status).toBe(403);
    expect((await get('/district/settings')).status).toBe(401);
  });

  it('a district admin changes the due day with the current version; stale 409; out of range 400', async () => {
    const current = (await get('/district/settings', DISTRICT_ADMIN)).body;
    const bad = await patch('/district/settings', DISTRICT_ADMIN, {
      version: current.version,
      reportDueDay: 29,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('reportDueDay');
    const ok = await patch('/district/settings', DISTRICT_ADMIN, {
      version: current.version,
      reportDueDay: 15,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ reportDueDay: 15, version: current.version + 1 });
    const stale = await patch('/district/settings', DISTRICT_ADMIN, {
      version: current.version,
      reportDueDay: 5,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(await auditActions(DEMO_IDS.dongqu)).toEqual(['district.settings.update']);
    // the other district is untouched
    expect((await get('/district/settings', XIQU_ADMIN)).body.reportDueDay).toBe(10);
  });

  it('viewers and community admins may not change settings (403), and nothing changes', async () => {
    const before = (await get('/district/settings', DISTRICT_ADMIN)).body;
    for (const as of [DISTRICT_VIEWER, JINHUI_ADMIN, GELIPING_ADMIN]) {
      const res = await patch('/district/settings', as, { version: before.version, reportDueDay: 3 });
      expect(res.status).toBe(403);
    }
    expect((await get('/district/settings', DISTRICT_ADMIN)).body).toEqual(before);
  });

  it('the reporting start: months before it are owed by no venture, and a venture’s own later start wins', async () => {
    const expectedIn = async (month: string) => {
      const res = await get(
        `/reports/status?month=${month}&communityId=${DEMO_IDS.wangjiangjie}`,
        DISTRICT_ADMIN,
      );
      expect(res.status).toBe(200);
      return new Map(
        (res.body.items as Array<{ ventureId: string; expected: boolean }>).map((r) => [
          r.ventureId,
          r.expected,
        ]),
      );
    };
    let settings = (await get('/district/settings', DISTRICT_ADMIN)).body;
    const cleared = await patch('/district/settings', DISTRICT_ADMIN, {
      version: settings.version,
      reportingStartMonth: null,
    });
    expect(cleared.body.reportingStartMonth).toBeNull();
    // without a reporting start, a venture operating since before 2024-06 owes that month
    const owed = [...(await expectedIn('2024-06')).entries()].filter(([, e]) => e).map(([id]) => id);
    expect(owed.length).toBeGreaterThanOrEqual(2);

    for (const [bad, lang, field] of [
      ['2024-13', 'zh-CN', /./],
      ['June 2024', 'en', /./],
    ] as const) {
      const res = await patch(
        '/district/settings',
        DISTRICT_ADMIN,
        { version: cleared.body.version, reportingStartMonth: bad },
        { 'Accept-Language': lang },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.fields.reportingStartMonth).toMatch(field);
    }
    // a community admin may not set it
    expect(
      (
        await patch('/district/settings', JINHUI_ADMIN, {
          version: cleared.body.version,
          reportingStartMonth: '2024-07',
        })
      ).status,
    ).toBe(403);

    const set = await patch('/district/settings', DISTRICT_ADMIN, {
      version: cleared.body.version,
      reportingStartMonth: '2024-07',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ reportingStartMonth: '2024-07', version: cleared.body.version + 1 });
    // the month before it is owed by nobody; from it, by the same ventures
    expect([...(await expectedIn('2024-06')).values()].every((e) => !e)).toBe(true);
    const july = await expectedIn('2024-07');
    for (const id of owed) expect(july.get(id)).toBe(true);

    // one venture joined the platform later: its own start wins over the district's
    const [late] = owed;
    const venture = (await get(`/ventures/${late}`, DISTRICT_ADMIN)).body;
    const own = await patch(`/ventures/${late}`, WANGJIANGJIE_ADMIN, {
      version: venture.version,
      reportingStartMonth: '2024-09',
    });
    expect(own.status).toBe(200);
    expect(own.body.reportingStartMonth).toBe('2024-09');
    const august = await expectedIn('2024-08');
    expect(august.get(late as string)).toBe(false);
    for (const id of owed.slice(1)) expect(august.get(id)).toBe(true);
    expect((await expectedIn('2024-09')).get(late as string)).toBe(true);

    // another district keeps its own setting
    expect((await get('/district/settings', XIQU_ADMIN)).body.reportingStartMonth).toBeNull();
    // back as it was, for the tests after
    await patch(`/ventures/${late}`, WANGJIANGJIE_ADMIN, {
      version: own.body.version,
      reportingStartMonth: null,
    });
    settings = (await get('/district/settings', DISTRICT_ADMIN)).body;
    await patch('/district/settings', DISTRICT_ADMIN, {
      version: settings.version,
      reportingStartMonth: null,
    });
  });
});
