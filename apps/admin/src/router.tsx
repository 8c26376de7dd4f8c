import type { QueryClient } from '@tanstack/react-query';
import { createRouter, lazyRouteComponent, type RouterHistory } from '@tanstack/react-router';
import { routeTree } from './routeTree.gen';

export interface RouterContext {
  queryClient: QueryClient;
}

export function createAppRouter({
  queryClient,
  history,
}: {
  queryClient: QueryClient;
  history?: RouterHistory;
}) {
  return createRouter({
    routeTree,
    context: { queryClient },
    ...(history ? { history } : {}),
    // react-query owns caching; the router always asks it (ensureQueryData answers from cache when fresh)
    defaultPreloadStaleTime: 0,
    defaultPreload: 'intent',
    // loaded on first use: antd's Result (with its illustrations) stays out of the initial bundle
    defaultErrorComponent: lazyRouteComponent(() => import('./components/route-error'), 'RouteError'),
    defaultNotFoundComponent: lazyRouteComponent(() => import('./components/route-error'), 'NotFoundPage'),
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
