import { createFileRoute } from '@tanstack/react-router';
import { CompaniesPage } from '../../../../features/register/components/companies-page';
import { validateCompaniesSearch } from '../../../../features/register/search';

export const Route = createFileRoute('/_authenticated/register/companies/')({
  validateSearch: validateCompaniesSearch,
  component: CompaniesRoute,
});

function CompaniesRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <CompaniesPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />
  );
}
