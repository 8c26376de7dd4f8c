import { PROPOSAL_STATUSES, type ProposalStatus } from '@gongfu/domain';
import { isUuid } from '../funds/search';

/** The proposals list's URL: community (district roles), fund and status. */
export interface ProposalsSearch {
  communityId?: string;
  fundId?: string;
  status?: ProposalStatus;
}

export function validateProposalsSearch(search: Record<string, unknown>): ProposalsSearch {
  const result: ProposalsSearch = {};
  if (isUuid(search.communityId)) result.communityId = search.communityId;
  if (isUuid(search.fundId)) result.fundId = search.fundId;
  const status = search.status;
  if (typeof status === 'string' && (PROPOSAL_STATUSES as readonly string[]).includes(status)) {
    result.status = status as ProposalStatus;
  }
  return result;
}

/** The proposal page's URL: whether the operation log is open. */
export interface ProposalSearch {
  history?: boolean;
}

export function validateProposalSearch(search: Record<string, unknown>): ProposalSearch {
  return search.history === true || search.history === 'true' || search.history === 1
    ? { history: true }
    : {};
}
