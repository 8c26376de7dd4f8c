import type { KpiLatestMonth } from '@gongfu/contract';
import { queryOptions } from '@tanstack/react-query';
import { getKpiResource, kpisQueryKey } from './kpi-request';

/** The newest month with approved figures in the session's scope: where the cockpit opens. */
export function kpiLatestMonthQueryOptions() {
  return queryOptions({
    queryKey: [...kpisQueryKey, 'latest-month'] as const,
    queryFn: ({ signal }) => getKpiResource<KpiLatestMonth>('latest-month', {}, signal),
    staleTime: 5 * 60_000,
  });
}
