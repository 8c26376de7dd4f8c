import { createFileRoute } from '@tanstack/react-router';
import { UsersPage } from '../../../features/users/components/users-page';
import { validateUsersSearch } from '../../../features/users/search';

export const Route = createFileRoute('/_authenticated/admin/users')({
  staticData: { crumb: 'users.nav.users' },
  validateSearch: validateUsersSearch,
  component: UsersRoute,
});

function UsersRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return <UsersPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}
