import type { Community } from '@gongfu/contract';
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export function getCommunity(id: string, signal?: AbortSignal): Promise<Community> {
  return apiRequest<Community>(`/communities/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function communityQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['communities', 'detail', id] as const,
    queryFn: ({ signal }) => getCommunity(id, signal),
  });
}

export function useCommunity(id: string): Community {
  return useSuspenseQuery(communityQueryOptions(id)).data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot exist, and is not worth a request. */
export function isCommunityId(value: string): boolean {
  return UUID.test(value);
}
