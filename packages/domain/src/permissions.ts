import type { Role } from './roles';
import type { Scope } from './scope';

/**
 * Permissions are data: which role may do which action (`PERMISSIONS`, `can`). Whether a given
 * object is inside the actor's reach is the second question, answered by `canOn` from the scope and
 * the object's district / community / operating partners — and answered again by RLS in the database.
 */
export const ACTIONS = [
  // platform
  'district:create',
  'district:read',
  'district:update',
  'membership:read',
  'membership:create',
  'membership:update',
  // district-level register
  'street_office:read',
  'street_office:create',
  'street_office:update',
  'street_office:delete',
  'community:read',
  'community:create',
  'community:update',
  'community:delete',
  'partner:read',
  'partner:create',
  'partner:update',
  'partner:delete',
  'distribution_rule:read',
  'distribution_rule:create',
  'bulletin:read',
  'bulletin:publish',
  // community register
  'asset:read',
  'asset:create',
  'asset:update',
  'asset:delete',
  'asset:appraise',
  'company:read',
  'company:create',
  'company:update',
  'company:delete',
  'shareholding:update',
  'agreement:read',
  'agreement:create',
  'agreement:update',
  'agreement:delete',
  'venture:read',
  'venture:create',
  'venture:update',
  'venture:delete',
  // monthly self-reports
  'report:read',
  'report:create',
  'report:update',
  'report:submit',
  'report:approve',
  'report:return',
  'report:lock',
  'report:amend',
  // funds and ledger (expenditures only through proposal:pay_out)
  'fund:read',
  'fund:create',
  'fund:update',
  'ledger:read',
  'ledger:record_inflow',
  'ledger:reverse',
  // resident proposals
  'proposal:read',
  'proposal:create',
  'proposal:update',
  'proposal:submit',
  'proposal:record_deliberation',
  'proposal:publish',
  'proposal:record_objection',
  'proposal:resolve_objection',
  'proposal:end_disclosure',
  'proposal:pay_out',
  'proposal:close',
  'proposal:withdraw',
  // give-back
  'pledge:read',
  'pledge:create',
  'pledge:update',
  'pledge:record_fulfilment',
  // oversight
  'warning:read',
  'warning:resolve',
  'audit:read',
  'kpi:read',
] as const;

export type Action = (typeof ACTIONS)[number];

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

export function isReadAction(action: Action): boolean {
  return action.endsWith(':read');
}

const REVIEW_ACTIONS: readonly Action[] = ['report:approve', 'report:return', 'report:lock'];

/** District admins oversee: they write district-level things and review, but do not keep communities' books. */
const DISTRICT_ADMIN: readonly Action[] = [
  'district:read',
  'district:update',
  'membership:read',
  'membership:create',
  'membership:update',
  'street_office:read',
  'street_office:create',
  'street_office:update',
  'street_office:delete',
  'community:read',
  'community:create',
  'community:update',
  'community:delete',
  'partner:read',
  'partner:create',
  'partner:update',
  'partner:delete',
  'distribution_rule:read',
  'distribution_rule:create',
  'bulletin:read',
  'bulletin:publish',
  'asset:read',
  'company:read',
  'agreement:read',
  'venture:read',
  'report:read',
  ...REVIEW_ACTIONS,
  'fund:read',
  'ledger:read',
  // a correction of money already booked is the district's call, not the community's own
  'ledger:reverse',
  'proposal:read',
  'pledge:read',
  'pledge:create',
  'pledge:update',
  'pledge:record_fulfilment',
  'warning:read',
  'warning:resolve',
  'audit:read',
  'kpi:read',
];

/** The community keeps its own register, funds and resident deliberation, and reports; it never approves. */
const COMMUNITY_ADMIN: readonly Action[] = [
  'district:read',
  'street_office:read',
  'community:read',
  'community:update',
  'partner:read',
  'distribution_rule:read',
  'bulletin:read',
  'asset:read',
  'asset:create',
  'asset:update',
  'asset:delete',
  'asset:appraise',
  'company:read',
  'company:create',
  'company:update',
  'company:delete',
  'shareholding:update',
  'agreement:read',
  'agreement:create',
  'agreement:update',
  'agreement:delete',
  'venture:read',
  'venture:create',
  'venture:update',
  'venture:delete',
  'report:read',
  'report:create',
  'report:update',
  'report:submit',
  'report:amend',
  'fund:read',
  'fund:create',
  'fund:update',
  'ledger:read',
  'ledger:record_inflow',
  'proposal:read',
  'proposal:create',
  'proposal:update',
  'proposal:submit',
  'proposal:record_deliberation',
  'proposal:publish',
  'proposal:record_objection',
  'proposal:resolve_objection',
  'proposal:end_disclosure',
  'proposal:pay_out',
  'proposal:close',
  'proposal:withdraw',
  'pledge:read',
  'pledge:create',
  'pledge:update',
  'pledge:record_fulfilment',
  'warning:read',
  'warning:resolve',
  'audit:read',
  'kpi:read',
];

