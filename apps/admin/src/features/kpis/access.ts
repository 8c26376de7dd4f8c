import type { Membership } from '@gongfu/contract';
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
