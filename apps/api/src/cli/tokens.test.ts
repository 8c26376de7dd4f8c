/**
 * `pnpm gongfu token list` / `token revoke <id>` on the test database (PGlite, or PostgreSQL with DATABASE_URL): the
 * list shows what the admin screen shows and never a secret; a revoked token stops working on the API at once, and
 * the audit trail says the shell did it.
 */
import { DEMO_IDS } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { OPERATOR_USER_ID } from './main';
import { runCliOn } from './testing';

let t: TestApp;
beforeAll(async () => {
  process.env.LANG = 'en_US.UTF-8';
  t = await createTestApp();
});
afterAll(async () => t?.close());

const cli = (...argv: string[]) => runCliOn(t.handle.db, argv);

describe('pnpm gongfu token', () => {
  it('lists the tokens of every district, or of one, without their secrets', async () => {
    const created = await t.request('/api/v1/api-tokens', {
      method: 'POST',
      as: 'jinhui@dongqu.demo',
      body: JSON.stringify({ name: '金汇 ERP', scopes: ['report:write', 'report:read'], expiresInDays: 30 }),
    });
    expect(created.status).toBe(201);
    const { token, apiToken } = await created.json();
    const all = await cli('token', 'list');
    expect(all.status, all.err).toBe(0);
    expect(all.out).toContain(apiToken.id);
    expect(all.out).toContain('金汇 ERP');
    expect(all.out).toContain('report:write,report:read');
    expect(all.out).toContain('active');
    expect(all.out).not.toContain(token.slice(-32));
    const other = await cli('token', 'list', '--district', DEMO_IDS.xiqu);
    expect(other.status, other.err).toBe(0);
    expect(other.out).not.toContain(apiToken.id);
    expect((await cli('token', 'list', '--district', 'nowhere')).status).toBe(2);
    // a token for one venture says which
    const venture = await t.request('/api/v1/api-tokens', {
      method: 'POST',
      as: 'jinhui@dongqu.demo',
      body: JSON.stringify({
        name: '潮汐市场 收银',
        scopes: ['report:write'],
        expiresInDays: 30,
        ventureId: DEMO_IDS.tidalMarket,
      }),
    });
    expect(venture.status, await venture.clone().text()).toBe(201);
    expect((await cli('token', 'list')).out).toMatch(
      /潮汐市场 收银 {2}report:write {2}venture only 金汇潮汐市场 {2}active/,
    );
    const help = await cli('token', 'revoke', '--help');
    expect(help.out).toContain('token revoke <id>');
  });

  it('revokes a token: the API refuses it at once and the audit trail names the shell', async () => {
    const created = await t.request('/api/v1/api-tokens', {
      method: 'POST',
      as: 'soe@dongqu.demo',
      body: JSON.stringify({ name: '国企 系统', scopes: ['report:read'], expiresInDays: 30 }),
    });
    const { token, apiToken } = await created.json();
    const use = () => t.app.request('/api/v1/reports', { headers: { authorization: `Bearer ${token}` } });
    expect((await use()).status).toBe(200);
    const revoked = await cli('token', 'revoke', apiToken.id);
    expect(revoked.status, revoked.err).toBe(0);
    expect(revoked.out).toContain('国企 系统');
    expect((await use()).status).toBe(401);
    expect((await cli('token', 'list')).out).toMatch(new RegExp(`${apiToken.id}.*revoked`));
    const audit = await sql<{ actor_user_id: string; request_id: string }>`
      select actor_user_id, request_id from audit_log where action = 'api_token.revoke' and entity_id = ${apiToken.id}`.execute(
      t.handle.db,
    );
    expect(audit.rows).toEqual([
      { actor_user_id: OPERATOR_USER_ID, request_id: expect.stringMatching(/^cli:token-revoke:/) },
    ]);
    // again: nothing more happens
    expect((await cli('token', 'revoke', apiToken.id)).status).toBe(0);
    const again = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'api_token.revoke' and entity_id = ${apiToken.id}`.execute(
      t.handle.db,
    );
    expect(again.rows[0]?.n).toBe(1);
  });

  it('refuses a malformed or unknown id', async () => {
    const bad = await cli('token', 'revoke', 'not-a-uuid');
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('UUID');
    expect((await cli('token', 'revoke')).status).toBe(2);
    const unknown = await cli('token', 'revoke', '00000000-0000-4000-8000-000000000999');
    expect(unknown.status).toBe(1);
    expect(unknown.err).toContain('no token');
  });
});
