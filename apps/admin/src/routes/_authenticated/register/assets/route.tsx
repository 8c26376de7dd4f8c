import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authenticated/register/assets')({
  staticData: { crumb: 'register.nav.assets' },
});
