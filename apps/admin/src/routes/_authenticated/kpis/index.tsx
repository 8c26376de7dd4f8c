import { createFileRoute } from '@tanstack/react-router';
import { activeMembership } from '../../../features/auth/api/get-me';
import { isCommunityScoped, readsKpis } from '../../../features/kpis/access';
import { kpiLatestMonthQueryOptions } from '../../../features/kpis/api/get-kpi-latest-month';
import { kpiOverviewQueryOptions } from '../../../features/kpis/api/get-kpi-overview';
import { kpiRankingQueryOptions } from '../../../features/kpis/api/get-kpi-ranking';
import { kpiSeriesQueryOptions } from '../../../features/kpis/api/get-kpi-series';
import { KpiCockpitPage } from '../../../features/kpis/components/kpi-cockpit-page';
import {
  latestKpiMonth,
  resolveKpiSearch,
  trailingYear,
  validateKpiSearch,
} from '../../../features/kpis/search';

export const Route = createFileRoute('/_authenticated/kpis/')({
  // The loader in a chunk of its own (the app's default puts it with the page): it needs a few small modules, the
  // page needs antd's table, date picker and ECharts — the first KPI request no longer waits for all of those to
  // download (issue 14, the cockpit's first load; ADR 0030)
  codeSplitGroupings: [
    ['loader'],
    ['component'],
    ['pendingComponent'],
    ['errorComponent'],
    ['notFoundComponent'],
  ],
  validateSearch: validateKpiSearch,
  loaderDeps: ({ search }) => ({ period: search.period, month: search.month }),
  // only the period and month: a change of tab, KPI or split is the page's, and must not fetch the headline again
  loader: async ({ context, deps, location }) => {
    const membership = activeMembership(context.me);
    if (!readsKpis(membership)) return { dataMonth: null };
    // the opening month needs the newest month with approved figures; a failure just opens on last month
    const dataMonth = deps.month
      ? null
      : await context.queryClient
          .ensureQueryData(kpiLatestMonthQueryOptions())
          .then((answer) => answer.month)
          .catch(() => null);
    // start the open tab's figures early, all at once, under the same keys the panels ask with: they used to
    // wait for the page's code (antd, ECharts) before asking for anything but the headline (issue 14: at the
    // large size the trend came last, 1.5 s after navigation). The page shows its own loading and error states.
    const search = resolveKpiSearch(
      { ...validateKpiSearch(location.search as Record<string, unknown>), ...deps },
      new Date(),
      dataMonth,
    );
    const { period, month, kpi } = search;
    const { queryClient } = context;
    void queryClient.prefetchQuery(kpiOverviewQueryOptions({ period, month }));
    if (search.tab === 'overview') {
      // the split the trend panel shows (a community has no street offices to split by)
      const groupBy =
        isCommunityScoped(membership) && search.groupBy === 'street_office' ? 'district' : search.groupBy;
      void queryClient.prefetchQuery(kpiSeriesQueryOptions({ kpi, ...trailingYear(month), groupBy }));
    } else if (search.tab === 'ranking' && !isCommunityScoped(membership)) {
      void queryClient.prefetchQuery(kpiRankingQueryOptions({ kpi, period, month }));
    }
    return { dataMonth };
  },
  component: KpiCockpitRoute,
});

function KpiCockpitRoute() {
  const search = Route.useSearch();
  const { dataMonth } = Route.useLoaderData();
  const navigate = Route.useNavigate();
  return (
    <KpiCockpitPage
      search={resolveKpiSearch(search, new Date(), dataMonth)}
      latestMonth={latestKpiMonth()}
      onChange={(patch) => void navigate({ search: (previous) => ({ ...previous, ...patch }) })}
    />
  );
}
