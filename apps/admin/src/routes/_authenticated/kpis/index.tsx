import { createFileRoute } from '@tanstack/react-router';
import { activeMembership } from '../../../features/auth/api/get-me';
import { readsKpis } from '../../../features/kpis/access';
import { KpiCockpitPage } from '../../../features/kpis/components/kpi-cockpit-page';
import { cockpitDataMonth, prefetchCockpit } from '../../../features/kpis/prefetch';
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
  // only the period and month: a change of tab, KPI or split is the page's, and must not fetch the headline again
  loaderDeps: ({ search }) => ({ period: search.period, month: search.month }),
  loader: async ({ context, deps, location }) => {
    const membership = activeMembership(context.me);
    if (!readsKpis(membership)) return { dataMonth: null };
    const raw = { ...validateKpiSearch(location.search as Record<string, unknown>), ...deps };
    const dataMonth = await cockpitDataMonth(context.queryClient, raw);
    // the page shows its own loading and error states
    prefetchCockpit(context.queryClient, membership, raw, dataMonth);
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
