import type { KpiMix } from '@gongfu/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { KpiPeriodParams } from './get-kpi-overview';
import { getKpiResource, kpisQueryKey } from './kpi-request';

export function getKpiMix(params: KpiPeriodParams, signal?: AbortSignal): Promise<KpiMix> {
  return getKpiResource<KpiMix>('mix', { ...params }, signal);
}

export function kpiMixQueryOptions(params: KpiPeriodParams) {
  return queryOptions({
    queryKey: [...kpisQueryKey, 'mix', params.period, params.month] as const,
    queryFn: ({ signal }) => getKpiMix(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useKpiMix(params: KpiPeriodParams) {
  return useQuery(kpiMixQueryOptions(params));
}
