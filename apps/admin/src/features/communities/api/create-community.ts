import type { Community, CommunityCreate } from '@gongfu/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest } from '../../../lib/api-client';
import { communitiesQueryKey } from './get-communities';

/** What the form sends: the contract's input type (`kind` has a server default, so optional here). */
export type CommunityCreateInput = Omit<CommunityCreate, 'kind'> & { kind?: CommunityCreate['kind'] };

export function createCommunity(body: CommunityCreateInput): Promise<Community> {
  return apiRequest<Community>('/communities', { method: 'POST', body });
}

export function useCreateCommunity() {
  const queryClient = useQueryClient();
  return useMutation<Community, ApiError, CommunityCreateInput>({
    mutationFn: createCommunity,
    onSuccess: (community) => {
      queryClient.setQueryData(['communities', 'detail', community.id], community);
      return queryClient.invalidateQueries({ queryKey: communitiesQueryKey });
    },
  });
}
