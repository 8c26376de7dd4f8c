/**
 * One transaction per authenticated request (issue 14, ADR 0022): what the API sends for a list request
 * and for a refused session — on every database from the driver's own log of messages, and on
 * PostgreSQL from the server's own counters (pg_stat_database, pg_stat_user_tables), not the app's.
 */
import { hashPassword, LoginThrottle } from '@gongfu/auth';
import { type DatabaseHandle, DEMO_PASSWORD, openDatabase, seedDemo } from '@gongfu/db';
import { createTestDatabase } from '@gongfu/db/testing';
import { sql } from 'kysely';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';

const ADMIN = 'admin@dongqu.demo';
/**
 * the identity tables the session check reads: every other table is a tenant table. api_tokens is one of them:
 * the identity tables' policies hold the API token scope's branch (ADR 0026, in the function form of migration
 * 1200), which looks a token up by app.token_id — empty in a session's check, so it finds none.
 */
const IDENTITY = ['sessions', 'users', 'memberships', 'platform_admins', 'api_tokens'];

const statements: string[] = [];
let handle: DatabaseHandle;
let cookie: string;

function appOn(db: DatabaseHandle) {
  return createApp({
    db: db.db,
    dbKind: db.kind,
    logger: pino({ level: 'silent' }),
    throttle: new LoginThrottle(),
  });
}

beforeAll(async () => {
  handle = await createTestDatabase({ onStatement: (text) => statements.push(text) });
  await seedDemo(handle.db, { hashPassword });
  const res = await appOn(handle).request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});
afterAll(async () => handle?.close());

/** a well-formed token of the same session with another secret */
function forged(): string {
  const [name, token] = cookie.split('=') as [string, string];
  const [id] = token.split('.');
  return `${name}=${id}.${'a'.repeat(32)}`;
}

