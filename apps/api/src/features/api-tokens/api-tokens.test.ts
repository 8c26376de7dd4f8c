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
