/**
 * What a browser is told (issue 13 items 5 and 6): a Content-Security-Policy on the admin's HTML and the API docs
 * (frame-ancestors 'none', nothing from another origin), a Referrer-Policy, `Cache-Control: no-store` on the
 * authenticated API's answers (the public board keeps its own caching), and a JSON 404 in the error shape for
 * every unknown /api path — only other paths fall back to the admin app. The browser flow
 * e2e/flows/security-headers.test.ts proves in Chromium that the admin and the docs run under this policy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_IDS } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app';

let t: TestApp;
let adminDist: string;
beforeAll(async () => {
  adminDist = mkdtempSync(join(tmpdir(), 'gongfu-admin-'));
  writeFileSync(join(adminDist, 'index.html'), '<!doctype html><title>共富</title><div id="root"></div>');
  t = await createTestApp({ adminDist });
});
afterAll(async () => {
  await t?.close();
  rmSync(adminDist, { recursive: true, force: true });
});

function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('the Content-Security-Policy', () => {
  for (const path of ['/', '/login', '/communities/abc', '/api/docs']) {
    it(`${path}: scripts only from us, no framing, no plugins`, async () => {
      const res = await t.request(path);
      expect(res.status).toBe(200);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  }

  it('the docs page loads no script inline and nothing from a CDN', async () => {
    const html = await (await t.request('/api/docs')).text();
    for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(attributes).toMatch(/src="\/api\/docs\//);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/https?:\/\//);
    expect((await t.request('/api/docs/init.js')).status).toBe(200);
    // every file the page loads is served by us, whole
    let assets = 0;
    for (const [, src] of html.matchAll(/(?:src|href)="(\/api\/docs\/assets\/[^"]+)"/g)) {
      const asset = await t.request(src as string);
      expect(asset.status, src).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, src).toBeGreaterThan(10_000);
      assets++;
    }
    expect(assets).toBe(3);
  });
});

describe('caching of API answers', () => {
  it('an authenticated answer is no-store', async () => {
    for (const path of ['/api/v1/me', '/api/v1/communities', `/api/v1/communities/${DEMO_IDS.jinhui}`]) {
      const res = await t.request(path, { as: 'admin@dongqu.demo' });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('login and errors of the authenticated API are no-store too', async () => {
    const login = await t.request('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'viewer@dongqu.demo', password: 'gongfu-demo-2026' }),
    });
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect((await t.request('/api/v1/me')).headers.get('cache-control')).toBe('no-store');
  });

  it('the public board keeps its own caching and ETag', async () => {
    const res = await t.request(
      `/api/public/communities/${DEMO_IDS.wangjiangjie}/disclosure?district=${DEMO_IDS.dongqu}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=60/);
    expect(res.headers.get('etag')).toBeTruthy();
  });
});

describe('unknown /api paths', () => {
  const paths = [
    '/api',
    '/api/',
    '/api/nope',
    '/api/v1',
    '/api/v1/no-such-thing',
    '/api/v2/communities',
    '/api/public/nope',
    '/api/docs/nope',
    '/api/test/clock',
  ];
  for (const method of ['GET', 'HEAD', 'POST', 'DELETE']) {
    it(`${method}: a JSON 404 in the error shape, never the admin's page`, async () => {
      for (const path of paths) {
        const res = await t.request(path, { method, headers: { accept: 'text/html' } });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.headers.get('content-type'), `${method} ${path}`).toMatch(/^application\/json/);
        if (method !== 'HEAD') expect((await res.json()).error.code, `${method} ${path}`).toBe('not_found');
      }
    });
  }

  it('other paths fall back to the admin app', async () => {
    for (const path of ['/', '/cockpit', '/board/x/y', '/apix', '/api-docs']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
    }
  });
});
