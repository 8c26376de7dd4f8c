/**
 * The schema stays distributable on Citus (issue 16, ADR 0027), checked on the migrated catalog — on PGlite and
 * on PostgreSQL, so a new table cannot break it unnoticed:
 *
 * - a table with a tenant column (community_id, partner_id, venture_id…) carries district_id, NOT NULL: it is
 *   distributed by it. `districts` and the tables without district_id are reference tables (copied to every
 *   node), so none of them may reference a distributed table;
 * - every primary key, unique constraint, unique index and exclusion constraint of a distributed table includes
 *   district_id (a node can only enforce uniqueness within its shard);
 * - every foreign key between distributed tables pairs district_id with district_id (co-located shards);
 * - no policy holds a subquery (Citus's own rule, `ErrorIfUnsupportedPolicyExpr`: it refuses to distribute a
 *   table whose policy has one) nor `NULLIF(…) IS NULL`, and none is RESTRICTIVE (Citus writes a shard's policies
 *   without `AS RESTRICTIVE`).
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import type { Database } from './schema';
import { createTestDatabase } from './testing';

/**
 * Kept on the coordinator (infra/citus/distribute.sql): the migrator's own bookkeeping, and the security log, whose
 * district_id is empty for an unknown account's login.
 */
const LOCAL = new Set(['kysely_migration', 'kysely_migration_lock', 'security_events']);
/** Reference tables although they have district_id: the root every tenant row belongs to. */
const ROOT = 'districts';

let handle: DatabaseHandle;
let db: Kysely<Database>;
let distributed: Set<string>;
let reference: Set<string>;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  const tables = await sql<{ name: string; has_district: boolean }>`
    select c.relname as name,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'district_id'
                   and not a.attisdropped) as has_district
    from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')`.execute(db);
  distributed = new Set(
    tables.rows.filter((t) => t.has_district && t.name !== ROOT && !LOCAL.has(t.name)).map((t) => t.name),
  );
  reference = new Set(
    tables.rows.filter((t) => !distributed.has(t.name) && !LOCAL.has(t.name)).map((t) => t.name),
  );
});
afterAll(async () => handle?.close());

describe('the schema can be distributed by district_id', () => {
  it('finds the tenant tables as distributed and the global ones as reference tables', () => {
    for (const t of [
      'communities',
      'ventures',
      'monthly_reports',
      'ledger_entries',
      'memberships',
      'audit_log',
    ])
      expect(distributed.has(t), t).toBe(true);
    for (const t of ['districts', 'users', 'sessions', 'platform_admins'])
      expect(reference.has(t), t).toBe(true);
  });

  it('every table with a tenant column carries district_id, NOT NULL', async () => {
    const r = await sql<{ table: string; column: string }>`
      select c.relname as table, a.attname as column from pg_class c
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and a.attname in ('community_id', 'partner_id', 'venture_id', 'street_office_id', 'fund_id')`.execute(
      db,
    );
    expect(r.rows.length).toBeGreaterThan(10);
    const missing = r.rows.filter((x) => !distributed.has(x.table) && x.table !== ROOT);
    expect(missing, 'tenant columns in a table without district_id').toEqual([]);

    const nullable = await sql<{ table: string }>`
      select c.relname as table from pg_class c
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'district_id'
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not a.attnotnull`.execute(
      db,
    );
    expect(nullable.rows.filter((x) => distributed.has(x.table))).toEqual([]);
  });

  it('every primary key, unique constraint, unique index and exclusion constraint of a distributed table includes district_id', async () => {
    const r = await sql<{ table: string; index: string; columns: string[] }>`
      select c.relname as table, ic.relname as index,
             array(select a.attname from unnest(i.indkey) k join pg_attribute a
                   on a.attrelid = i.indrelid and a.attnum = k)::text[] as columns
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
      where c.relnamespace = 'public'::regnamespace
        and (i.indisunique or i.indisexclusion or i.indisprimary)`.execute(db);
    const checked = r.rows.filter((x) => distributed.has(x.table));
    expect(checked.length).toBeGreaterThan(20);
    expect(
      checked
        .filter((x) => !x.columns.includes('district_id'))
        .map((x) => `${x.table}.${x.index} (${x.columns})`),
    ).toEqual([]);
  });

  it('every foreign key between distributed tables pairs district_id with district_id', async () => {
    const r = await sql<{ name: string; from: string; to: string; pairs: string[] }>`
      select k.conname as name, f.relname as from, t.relname as to,
             array(select fa.attname || '=' || ta.attname
                   from unnest(k.conkey, k.confkey) as u(fk, tk)
                   join pg_attribute fa on fa.attrelid = k.conrelid and fa.attnum = u.fk
                   join pg_attribute ta on ta.attrelid = k.confrelid and ta.attnum = u.tk)::text[] as pairs
      from pg_constraint k join pg_class f on f.oid = k.conrelid join pg_class t on t.oid = k.confrelid
      where k.contype = 'f' and k.connamespace = 'public'::regnamespace`.execute(db);
    const between = r.rows.filter((x) => distributed.has(x.from) && distributed.has(x.to));
    expect(between.length).toBeGreaterThan(20);
    expect(
      between.filter((x) => !x.pairs.includes('district_id=district_id')).map((x) => `${x.from}.${x.name}`),
    ).toEqual([]);
    // a reference table is copied to every node; it cannot point at rows that live on one of them
    expect(
      r.rows.filter((x) => reference.has(x.from) && distributed.has(x.to)).map((x) => `${x.from}.${x.name}`),
    ).toEqual([]);
  });

  it('no policy is RESTRICTIVE: Citus rebuilds shard policies without AS RESTRICTIVE, which would widen them', async () => {
    // commands/policy.c, CreatePolicyCommandForPolicy: "CREATE POLICY %s ON %s FOR %s TO … USING … WITH CHECK …" —
    // the permissive flag is not written, so on the workers a restrictive policy would be ORed, not ANDed
    const r = await sql<{ table: string; policy: string }>`
      select tablename as table, policyname as policy from pg_policies
      where schemaname = 'public' and permissive <> 'PERMISSIVE'`.execute(db);
    // users_insert_home (migration 2026-12-05T1000), the last one, was folded into users_insert by 2026-12-08T1000
    expect(r.rows.map((x) => `${x.table}.${x.policy}`)).toEqual([]);
  });

  it('no policy holds a subquery or NULLIF(…) IS NULL', async () => {
    const r = await sql<{ table: string; policy: string; sublink: boolean; expression: string }>`
      select c.relname as table, p.polname as policy,
             (coalesce(p.polqual::text, '') || coalesce(p.polwithcheck::text, '')) like '%{SUBLINK %' as sublink,
             coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' ||
             coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') as expression
      from pg_policy p join pg_class c on c.oid = p.polrelid
      where c.relnamespace = 'public'::regnamespace`.execute(db);
    expect(r.rows.length).toBeGreaterThan(100);
    expect(r.rows.filter((x) => x.sublink).map((x) => `${x.table}.${x.policy}: ${x.expression}`)).toEqual([]);
    expect(
      r.rows
        .filter((x) =>
          /NULLIF\((?:[^()]|\([^()]*\))*\)\)?(?:::\w+)?\s+IS\s+(?:NOT\s+)?NULL/i.test(x.expression),
        )
        .map((x) => x.policy),
    ).toEqual([]);
  });
});
