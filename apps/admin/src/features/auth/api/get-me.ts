import type { Me, Membership } from '@gongfu/contract';
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export function getMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest<Me>('/me', signal ? { signal } : {});
}

export const meQueryKey = ['me'] as const;

export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 5 * 60_000,
  });
}

export function useMe(): Me {
  return useSuspenseQuery(meQueryOptions()).data;
}

/** The membership the session acts under (falls back to the first one). */
export function activeMembership(me: Me): Membership | undefined {
  return me.memberships.find((m) => m.id === me.activeMembershipId) ?? me.memberships[0];
}

export function useActiveMembership(): Membership | undefined {
  return activeMembership(useMe());
}
