import { createFileRoute, redirect } from '@tanstack/react-router';

// the register opens on its first section
export const Route = createFileRoute('/_authenticated/register/')({
  beforeLoad: () => {
    throw redirect({ to: '/register/companies', replace: true });
  },
});
