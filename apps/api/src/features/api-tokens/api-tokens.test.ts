/**
 * API tokens (issue 15, ADR 0026) on the real app and database: created once and shown once, stored hashed, acting
 * as the creator's membership only for the operations of its scopes, refused when revoked, expired, its user
 * disabled or its membership removed, rate limited, and named in the audit trail.
 */
import { DEMO_IDS } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { monthsAgo, VENTURES } from '../reports/test-helpers';

const JINHUI = 'jinhui@dongqu.demo';
const WANG = 'wangjiangjie@dongqu.demo';
const ADMIN = 'admin@dongqu.demo';
const REPORTER = 'reporter@jinhui.demo';
const SOE = 'soe@dongqu.demo';
const ALL = ['report:write', 'report:read', 'register:read'];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ apiTokenRateLimit: { requests: 1000, windowMs: 60_000 } });
});
afterAll(async () => t?.close());

async function createToken(as: string, body: Record<string, unknown>) {
  const res = await t.request('/api/v1/api-tokens', { method: 'POST', as, body: JSON.stringify(body) });
  return { res, body: await res.json() };
}

async function tokenOf(as: string, name: string, scopes = ALL) {
  const { res, body } = await createToken(as, { name, scopes, expiresInDays: 30 });
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body as { token: string; apiToken: { id: string; name: string } };
}

function withToken(token: string, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  if (init.body) headers.set('content-type', 'application/json');
  return t.app.request(path, { ...init, headers });
}

