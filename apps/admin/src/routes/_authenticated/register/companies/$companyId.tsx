import { createFileRoute, notFound } from '@tanstack/react-router';
import { NotFoundPage } from '../../../../components/route-error';
import { companyQueryOptions } from '../../../../features/register/api/register';
import { CompanyPage } from '../../../../features/register/components/company-page';
import { isUuid } from '../../../../features/register/search';
import { isApiError } from '../../../../lib/api-client';

export const Route = createFileRoute('/_authenticated/register/companies/$companyId')({
  loader: async ({ context, params }) => {
    // out of reach is the same answer as missing: the API says 404 for both
    if (!isUuid(params.companyId)) throw notFound();
    try {
      const company = await context.queryClient.ensureQueryData(companyQueryOptions(params.companyId));
      return { crumb: company.legalName };
    } catch (error) {
      if (isApiError(error, 404)) throw notFound();
      throw error;
    }
  },
  notFoundComponent: NotFoundPage,
  component: CompanyRoute,
});

function CompanyRoute() {
  const { companyId } = Route.useParams();
  return <CompanyPage companyId={companyId} />;
}
