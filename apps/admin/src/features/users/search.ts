// The users page's URL. Validated without importing the domain or the contract (their values would land in the
// entry chunk): the statuses are repeated here, and users.test.tsx holds them equal to the domain's.

export const USER_STATUS_VALUES = ['active', 'disabled'] as const;
/** The roles a district grants (the domain's DISTRICT_GRANTABLE_ROLES, in its order). */
export const USER_ROLE_VALUES = [
  'district_admin',
  'district_viewer',
  'community_admin',
  'community_reporter',
  'partner_operator',
] as const;

/**
 * The page's filters, as GET /users and its export take them (the API filters; the page shows what it answers).
 * A role and a community or partner are matched by one and the same membership.
 */
export interface UsersSearch {
  q?: string;
  status?: (typeof USER_STATUS_VALUES)[number];
  /** accounts holding this role */
  role?: (typeof USER_ROLE_VALUES)[number];
  /** accounts with a role in this community */
  communityId?: string;
  /** accounts operating for this partner (never with a community: the page picks one or the other) */
  partnerId?: string;
  /**
   * An old link's place: a community's or a partner's id, the URL not saying which (before the two were split).
   * Kept only without either of them; the page looks it up and replaces it with communityId or partnerId.
   */
  unit?: string;
  page?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateUsersSearch(search: Record<string, unknown>): UsersSearch {
  const result: UsersSearch = {};
  if (typeof search.q === 'string' || typeof search.q === 'number') {
    const q = String(search.q).trim().slice(0, 100);
    if (q) result.q = q;
  }
  if (typeof search.status === 'string' && (USER_STATUS_VALUES as readonly string[]).includes(search.status))
    result.status = search.status as UsersSearch['status'];
  if (typeof search.role === 'string' && (USER_ROLE_VALUES as readonly string[]).includes(search.role))
    result.role = search.role as UsersSearch['role'];
  if (typeof search.communityId === 'string' && UUID.test(search.communityId))
    result.communityId = search.communityId;
  else if (typeof search.partnerId === 'string' && UUID.test(search.partnerId))
    result.partnerId = search.partnerId;
  else if (typeof search.unit === 'string' && UUID.test(search.unit)) result.unit = search.unit;
  const page = typeof search.page === 'number' ? search.page : Number(search.page);
  if (Number.isInteger(page) && page > 1 && page < 100_000) result.page = page;
  return result;
}
