import type { LocalizedText } from './labels';
import type { Action } from './permissions';
import { ROLE_SCOPE, ROLES, type Role } from './roles';

/**
 * A district's administration of its user accounts (issue 11). An account belongs to one district (its
 * home district, set when the district — or, for its first admin, the platform — created it); a district
 * admin manages those accounts only: never another district's, never a platform admin (who has no home
 * district). What a district admin may grant is every role but the platform's.
 */
export const DISTRICT_GRANTABLE_ROLES = ROLES.filter((role) => role !== 'platform_admin') as Exclude<
  Role,
  'platform_admin'
>[];
export type GrantableRole = (typeof DISTRICT_GRANTABLE_ROLES)[number];

export function isGrantableRole(value: string): value is GrantableRole {
  return (DISTRICT_GRANTABLE_ROLES as readonly string[]).includes(value);
}

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** An account's status as the users page says it (在用, not 启用: the account is in use, not being switched on). */
export const USER_STATUS_LABELS: Readonly<Record<UserStatus, LocalizedText>> = {
  active: { 'zh-CN': '在用', en: 'Active' },
  disabled: { 'zh-CN': '已停用', en: 'Disabled' },
};

/** The account actions of a user row and the permission each takes (permissions.ts holds who has which). */
export const USER_ACTION_PERMISSION = {
  invite: 'user:invite',
  disable: 'user:disable',
  enable: 'user:enable',
  resetPassword: 'user:reset_password',
  addMembership: 'membership:create',
  changeMembership: 'membership:update',
  removeMembership: 'membership:delete',
} as const satisfies Record<string, Action>;

/** Which field a membership of this role is missing or must not carry (the table's CHECK, said first). */
export type MembershipShapeProblem =
  | { field: 'communityId'; problem: 'required' | 'not_allowed' }
  | { field: 'partnerId'; problem: 'required' | 'not_allowed' };

export function membershipShapeProblems(m: {
  role: GrantableRole;
  communityId?: string | null | undefined;
  partnerId?: string | null | undefined;
}): MembershipShapeProblem[] {
  const kind = ROLE_SCOPE[m.role];
  const problems: MembershipShapeProblem[] = [];
  const hasCommunity = Boolean(m.communityId);
  const hasPartner = Boolean(m.partnerId);
  if (kind === 'community' && !hasCommunity) problems.push({ field: 'communityId', problem: 'required' });
  if (kind !== 'community' && hasCommunity) problems.push({ field: 'communityId', problem: 'not_allowed' });
  if (kind === 'partner' && !hasPartner) problems.push({ field: 'partnerId', problem: 'required' });
  if (kind !== 'partner' && hasPartner) problems.push({ field: 'partnerId', problem: 'not_allowed' });
  return problems;
}

/**
 * Whether removing `leaving` district-admin memberships (a disable, a role change, a removal) would leave the
 * district without an active admin. `activeAdminUserIds` are the users holding a district_admin membership
 * whose account is not disabled; the district must keep at least one of them.
 */
export function leavesNoAdmin(activeAdminUserIds: readonly string[], leavingUserId: string): boolean {
  const remaining = new Set(activeAdminUserIds);
  remaining.delete(leavingUserId);
  return remaining.size === 0;
}
