import type { KpiKey, KpiRanking } from '@gongfu/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { KpiPeriodParams } from './get-kpi-overview';
import { getKpiResource, kpisQueryKey } from './kpi-request';

export interface KpiRankingParams extends KpiPeriodParams {
  kpi: KpiKey;
}

export function getKpiRanking(params: KpiRankingParams, signal?: AbortSignal): Promise<KpiRanking> {
  return getKpiResource<KpiRanking>('ranking', { ...params }, signal);
}

export function kpiRankingQueryOptions(params: KpiRankingParams) {
  return queryOptions({
    queryKey: [...kpisQueryKey, 'ranking', params.kpi, params.period, params.month] as const,
    queryFn: ({ signal }) => getKpiRanking(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useKpiRanking(params: KpiRankingParams) {
  return useQuery(kpiRankingQueryOptions(params));
}
