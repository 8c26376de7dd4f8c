import { createFileRoute } from '@tanstack/react-router';
import {
  KpiTargetsPage,
  type KpiTargetsSearch,
} from '../../../features/kpi-targets/components/kpi-targets-page';

/** Tiny on purpose (it lands in the entry chunk): a year, the view and what is chosen, nothing else kept. */
function validateTargetsSearch(search: Record<string, unknown>): KpiTargetsSearch {
  const year = Number(search.year);
  const text = (value: unknown) =>
    typeof value === 'string' && /^[a-z0-9_-]{1,64}$/.test(value) ? value : undefined;
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    view: search.view === 'kpi' || search.view === 'owner' ? search.view : undefined,
    owner: text(search.owner),
    kpi: text(search.kpi),
  };
}

export const Route = createFileRoute('/_authenticated/kpis/targets')({
  validateSearch: validateTargetsSearch,
  staticData: { crumb: 'targets.nav' },
  component: KpiTargetsRoute,
});

function KpiTargetsRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <KpiTargetsPage
      search={search}
      onChange={(patch) =>
        void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true })
      }
    />
  );
}
