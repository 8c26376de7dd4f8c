import { createFileRoute } from '@tanstack/react-router';
import { PartnersPage } from '../../../../features/register/components/partners-page';
import { validatePartnersSearch } from '../../../../features/register/search';

export const Route = createFileRoute('/_authenticated/register/partners/')({
  validateSearch: validatePartnersSearch,
  component: PartnersPageRoute,
});

function PartnersPageRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return <PartnersPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}
