import type { KpiStanding } from '@gongfu/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, queryString } from '../../../lib/api-client';
import { kpisQueryKey } from '../../kpis/api/kpi-request';

/** The community's headline figures and its rank in the district, year to date at the data date (ADR 0015). */
export function standingQueryOptions(month: string | undefined) {
  return queryOptions({
    queryKey: [...kpisQueryKey, 'standing', month] as const,
    queryFn: ({ signal }) =>
      apiRequest<KpiStanding>(`/kpis/standing${queryString({ period: 'ytd', month })}`, { signal }),
    enabled: Boolean(month),
    staleTime: 5 * 60_000,
  });
}

export const useStanding = (month: string | undefined, enabled = true) =>
  useQuery({ ...standingQueryOptions(month), enabled: enabled && Boolean(month) });
