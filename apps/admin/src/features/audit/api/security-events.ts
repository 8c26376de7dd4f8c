import type { SecurityEvent } from '@gongfu/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../../lib/api-client';

export type SecurityEventKind = SecurityEvent['kind'];

/** The district's logins, logouts and password changes, newest first (ADR 0025). */
export function useSecurityEvents(kind: SecurityEventKind | undefined) {
  return useQuery({
    queryKey: ['security-events', kind ?? 'all'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: SecurityEvent[] }>(`/security-events${queryString({ kind, limit: 200 })}`, {
        signal,
      }),
  });
}
