import type { KpiGroupBy, KpiKey } from '@gongfu/contract';
import {
  addMonths,
  isMonth,
  KPI_KEYS,
  type Month,
  PERIOD_KINDS,
  type PeriodKind,
  shanghaiMonthOf,
} from '@gongfu/domain';

/** The cockpit's tabs, in order. */
export const KPI_TABS = ['overview', 'ranking', 'reporting', 'funds'] as const;
export type KpiTab = (typeof KPI_TABS)[number];

/** How the trend can be split (by community is the ranking's job). */
export const TREND_GROUP_BYS = [
  'district',
  'street_office',
  'operating_model',
  'venture_category',
] as const satisfies readonly KpiGroupBy[];
export type TrendGroupBy = (typeof TREND_GROUP_BYS)[number];

/** The cockpit's URL search params: everything a person chose, so a link or a reload shows the same. */
export interface KpiSearch {
  tab?: KpiTab;
  period?: PeriodKind;
  month?: string;
  kpi?: KpiKey;
  groupBy?: TrendGroupBy;
}

export type ResolvedKpiSearch = Required<KpiSearch>;

export const DEFAULT_KPI: KpiKey = 'operating_revenue';

/** The latest month worth looking at: the one before today's (Asia/Shanghai), whose reports are due now. */
export function latestKpiMonth(now: Date = new Date()): Month {
  return addMonths(shanghaiMonthOf(now), -1);
}

function oneOf<T extends string>(values: readonly T[], raw: unknown): T | undefined {
  return typeof raw === 'string' && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/** Keeps the params that are well-formed and drops the rest (a pasted or stale link still opens). */
export function validateKpiSearch(search: Record<string, unknown>): KpiSearch {
  const result: KpiSearch = {};
  const tab = oneOf(KPI_TABS, search.tab);
  const period = oneOf(PERIOD_KINDS, search.period);
  const kpi = oneOf(KPI_KEYS, search.kpi);
  const groupBy = oneOf(TREND_GROUP_BYS, search.groupBy);
  const month = typeof search.month === 'string' && isMonth(search.month) ? search.month : undefined;
  if (tab) result.tab = tab;
  if (period) result.period = period;
  if (month) result.month = month;
  if (kpi) result.kpi = kpi;
  if (groupBy) result.groupBy = groupBy;
  return result;
}

/**
 * Fills in the defaults; a month after the latest one is brought back to it. Without a month in the URL the
 * cockpit opens on `dataMonth` — the newest month with approved figures — when there is one: early in a month the
 * month before has hardly any reports yet, and a near-empty month reads as a collapse.
 */
export function resolveKpiSearch(
  search: KpiSearch,
  now: Date = new Date(),
  dataMonth: string | null = null,
): ResolvedKpiSearch {
  const latest = latestKpiMonth(now);
  const opening = dataMonth && isMonth(dataMonth) && dataMonth <= latest ? dataMonth : latest;
  const month = search.month && search.month <= latest ? search.month : opening;
  return {
    tab: search.tab ?? 'overview',
    period: search.period ?? 'month',
    month,
    kpi: search.kpi ?? DEFAULT_KPI,
    groupBy: search.groupBy ?? 'district',
  };
}

/** The months a trend or the reporting matrix shows: the twelve ending with the chosen month. */
export function trailingYear(month: string): { from: string; to: string } {
  return { from: addMonths(month as Month, -11), to: month };
}
