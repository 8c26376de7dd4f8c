import type { Me, Membership } from '@gongfu/contract';
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { actingMembershipId, chooseActingMembership } from '../../../lib/acting-membership';
import { apiRequest, isApiError } from '../../../lib/api-client';

export async function getMe(signal?: AbortSignal): Promise<Me> {
  const options = signal ? { signal } : {};
  try {
    return await apiRequest<Me>('/me', options);
  } catch (error) {
    // the membership chosen earlier in this browser is gone (revoked, or another person's login): the first it is.
    // Only here: a write refused for it must not be retried under another membership.
    if (isApiError(error, 403) && error.code === 'membership_not_found' && actingMembershipId()) {
      chooseActingMembership(undefined);
      return apiRequest<Me>('/me', options);
    }
    throw error;
  }
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
