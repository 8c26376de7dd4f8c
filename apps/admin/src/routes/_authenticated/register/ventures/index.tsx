import { createFileRoute } from '@tanstack/react-router';
import { VenturesPage } from '../../../../features/register/components/ventures-page';
import { validateVenturesSearch } from '../../../../features/register/search';

export const Route = createFileRoute('/_authenticated/register/ventures/')({
  validateSearch: validateVenturesSearch,
  component: VenturesPageRoute,
});

function VenturesPageRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return <VenturesPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}
