import { sql } from 'kysely';
import type { ScopedTransaction } from '../tenant';

/**
 * A district's user accounts and their memberships (issue 11, ADR 0021). Every function names the district
 * explicitly — an account is the district's when its `home_district_id` is that district — on top of RLS,
 * which lets a district scope read, update and create only its own accounts and write memberships only for them.
 */

export interface DistrictUserRow {
  user_id: string;
  email: string;
  display_name: string;
  disabled_at: Date | string | null;
  last_login_at: Date | string | null;
  created_at: Date | string;
  /** set by an invitation or a reset, cleared by the owner's own change (ADR 0025) */
  must_change_password: boolean;
}

export interface DistrictMembershipRow {
  membership_id: string;
  user_id: string;
  role: string;
  district_id: string;
  community_id: string | null;
  community_name: string | null;
  partner_id: string | null;
  partner_name: string | null;
  created_at: Date | string;
}

const USER_COLUMNS = [
  'u.user_id',
  'u.email',
  'u.display_name',
  'u.disabled_at',
  'u.last_login_at',
  'u.created_at',
  'u.must_change_password',
] as const;

/**
 * The list's filters (all optional, combined): part of the name or the login; active or disabled; and a role,
 * a community or a partner — matched by one and the same membership of the district.
 */
export interface DistrictUserFilter {
  q?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  role?: string | undefined;
  communityId?: string | undefined;
  partnerId?: string | undefined;
}

export function listDistrictUsers(
  trx: ScopedTransaction,
  args: { districtId: string; filter?: DistrictUserFilter },
) {
  const { q, status, role, communityId, partnerId } = args.filter ?? {};
  let query = trx
    .selectFrom('users as u')
    .select(USER_COLUMNS)
    .where('u.home_district_id', '=', args.districtId);
  if (status === 'active') query = query.where('u.disabled_at', 'is', null);
  if (status === 'disabled') query = query.where('u.disabled_at', 'is not', null);
  if (q) {
    // a substring, not a LIKE pattern: % and _ are letters here (logins are stored in lower case)
    const needle = q.toLowerCase();
    query = query.where(
      sql<boolean>`(strpos(lower(u.display_name), ${needle}) > 0 or strpos(u.email, ${needle}) > 0)`,
    );
  }
  if (role || communityId || partnerId) {
    query = query.where(({ exists, selectFrom }) => {
      let held = selectFrom('memberships as m')
        .select(sql`1`.as('one'))
        .whereRef('m.user_id', '=', 'u.user_id')
        .where('m.district_id', '=', args.districtId);
      if (role) held = held.where('m.role', '=', role);
      if (communityId) held = held.where('m.community_id', '=', communityId);
      if (partnerId) held = held.where('m.partner_id', '=', partnerId);
      return exists(held);
    });
  }
  return (
    query
      // newest first: the account just invited is at the top, the long-standing ones follow
      .orderBy('u.created_at', 'desc')
      .orderBy('u.user_id')
      .execute() as Promise<DistrictUserRow[]>
  );
}

export function findDistrictUser(trx: ScopedTransaction, args: { districtId: string; userId: string }) {
  return trx
    .selectFrom('users as u')
    .select(USER_COLUMNS)
    .where('u.home_district_id', '=', args.districtId)
    .where('u.user_id', '=', args.userId)
    .executeTakeFirst() as Promise<DistrictUserRow | undefined>;
}

/** The district's memberships (of its own accounts), with the names of their community and partner. */
export function listDistrictMemberships(
  trx: ScopedTransaction,
  args: { districtId: string; userId?: string },
) {
  let query = trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.user_id', 'm.user_id')
    .leftJoin('communities as c', (join) =>
      join.onRef('c.district_id', '=', 'm.district_id').onRef('c.community_id', '=', 'm.community_id'),
    )
    .leftJoin('partners as p', (join) =>
      join.onRef('p.district_id', '=', 'm.district_id').onRef('p.partner_id', '=', 'm.partner_id'),
    )
    .select([
      'm.membership_id',
      'm.user_id',
      'm.role',
      'm.district_id',
      'm.community_id',
      'c.name as community_name',
      'm.partner_id',
      'p.name as partner_name',
      'm.created_at',
    ])
    .where('m.district_id', '=', args.districtId)
    .where('u.home_district_id', '=', args.districtId);
  if (args.userId) query = query.where('m.user_id', '=', args.userId);
  return query.orderBy('m.created_at').orderBy('m.membership_id').execute() as Promise<
    DistrictMembershipRow[]
  >;
}

