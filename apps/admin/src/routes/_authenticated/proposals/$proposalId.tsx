import { createFileRoute, notFound } from '@tanstack/react-router';
import { NotFoundPage } from '../../../components/route-error';
import { isUuid } from '../../../features/funds/search';
import { proposalQueryOptions } from '../../../features/proposals/api/proposals';
import { ProposalPage } from '../../../features/proposals/components/proposal-page';
import { validateProposalSearch } from '../../../features/proposals/search';
import { isApiError } from '../../../lib/api-client';

export const Route = createFileRoute('/_authenticated/proposals/$proposalId')({
  validateSearch: validateProposalSearch,
  loader: async ({ context, params }) => {
    if (!isUuid(params.proposalId)) throw notFound();
    try {
      const proposal = await context.queryClient.ensureQueryData(proposalQueryOptions(params.proposalId));
      return { crumb: proposal.title };
    } catch (error) {
      if (isApiError(error, 404)) throw notFound();
      throw error;
    }
  },
  notFoundComponent: NotFoundPage,
  component: ProposalRoute,
});

function ProposalRoute() {
  const { proposalId } = Route.useParams();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <ProposalPage
      proposalId={proposalId}
      history={search.history === true}
      onHistory={(open) => void navigate({ search: open ? { history: true } : {}, replace: true })}
    />
  );
}
