import { createFileRoute } from '@tanstack/react-router';
import { DistributionRulesPage } from '../../../features/settings/components/distribution-rules-page';

// validated here with a local pattern: importing the contract would put it in the entry chunk
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const Route = createFileRoute('/_authenticated/admin/distribution-rules')({
  staticData: { crumb: 'settings.nav.distribution' },
  validateSearch: (search: Record<string, unknown>): { communityId?: string } =>
    typeof search.communityId === 'string' && UUID.test(search.communityId)
      ? { communityId: search.communityId }
      : {},
  component: DistributionRulesRoute,
});

function DistributionRulesRoute() {
  const { communityId } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <DistributionRulesPage
      communityId={communityId}
      onCommunity={(next) => void navigate({ search: next ? { communityId: next } : {}, replace: true })}
    />
  );
}
