import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authenticated/audit')({
  staticData: { crumb: 'oversight.nav.audit' },
});
