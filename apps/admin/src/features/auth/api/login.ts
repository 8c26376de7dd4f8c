import type { LoginBody, Me } from '@gongfu/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { chooseActingMembership } from '../../../lib/acting-membership';
import { type ApiError, apiRequest } from '../../../lib/api-client';
import { meQueryKey } from './get-me';

export function login(body: LoginBody): Promise<Me> {
  // a new login starts under the person's first membership, whatever the browser's last user chose (ADR 0043)
  chooseActingMembership(undefined);
  return apiRequest<Me>('/auth/login', { method: 'POST', body });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<Me, ApiError, LoginBody>({
    mutationFn: login,
    onSuccess: (me) => {
      // a new session: nothing cached under the previous one may survive
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
