import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authenticated/funds')({
  staticData: { crumb: 'funds.nav.funds' },
});
