import type {
  DistributionPreview,
  DistributionRule,
  DistributionRuleCreate,
  DistributionRuleList,
  DistrictSettings,
  DistrictSettingsUpdate,
} from '@gongfu/contract';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest, queryString } from '../../../lib/api-client';

/** The district's settings and the communities' distribution rules. Every key starts with `settings`. */
export const settingsQueryKey = ['settings'] as const;

export function districtSettingsQueryOptions() {
  return queryOptions({
    queryKey: [...settingsQueryKey, 'district'] as const,
    queryFn: ({ signal }) => apiRequest<DistrictSettings>('/district/settings', { signal }),
  });
}

export const useDistrictSettings = () => useQuery(districtSettingsQueryOptions());

export function useUpdateDistrictSettings() {
  const client = useQueryClient();
  return useMutation<DistrictSettings, ApiError, DistrictSettingsUpdate>({
    mutationFn: (body) => apiRequest<DistrictSettings>('/district/settings', { method: 'PATCH', body }),
    onSuccess: (settings) => {
      client.setQueryData(districtSettingsQueryOptions().queryKey, settings);
      // the due day and the reporting start change what is owed: the reporting and review pages read them
      void client.invalidateQueries();
    },
  });
}

export function distributionRulesQueryOptions(communityId: string | undefined) {
  return queryOptions({
    queryKey: [...settingsQueryKey, 'rules', communityId ?? null] as const,
    queryFn: ({ signal }) =>
      apiRequest<DistributionRuleList>(`/distribution-rules${queryString({ communityId })}`, { signal }),
    enabled: communityId !== undefined,
  });
}

export const useDistributionRules = (communityId: string | undefined) =>
  useQuery(distributionRulesQueryOptions(communityId));

export interface PreviewParams {
  communityId: string;
  governanceFundBp: number;
  reserveBp: number;
  otherBp: number;
}

export function distributionPreviewQueryOptions(params: PreviewParams | undefined) {
  return queryOptions({
    queryKey: [...settingsQueryKey, 'preview', params ?? null] as const,
    queryFn: ({ signal }) =>
      apiRequest<DistributionPreview>(
        `/distribution-rules/preview${queryString({ ...(params as PreviewParams) })}`,
        { signal },
      ),
    enabled: params !== undefined,
    placeholderData: keepPreviousData,
  });
}

export const useDistributionPreview = (params: PreviewParams | undefined) =>
  useQuery(distributionPreviewQueryOptions(params));

export function useCreateDistributionRule() {
  const client = useQueryClient();
  return useMutation<DistributionRule, ApiError, DistributionRuleCreate>({
    mutationFn: (body) => apiRequest<DistributionRule>('/distribution-rules', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: settingsQueryKey }),
  });
}
