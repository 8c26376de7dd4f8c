import { createFileRoute } from '@tanstack/react-router';
import { communitiesQueryOptions } from '../../../features/communities/api/get-communities';
import { CommunitiesPage } from '../../../features/communities/components/communities-page';
import { validateCommunitiesSearch } from '../../../features/communities/search';

export const Route = createFileRoute('/_authenticated/communities/')({
  validateSearch: validateCommunitiesSearch,
  loader: ({ context }) => context.queryClient.ensureQueryData(communitiesQueryOptions()),
  component: CommunitiesRoute,
});

function CommunitiesRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <CommunitiesPage
      q={search.q}
      onSearch={(q) => void navigate({ search: q ? { q } : {}, replace: true })}
      onOpen={(communityId) => void navigate({ to: '/communities/$communityId', params: { communityId } })}
    />
  );
}
