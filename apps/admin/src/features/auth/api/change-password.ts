import type { ChangePasswordBody, Me } from '@gongfu/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ApiError, apiRequest } from '../../../lib/api-client';
import { meQueryKey } from './get-me';

export function changePassword(body: ChangePasswordBody): Promise<Me> {
  return apiRequest<Me>('/auth/password', { method: 'POST', body });
}

/** The change answers the user afresh (the flag cleared): the cached `me` takes it, so the guard lets go. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation<Me, ApiError, ChangePasswordBody>({
    mutationFn: changePassword,
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
