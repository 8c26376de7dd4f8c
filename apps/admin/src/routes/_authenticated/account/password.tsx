import { createFileRoute } from '@tanstack/react-router';
import { ChangePasswordPage } from '../../../features/auth/components/change-password-page';

export const Route = createFileRoute('/_authenticated/account/password')({
  staticData: { crumb: 'auth.changePassword' },
  component: ChangePasswordPage,
});
