/**
 * JSON on the wire: compressed when the client accepts it, identical once decompressed, untouched when it does
 * not; a compressed ETag still revalidates to 304 with no body (issue 14's light wire).
 */
import { gunzipSync } from 'node:zlib';
import { DEMO_IDS } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** the OpenAPI document: a large JSON answer anyone may fetch */
const DOCUMENT = '/api/openapi.json';
const BOARD = `/api/public/communities/${DEMO_IDS.wangjiangjie}/disclosure?district=${DEMO_IDS.dongqu}`;

describe('compressed JSON', () => {
  it('gzips a JSON answer for a client that accepts gzip, and it decompresses to the plain answer', async () => {
    const plain = await t.request(DOCUMENT, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    const plainBody = Buffer.from(await plain.arrayBuffer());
    expect(plainBody.byteLength).toBeGreaterThan(1024);

    const gz = await t.request(DOCUMENT, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gz.headers.get('Vary')).toMatch(/Accept-Encoding/);
    const sent = Buffer.from(await gz.arrayBuffer());
    expect(sent.byteLength).toBeLessThan(plainBody.byteLength / 2);
    expect(gunzipSync(sent).equals(plainBody)).toBe(true);
  });

  it('sends a small JSON answer as it is, with its length, even to a client that accepts gzip', async () => {
    for (const path of ['/api/ready', '/api/v1/no-such-route']) {
      const res = await t.request(path, { headers: { 'Accept-Encoding': 'gzip, deflate' } });
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('Content-Encoding'), path).toBeNull();
      expect(body.byteLength).toBeLessThan(1024);
      expect(res.headers.get('Content-Length'), path).toBe(String(body.byteLength));
      expect(() => JSON.parse(body.toString('utf8'))).not.toThrow();
    }
  });

  it('sends the text c.json built with its status and type, as a client without gzip gets it (ADR 0031)', async () => {
    // refused (401), unknown (404), fine (200): the answers the override of c.json sends without reading them back
    for (const path of ['/api/v1/communities', '/api/v1/no-such-route', '/api/ready']) {
      const plain = await t.request(path, { headers: { 'Accept-Encoding': 'identity' } });
      const gz = await t.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gz.status, path).toBe(plain.status);
      expect(gz.headers.get('Content-Type'), path).toBe(plain.headers.get('Content-Type'));
      expect(gz.headers.get('Content-Type'), path).toMatch(/^application\/json/);
      const body = Buffer.from(await gz.arrayBuffer());
      const text = gz.headers.get('Content-Encoding') === 'gzip' ? gunzipSync(body) : body;
      expect(JSON.parse(text.toString('utf8')), path).toEqual(await plain.json());
    }
  });

  it('gzips a large JSON answer in one piece: its Content-Length is the compressed bytes sent', async () => {
    const gz = await t.request(DOCUMENT, { headers: { 'Accept-Encoding': 'gzip' } });
    const sent = Buffer.from(await gz.arrayBuffer());
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gz.headers.get('Content-Length')).toBe(String(sent.byteLength));
  });

  it('says Vary: Accept-Encoding once, compressed or not (set before the handler, issue 14)', async () => {
    for (const encoding of ['identity', 'gzip']) {
      const res = await t.request(DOCUMENT, { headers: { 'Accept-Encoding': encoding } });
      expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    }
  });

  it('a compressed answer’s ETag still gives 304 with no body', async () => {
    const first = await t.request(BOARD, { headers: { 'Accept-Encoding': 'gzip' } });
    const tag = first.headers.get('ETag');
    expect(tag).toBeTruthy();
    const again = await t.request(BOARD, {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': tag as string },
    });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });
});
