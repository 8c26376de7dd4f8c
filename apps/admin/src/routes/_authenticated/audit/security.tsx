import { createFileRoute } from '@tanstack/react-router';
import { SecurityEventsPage } from '../../../features/audit/components/security-events-page';

export const Route = createFileRoute('/_authenticated/audit/security')({
  staticData: { crumb: 'auth.security.title' },
  component: SecurityEventsPage,
});
