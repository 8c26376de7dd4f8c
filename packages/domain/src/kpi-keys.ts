/**
 * The district KPIs' keys, apart from their definitions (kpis.ts) so that the admin's route search validation —
 * which every visitor of the login page downloads — carries the list of keys and not every formula's text.
 */
export const KPI_KEYS = [
  'operating_revenue',
  'net_profit',
  'community_income',
  'stable_jobs',
  'residents_served',
  'governance_fund_allocation_rate',
  'reinvestment',
  'reinvestment_rate',
  'fund_balance',
  'fund_idle_ratio',
  'deliberation_coverage',
  'service_response_rate',
  'public_welfare_share',
  'give_back',
  'give_back_cash',
  'give_back_in_kind',
  'give_back_fulfilment_rate',
  'reporting_rate',
  'on_time_rate',
  'communities_with_income_rate',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];