const post = (token: string, path: string, body?: unknown) =>
  withToken(token, path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('creating and listing', () => {
  it('a community admin creates a token: shown once, stored as a hash, listed without it', async () => {
    const { res, body } = await createToken(JINHUI, {
      name: '金汇 财务系统',
      scopes: ['report:write', 'report:read'],
      expiresInDays: 90,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(body.token).toMatch(/^gft_[0-9a-f]{32}_[a-z2-7]{32}$/);
    expect(body.apiToken).toMatchObject({
      name: '金汇 财务系统',
      scopes: ['report:write', 'report:read'],
      communityId: DEMO_IDS.jinhui,
      partnerId: null,
      lastUsedAt: null,
      status: 'active',
    });
    const stored = await sql<{ secret_hash: Uint8Array; hex: string }>`
      select secret_hash, encode(secret_hash, 'hex') as hex from api_tokens where token_id = ${body.apiToken.id}`.execute(
      t.handle.db,
    );
    const secret = (body.token as string).slice(-32);
    expect(stored.rows[0]?.hex).toHaveLength(64);
    expect(stored.rows[0]?.hex).not.toContain(Buffer.from(secret).toString('hex'));
    const list = await t.request('/api/v1/api-tokens', { as: JINHUI });
    const listed = (await list.json()).items.find((i: { id: string }) => i.id === body.apiToken.id);
    expect(listed).toMatchObject({ name: '金汇 财务系统', createdByName: expect.any(String) });
    expect(
      JSON.stringify(await (await t.request('/api/v1/api-tokens', { as: JINHUI })).json()),
    ).not.toContain(secret);
  });

  it('only community admins and partner operators create; bad input names the field, in the language asked', async () => {
    for (const who of [ADMIN, REPORTER, 'viewer@dongqu.demo', 'platform@gongfu.demo']) {
      const { res } = await createToken(who, { name: 'x', scopes: ['report:read'], expiresInDays: 1 });
      expect(res.status, who).toBe(403);
    }
    const { res, body } = await createToken(JINHUI, { name: '', scopes: ['approve'], expiresInDays: 400 });
    expect(res.status).toBe(400);
    expect(Object.keys(body.error.fields).sort()).toEqual(['expiresInDays', 'name', 'scopes.0']);
    const en = await t.request('/api/v1/api-tokens', {
      method: 'POST',
      as: JINHUI,
      headers: { 'accept-language': 'en' },
      body: JSON.stringify({ name: 'x', scopes: [], expiresInDays: 1 }),
    });
    expect(en.status).toBe(400);
    expect((await en.json()).error.fields.scopes).toMatch(/[a-z]/i);
  });

  it('a community sees its own tokens, the district all of its own, other communities none', async () => {
    const own = await tokenOf(JINHUI, '金汇 列表');
    const ids = async (as: string) =>
      ((await (await t.request('/api/v1/api-tokens', { as })).json()).items ?? []).map(
        (i: { id: string }) => i.id,
      );
    expect(await ids(JINHUI)).toContain(own.apiToken.id);
    expect(await ids(ADMIN)).toContain(own.apiToken.id);
    expect(await ids(WANG)).not.toContain(own.apiToken.id);
    expect(await ids(SOE)).not.toContain(own.apiToken.id);
    expect(await ids('admin@xiqu.demo')).not.toContain(own.apiToken.id);
  });
});

describe('a token at work', () => {
  it('creates and submits a monthly report, reads it back, and the audit trail names the token', async () => {
    const { token, apiToken } = await tokenOf(JINHUI, '金汇 ERP');
    const month = monthsAgo(2);
    const created = await post(token, '/api/v1/reports', {
      ventureId: VENTURES.tidalMarket,
      month,
      revenueFen: 2_600_000,
      operatingCostFen: 600_000,
      stableJobs: 6,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const report = await created.json();
    const patched = await withToken(token, `/api/v1/reports/${report.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ version: report.version, stableJobs: 7 }),
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    const submitted = await post(token, `/api/v1/reports/${report.id}/submit`);
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    expect((await submitted.json()).status).toBe('submitted');
    const read = await withToken(token, `/api/v1/reports/${report.id}`);
    expect(read.status).toBe(200);

    const audit = await sql<{
      action: string;
      actor_user_id: string;
      api_token_id: string;
      api_token_name: string;
    }>`
      select action, actor_user_id, api_token_id, api_token_name from audit_log
       where entity_id = ${report.id} order by created_at`.execute(t.handle.db);
    expect(audit.rows.length).toBeGreaterThanOrEqual(3);
    for (const row of audit.rows) {
      expect(row).toMatchObject({ api_token_id: apiToken.id, api_token_name: '金汇 ERP' });
    }
    const creator = await sql<{ user_id: string }>`select user_id from users where email = ${JINHUI}`.execute(
      t.handle.db,
    );
    expect(audit.rows[0]?.actor_user_id).toBe(creator.rows[0]?.user_id);
    // a session's own changes carry no token
    const bySession = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'api_token.create' and api_token_id is not null`.execute(
      t.handle.db,
    );
    expect(bySession.rows[0]?.n).toBe(0);

    // the audit log's own route says so too (the admin's 审计日志 shows it beside the actor)
    const trail = await (
      await t.request(`/api/v1/audit?entityType=monthly_report&limit=200`, { as: JINHUI })
    ).json();
    const mine = trail.items.filter((e: { entityId: string }) => e.entityId === report.id);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(new Set(mine.map((e: { apiTokenName: string }) => e.apiTokenName))).toEqual(new Set(['金汇 ERP']));

    const used = (await (await t.request('/api/v1/api-tokens', { as: JINHUI })).json()).items.find(
      (i: { id: string }) => i.id === apiToken.id,
    );
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('sees exactly its creator’s reach: a community’s reports and register, a partner’s ventures', async () => {
    const community = await tokenOf(JINHUI, '金汇 只读');
    const reports = await (await withToken(community.token, '/api/v1/reports')).json();
    expect(reports.items.length).toBeGreaterThan(0);
    expect(new Set(reports.items.map((r: { communityId: string }) => r.communityId))).toEqual(
      new Set([DEMO_IDS.jinhui]),
    );
    const ventures = await (await withToken(community.token, '/api/v1/ventures')).json();
    expect(new Set(ventures.items.map((v: { communityId: string }) => v.communityId))).toEqual(
      new Set([DEMO_IDS.jinhui]),
    );
    const foreign = await withToken(community.token, `/api/v1/ventures/${VENTURES.readingRoom}`);
    expect(foreign.status).toBe(404);

    const partner = await tokenOf(SOE, '国企 运营系统');
    expect(partner.apiToken).toMatchObject({ partnerId: DEMO_IDS.soe, communityId: null });
    const operated = await (await withToken(partner.token, '/api/v1/reports')).json();
    expect(new Set(operated.items.map((r: { ventureId: string }) => r.ventureId))).toEqual(
      new Set([VENTURES.tidalMarket]),
    );
  });

  it('cannot approve, return, lock, pay out, manage users or tokens, or export: 403 and nothing changes', async () => {
    const { token } = await tokenOf(JINHUI, '金汇 越权');
    const report = await sql<{ report_id: string }>`
      select report_id from monthly_reports where community_id = ${DEMO_IDS.jinhui} limit 1`.execute(
      t.handle.db,
    );
    const id = report.rows[0]?.report_id as string;
    const before = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.handle.db);
    const refused: Array<[string, string, unknown?]> = [
      ['POST', `/api/v1/reports/${id}/approve`, {}],
      ['POST', `/api/v1/reports/${id}/return`, { comment: 'x' }],
      ['POST', `/api/v1/reports/${id}/lock`, {}],
      ['POST', `/api/v1/reports/${id}/amend`, {}],
      ['POST', '/api/v1/reports/locks', { month: '2026-01' }],
      ['POST', `/api/v1/proposals/${id}/payouts`, {}],
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users', {}],
      ['GET', '/api/v1/api-tokens'],
      ['POST', '/api/v1/api-tokens', { name: 'x', scopes: ['report:read'], expiresInDays: 1 }],
      ['GET', '/api/v1/funds'],
      ['GET', '/api/v1/audit'],
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/exports/reports?format=csv'],
      ['POST', '/api/v1/auth/logout'],
    ];
    for (const [method, path, body] of refused) {
      const res = await withToken(token, path, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await res.json()).error.code).toBe('api_token_route_not_allowed');
    }
    const after = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.handle.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('an operation outside the token’s scopes is 403 naming the scope', async () => {
    const { token } = await tokenOf(JINHUI, '金汇 只写', ['report:write']);
    const res = await withToken(token, '/api/v1/reports', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: 'api_token_scope_missing' });
    const register = await withToken(token, '/api/v1/ventures');
    expect(register.status).toBe(403);
  });
});

describe('refused tokens', () => {
  const invalid = async (token: string) => {
    const res = await withToken(token, '/api/v1/reports');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await res.json()).error.code).toBe('api_token_invalid');
  };

  it('malformed, unknown, or with a wrong secret: 401', async () => {
    const { token } = await tokenOf(JINHUI, '金汇 错误');
    await invalid('nonsense');
    await invalid(`${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`);
    await invalid(`gft_${'0'.repeat(32)}_${'a'.repeat(32)}`);
    const basic = await t.app.request('/api/v1/reports', { headers: { authorization: 'Basic eDp5' } });
    expect(basic.status).toBe(401);
  });

  it('revoked: refused at once; revoking is audited; another community cannot revoke it', async () => {
    const { token, apiToken } = await tokenOf(JINHUI, '金汇 撤销');
    expect((await withToken(token, '/api/v1/reports')).status).toBe(200);
    const foreign = await t.request(`/api/v1/api-tokens/${apiToken.id}/revoke`, { method: 'POST', as: WANG });
    expect(foreign.status).toBe(404);
    expect((await withToken(token, '/api/v1/reports')).status).toBe(200);
    const revoked = await t.request(`/api/v1/api-tokens/${apiToken.id}/revoke`, {
      method: 'POST',
      as: JINHUI,
    });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).status).toBe('revoked');
    await invalid(token);
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'api_token.revoke' and entity_id = ${apiToken.id}`.execute(
      t.handle.db,
    );
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('the district admin revokes a community’s token', async () => {
    const { token, apiToken } = await tokenOf(JINHUI, '金汇 区撤销');
    const res = await t.request(`/api/v1/api-tokens/${apiToken.id}/revoke`, { method: 'POST', as: ADMIN });
    expect(res.status).toBe(200);
    await invalid(token);
  });

  it('expired: 401', async () => {
    const { token, apiToken } = await tokenOf(JINHUI, '金汇 过期');
    expect((await withToken(token, '/api/v1/reports')).status).toBe(200);
    await sql`update api_tokens set expires_at = now() - interval '1 second' where token_id = ${apiToken.id}`.execute(
      t.handle.db,
    );
    await invalid(token);
    const listed = (await (await t.request('/api/v1/api-tokens', { as: JINHUI })).json()).items.find(
      (i: { id: string }) => i.id === apiToken.id,
    );
    expect(listed.status).toBe('expired');
  });

  it('the creator’s membership removed or the account disabled: the token stops working', async () => {
    // an account of its own, so the demo accounts stay as they are
    const invited = await t.request('/api/v1/users', {
      method: 'POST',
      as: ADMIN,
      body: JSON.stringify({
        displayName: '令牌测试 管理员',
        email: 'token-owner@test.invalid',
        memberships: [{ role: 'community_admin', communityId: DEMO_IDS.jinhui }],
      }),
    });
    expect(invited.status, await invited.clone().text()).toBe(201);
    const { user, initialPassword } = await invited.json();
    const login = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'token-owner@test.invalid', password: initialPassword }),
    });
    expect(login.status).toBe(200);
    // an invited account changes its initial password before anything else (ADR 0025)
    const changed = await t.app.request('/api/v1/auth/password', {
      method: 'POST',
      headers: {
        cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ currentPassword: initialPassword, newPassword: 'token-owner-2026' }),
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const cookie = (changed.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const created = await t.app.request('/api/v1/api-tokens', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '临时', scopes: ['report:read'], expiresInDays: 5 }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { token } = await created.json();
    expect((await withToken(token, '/api/v1/reports')).status).toBe(200);

    const disabled = await t.request(`/api/v1/users/${user.id}/disable`, { method: 'POST', as: ADMIN });
    expect(disabled.status).toBe(200);
    await invalid(token);
    const enabled = await t.request(`/api/v1/users/${user.id}/enable`, { method: 'POST', as: ADMIN });
    expect(enabled.status).toBe(200);
    expect((await withToken(token, '/api/v1/reports')).status).toBe(200);

    const membershipId = user.memberships[0].id;
    // a second membership first: the last one cannot be removed
    const added = await t.request(`/api/v1/users/${user.id}/memberships`, {
      method: 'POST',
      as: ADMIN,
      body: JSON.stringify({ role: 'community_reporter', communityId: DEMO_IDS.wangjiangjie }),
    });
    expect(added.status, await added.clone().text()).toBe(201);
    const removed = await t.request(`/api/v1/users/${user.id}/memberships/${membershipId}`, {
      method: 'DELETE',
      as: ADMIN,
    });
    expect(removed.status, await removed.clone().text()).toBeLessThan(300);
    await invalid(token);
  });
});

describe('a cookie beside a bearer', () => {
  it('the cookie is ignored: a district admin’s session cannot lend a token its rights', async () => {
    const { token } = await tokenOf(JINHUI, '金汇 混合');
    const cookie = await t.cookieOf(ADMIN);
    const both = (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      headers.set('authorization', `Bearer ${token}`);
      if (init.body) headers.set('content-type', 'application/json');
      return t.app.request(path, { ...init, headers });
    };
    expect((await both('/api/v1/users')).status).toBe(403);
    const reports = await (await both('/api/v1/reports')).json();
    expect(new Set(reports.items.map((r: { communityId: string }) => r.communityId))).toEqual(
      new Set([DEMO_IDS.jinhui]),
    );
    const submitted = await sql<{ report_id: string }>`
      select report_id from monthly_reports where status = 'submitted' and community_id = ${DEMO_IDS.jinhui} limit 1`.execute(
      t.handle.db,
    );
    const id = submitted.rows[0]?.report_id;
    expect(id).toBeDefined();
    expect((await both(`/api/v1/reports/${id}/approve`, { method: 'POST', body: '{}' })).status).toBe(403);
    // an invalid bearer does not fall back to the cookie
    const fallback = await t.app.request('/api/v1/reports', {
      headers: { cookie, authorization: 'Bearer gft_nothing' },
    });
    expect(fallback.status).toBe(401);
    // and the membership header cannot move a token to another membership
    const moved = await withToken(token, '/api/v1/reports', {
      headers: { 'x-gongfu-membership': '00000000-0000-4000-8000-000000000001' },
    });
    expect(moved.status).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('declares the bearer scheme on exactly the operations a token may call', async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json();
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const securityOf = (path: string, method: string) =>
      (doc.paths[path][method].security as Array<Record<string, unknown>>).flatMap((s) => Object.keys(s));
    expect(securityOf('/v1/reports', 'post')).toEqual(['sessionCookie', 'apiToken']);
    expect(doc.paths['/v1/reports'].post['x-api-token-scope']).toBe('report:write');
    expect(securityOf('/v1/reports/{id}/submit', 'post')).toContain('apiToken');
    expect(securityOf('/v1/ventures', 'get')).toContain('apiToken');
    expect(doc.paths['/v1/reports'].post.responses['429'].headers['Retry-After']).toBeDefined();
    for (const [path, method] of [
      ['/v1/reports/{id}/approve', 'post'],
      ['/v1/users', 'get'],
      ['/v1/api-tokens', 'post'],
      ['/v1/proposals/{id}/payouts', 'post'],
    ] as const) {
      expect(securityOf(path, method), `${method} ${path}`).toEqual(['sessionCookie']);
    }
  });
});

describe('rate limit', () => {
  it('over its limit a token gets 429 with Retry-After, in the error shape; other tokens go on', async () => {
    const limited = await createTestApp({ apiTokenRateLimit: { requests: 3, windowMs: 60_000 } });
    try {
      const login = await limited.cookieOf(JINHUI);
      const make = async (name: string) => {
        const res = await limited.app.request('/api/v1/api-tokens', {
          method: 'POST',
          headers: { cookie: login, 'content-type': 'application/json' },
          body: JSON.stringify({ name, scopes: ['report:read'], expiresInDays: 1 }),
        });
        return (await res.json()).token as string;
      };
      const first = await make('一');
      const second = await make('二');
      const get = (token: string, lang = 'zh-CN') =>
        limited.app.request('/api/v1/reports', {
          headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
        });
      for (let i = 0; i < 3; i++) expect((await get(first)).status).toBe(200);
      const over = await get(first, 'en');
      expect(over.status).toBe(429);
      const retry = Number(over.headers.get('retry-after'));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      const body = await over.json();
      expect(body.error.code).toBe('api_token_rate_limited');
      expect(body.error.message).toContain(`${retry} seconds`);
      expect((await get(second)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('a token for one venture (migration 2026-12-07T1000)', () => {
  const count = async (table: 'api_tokens' | 'audit_log' | 'monthly_reports') =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.handle.db))
      .rows[0]?.n;

  it('is created for a venture the creator sees; another community’s or district’s venture names the field, nothing written', async () => {
    const before = await count('api_tokens');
    const auditBefore = await count('audit_log');
    for (const venture of [
      VENTURES.tidalMarket,
      VENTURES.xiquCanteen,
      '00000000-0000-4000-8000-0000000000aa',
    ]) {
      const { res, body } = await createToken(WANG, {
        name: '望江街 他人项目',
        scopes: ['report:read'],
        expiresInDays: 1,
        ventureId: venture,
      });
      expect(res.status, venture).toBe(400);
      expect(body.error.code).toBe('validation_failed');
      expect(Object.keys(body.error.fields)).toEqual(['ventureId']);
    }
    // the SOE operates Jinhui's tidal market only
    const { res, body } = await createToken(SOE, {
      name: '国企 他人项目',
      scopes: ['report:read'],
      expiresInDays: 1,
      ventureId: VENTURES.readingRoom,
    });
    expect(res.status).toBe(400);
    expect(Object.keys(body.error.fields)).toEqual(['ventureId']);
    expect(await count('api_tokens')).toBe(before);
    expect(await count('audit_log')).toBe(auditBefore);

    const created = await createToken(WANG, {
      name: '望江街 书屋系统',
      scopes: ALL,
      expiresInDays: 30,
      ventureId: VENTURES.readingRoom,
    });
    expect(created.res.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.apiToken).toMatchObject({
      ventureId: VENTURES.readingRoom,
      ventureName: expect.any(String),
      communityId: DEMO_IDS.wangjiangjie,
    });
    const listed = (await (await t.request('/api/v1/api-tokens', { as: ADMIN })).json()).items.find(
      (i: { id: string }) => i.id === created.body.apiToken.id,
    );
    expect(listed).toMatchObject({
      ventureId: VENTURES.readingRoom,
      ventureName: created.body.apiToken.ventureName,
    });
    const partner = await createToken(SOE, {
      name: '国企 潮汐市场',
      scopes: ['report:read'],
      expiresInDays: 1,
      ventureId: VENTURES.tidalMarket,
    });
    expect(partner.res.status).toBe(201);
    expect(partner.body.apiToken).toMatchObject({ partnerId: DEMO_IDS.soe, ventureId: VENTURES.tidalMarket });
  });

  it('lists and reads its venture only; cannot report for another venture of its community, nothing written', async () => {
    const whole = await tokenOf(WANG, '望江街 全部');
    const { body } = await createToken(WANG, {
      name: '望江街 书屋',
      scopes: ALL,
      expiresInDays: 30,
      ventureId: VENTURES.readingRoom,
    });
    const one = body.token as string;
    const items = async (token: string, path: string) => {
      const res = await withToken(token, path);
      expect(res.status, path).toBe(200);
      return (await res.json()).items as Array<{ ventureId?: string; id: string }>;
    };
    const venturesOf = async (token: string, path: string) =>
      new Set((await items(token, path)).map((i) => i.ventureId ?? i.id));
    const month = monthsAgo(1);
    // the community's token reports for the service station, the venture's token for its reading room
    const station = await post(whole.token, '/api/v1/reports', {
      ventureId: VENTURES.serviceStation,
      month,
      revenueFen: 100_000,
    });
    expect(station.status, await station.clone().text()).toBe(201);
    const stationReport = (await station.json()) as { id: string; version: number };
    const room = await post(one, '/api/v1/reports', {
      ventureId: VENTURES.readingRoom,
      month,
      revenueFen: 50_000,
    });
    expect(room.status, await room.clone().text()).toBe(201);

    // the positive control: the community's token reaches both ventures of 望江街 and their reports
    const communityVentures = await venturesOf(whole.token, '/api/v1/ventures');
    expect(communityVentures.has(VENTURES.readingRoom)).toBe(true);
    expect(communityVentures.has(VENTURES.serviceStation)).toBe(true);
    const communityReports = await venturesOf(whole.token, '/api/v1/reports?pageSize=500');
    expect(communityReports.has(VENTURES.readingRoom)).toBe(true);
    expect(communityReports.has(VENTURES.serviceStation)).toBe(true);
    // the venture's token: that venture alone
    expect(await venturesOf(one, '/api/v1/ventures')).toEqual(new Set([VENTURES.readingRoom]));
    expect(await venturesOf(one, '/api/v1/reports?pageSize=500')).toEqual(new Set([VENTURES.readingRoom]));
    expect(await items(one, `/api/v1/reports?ventureId=${VENTURES.serviceStation}`)).toEqual([]);
    expect((await withToken(one, `/api/v1/ventures/${VENTURES.serviceStation}`)).status).toBe(404);
    expect((await withToken(one, `/api/v1/reports/${stationReport.id}`)).status).toBe(404);

    const reportsBefore = await count('monthly_reports');
    const auditBefore = await count('audit_log');
    const refused = await post(one, '/api/v1/reports', {
      ventureId: VENTURES.serviceStation,
      month: monthsAgo(2),
      revenueFen: 100_000,
    });
    expect(refused.status).toBe(404);
    const edit = await withToken(one, `/api/v1/reports/${stationReport.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ version: stationReport.version, stableJobs: 99 }),
    });
    expect(edit.status).toBe(404);
    expect((await post(one, `/api/v1/reports/${stationReport.id}/submit`)).status).toBe(404);
    expect(await count('monthly_reports')).toBe(reportsBefore);
    expect(await count('audit_log')).toBe(auditBefore);
    const untouched = await sql<{ status: string; stable_jobs: number }>`
      select status, stable_jobs from monthly_reports where report_id = ${stationReport.id}`.execute(
      t.handle.db,
    );
    expect(untouched.rows[0]).toMatchObject({ status: 'draft' });
    expect(untouched.rows[0]?.stable_jobs).not.toBe(99);
  });
});

