import type { Warning, WarningList, WarningRefreshResult, WarningResolve } from '@gongfu/contract';
import type { WarningKind, WarningSeverity } from '@gongfu/domain';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest, queryString } from '../../../lib/api-client';
import { auditQueryKey } from '../../audit/api/audit';

/** Every warnings query key starts here; resolving one refreshes them all. */
export const warningsQueryKey = ['warnings'] as const;

/** Rows per page of the warnings list. */
export const WARNINGS_PAGE_SIZE = 20;

export interface WarningListParams {
  status?: 'open' | 'resolved' | undefined;
  severity?: WarningSeverity | undefined;
  kind?: WarningKind | undefined;
  communityId?: string | undefined;
  streetOfficeId?: string | undefined;
  subjectId?: string | undefined;
  order?: 'newest' | 'longest' | undefined;
  limit: number;
  offset?: number | undefined;
}

export function warningsQueryOptions(params: WarningListParams, enabled = true) {
  return queryOptions({
    queryKey: [...warningsQueryKey, 'list', params] as const,
    queryFn: ({ signal }) => apiRequest<WarningList>(`/warnings${queryString({ ...params })}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const useWarnings = (params: WarningListParams, enabled = true) =>
  useQuery(warningsQueryOptions(params, enabled));

/** Resolves a warning with a note; the lists, the cockpit's counts and the warning's history refresh. */
export function useResolveWarning() {
  const queryClient = useQueryClient();
  return useMutation<Warning, ApiError, { id: string; body: WarningResolve }>({
    mutationFn: ({ id, body }) =>
      apiRequest<Warning>(`/warnings/${encodeURIComponent(id)}/resolve`, { method: 'POST', body }),
    onSuccess: (warning) => {
      void queryClient.invalidateQueries({ queryKey: warningsQueryKey });
      void queryClient.invalidateQueries({ queryKey: [...auditQueryKey, 'warning', warning.id] });
    },
  });
}

/**
 * Runs the district's warning rules as of today (重新检查预警): new warnings are stored, amber ones whose condition
 * turned red escalate; the lists and the audit log refresh.
 */
export function useRefreshWarnings() {
  const queryClient = useQueryClient();
  return useMutation<WarningRefreshResult, ApiError, void>({
    mutationFn: () => apiRequest<WarningRefreshResult>('/warnings/refresh', { method: 'POST', body: {} }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: warningsQueryKey });
      void queryClient.invalidateQueries({ queryKey: auditQueryKey });
    },
  });
}
