import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { actingMembershipId, markActingMembershipWithdrawn } from './acting-membership';
import { isApiError } from './api-client';

/** A refusal of the membership this tab named (ADR 0043): the frame says so instead of the page's own error. */
function noticeWithdrawnMembership(error: unknown) {
  if (isApiError(error, 403) && error.code === 'membership_not_found' && actingMembershipId()) {
    markActingMembershipWithdrawn();
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: noticeWithdrawnMembership }),
    mutationCache: new MutationCache({ onError: noticeWithdrawnMembership }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // 4xx answers are final: retrying a 401/403/404 only delays the page
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
}
