import { createFileRoute, redirect } from '@tanstack/react-router';
import { activeMembership } from '../../../features/auth/api/get-me';
import { registerHome } from '../../../features/register/sections';

// the register opens on the first section the role reads (an operator partner's: its ventures, not the companies
// it may not read); its menu item and its breadcrumb lead here
export const Route = createFileRoute('/_authenticated/register/')({
  beforeLoad: ({ context }) => {
    throw redirect({ to: registerHome(activeMembership(context.me)?.role), replace: true });
  },
});
