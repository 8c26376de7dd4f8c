import type { KpiOverview } from '@gongfu/contract';
import type { PeriodKind } from '@gongfu/domain';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { getKpiResource, kpisQueryKey } from './kpi-request';

export interface KpiPeriodParams {
  period: PeriodKind;
  month: string;
}

export function getKpiOverview(params: KpiPeriodParams, signal?: AbortSignal): Promise<KpiOverview> {
  return getKpiResource<KpiOverview>('overview', { period: params.period, month: params.month }, signal);
}

export function kpiOverviewQueryOptions(params: KpiPeriodParams) {
  return queryOptions({
    queryKey: [...kpisQueryKey, 'overview', params.period, params.month] as const,
    queryFn: ({ signal }) => getKpiOverview(params, signal),
    // a new period keeps the old figures on screen (dimmed) until the new ones arrive
    placeholderData: keepPreviousData,
  });
}

export function useKpiOverview(params: KpiPeriodParams) {
  return useQuery(kpiOverviewQueryOptions(params));
}
