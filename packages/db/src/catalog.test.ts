/** The database catalog itself proves the tenancy rules hold for every table, present and future. */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import type { Database } from './schema';
import {
  assertRuntimeRoleIsSafe,
  RUNTIME_ROLE,
  RUNTIME_ROLES,
  SCOPE_ROLES,
  UnsafeRuntimeRoleError,
} from './tenant';
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
    for (const table of ['users', 'sessions', 'platform_admins', 'login_throttle']) {
      const rls = await sql<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>`
        select relrowsecurity, relforcerowsecurity from pg_class where oid = ${`public.${table}`}::regclass`.execute(
        db,
      );
      expect(rls.rows[0], table).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
    }
  });

  it('the runtime roles are no superusers, have no BYPASSRLS and own nothing', async () => {
    for (const role of RUNTIME_ROLES) {
      const r = await sql<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>`
        select r.rolsuper, r.rolbypassrls, (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
        from pg_roles r where r.rolname = ${role}`.execute(db);
      expect(r.rows, role).toEqual([{ rolsuper: false, rolbypassrls: false, owned: 0 }]);
      await expect(assertRuntimeRoleIsSafe(db, role)).resolves.toBeUndefined();
    }
  });

  it('each scope role has exactly the runtime role policies, with the scope kind folded to its literal', async () => {
    for (const [kind, role] of Object.entries(SCOPE_ROLES)) {
      const r = await sql<{ tablename: string; policyname: string; problem: string | null }>`
        select a.tablename, a.policyname,
               case
                 when d.policyname is null then 'missing'
                 when d.cmd <> a.cmd or d.permissive <> a.permissive then 'command differs'
                 when coalesce(d.qual, '') like '%app.scope_kind%' or coalesce(d.with_check, '') like '%app.scope_kind%'
                   then 'reads the scope kind'
                 when d.qual is distinct from gongfu_scope_expression(a.qual, ${kind})
                   or d.with_check is distinct from gongfu_scope_expression(a.with_check, ${kind}) then 'expression differs'
               end as problem
        from pg_policies a
        left join pg_policies d
          on d.schemaname = a.schemaname and d.tablename = a.tablename
         and d.policyname = a.policyname || '__' || ${kind} and ${role} = any (d.roles)
        where a.schemaname = 'public' and ${RUNTIME_ROLE} = any (a.roles)`.execute(db);
      expect(r.rows.length, role).toBeGreaterThan(50);
      expect(
        r.rows.filter((x) => x.problem !== null),
        role,
      ).toEqual([]);
      // and nothing else: every policy of the role is a derived one
      const extra = await sql<{ n: number }>`
        select count(*)::int as n from pg_policies where ${role} = any (roles)`.execute(db);
      expect(extra.rows[0]?.n, role).toBe(r.rows.length);
    }
  });

  it('each scope role has the runtime role table privileges, and is no member of it', async () => {
    for (const role of Object.values(SCOPE_ROLES)) {
      const r = await sql<{ relname: string }>`
        select c.relname from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'p')
          and exists (
            select 1 from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
            where has_table_privilege(${role}, c.oid, p) <> has_table_privilege(${RUNTIME_ROLE}, c.oid, p))`.execute(
        db,
      );
      expect(r.rows, role).toEqual([]);
      const member = await sql<{ member: boolean }>`
        select pg_has_role(${role}, ${RUNTIME_ROLE}, 'USAGE') as member`.execute(db);
      expect(member.rows[0]?.member, role).toBe(false);
    }
  });

  it('every view reads under the caller RLS (security_invoker), never as its owner', async () => {
    // ours only: an extension's views (Citus puts citus_tables, citus_shards… in public, ADR 0027) are its own
    const r = await sql<{ relname: string; options: string[] | null }>`
      select c.relname, c.reloptions as options from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'v'
        and not exists (select 1 from pg_depend d
                        where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`.execute(
      db,
    );
    expect(r.rows.length).toBeGreaterThanOrEqual(2);
    for (const view of r.rows) expect(view.options ?? [], view.relname).toContain('security_invoker=true');
  });

  it('the start-up check refuses a runtime role that could bypass RLS', async () => {
    const bypass = `gongfu_t_${randomBytes(4).toString('hex')}`;
    const owner = `gongfu_t_${randomBytes(4).toString('hex')}`;
    await sql.raw(`CREATE ROLE ${bypass} BYPASSRLS`).execute(db);
    await sql.raw(`CREATE ROLE ${owner}`).execute(db);
    const inheritor = `gongfu_t_${randomBytes(4).toString('hex')}`;
    await sql.raw(`CREATE ROLE ${inheritor}`).execute(db);
    await sql.raw(`CREATE TABLE owned_${owner} (x int)`).execute(db);
    await sql.raw(`ALTER TABLE owned_${owner} OWNER TO ${owner}`).execute(db);
    try {
      await expect(assertRuntimeRoleIsSafe(db, bypass)).rejects.toThrow(UnsafeRuntimeRoleError);
      await expect(assertRuntimeRoleIsSafe(db, owner)).rejects.toThrow(/owns 1 relation/);
      await expect(assertRuntimeRoleIsSafe(db, 'gongfu_no_such_role')).rejects.toThrow(/cannot switch/);
      // a member of a scope role (to switch to it) must not inherit its rights and policies
      await sql.raw(`GRANT gongfu_district TO ${inheritor}`).execute(db);
      await expect(assertRuntimeRoleIsSafe(db, inheritor)).rejects.toThrow(
        /inherits the rights of gongfu_district/,
      );
      await sql.raw(`ALTER ROLE ${inheritor} NOINHERIT`).execute(db);
      await expect(assertRuntimeRoleIsSafe(db, inheritor)).resolves.toBeUndefined();
    } finally {
      await sql.raw(`DROP TABLE owned_${owner}`).execute(db);
      await sql.raw(`DROP ROLE ${bypass}`).execute(db);
      await sql.raw(`DROP ROLE ${owner}`).execute(db);
      await sql.raw(`DROP ROLE ${inheritor}`).execute(db);
    }
  });
});
