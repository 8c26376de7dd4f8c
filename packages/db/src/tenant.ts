import { type CompiledQuery, type Kysely, sql, type Transaction } from 'kysely';
import { COMMIT_WITH_NEXT, runTogether, simpleProtocolQuery, withNextStatement } from './driver';
import * as identity from './repositories/identity';
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
  /** `ventureId`: one venture of that scope only (an API token for one venture, ADR 0026) */
  | { kind: 'community'; userId: string; districtId: string; communityId: string; ventureId?: string }
  | { kind: 'partner'; userId: string; districtId: string; partnerId: string; ventureId?: string }
  | { kind: 'platform'; userId: string }
  /** the user's own row, sessions and memberships */
  | { kind: 'user'; userId: string }
  /** the one account whose email is being tried */
  | { kind: 'login'; email: string }
  /** the one session whose token is being checked */
  | { kind: 'session'; sessionId: string }
  /** the one API token being checked (ADR 0026): the token, its creator and the membership it acts as */
  | { kind: 'token'; tokenId: string }
  /** the runtime role with no scope at all: sees no tenant row */
  | { kind: 'none' };

declare const scoped: unique symbol;
/** A transaction opened by `withTenantTransaction`: repositories take only this. */
export type ScopedTransaction = Transaction<Database> & { readonly [scoped]: true };

/** The rows of each compiled query of a tuple, in its order (none for a `null`: a read not needed). */
export type RowsOf<Q extends readonly (CompiledQuery<unknown> | null)[]> = {
  -readonly [K in keyof Q]: RowsOfOne<Q[K]>;
};
/** distributes over `CompiledQuery<R> | null`: R[] when it is sent, no rows when not */
type RowsOfOne<T> = T extends CompiledQuery<infer R> ? R[] : never[];

/**
 * Independent reads of a scoped transaction, sent together (`runTogether`): a KPI answer's due day, communities
 * and targets cost one wait instead of three. Same statements, same scope, same transaction; the answers come in
 * the order given, and a `null` (a read the request does not need) answers no rows without being sent. Compile
 * each with the transaction (`query.compile()`, `sql\`…\`.compile(trx)`).
 */
export async function pipelined<const Q extends readonly (CompiledQuery<unknown> | null)[]>(
  trx: ScopedTransaction,
  queries: Q,
): Promise<RowsOf<Q>> {
  const sent = queries.filter((query): query is CompiledQuery<unknown> => query !== null);
  const results = await trx.getExecutor().provideConnection((connection) => runTogether(connection, sent));
  let next = 0;
  return queries.map((query) => (query === null ? [] : (results[next++]?.rows ?? []))) as RowsOf<Q>;
}

/**
 * The transaction's next read is its last: `COMMIT` goes in the same write, right behind it (or behind the last of
 * the next `pipelined` reads), and the transaction ends with that answer — no round trip of its own after it
 * (issue 14, ADR 0033). For a request that only reads, called by the code that knows its last statement (a read
 * route's service, not a function another transaction reuses); a statement after it is refused
 * (`StatementAfterCommitError`). When no statement follows, the transaction ends as it would have.
 */
export async function lastRead(trx: ScopedTransaction): Promise<void> {
  await trx.executeQuery(COMMIT_WITH_NEXT);
}

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

/**
 * `app.venture_id` when the scope is one venture's (migration 2026-12-07T1000): the venture-keyed tables' restrictive
 * policies then keep that venture's rows only. Never set for a district scope, whose derived policies ignore it.
 */
function ventureOf(scope: { ventureId?: string }): Array<[string, string]> {
  return scope.ventureId === undefined ? [] : [['venture_id', uuid(scope.ventureId, 'ventureId')]];
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
        ...ventureOf(scope),
      ];
    case 'partner':
      return [
        ['scope_kind', 'partner'],
        ['user_id', uuid(scope.userId, 'userId')],
        ['district_id', uuid(scope.districtId, 'districtId')],
        ['partner_id', uuid(scope.partnerId, 'partnerId')],
        ...ventureOf(scope),
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
    case 'token':
      return [
        ['scope_kind', 'token'],
        ['token_id', uuid(scope.tokenId, 'tokenId')],
      ];
    case 'none':
      return [];
  }
}

/**
 * A value as an SQL string literal. `SET LOCAL` takes no bind parameters, so the scope's values are
 * spliced — only after `settingsOf` validated them (UUIDs, the session id's alphabet, an email without
 * control characters or backslashes); quotes are doubled all the same, and NUL or a backslash refused.
 */