/** Community company staff fill and fix the monthly reports of their community's ventures. */
const COMMUNITY_REPORTER: readonly Action[] = [
  'community:read',
  'bulletin:read',
  'company:read',
  'venture:read',
  'report:read',
  'report:create',
  'report:update',
  'report:submit',
  'report:amend',
  'warning:read',
];

/**
 * Operators see and report on the ventures they operate, in any community where they operate one,
 * and record their own give-back (pledges and fulfilments).
 */
const PARTNER_OPERATOR: readonly Action[] = [
  'community:read',
  'partner:read',
  'agreement:read',
  'venture:read',
  'report:read',
  'report:create',
  'report:update',
  'report:submit',
  'report:amend',
  'pledge:read',
  'pledge:create',
  'pledge:update',
  'pledge:record_fulfilment',
  'warning:read',
];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  // creates districts and their first admins; never a district's business data
  platform_admin: [
    'district:create',
    'district:read',
    'membership:read',
    'membership:create',
    'membership:update',
  ],
  district_admin: DISTRICT_ADMIN,
  // read-only by construction: the district admin's reads, minus user administration
  district_viewer: DISTRICT_ADMIN.filter((action) => isReadAction(action) && action !== 'membership:read'),
  community_admin: COMMUNITY_ADMIN,
  community_reporter: COMMUNITY_REPORTER,
  partner_operator: PARTNER_OPERATOR,
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

/**
 * The object acted on, as far as reach is concerned. `communityId: null` states explicitly that the
 * object is district-level (a partner, a street office, the district itself); it is required so a
 * caller cannot forget it and widen access by accident.
 */
export interface PermissionTarget {
  readonly districtId: string;
  readonly communityId: string | null;
  /**
   * Partners this object belongs to: a venture's operator, a report's venture operator, an
   * agreement's partner, a partner itself, or for a community the partners operating a venture in it.
   */
  readonly partnerIds?: readonly string[];
  /** Users who created or submitted it: they never review it. */
  readonly authorUserIds?: readonly string[];
}

/**
 * Why an action was refused. `role` is a 403 (you may not do this at all); `district`,
 * `community` and `partner` mean the object is outside your reach, which an API reports as 404
 * so it does not reveal that the object exists; `self_review` is a 403.
 */
export type DenialReason = 'role' | 'district' | 'community' | 'partner' | 'self_review';

export type PermissionCheck =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: DenialReason };

const ALLOWED: PermissionCheck = { allowed: true };
const deny = (reason: DenialReason): PermissionCheck => ({ allowed: false, reason });

export function checkOn(scope: Scope, action: Action, target: PermissionTarget): PermissionCheck {
  if (!can(scope.role, action)) return deny('role');
  if (scope.kind === 'platform') {
    // Platform actions are about districts themselves; the role table already keeps it to those.
    return ALLOWED;
  }
  if (target.districtId !== scope.districtId) return deny('district');
  switch (scope.kind) {
    case 'district':
      break;
    case 'community':
      // Own community's rows; district-level rows (partners, street offices…) may only be read.
      if (target.communityId === null) {
        if (!isReadAction(action)) return deny('community');
      } else if (target.communityId !== scope.communityId) {
        return deny('community');
      }
      break;
    case 'partner':
      // Only objects the partner operates (or is), whatever community they are in.
      if (!scope.partnerId || !target.partnerIds?.includes(scope.partnerId)) return deny('partner');
      break;
  }
  if (REVIEW_ACTIONS.includes(action) && target.authorUserIds?.includes(scope.userId))
    return deny('self_review');
  return ALLOWED;
}

/** `checkOn` as a boolean, for the common case. */
export function canOn(scope: Scope, action: Action, target: PermissionTarget): boolean {
  return checkOn(scope, action, target).allowed;
}
