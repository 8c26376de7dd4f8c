/**
 * A district administers its own accounts only, in the database itself (migration 2026-12-05T1000, ADR 0021):
 * raw statements under each scope with the application bypassed. PGlite by default, PostgreSQL with DATABASE_URL.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import type { Database } from './schema';
import { DEMO_IDS, seedDemo } from './seed/demo';
import { deterministicId } from './seed/deterministic-id';
import { type DbScope, SCOPE_ROLES, withTenantTransaction } from './tenant';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
let db: Kysely<Database>;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db, { hashPassword: async () => 'not-a-real-hash' });
});
afterAll(async () => handle?.close());

const user = (email: string) => deterministicId(`user:${email}`);
const dongqu: DbScope = { kind: 'district', districtId: DEMO_IDS.dongqu, userId: user('admin@dongqu.demo') };
const xiqu: DbScope = { kind: 'district', districtId: DEMO_IDS.xiqu, userId: user('admin@xiqu.demo') };
const jinhui: DbScope = {
  kind: 'community',
  districtId: DEMO_IDS.dongqu,
  communityId: DEMO_IDS.jinhui,
  userId: user('jinhui@dongqu.demo'),
};

/** Runs the work in the scope; the error code of a refused statement, or 'ok'. */
async function attempt(scope: DbScope, work: (trx: Kysely<Database>) => Promise<unknown>) {
  try {
    await withTenantTransaction(db, scope, (trx) => work(trx));
    return 'ok';
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}

describe('home districts', () => {
  it('the demo accounts belong to their district; the platform admin to none', async () => {
    const rows = await sql<{ email: string; home: string | null }>`
      select email, home_district_id as home from users order by email`.execute(db);
    const home = Object.fromEntries(rows.rows.map((r) => [r.email, r.home]));
    expect(home['platform@gongfu.demo']).toBeNull();
    expect(home['admin@dongqu.demo']).toBe(DEMO_IDS.dongqu);
    expect(home['reporter@jinhui.demo']).toBe(DEMO_IDS.dongqu);
    expect(home['geliping@xiqu.demo']).toBe(DEMO_IDS.xiqu);
  });
});

describe('a district scope', () => {
  it('reads its own accounts and no other district’s, nor the platform admin', async () => {
    const seen = await withTenantTransaction(db, dongqu, (trx) =>
      trx.selectFrom('users').select('email').execute(),
    );
    const emails = seen.map((r) => r.email);
    expect(emails).toContain('reporter@jinhui.demo');
    expect(emails).not.toContain('geliping@xiqu.demo');
    expect(emails).not.toContain('admin@xiqu.demo');
    expect(emails).not.toContain('platform@gongfu.demo');
  });

  it('disables its own account, and cannot touch another district’s or the platform admin', async () => {
    const update = (scope: DbScope, email: string) =>
      withTenantTransaction(db, scope, async (trx) => {
        const r = await trx
          .updateTable('users')
          .set({ disabled_at: new Date() })
          .where('email', '=', email)
          .executeTakeFirst();
        // undone: the test only counts what the policy let through
        await trx.updateTable('users').set({ disabled_at: null }).where('email', '=', email).execute();
        return Number(r.numUpdatedRows);
      });
    expect(await update(dongqu, 'reporter@jinhui.demo')).toBe(1);
    expect(await update(dongqu, 'geliping@xiqu.demo')).toBe(0);
    expect(await update(dongqu, 'platform@gongfu.demo')).toBe(0);
    expect(await update(xiqu, 'reporter@jinhui.demo')).toBe(0);
    // a community admin does not administer accounts, not even of its own community
    expect(await update(jinhui, 'reporter@jinhui.demo')).toBe(0);
  });

  it('resets the password of its own account only', async () => {
    const reset = (scope: DbScope, email: string) =>
      withTenantTransaction(db, scope, async (trx) => {
        const r = await trx
          .updateTable('users')
          .set({ password_hash: 'x' })
          .where('email', '=', email)
          .executeTakeFirst();
        await trx
          .updateTable('users')
          .set({ password_hash: 'not-a-real-hash' })
          .where('email', '=', email)
          .execute();
        return Number(r.numUpdatedRows);
      });
    expect(await reset(dongqu, 'viewer@dongqu.demo')).toBe(1);
    expect(await reset(xiqu, 'viewer@dongqu.demo')).toBe(0);
  });

  it('creates accounts for itself only', async () => {
    const insert = (scope: DbScope, home: string) =>
      attempt(scope, (trx) =>
        trx
          .insertInto('users')
          .values({
            user_id: randomUUID(),
            email: `${randomUUID()}@rls.test`,
            display_name: 'x',
            password_hash: 'x',
            home_district_id: home,
          })
          .execute(),
      );
    expect(await insert(dongqu, DEMO_IDS.dongqu)).toBe('ok');
    expect(await insert(dongqu, DEMO_IDS.xiqu)).toBe('42501');
    expect(await insert(jinhui, DEMO_IDS.dongqu)).toBe('42501');
    // an account of no district: only the platform creates those
    expect(
      await attempt(dongqu, (trx) =>
        trx
          .insertInto('users')
          .values({ email: `${randomUUID()}@rls.test`, display_name: 'x', password_hash: 'x' })
          .execute(),
      ),
    ).toBe('42501');
  });

  it('writes memberships of its own accounts only, in its own district', async () => {
    const grant = (scope: DbScope, email: string, districtId: string) =>
      attempt(scope, (trx) =>
        trx
          .insertInto('memberships')
          .values({ district_id: districtId, user_id: user(email), role: 'district_viewer' })
          .execute(),
      );
    // another district's account, even into one's own district: the membership must lie in the account's home
    expect(await grant(dongqu, 'geliping@xiqu.demo', DEMO_IDS.dongqu)).toBe('23503');
    expect(await grant(dongqu, 'platform@gongfu.demo', DEMO_IDS.dongqu)).toBe('23503');
    expect(await grant(dongqu, 'reporter@jinhui.demo', DEMO_IDS.xiqu)).toBe('42501');
    expect(await grant(jinhui, 'reporter@jinhui.demo', DEMO_IDS.dongqu)).toBe('42501');
    expect(await grant(dongqu, 'reporter@jinhui.demo', DEMO_IDS.dongqu)).toBe('ok');
  });

  it('cannot remove another district’s memberships', async () => {
    const removed = await withTenantTransaction(db, dongqu, async (trx) => {
      const r = await trx
        .deleteFrom('memberships')
        .where('user_id', '=', user('geliping@xiqu.demo'))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    });
    expect(removed).toBe(0);
    const left = await sql<{ n: number }>`
      select count(*)::int as n from memberships where user_id = ${user('geliping@xiqu.demo')}`.execute(db);
    expect(left.rows[0]?.n).toBe(1);
  });

  it('ends no session directly: sessions stay the user’s own (and the session check’s)', async () => {
    await withTenantTransaction(db, { kind: 'user', userId: user('viewer@dongqu.demo') }, (trx) =>
      trx
        .insertInto('sessions')
        .values({
          session_id: 'abcdefghijklmnopqrstuvwxyz234567',
          secret_hash: new Uint8Array(32),
          user_id: user('viewer@dongqu.demo'),
          expires_at: new Date(Date.now() + 3_600_000),
          absolute_expires_at: new Date(Date.now() + 3_600_000),
        })
        .execute(),
    );
    const seen = await withTenantTransaction(db, dongqu, (trx) =>
      trx.selectFrom('sessions').select('session_id').execute(),
    );
    expect(seen).toEqual([]);
  });
});

describe('the platform', () => {
  it('creates a district and its first admin, whose home it is', async () => {
    const districtId = randomUUID();
    const userId = randomUUID();
    const platform: DbScope = { kind: 'platform', userId: user('platform@gongfu.demo') };
    await withTenantTransaction(db, platform, async (trx) => {
      await trx.insertInto('districts').values({ district_id: districtId, name: '测试新区' }).execute();
      await trx
        .insertInto('users')
        .values({
          user_id: userId,
          email: `${userId}@rls.test`,
          display_name: '新区管理员',
          password_hash: 'x',
          home_district_id: districtId,
        })
        .execute();
      await trx
        .insertInto('memberships')
        .values({ district_id: districtId, user_id: userId, role: 'district_admin' })
        .execute();
    });
    const scope: DbScope = { kind: 'district', districtId, userId };
    const own = await withTenantTransaction(db, scope, (trx) =>
      trx.selectFrom('users').select('user_id').where('home_district_id', '=', districtId).execute(),
    );
    expect(own.map((r) => r.user_id)).toEqual([userId]);
    // and nothing but district admins
    expect(
      await attempt(platform, (trx) =>
        trx
          .insertInto('memberships')
          .values({ district_id: districtId, user_id: userId, role: 'district_viewer' })
          .execute(),
      ),
    ).toBe('42501');
  });
});

describe('derived privileges', () => {
  it('every scope role holds gongfu_app’s column privileges, no more', async () => {
    const r = await sql<{ role: string; privileges: string }>`
      select x.grantee::regrole::text as role,
             string_agg(a.attname || ':' || x.privilege_type, ',' order by a.attname, x.privilege_type) as privileges
        from pg_attribute a, aclexplode(a.attacl) x
       where a.attrelid = 'public.users'::regclass and a.attnum > 0
       group by x.grantee`.execute(db);
    const byRole = Object.fromEntries(r.rows.map((row) => [row.role, row.privileges]));
    expect(byRole.gongfu_app).toContain('disabled_at:UPDATE');
    expect(byRole.gongfu_app).toContain('last_login_at:UPDATE');
    expect(byRole.gongfu_app).not.toContain('email:UPDATE');
    for (const role of Object.values(SCOPE_ROLES)) expect(byRole[role], role).toBe(byRole.gongfu_app);
  });
});
