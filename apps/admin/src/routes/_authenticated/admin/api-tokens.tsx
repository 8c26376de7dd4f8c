import { createFileRoute } from '@tanstack/react-router';
import { ApiTokensPage } from '../../../features/api-tokens/components/api-tokens-page';

export const Route = createFileRoute('/_authenticated/admin/api-tokens')({
  staticData: { crumb: 'apiTokens.nav' },
  component: ApiTokensPage,
});
