import { DEMO_PASSWORD } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

describe('POST /api/v1/auth/login', () => {
  it('logs in, sets an HttpOnly SameSite=Lax cookie and returns the user with memberships', async () => {
    const res = await t.request(
      '/api/v1/auth/login',
      json({ email: 'admin@dongqu.demo', password: DEMO_PASSWORD }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^gongfu_session=[a-z2-7]{32}\.[a-z2-7]{32};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here
    const me = await res.json();
    expect(me.user.email).toBe('admin@dongqu.demo');
    expect(me.memberships).toEqual([
      expect.objectContaining({ role: 'district_admin', districtName: '攀枝花市东区', communityId: null }),
    ]);
    expect(me.activeMembershipId).toBe(me.memberships[0].id);
  });

  it('over HTTPS the cookie is Secure with the __Host- prefix', async () => {
    const res = await t.app.request('https://gongfu.example/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'viewer@dongqu.demo', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-gongfu_session=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await t.request(
      '/api/v1/auth/login',
      json({ email: 'dukou@dongqu.demo', password: 'wrong-one' }),
    );
    const unknown = await t.request(
      '/api/v1/auth/login',
      json({ email: 'ghost@dongqu.demo', password: 'wrong-one' }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.json();
    expect(a).toEqual({ error: { code: 'invalid_credentials', message: '邮箱或密码错误' } });
    expect(await unknown.json()).toEqual(a);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('speaks English when asked', async () => {
    const res = await t.request('/api/v1/auth/login', {
      ...json({ email: 'dukou@dongqu.demo', password: 'wrong-one' }),
      headers: { 'Accept-Language': 'en-US,en;q=0.9' },
    });
    expect((await res.json()).error.message).toBe('Wrong email or password');
  });

  it('names each invalid field in the user’s language', async () => {
    const zh = await t.request('/api/v1/auth/login', json({ email: 'not-an-email' }));
    expect(zh.status).toBe(400);
    const body = await zh.json();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields).sort()).toEqual(['email', 'password']);
    expect(body.error.fields.password).toBe('必填');
    const en = await t.request('/api/v1/auth/login', {
      ...json({ email: 'x' }),
      headers: { 'Accept-Language': 'en' },
    });
    expect((await en.json()).error.fields.email).toBe('Must be an email address');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.request('/api/v1/auth/login', { method: 'POST', body: '{"email": ' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('malformed_json');
  });

  it('throttles repeated failures for one account from one address with 429', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await t.request(
        '/api/v1/auth/login',
        json({ email: 'wangjiangjie@dongqu.demo', password: `guess-${i}` }),
      );
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await (last as Response).json()).error.code).toBe('too_many_attempts');
  });
});

describe('sessions through the API', () => {
  it('GET /api/v1/me needs a session', async () => {
    const res = await t.request('/api/v1/me');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const login = await t.request(
      '/api/v1/auth/login',
      json({ email: 'jinhui@dongqu.demo', password: DEMO_PASSWORD }),
    );
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await t.request('/api/v1/me', { headers: { cookie } })).status).toBe(200);
    const out = await t.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/gongfu_session=;/);
    expect((await t.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('a forged cookie is no session', async () => {
    const res = await t.request('/api/v1/me', {
      headers: { cookie: 'gongfu_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
    });
    expect(res.status).toBe(401);
  });
});

describe('cross-site requests', () => {
  it('refuses a cross-site POST by Sec-Fetch-Site, and by Origin', async () => {
    const cookie = await t.cookieOf('admin@dongqu.demo');
    const body = JSON.stringify({ name: '跨站社区' });
    const bySite = await t.request('/api/v1/communities', {
      method: 'POST',
      body,
      headers: { cookie, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(bySite.status).toBe(403);
    expect((await bySite.json()).error.code).toBe('cross_site_request');
    const byOrigin = await t.request('http://localhost/api/v1/communities', {
      method: 'POST',
      body,
      headers: { cookie, Origin: 'https://evil.example', Host: 'localhost' },
    });
    expect(byOrigin.status).toBe(403);
    const list = await (await t.request('/api/v1/communities', { as: 'admin@dongqu.demo' })).json();
    expect(list.items.map((c: { name: string }) => c.name)).not.toContain('跨站社区');
  });

  it('lets a same-origin POST through', async () => {
    const res = await t.request('http://localhost/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://localhost' },
    });
    expect(res.status).toBe(204);
  });
});
