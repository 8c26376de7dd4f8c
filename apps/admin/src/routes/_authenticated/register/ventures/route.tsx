import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authenticated/register/ventures')({
  staticData: { crumb: 'register.nav.ventures' },
});
