import { createFileRoute } from '@tanstack/react-router';
import { activeMembership } from '../../../features/auth/api/get-me';
import { readsKpis } from '../../../features/kpis/access';
import { kpiLatestMonthQueryOptions } from '../../../features/kpis/api/get-kpi-latest-month';
import { kpiOverviewQueryOptions } from '../../../features/kpis/api/get-kpi-overview';
import { KpiCockpitPage } from '../../../features/kpis/components/kpi-cockpit-page';
import { latestKpiMonth, resolveKpiSearch, validateKpiSearch } from '../../../features/kpis/search';

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
  loader: async ({ context, deps }) => {
    if (!readsKpis(activeMembership(context.me))) return { dataMonth: null };
    // the opening month needs the newest month with approved figures; a failure just opens on last month
    const dataMonth = deps.month
      ? null
      : await context.queryClient
          .ensureQueryData(kpiLatestMonthQueryOptions())
          .then((answer) => answer.month)
          .catch(() => null);
    // start the headline figures early; the page shows its own loading and error states
    const { period, month } = resolveKpiSearch(deps, new Date(), dataMonth);
    void context.queryClient.prefetchQuery(kpiOverviewQueryOptions({ period, month }));
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
