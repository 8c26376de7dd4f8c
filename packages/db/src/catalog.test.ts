/** The database catalog itself proves the tenancy rules hold for every table, present and future. */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import type { Database } from './schema';
import { assertRuntimeRoleIsSafe, RUNTIME_ROLE, UnsafeRuntimeRoleError } from './tenant';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
let db: Kysely<Database>;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
});
afterAll(async () => handle?.close());

async function tenantTables() {
  const r = await sql<{ table_name: string }>`
    select distinct c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.column_name in ('district_id', 'community_id')`.execute(db);
  return r.rows.map((x) => x.table_name);
}

describe('catalog', () => {
  it('every tenant table has RLS enabled and forced, a policy, and an index led by its tenant column', async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const table of tables) {
      const rls = await sql<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>`
        select relrowsecurity, relforcerowsecurity from pg_class where oid = ${`public.${table}`}::regclass`.execute(
        db,
      );
      expect(rls.rows[0], table).toEqual({ relrowsecurity: true, relforcerowsecurity: true });

      const policies = await sql<{ n: number }>`
        select count(*)::int as n from pg_policies where schemaname = 'public' and tablename = ${table}`.execute(
        db,
      );
      expect(policies.rows[0]?.n, `${table} has a policy`).toBeGreaterThan(0);

      const leading = await sql<{ column_name: string }>`
        select a.attname as column_name from pg_index i
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        where i.indrelid = ${`public.${table}`}::regclass`.execute(db);
      const leaders = leading.rows.map((r) => r.column_name);
      expect(
        leaders.some((c) => c === 'district_id' || c === 'community_id'),
        `${table} has an index led by its tenant column (has: ${leaders.join(', ')})`,
      ).toBe(true);
    }
  });

  it('identity tables are under RLS too', async () => {
    for (const table of ['users', 'sessions', 'platform_admins']) {
      const rls = await sql<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>`
        select relrowsecurity, relforcerowsecurity from pg_class where oid = ${`public.${table}`}::regclass`.execute(
        db,
      );
      expect(rls.rows[0], table).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
    }
  });

  it('the runtime role is no superuser, has no BYPASSRLS and owns nothing', async () => {
    const r = await sql<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>`
      select r.rolsuper, r.rolbypassrls, (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
      from pg_roles r where r.rolname = ${RUNTIME_ROLE}`.execute(db);
    expect(r.rows).toEqual([{ rolsuper: false, rolbypassrls: false, owned: 0 }]);
    await expect(assertRuntimeRoleIsSafe(db)).resolves.toBeUndefined();
  });

  it('the start-up check refuses a runtime role that could bypass RLS', async () => {
    const bypass = `gongfu_t_${randomBytes(4).toString('hex')}`;
    const owner = `gongfu_t_${randomBytes(4).toString('hex')}`;
    await sql.raw(`CREATE ROLE ${bypass} BYPASSRLS`).execute(db);
    await sql.raw(`CREATE ROLE ${owner}`).execute(db);
    await sql.raw(`CREATE TABLE owned_${owner} (x int)`).execute(db);
    await sql.raw(`ALTER TABLE owned_${owner} OWNER TO ${owner}`).execute(db);
    try {
      await expect(assertRuntimeRoleIsSafe(db, bypass)).rejects.toThrow(UnsafeRuntimeRoleError);
      await expect(assertRuntimeRoleIsSafe(db, owner)).rejects.toThrow(/owns 1 relation/);
      await expect(assertRuntimeRoleIsSafe(db, 'gongfu_no_such_role')).rejects.toThrow(/cannot switch/);
    } finally {
      await sql.raw(`DROP TABLE owned_${owner}`).execute(db);
      await sql.raw(`DROP ROLE ${bypass}`).execute(db);
      await sql.raw(`DROP ROLE ${owner}`).execute(db);
    }
  });
});
