import { createFileRoute, notFound } from '@tanstack/react-router';
import { NotFoundPage } from '../../../../components/route-error';
import { assetQueryOptions } from '../../../../features/register/api/register';
import { AssetPage } from '../../../../features/register/components/asset-page';
import { isUuid } from '../../../../features/register/search';
import { isApiError } from '../../../../lib/api-client';

export const Route = createFileRoute('/_authenticated/register/assets/$assetId')({
  loader: async ({ context, params }) => {
    // out of reach is the same answer as missing: the API says 404 for both
    if (!isUuid(params.assetId)) throw notFound();
    try {
      const asset = await context.queryClient.ensureQueryData(assetQueryOptions(params.assetId));
      return { crumb: asset.name };
    } catch (error) {
      if (isApiError(error, 404)) throw notFound();
      throw error;
    }
  },
  notFoundComponent: NotFoundPage,
  component: AssetRoute,
});

function AssetRoute() {
  const { assetId } = Route.useParams();
  return <AssetPage assetId={assetId} />;
}
