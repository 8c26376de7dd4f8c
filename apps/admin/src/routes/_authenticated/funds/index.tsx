import { createFileRoute } from '@tanstack/react-router';
import { FundsPage } from '../../../features/funds/components/funds-page';
import { validateFundsSearch } from '../../../features/funds/search';

export const Route = createFileRoute('/_authenticated/funds/')({
  validateSearch: validateFundsSearch,
  component: FundsRoute,
});

function FundsRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <FundsPage
      communityId={search.communityId}
      onCommunity={(communityId) =>
        void navigate({ search: communityId ? { communityId } : {}, replace: true })
      }
    />
  );
}
