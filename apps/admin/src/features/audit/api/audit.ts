import type { AuditActorList, AuditPage } from '@gongfu/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../../lib/api-client';

/**
 * Every audit query key starts with 'audit'. One object's trail is ['audit', entityType, entityId] (a write
 * invalidates it after changing the object); the log's pages and its actors sit under 'page' and 'actors'.
 */
export const auditQueryKey = ['audit'] as const;

/** The entries of the drawer: the newest of one object (older ones are on the audit page). */
export const TRAIL_LIMIT = 50;

export function auditTrailQueryOptions(entityType: string, entityId: string) {
  return queryOptions({
    queryKey: [...auditQueryKey, entityType, entityId] as const,
    queryFn: ({ signal }) =>
      apiRequest<AuditPage>(`/audit${queryString({ entityType, entityId, limit: TRAIL_LIMIT })}`, { signal }),
  });
}

/** The audit trail of one object, newest first (roles that may read the audit log). */
export function useAuditTrail(entityType: string, entityId: string, enabled: boolean) {
  return useQuery({ ...auditTrailQueryOptions(entityType, entityId), enabled });
}

export interface AuditPageParams {
  actorUserId?: string | undefined;
  entityType?: string | undefined;
  action?: string | undefined;
  entityId?: string | undefined;
  communityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
}

/** Entries per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

export function auditPageQueryOptions(params: AuditPageParams, enabled = true) {
  return queryOptions({
    queryKey: [...auditQueryKey, 'page', params] as const,
    queryFn: ({ signal }) =>
      apiRequest<AuditPage>(`/audit${queryString({ ...params, limit: AUDIT_PAGE_SIZE })}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const useAuditPage = (params: AuditPageParams, enabled = true) =>
  useQuery(auditPageQueryOptions(params, enabled));

/** Who appears in the log the caller may read, for the "who" filter. */
export function useAuditActors(communityId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...auditQueryKey, 'actors', communityId ?? null] as const,
    queryFn: ({ signal }) =>
      apiRequest<AuditActorList>(`/audit/actors${queryString({ communityId })}`, { signal }),
    enabled,
  });
}
