/**
 * The forced password change (ADR 0025) and the security events of logins, logouts and password changes, through
 * HTTP on a real database: an invited account is refused everything but me, logout and the change until it changes
 * its password; the change needs the current password and a strong new one (fields named, zh-CN and en); it ends the
 * user's other sessions. Events name no password; a district admin reads its district's only.
 */
import { DEMO_IDS, DEMO_PASSWORD, withTenantTransaction } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const ADMIN = 'admin@dongqu.demo';
const XIQU_ADMIN = 'admin@xiqu.demo';
const json = (body: unknown) => JSON.stringify(body);
const cookieFrom = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

async function login(email: string, password: string, userAgent = 'vitest-agent') {
  return t.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: json({ email, password }),
  });
}

async function asCookie(
  cookie: string,
  path: string,
  init: RequestInit = {},
  lang = 'zh-CN',
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', cookie);
  headers.set('accept-language', lang);
  if (init.body) headers.set('content-type', 'application/json');
  return t.app.request(path, { ...init, headers });
}

let invited = 0;
async function invite() {
  invited += 1;
  const email = `pwchange${invited}@dongqu.test`;
  const res = await t.request('/api/v1/users', {
    method: 'POST',
    as: ADMIN,
    body: json({
      displayName: `改密用户${invited}`,
      email,
      memberships: [{ role: 'community_reporter', communityId: DEMO_IDS.jinhui }],
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = await res.json();
  return { id: body.user.id as string, email, password: body.initialPassword as string };
}

const NEW_PASSWORD = 'qingshui-2027-river';

describe('the forced password change', () => {
  it('the demo logins are not forced', async () => {
    const res = await login(ADMIN, DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect((await res.json()).user.mustChangePassword).toBe(false);
    const ventures = await asCookie(cookieFrom(res), '/api/v1/ventures');
    expect(ventures.status).toBe(200);
  });

  it('an invited account is refused every route but me, logout and the change, then works after it', async () => {
    const u = await invite();
    const res = await login(u.email, u.password);
    expect(res.status).toBe(200);
    expect((await res.json()).user.mustChangePassword).toBe(true);
    const cookie = cookieFrom(res);

    // routes that check the session in their transaction (ventures, KPIs) and on the earlier path (users)
    const paths = ['/api/v1/ventures', '/api/v1/kpis/latest-month', '/api/v1/users', '/api/v1/communities'];
    for (const path of paths) {
      const refused = await asCookie(cookie, path);
      expect(refused.status, path).toBe(403);
      expect((await refused.json()).error.code).toBe('password_change_required');
    }
    const en = await asCookie(cookie, '/api/v1/ventures', {}, 'en');
    expect((await en.json()).error).toEqual({
      code: 'password_change_required',
      message: 'Change your initial password first',
    });
    const me = await asCookie(cookie, '/api/v1/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.mustChangePassword).toBe(true);

    // a second device logged in with the initial password
    const other = cookieFrom(await login(u.email, u.password));
    const changed = await asCookie(cookie, '/api/v1/auth/password', {
      method: 'POST',
      body: json({ currentPassword: u.password, newPassword: NEW_PASSWORD }),
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect((await changed.json()).user.mustChangePassword).toBe(false);
    const fresh = cookieFrom(changed);
    expect(fresh).not.toBe(cookie);

    for (const path of paths) {
      const after = await asCookie(fresh, path);
      // answered as the reporter's role answers it now: no longer the change's refusal
      expect(after.status === 200 || (await after.json()).error.code === 'forbidden', path).toBe(true);
    }
    expect((await asCookie(fresh, '/api/v1/ventures')).status).toBe(200);
    // every other session ended, the one that made the change too (a fresh one replaces it)
    expect((await asCookie(other, '/api/v1/me')).status).toBe(401);
    expect((await asCookie(cookie, '/api/v1/me')).status).toBe(401);
    expect((await login(u.email, u.password)).status).toBe(401);
    expect((await login(u.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('an admin reset forces the change again', async () => {
    const u = await invite();
    const first = cookieFrom(await login(u.email, u.password));
    const done = await asCookie(first, '/api/v1/auth/password', {
      method: 'POST',
      body: json({ currentPassword: u.password, newPassword: NEW_PASSWORD }),
    });
    expect(done.status).toBe(200);
    const reset = await t.request(`/api/v1/users/${u.id}/reset-password`, { method: 'POST', as: ADMIN });
    expect(reset.status, await reset.clone().text()).toBe(200);
    const { initialPassword } = await reset.json();
    const res = await login(u.email, initialPassword);
    expect((await res.json()).user.mustChangePassword).toBe(true);
    expect((await asCookie(cookieFrom(res), '/api/v1/ventures')).status).toBe(403);
  });

  it('names the field: a wrong current password, a weak or unchanged new one (zh-CN and en); nothing changes', async () => {
    const u = await invite();
    const cookie = cookieFrom(await login(u.email, u.password));
    const post = (body: unknown, lang = 'zh-CN') =>
      asCookie(cookie, '/api/v1/auth/password', { method: 'POST', body: json(body) }, lang);

    const wrong = await post({ currentPassword: 'not-the-one-1', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.fields).toEqual({ currentPassword: '密码不正确' });
    const weak = await post({ currentPassword: u.password, newPassword: 'short1' }, 'en');
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.fields).toEqual({
      newPassword: 'The new password needs at least 10 characters, with letters and digits',
    });
    const lettersOnly = await post({ currentPassword: u.password, newPassword: 'onlyletterslong' });
    expect((await lettersOnly.json()).error.fields).toEqual({
      newPassword: '新密码至少 10 位，且须同时包含字母和数字',
    });
    const same = await post({ currentPassword: u.password, newPassword: u.password });
    expect(same.status).toBe(400);
    expect(Object.keys((await same.json()).error.fields)).toEqual(['newPassword']);
    const missing = await post({ currentPassword: u.password });
    expect(missing.status).toBe(400);
    expect(Object.keys((await missing.json()).error.fields)).toEqual(['newPassword']);

    // still the initial password, still forced
    expect((await asCookie(cookie, '/api/v1/ventures')).status).toBe(403);
    expect((await login(u.email, u.password)).status).toBe(200);
  });

  it('without a session the change is 401', async () => {
    const res = await t.app.request('/api/v1/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json({ currentPassword: 'a', newPassword: NEW_PASSWORD }),
    });
    expect(res.status).toBe(401);
  });
});

interface EventRow {
  kind: string;
  outcome: string;
  email: string;
  district_id: string | null;
  address: string;
  user_agent: string;
}

async function eventsOf(email: string): Promise<EventRow[]> {
  const r = await sql<EventRow>`
    select kind, outcome, email, district_id, address, user_agent from security_events
     where email = ${email} order by occurred_at, event_id`.execute(t.handle.db);
  return r.rows;
}

describe('security events', () => {
  it('logins (each outcome), logout and password change are recorded; no password anywhere', async () => {
    const u = await invite();
    expect((await login(u.email, 'wrong-password-9')).status).toBe(401);
    const ok = await login(u.email, u.password, 'x'.repeat(500));
    const cookie = cookieFrom(ok);
    const changed = await asCookie(cookie, '/api/v1/auth/password', {
      method: 'POST',
      body: json({ currentPassword: u.password, newPassword: NEW_PASSWORD }),
    });
    const fresh = cookieFrom(changed);
    expect((await asCookie(fresh, '/api/v1/auth/logout', { method: 'POST' })).status).toBe(204);
    const rows = await eventsOf(u.email);
    expect(rows.map((r) => `${r.kind}:${r.outcome}`)).toEqual([
      'login:wrong_password',
      'login:success',
      'password_change:success',
      'logout:success',
    ]);
    expect(rows.every((r) => r.district_id === DEMO_IDS.dongqu)).toBe(true);
    expect(rows[1]?.user_agent).toHaveLength(200);
    const all = JSON.stringify(rows);
    for (const secret of [u.password, NEW_PASSWORD, 'wrong-password-9']) expect(all).not.toContain(secret);

    // an unknown address: no account, no district; a disabled account says so
    expect((await login('nobody-here@dongqu.test', 'whatever-1')).status).toBe(401);
    const unknown = await eventsOf('nobody-here@dongqu.test');
    expect(unknown).toEqual([expect.objectContaining({ outcome: 'unknown_account', district_id: null })]);
  });

  it('throttled attempts are recorded as such', async () => {
    const u = await invite();
    for (let i = 0; i < 7; i += 1) await login(u.email, `wrong-guess-${i}`);
    const outcomes = (await eventsOf(u.email)).map((r) => r.outcome);
    expect(outcomes).toContain('wrong_password');
    expect(outcomes).toContain('throttled');
  });

  it('the district admin reads its district events only; others are refused', async () => {
    const u = await invite();
    await login(u.email, 'wrong-password-9');
    const xiquUser = 'admin@xiqu.demo';
    await login(xiquUser, 'wrong-password-9');

    const mine = await t.request('/api/v1/security-events?limit=200', { as: ADMIN });
    expect(mine.status).toBe(200);
    const items: { email: string; districtId: string | null }[] = (await mine.json()).items;
    expect(items.every((e) => e.districtId === DEMO_IDS.dongqu)).toBe(true);
    expect(items.some((e) => e.email === u.email)).toBe(true);
    expect(items.some((e) => e.email.endsWith('@xiqu.demo'))).toBe(false);
    expect(items.some((e) => e.email === 'nobody-here@dongqu.test')).toBe(false);

    const theirs = await t.request('/api/v1/security-events?limit=200', { as: XIQU_ADMIN });
    const theirItems: { email: string }[] = (await theirs.json()).items;
    expect(theirItems.some((e) => e.email === xiquUser)).toBe(true);
    expect(theirItems.some((e) => e.email.endsWith('@dongqu.test') || e.email.endsWith('@dongqu.demo'))).toBe(
      false,
    );

    // the platform operator sees no district's data: the events of unknown addresses and platform accounts only
    await login('nobody-at-all@example.test', 'wrong-password-9');
    const platform = await t.request('/api/v1/security-events?limit=200', { as: 'platform@gongfu.demo' });
    expect(platform.status).toBe(200);
    const platformItems: { email: string; districtId: string | null }[] = (await platform.json()).items;
    expect(platformItems.some((e) => e.email === 'nobody-at-all@example.test')).toBe(true);
    expect(platformItems.every((e) => e.districtId === null)).toBe(true);

    for (const who of ['viewer@dongqu.demo', 'jinhui@dongqu.demo']) {
      const refused = await t.request('/api/v1/security-events', { as: who });
      expect(refused.status, who).toBe(403);
    }
  });

  it('the runtime role can neither update nor delete a live event (login scope, the one that may prune)', async () => {
    const db = t.handle.db;
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from security_events`.execute(db)).rows[0]?.n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const scope = { kind: 'login', email: 'admin@dongqu.demo' } as const;
    const update = await withTenantTransaction(db, scope, (trx) =>
      sql`update security_events set outcome = 'success'`.execute(trx),
    ).then(
      () => 'updated',
      (e: Error) => e.message,
    );
    expect(update).toMatch(/permission denied/);
    const removed = await withTenantTransaction(db, scope, (trx) =>
      sql`delete from security_events`.execute(trx),
    );
    // the prune policy reaches only rows older than 90 days: none here
    expect(Number(removed.numAffectedRows ?? 0)).toBe(0);
    expect(await count()).toBe(before);
  });
});
