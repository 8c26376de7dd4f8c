import { createFileRoute } from '@tanstack/react-router';
import { activeMembership } from '../../../features/auth/api/get-me';
import { readsKpis } from '../../../features/kpis/access';
import { kpiOverviewQueryOptions } from '../../../features/kpis/api/get-kpi-overview';
import { KpiCockpitPage } from '../../../features/kpis/components/kpi-cockpit-page';
import { latestKpiMonth, resolveKpiSearch, validateKpiSearch } from '../../../features/kpis/search';

export const Route = createFileRoute('/_authenticated/kpis/')({
  validateSearch: validateKpiSearch,
  loaderDeps: ({ search }) => ({ period: search.period, month: search.month }),
  loader: ({ context, deps }) => {
    // start the headline figures early; the page shows its own loading and error states
    if (readsKpis(activeMembership(context.me))) {
      const { period, month } = resolveKpiSearch(deps);
      void context.queryClient.prefetchQuery(kpiOverviewQueryOptions({ period, month }));
    }
  },
  component: KpiCockpitRoute,
});

function KpiCockpitRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <KpiCockpitPage
      search={resolveKpiSearch(search)}
      latestMonth={latestKpiMonth()}
      onChange={(patch) => void navigate({ search: (previous) => ({ ...previous, ...patch }) })}
    />
  );
}
