import type {
  CloseInput,
  DeliberationInput,
  DisclosureInput,
  ObjectionCreate,
  ObjectionResolve,
  PayoutCreate,
  ProposalCreate,
  ProposalDetail,
  ProposalList,
  ProposalUpdate,
  VersionInput,
} from '@gongfu/contract';
import type { ProposalStatus } from '@gongfu/domain';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest, queryString } from '../../../lib/api-client';
import { fundsQueryKey } from '../../funds/api/funds';

/** Every proposals query key starts here; a step refreshes the lists, the detail and the funds. */
export const proposalsQueryKey = ['proposals'] as const;

export interface ProposalListParams {
  communityId?: string | undefined;
  fundId?: string | undefined;
  status?: ProposalStatus | undefined;
}

export function proposalsQueryOptions(params: ProposalListParams, enabled = true) {
  return queryOptions({
    queryKey: [...proposalsQueryKey, 'list', params] as const,
    queryFn: ({ signal }) => apiRequest<ProposalList>(`/proposals${queryString({ ...params })}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const useProposals = (params: ProposalListParams, enabled = true) =>
  useQuery(proposalsQueryOptions(params, enabled));

export function proposalQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...proposalsQueryKey, 'detail', id] as const,
    queryFn: ({ signal }) => apiRequest<ProposalDetail>(`/proposals/${encodeURIComponent(id)}`, { signal }),
  });
}

export const useProposal = (id: string) => useQuery(proposalQueryOptions(id));

/** One write: its path under the proposal and its body. */
export type ProposalStep =
  | { step: 'update'; body: ProposalUpdate }
  | { step: 'deliberate'; body: DeliberationInput }
  | { step: 'disclose'; body: DisclosureInput }
  | { step: 'objections'; body: ObjectionCreate }
  | { step: 'resolve'; objectionId: string; body: ObjectionResolve }
  | { step: 'payouts'; body: PayoutCreate; idempotencyKey: string }
  | { step: 'close'; body: CloseInput }
  | { step: 'withdraw'; body: VersionInput };

function pathOf(id: string, s: ProposalStep): string {
  const base = `/proposals/${encodeURIComponent(id)}`;
  switch (s.step) {
    case 'update':
      return base;
    case 'resolve':
      return `${base}/objections/${encodeURIComponent(s.objectionId)}/resolve`;
    default:
      return `${base}/${s.step}`;
  }
}

/** Takes a step of the proposal's workflow; the answer (the fresh proposal) replaces the cached one. */
export function useProposalStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation<ProposalDetail, ApiError, ProposalStep>({
    mutationFn: async (s) => {
      const path = pathOf(id, s);
      const method = s.step === 'update' ? 'PATCH' : 'POST';
      if (s.step === 'payouts') {
        const result = await apiRequest<{
          proposal: ProposalDetail;
          entryId: string;
          fundBalanceFen: number;
        }>(path, {
          method,
          body: s.body,
          idempotencyKey: s.idempotencyKey,
        });
        return result.proposal;
      }
      return apiRequest<ProposalDetail>(path, { method, body: s.body });
    },
    onSuccess: (proposal) => {
      queryClient.setQueryData(proposalQueryOptions(id).queryKey, proposal);
      void queryClient.invalidateQueries({ queryKey: [...proposalsQueryKey, 'list'] });
      void queryClient.invalidateQueries({ queryKey: fundsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['audit', 'proposal', id] });
    },
  });
}

export function useCreateProposal() {
  const queryClient = useQueryClient();
  return useMutation<ProposalDetail, ApiError, ProposalCreate>({
    mutationFn: (body) => apiRequest<ProposalDetail>('/proposals', { method: 'POST', body }),
    onSuccess: (proposal) => {
      queryClient.setQueryData(proposalQueryOptions(proposal.id).queryKey, proposal);
      return queryClient.invalidateQueries({ queryKey: [...proposalsQueryKey, 'list'] });
    },
  });
}
