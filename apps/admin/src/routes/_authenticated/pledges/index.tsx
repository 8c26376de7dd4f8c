import { createFileRoute } from '@tanstack/react-router';
import { PledgesPage } from '../../../features/pledges/components/pledges-page';
import { validatePledgesSearch } from '../../../features/pledges/search';

export const Route = createFileRoute('/_authenticated/pledges/')({
  validateSearch: validatePledgesSearch,
  component: PledgesRoute,
});

function PledgesRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <PledgesPage
      search={search}
      onSearch={(next) => {
        const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
        void navigate({ search: clean, replace: true });
      }}
    />
  );
}
