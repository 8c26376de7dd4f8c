import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authenticated/register')({
  staticData: { crumb: 'register.nav.register' },
});
