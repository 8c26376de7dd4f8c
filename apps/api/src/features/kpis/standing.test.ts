import { DEMO_IDS, seedDemoHistory } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

/**
 * A community's place in its district (ADR 0015): its ranks are the district ranking's, and nothing of another
 * community leaves the server.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoHistory(t.handle.db);
});
afterAll(async () => t?.close());

async function get(path: string, as: string) {
  const res = await t.request(path, { as });
  return { status: res.status, body: await res.json() };
}

interface StandingItem {
  key: string;
  value: number | null;
  rank: number | null;
  of: number;
}
interface RankingItem {
  communityId: string;
  communityName: string;
  value: number | null;
  rank: number | null;
}

describe('GET /kpis/standing', () => {
  it.each([
    ['month', '2026-09'],
    ['year', '2025-12'],
  ])(
    "gives Wangjiangjie's admin its own figures and the district ranking's ranks (%s %s)",
    async (period, month) => {
      const { status, body } = await get(
        `/api/v1/kpis/standing?period=${period}&month=${month}`,
        'wangjiangjie@dongqu.demo',
      );
      expect(status).toBe(200);
      expect(body.communityId).toBe(DEMO_IDS.wangjiangjie);
      expect(body.items.map((i: StandingItem) => i.key)).toEqual([
        'community_income',
        'stable_jobs',
        'residents_served',
        'on_time_rate',
      ]);
      let ranked = 0;
      for (const item of body.items as StandingItem[]) {
        const district = await get(
          `/api/v1/kpis/ranking?kpi=${item.key}&period=${period}&month=${month}`,
          'admin@dongqu.demo',
        );
        expect(district.status).toBe(200);
        const items = district.body.items as RankingItem[];
        const own = items.find((i) => i.communityId === DEMO_IDS.wangjiangjie);
        expect(item.value, item.key).toBe(own?.value ?? null);
        expect(item.rank, item.key).toBe(own?.rank ?? null);
        expect(item.of, item.key).toBe(items.filter((i) => i.rank !== null).length);
        if (item.rank !== null) ranked += 1;
      }
      // the demo's story community has figures: a standing of nulls would prove nothing
      expect(ranked).toBeGreaterThan(1);
    },
  );

  it('names no other community and carries no other figure', async () => {
    const { body } = await get('/api/v1/kpis/standing?period=year&month=2025-12', 'jinhui@dongqu.demo');
    const text = JSON.stringify(body);
    const district = await get(
      '/api/v1/kpis/ranking?kpi=community_income&period=year&month=2025-12',
      'admin@dongqu.demo',
    );
    const others = (district.body.items as RankingItem[]).filter((i) => i.communityId !== DEMO_IDS.jinhui);
    expect(others.length).toBeGreaterThan(30);
    for (const other of others) {
      expect(text).not.toContain(other.communityId);
      expect(text).not.toContain(other.communityName);
    }
    // only the caller's own values: each item's value is Jinhui's, never a neighbour's that happens to lead
    expect(Object.keys(body).sort()).toEqual([
      'communityId',
      'dataDate',
      'items',
      'nothingDue',
      'period',
      'through',
    ]);
  });

  it("ranks a second district's community among its own district only", async () => {
    const { status, body } = await get(
      '/api/v1/kpis/standing?period=year&month=2025-12',
      'geliping@xiqu.demo',
    );
    expect(status).toBe(200);
    const communities = await get('/api/v1/communities?pageSize=100', 'admin@xiqu.demo');
    for (const item of body.items as StandingItem[]) {
      expect(item.of).toBeLessThanOrEqual(communities.body.total);
    }
  });

  it.each([
    ['admin@dongqu.demo', 'a district admin reads the ranking itself'],
    ['reporter@jinhui.demo', 'a community reporter has no kpi:read'],
    ['soe@dongqu.demo', 'a partner operator is not a community'],
    ['platform@gongfu.demo', 'the platform admin reads no business data'],
  ])('403 for %s (%s)', async (as) => {
    const { status, body } = await get('/api/v1/kpis/standing?period=month&month=2026-09', as);
    expect(status).toBe(403);
    expect(JSON.stringify(body)).not.toContain('communityId');
  });

  it('400 naming the month for a malformed one, 401 without a session', async () => {
    const bad = await get('/api/v1/kpis/standing?period=month&month=2026-13', 'wangjiangjie@dongqu.demo');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('month');
    const anonymous = await t.request('/api/v1/kpis/standing?period=month&month=2026-09');
    expect(anonymous.status).toBe(401);
  });
});
