/**
 * The built admin app as a browser receives it: the precompressed copy its build wrote when the browser accepts
 * it (byte-identical to the source once decompressed), year-long caching for hashed assets only, index.html for
 * the client router's paths, nothing outside the folder, and never the admin's page for an /api path.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app';

let t: TestApp;
let adminDist: string;
let outside: string;
const chunk = Buffer.from(
  `export const figures = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `指标${i}`))};\n`,
);
const INDEX = '<!doctype html><title>共富</title><script type="module" src="/assets/app-3f9a.js"></script>';

beforeAll(async () => {
  adminDist = mkdtempSync(join(tmpdir(), 'gongfu-admin-'));
  outside = mkdtempSync(join(tmpdir(), 'gongfu-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'not for the web');
  mkdirSync(join(adminDist, 'assets'));
  writeFileSync(join(adminDist, 'index.html'), INDEX);
  writeFileSync(join(adminDist, 'assets/app-3f9a.js'), chunk);
  writeFileSync(join(adminDist, 'assets/app-3f9a.js.br'), brotliCompressSync(chunk));
  writeFileSync(join(adminDist, 'assets/app-3f9a.js.gz'), gzipSync(chunk));
  writeFileSync(join(adminDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await createTestApp({ adminDist });
});
afterAll(async () => {
  await t?.close();
  rmSync(adminDist, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function body(res: Response) {
  return Buffer.from(await res.arrayBuffer());
}

describe('the admin app’s files', () => {
  it('sends the brotli copy to a browser that accepts br, and it decompresses to the very file', async () => {
    const res = await t.request('/assets/app-3f9a.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toMatch(/Accept-Encoding/);
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const sent = await body(res);
    expect(sent.byteLength).toBeLessThan(chunk.byteLength);
    expect(brotliDecompressSync(sent).equals(chunk)).toBe(true);
  });

  it('sends gzip to a browser without br, and the plain file to one that accepts neither', async () => {
    const gz = await t.request('/assets/app-3f9a.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(await body(gz)).equals(chunk)).toBe(true);
    const plain = await t.request('/assets/app-3f9a.js', { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect((await body(plain)).equals(chunk)).toBe(true);
  });

  it('serves the client router’s paths with index.html, revalidated on every visit', async () => {
    for (const path of ['/', '/kpis', '/funds/6c1f0000-0000-4000-8000-000000000000', '/board/x/y']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Content-Type'), path).toMatch(/text\/html/);
      expect(res.headers.get('Cache-Control'), path).toBe('no-cache');
      expect((await body(res)).toString(), path).toBe(INDEX);
    }
    // a file outside assets/ has no hash in its name: it must not be cached for a year either
    expect((await t.request('/favicon.svg')).headers.get('Cache-Control')).toBe('no-cache');
  });

  it('never serves a file outside the folder, whatever the path spells', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const res = await t.request(path);
      expect((await body(res)).toString(), path).not.toContain('not for the web');
    }
  });

  it('answers an unknown /api path with the API’s JSON 404, not the admin’s page', async () => {
    const res = await t.request('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
