import type { ApiToken, ApiTokenCreate, ApiTokenCreated, ApiTokenList } from '@gongfu/contract';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest } from '../../../lib/api-client';

/** API 令牌 (ADR 0026): the list, creating one (its token answered once) and revoking. */
export const apiTokensQueryKey = ['api-tokens'] as const;

export const apiTokensQueryOptions = () =>
  queryOptions({
    queryKey: apiTokensQueryKey,
    queryFn: ({ signal }) => apiRequest<ApiTokenList>('/api-tokens', { signal }),
  });
export const useApiTokens = () => useQuery(apiTokensQueryOptions());

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation<ApiTokenCreated, ApiError, ApiTokenCreate>({
    mutationFn: (body) => apiRequest<ApiTokenCreated>('/api-tokens', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation<ApiToken, ApiError, string>({
    mutationFn: (id) =>
      apiRequest<ApiToken>(`/api-tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}
