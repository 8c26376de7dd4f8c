import type { QueryClient } from '@tanstack/react-query';
import { meQueryOptions } from './features/auth/api/get-me';
import { loadFeatureStrings } from './lib/i18n';
import type { createAppRouter } from './router';

/**
 * A first load used to wait on itself: the page's code was asked for only once the session check (`/me`, in the
 * authenticated layout's beforeLoad) had answered, and that check only once the app had booted — three round trips
 * in a row before the cockpit's first KPI request (issue 14, ADR 0030). Started here, at boot, they overlap: the
 * code of every route the address matches, and, behind login, the session check and the features' strings. Each
 * is asked for again where it is used and then comes from the module or query cache; a failure here is left to
 * that place to handle.
 */
export function warmUp(
  router: ReturnType<typeof createAppRouter>,
  queryClient: QueryClient,
  pathname: string,
  search: string,
) {
  const [routes] = router.getMatchedRoutes(pathname);
  // the session check first: a browser opens six connections to a server, and the check must not queue behind
  // the dozens of small files the page's code comes in
  if (routes.some((route) => route.id === '/_authenticated')) {
    void queryClient.prefetchQuery(meQueryOptions());
    void loadFeatureStrings().catch(() => undefined);
  }
  // the cockpit's first figures as soon as the session check and the opening month answer: its module is asked
  // for here, first in the browser's queue, and asks for the opening month at once (features/kpis/prefetch.ts)
  if (routes.some((route) => route.id === '/_authenticated/kpis/')) {
    void import('./features/kpis/prefetch')
      .then((kpis) => kpis.warmUpCockpit(queryClient, search))
      .catch(() => undefined);
  }
  // a task later, so that the strings' own import (behind a resolved promise or two) is asked for before these
  setTimeout(() => {
    for (const route of routes) void router.loadRouteChunk(route)?.catch(() => undefined);
  }, 0);
}
