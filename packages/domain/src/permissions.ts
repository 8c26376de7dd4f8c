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
  'membership:delete',
  // a district's user accounts (its administration): the account itself, beside its memberships
  'user:invite',
  'user:disable',
  'user:enable',
  'user:reset_password',
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
  'warning:refresh',
  'warning:assign',
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

/**
 * **Communities keep their own books.** Every action belongs to one sphere, and the sphere says who
 * may ever hold it:
 *
 * - `books` — a community's own books: its register (assets, companies, shareholdings, agreements,
 *   ventures), its monthly reports, its funds and ledger, its resident proposals and the give-back
 *   pledged to it. Written only by the community's roles — and by a partner operator for what is its
 *   own act there (the reports of the ventures it operates, the give-back it pledged and fulfilled).
 *   **Never by a district role.** Any write action not named below is `books`, so a new one starts out
 *   closed to the district.
 * - `review` — what the district does to the communities' books as their reviewer: approve, return and
 *   lock reports (and with them periods), recompute warnings, assign and resolve them. Only district
 *   admins, except that a community admin may also resolve a warning about its own books.
 * - `district` — district-level things the district itself owns: the district's settings, its users,
 *   street offices, the community register's entries (a community admin may update its own), partners,
 *   distribution rules, bulletins.
 * - `platform` — districts themselves (the platform operator).
 * - `read` — every `:read` action. District roles read everything in their district.
 *
 * So the district admin's permissions are not listed by hand: they are every read, every `district`
 * action and every `review` action — and no `books` action (see `DISTRICT_ADMIN` below, and the tests
 * that hold every role to its spheres). The ADR "communities keep their own books" records why.
 */
export type ActionSphere = 'books' | 'review' | 'district' | 'platform' | 'read';

const REVIEW_SPHERE: readonly Action[] = [
  'report:approve',
  'report:return',
  'report:lock',
  'warning:resolve',
  'warning:refresh',
  'warning:assign',
];

const DISTRICT_SPHERE: readonly Action[] = [
  'district:update',
  'membership:create',
  'membership:update',
  'membership:delete',
  'user:invite',
  'user:disable',
  'user:enable',
  'user:reset_password',
  'street_office:create',
  'street_office:update',
  'street_office:delete',
  'community:create',
  'community:update',
  'community:delete',
  'partner:create',
  'partner:update',
  'partner:delete',
  'distribution_rule:create',
  'bulletin:publish',
];

const PLATFORM_SPHERE: readonly Action[] = ['district:create'];

export function sphereOf(action: Action): ActionSphere {
  if (isReadAction(action)) return 'read';
  if (REVIEW_SPHERE.includes(action)) return 'review';
  if (DISTRICT_SPHERE.includes(action)) return 'district';
  if (PLATFORM_SPHERE.includes(action)) return 'platform';
  return 'books';
}

/** Review steps its author may never take on the same object (see `checkOn`). */
const SELF_REVIEW_GUARDED: readonly Action[] = ['report:approve', 'report:return', 'report:lock'];

/**
 * District admins oversee: they read everything in their district, write district-level things and
 * review — and keep no community's books (no `books` action, by construction).
 */
const DISTRICT_ADMIN: readonly Action[] = ACTIONS.filter((action) => {
  const sphere = sphereOf(action);
  return sphere === 'read' || sphere === 'district' || sphere === 'review';
});

/**
 * The community keeps its own books — register, reports, funds and ledger (including corrections by
 * reversal), resident deliberation, pledges — and never reviews them. It may resolve a warning about them.
 */
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
  // a correction of the community's own booked money (never of a report's allocation: that is amended)
  'ledger:reverse',
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
 * and record their own give-back (pledges and fulfilments): `books` actions, but the partner's own act
 * (`checkOn` keeps them to the partner's own objects). A cash fulfilment a partner declares still
 * reaches a fund only when the community confirms it.
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
  'kpi:read', // the KPIs of the ventures they operate, nothing else (the API scopes the figures)
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
  if (SELF_REVIEW_GUARDED.includes(action) && target.authorUserIds?.includes(scope.userId))
    return deny('self_review');
  return ALLOWED;
}

/** `checkOn` as a boolean, for the common case. */
export function canOn(scope: Scope, action: Action, target: PermissionTarget): boolean {
  return checkOn(scope, action, target).allowed;
}
