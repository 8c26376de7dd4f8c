import { createFileRoute, notFound } from '@tanstack/react-router';
import { NotFoundPage } from '../../../components/route-error';
import { fundQueryOptions } from '../../../features/funds/api/funds';
import { FundPage } from '../../../features/funds/components/fund-page';
import { isUuid, validateLedgerSearch } from '../../../features/funds/search';
import { isApiError } from '../../../lib/api-client';

export const Route = createFileRoute('/_authenticated/funds/$fundId')({
  validateSearch: validateLedgerSearch,
  loader: async ({ context, params }) => {
    // out of scope is the same answer as missing: the API says 404 for both
    if (!isUuid(params.fundId)) throw notFound();
    try {
      const fund = await context.queryClient.ensureQueryData(fundQueryOptions(params.fundId));
      return { crumb: fund.name };
    } catch (error) {
      if (isApiError(error, 404)) throw notFound();
      throw error;
    }
  },
  notFoundComponent: NotFoundPage,
  component: FundRoute,
});

function FundRoute() {
  const { fundId } = Route.useParams();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <FundPage
      fundId={fundId}
      search={search}
      onSearch={(next) => void navigate({ search: next, replace: true })}
    />
  );
}
