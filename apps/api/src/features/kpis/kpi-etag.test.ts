/**
 * KPI answers revalidate (issue 14): an ETag and `private, no-cache`, a bodyless 304 to a matching If-None-Match,
 * a new tag when a report in scope is approved and the same tag when one in another district is.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ADMIN, monthsAgo, reportApi, VENTURES } from '../reports/test-helpers';

let t: TestApp;
let api: ReturnType<typeof reportApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = reportApi(t);
});
afterAll(async () => t?.close());

const WANG = 'wangjiangjie@dongqu.demo';
const XIQU_ADMIN = 'admin@xiqu.demo';
const XIQU_COMMUNITY = 'geliping@xiqu.demo';
const month = monthsAgo(2);
const OVERVIEW = `/api/v1/kpis/overview?period=month&month=${month}`;
const figures = { revenueFen: 1_000_000, operatingCostFen: 600_000, stableJobs: 4, residentsServed: 300 };

async function tagOf(path = OVERVIEW) {
  const res = await t.request(path, { as: ADMIN });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return res.headers.get('etag');
}

describe('KPI answers carry an ETag and revalidate', () => {
  it('sends a tag with private, no-cache, and a bodyless 304 when it still matches', async () => {
    const res = await t.request(OVERVIEW, { as: ADMIN });
    expect(res.status).toBe(200);
    const tag = res.headers.get('etag');
    expect(tag).toBeTruthy();
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const again = await t.request(OVERVIEW, { as: ADMIN, headers: { 'If-None-Match': tag as string } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect(again.headers.get('etag')).toBe(tag);
  });

  it('tags each KPI answer with the hash of exactly the bytes it sends (the tag is computed before sending)', async () => {
    const paths = [
      OVERVIEW,
      `/api/v1/kpis/ranking?kpi=community_income&period=year&month=${month}`,
      `/api/v1/kpis/series?kpi=community_income&from=${monthsAgo(8)}&to=${month}`,
      `/api/v1/kpis/standing?period=year&month=${month}`,
      '/api/v1/kpis/latest-month',
    ];
    for (const path of paths) {
      const res = await t.request(path, { as: WANG, headers: { 'Accept-Encoding': 'identity' } });
      expect(res.status, path).toBe(200);
      const body = await res.text();
      const hash = createHash('sha1').update(body).digest('base64url');
      expect(res.headers.get('etag'), path).toBe(`"${hash}"`);
    }
  });

  it('keeps the tag when a report of another district is approved, and changes it when one in scope is', async () => {
    const before = await tagOf();
    const foreign = await api.created(XIQU_COMMUNITY, { ventureId: VENTURES.xiquCanteen, month, ...figures });
    await api.ok(XIQU_COMMUNITY, foreign.id, 'submit');
    await api.ok(XIQU_ADMIN, foreign.id, 'approve');
    expect(await tagOf()).toBe(before);

    const own = await api.created(WANG, { ventureId: VENTURES.readingRoom, month, ...figures });
    await api.ok(WANG, own.id, 'submit');
    await api.ok(ADMIN, own.id, 'approve');
    expect(await tagOf()).not.toBe(before);
  });

  it('leaves the other authenticated answers no-store', async () => {
    const res = await t.request('/api/v1/communities', { as: ADMIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
  });
});
