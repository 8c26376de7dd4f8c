import { randomUUID } from 'node:crypto';
import type {
  DistrictCreate,
  DistrictUser,
  DistrictUserListQuery,
  MembershipInput,
  PlatformDistrict,
  UserInvite,
  UserMembership,
} from '@gongfu/contract';
import { audit, communities, register, type ScopedTransaction, userAdmin } from '@gongfu/db';
import {
  type Action,
  can,
  type GrantableRole,
  isGrantableRole,
  leavesNoAdmin,
  membershipShapeProblems,
} from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';
import type { MessageCode } from '../../i18n/messages';

/**
 * 用户与权限: a district admin's administration of its district's accounts (ADR 0021). Every check in the order
 * of the other features: the role may do it at all (403), the account is the district's (404 otherwise, so
 * another district's account is not revealed), then the rules — never oneself, never the last admin (409).
 * RLS holds the district to its own accounts a second time. Every change is written to the audit log in the
 * same transaction; the route ends the account's sessions after it commits.
 */

/** What a password change needs: the one-time plain text for the answer, and its hash to store. */
export interface NewPassword {
  plain: string;
  hash: string;
}

function requireRole(actor: Actor, action: Action) {
  if (!can(actor.scope.role, action)) throw forbidden();
}

/** The district of a district-scoped actor; the platform (and anyone without a district) gets 403. */
function districtOf(actor: Actor): string {
  if (actor.scope.kind !== 'district' || !actor.scope.districtId) throw forbidden();
  return actor.scope.districtId;
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

function toMembership(row: userAdmin.DistrictMembershipRow): UserMembership {
  return {
    id: row.membership_id,
    role: isGrantableRole(row.role) ? row.role : 'district_viewer',
    districtId: row.district_id,
    communityId: row.community_id,
    communityName: row.community_name,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function toUser(
  actor: Actor,
  row: userAdmin.DistrictUserRow,
  memberships: userAdmin.DistrictMembershipRow[],
): DistrictUser {
  return {
    id: row.user_id,
    email: row.email,
    displayName: row.display_name,
    status: row.disabled_at ? 'disabled' : 'active',
    disabledAt: iso(row.disabled_at),
    lastLoginAt: iso(row.last_login_at),
    createdAt: new Date(row.created_at).toISOString(),
    memberships: memberships.filter((m) => m.user_id === row.user_id).map(toMembership),
    isSelf: row.user_id === actor.userId,
    mustChangePassword: row.must_change_password,
  };
}

/** A role as the audit log keeps it: what it grants, its community or partner by name as well as by id. */
function roleView(m: UserMembership) {
  return {
    role: m.role,
    communityId: m.communityId,
    communityName: m.communityName,
    partnerId: m.partnerId,
    partnerName: m.partnerName,
  };
}

/** What the audit log keeps of an account: never its password or hash. */
function auditView(user: DistrictUser) {
  return {
    email: user.email,
    displayName: user.displayName,
    status: user.status,
    memberships: user.memberships.map(roleView),
  };
}

/**
 * A role's entry (its create, update or delete is logged on the user): the role, and whose it is by name, so that
 * the log reads "张三" rather than an id. The membership is the user's own, read back after the write.
 */
function membershipAudit(user: DistrictUser, membershipId: string) {
  const m = user.memberships.find((x) => x.id === membershipId);
  if (!m) throw new Error(`membership ${membershipId} not on its user`);
  return { membershipId, displayName: user.displayName, ...roleView(m) };
}

async function record(
  trx: ScopedTransaction,
  actor: Actor,
  districtId: string,
  entry: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
  requestId: string,
) {
  await audit.appendAudit(trx, {
    districtId,
    communityId: null,
    actorUserId: actor.userId,
    requestId,
    ...entry,
  });
}

async function loadUser(trx: ScopedTransaction, actor: Actor, districtId: string, userId: string) {
  const row = await userAdmin.findDistrictUser(trx, { districtId, userId });
  if (!row) throw notFound();
  const memberships = await userAdmin.listDistrictMemberships(trx, { districtId, userId });
  return toUser(actor, row, memberships);
}

// ── reads

/**
 * The district's accounts the filters match (in the statement: the text, the status, and a role, community or
 * partner held by one membership), each with all its roles — the matching one and the others.
 */
export async function listUsers(trx: ScopedTransaction, actor: Actor, query: DistrictUserListQuery) {
  requireRole(actor, 'membership:read');
  const districtId = districtOf(actor);
  const [rows, memberships] = await Promise.all([
    userAdmin.listDistrictUsers(trx, { districtId, filter: query }),
    userAdmin.listDistrictMemberships(trx, { districtId }),
  ]);
  const items = rows.map((row) => toUser(actor, row, memberships));
  return { items, total: items.length };
}

export async function getUser(trx: ScopedTransaction, actor: Actor, userId: string) {
  requireRole(actor, 'membership:read');
  return loadUser(trx, actor, districtOf(actor), userId);
}

// ── memberships: their shape, and where they point

interface CheckedMembership {
  role: GrantableRole;
  communityId: string | null;
  partnerId: string | null;
}

const SHAPE_CODES: Record<'required' | 'not_allowed', Record<'communityId' | 'partnerId', MessageCode>> = {
  required: { communityId: 'membership_community_required', partnerId: 'membership_partner_required' },
  not_allowed: {
    communityId: 'membership_community_not_allowed',
    partnerId: 'membership_partner_not_allowed',
  },
};

/** The membership as it will be stored, or a 400 naming the field (`prefix` + communityId / partnerId). */
async function checkMembership(
  trx: ScopedTransaction,
  districtId: string,
  input: MembershipInput,
  prefix: string,
): Promise<CheckedMembership> {
  const fields: Record<string, MessageCode> = {};
  for (const p of membershipShapeProblems(input))
    fields[`${prefix}${p.field}`] = SHAPE_CODES[p.problem][p.field];
  const membership = {
    role: input.role,
    communityId: input.communityId ?? null,
    partnerId: input.partnerId ?? null,
  };
  if (Object.keys(fields).length === 0) {
    if (membership.communityId) {
      const community = await communities.findCommunity(trx, {
        districtId,
        communityId: membership.communityId,
      });
      if (!community) fields[`${prefix}communityId`] = 'unknown_community';
    }
    if (membership.partnerId) {
      const partner = await register.findPartner(trx, { districtId }, membership.partnerId);
      if (!partner) fields[`${prefix}partnerId`] = 'unknown_partner';
    }
  }
  if (Object.keys(fields).length > 0) throw new ApiError(400, 'validation_failed', fields);
  return membership;
}

const sameMembership = (a: CheckedMembership, b: CheckedMembership) =>
  a.role === b.role && a.communityId === b.communityId && a.partnerId === b.partnerId;

function fromExisting(m: UserMembership): CheckedMembership {
  return { role: m.role, communityId: m.communityId, partnerId: m.partnerId };
}

/** A unique violation (a login or a membership another request took first) as a 409 naming the field. */
async function uniqueOr<T>(work: () => Promise<T>, fields: Record<string, MessageCode>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === '23505') throw new ApiError(409, 'conflict', fields);
    throw error;
  }
}

/**
 * Refuses a change that would leave the district without an active admin: `losing` is the user who would no
 * longer be one. The district's admin memberships are locked first, so two admins removing each other at the
 * same time are serialised and the second sees the first's change.
 */
async function keepAnAdmin(trx: ScopedTransaction, districtId: string, losing: string) {
  const admins = await userAdmin.lockActiveAdmins(trx, { districtId });
  if (admins.includes(losing) && leavesNoAdmin(admins, losing))
    throw new ApiError(409, 'last_district_admin');
}

// ── writes

export async function inviteUser(
  trx: ScopedTransaction,
  actor: Actor,
  input: UserInvite,
  password: NewPassword,
  requestId: string,
) {
  requireRole(actor, 'user:invite');
  const districtId = districtOf(actor);
  const memberships: CheckedMembership[] = [];
  for (const [i, m] of input.memberships.entries()) {
    const checked = await checkMembership(trx, districtId, m, `memberships.${i}.`);
    if (memberships.some((other) => sameMembership(other, checked)))
      throw new ApiError(400, 'validation_failed', { [`memberships.${i}.role`]: 'duplicate_membership' });
    memberships.push(checked);
  }
  const userId = randomUUID();
  await uniqueOr(
    () =>
      userAdmin.insertUser(trx, {
        userId,
        email: input.email.toLowerCase(),
        displayName: input.displayName,
        passwordHash: password.hash,
        homeDistrictId: districtId,
      }),
    { email: 'login_taken' },
  );
  for (const m of memberships) {
    await userAdmin.insertMembership(trx, { districtId, membershipId: randomUUID(), userId, ...m });
  }
  const user = await loadUser(trx, actor, districtId, userId);
  await record(
    trx,
    actor,
    districtId,
    { action: 'user.invite', entityType: 'user', entityId: userId, after: auditView(user) },
    requestId,
  );
  return { user, initialPassword: password.plain };
}

export async function disableUser(trx: ScopedTransaction, actor: Actor, userId: string, requestId: string) {
  requireRole(actor, 'user:disable');
  const districtId = districtOf(actor);
  const before = await loadUser(trx, actor, districtId, userId);
  if (before.isSelf) throw new ApiError(409, 'cannot_disable_self');
  if (before.status === 'disabled') return { user: before, changed: false };
  await keepAnAdmin(trx, districtId, userId);
  await userAdmin.setUserDisabled(trx, { districtId, userId, disabledAt: new Date() });
  const user = await loadUser(trx, actor, districtId, userId);
  await record(
    trx,
    actor,
    districtId,
    {
      action: 'user.disable',
      entityType: 'user',
      entityId: userId,
      before: auditView(before),
      after: auditView(user),
    },
    requestId,
  );
  return { user, changed: true };
}

export async function enableUser(trx: ScopedTransaction, actor: Actor, userId: string, requestId: string) {
  requireRole(actor, 'user:enable');
  const districtId = districtOf(actor);
  const before = await loadUser(trx, actor, districtId, userId);
  if (before.status === 'active') return before;
  await userAdmin.setUserDisabled(trx, { districtId, userId, disabledAt: null });
  const user = await loadUser(trx, actor, districtId, userId);
  await record(
    trx,
    actor,
    districtId,
    {
      action: 'user.enable',
      entityType: 'user',
      entityId: userId,
      before: auditView(before),
      after: auditView(user),
    },
    requestId,
  );
  return user;
}

export async function resetPassword(
  trx: ScopedTransaction,
  actor: Actor,
  userId: string,
  password: NewPassword,
  requestId: string,
) {
  requireRole(actor, 'user:reset_password');
  const districtId = districtOf(actor);
  const user = await loadUser(trx, actor, districtId, userId);
  // one's own password is changed knowing the old one, not reset by oneself as an admin
  if (user.isSelf) throw new ApiError(409, 'cannot_reset_self');
  await userAdmin.setUserPassword(trx, { districtId, userId, passwordHash: password.hash });
  // the log says that it happened and to whom; the password itself is never written anywhere
  await record(
    trx,
    actor,
    districtId,
    { action: 'user.reset_password', entityType: 'user', entityId: userId, after: { email: user.email } },
    requestId,
  );
  // read before the reset: the new password is the admin's, to be changed at the next login
  return { user: { ...user, mustChangePassword: true }, initialPassword: password.plain };
}

export async function addMembership(
  trx: ScopedTransaction,
  actor: Actor,
  userId: string,
  input: MembershipInput,
  requestId: string,
) {
  requireRole(actor, 'membership:create');
  const districtId = districtOf(actor);
  const before = await loadUser(trx, actor, districtId, userId);
  const membership = await checkMembership(trx, districtId, input, '');
  if (before.memberships.some((m) => sameMembership(fromExisting(m), membership)))
    throw new ApiError(409, 'conflict', { role: 'duplicate_membership' });
  const membershipId = randomUUID();
  await uniqueOr(() => userAdmin.insertMembership(trx, { districtId, membershipId, userId, ...membership }), {
    role: 'duplicate_membership',
  });
  const user = await loadUser(trx, actor, districtId, userId);
  await record(
    trx,
    actor,
    districtId,
    {
      action: 'membership.create',
      entityType: 'user',
      entityId: userId,
      after: membershipAudit(user, membershipId),
    },
    requestId,
  );
  return user;
}

export async function updateMembership(
  trx: ScopedTransaction,
  actor: Actor,
  userId: string,
  membershipId: string,
  input: MembershipInput,
  requestId: string,
) {
  requireRole(actor, 'membership:update');
  const districtId = districtOf(actor);
  const before = await loadUser(trx, actor, districtId, userId);
  const existing = before.memberships.find((m) => m.id === membershipId);
  if (!existing) throw notFound();
  const membership = await checkMembership(trx, districtId, input, '');
  const was = fromExisting(existing);
  if (sameMembership(was, membership)) return before;
  if (before.memberships.some((m) => m.id !== membershipId && sameMembership(fromExisting(m), membership)))
    throw new ApiError(409, 'conflict', { role: 'duplicate_membership' });
  const stillAdmin = before.memberships.some((m) => m.id !== membershipId && m.role === 'district_admin');
  if (was.role === 'district_admin' && membership.role !== 'district_admin' && !stillAdmin)
    await keepAnAdmin(trx, districtId, userId);
  await uniqueOr(() => userAdmin.updateMembership(trx, { districtId, membershipId, userId, ...membership }), {
    role: 'duplicate_membership',
  });
  const user = await loadUser(trx, actor, districtId, userId);
  await record(
    trx,
    actor,
    districtId,
    {
      action: 'membership.update',
      entityType: 'user',
      entityId: userId,
      before: membershipAudit(before, membershipId),
      after: membershipAudit(user, membershipId),
    },
    requestId,
  );
  return user;
}

export async function removeMembership(
  trx: ScopedTransaction,
  actor: Actor,
  userId: string,
  membershipId: string,
  requestId: string,
) {
  requireRole(actor, 'membership:delete');
  const districtId = districtOf(actor);
  const before = await loadUser(trx, actor, districtId, userId);
  const existing = before.memberships.find((m) => m.id === membershipId);
  if (!existing) throw notFound();
  const stillAdmin = before.memberships.some((m) => m.id !== membershipId && m.role === 'district_admin');
  if (existing.role === 'district_admin' && !stillAdmin) await keepAnAdmin(trx, districtId, userId);
  await userAdmin.deleteMembership(trx, { districtId, membershipId, userId });
  const user = await loadUser(trx, actor, districtId, userId);
  await record(
    trx,
    actor,
    districtId,
    {
      action: 'membership.delete',
      entityType: 'user',
      entityId: userId,
      before: membershipAudit(before, membershipId),
    },
    requestId,
  );
  return user;
}

// ── the platform: districts and their first admin

function requirePlatform(actor: Actor) {
  if (actor.scope.kind !== 'platform' || !can(actor.scope.role, 'district:create')) throw forbidden();
}

function toDistrict(row: {
  district_id: string;
  name: string;
  admin_code: string | null;
  created_at: Date | string;
}): PlatformDistrict {
  return {
    id: row.district_id,
    name: row.name,
    adminCode: row.admin_code,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listDistricts(trx: ScopedTransaction, actor: Actor) {
  requirePlatform(actor);
  const items = (await userAdmin.listDistricts(trx)).map(toDistrict);
  return { items, total: items.length };
}

export async function createDistrict(
  trx: ScopedTransaction,
  actor: Actor,
  input: DistrictCreate,
  password: NewPassword,
  requestId: string,
) {
  requirePlatform(actor);
  const districtId = randomUUID();
  const userId = randomUUID();
  const email = input.admin.email.toLowerCase();
  await userAdmin.insertDistrict(trx, { districtId, name: input.name, adminCode: input.adminCode ?? null });
  await uniqueOr(
    () =>
      userAdmin.insertUser(trx, {
        userId,
        email,
        displayName: input.admin.displayName,
        passwordHash: password.hash,
        homeDistrictId: districtId,
      }),
    { 'admin.email': 'login_taken' },
  );
  await userAdmin.insertMembership(trx, {
    districtId,
    membershipId: randomUUID(),
    userId,
    role: 'district_admin',
    communityId: null,
    partnerId: null,
  });
  const district = toDistrict({
    district_id: districtId,
    name: input.name,
    admin_code: input.adminCode ?? null,
    created_at: new Date(),
  });
  const admin = { id: userId, email, displayName: input.admin.displayName };
  await record(
    trx,
    actor,
    districtId,
    { action: 'district.create', entityType: 'district', entityId: districtId, after: district },
    requestId,
  );
  await record(
    trx,
    actor,
    districtId,
    {
      action: 'user.invite',
      entityType: 'user',
      entityId: userId,
      after: { email, displayName: admin.displayName, memberships: [{ role: 'district_admin' }] },
    },
    requestId,
  );
  return { district, admin, initialPassword: password.plain };
}
