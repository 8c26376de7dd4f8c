/**
 * 用户与权限 through HTTP on a real database: the role matrix, isolation between districts, the rules (never
 * oneself, never the last admin), a disabled account's live session refused at once, audit rows, and
 * validation errors that name the field in both languages.
 */
import { DEMO_IDS, deterministicId } from '@gongfu/db';
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
const userId = (email: string) => deterministicId(`user:${email}`);
const json = (body: unknown) => JSON.stringify(body);

async function login(email: string, password: string) {
  return t.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: json({ email, password }),
  });
}
const cookieFrom = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

/** An account an admin created changes its initial password first (ADR 0025): the session that follows. */
async function changeInitialPassword(cookie: string, currentPassword: string) {
  const res = await t.app.request('/api/v1/auth/password', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: json({ currentPassword, newPassword: 'changed-initial-2027' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return cookieFrom(res);
}

let invited = 0;
/** Invites a fresh account as the dongqu admin; answers its id, email and initial password. */
async function invite(
  memberships: unknown[] = [{ role: 'community_reporter', communityId: DEMO_IDS.jinhui }],
) {
  invited += 1;
  const email = `invitee${invited}@dongqu.test`;
  const res = await t.request('/api/v1/users', {
    method: 'POST',
    as: ADMIN,
    body: json({ displayName: `受邀用户${invited}`, email, memberships }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = await res.json();
  return { id: body.user.id as string, email, password: body.initialPassword as string, body };
}

async function auditRows(entityId: string) {
  const r = await sql<{ action: string; actor_user_id: string; district_id: string; after: unknown }>`
    select action, actor_user_id, district_id, after from audit_log
     where entity_id = ${entityId} order by created_at, audit_id`.execute(t.handle.db);
  return r.rows;
}

describe('the role matrix', () => {
  const REFUSED = [
    'viewer@dongqu.demo',
    'jinhui@dongqu.demo',
    'reporter@jinhui.demo',
    'soe@dongqu.demo',
    'platform@gongfu.demo',
  ];

  it('only the district admin lists, invites, disables, re-enables, resets and changes roles', async () => {
    const target = userId('reporter@jinhui.demo');
    const membership = await sql<{ membership_id: string }>`
      select membership_id from memberships where user_id = ${target}`.execute(t.handle.db);
    const mid = membership.rows[0]?.membership_id as string;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/users'],
      ['GET', `/api/v1/users/${target}`],
      [
        'POST',
        '/api/v1/users',
        { displayName: 'x', email: 'refused@dongqu.test', memberships: [{ role: 'district_viewer' }] },
      ],
      ['POST', `/api/v1/users/${target}/disable`],
      ['POST', `/api/v1/users/${target}/enable`],
      ['POST', `/api/v1/users/${target}/reset-password`],
      ['POST', `/api/v1/users/${target}/memberships`, { role: 'district_viewer' }],
      [
        'PUT',
        `/api/v1/users/${target}/memberships/${mid}`,
        { role: 'community_admin', communityId: DEMO_IDS.jinhui },
      ],
      ['DELETE', `/api/v1/users/${target}/memberships/${mid}`],
    ];
    const before = await auditRows(target);
    for (const email of REFUSED) {
      for (const [method, path, body] of calls) {
        const res = await t.request(path, { method, as: email, ...(body ? { body: json(body) } : {}) });
        expect(res.status, `${email} ${method} ${path}`).toBe(403);
      }
    }
    expect(await auditRows(target)).toEqual(before);
    const list = await t.request('/api/v1/users', { as: ADMIN });
    expect(list.status).toBe(200);
  });

  it('without a session: 401', async () => {
    expect((await t.app.request('/api/v1/users')).status).toBe(401);
    const res = await t.app.request(`/api/v1/users/${userId('viewer@dongqu.demo')}/reset-password`, {
      method: 'POST',
    });
    expect(res.status).toBe(401);
  });
});

describe('the district’s users', () => {
  it('lists its own accounts with their roles, and no other district’s nor the platform admin', async () => {
    const res = await t.request('/api/v1/users', { as: ADMIN });
    const body = await res.json();
    const emails = body.items.map((u: { email: string }) => u.email);
    expect(emails).toEqual(expect.arrayContaining([ADMIN, 'viewer@dongqu.demo', 'reporter@jinhui.demo']));
    expect(emails).not.toContain('geliping@xiqu.demo');
    expect(emails).not.toContain(XIQU_ADMIN);
    expect(emails).not.toContain('platform@gongfu.demo');
    const reporter = body.items.find((u: { email: string }) => u.email === 'reporter@jinhui.demo');
    expect(reporter.memberships).toEqual([
      expect.objectContaining({
        role: 'community_reporter',
        communityId: DEMO_IDS.jinhui,
        communityName: '金汇社区',
      }),
    ]);
    const self = body.items.find((u: { email: string }) => u.email === ADMIN);
    expect(self.isSelf).toBe(true);
    // every login was stamped: the admin logged in to ask
    expect(self.lastLoginAt).not.toBeNull();
  });

  it('filters by text and by status', async () => {
    const byText = await (await t.request('/api/v1/users?q=REPORTER', { as: ADMIN })).json();
    expect(byText.items.map((u: { email: string }) => u.email)).toEqual(['reporter@jinhui.demo']);
    const disabled = await (await t.request('/api/v1/users?status=disabled', { as: ADMIN })).json();
    expect(disabled.items.every((u: { status: string }) => u.status === 'disabled')).toBe(true);
    // the text is a substring, not a pattern: a % matches a percent sign only
    const percent = await (await t.request('/api/v1/users?q=%25', { as: ADMIN })).json();
    expect(percent.items).toEqual([]);
    const bad = await t.request('/api/v1/users?status=gone', { as: ADMIN });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(['status']);
  });

  it('filters by role, community and partner in its statement: one membership matches them all', async () => {
    type Listed = { email: string; memberships: Array<{ role: string; communityId: string | null }> };
    const list = async (query: string): Promise<Listed[]> => {
      const res = await t.request(`/api/v1/users?${query}`, { as: ADMIN });
      expect(res.status, `${query}: ${await res.clone().text()}`).toBe(200);
      const body = await res.json();
      expect(body.total).toBe(body.items.length);
      return body.items;
    };
    const emails = async (query: string) => (await list(query)).map((u) => u.email).sort();
    // an account holding a district role and a community role: found by either, listed with both
    const both = await invite([
      { role: 'district_viewer' },
      { role: 'community_admin', communityId: DEMO_IDS.dukou },
    ]);

    expect(await emails('role=district_admin')).toEqual([ADMIN]);
    expect(await emails('role=partner_operator')).toEqual(['soe@dongqu.demo']);
    expect(await emails(`partnerId=${DEMO_IDS.soe}`)).toEqual(['soe@dongqu.demo']);
    expect(await emails(`communityId=${DEMO_IDS.jinhui}`)).toEqual([
      'jinhui@dongqu.demo',
      'reporter@jinhui.demo',
    ]);
    expect(await emails(`role=community_reporter&communityId=${DEMO_IDS.jinhui}`)).toEqual([
      'reporter@jinhui.demo',
    ]);
    const viewers = await list('role=district_viewer');
    expect(viewers.map((u) => u.email).sort()).toEqual([both.email, 'viewer@dongqu.demo'].sort());
    expect(
      viewers
        .find((u) => u.email === both.email)
        ?.memberships.map((m) => m.role)
        .sort(),
    ).toEqual(['community_admin', 'district_viewer']);
    expect(await emails(`communityId=${DEMO_IDS.dukou}`)).toEqual([both.email, 'dukou@dongqu.demo'].sort());
    // the role and the community of one and the same membership: a district viewer has no community
    expect(await emails(`role=district_viewer&communityId=${DEMO_IDS.dukou}`)).toEqual([]);
    // with the text and the status
    expect(await emails(`q=${both.email}&role=community_admin`)).toEqual([both.email]);
    expect(await emails(`q=${both.email}&role=community_admin&status=disabled`)).toEqual([]);
    // another district's community and partner name no account of this one
    expect(await emails(`communityId=${DEMO_IDS.xiquCommunity}`)).toEqual([]);
    const xiqu = await (
      await t.request(`/api/v1/users?communityId=${DEMO_IDS.xiquCommunity}`, {
        as: XIQU_ADMIN,
      })
    ).json();
    expect(xiqu.items.map((u: { email: string }) => u.email)).toEqual(['geliping@xiqu.demo']);

    // a bad value is a 400 naming its field, in both languages; never a 500
    for (const [query, field] of [
      ['role=platform_admin', 'role'],
      ['role=nobody', 'role'],
      ['communityId=jinhui', 'communityId'],
      ['partnerId=00000000', 'partnerId'],
    ] as const) {
      const res = await t.request(`/api/v1/users?${query}`, { as: ADMIN });
      expect(res.status, query).toBe(400);
      expect(Object.keys((await res.json()).error.fields), query).toEqual([field]);
    }
    const en = await t.request('/api/v1/users?role=platform_admin', {
      as: ADMIN,
      headers: { 'Accept-Language': 'en' },
    });
    expect(en.status).toBe(400);
    expect(Object.keys((await en.json()).error.fields)).toEqual(['role']);
  });

  it('says which accounts must change an admin-set password; the flag clears with their own change', async () => {
    const flags = async () => {
      const body = await (await t.request('/api/v1/users', { as: ADMIN })).json();
      return new Map<string, boolean>(
        body.items.map((u: { id: string; mustChangePassword: boolean }) => [u.id, u.mustChangePassword]),
      );
    };
    const before = await flags();
    expect(before.get(userId(ADMIN))).toBe(false);
    expect(before.get(userId('reporter@jinhui.demo'))).toBe(false);
    for (const flag of before.values()) expect(typeof flag).toBe('boolean');

    const { id, email, password, body } = await invite();
    expect(body.user.mustChangePassword).toBe(true);
    expect((await flags()).get(id)).toBe(true);
    expect((await (await t.request(`/api/v1/users/${id}`, { as: ADMIN })).json()).mustChangePassword).toBe(
      true,
    );
    await changeInitialPassword(cookieFrom(await login(email, password)), password);
    expect((await flags()).get(id)).toBe(false);

    const reset = await t.request(`/api/v1/users/${id}/reset-password`, { method: 'POST', as: ADMIN });
    expect(reset.status).toBe(200);
    expect((await reset.json()).user.mustChangePassword).toBe(true);
    expect((await flags()).get(id)).toBe(true);
  });
});

describe('inviting', () => {
  it('creates the account with its roles; the invitee logs in with the initial password shown once', async () => {
    const { id, email, password, body } = await invite([
      { role: 'community_reporter', communityId: DEMO_IDS.jinhui },
      { role: 'partner_operator', partnerId: DEMO_IDS.soe },
    ]);
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(body.user).toMatchObject({ email, status: 'active', lastLoginAt: null, isSelf: false });
    expect(body.user.memberships.map((m: { role: string }) => m.role).sort()).toEqual([
      'community_reporter',
      'partner_operator',
    ]);
    // shown once: the account's own reads never carry it
    const again = await (await t.request(`/api/v1/users/${id}`, { as: ADMIN })).text();
    expect(again).not.toContain(password);
    const stored = await sql<{ password_hash: string }>`
      select password_hash from users where user_id = ${id}`.execute(t.handle.db);
    expect(stored.rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    const res = await login(email, password);
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me.memberships.map((m: { role: string }) => m.role).sort()).toEqual([
      'community_reporter',
      'partner_operator',
    ]);
    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual(['user.invite']);
    expect(rows[0]).toMatchObject({ actor_user_id: userId(ADMIN), district_id: DEMO_IDS.dongqu });
    expect(JSON.stringify(rows[0]?.after)).not.toContain(password);
  });

  it('never keeps an initial password for an idempotent replay', async () => {
    const res = await t.request('/api/v1/users', {
      method: 'POST',
      as: ADMIN,
      headers: { 'Idempotency-Key': 'invite-once-1' },
      body: json({
        displayName: '幂等测试',
        email: 'idempotent@dongqu.test',
        memberships: [{ role: 'district_viewer' }],
      }),
    });
    expect(res.status).toBe(201);
    const { initialPassword } = await res.json();
    const kept = await sql<{ n: number }>`
      select count(*)::int as n from idempotency_keys where body::text like ${`%${initialPassword}%`}`.execute(
      t.handle.db,
    );
    expect(kept.rows[0]?.n).toBe(0);
    expect(res.headers.get('cache-control')).toContain('no-store');
  });

  it('refuses a login already in use (any district) with 409 naming the email', async () => {
    for (const email of ['viewer@dongqu.demo', 'GELIPING@xiqu.demo']) {
      const res = await t.request('/api/v1/users', {
        method: 'POST',
        as: ADMIN,
        body: json({ displayName: '重复', email, memberships: [{ role: 'district_viewer' }] }),
      });
      expect(res.status).toBe(409);
      expect((await res.json()).error.fields).toEqual({ email: '该登录邮箱已被使用' });
    }
  });

  it('validation errors name the field, in zh-CN and in English; bad input is never a 500', async () => {
    const bad = { displayName: '', email: 'not-an-email', memberships: [{ role: 'platform_admin' }] };
    const zh = await t.request('/api/v1/users', { method: 'POST', as: ADMIN, body: json(bad) });
    expect(zh.status).toBe(400);
    const zhFields = (await zh.json()).error.fields;
    expect(Object.keys(zhFields).sort()).toEqual(['displayName', 'email', 'memberships.0.role']);
    expect(zhFields.email).toMatch(/邮箱/);
    const en = await t.request('/api/v1/users', {
      method: 'POST',
      as: ADMIN,
      headers: { 'Accept-Language': 'en' },
      body: json(bad),
    });
    expect((await en.json()).error.fields.email).toMatch(/email/);

    const shapes: Array<[unknown, Record<string, string>]> = [
      [[{ role: 'community_admin' }], { 'memberships.0.communityId': '社区角色须选择社区' }],
      [
        [{ role: 'district_viewer', partnerId: DEMO_IDS.soe }],
        { 'memberships.0.partnerId': '只有合作运营方角色才选择合作方' },
      ],
      [
        [{ role: 'community_admin', communityId: DEMO_IDS.xiquCommunity }],
        { 'memberships.0.communityId': '社区不存在' },
      ],
      [
        [{ role: 'district_viewer' }, { role: 'district_viewer' }],
        { 'memberships.1.role': '该用户已有这个角色（同一社区或合作方）' },
      ],
    ];
    for (const [memberships, fields] of shapes) {
      const res = await t.request('/api/v1/users', {
        method: 'POST',
        as: ADMIN,
        body: json({ displayName: '形状', email: 'shape@dongqu.test', memberships }),
      });
      expect(res.status, JSON.stringify(memberships)).toBe(400);
      expect((await res.json()).error.fields).toEqual(fields);
    }
    const en2 = await t.request('/api/v1/users', {
      method: 'POST',
      as: ADMIN,
      headers: { 'Accept-Language': 'en' },
      body: json({
        displayName: 'x',
        email: 'shape@dongqu.test',
        memberships: [{ role: 'partner_operator' }],
      }),
    });
    expect((await en2.json()).error.fields).toEqual({
      'memberships.0.partnerId': 'A partner operator role needs a partner',
    });

    for (const body of [
      '{',
      'null',
      json({ displayName: 'x\u0000', email: 'nul@dongqu.test', memberships: [{ role: 'district_viewer' }] }),
      json({ displayName: 'x', email: 'a@b.c', memberships: [] }),
      json({ displayName: 'x', email: 'a@b.c', memberships: [{ role: 'district_viewer', extra: 1 }] }),
      json({ displayName: 'x'.repeat(101), email: 'a@b.c', memberships: [{ role: 'district_viewer' }] }),
      json({
        displayName: 'x',
        email: `${'a'.repeat(250)}@b.cn`,
        memberships: [{ role: 'district_viewer' }],
      }),
    ]) {
      const res = await t.request('/api/v1/users', { method: 'POST', as: ADMIN, body });
      expect(res.status, body.slice(0, 60)).toBe(400);
    }
    const none = await sql<{ n: number }>`
      select count(*)::int as n from users where email in ('shape@dongqu.test', 'nul@dongqu.test', 'a@b.c')`.execute(
      t.handle.db,
    );
    expect(none.rows[0]?.n).toBe(0);
  });
});

describe('disabling', () => {
  it('refuses the disabled user’s live session on its next request, and their login; re-enabling lets them back', async () => {
    const { id, email, password } = await invite();
    const session = cookieFrom(await login(email, password));
    const me = () => t.app.request('/api/v1/me', { headers: { cookie: session } });
    expect((await me()).status).toBe(200);

    const res = await t.request(`/api/v1/users/${id}/disable`, { method: 'POST', as: ADMIN });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('disabled');
    expect((await me()).status).toBe(401);
    const sessions = await sql<{ n: number }>`
      select count(*)::int as n from sessions where user_id = ${id}`.execute(t.handle.db);
    expect(sessions.rows[0]?.n).toBe(0);
    expect((await login(email, password)).status).toBe(401);

    // twice is the same answer, and one audit row
    expect((await t.request(`/api/v1/users/${id}/disable`, { method: 'POST', as: ADMIN })).status).toBe(200);
    const enabled = await t.request(`/api/v1/users/${id}/enable`, { method: 'POST', as: ADMIN });
    expect((await enabled.json()).status).toBe('active');
    expect((await login(email, password)).status).toBe(200);
    expect((await auditRows(id)).map((r) => r.action)).toEqual([
      'user.invite',
      'user.disable',
      'user.enable',
    ]);
  });

  it('the session check itself refuses a disabled account, even with its session row still there', async () => {
    const { id, email, password } = await invite();
    const session = cookieFrom(await login(email, password));
    // disabled behind the API's back: no session was deleted
    await sql`update users set disabled_at = now() where user_id = ${id}`.execute(t.handle.db);
    const res = await t.app.request('/api/v1/me', { headers: { cookie: session } });
    expect(res.status).toBe(401);
  });

  it('an admin cannot disable themselves, nor the district’s last active admin', async () => {
    const self = await t.request(`/api/v1/users/${userId(ADMIN)}/disable`, { method: 'POST', as: ADMIN });
    expect(self.status).toBe(409);
    expect((await self.json()).error.code).toBe('cannot_disable_self');

    // a second admin demotes the demo admin (whose session lives on: a role change ends no session), and is
    // then the district's last admin: it cannot take that role from itself
    const second = await invite([{ role: 'district_admin' }]);
    const cookie = await changeInitialPassword(
      cookieFrom(await login(second.email, second.password)),
      second.password,
    );
    const asSecond = (path: string, init: RequestInit = {}) =>
      t.app.request(path, {
        ...init,
        headers: { cookie, 'content-type': 'application/json', ...init.headers },
      });
    const firstAdmin = await (await asSecond(`/api/v1/users/${userId(ADMIN)}`)).json();
    const firstMembership = firstAdmin.memberships.find(
      (m: { role: string }) => m.role === 'district_admin',
    ).id;
    const demote = await asSecond(`/api/v1/users/${userId(ADMIN)}/memberships/${firstMembership}`, {
      method: 'PUT',
      body: json({ role: 'district_viewer' }),
    });
    expect(demote.status).toBe(200);
    const adminMembership = (await (await asSecond(`/api/v1/users/${second.id}`)).json()).memberships[0].id;
    const last = await asSecond(`/api/v1/users/${second.id}/memberships/${adminMembership}`, {
      method: 'DELETE',
    });
    expect(last.status).toBe(409);
    expect((await last.json()).error.code).toBe('last_district_admin');
    const demoteLast = await asSecond(`/api/v1/users/${second.id}/memberships/${adminMembership}`, {
      method: 'PUT',
      headers: { 'Accept-Language': 'en' },
      body: json({ role: 'district_viewer' }),
    });
    expect(demoteLast.status).toBe(409);
    expect((await demoteLast.json()).error.message).toMatch(/last active admin/);
    // restored: with two admins again, the demo admin may disable the second
    const restore = await asSecond(`/api/v1/users/${userId(ADMIN)}/memberships/${firstMembership}`, {
      method: 'PUT',
      body: json({ role: 'district_admin' }),
    });
    expect(restore.status).toBe(200);
    const disable = await t.request(`/api/v1/users/${second.id}/disable`, { method: 'POST', as: ADMIN });
    expect(disable.status).toBe(200);
    expect((await auditRows(userId(ADMIN))).map((r) => r.action)).toEqual([
      'membership.update',
      'membership.update',
    ]);
  });
});

describe('resetting a password', () => {
  it('answers a new initial password once, ends the account’s sessions, and the old password stops working', async () => {
    const { id, email, password } = await invite();
    const session = cookieFrom(await login(email, password));
    const res = await t.request(`/api/v1/users/${id}/reset-password`, { method: 'POST', as: ADMIN });
    expect(res.status).toBe(200);
    const { initialPassword, user } = await res.json();
    expect(initialPassword).not.toBe(password);
    expect(user.id).toBe(id);
    expect((await t.app.request('/api/v1/me', { headers: { cookie: session } })).status).toBe(401);
    expect((await login(email, password)).status).toBe(401);
    expect((await login(email, initialPassword)).status).toBe(200);
    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual(['user.invite', 'user.reset_password']);
    expect(JSON.stringify(rows)).not.toContain(initialPassword);
  });

  it('not one’s own', async () => {
    const res = await t.request(`/api/v1/users/${userId(ADMIN)}/reset-password`, {
      method: 'POST',
      as: ADMIN,
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('cannot_reset_self');
  });
});

describe('memberships', () => {
  it('adds, changes and removes a role; each change audited', async () => {
    const { id } = await invite([{ role: 'district_viewer' }]);
    const added = await t.request(`/api/v1/users/${id}/memberships`, {
      method: 'POST',
      as: ADMIN,
      body: json({ role: 'community_admin', communityId: DEMO_IDS.dukou }),
    });
    expect(added.status).toBe(201);
    const user = await added.json();
    const community = user.memberships.find((m: { role: string }) => m.role === 'community_admin');
    expect(community.communityName).toBe('渡口社区');

    const duplicate = await t.request(`/api/v1/users/${id}/memberships`, {
      method: 'POST',
      as: ADMIN,
      body: json({ role: 'community_admin', communityId: DEMO_IDS.dukou }),
    });
    expect(duplicate.status).toBe(409);
    expect(Object.keys((await duplicate.json()).error.fields)).toEqual(['role']);

    const changed = await t.request(`/api/v1/users/${id}/memberships/${community.id}`, {
      method: 'PUT',
      as: ADMIN,
      body: json({ role: 'community_reporter', communityId: DEMO_IDS.dukou }),
    });
    expect(changed.status).toBe(200);
    const bad = await t.request(`/api/v1/users/${id}/memberships/${community.id}`, {
      method: 'PUT',
      as: ADMIN,
      headers: { 'Accept-Language': 'en' },
      body: json({ role: 'partner_operator' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual({ partnerId: 'A partner operator role needs a partner' });

    const removed = await t.request(`/api/v1/users/${id}/memberships/${community.id}`, {
      method: 'DELETE',
      as: ADMIN,
    });
    expect(removed.status).toBe(200);
    expect((await removed.json()).memberships.map((m: { role: string }) => m.role)).toEqual([
      'district_viewer',
    ]);
    const gone = await t.request(`/api/v1/users/${id}/memberships/${community.id}`, {
      method: 'DELETE',
      as: ADMIN,
    });
    expect(gone.status).toBe(404);
    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual([
      'user.invite',
      'membership.create',
      'membership.update',
      'membership.delete',
    ]);
    // a role's entry names whose it is and its community, not ids alone
    expect(rows[1]?.after).toMatchObject({
      membershipId: community.id,
      displayName: user.displayName,
      role: 'community_admin',
      communityId: DEMO_IDS.dukou,
      communityName: '渡口社区',
    });
    expect(rows[2]?.after).toMatchObject({ role: 'community_reporter', communityName: '渡口社区' });
  });
});

describe('isolation between districts', () => {
  it('another district’s admin can neither see, disable, reset nor re-role your users: 404, nothing changes', async () => {
    const { id } = await invite();
    const membershipId = (await (await t.request(`/api/v1/users/${id}`, { as: ADMIN })).json()).memberships[0]
      .id;
    await t.cookieOf(XIQU_ADMIN); // logged in before the snapshot: a login stamps last_login_at
    const before = await sql<{ h: string }>`
      select md5(string_agg(u::text, '|' order by u.user_id)) as h from users u`.execute(t.handle.db);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/users/${id}`],
      ['POST', `/api/v1/users/${id}/disable`],
      ['POST', `/api/v1/users/${id}/enable`],
      ['POST', `/api/v1/users/${id}/reset-password`],
      ['POST', `/api/v1/users/${id}/memberships`, { role: 'district_viewer' }],
      ['PUT', `/api/v1/users/${id}/memberships/${membershipId}`, { role: 'district_viewer' }],
      ['DELETE', `/api/v1/users/${id}/memberships/${membershipId}`],
      // and the platform operator, who is no district's user
      ['POST', `/api/v1/users/${userId('platform@gongfu.demo')}/disable`],
    ];
    for (const [method, path, body] of calls) {
      const res = await t.request(path, { method, as: XIQU_ADMIN, ...(body ? { body: json(body) } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const mine = await (await t.request('/api/v1/users', { as: XIQU_ADMIN })).json();
    expect(mine.items.map((u: { id: string }) => u.id)).not.toContain(id);
    const after = await sql<{ h: string }>`
      select md5(string_agg(u::text, '|' order by u.user_id)) as h from users u`.execute(t.handle.db);
    expect(after.rows).toEqual(before.rows);
    expect((await auditRows(id)).map((r) => r.action)).toEqual(['user.invite']);
  });

  it('a role cannot point at another district’s community or partner', async () => {
    const res = await t.request('/api/v1/users', {
      method: 'POST',
      as: XIQU_ADMIN,
      body: json({
        displayName: '越界',
        email: 'cross@xiqu.test',
        memberships: [{ role: 'partner_operator', partnerId: DEMO_IDS.soe }],
      }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ 'memberships.0.partnerId': '合作方不存在' });
  });
});

describe('the platform', () => {
  const PLATFORM = 'platform@gongfu.demo';

  it('creates a district and its first admin, who logs in and administers it', async () => {
    const res = await t.request('/api/v1/platform/districts', {
      method: 'POST',
      as: PLATFORM,
      body: json({
        name: '攀枝花市仁和区',
        adminCode: '510411',
        admin: { displayName: '仁和区管理员', email: 'Admin@Renhe.test' },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = await res.json();
    expect(created.admin.email).toBe('admin@renhe.test');
    const first = await login('admin@renhe.test', created.initialPassword);
    expect(first.status).toBe(200);
    const me = await first.json();
    expect(me.memberships).toEqual([
      expect.objectContaining({
        role: 'district_admin',
        districtId: created.district.id,
        districtName: '攀枝花市仁和区',
      }),
    ]);
    expect(me.user.mustChangePassword).toBe(true);
    const cookie = await changeInitialPassword(cookieFrom(first), created.initialPassword);
    const users = await (await t.app.request('/api/v1/users', { headers: { cookie } })).json();
    expect(users.items.map((u: { email: string }) => u.email)).toEqual(['admin@renhe.test']);
    const list = await (await t.request('/api/v1/platform/districts', { as: PLATFORM })).json();
    expect(list.items.map((d: { name: string }) => d.name)).toContain('攀枝花市仁和区');
    const audit = await sql<{ action: string }>`
      select action from audit_log where district_id = ${created.district.id} order by created_at, action`.execute(
      t.handle.db,
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['district.create', 'user.invite']);
  });

  it('writes nothing half: a taken login leaves no district behind', async () => {
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from districts`.execute(t.handle.db)).rows[0]?.n;
    const before = await count();
    const res = await t.request('/api/v1/platform/districts', {
      method: 'POST',
      as: PLATFORM,
      headers: { 'Accept-Language': 'en' },
      body: json({ name: '重复区', admin: { displayName: 'x', email: ADMIN } }),
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields).toEqual({ 'admin.email': 'This login email is already in use' });
    expect(await count()).toBe(before);
  });

  it('only the platform operator lists and creates districts', async () => {
    for (const email of [ADMIN, 'viewer@dongqu.demo', 'jinhui@dongqu.demo', 'soe@dongqu.demo']) {
      expect((await t.request('/api/v1/platform/districts', { as: email })).status).toBe(403);
      const res = await t.request('/api/v1/platform/districts', {
        method: 'POST',
        as: email,
        body: json({ name: '越权区', admin: { displayName: 'x', email: 'x@x.test' } }),
      });
      expect(res.status).toBe(403);
    }
    const bad = await t.request('/api/v1/platform/districts', {
      method: 'POST',
      as: PLATFORM,
      body: json({ name: ' ', adminCode: '12', admin: { displayName: 'x', email: 'nope' } }),
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['admin.email', 'adminCode', 'name']);
  });
});
