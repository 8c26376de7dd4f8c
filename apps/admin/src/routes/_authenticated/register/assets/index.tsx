import { createFileRoute } from '@tanstack/react-router';
import { AssetsPage } from '../../../../features/register/components/assets-page';
import { validateAssetsSearch } from '../../../../features/register/search';

export const Route = createFileRoute('/_authenticated/register/assets/')({
  validateSearch: validateAssetsSearch,
  component: AssetsPageRoute,
});

function AssetsPageRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return <AssetsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}
