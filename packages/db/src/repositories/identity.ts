import { type Insertable, sql } from 'kysely';
import type { SessionsTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

export function findUserByEmail(trx: ScopedTransaction, email: string) {
  return trx
    .selectFrom('users')
    .select([
      'user_id',
      'email',
      'display_name',
      'password_hash',
      'locale',
      'disabled_at',
      'password_changed_at',
      'must_change_password',
    ])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUser(trx: ScopedTransaction, userId: string) {
  return trx
    .selectFrom('users')
    .select(['user_id', 'email', 'display_name', 'locale', 'disabled_at', 'password_changed_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function updatePasswordHash(trx: ScopedTransaction, userId: string, passwordHash: string) {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: new Date(), must_change_password: false })
    .where('user_id', '=', userId)
    .execute();
}

/**
 * A user's memberships, plus a platform-admin pseudo-membership first if they hold that role (its id
 * is the user's own id: the platform role has no district). One statement, as every authenticated
 * request reads them.
 */
export async function listMembershipsOfUser(trx: ScopedTransaction, userId: string) {
  const rows = await trx
    .selectFrom('platform_admins')
    .select([
      'user_id as membership_id',
      sql<string>`'platform_admin'`.as('role'),
      sql<string | null>`null::uuid`.as('district_id'),
      sql<string | null>`null::uuid`.as('community_id'),
      sql<string | null>`null::uuid`.as('partner_id'),
      sql<number>`0`.as('rank'),
      sql<Date | null>`null::timestamptz`.as('created_at'),
    ])
    .where('user_id', '=', userId)
    .unionAll(
      trx
        .selectFrom('memberships')
        .select([
          'membership_id',
          'role',
          'district_id',
          'community_id',
          'partner_id',
          sql<number>`1`.as('rank'),
          'created_at',
        ])
        .where('user_id', '=', userId),
    )
    .orderBy('rank')
    .orderBy('created_at')
    .orderBy('membership_id')
    .execute();
  return rows.map(({ membership_id, role, district_id, community_id, partner_id }) => ({
    membership_id,
    role,
    district_id,
    community_id,
    partner_id,
  }));
}

export async function insertSession(trx: ScopedTransaction, values: Insertable<SessionsTable>) {
  await trx.insertInto('sessions').values(values).execute();
}

/** A successful login, for the district's users table (in the user's own scope, beside its new session). */
export async function stampLastLogin(trx: ScopedTransaction, userId: string, at: Date) {
  await trx.updateTable('users').set({ last_login_at: at }).where('user_id', '=', userId).execute();
}

/** The session being checked and its user (visible in the 'session' identity scope only). */
export function findSessionWithUser(trx: ScopedTransaction, sessionId: string) {
  return trx
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.user_id', 's.user_id')
    .select([
      's.session_id',
      's.secret_hash',
      's.user_id',
      's.created_at',
      's.expires_at',
      's.absolute_expires_at',
      'u.email',
      'u.display_name',
      'u.locale',
      'u.disabled_at',
      'u.password_changed_at',
      'u.must_change_password',
    ])
    .where('s.session_id', '=', sessionId)
    .executeTakeFirst();
}

export async function extendSession(trx: ScopedTransaction, sessionId: string, expiresAt: Date) {
  await trx
    .updateTable('sessions')
    .set({ expires_at: expiresAt })
    .where('session_id', '=', sessionId)
    .execute();
}

export async function deleteSession(trx: ScopedTransaction, sessionId: string) {
  await trx.deleteFrom('sessions').where('session_id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(trx: ScopedTransaction, userId: string) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Names for a membership's labels, read in that membership's own scope. */
export async function findMembershipLabels(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string | null; partnerId: string | null },
) {
  const district = await trx
    .selectFrom('districts')
    .select('name')
    .where('district_id', '=', args.districtId)
    .executeTakeFirst();
  const community = args.communityId
    ? await trx
        .selectFrom('communities')
        .select('name')
        .where('district_id', '=', args.districtId)
        .where('community_id', '=', args.communityId)
        .executeTakeFirst()
    : undefined;
  const partner = args.partnerId
    ? await trx
        .selectFrom('partners')
        .select('name')
        .where('district_id', '=', args.districtId)
        .where('partner_id', '=', args.partnerId)
        .executeTakeFirst()
    : undefined;
  return {
    districtName: district?.name ?? null,
    communityName: community?.name ?? null,
    partnerName: partner?.name ?? null,
  };
}

/** The session check's one row: the session, its user and the membership the request acts under. */
export interface SessionCheckRow {
  secret_hash: Uint8Array;
  user_id: string;
  expires_at: Date;
  absolute_expires_at: Date;
  email: string;
  display_name: string;
  locale: string;
  disabled_at: Date | null;
  /** null when the user has no membership, or not the one the request named */
  membership_id: string | null;
  role: string | null;
  district_id: string | null;
  community_id: string | null;
  partner_id: string | null;
  /** an admin set the password; every route but the change refuses (ADR 0025) */
  must_change_password: boolean;
}

/**
 * The statement that checks a request's session (tenant.ts `withSessionTransaction` sends it with the
 * session scope, in one message, as plain text: the simple protocol takes no parameters, so both values
 * arrive as literals quoted by tenant.ts after validation). The work is `gongfu_session_check` (migration
 * 2026-12-05T1500), whose plan the connection keeps: the session, its user and the membership named, else
 * the user's first in `listMembershipsOfUser`'s order (the platform role first, then by creation).
 */
export function sessionCheckSql(sessionLiteral: string, membershipLiteral: string | null): string {
  return `select * from gongfu_session_check(${sessionLiteral}, ${membershipLiteral ?? 'null'}::uuid)`;
}
