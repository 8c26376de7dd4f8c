import type { KpiTargetList, KpiTargetsUpdate } from '@gongfu/contract';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest } from '../../../lib/api-client';
import { auditQueryKey } from '../../audit/api/audit';
import { kpisQueryKey } from '../../kpis/api/kpi-request';

/** Under the KPIs' key: a saved target refreshes the cockpit's progress, goal lines and ranking marks too. */
export const kpiTargetsQueryKey = [...kpisQueryKey, 'targets'] as const;

export function kpiTargetsQueryOptions(year: number) {
  return queryOptions({
    queryKey: [...kpiTargetsQueryKey, year] as const,
    queryFn: ({ signal }) => apiRequest<KpiTargetList>(`/kpis/targets?year=${year}`, { signal }),
  });
}

export const useKpiTargets = (year: number) => useQuery(kpiTargetsQueryOptions(year));

/** Saves a bulk edit of a year's targets (all or nothing); the answer is the year's targets after it. */
export function useSaveKpiTargets() {
  const queryClient = useQueryClient();
  return useMutation<KpiTargetList, ApiError, KpiTargetsUpdate>({
    mutationFn: (body) => apiRequest<KpiTargetList>('/kpis/targets', { method: 'PUT', body }),
    onSuccess: (list) => {
      queryClient.setQueryData([...kpiTargetsQueryKey, list.year], list);
      void queryClient.invalidateQueries({ queryKey: kpisQueryKey });
      void queryClient.invalidateQueries({ queryKey: auditQueryKey });
    },
    // someone changed a target meanwhile: the page shows the latest to check against
    onError: (error, body) => {
      if (error.status === 409)
        void queryClient.invalidateQueries({ queryKey: [...kpiTargetsQueryKey, body.year] });
    },
  });
}
