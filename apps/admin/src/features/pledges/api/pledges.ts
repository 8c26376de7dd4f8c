import type { FulfilmentCreate, Partner, PledgeCreate, PledgeDetail, PledgeList } from '@gongfu/contract';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest, queryString } from '../../../lib/api-client';
import { fundsQueryKey } from '../../funds/api/funds';

export const pledgesQueryKey = ['pledges'] as const;

export interface PledgeListParams {
  communityId?: string | undefined;
  status?: 'open' | 'fulfilled' | undefined;
  /** open pledges past their due day (by the server's clock) */
  overdue?: boolean | undefined;
}

export function pledgesQueryOptions(params: PledgeListParams, enabled = true) {
  return queryOptions({
    queryKey: [...pledgesQueryKey, 'list', params] as const,
    queryFn: ({ signal }) => apiRequest<PledgeList>(`/pledges${queryString({ ...params })}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const usePledges = (params: PledgeListParams, enabled = true) =>
  useQuery(pledgesQueryOptions(params, enabled));

export function pledgeQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...pledgesQueryKey, 'detail', id] as const,
    queryFn: ({ signal }) => apiRequest<PledgeDetail>(`/pledges/${encodeURIComponent(id)}`, { signal }),
  });
}

export const usePledge = (id: string | undefined) =>
  useQuery({ ...pledgeQueryOptions(id ?? ''), enabled: id !== undefined });

export function usePartners(enabled: boolean) {
  return useQuery({
    queryKey: ['partners', 'list'] as const,
    queryFn: ({ signal }) => apiRequest<{ items: Partner[] }>('/partners', { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** A pledge's writes; each answers the fresh pledge, and a booked donation refreshes the funds. */
export function usePledgeWrite() {
  const queryClient = useQueryClient();
  return useMutation<
    PledgeDetail,
    ApiError,
    | { step: 'create'; body: PledgeCreate }
    | { step: 'fulfil'; pledgeId: string; body: FulfilmentCreate; idempotencyKey: string }
    | { step: 'confirm'; pledgeId: string; fulfilmentId: string; idempotencyKey: string }
  >({
    mutationFn: (w) => {
      if (w.step === 'create') return apiRequest<PledgeDetail>('/pledges', { method: 'POST', body: w.body });
      const base = `/pledges/${encodeURIComponent(w.pledgeId)}/fulfilments`;
      if (w.step === 'fulfil') {
        return apiRequest<PledgeDetail>(base, {
          method: 'POST',
          body: w.body,
          idempotencyKey: w.idempotencyKey,
        });
      }
      return apiRequest<PledgeDetail>(`${base}/${encodeURIComponent(w.fulfilmentId)}/confirm`, {
        method: 'POST',
        idempotencyKey: w.idempotencyKey,
      });
    },
    onSuccess: (pledge) => {
      queryClient.setQueryData(pledgeQueryOptions(pledge.id).queryKey, pledge);
      void queryClient.invalidateQueries({ queryKey: [...pledgesQueryKey, 'list'] });
      void queryClient.invalidateQueries({ queryKey: fundsQueryKey });
    },
  });
}
