import { SESSION_IDLE_MS, sessionIdOf } from '@gongfu/auth';
import { identity, withTenantTransaction } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const EMAIL = 'viewer@dongqu.demo';

describe('the session cookie follows the sliding session', () => {
  it('login sets the cookie once', async () => {
    const res = await t.request('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: EMAIL, password: 'gongfu-demo-2026' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toHaveLength(1);
  });

  it('a request that does not slide the session sends no Set-Cookie', async () => {
    const res = await t.request('/api/v1/communities', { as: EMAIL });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('a request that slides the session sends the cookie with the new expiry', async () => {
    const cookie = await t.cookieOf(EMAIL);
    const sessionId = sessionIdOf(cookie.split('=')[1] ?? '') ?? '';
    // as if the session had been idle for most of its window: half an hour left
    await withTenantTransaction(t.handle.db, { kind: 'session', sessionId }, (trx) =>
      identity.extendSession(trx, sessionId, new Date(Date.now() + 30 * 60 * 1000)),
    );
    const res = await t.request('/api/v1/communities', { as: EMAIL });
    expect(res.status).toBe(200);
    const [set] = res.headers.getSetCookie();
    expect(set).toMatch(/^gongfu_session=[a-z2-7]{32}\.[a-z2-7]{32};/);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(set ?? '')?.[1] ?? '');
    expect(expires).toBeGreaterThan(Date.now() + SESSION_IDLE_MS - 60 * 60 * 1000);
    // slid once: the next request needs no cookie again
    const again = await t.request('/api/v1/communities', { as: EMAIL });
    expect(again.headers.getSetCookie()).toEqual([]);
  });
});
