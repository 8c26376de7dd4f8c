import type {
  ApprovalPreview,
  PeriodLock,
  PeriodLockCreate,
  ReportCreate,
  ReportDetail,
  ReportHistory,
  ReportList,
  ReportListQuery,
  ReportStatusOverview,
  ReportStatusQuery,
  ReportTransition,
  ReportUpdate,
} from '@gongfu/contract';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest, queryString } from '../../../lib/api-client';

/**
 * The monthly reports API, shared by the clerk's pages (to-do, form) and the district's (queue, drawer). Every
 * reports query key starts with `reportsQueryKey`, so a transition refreshes the lists, the status and the detail.
 */
export const reportsQueryKey = ['reports'] as const;

/** The list's filters as the URL carries them (booleans as the API's `true` / `false`). */
export type ReportListParams = Omit<ReportListQuery, 'current' | 'flagged'> & {
  current?: boolean;
  flagged?: boolean;
};

export function getReports(params: ReportListParams, signal?: AbortSignal): Promise<ReportList> {
  return apiRequest<ReportList>(`/reports${queryString(params)}`, signal ? { signal } : {});
}

export function reportsQueryOptions(params: ReportListParams) {
  return queryOptions({
    queryKey: [...reportsQueryKey, 'list', params] as const,
    queryFn: ({ signal }) => getReports(params, signal),
    placeholderData: keepPreviousData,
  });
}

export const useReports = (params: ReportListParams, enabled = true) =>
  useQuery({ ...reportsQueryOptions(params), enabled });

export type ReportStatusParams = ReportStatusQuery;

export function reportStatusQueryOptions(params: ReportStatusParams) {
  return queryOptions({
    queryKey: [...reportsQueryKey, 'status', params] as const,
    queryFn: ({ signal }) =>
      apiRequest<ReportStatusOverview>(`/reports/status${queryString(params)}`, signal ? { signal } : {}),
    placeholderData: keepPreviousData,
  });
}

export const useReportStatus = (params: ReportStatusParams, enabled = true) =>
  useQuery({ ...reportStatusQueryOptions(params), enabled });

export function reportQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...reportsQueryKey, 'detail', id] as const,
    queryFn: ({ signal }) => apiRequest<ReportDetail>(`/reports/${id}`, signal ? { signal } : {}),
  });
}

export const useReport = (id: string | undefined) =>
  useQuery({ ...reportQueryOptions(id ?? ''), enabled: id !== undefined });

/** The venture's approved figures of the 12 months before `month` (oldest first). */
export function reportHistoryQueryOptions(ventureId: string, month: string) {
  return queryOptions({
    queryKey: [...reportsQueryKey, 'history', ventureId, month] as const,
    queryFn: ({ signal }) =>
      apiRequest<ReportHistory>(
        `/reports/history${queryString({ ventureId, month })}`,
        signal ? { signal } : {},
      ),
    staleTime: 5 * 60_000,
  });
}

export const useReportHistory = (ventureId: string | undefined, month: string | undefined) =>
  useQuery({
    ...reportHistoryQueryOptions(ventureId ?? '', month ?? ''),
    enabled: ventureId !== undefined && month !== undefined,
  });

export function approvalPreviewQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...reportsQueryKey, 'approval-preview', id] as const,
    queryFn: ({ signal }) =>
      apiRequest<ApprovalPreview>(`/reports/${id}/approval-preview`, signal ? { signal } : {}),
  });
}

export const useApprovalPreview = (id: string | undefined) =>
  useQuery({ ...approvalPreviewQueryOptions(id ?? ''), enabled: id !== undefined });

export function periodLocksQueryOptions(month: string | undefined) {
  return queryOptions({
    queryKey: [...reportsQueryKey, 'locks', month ?? null] as const,
    queryFn: ({ signal }) =>
      apiRequest<{ items: PeriodLock[] }>(
        `/reports/locks${queryString({ month })}`,
        signal ? { signal } : {},
      ),
  });
}

export const usePeriodLocks = (month: string | undefined) => useQuery(periodLocksQueryOptions(month));

// ---- writes -------------------------------------------------------------------------------------------------

export const createReport = (body: ReportCreate) =>
  apiRequest<ReportDetail>('/reports', { method: 'POST', body });

export const updateReport = (id: string, body: ReportUpdate) =>
  apiRequest<ReportDetail>(`/reports/${id}`, { method: 'PATCH', body });

export type ReportTransitionAction = 'submit' | 'return' | 'approve' | 'lock' | 'amend';

/**
 * One workflow step. `idempotencyKey` makes a retry after a dropped connection safe: the API answers the first
 * outcome again instead of acting twice (an approval posts money).
 */
export const transitionReport = (
  id: string,
  action: ReportTransitionAction,
  body: ReportTransition = {},
  idempotencyKey: string = crypto.randomUUID(),
) => apiRequest<ReportDetail>(`/reports/${id}/${action}`, { method: 'POST', body, idempotencyKey });

export const lockPeriod = (body: PeriodLockCreate) =>
  apiRequest<{ lock: PeriodLock; lockedReports: number }>('/reports/locks', { method: 'POST', body });

/** After any write: the changed report is known; every list, status and preview is read again. */
function useReportsRefresh() {
  const queryClient = useQueryClient();
  return (report?: ReportDetail) => {
    if (report) queryClient.setQueryData(reportQueryOptions(report.id).queryKey, report);
    return queryClient.invalidateQueries({
      queryKey: reportsQueryKey,
      predicate: (query) => !report || query.queryKey[2] !== report.id,
    });
  };
}

export function useReportTransition() {
  const refresh = useReportsRefresh();
  return useMutation<
    ReportDetail,
    ApiError,
    { id: string; action: ReportTransitionAction; body?: ReportTransition; idempotencyKey?: string }
  >({
    mutationFn: ({ id, action, body, idempotencyKey }) => transitionReport(id, action, body, idempotencyKey),
    onSuccess: (report) => refresh(report),
  });
}

export function useLockPeriod() {
  const refresh = useReportsRefresh();
  return useMutation<{ lock: PeriodLock; lockedReports: number }, ApiError, PeriodLockCreate>({
    mutationFn: lockPeriod,
    onSuccess: () => refresh(),
  });
}

export { useReportsRefresh };

/**
 * One venture as the API shows it to the session: the report form asks before it opens a pasted link, so a venture
 * out of reach is a not-found page rather than an empty form.
 */
export function reachableVentureQueryOptions(ventureId: string) {
  return queryOptions({
    queryKey: ['ventures', 'one', ventureId] as const,
    queryFn: ({ signal }) =>
      apiRequest<{ id: string; name: string }>(`/ventures/${ventureId}`, signal ? { signal } : {}),
    staleTime: 5 * 60_000,
  });
}
