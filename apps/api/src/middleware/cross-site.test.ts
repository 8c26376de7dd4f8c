/**
 * The CSRF check compares the whole origin — scheme, host and port — with the server's own (PUBLIC_ORIGIN, else
 * the request's URL, with TRUST_PROXY the proxy's forwarded scheme and host), and a foreign Origin always loses,
 * whatever Sec-Fetch-Site says (issue 13 item 9, ADR 0019).
 */
import { LoginThrottle } from '@gongfu/auth';
import { DEMO_PASSWORD } from '@gongfu/db';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type Deps } from '../app';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

function appWith(options: Pick<Deps, 'publicOrigin' | 'trustProxy'>) {
  return createApp({
    db: t.handle.db,
    dbKind: t.handle.kind,
    logger: pino({ level: 'silent' }),
    throttle: new LoginThrottle(),
    ...options,
  });
}

/** A state-changing request a browser could send with the victim's cookie: logout (204 when let through). */
async function logout(
  app: { request: TestApp['app']['request'] },
  url: string,
  headers: Record<string, string>,
) {
  const res = await app.request(url, { method: 'POST', headers });
  return res.status;
}

describe('the CSRF check compares scheme, host and port', () => {
  it('refuses an https:// Origin on an http:// server with the same host', async () => {
    expect(
      await logout(t.app, 'http://localhost/api/v1/auth/logout', {
        Host: 'localhost',
        Origin: 'https://localhost',
      }),
    ).toBe(403);
  });

  it('refuses another port of the same host', async () => {
    expect(
      await logout(t.app, 'http://localhost:3000/api/v1/auth/logout', {
        Host: 'localhost:3000',
        Origin: 'http://localhost:8080',
      }),
    ).toBe(403);
  });

  it('a foreign Origin loses even when Sec-Fetch-Site says same-origin', async () => {
    const cookie = await t.cookieOf('admin@dongqu.demo');
    const res = await t.app.request('http://localhost/api/v1/communities', {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/json',
        Host: 'localhost',
        Origin: 'https://evil.example',
        'Sec-Fetch-Site': 'same-origin',
      },
      body: JSON.stringify({ name: '伪同源社区' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('cross_site_request');
  });

  it('refuses Origin: null and a malformed Origin', async () => {
    expect(
      await logout(t.app, 'http://localhost/api/v1/auth/logout', { Host: 'localhost', Origin: 'null' }),
    ).toBe(403);
    expect(
      await logout(t.app, 'http://localhost/api/v1/auth/logout', { Host: 'localhost', Origin: 'not a url' }),
    ).toBe(403);
  });

  it('lets the same origin through (default ports written or not), and clients that are no browser', async () => {
    expect(
      await logout(t.app, 'http://localhost/api/v1/auth/logout', {
        Host: 'localhost',
        Origin: 'http://localhost',
      }),
    ).toBe(204);
    expect(
      await logout(t.app, 'http://localhost:3000/api/v1/auth/logout', {
        Host: 'localhost:3000',
        Origin: 'http://localhost:3000',
        'Sec-Fetch-Site': 'same-origin',
      }),
    ).toBe(204);
    expect(
      await logout(t.app, 'http://localhost:80/api/v1/auth/logout', { Origin: 'http://localhost' }),
    ).toBe(204);
    // curl, a script: neither header, no ambient cookie risk
    expect(await logout(t.app, 'http://localhost/api/v1/auth/logout', {})).toBe(204);
  });

  it('with PUBLIC_ORIGIN, that origin is the server’s own, not the address the proxy connected to', async () => {
    const app = appWith({ publicOrigin: 'https://gongfu.example.gov.cn' });
    const internal = 'http://10.0.0.5:3000/api/v1/auth/logout';
    expect(await logout(app, internal, { Origin: 'https://gongfu.example.gov.cn' })).toBe(204);
    expect(await logout(app, internal, { Origin: 'http://10.0.0.5:3000' })).toBe(403);
    expect(await logout(app, internal, { Origin: 'http://gongfu.example.gov.cn' })).toBe(403);
    // people reach it over HTTPS: the session cookie is Secure with the __Host- prefix, though node speaks http
    const login = await app.request('http://10.0.0.5:3000/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', Origin: 'https://gongfu.example.gov.cn' },
      body: JSON.stringify({ email: 'viewer@dongqu.demo', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/^__Host-gongfu_session=.*Secure/);
  });

  it('with TRUST_PROXY, the forwarded scheme and host; without it they are ignored', async () => {
    const headers = {
      Origin: 'https://gongfu.example.gov.cn',
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Host': 'gongfu.example.gov.cn',
    };
    const url = 'http://10.0.0.5:3000/api/v1/auth/logout';
    expect(await logout(appWith({ trustProxy: true }), url, headers)).toBe(204);
    expect(await logout(appWith({ trustProxy: false }), url, headers)).toBe(403);
  });
});