describe('Idempotency-Key on a token’s writes', () => {
  /** a venture of Jinhui with no report yet, so each test's first create is a 201 */
  async function freshVenture(name: string): Promise<string> {
    const r = await sql<{ venture_id: string }>`
      insert into ventures (district_id, community_id, name, category)
      values (${DEMO_IDS.dongqu}, ${DEMO_IDS.jinhui}, ${name}, 'other') returning venture_id`.execute(
      t.handle.db,
    );
    return r.rows[0]?.venture_id as string;
  }
  const reportsOf = async (ventureId: string) =>
    (
      await sql<{ n: number }>`
        select count(*)::int as n from monthly_reports where venture_id = ${ventureId}`.execute(t.handle.db)
    ).rows[0]?.n;
  const keyed = (token: string, key: string, body: unknown) =>
    withToken(token, '/api/v1/reports', {
      method: 'POST',
      headers: { 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  const sessionKeyed = (key: string, body: unknown) =>
    t.request('/api/v1/reports', {
      method: 'POST',
      as: JINHUI,
      headers: { 'idempotency-key': key },
      body: JSON.stringify(body),
    });

  it('a retried submit gets the first answer back and writes once; another body is refused as for a session', async () => {
    const { token } = await tokenOf(JINHUI, '金汇 重试');
    const ventureId = await freshVenture('幂等测试 甲');
    const body = { ventureId, month: monthsAgo(1), revenueFen: 1_234_500, stableJobs: 3 };
    const first = await keyed(token, 'erp-2026-retry', body);
    expect(first.status, await first.clone().text()).toBe(201);
    const again = await keyed(token, 'erp-2026-retry', body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const firstBody = await first.json();
    expect(await again.json()).toEqual(firstBody);
    expect(await reportsOf(ventureId)).toBe(1);
    const events = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where entity_type = 'monthly_report' and entity_id = ${firstBody.id}`.execute(
      t.handle.db,
    );
    expect(events.rows[0]?.n).toBe(1);

    // the same key with another body: what a session gets for the same mistake
    const changed = await keyed(token, 'erp-2026-retry', { ...body, revenueFen: 1 });
    const sessionVenture = await freshVenture('幂等测试 乙');
    const sessionBody = { ...body, ventureId: sessionVenture };
    expect((await sessionKeyed('session-retry', sessionBody)).status).toBe(201);
    const sessionChanged = await sessionKeyed('session-retry', { ...sessionBody, revenueFen: 1 });
    expect(sessionChanged.status).toBe(422);
    expect(changed.status).toBe(422);
    expect((await changed.json()).error.code).toBe((await sessionChanged.json()).error.code);
    expect(await reportsOf(ventureId)).toBe(1);
  });

  it('another token, or the creator’s session, with the same key gets its own answer', async () => {
    const a = await tokenOf(JINHUI, '金汇 甲');
    const b = await tokenOf(JINHUI, '金汇 乙');
    const ventureId = await freshVenture('幂等测试 丙');
    const body = { ventureId, month: monthsAgo(1), revenueFen: 2_000_000 };
    const first = await keyed(a.token, 'shared-key', body);
    expect(first.status, await first.clone().text()).toBe(201);
    // b's own answer to the same request: the report exists now (409), not a's stored 201
    const second = await keyed(b.token, 'shared-key', body);
    expect(second.status).toBe(409);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect((await second.json()).error.code).toBe('report_exists');
    // nor is the creator's session answered from a token's store
    const session = await sessionKeyed('shared-key', body);
    expect(session.status).toBe(409);
    expect(session.headers.get('idempotent-replayed')).toBeNull();
    // each one's retry replays its own first answer
    const againA = await keyed(a.token, 'shared-key', body);
    expect(againA.status).toBe(201);
    expect(againA.headers.get('idempotent-replayed')).toBe('true');
    const againB = await keyed(b.token, 'shared-key', body);
    expect(againB.status).toBe(409);
    expect(againB.headers.get('idempotent-replayed')).toBe('true');
    expect(await reportsOf(ventureId)).toBe(1);
    const stored = await sql<{ api_token_id: string }>`
      select api_token_id from idempotency_keys where idempotency_key = 'shared-key'`.execute(t.handle.db);
    expect(stored.rows.map((r) => r.api_token_id).sort()).toEqual(
      [a.apiToken.id, b.apiToken.id, '00000000-0000-0000-0000-000000000000'].sort(),
    );
  });

  it('a revoked token’s retry is refused, not replayed; a malformed key is 400', async () => {
    const { token, apiToken } = await tokenOf(JINHUI, '金汇 撤销重试');
    const body = { ventureId: await freshVenture('幂等测试 丁'), month: monthsAgo(1), revenueFen: 1 };
    expect((await keyed(token, 'bad key!', body)).status).toBe(400);
    expect((await keyed(token, 'revoked-key', body)).status).toBe(201);
    await t.request(`/api/v1/api-tokens/${apiToken.id}/revoke`, { method: 'POST', as: JINHUI });
    const again = await keyed(token, 'revoked-key', body);
    expect(again.status).toBe(401);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });
});
