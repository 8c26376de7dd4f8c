import { createFileRoute, notFound } from '@tanstack/react-router';
import { communityQueryOptions, isCommunityId } from '../../../features/communities/api/get-community';
import { CommunityDetailPage } from '../../../features/communities/components/community-detail-page';
import { CommunityNotFound } from '../../../features/communities/components/community-not-found';
import { isApiError } from '../../../lib/api-client';

export const Route = createFileRoute('/_authenticated/communities/$communityId')({
  loader: async ({ context, params }) => {
    // out of scope is the same answer as missing: the API says 404 for both
    if (!isCommunityId(params.communityId)) throw notFound();
    try {
      const community = await context.queryClient.ensureQueryData(communityQueryOptions(params.communityId));
      return { crumb: community.name };
    } catch (error) {
      if (isApiError(error, 404)) throw notFound();
      throw error;
    }
  },
  notFoundComponent: CommunityNotFound,
  component: CommunityDetailRoute,
});

function CommunityDetailRoute() {
  const { communityId } = Route.useParams();
  return <CommunityDetailPage communityId={communityId} />;
}
