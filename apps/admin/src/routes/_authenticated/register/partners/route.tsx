import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authenticated/register/partners')({
  staticData: { crumb: 'register.nav.partners' },
});
