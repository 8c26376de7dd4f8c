import type { KpiGroupBy, KpiKey, KpiSeries } from '@gongfu/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { getKpiResource, kpisQueryKey } from './kpi-request';

export interface KpiSeriesParams {
  kpi: KpiKey;
  from: string;
  to: string;
  groupBy: KpiGroupBy;
}

export function getKpiSeries(params: KpiSeriesParams, signal?: AbortSignal): Promise<KpiSeries> {
  return getKpiResource<KpiSeries>('series', { ...params }, signal);
}

export function kpiSeriesQueryOptions(params: KpiSeriesParams) {
  return queryOptions({
    queryKey: [...kpisQueryKey, 'series', params.kpi, params.from, params.to, params.groupBy] as const,
    queryFn: ({ signal }) => getKpiSeries(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useKpiSeries(params: KpiSeriesParams) {
  return useQuery(kpiSeriesQueryOptions(params));
}
