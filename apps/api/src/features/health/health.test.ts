import { LoginThrottle } from '@gongfu/auth';
import { openDatabase } from '@gongfu/db';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('operations endpoints', () => {
  it('GET /api/health answers 200', async () => {
    const res = await t.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/ready answers 200 when the database answers', async () => {
    const res = await t.request('/api/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready' });
  });

  it('GET /api/ready answers 503 when the database does not, while /api/health stays 200', async () => {
    // a real driver pointed at a port where no server listens
    const handle = await openDatabase({ url: 'postgres://gongfu@127.0.0.1:9/none', maxConnections: 1 });
    const app = createApp({
      db: handle.db,
      dbKind: handle.kind,
      logger: pino({ level: 'silent' }),
      throttle: new LoginThrottle(),
    });
    try {
      expect((await app.request('/api/ready')).status).toBe(503);
      expect((await app.request('/api/health')).status).toBe(200);
    } finally {
      await handle.close();
    }
  });

  it('GET /api/openapi.json is an OpenAPI 3.1 document with every fixed route', async () => {
    const res = await t.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    for (const route of [
      'GET /health',
      'GET /ready',
      'POST /v1/auth/login',
      'POST /v1/auth/logout',
      'GET /v1/me',
      'GET /v1/communities',
      'GET /v1/communities/{id}',
      'POST /v1/communities',
    ]) {
      expect(routes).toContain(route);
    }
  });

  it('GET /api/docs is a page whose assets are served by us', async () => {
    const page = await t.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset.startsWith('/api/docs/')).toBe(true); // nothing from another host
      const res = await t.request(asset);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('unknown API paths get the error shape with 404', async () => {
    const res = await t.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