describe('an authenticated request is one transaction', () => {
  it('a list request sends BEGIN with the session check, the scope, the list, COMMIT — four messages', async () => {
    statements.length = 0;
    const res = await appOn(handle).request('/api/v1/communities', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect((await res.json()).items.length).toBeGreaterThan(0);
    expect(statements).toHaveLength(4);
    const [opening, scope, work, end] = statements as [string, string, string, string];
    // BEGIN rides in the session check's message; the session scope is the narrow identity one, its role set by
    // set_config, which Citus does not replay on the connections the request's scope role opens (ADR 0027)
    expect(opening).toMatch(
      /^begin; select set_config\('role', 'gongfu_app', true\); SET LOCAL app\.scope_kind = 'session'; SET LOCAL app\.session_id = '[a-z2-7]{32}'; select \* from gongfu_session_check\('[a-z2-7]{32}', null::uuid\)$/,
    );
    // then the request's scope in one message: its role by set_config, which Citus does not replay on the
    // check's gongfu_app connections (a two-phase commit prepared there as another role could not be finished),
    // then SET LOCAL statements (what Citus propagates) — on a coordinator two messages (ADR 0027)
    expect(scope).toMatch(
      /^select set_config\('role', 'gongfu_district', true\); SET LOCAL app\.session_id = ''; SET LOCAL app\.scope_kind = 'district'; SET LOCAL app\.user_id = '[0-9a-f-]{36}'; SET LOCAL app\.district_id = '[0-9a-f-]{36}'$/,
    );
    expect(work).toMatch(/from "communities"/);
    expect(end).toBe('commit');
  });

  it('a refused session rolls back after the check: no scope, no tenant statement', async () => {
    statements.length = 0;
    const res = await appOn(handle).request('/api/v1/communities', { headers: { cookie: forged() } });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toMatch(/gongfu_session=;/);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(
      /SET LOCAL app\.session_id = '[a-z2-7]{32}'; select \* from gongfu_session_check\('[a-z2-7]{32}', null::uuid\)$/,
    );
    expect(statements[1]).toBe('rollback');
  });

  it('a malformed cookie and a missing one send nothing at all', async () => {
    statements.length = 0;
    const app = appOn(handle);
    expect(
      (await app.request('/api/v1/communities', { headers: { cookie: 'gongfu_session=x.y' } })).status,
    ).toBe(401);
    expect((await app.request('/api/v1/communities')).status).toBe(401);
    expect(statements).toEqual([]);
  });

  it('the membership named by X-Gongfu-Membership is read in the same statement; another is 403', async () => {
    const app = appOn(handle);
    const me = await (await app.request('/api/v1/me', { headers: { cookie } })).json();
    statements.length = 0;
    const named = await app.request('/api/v1/communities', {
      headers: { cookie, 'x-gongfu-membership': me.activeMembershipId },
    });
    expect(named.status).toBe(200);
    expect(statements[0]).toContain(`gongfu_session_check('`);
    expect(statements[0]).toContain(`'${me.activeMembershipId}'::uuid)`);
    for (const other of ['00000000-0000-4000-8000-000000000000', "x'); drop table sessions; --"]) {
      const res = await app.request('/api/v1/communities', {
        headers: { cookie, 'x-gongfu-membership': other },
      });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('membership_not_found');
    }
    expect(statements.join('\n')).not.toContain('drop table');
  });

  it('a failed handler rolls back its own work only: the session still works', async () => {
    statements.length = 0;
    const app = appOn(handle);
    const missing = await app.request('/api/v1/communities/00000000-0000-4000-8000-000000000000', {
      headers: { cookie },
    });
    expect(missing.status).toBe(404);
    expect(statements.at(-1)).toBe('rollback');
    expect((await app.request('/api/v1/communities', { headers: { cookie } })).status).toBe(200);
  });
});

// The server's own counters exist only on PostgreSQL; PGlite's statement log above is what it can show.
if (process.env.DATABASE_URL) {
  describe('on PostgreSQL, by the server’s own counters', () => {
    const adminUrl = process.env.DATABASE_URL as string;
    let admin: postgres.Sql;
    let dbName: string;
    let dbUrl: string;

    beforeAll(async () => {
      admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(handle.db);
      dbName = rows[0]?.name ?? '';
      const url = new URL(adminUrl);
      url.pathname = `/${dbName}`;
      dbUrl = url.toString();
      // the shared handle's connections would flush their counters at any time: closed, they flush now
      await handle.db.destroy();
      await quiet();
    });
    afterAll(async () => admin?.end());

    /** no backend left on the test database: every closed connection has flushed its counters */
    async function quiet() {
      for (let i = 0; i < 100; i++) {
        const [row] = await admin`select count(*)::int as n from pg_stat_activity where datname = ${dbName}`;
        if (row?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    async function transactions() {
      const [row] = await admin`select xact_commit::int as commits, xact_rollback::int as rollbacks
        from pg_stat_database where datname = ${dbName}`;
      return { commits: row?.commits as number, rollbacks: row?.rollbacks as number };
    }

    /** scans of tenant tables so far, read on the test database by a connection closed before measuring */
    async function tenantScans(): Promise<number> {
      const reader = postgres(dbUrl, { max: 1, onnotice: () => {} });
      const [row] =
        await reader`select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)::int as n
        from pg_stat_user_tables where relname <> all(${IDENTITY})`;
      await reader.end();
      await quiet();
      return row?.n as number;
    }

    /**
     * What a run costs the server: transactions committed and rolled back and tenant scans, minus what
     * opening the pool and one `select 1` cost (measured the same way), so only the request remains.
     */
    async function cost(run: (app: ReturnType<typeof appOn>) => Promise<void>) {
      const once = async (withRun: boolean) => {
        const scans = await tenantScans();
        const before = await transactions();
        const pool = await openDatabase({ url: dbUrl, maxConnections: 1 });
        await sql`select 1`.execute(pool.db);
        if (withRun) await run(appOn(pool));
        await pool.close();
        await quiet();
        const after = await transactions();
        return {
          commits: after.commits - before.commits,
          rollbacks: after.rollbacks - before.rollbacks,
          scans: (await tenantScans()) - scans,
        };
      };
      const base = await once(false);
      const measured = await once(true);
      return {
        commits: measured.commits - base.commits,
        rollbacks: measured.rollbacks - base.rollbacks,
        tenantScans: measured.scans - base.scans,
      };
    }

    it('an authenticated list request opens exactly one transaction', async () => {
      const seen = await cost(async (app) => {
        const res = await app.request('/api/v1/communities', { headers: { cookie } });
        expect(res.status).toBe(200);
      });
      expect(seen).toMatchObject({ commits: 1, rollbacks: 0 });
      expect(seen.tenantScans).toBeGreaterThan(0);
    });

    it('a refused session runs no tenant statement: one rolled-back check', async () => {
      const seen = await cost(async (app) => {
        const res = await app.request('/api/v1/communities', { headers: { cookie: forged() } });
        expect(res.status).toBe(401);
      });
      expect(seen).toEqual({ commits: 0, rollbacks: 1, tenantScans: 0 });
    });
  });
}
