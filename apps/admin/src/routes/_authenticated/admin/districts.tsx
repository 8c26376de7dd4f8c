import { createFileRoute } from '@tanstack/react-router';
import { DistrictsPage } from '../../../features/users/components/districts-page';

export const Route = createFileRoute('/_authenticated/admin/districts')({
  staticData: { crumb: 'users.nav.districts' },
  component: DistrictsPage,
});
