import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authenticated/register/agreements')({
  staticData: { crumb: 'register.nav.agreements' },
});