export async function insertUser(
  trx: ScopedTransaction,
  args: { userId: string; email: string; displayName: string; passwordHash: string; homeDistrictId: string },
) {
  await trx
    .insertInto('users')
    .values({
      user_id: args.userId,
      email: args.email,
      display_name: args.displayName,
      password_hash: args.passwordHash,
      home_district_id: args.homeDistrictId,
      // someone else saw the initial password: the user changes it first (ADR 0025)
      must_change_password: true,
    })
    .execute();
}

/** Disables (a date) or re-enables (null) an account of the district; false when it is not the district's. */
export async function setUserDisabled(
  trx: ScopedTransaction,
  args: { districtId: string; userId: string; disabledAt: Date | null },
) {
  const result = await trx
    .updateTable('users')
    .set({ disabled_at: args.disabledAt })
    .where('home_district_id', '=', args.districtId)
    .where('user_id', '=', args.userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setUserPassword(
  trx: ScopedTransaction,
  args: { districtId: string; userId: string; passwordHash: string },
) {
  const result = await trx
    .updateTable('users')
    .set({ password_hash: args.passwordHash, password_changed_at: new Date(), must_change_password: true })
    .where('home_district_id', '=', args.districtId)
    .where('user_id', '=', args.userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertMembership(
  trx: ScopedTransaction,
  args: {
    districtId: string;
    membershipId: string;
    userId: string;
    role: string;
    communityId: string | null;
    partnerId: string | null;
  },
) {
  await trx
    .insertInto('memberships')
    .values({
      district_id: args.districtId,
      membership_id: args.membershipId,
      user_id: args.userId,
      role: args.role,
      community_id: args.communityId,
      partner_id: args.partnerId,
    })
    .execute();
}

export async function updateMembership(
  trx: ScopedTransaction,
  args: {
    districtId: string;
    membershipId: string;
    userId: string;
    role: string;
    communityId: string | null;
    partnerId: string | null;
  },
) {
  const result = await trx
    .updateTable('memberships')
    .set({ role: args.role, community_id: args.communityId, partner_id: args.partnerId })
    .where('district_id', '=', args.districtId)
    .where('membership_id', '=', args.membershipId)
    .where('user_id', '=', args.userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteMembership(
  trx: ScopedTransaction,
  args: { districtId: string; membershipId: string; userId: string },
) {
  const result = await trx
    .deleteFrom('memberships')
    .where('district_id', '=', args.districtId)
    .where('membership_id', '=', args.membershipId)
    .where('user_id', '=', args.userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * The users holding a district_admin membership of the district whose account is active, with those
 * memberships locked: two admins demoting or disabling each other at once are serialised here, so the
 * district keeps at least one (the service checks after taking the lock).
 */
export async function lockActiveAdmins(trx: ScopedTransaction, args: { districtId: string }) {
  const rows = await sql<{ user_id: string }>`
    select m.user_id from memberships m
     where m.district_id = ${args.districtId} and m.role = 'district_admin'
       and exists (select 1 from users u where u.user_id = m.user_id and u.disabled_at is null)
     order by m.membership_id
     for update of m`.execute(trx);
  return rows.rows.map((r) => r.user_id);
}

// ── the platform: districts and their first admins

export function listDistricts(trx: ScopedTransaction) {
  return trx
    .selectFrom('districts')
    .select(['district_id', 'name', 'admin_code', 'created_at'])
    .orderBy('created_at')
    .orderBy('district_id')
    .execute();
}

export async function insertDistrict(
  trx: ScopedTransaction,
  args: { districtId: string; name: string; adminCode: string | null },
) {
  await trx
    .insertInto('districts')
    .values({ district_id: args.districtId, name: args.name, admin_code: args.adminCode })
    .execute();
}
