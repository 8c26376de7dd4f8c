/** Issue 13 (found from outside): the login throttle under concurrency and logout with half a token. */
import { DEMO_PASSWORD } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const login = (email: string, password: string) =>
  t.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });

describe('the login throttle through the API', () => {
  it('20 concurrent wrong passwords: 5 are checked (401), the rest wait (429) — the counters are shared in the database', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login('dukou@dongqu.demo', `concurrent-guess-${i}`)),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    // a second app on the same database (another API process) sees the same counters
    const { createApp } = await import('../../app');
    const { LoginThrottle } = await import('@gongfu/auth');
    const pino = (await import('pino')).default;
    const other = createApp({
      db: t.handle.db,
      dbKind: t.handle.kind,
      logger: pino({ level: 'silent' }),
      throttle: new LoginThrottle(),
    });
    const res = await other.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dukou@dongqu.demo', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(429);
  });
});

describe('logout checks the whole token', () => {
  async function freshCookie(email: string) {
    const res = await login(email, DEMO_PASSWORD);
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  it('the right session id with a wrong secret ends nothing', async () => {
    const cookie = await freshCookie('viewer@dongqu.demo');
    const [name, token] = cookie.split('=') as [string, string];
    const [id, secret] = token.split('.') as [string, string];
    const wrongSecret = `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    const out = await t.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie: `${name}=${id}.${wrongSecret}` },
    });
    // the caller's own (forged) cookie is cleared; the real session lives on
    expect(out.status).toBe(204);
    expect((await t.request('/api/v1/me', { headers: { cookie } })).status).toBe(200);
    // and the whole token still logs out
    await t.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } });
    expect((await t.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });
});
