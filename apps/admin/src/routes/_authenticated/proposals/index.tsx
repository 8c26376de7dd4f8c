import { createFileRoute } from '@tanstack/react-router';
import { ProposalsPage } from '../../../features/proposals/components/proposals-page';
import { validateProposalsSearch } from '../../../features/proposals/search';

export const Route = createFileRoute('/_authenticated/proposals/')({
  validateSearch: validateProposalsSearch,
  component: ProposalsRoute,
});

function ProposalsRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <ProposalsPage
      search={search}
      onSearch={(next) => void navigate({ search: next, replace: true })}
      onOpen={(proposalId) => void navigate({ to: '/proposals/$proposalId', params: { proposalId } })}
    />
  );
}
