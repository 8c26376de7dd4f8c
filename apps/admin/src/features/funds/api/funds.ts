import type { Fund, FundList, LedgerEntry, LedgerEntryCreate, LedgerEntryList } from '@gongfu/contract';
import type { LedgerEntryKind } from '@gongfu/domain';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest, queryString } from '../../../lib/api-client';

/**
 * The funds API. Every funds query key starts with `fundsQueryKey`, so an inflow, a payout or a confirmed
 * pledge fulfilment refreshes the balances and the ledger at once.
 */
export const fundsQueryKey = ['funds'] as const;

export function fundsQueryOptions(communityId: string | undefined, enabled = true) {
  return queryOptions({
    queryKey: [...fundsQueryKey, 'list', communityId ?? null] as const,
    queryFn: ({ signal }) => apiRequest<FundList>(`/funds${queryString({ communityId })}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const useFunds = (communityId: string | undefined, enabled = true) =>
  useQuery(fundsQueryOptions(communityId, enabled));

export function fundQueryOptions(fundId: string) {
  return queryOptions({
    queryKey: [...fundsQueryKey, 'detail', fundId] as const,
    queryFn: ({ signal }) => apiRequest<Fund>(`/funds/${encodeURIComponent(fundId)}`, { signal }),
  });
}

export const useFund = (fundId: string) => useQuery(fundQueryOptions(fundId));

/** The API's largest page of entries. */
export const ENTRIES_PAGE = 1000;

/** Every entry of a fund, oldest first, page by page (the charts draw the whole ledger). */
export async function getAllEntries(fundId: string, signal?: AbortSignal): Promise<LedgerEntryList> {
  const path = `/funds/${encodeURIComponent(fundId)}/entries`;
  const first = await apiRequest<LedgerEntryList>(
    `${path}${queryString({ limit: ENTRIES_PAGE, offset: 0 })}`,
    {
      ...(signal ? { signal } : {}),
    },
  );
  const items: LedgerEntry[] = [...first.items];
  while (items.length < first.total) {
    const next = await apiRequest<LedgerEntryList>(
      `${path}${queryString({ limit: ENTRIES_PAGE, offset: items.length })}`,
      signal ? { signal } : {},
    );
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { ...first, items };
}

export function entriesQueryOptions(fundId: string) {
  return queryOptions({
    queryKey: [...fundsQueryKey, 'entries', fundId] as const,
    queryFn: ({ signal }) => getAllEntries(fundId, signal),
  });
}

export const useEntries = (fundId: string) => useQuery(entriesQueryOptions(fundId));

/** One page of the journal, newest first, filtered by the API (kind, booking days), with the filter's totals. */
export interface LedgerPageParams {
  kind?: LedgerEntryKind | undefined;
  /** booked on or after this day (YYYY-MM-DD, Asia/Shanghai) */
  from?: string | undefined;
  /** booked on or before this day */
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export function ledgerPageQueryOptions(fundId: string, params: LedgerPageParams) {
  const { page, pageSize, ...filters } = params;
  return queryOptions({
    queryKey: [...fundsQueryKey, 'ledger', fundId, params] as const,
    queryFn: ({ signal }) =>
      apiRequest<LedgerEntryList>(
        `/funds/${encodeURIComponent(fundId)}/entries${queryString({
          ...filters,
          order: 'desc',
          limit: pageSize,
          offset: (page - 1) * pageSize,
        })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export const useLedgerPage = (fundId: string, params: LedgerPageParams) =>
  useQuery(ledgerPageQueryOptions(fundId, params));

/** Books a donation or a grant (never an expenditure: money leaves a fund only by a proposal's payout). */
export function useRecordInflow(fundId: string) {
  const queryClient = useQueryClient();
  return useMutation<LedgerEntry, ApiError, { body: LedgerEntryCreate; idempotencyKey: string }>({
    mutationFn: ({ body, idempotencyKey }) =>
      apiRequest<LedgerEntry>(`/funds/${encodeURIComponent(fundId)}/entries`, {
        method: 'POST',
        body,
        idempotencyKey,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fundsQueryKey }),
  });
}
