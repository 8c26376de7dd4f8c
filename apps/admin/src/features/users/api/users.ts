import type {
  DistrictCreate,
  DistrictCreated,
  DistrictUser,
  DistrictUserList,
  MembershipInput,
  PasswordReset,
  PlatformDistrictList,
  UserInvite,
  UserInvited,
} from '@gongfu/contract';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest, queryString } from '../../../lib/api-client';

/** The district's accounts (用户与权限) and the platform's districts. A write refreshes the list it changed. */
export const usersQueryKey = ['users'] as const;
export const districtsQueryKey = ['platform', 'districts'] as const;

/** GET /users's filters (DistrictUserListQuery): a role, a community and a partner match one membership. */
export interface UsersParams {
  q?: string | undefined;
  status?: string | undefined;
  role?: string | undefined;
  communityId?: string | undefined;
  partnerId?: string | undefined;
}

export const usersQueryOptions = (params: UsersParams) =>
  queryOptions({
    queryKey: [...usersQueryKey, 'list', params] as const,
    queryFn: ({ signal }) => apiRequest<DistrictUserList>(`/users${queryString({ ...params })}`, { signal }),
    placeholderData: keepPreviousData,
  });
export const useUsers = (params: UsersParams) => useQuery(usersQueryOptions(params));

function useUserWrite<Vars, Result>(request: (vars: Vars) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation<Result, ApiError, Vars>({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}

const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

export const useInviteUser = () =>
  useUserWrite((body: UserInvite) => apiRequest<UserInvited>('/users', { method: 'POST', body }));
export const useDisableUser = () =>
  useUserWrite((id: string) => apiRequest<DistrictUser>(`${userPath(id)}/disable`, { method: 'POST' }));
export const useEnableUser = () =>
  useUserWrite((id: string) => apiRequest<DistrictUser>(`${userPath(id)}/enable`, { method: 'POST' }));
export const useResetPassword = () =>
  useUserWrite((id: string) =>
    apiRequest<PasswordReset>(`${userPath(id)}/reset-password`, { method: 'POST' }),
  );
export const useAddMembership = () =>
  useUserWrite(({ userId, body }: { userId: string; body: MembershipInput }) =>
    apiRequest<DistrictUser>(`${userPath(userId)}/memberships`, { method: 'POST', body }),
  );
export const useUpdateMembership = () =>
  useUserWrite(
    ({ userId, membershipId, body }: { userId: string; membershipId: string; body: MembershipInput }) =>
      apiRequest<DistrictUser>(`${userPath(userId)}/memberships/${encodeURIComponent(membershipId)}`, {
        method: 'PUT',
        body,
      }),
  );
export const useRemoveMembership = () =>
  useUserWrite(({ userId, membershipId }: { userId: string; membershipId: string }) =>
    apiRequest<DistrictUser>(`${userPath(userId)}/memberships/${encodeURIComponent(membershipId)}`, {
      method: 'DELETE',
    }),
  );

export const districtsQueryOptions = () =>
  queryOptions({
    queryKey: districtsQueryKey,
    queryFn: ({ signal }) => apiRequest<PlatformDistrictList>('/platform/districts', { signal }),
  });
export const useDistricts = () => useQuery(districtsQueryOptions());

export function useCreateDistrict() {
  const queryClient = useQueryClient();
  return useMutation<DistrictCreated, ApiError, DistrictCreate>({
    mutationFn: (body) => apiRequest<DistrictCreated>('/platform/districts', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: districtsQueryKey }),
  });
}
