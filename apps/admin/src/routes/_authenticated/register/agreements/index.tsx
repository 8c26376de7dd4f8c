import { createFileRoute } from '@tanstack/react-router';
import { AgreementsPage } from '../../../../features/register/components/agreements-page';
import { validateAgreementsSearch } from '../../../../features/register/search';

export const Route = createFileRoute('/_authenticated/register/agreements/')({
  validateSearch: validateAgreementsSearch,
  component: AgreementsPageRoute,
});

function AgreementsPageRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <AgreementsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />
  );
}
