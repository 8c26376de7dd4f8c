/** GET /api/v1/audit: the log in scope, filtered, paged by cursor. */
import { type DbScope, DEMO_IDS, deterministicId, withTenantTransaction } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let createdCommunityId: string;

const dongqu: DbScope = {
  kind: 'district',
  userId: deterministicId('user:admin@dongqu.demo'),
  districtId: DEMO_IDS.dongqu,
};
const xiqu: DbScope = {
  kind: 'district',
  userId: deterministicId('user:admin@xiqu.demo'),
  districtId: DEMO_IDS.xiqu,
};

/** Entries written directly, as a feature's service would in its own transaction. */
async function append(
  scope: DbScope,
  districtId: string,
  communityId: string | null,
  n: number,
  createdAt: string,
) {
  await withTenantTransaction(t.handle.db, scope, (trx) =>
    trx
      .insertInto('audit_log')
      .values(
        Array.from({ length: n }, (_, i) => ({
          district_id: districtId,
          community_id: communityId,
          actor_user_id: scope.kind === 'district' ? scope.userId : null,
          action: 'test.touch',
          entity_type: 'test_entity',
          entity_id: `${communityId ?? 'district'}-${i}`,
          // the same instant for several rows: the cursor must still not skip or repeat any
          created_at: createdAt,
        })),
      )
      .execute(),
  );
}

type Entry = {
  id: string;
  districtId: string;
  communityId: string | null;
  action: string;
  entityId: string | null;
  createdAt: string;
  before: unknown;
  after: unknown;
  actorName: string | null;
};

