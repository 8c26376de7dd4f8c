import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authenticated/register/companies')({
  staticData: { crumb: 'register.nav.companies' },
});
