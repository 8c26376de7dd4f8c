import { createFileRoute } from '@tanstack/react-router';
import { WarningsPage } from '../../../features/warnings/components/warnings-page';
import { validateWarningsSearch } from '../../../features/warnings/search';

export const Route = createFileRoute('/_authenticated/warnings/')({
  validateSearch: validateWarningsSearch,
  component: WarningsRoute,
});

function WarningsRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return <WarningsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}
