import type { Me, Membership } from '@gongfu/contract';
import { compareMonths, type Month, type PeriodKind, periodContaining } from '@gongfu/domain';
import type { QueryClient } from '@tanstack/react-query';
import { activeMembership, meQueryOptions } from '../auth/api/get-me';
import { isCommunityScoped, readsKpis } from './access';
import { kpiLatestMonthQueryOptions } from './api/get-kpi-latest-month';
import { kpiOverviewQueryOptions } from './api/get-kpi-overview';
import { kpiRankingQueryOptions } from './api/get-kpi-ranking';
import { kpiSeriesQueryOptions } from './api/get-kpi-series';
import { reportingMatrixQueryOptions } from './api/get-reporting-matrix';
import { type KpiSearch, latestKpiMonth, resolveKpiSearch, trailingYear, validateKpiSearch } from './search';

/**
 * The newest month with approved figures, where the cockpit opens when the address names no month; null when
 * there is none or the answer failed (the cockpit then opens on last month).
 */
export function cockpitDataMonth(queryClient: QueryClient, search: KpiSearch): Promise<string | null> {
  if (search.month) return Promise.resolve(null);
  return queryClient
    .ensureQueryData(kpiLatestMonthQueryOptions())
    .then((answer) => answer.month)
    .catch(() => null);
}

/**
 * Asks for the figures the cockpit's open tab shows first, all at once, under the same keys its panels ask with
 * (a panel then finds its answer on its way or in the cache): the headline, the review-coverage notice above the
 * tabs, and the trend or the ranking (issue 14: they used to wait for the page's code — antd, ECharts — and the
 * last came 1.5 s after navigation at the large size; ADR 0030).
 */
export function prefetchCockpit(
  queryClient: QueryClient,
  membership: Membership | undefined,
  raw: KpiSearch,
  dataMonth: string | null,
) {
  const search = resolveKpiSearch(raw, new Date(), dataMonth);
  const { period, month, kpi } = search;
  void queryClient.prefetchQuery(kpiOverviewQueryOptions({ period, month }));
  // the notice covers the period's months up to the data date (kpi-cockpit-page, from the overview's answer): the
  // opening month's answer when it was asked for or is at hand, else last month — the data date from the due day
  // on; before it, a link naming a month gets the notice a moment later, from its own request
  const covered = periodContaining(period as PeriodKind, month as Month);
  const latest =
    (dataMonth as Month | null) ??
    (queryClient.getQueryData(kpiLatestMonthQueryOptions().queryKey)?.dataDate as Month | undefined) ??
    latestKpiMonth();
  const to = compareMonths(covered.to, latest) < 0 ? covered.to : latest;
  // a period nothing of which is due yet has no notice
  if (compareMonths(to, covered.from) >= 0) {
    void queryClient.prefetchQuery(reportingMatrixQueryOptions({ from: covered.from, to }));
  }
  if (search.tab === 'overview') {
    // the split the trend panel shows (a community has no street offices to split by)
    const groupBy =
      isCommunityScoped(membership) && search.groupBy === 'street_office' ? 'district' : search.groupBy;
    void queryClient.prefetchQuery(kpiSeriesQueryOptions({ kpi, ...trailingYear(month), groupBy }));
  } else if (search.tab === 'ranking' && !isCommunityScoped(membership)) {
    void queryClient.prefetchQuery(kpiRankingQueryOptions({ kpi, period, month }));
  }
}

/**
 * The same at boot, when the app opens on the cockpit (warm-up.ts): as soon as the session check and the opening
 * month — both asked for at boot — have answered, rather than once the route's loader has arrived, which on a
 * first load queued behind the page's dozens of files on the browser's six connections (~0.5 s, 2026-12-04).
 * The loader asks again and finds them on their way.
 */
export async function warmUpCockpit(queryClient: QueryClient, search: string) {
  const raw = validateKpiSearch(Object.fromEntries(new URLSearchParams(search)));
  // beside the session check, not after it (a reader without the KPIs gets a 403 and is sent elsewhere)
  const dataMonth = cockpitDataMonth(queryClient, raw);
  let me: Me;
  try {
    me = await queryClient.fetchQuery(meQueryOptions());
  } catch {
    return; // not signed in: the login page, not the cockpit
  }
  const membership = activeMembership(me);
  if (!readsKpis(membership)) return;
  prefetchCockpit(queryClient, membership, raw, await dataMonth);
}
