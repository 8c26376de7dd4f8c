import type { ReportingMatrix } from '@gongfu/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { getKpiResource, kpisQueryKey } from './kpi-request';

export interface ReportingMatrixParams {
  from: string;
  to: string;
}

export function getReportingMatrix(params: ReportingMatrixParams, signal?: AbortSignal) {
  return getKpiResource<ReportingMatrix>('reporting-matrix', { ...params }, signal);
}

export function reportingMatrixQueryOptions(params: ReportingMatrixParams) {
  return queryOptions({
    queryKey: [...kpisQueryKey, 'reporting-matrix', params.from, params.to] as const,
    queryFn: ({ signal }) => getReportingMatrix(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReportingMatrix(params: ReportingMatrixParams) {
  return useQuery(reportingMatrixQueryOptions(params));
}
