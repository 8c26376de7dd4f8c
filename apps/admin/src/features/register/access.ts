import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { communitiesQueryOptions } from '../communities/api/get-communities';
import { type BooksScope, useBooksScope } from '../funds/access';

/**
 * Who sees and writes the register: the domain's table decides (communities keep their own books — a
 * community's admin writes its register, district roles read every community's; partners are the district's
 * and its admin writes them). The API checks every request again.
 */
export interface RegisterScope extends BooksScope {
  /** the list's community parameter: the one a district reader chose; a community role's own is implied */
  listCommunityId: string | undefined;
}

export function useRegisterScope(chosen: string | undefined): RegisterScope {
  const scope = useBooksScope(chosen);
  return { ...scope, listCommunityId: scope.choosesCommunity ? scope.communityId : undefined };
}

/** Community names by id, for a district reader's lists across communities. */
export function useCommunityNames(enabled: boolean): Map<string, string> {
  const communities = useQuery({ ...communitiesQueryOptions(), enabled });
  return useMemo(
    () => new Map((communities.data?.items ?? []).map((c) => [c.id, c.name])),
    [communities.data],
  );
}
