import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema';

/** The role every request runs as: it owns nothing, is no superuser and cannot bypass RLS. */
export const RUNTIME_ROLE = 'gongfu_app';

/**
 * Tenant scopes run as a role of their own kind, whose policies are gongfu_app's with the scope kind
 * folded to a literal (migration 1500, ADR 0007), so the planner sees `district_id = …` and estimates
 * rows right. Each is as powerless as gongfu_app: no superuser, no BYPASSRLS, owns nothing.
 */
export const SCOPE_ROLES = {
  district: 'gongfu_district',
  community: 'gongfu_community',
  partner: 'gongfu_partner',
} as const;

/** Every role a request may run as, for the start-up safety check. */
export const RUNTIME_ROLES = [RUNTIME_ROLE, ...Object.values(SCOPE_ROLES)] as const;

function roleOf(scope: DbScope): string {
  return scope.kind === 'district' || scope.kind === 'community' || scope.kind === 'partner'
    ? SCOPE_ROLES[scope.kind]
    : RUNTIME_ROLE;
}

/**
 * What a transaction may see. Tenant scopes come from a membership; identity scopes are the narrow
 * steps of logging in and checking a session, before any membership is known.
 */
export type DbScope =
  | { kind: 'district'; userId: string; districtId: string }
  | { kind: 'community'; userId: string; districtId: string; communityId: string }
  | { kind: 'partner'; userId: string; districtId: string; partnerId: string }
  | { kind: 'platform'; userId: string }
  /** the user's own row, sessions and memberships */
  | { kind: 'user'; userId: string }
  /** the one account whose email is being tried */
  | { kind: 'login'; email: string }
  /** the one session whose token is being checked */
  | { kind: 'session'; sessionId: string }
  /** the runtime role with no scope at all: sees no tenant row */
  | { kind: 'none' };

declare const scoped: unique symbol;
/** A transaction opened by `withTenantTransaction`: repositories take only this. */
export type ScopedTransaction = Transaction<Database> & { readonly [scoped]: true };

export class InvalidScopeError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SESSION_ID = /^[a-z2-7]{20,64}$/;

function uuid(value: string, what: string): string {
  if (!UUID.test(value)) throw new InvalidScopeError(`${what} is not a UUID`);
  return value.toLowerCase();
}

/** An email for the login scope: refuses control characters, backslashes and overlong values. */
function email(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\\]/.test(value) || value.length > 320)
    throw new InvalidScopeError('email is malformed');
  return value;
}

/** The `app.*` settings of a scope, as [name, value]: values are bound as parameters, never spliced. */
function settingsOf(scope: DbScope): Array<[string, string]> {
  switch (scope.kind) {
    case 'district':
      return [
        ['scope_kind', 'district'],
        ['user_id', uuid(scope.userId, 'userId')],
        ['district_id', uuid(scope.districtId, 'districtId')],
      ];
    case 'community':
      return [
        ['scope_kind', 'community'],
        ['user_id', uuid(scope.userId, 'userId')],
        ['district_id', uuid(scope.districtId, 'districtId')],
        ['community_id', uuid(scope.communityId, 'communityId')],
      ];
    case 'partner':
      return [
        ['scope_kind', 'partner'],
        ['user_id', uuid(scope.userId, 'userId')],
        ['district_id', uuid(scope.districtId, 'districtId')],
        ['partner_id', uuid(scope.partnerId, 'partnerId')],
      ];
    case 'platform':
      return [
        ['scope_kind', 'platform'],
        ['user_id', uuid(scope.userId, 'userId')],
      ];
    case 'user':
      return [
        ['scope_kind', 'user'],
        ['user_id', uuid(scope.userId, 'userId')],
      ];
    case 'login':
      return [
        ['scope_kind', 'login'],
        ['login_email', email(scope.email.trim().toLowerCase())],
      ];
    case 'session':
      if (!SESSION_ID.test(scope.sessionId)) throw new InvalidScopeError('sessionId is malformed');
      return [
        ['scope_kind', 'session'],
        ['session_id', scope.sessionId],
      ];
    case 'none':
      return [];
  }
}

/**
 * The one way a request touches tenant data: opens a transaction, switches to the runtime role and
 * sets the scope, all transaction-local (`set_config(…, true)` is `SET LOCAL`), so a pooled connection
 * carries nothing over. The role and every setting go in one statement — one round trip instead of one
 * per setting (ADR 0008) — with the values as bind parameters. Nothing else in the code base sets scope.
 */
export async function withTenantTransaction<T>(
  db: Kysely<Database>,
  scope: DbScope,
  work: (trx: ScopedTransaction) => Promise<T>,
): Promise<T> {
  const settings = settingsOf(scope); // validate before opening anything
  const assignments = [
    sql`set_config('role', ${roleOf(scope)}, true)`,
    ...settings.map(([name, value]) => sql`set_config(${sql.lit(`app.${name}`)}, ${value}, true)`),
  ];
  return db.transaction().execute(async (trx) => {
    await sql`select ${sql.join(assignments)}`.execute(trx);
    return work(trx as ScopedTransaction);
  });
}

export class UnsafeRuntimeRoleError extends Error {}

/**
 * Proves, before serving, that requests cannot bypass RLS: the connection can switch to the runtime
 * role, and that role is no superuser, has no BYPASSRLS and owns no table. Throws with the reason.
 */
export async function assertRuntimeRoleIsSafe(db: Kysely<Database>, role = RUNTIME_ROLE): Promise<void> {
  let row: { current_user: string; rolsuper: boolean; rolbypassrls: boolean; owned: number } | undefined;
  try {
    row = await db.transaction().execute(async (trx) => {
      await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
      const result = await sql<{
        current_user: string;
        rolsuper: boolean;
        rolbypassrls: boolean;
        owned: number;
      }>`
        select current_user, r.rolsuper, r.rolbypassrls,
               (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
        from pg_roles r where r.rolname = current_user`.execute(trx);
      return result.rows[0];
    });
  } catch (error) {
    throw new UnsafeRuntimeRoleError(
      `cannot switch to the runtime role "${role}" (${(error as Error).message}). ` +
        `Run the migrations as its owner and GRANT ${role} TO the connecting role (see infra/postgres/roles.sql).`,
    );
  }
  if (!row || row.current_user !== role) {
    throw new UnsafeRuntimeRoleError(`SET ROLE did not switch to "${role}"`);
  }
  if (row.rolsuper || row.rolbypassrls) {
    throw new UnsafeRuntimeRoleError(
      `the runtime role "${role}" is a superuser or has BYPASSRLS: row-level security would not hold. ` +
        `ALTER ROLE ${role} NOSUPERUSER NOBYPASSRLS.`,
    );
  }
  if (row.owned > 0) {
    throw new UnsafeRuntimeRoleError(
      `the runtime role "${role}" owns ${row.owned} relation(s): owners can bypass RLS. Reassign them to the owner role.`,
    );
  }
}
