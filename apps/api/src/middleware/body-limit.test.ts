import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { JSON_BODY_LIMIT_BYTES } from './body-limit';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** A body of `bytes` bytes sent as a stream: no Content-Length, as a chunked upload. */
function chunked(bytes: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const n = Math.min(chunk, bytes - sent);
      controller.enqueue(new Uint8Array(n).fill(0x61));
      sent += n;
    },
  });
}

describe('request bodies are bounded (1 MB of JSON), before login too', () => {
  it('a declared body over the limit is 413 in the error shape, unread, in the user’s language', async () => {
    const big = 'x'.repeat(JSON_BODY_LIMIT_BYTES + 1);
    for (const [lang, words] of [
      ['zh-CN', '请求体过大'],
      ['en', 'too large'],
    ] as const) {
      const res = await t.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'accept-language': lang },
        body: big,
      });
      expect(res.status).toBe(413);
      const body = await res.json();
      expect(body.error.code).toBe('payload_too_large');
      expect(body.error.message).toContain(words);
    }
  });

  it('a chunked body (no Content-Length) is cut off at the limit: 413', async () => {
    const res = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunked(3 * JSON_BODY_LIMIT_BYTES),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('an authenticated write over the limit is 413 too, and a body under it is read as usual', async () => {
    const over = await t.request('/api/v1/funds', {
      as: 'jinhui@dongqu.demo',
      method: 'POST',
      body: JSON.stringify({ kind: 'other', name: '大', purpose: 'y'.repeat(JSON_BODY_LIMIT_BYTES) }),
    });
    expect(over.status).toBe(413);
    // just under the limit, streamed: read whole and validated (the purpose is over its 2000 characters)
    const under = JSON.stringify({
      kind: 'other',
      name: '大',
      purpose: 'y'.repeat(JSON_BODY_LIMIT_BYTES - 100),
    });
    const res = await t.app.request('/api/v1/funds', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await t.cookieOf('jinhui@dongqu.demo') },
      body: new Blob([under]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields)).toEqual(['purpose']);
  });
});
