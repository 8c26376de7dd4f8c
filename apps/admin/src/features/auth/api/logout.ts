import { useMutation, useQueryClient } from '@tanstack/react-query';
import { chooseActingMembership } from '../../../lib/acting-membership';
import { type ApiError, apiRequest } from '../../../lib/api-client';
import { forgetReportsOnThisDevice } from '../../../lib/kept-on-device';

export function logout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST' });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError>({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      chooseActingMembership(undefined);
      forgetReportsOnThisDevice();
    },
  });
}
