import type { CommunityList } from '@gongfu/contract';
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export function getCommunities(signal?: AbortSignal): Promise<CommunityList> {
  return apiRequest<CommunityList>('/communities', signal ? { signal } : {});
}

export const communitiesQueryKey = ['communities', 'list'] as const;

export function communitiesQueryOptions() {
  return queryOptions({
    queryKey: communitiesQueryKey,
    queryFn: ({ signal }) => getCommunities(signal),
  });
}

export function useCommunities(): CommunityList {
  return useSuspenseQuery(communitiesQueryOptions()).data;
}
