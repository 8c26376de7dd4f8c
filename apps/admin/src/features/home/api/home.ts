import type { Agreement, KpiStanding, WarningList } from '@gongfu/contract';
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

/** Agreements still running that end within 90 days: the home's renewal reminder. */
export const useExpiringAgreements = (enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['agreements', 'expiring', 90] as const,
    queryFn: ({ signal }) =>
      apiRequest<{ items: Agreement[]; total: number }>(
        `/agreements${queryString({ expiringWithinDays: 90 })}`,
        { signal },
      ),
  });

/** Open warnings, newest first (the home shows a few and links to the list). */
export const useOpenWarnings = (enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['warnings', 'open', 'home'] as const,
    queryFn: ({ signal }) =>
      apiRequest<WarningList>(`/warnings${queryString({ status: 'open', limit: 5 })}`, { signal }),
  });
