/**
 * KPI answers revalidate (issue 14): an ETag and `private, no-cache`, a bodyless 304 to a matching If-None-Match,
 * a new tag when a report in scope is approved and the same tag when one in another district is.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip } from '../../middleware/json-wire';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  ADMIN,
  monthsAgo,
  reportApi,
  VENTURES,
  WANG,
  XIQU_ADMIN,
  XIQU_COMMUNITY,
} from '../reports/test-helpers';

let t: TestApp;
let api: ReturnType<typeof reportApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = reportApi(t);
});
afterAll(async () => t?.close());

const month = monthsAgo(2);
const OVERVIEW = `/api/v1/kpis/overview?period=month&month=${month}`;

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
    await api.approved(XIQU_COMMUNITY, XIQU_ADMIN, VENTURES.xiquCanteen, month);
    expect(await tagOf()).toBe(before);

    await api.approved(WANG, ADMIN, VENTURES.readingRoom, month);
    expect(await tagOf()).not.toBe(before);
  });

  it('leaves the other authenticated answers no-store', async () => {
    const res = await t.request('/api/v1/communities', { as: ADMIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
  });
});

describe('KPI answers gzipped in one call (taggedJson, ADR 0030)', () => {
  const RANKING = `/api/v1/kpis/ranking?kpi=community_income&period=year&month=${month}`;

  it('sends the same bytes gzipped to a client that accepts gzip, under the weak form of the same tag', async () => {
    const plain = await t.request(RANKING, { as: ADMIN, headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const plainBody = Buffer.from(await plain.arrayBuffer());
    expect(plainBody.byteLength).toBeGreaterThan(1024);
    const tag = plain.headers.get('etag') as string;

    const gz = await t.request(RANKING, { as: ADMIN, headers: { 'Accept-Encoding': 'br, gzip;q=0.8' } });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('content-type')).toMatch(/^application\/json/);
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    expect(gz.headers.get('etag')).toBe(`W/${tag}`);
    const sent = Buffer.from(await gz.arrayBuffer());
    expect(sent.byteLength).toBeLessThan(plainBody.byteLength);
    expect(gunzipSync(sent).equals(plainBody)).toBe(true);

    // either form of the tag revalidates, whichever encoding is asked for now
    for (const [encoding, ifNoneMatch] of [
      ['gzip', tag],
      ['identity', `W/${tag}`],
    ]) {
      const again = await t.request(RANKING, {
        as: ADMIN,
        headers: { 'Accept-Encoding': encoding as string, 'If-None-Match': ifNoneMatch as string },
      });
      expect(again.status).toBe(304);
      expect((await again.arrayBuffer()).byteLength).toBe(0);
    }
  });

  it('sends plain JSON when gzip is refused (a deflate-only client is left to compress())', async () => {
    for (const encoding of ['gzip;q=0', 'identity']) {
      const res = await t.request(RANKING, { as: ADMIN, headers: { 'Accept-Encoding': encoding } });
      expect(res.status, encoding).toBe(200);
      expect(res.headers.get('content-encoding'), encoding).toBeNull();
      expect((await res.json()).items.length, encoding).toBeGreaterThan(0);
    }
  });

  it('reads Accept-Encoding as RFC 9110 does', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('GZIP')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip; q=0.001')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0')).toBe(false);
    expect(acceptsGzip('*, gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity, br')).toBe(false);
  });
});
