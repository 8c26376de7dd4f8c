import { createFileRoute, isRedirect, redirect } from '@tanstack/react-router';
import { meQueryOptions } from '../features/auth/api/get-me';
import { AppShell } from '../features/shell/components/app-shell';
import { isApiError } from '../lib/api-client';
import { loadFeatureStrings } from '../lib/i18n';

/**
 * The guard of every page behind login. It runs in `beforeLoad` (serially, before any child loader) so that no
 * page fetches its data without a session (nor renders before the features' strings are there); a 401 sends the user to the login page and back here afterwards.
 */
const PASSWORD_PAGE = '/account/password';

export const Route = createFileRoute('/_authenticated')({
  beforeLoad: async ({ context, location }) => {
    try {
      // the features' strings load beside the session check: every page below speaks them
      const [me] = await Promise.all([
        context.queryClient.ensureQueryData(meQueryOptions()),
        loadFeatureStrings(),
      ]);
      // an admin set this password: the change comes first, every other page waits (ADR 0025)
      if (me.user.mustChangePassword && location.pathname !== PASSWORD_PAGE) {
        throw redirect({ to: PASSWORD_PAGE, replace: true });
      }
      return { me };
    } catch (error) {
      if (isRedirect(error)) throw error;
      if (isApiError(error, 401)) {
        throw redirect({ to: '/login', search: { redirect: location.href }, replace: true });
      }
      throw error;
    }
  },
  component: AppShell,
});
