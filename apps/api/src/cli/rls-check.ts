import { assertRuntimeRoleIsSafe, type Database, RUNTIME_ROLE, RUNTIME_ROLES, SCOPE_ROLES } from '@gongfu/db';
import { type Kysely, sql } from 'kysely';

/** Tables outside the tenancy rules on purpose: the migration ledger. */
const NOT_TENANT = new Set(['kysely_migration', 'kysely_migration_lock']);
/** Identity tables: no tenant column, under RLS all the same. */
const IDENTITY = ['users', 'sessions', 'platform_admins', 'login_throttle'];

/**
 * `gongfu rls check`: what the catalog test proves on a fresh database, on the database in front of you — every
 * tenant table (a `district_id` or `community_id` column) and identity table has RLS enabled and forced and at
 * least one policy, and every runtime role is no superuser, has no BYPASSRLS and owns nothing. Returns the
 * problems, one line each; none means it holds.
 */
export async function checkRlsCatalog(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const tables = await sql<{ table_name: string }>`
    select distinct c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.column_name in ('district_id', 'community_id')
     order by c.table_name`.execute(db);
  const names = [...new Set([...tables.rows.map((r) => r.table_name), ...IDENTITY])].filter(
    (n) => !NOT_TENANT.has(n),
  );
  for (const table of names) {
    const state = await sql<{ enabled: boolean; forced: boolean; policies: number }>`
      select c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relname = ${table} and c.relkind = 'r'`.execute(db);
    const row = state.rows[0];
    if (!row) {
      problems.push(`${table}: missing`);
      continue;
    }
    if (!row.enabled) problems.push(`${table}: row-level security is not enabled`);
    if (!row.forced) problems.push(`${table}: row-level security is not forced (its owner would bypass it)`);
    if (row.policies === 0) problems.push(`${table}: no policy (nobody but the owner could read it)`);
  }
  problems.push(...(await missingPolicies(db, names)));
  for (const role of RUNTIME_ROLES) {
    try {
      await assertRuntimeRoleIsSafe(db, role);
    } catch (error) {
      problems.push(`${role}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * A policy dropped by hand. Each of gongfu_app's policies has one copy per scope role, named `<policy>__<kind>`
 * (ADR 0007): a base without all its copies, or a copy without its base, is a hole. And a command a runtime role
 * holds a table privilege for must have a policy of that role covering it — else the role is refused (a broken
 * feature) or, worse, a later permissive policy is the only one.
 */
async function missingPolicies(db: Kysely<Database>, tables: string[]): Promise<string[]> {
  const problems: string[] = [];
  const policies = await sql<{ tablename: string; policyname: string; roles: string[]; cmd: string }>`
    select tablename, policyname, roles::text[] as roles, cmd from pg_policies where schemaname = 'public'`.execute(
    db,
  );
  const byTable = new Map<string, typeof policies.rows>();
  for (const p of policies.rows) byTable.set(p.tablename, [...(byTable.get(p.tablename) ?? []), p]);
  const kinds = Object.keys(SCOPE_ROLES);
  for (const table of tables) {
    const own = byTable.get(table) ?? [];
    const names = new Set(own.map((p) => p.policyname));
    for (const p of own) {
      const [base, kind] = p.policyname.split('__') as [string, string | undefined];
      if (kind === undefined) {
        for (const k of kinds) {
          if (!names.has(`${base}__${k}`))
            problems.push(`${table}: policy ${base}__${k} is missing (a copy of ${base})`);
        }
      } else if (!names.has(base)) {
        problems.push(`${table}: policy ${base} is missing (${p.policyname} is its copy)`);
      }
    }
    const grants = await sql<{ grantee: string; privilege_type: string }>`
      select grantee, privilege_type from information_schema.role_table_grants
       where table_schema = 'public' and table_name = ${table}
         and privilege_type in ('SELECT', 'INSERT', 'UPDATE', 'DELETE')`.execute(db);
    for (const g of grants.rows) {
      if (g.grantee !== RUNTIME_ROLE && !Object.values<string>(SCOPE_ROLES).includes(g.grantee)) continue;
      const covered = own.some(
        (p) =>
          (p.roles.includes(g.grantee) || p.roles.includes('public')) &&
          (p.cmd === 'ALL' || p.cmd === g.privilege_type),
      );
      if (!covered)
        problems.push(`${table}: ${g.grantee} may ${g.privilege_type} but no policy of it covers that`);
    }
  }
  return problems;
}
