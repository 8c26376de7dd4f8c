import { DEMO_IDS } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function call(
  method: string,
  path: string,
  as?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await t.request(`/api/v1/communities${path}`, {
    method,
    headers,
    ...(as ? { as } : {}),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function versionOf(id: string) {
  const r = await sql<{
    version: number;
  }>`select version from communities where community_id = ${id}`.execute(t.handle.db);
  return r.rows[0]?.version ?? 0;
}

async function audits(id: string, action: string) {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from audit_log where entity_id = ${id} and action = ${action}`.execute(
    t.handle.db,
  );
  return r.rows[0]?.n ?? 0;
}

describe('PATCH /api/v1/communities/{id}', () => {
  it('reads carry the version an update must send', async () => {
    const res = await call('GET', `/${DEMO_IDS.dukou}`, 'admin@dongqu.demo');
    expect(res.body.version).toBe(await versionOf(DEMO_IDS.dukou));
  });

  it('a district admin changes any community of its district, audited with before and after', async () => {
    const version = await versionOf(DEMO_IDS.dukou);
    const res = await call('PATCH', `/${DEMO_IDS.dukou}`, 'admin@dongqu.demo', { version, population: 7100 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: DEMO_IDS.dukou,
      population: 7100,
      version: version + 1,
      name: '渡口社区',
    });
    const r = await sql<{
      before: { population: number };
      after: { population: number };
    }>`select before, after from audit_log where entity_id = ${DEMO_IDS.dukou} and action = 'community.update'`.execute(
      t.handle.db,
    );
    expect(r.rows.at(-1)?.before.population).toBe(6900);
    expect(r.rows.at(-1)?.after.population).toBe(7100);
  });

  it('a community admin changes its own community; another community is 404 and unchanged', async () => {
    const version = await versionOf(DEMO_IDS.jinhui);
    const own = await call('PATCH', `/${DEMO_IDS.jinhui}`, 'jinhui@dongqu.demo', {
      version,
      households: 4800,
    });
    expect(own.status).toBe(200);
    expect(own.body.households).toBe(4800);
    const other = await call('PATCH', `/${DEMO_IDS.dukou}`, 'jinhui@dongqu.demo', {
      version: await versionOf(DEMO_IDS.dukou),
      households: 1,
    });
    expect(other.status).toBe(404);
    const xiqu = await call('PATCH', `/${DEMO_IDS.jinhui}`, 'admin@xiqu.demo', {
      version: await versionOf(DEMO_IDS.jinhui),
      households: 1,
    });
    expect(xiqu.status).toBe(404);
    const geliping = await call('PATCH', `/${DEMO_IDS.jinhui}`, 'geliping@xiqu.demo', {
      version: await versionOf(DEMO_IDS.jinhui),
      households: 1,
    });
    expect(geliping.status).toBe(404);
    expect((await call('GET', `/${DEMO_IDS.jinhui}`, 'admin@dongqu.demo')).body.households).toBe(4800);
  });

  it.each([['viewer@dongqu.demo'], ['reporter@jinhui.demo'], ['soe@dongqu.demo'], ['platform@gongfu.demo']])(
    '%s may not change a community (403), and nothing changes',
    async (email) => {
      const version = await versionOf(DEMO_IDS.jinhui);
      const res = await call('PATCH', `/${DEMO_IDS.jinhui}`, email, { version, name: '被改掉的名字' });
      expect(res.status).toBe(403);
      expect(await versionOf(DEMO_IDS.jinhui)).toBe(version);
    },
  );

  it('a stale version is 409 stale_version and nothing is overwritten', async () => {
    const version = await versionOf(DEMO_IDS.wangjiangjie);
    expect(
      (await call('PATCH', `/${DEMO_IDS.wangjiangjie}`, 'admin@dongqu.demo', { version, population: 8700 }))
        .status,
    ).toBe(200);
    const stale = await call('PATCH', `/${DEMO_IDS.wangjiangjie}`, 'wangjiangjie@dongqu.demo', {
      version,
      population: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await call('GET', `/${DEMO_IDS.wangjiangjie}`, 'admin@dongqu.demo')).body.population).toBe(8700);
  });

  it('validation names each field in zh-CN and en; duplicates and unknown street offices are refused', async () => {
    const version = await versionOf(DEMO_IDS.dukou);
    const zh = await call('PATCH', `/${DEMO_IDS.dukou}`, 'admin@dongqu.demo', {
      version,
      name: '',
      adminCode: 'abc',
      population: 3_000_000_000,
      foundedOn: '2020-02-30',
      kind: 'village',
    });
    expect(zh.status).toBe(400);
    expect(Object.keys(zh.body.error.fields).sort()).toEqual([
      'adminCode',
      'foundedOn',
      'kind',
      'name',
      'population',
    ]);
    expect(zh.body.error.fields.name).toBe('不能为空');
    const en = await call(
      'PATCH',
      `/${DEMO_IDS.dukou}`,
      'admin@dongqu.demo',
      { name: 'x' },
      { 'Accept-Language': 'en' },
    );
    expect(en.body.error.fields.version).toBe('Required');
    const dup = await call('PATCH', `/${DEMO_IDS.dukou}`, 'admin@dongqu.demo', { version, name: '金汇社区' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.name).toBeDefined();
    const office = await call('PATCH', `/${DEMO_IDS.dukou}`, 'admin@dongqu.demo', {
      version,
      streetOfficeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(office.status).toBe(400);
    expect(office.body.error.fields.streetOfficeId).toBe('街道不存在');
    expect(await versionOf(DEMO_IDS.dukou)).toBe(version);
  });
});

describe('DELETE /api/v1/communities/{id}', () => {
  async function newCommunity(name: string) {
    const res = await t.request('/api/v1/communities', {
      as: 'admin@dongqu.demo',
      method: 'POST',
      body: JSON.stringify({ name }),
    });
    expect(res.status).toBe(201);
    return (await res.json()).id as string;
  }

  it('a district admin retires a community: soft delete, hidden from lists and reads, audited', async () => {
    const id = await newCommunity('待撤销社区');
    expect((await call('DELETE', `/${id}`, 'admin@dongqu.demo')).status).toBe(204);
    expect((await call('GET', `/${id}`, 'admin@dongqu.demo')).status).toBe(404);
    const list = await call('GET', '', 'viewer@dongqu.demo');
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const row = await sql<{
      deleted: boolean;
    }>`select deleted_at is not null as deleted from communities where community_id = ${id}`.execute(
      t.handle.db,
    );
    expect(row.rows[0]?.deleted).toBe(true);
    expect(await audits(id, 'community.delete')).toBe(1);
    expect((await call('DELETE', `/${id}`, 'admin@dongqu.demo')).status).toBe(404);
    expect((await call('PATCH', `/${id}`, 'admin@dongqu.demo', { version: 2, name: '复活' })).status).toBe(
      404,
    );
  });

  it('a stale version on delete is 409 and the community stays', async () => {
    const id = await newCommunity('版本删除社区');
    expect((await call('DELETE', `/${id}?version=7`, 'admin@dongqu.demo')).status).toBe(409);
    expect((await call('GET', `/${id}`, 'admin@dongqu.demo')).status).toBe(200);
    expect((await call('DELETE', `/${id}?version=1`, 'admin@dongqu.demo')).status).toBe(204);
  });

  it.each([
    ['viewer@dongqu.demo', 403],
    ['jinhui@dongqu.demo', 403],
    ['reporter@jinhui.demo', 403],
    ['soe@dongqu.demo', 403],
    ['platform@gongfu.demo', 403],
    ['admin@xiqu.demo', 404],
  ])('%s gets %i deleting a community of Dongqu, and it stays', async (email, status) => {
    const res = await call('DELETE', `/${DEMO_IDS.jinhui}`, email);
    expect(res.status).toBe(status);
    expect((await call('GET', `/${DEMO_IDS.jinhui}`, 'admin@dongqu.demo')).status).toBe(200);
  });
});

describe('POST /api/v1/communities within the database’s bounds', () => {
  it('an integer too large, a NUL character or a year 0 date is a 400 naming the field, not a 500', async () => {
    for (const [body, field] of [
      [{ name: '超大人口社区', population: 3_000_000_000 }, 'population'],
      [{ name: 'a\u0000b' }, 'name'],
      [{ name: '远古社区', foundedOn: '0000-01-01' }, 'foundedOn'],
    ] as const) {
      const res = await t.request('/api/v1/communities', {
        as: 'admin@dongqu.demo',
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields).toHaveProperty(field);
    }
  });
});