async function page(as: string, query: string) {
  const res = await t.request(`/api/v1/audit?${query}`, { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { items: Entry[]; nextCursor: string | null };
}

async function all(as: string, query: string, limit: number) {
  const seen: Entry[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const p = await page(
      as,
      `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    seen.push(...p.items);
    cursor = p.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

beforeAll(async () => {
  t = await createTestApp();
  await append(dongqu, DEMO_IDS.dongqu, DEMO_IDS.jinhui, 5, '2026-11-01T10:00:00+08:00');
  await append(dongqu, DEMO_IDS.dongqu, DEMO_IDS.wangjiangjie, 4, '2026-11-02T10:00:00+08:00');
  await append(dongqu, DEMO_IDS.dongqu, null, 2, '2026-11-03T10:00:00+08:00'); // district-level
  await append(xiqu, DEMO_IDS.xiqu, DEMO_IDS.xiquCommunity, 3, '2026-11-01T10:00:00+08:00');
  // a real write through the API, which audits itself
  const res = await t.request('/api/v1/communities', {
    method: 'POST',
    as: 'admin@dongqu.demo',
    body: JSON.stringify({ name: '审计测试社区' }),
  });
  expect(res.status).toBe(201);
  createdCommunityId = (await res.json()).id;
});
afterAll(async () => t?.close());

describe('GET /api/v1/audit', () => {
  it('shows an API write with actor, time and after', async () => {
    const { items } = await page('admin@dongqu.demo', `entityType=community&entityId=${createdCommunityId}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: 'community.create',
      districtId: DEMO_IDS.dongqu,
      communityId: createdCommunityId,
      actorName: '东区社区经济办 管理员',
      before: null,
    });
    expect(items[0]?.after).toMatchObject({ name: '审计测试社区' });
    expect(Date.parse(items[0]?.createdAt ?? '')).not.toBeNaN();
  });

  it('district roles read the district, newest first, and nothing of another district', async () => {
    for (const email of ['admin@dongqu.demo', 'viewer@dongqu.demo']) {
      const items = await all(email, 'entityType=test_entity', 200);
      expect(items).toHaveLength(11);
      expect(items.every((e) => e.districtId === DEMO_IDS.dongqu)).toBe(true);
      const times = items.map((e) => Date.parse(e.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    }
    const xiquItems = await all('admin@xiqu.demo', 'entityType=test_entity', 200);
    expect(xiquItems).toHaveLength(3);
    expect(xiquItems.every((e) => e.districtId === DEMO_IDS.xiqu)).toBe(true);
  });

  it('a community role reads its community only (not district-level entries)', async () => {
    const items = await all('jinhui@dongqu.demo', 'entityType=test_entity', 200);
    expect(items).toHaveLength(5);
    expect(items.every((e) => e.communityId === DEMO_IDS.jinhui)).toBe(true);
    // asking for another community is an empty answer, not that community's log
    expect((await page('jinhui@dongqu.demo', `communityId=${DEMO_IDS.wangjiangjie}`)).items).toEqual([]);
  });

  it('partner operators and the platform operator may not read it (403); no session 401', async () => {
    expect((await t.request('/api/v1/audit', { as: 'soe@dongqu.demo' })).status).toBe(403);
    expect((await t.request('/api/v1/audit', { as: 'platform@gongfu.demo' })).status).toBe(403);
    expect((await t.request('/api/v1/audit')).status).toBe(401);
  });

  it('pages by cursor without skipping or repeating rows that share an instant', async () => {
    const whole = await all('admin@dongqu.demo', 'entityType=test_entity', 200);
    const paged = await all('admin@dongqu.demo', 'entityType=test_entity', 2);
    expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    const first = await page('admin@dongqu.demo', 'entityType=test_entity&limit=11');
    expect(first.nextCursor).toBeNull();
  });

  it('filters by community, entity id and time', async () => {
    const wang = await all(
      'admin@dongqu.demo',
      `entityType=test_entity&communityId=${DEMO_IDS.wangjiangjie}`,
      50,
    );
    expect(wang).toHaveLength(4);
    const one = await page('admin@dongqu.demo', `entityId=${DEMO_IDS.jinhui}-3`);
    expect(one.items.map((e) => e.entityId)).toEqual([`${DEMO_IDS.jinhui}-3`]);
    // a date is a whole Shanghai day: 2026-11-02 holds Wangjiangjie's four
    const day = await all('admin@dongqu.demo', 'entityType=test_entity&from=2026-11-02&to=2026-11-02', 50);
    expect(day).toHaveLength(4);
    const since = await all(
      'admin@dongqu.demo',
      'entityType=test_entity&from=2026-11-02T00:00:00%2B08:00',
      50,
    );
    expect(since).toHaveLength(6);
  });

  it('filters by who (actor) and what (action), within the caller’s scope', async () => {
    const admin = deterministicId('user:admin@dongqu.demo');
    const byAdmin = await all('admin@dongqu.demo', `actorUserId=${admin}`, 200);
    expect(byAdmin.length).toBe(12); // the 11 test entries and the community it created
    expect(byAdmin.every((e) => e.actorName === '东区社区经济办 管理员')).toBe(true);
    const created = await page('admin@dongqu.demo', `actorUserId=${admin}&action=community.create`);
    expect(created.items.map((e) => e.communityId)).toEqual([createdCommunityId]);
    expect((await page('admin@dongqu.demo', 'action=no.such.action')).items).toEqual([]);
    // Jinhui's admin sees the district admin's entries about Jinhui, nothing else
    const inJinhui = await all('jinhui@dongqu.demo', `actorUserId=${admin}`, 200);
    expect(inJinhui).toHaveLength(5);
    expect(inJinhui.every((e) => e.communityId === DEMO_IDS.jinhui)).toBe(true);
    // another district's admin filtering for this actor finds nothing
    expect((await page('admin@xiqu.demo', `actorUserId=${admin}`)).items).toEqual([]);
    const bad = await t.request('/api/v1/audit?actorUserId=someone', { as: 'admin@dongqu.demo' });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(['actorUserId']);
  });

  it('GET /audit/actors lists who appears in the log the caller may read', async () => {
    const actors = async (as: string, query = '') => {
      const res = await t.request(`/api/v1/audit/actors${query}`, { as });
      expect(res.status, as).toBe(200);
      return (await res.json()).items as Array<{ userId: string; name: string | null; entries: number }>;
    };
    const admin = deterministicId('user:admin@dongqu.demo');
    const district = await actors('admin@dongqu.demo');
    expect(district.find((a) => a.userId === admin)).toMatchObject({
      name: '东区社区经济办 管理员',
      entries: 12,
    });
    expect(district.some((a) => a.userId === deterministicId('user:admin@xiqu.demo'))).toBe(false);
    expect((await actors('viewer@dongqu.demo')).map((a) => a.userId)).toEqual(district.map((a) => a.userId));
    // a community sees the actors of its own entries only, counted there
    expect((await actors('jinhui@dongqu.demo')).find((a) => a.userId === admin)?.entries).toBe(5);
    expect(await actors('jinhui@dongqu.demo', `?communityId=${DEMO_IDS.wangjiangjie}`)).toEqual([]);
    expect((await actors('geliping@xiqu.demo')).map((a) => a.userId)).toEqual([
      deterministicId('user:admin@xiqu.demo'),
    ]);
    const xiqu = await actors('admin@xiqu.demo');
    expect(xiqu.map((a) => a.userId)).toEqual([deterministicId('user:admin@xiqu.demo')]);
    expect((await t.request('/api/v1/audit/actors', { as: 'soe@dongqu.demo' })).status).toBe(403);
    expect((await t.request('/api/v1/audit/actors', { as: 'platform@gongfu.demo' })).status).toBe(403);
    expect((await t.request('/api/v1/audit/actors')).status).toBe(401);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from('["2026-11-01", "x"]').toString('base64url')}`, 'cursor'],
      ['communityId=nope', 'communityId'],
      ['from=yesterday', 'from'],
      ['from=2026-11-03&to=2026-11-01', 'to'],
      ['from=0000-01-01', 'from'],
      ['to=0000-01-01T00:00:00Z', 'to'],
      [
        `cursor=${Buffer.from(`["0000-01-01T00:00:00.000000Z", "${DEMO_IDS.jinhui}"]`).toString('base64url')}`,
        'cursor',
      ],
    ];
    for (const [query, field] of cases) {
      const res = await t.request(`/api/v1/audit?${query}`, {
        as: 'admin@dongqu.demo',
        headers: { 'Accept-Language': 'en' },
      });
      expect(res.status, query).toBe(400);
      expect(Object.keys((await res.json()).error.fields), query).toContain(field);
    }
  });
});
