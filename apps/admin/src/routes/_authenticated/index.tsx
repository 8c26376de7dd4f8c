import { can } from '@gongfu/domain';
import { createFileRoute } from '@tanstack/react-router';
import { activeMembership } from '../../features/auth/api/get-me';
import { communitiesQueryOptions } from '../../features/communities/api/get-communities';
import { HomePage } from '../../features/home/components/home-page';

export const Route = createFileRoute('/_authenticated/')({
  staticData: { crumb: 'nav.overview' },
  loader: async ({ context }) => {
    const role = activeMembership(context.me)?.role;
    if (role && can(role, 'community:read')) {
      await context.queryClient.ensureQueryData(communitiesQueryOptions());
    }
  },
  component: HomePage,
});
