import type { Membership } from '@gongfu/contract';
import { type Action, can } from '@gongfu/domain';
import { useActiveMembership } from '../auth/api/get-me';

/**
 * Who may do what on the funds pages. The domain's table decides (communities keep their own books: district
 * roles read, the community's admin writes); the API checks every request again.
 */
export function mayDo(membership: Membership | undefined, action: Action): boolean {
  return membership ? can(membership.role, action) : false;
}

export interface BooksScope {
  membership: Membership | undefined;
  /** the community whose books are shown: a community role's own, or the one a district role chose */
  communityId: string | undefined;
  /** a district role chooses the community (and reads only) */
  choosesCommunity: boolean;
  may: (action: Action) => boolean;
}

export function useBooksScope(chosen: string | undefined): BooksScope {
  const membership = useActiveMembership();
  const own = membership?.communityId ?? undefined;
  const choosesCommunity = Boolean(
    membership?.districtId && !membership.communityId && !membership.partnerId,
  );
  return {
    membership,
    communityId: own ?? (choosesCommunity ? chosen : undefined),
    choosesCommunity,
    may: (action) => mayDo(membership, action),
  };
}
