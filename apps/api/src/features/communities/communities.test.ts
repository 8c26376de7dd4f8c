import { DEMO_IDS } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const DONGQU = ['望江街社区', '渡口社区', '金汇社区'].sort();

/** What each demo role sees in GET /api/v1/communities: the district, its community, or what it operates. */
const LIST_BY_ROLE: Array<[string, number, string[] | null]> = [
  ['admin@dongqu.demo', 200, DONGQU],
  ['viewer@dongqu.demo', 200, DONGQU],
  ['wangjiangjie@dongqu.demo', 200, ['望江街社区']],
  ['jinhui@dongqu.demo', 200, ['金汇社区']],
  ['dukou@dongqu.demo', 200, ['渡口社区']],
  ['reporter@jinhui.demo', 200, ['金汇社区']],
  ['soe@dongqu.demo', 200, ['金汇社区']], // the SOE operates Jinhui's tidal market
  ['admin@xiqu.demo', 200, ['格里坪社区']],
  ['platform@gongfu.demo', 403, null], // the platform operator sees no district's business data
];

describe('GET /api/v1/communities', () => {
  it.each(LIST_BY_ROLE)('%s gets %i', async (email, status, names) => {
    const res = await t.request('/api/v1/communities', { as: email });
    expect(res.status).toBe(status);
    const body = await res.json();
    if (names) {
      expect(body.items.map((c: { name: string }) => c.name).sort()).toEqual([...names].sort());
      expect(body.total).toBe(names.length);
    } else {
      expect(body.error.code).toBe('forbidden');
    }
  });

  it('lists by pinyin, as a Chinese reader looks a name up (the database orders by code point: 望 before 渡 and 金)', async () => {
    const body = await (await t.request('/api/v1/communities', { as: 'admin@dongqu.demo' })).json();
    expect(body.items.map((c: { name: string }) => c.name)).toEqual(['渡口社区', '金汇社区', '望江街社区']);
  });

  it('needs a session', async () => {
    expect((await t.request('/api/v1/communities')).status).toBe(401);
  });
});

describe('GET /api/v1/communities/{id}', () => {
  it('returns a community in scope with its fields', async () => {
    const res = await t.request(`/api/v1/communities/${DEMO_IDS.dukou}`, { as: 'admin@dongqu.demo' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: DEMO_IDS.dukou,
      name: '渡口社区',
      kind: 'converted_from_rural',
      convertedYear: 2020,
      foundedOn: '2020-09-01',
      streetOfficeName: '大渡口街道',
    });
  });

  it.each([
    ['wangjiangjie@dongqu.demo', DEMO_IDS.jinhui, 'another community of the district'],
    ['reporter@jinhui.demo', DEMO_IDS.dukou, 'another community of the district'],
    ['soe@dongqu.demo', DEMO_IDS.wangjiangjie, 'a community where the partner operates nothing'],
    ['admin@dongqu.demo', DEMO_IDS.xiquCommunity, 'another district'],
    ['admin@xiqu.demo', DEMO_IDS.jinhui, 'another district'],
  ])('%s gets 404 for %s (%s)', async (email, id) => {
    const res = await t.request(`/api/v1/communities/${id}`, { as: email });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('platform admin gets 403; no session 401; a malformed id 400', async () => {
    expect(
      (await t.request(`/api/v1/communities/${DEMO_IDS.jinhui}`, { as: 'platform@gongfu.demo' })).status,
    ).toBe(403);
    expect((await t.request(`/api/v1/communities/${DEMO_IDS.jinhui}`)).status).toBe(401);
    const bad = await t.request('/api/v1/communities/not-a-uuid', { as: 'admin@dongqu.demo' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('id');
  });
});

describe('POST /api/v1/communities', () => {
  const create = (as: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
    t.request('/api/v1/communities', {
      method: 'POST',
      body: JSON.stringify(body),
      headers,
      ...(as ? { as } : {}),
    });

  async function auditCount(entityId: string) {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where entity_id = ${entityId}`.execute(t.handle.db);
    return r.rows[0]?.n ?? 0;
  }

  it('a district admin creates a community in their district, with an audit entry', async () => {
    const res = await create('admin@dongqu.demo', {
      name: '炳草岗社区',
      adminCode: '510402001003',
      kind: 'urban',
      population: 7000,
      foundedOn: '2010-01-01',
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ name: '炳草岗社区', districtId: DEMO_IDS.dongqu, population: 7000 });
    expect(await auditCount(created.id)).toBe(1);
    const seen = await t.request(`/api/v1/communities/${created.id}`, { as: 'viewer@dongqu.demo' });
    expect(seen.status).toBe(200);
    const other = await t.request(`/api/v1/communities/${created.id}`, { as: 'admin@xiqu.demo' });
    expect(other.status).toBe(404);
  });

  it.each([
    ['viewer@dongqu.demo'],
    ['wangjiangjie@dongqu.demo'],
    ['reporter@jinhui.demo'],
    ['soe@dongqu.demo'],
    ['platform@gongfu.demo'],
  ])('%s may not create communities (403), and nothing is written', async (email) => {
    const res = await create(email, { name: `不该出现的社区-${email}` });
    expect(res.status).toBe(403);
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from communities where name = ${`不该出现的社区-${email}`}`.execute(
      t.handle.db,
    );
    expect(r.rows[0]?.n).toBe(0);
  });

  it('no session gets 401', async () => {
    expect((await create(undefined, { name: '匿名社区' })).status).toBe(401);
  });

  it('invalid input gets 400 naming each field, in Chinese by default and English on request', async () => {
    const zh = await create('admin@dongqu.demo', {
      name: '',
      adminCode: '123',
      population: -1,
      foundedOn: '2020-13-01',
    });
    expect(zh.status).toBe(400);
    const body = await zh.json();
    expect(Object.keys(body.error.fields).sort()).toEqual(['adminCode', 'foundedOn', 'name', 'population']);
    expect(body.error.fields.name).toBe('不能为空');
    const en = await create('admin@dongqu.demo', { name: '' }, { 'Accept-Language': 'en' });
    expect((await en.json()).error.fields.name).toBe('Must not be empty');
  });

  it('a street office of another district is refused as a field error', async () => {
    const res = await create('admin@xiqu.demo', {
      name: '越界社区',
      streetOfficeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.streetOfficeId).toBe('街道不存在');
  });

  it('a duplicate name gets 409 naming the field', async () => {
    const res = await create('admin@dongqu.demo', { name: '金汇社区' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields.name).toBeDefined();
  });

  it('the same name in another district is fine', async () => {
    const res = await create('admin@xiqu.demo', { name: '金汇社区' });
    expect(res.status).toBe(201);
  });
});

describe('acting under a chosen membership', () => {
  it('an unknown membership id is refused', async () => {
    const res = await t.request('/api/v1/communities', {
      as: 'admin@dongqu.demo',
      headers: { 'X-Gongfu-Membership': '00000000-0000-4000-8000-000000000000' },
    });
    expect(res.status).toBe(403);
  });
});