function literal(value: string): string {
  if (value.includes('\\') || value.includes('\u0000')) throw new InvalidScopeError('value is malformed');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The statements that put a transaction in a scope: `SET LOCAL ROLE` and one `SET LOCAL app.…` per
 * setting, all transaction-local, as one simple-protocol message (driver.ts): one round trip, and what
 * reaches the server is `SET LOCAL`, which Citus propagates to its workers (ADR 0022; `set_config()`,
 * ADR 0008's form, it does not). Validates before anything is sent.
 */
function scopeStatements(scope: DbScope): string {
  return [`SET LOCAL ROLE ${roleOf(scope)}`, settingStatements(scope)].join('; ');
}

function settingStatements(scope: DbScope): string {
  return settingsOf(scope)
    .map(([name, value]) => `SET LOCAL app.${name} = ${literal(value)}`)
    .join('; ');
}

/**
 * The role of a session or token check (`gongfu_app`), switched to by `set_config` rather than `SET LOCAL ROLE`,
 * and a part of its own: the same on PostgreSQL, but Citus neither propagates it nor replays it (it replays every
 * earlier `SET LOCAL` message of the transaction on each worker connection it opens later). Citus opens its
 * worker connections as the current role, so the check's are gongfu_app's without it; the connections the work
 * opens after the switch to its scope role are that role's, which could not `SET ROLE gongfu_app` (ADR 0027).
 */
const CHECK_ROLE = `select set_config('role', '${RUNTIME_ROLE}', true)`;

/**
 * The request's scope after a session or token check (`clear` empties the check's setting), sent with the work's
 * first statement. Its role is switched by `set_config` too, as a part of its own (on PostgreSQL the same as
 * `SET LOCAL ROLE`, and the same single message): Citus would replay a `SET LOCAL ROLE` on the worker connections
 * the check opened as gongfu_app, and a two-phase commit prepared there under the scope role could then not be
 * finished on them ("permission denied to finish prepared transaction": only its owner may), so its writes stayed
 * invisible and locked until Citus's recovery (ADR 0027). Connections the work opens log in as the scope role.
 */
function scopeAfterCheck(scope: RequestScope, clear: string): CompiledQuery {
  return withNextStatement(
    `select set_config('role', '${roleOf(scope)}', true)`,
    `${clear}; ${settingStatements(scope)}`,
  );
}

/**
 * The one way a request touches tenant data: opens a transaction, switches to the runtime role and
 * sets the scope, all transaction-local (`SET LOCAL`), so a pooled connection carries nothing over.
 * `BEGIN`, the role and every setting go in one message with the work's first statement (driver.ts defers
 * `BEGIN` and `withNextStatement` holds the scope until then): no round trip before the work. Nothing else in
 * the code base sets scope.
 */
export async function withTenantTransaction<T>(
  db: Kysely<Database>,
  scope: DbScope,
  work: (trx: ScopedTransaction) => Promise<T>,
): Promise<T> {
  const setScope = withNextStatement(scopeStatements(scope)); // validate before opening anything
  return db.transaction().execute(async (trx) => {
    await trx.executeQuery(setScope);
    return work(trx as ScopedTransaction);
  });
}

/** A scope a session may lead to: a membership's, or the platform's. */
export type RequestScope = Extract<DbScope, { kind: 'district' | 'community' | 'partner' | 'platform' }>;

/** What the caller makes of the session check's row: go on in a scope, or refuse. */
export type SessionDecision<C, R> =
  | { scope: RequestScope; context: C }
  /** keep: commit what the check wrote in the session scope (an expired session's deletion) */
  | { refused: R; keep?: boolean };

class Refused<R> {
  constructor(readonly refused: R) {}
}

/**
 * A request's one transaction when its scope comes from a session (ADR 0022). In one message (two on a Citus
 * coordinator, ADR 0027: the `SET LOCAL`s, then the check): `BEGIN`,
 * the session scope (`gongfu_app`, `app.session_id` — the same narrow scope that today reaches only
 * that session, its user and the user's memberships) and the check statement (`identity.sessionCheckSql`:
 * the session, its user and the one membership the request names, else the first). `decide` compares
 * the secret and the expiry and names the scope; then one more message, sent with the work's first statement
 * (`withNextStatement`), clears the session setting and sets the request's scope. A refusal rolls back (or commits only the check's own
 * writes, `keep`): no tenant statement ever runs for a refused session.
 */
export async function withSessionTransaction<C, R, T>(
  db: Kysely<Database>,
  check: { sessionId: string; membershipId: string | null },
  decide: (
    row: identity.SessionCheckRow | undefined,
    trx: ScopedTransaction,
  ) => Promise<SessionDecision<C, R>> | SessionDecision<C, R>,
  work: (trx: ScopedTransaction, context: C) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; refused: R }> {
  const session = settingStatements({ kind: 'session', sessionId: check.sessionId });
  const membership = check.membershipId === null ? null : literal(uuid(check.membershipId, 'membershipId'));
  // one message; on a Citus coordinator three, the role, the SET LOCALs, then the check (driver.ts, ADR 0027)
  const opening = simpleProtocolQuery(
    CHECK_ROLE,
    session,
    identity.sessionCheckSql(literal(check.sessionId), membership),
  );
  try {
    return await db.transaction().execute(async (trx) => {
      const { rows } = await trx.executeQuery<identity.SessionCheckRow>(opening);
      const decision = await decide(rows[0], trx as ScopedTransaction);
      if ('refused' in decision) {
        if (decision.keep) return { ok: false as const, refused: decision.refused };
        throw new Refused(decision.refused);
      }
      // sent with the work's first statement (driver.ts withNextStatement): no round trip of its own
      await trx.executeQuery(scopeAfterCheck(decision.scope, "SET LOCAL app.session_id = ''"));
      return { ok: true as const, value: await work(trx as ScopedTransaction, decision.context) };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refused: error.refused as R };
    throw error;
  }
}

/** What the token check (`gongfu_token_check`, migration 2026-12-06T1100) answers for one token. */
export interface TokenCheckRow {
  secret_hash: Uint8Array;
  name: string;
  scopes: string[];
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  user_id: string;
  email: string;
  display_name: string;
  locale: string;
  disabled_at: Date | null;
  /** null when the membership the token acts as is gone */
  membership_id: string | null;
  role: string | null;
  district_id: string | null;
  community_id: string | null;
  partner_id: string | null;
  /** the one venture the token is limited to, else null (migration 2026-12-07T1000) */
  venture_id: string | null;
}

/**
 * A request's one transaction when its scope comes from an API token (ADR 0026), shaped like
 * `withSessionTransaction`: `BEGIN`, the narrow token scope and the check in one message; `decide` compares the
 * secret and names the scope (the creator's membership's); then one message clears the token setting, sets that
 * scope and `app.api_token_id` (which the audit trigger reads), and `work` runs. A refusal rolls back before any
 * tenant statement.
 */
export async function withTokenTransaction<C, R, T>(
  db: Kysely<Database>,
  tokenId: string,
  decide: (row: TokenCheckRow | undefined) => SessionDecision<C, R>,
  work: (trx: ScopedTransaction, context: C) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; refused: R }> {
  const id = literal(uuid(tokenId, 'tokenId'));
  const opening = simpleProtocolQuery(
    CHECK_ROLE,
    settingStatements({ kind: 'token', tokenId }),
    `select * from gongfu_token_check(${id}::uuid)`,
  );
  try {
    return await db.transaction().execute(async (trx) => {
      const { rows } = await trx.executeQuery<TokenCheckRow>(opening);
      const decision = decide(rows[0]);
      if ('refused' in decision) throw new Refused(decision.refused);
      await trx.executeQuery(
        scopeAfterCheck(decision.scope, `SET LOCAL app.token_id = ''; SET LOCAL app.api_token_id = ${id}`),
      );
      return { ok: true as const, value: await work(trx as ScopedTransaction, decision.context) };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refused: error.refused as R };
    throw error;
  }
}

export class UnsafeRuntimeRoleError extends Error {}

/**
 * Proves, before serving, that requests cannot bypass RLS: the connection can switch to the runtime
 * role, and that role is no superuser, has no BYPASSRLS and owns no table. Throws with the reason.
 */
export async function assertRuntimeRoleIsSafe(db: Kysely<Database>, role = RUNTIME_ROLE): Promise<void> {
  let row:
    | {
        current_user: string;
        rolsuper: boolean;
        rolbypassrls: boolean;
        owned: number;
        inherits: string | null;
      }
    | undefined;
  try {
    row = await db.transaction().execute(async (trx) => {
      await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
      const result = await sql<{
        current_user: string;
        rolsuper: boolean;
        rolbypassrls: boolean;
        owned: number;
        inherits: string | null;
      }>`
        select current_user, r.rolsuper, r.rolbypassrls,
               (select count(*)::int from pg_class c where c.relowner = r.oid) as owned,
               case when r.rolinherit then
                 (select string_agg(g.rolname, ', ' order by g.rolname) from pg_auth_members m
                  join pg_roles g on g.oid = m.roleid where m.member = r.oid)
               end as inherits
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
  // a runtime role may be a member of the scope roles, to switch to them (infra/postgres/roles.sql, ADR 0027), but
  // not hold their rights: their policies would then apply to it too
  if (row.inherits) {
    throw new UnsafeRuntimeRoleError(
      `the runtime role "${role}" inherits the rights of ${row.inherits}: ALTER ROLE ${role} NOINHERIT.`,
    );
  }
}
