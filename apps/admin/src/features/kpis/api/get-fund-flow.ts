import type { FundFlow } from '@gongfu/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { KpiPeriodParams } from './get-kpi-overview';
import { getKpiResource, kpisQueryKey } from './kpi-request';

export function getFundFlow(params: KpiPeriodParams, signal?: AbortSignal): Promise<FundFlow> {
  return getKpiResource<FundFlow>('fund-flow', { ...params }, signal);
}

export function fundFlowQueryOptions(params: KpiPeriodParams) {
  return queryOptions({
    queryKey: [...kpisQueryKey, 'fund-flow', params.period, params.month] as const,
    queryFn: ({ signal }) => getFundFlow(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFundFlow(params: KpiPeriodParams) {
  return useQuery(fundFlowQueryOptions(params));
}
