import { isUuid } from '../funds/search';

export const PLEDGE_FILTERS = ['open', 'overdue', 'fulfilled'] as const;
export type PledgeFilter = (typeof PLEDGE_FILTERS)[number];

/** The pledges list's URL: community (district roles), status, and the pledge open in the drawer. */
export interface PledgesSearch {
  communityId?: string;
  status?: PledgeFilter;
  pledge?: string;
}

export function validatePledgesSearch(search: Record<string, unknown>): PledgesSearch {
  const result: PledgesSearch = {};
  if (isUuid(search.communityId)) result.communityId = search.communityId;
  const status = search.status;
  if (typeof status === 'string' && (PLEDGE_FILTERS as readonly string[]).includes(status)) {
    result.status = status as PledgeFilter;
  }
  if (isUuid(search.pledge)) result.pledge = search.pledge;
  return result;
}
