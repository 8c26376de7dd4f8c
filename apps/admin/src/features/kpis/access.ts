import type { KpiKey, Membership } from '@gongfu/contract';
import { can } from '@gongfu/domain';

/** Whether the membership reads the KPIs: the domain's permission table decides (the API scopes the figures). */
export function readsKpis(membership: Membership | undefined): boolean {
  return membership ? can(membership.role, 'kpi:read') : false;
}

/** A community-scoped membership sees one community: nothing to rank it against, no street offices to split. */
export function isCommunityScoped(membership: Membership | undefined): boolean {
  return Boolean(membership?.communityId);
}

/** A district-scoped membership (admin or viewer): the district's own pages, such as the review queue, are its. */
export function isDistrictScoped(membership: Membership | undefined): boolean {
  return Boolean(membership?.districtId && !membership.communityId && !membership.partnerId);
}

/**
 * KPIs that compare communities with each other: for one community they can only read 0 % or 100 % of itself, so a
 * community-scoped cockpit leaves them out (its cards, its trend's choice).
 */
const BETWEEN_COMMUNITIES: readonly KpiKey[] = ['communities_with_income_rate'];

/** The overview as a membership's cockpit shows it: a community's without the KPIs that compare communities. */
export function overviewFor<T extends { items: readonly { key: KpiKey }[] }>(
  overview: T,
  membership: Membership | undefined,
): T {
  if (!isCommunityScoped(membership)) return overview;
  return { ...overview, items: overview.items.filter((item) => !BETWEEN_COMMUNITIES.includes(item.key)) };
}
