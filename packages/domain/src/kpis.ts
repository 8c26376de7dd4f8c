import type { LocalizedText } from './labels';
import { BP_WHOLE } from './shares';

/**
 * District KPIs are computed from *measures*: additive figures that can be summed across ventures,
 * communities, street offices and operating models. Ratios are recomputed from the summed numerator
 * and denominator — never by averaging ratios, which would weigh a tiny community like a large one.
 */
export const MEASURE_KEYS = [
  'revenue_fen',
  'operating_cost_fen',
  'net_profit_fen',
  'community_income_fen',
  'stable_jobs',
  'residents_served',
  'governance_allocation_fen',
  'project_outflow_fen',
  'fund_outflow_fen',
  'disclosed_outflow_fen',
  'fund_balance_fen',
  'fund_inflow_12m_fen',
  'service_requests',
  'requests_within_promise',
  'service_transactions',
  'welfare_transactions',
  'give_back_fulfilled_fen',
  'give_back_pledged_fen',
  'reports_expected',
  'reports_received',
  'reports_on_time',
  'communities',
  'communities_with_income',
] as const;
export type MeasureKey = (typeof MEASURE_KEYS)[number];
export type Measures = Readonly<Record<MeasureKey, number>>;

/**
 * How a measure adds up over months: flows are summed; stocks (jobs at period end, a fund balance,
 * the trailing-12-month inflow, the number of communities) take the value of the last month.
 * `communities_with_income` is neither: it is recomputed for the period from community income.
 */
export const MEASURE_OVER_TIME: Readonly<Record<MeasureKey, 'sum' | 'last' | 'recompute'>> = {
  revenue_fen: 'sum',
  operating_cost_fen: 'sum',
  net_profit_fen: 'sum',
  community_income_fen: 'sum',
  stable_jobs: 'last',
  residents_served: 'sum',
  governance_allocation_fen: 'sum',
  project_outflow_fen: 'sum',
  fund_outflow_fen: 'sum',
  disclosed_outflow_fen: 'sum',
  fund_balance_fen: 'last',
  fund_inflow_12m_fen: 'last',
  service_requests: 'sum',
  requests_within_promise: 'sum',
  service_transactions: 'sum',
  welfare_transactions: 'sum',
  give_back_fulfilled_fen: 'sum',
  give_back_pledged_fen: 'sum',
  reports_expected: 'sum',
  reports_received: 'sum',
  reports_on_time: 'sum',
  communities: 'last',
  communities_with_income: 'recompute',
};

export function emptyMeasures(): Record<MeasureKey, number> {
  return Object.fromEntries(MEASURE_KEYS.map((key) => [key, 0])) as Record<MeasureKey, number>;
}

/** Roll-up across ventures, communities, street offices or operating models: every measure adds. */
export function sumMeasures(rows: readonly Partial<Measures>[]): Measures {
  const total = emptyMeasures();
  for (const row of rows) {
    for (const key of MEASURE_KEYS) {
      const next = total[key] + (row[key] ?? 0);
      if (!Number.isSafeInteger(next)) throw new RangeError(`measure ${key} left the safe-integer range`);
      total[key] = next;
    }
  }
  return total;
}

/**
 * Roll-up of ONE community's months (in month order) into a period. Do this per community first,
 * then `sumMeasures` across communities: "communities with income" is a per-community fact of the
 * whole period (its income over the period > 0), which no sum of monthly flags can give.
 */
export function sumCommunityMonths(monthsInOrder: readonly Partial<Measures>[]): Measures {
  const total = emptyMeasures();
  for (const row of monthsInOrder) {
    for (const key of MEASURE_KEYS) {
      const value = row[key] ?? 0;
      if (MEASURE_OVER_TIME[key] === 'sum') total[key] += value;
      else if (MEASURE_OVER_TIME[key] === 'last') total[key] = value;
    }
  }
  total.communities_with_income = total.communities > 0 && total.community_income_fen > 0 ? 1 : 0;
  return total;
}

/**
 * numerator ÷ denominator in basis points, rounded half away from zero, computed exactly in BigInt.
 * Null when the denominator is zero or negative: a rate over nothing (or over a loss) is not a rate.
 */
export function ratioBp(numerator: number, denominator: number): number | null {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError('ratio inputs must be safe integers');
  }
  if (denominator <= 0) return null;
  const scaled = BigInt(numerator) * BigInt(BP_WHOLE);
  const den = BigInt(denominator);
  const abs = scaled < 0n ? -scaled : scaled;
  const rounded = (abs * 2n + den) / (den * 2n);
  return Number(scaled < 0n ? -rounded : rounded);
}

/** Change against a previous value in basis points (+2500 = up 25 %); null without a positive base. */
export function changeBp(current: number, previous: number): number | null {
  return ratioBp(current - previous, previous);
}

export type KpiUnit = 'fen' | 'count' | 'ratio_bp' | 'people';
export type KpiDirection = 'higher_is_better' | 'lower_is_better';

export interface KpiDefinition {
  readonly key: string;
  readonly name: LocalizedText;
  readonly unit: KpiUnit;
  readonly formula: LocalizedText;
  readonly direction: KpiDirection;
  /** A stated target, in the KPI's unit (deliberation coverage: 100 %). */
  readonly target?: number;
  readonly value:
    | { readonly measure: MeasureKey }
    | { readonly numerator: MeasureKey; readonly denominator: MeasureKey };
}

export const KPI_DEFINITIONS = [
  {
    key: 'operating_revenue',
    name: { 'zh-CN': '经营收入', en: 'Operating revenue' },
    unit: 'fen',
    formula: { 'zh-CN': 'Σ 已审核月报营业收入', en: 'Σ revenue of approved reports' },
    direction: 'higher_is_better',
    value: { measure: 'revenue_fen' },
  },
  {
    key: 'net_profit',
    name: { 'zh-CN': '净利润', en: 'Net profit' },
    unit: 'fen',
    formula: { 'zh-CN': 'Σ(营业收入 − 运营成本)', en: 'Σ (revenue − operating cost)' },
    direction: 'higher_is_better',
    value: { measure: 'net_profit_fen' },
  },
  {
    key: 'community_income',
    name: { 'zh-CN': '社区集体收入', en: 'Community income' },
    unit: 'fen',
    formula: {
      'zh-CN': 'Σ 社区按股权应得利润 + Σ 实收上缴款',
      en: 'Σ the community’s share of profit by shareholding + Σ remittances received',
    },
    direction: 'higher_is_better',
    value: { measure: 'community_income_fen' },
  },
  {
    key: 'stable_jobs',
    name: { 'zh-CN': '稳定就业岗位', en: 'Stable jobs' },
    unit: 'people',
    formula: { 'zh-CN': '期末 Σ 稳定就业人数', en: 'Σ stable jobs at period end' },
    direction: 'higher_is_better',
    value: { measure: 'stable_jobs' },
  },
  {
    key: 'residents_served',
    name: { 'zh-CN': '服务居民人数', en: 'Residents served' },
    unit: 'people',
    formula: { 'zh-CN': 'Σ 服务居民人数', en: 'Σ residents served (people)' },
    direction: 'higher_is_better',
    value: { measure: 'residents_served' },
  },
  {
    key: 'governance_allocation_rate',
    name: { 'zh-CN': '治理资金计提率', en: 'Governance-fund allocation rate' },
    unit: 'ratio_bp',
    formula: {
      'zh-CN': 'Σ 计入社区治理专项资金 ÷ Σ 社区集体收入',
      en: 'Σ allocations to governance funds ÷ Σ community income',
    },
    direction: 'higher_is_better',
    value: { numerator: 'governance_allocation_fen', denominator: 'community_income_fen' },
  },
  {
    key: 'reinvestment',
    name: { 'zh-CN': '反哺民生投入', en: 'Reinvestment' },
    unit: 'fen',
    formula: { 'zh-CN': 'Σ 经议事通过项目的资金支出', en: 'Σ fund outflows to approved projects' },
    direction: 'higher_is_better',
    value: { measure: 'project_outflow_fen' },
  },
  {
    key: 'reinvestment_rate',
    name: { 'zh-CN': '反哺率', en: 'Reinvestment rate' },
    unit: 'ratio_bp',
    formula: { 'zh-CN': '反哺民生投入 ÷ Σ 社区集体收入', en: 'Reinvestment ÷ Σ community income' },
    direction: 'higher_is_better',
    value: { numerator: 'project_outflow_fen', denominator: 'community_income_fen' },
  },
  {
    key: 'fund_balance',
    name: { 'zh-CN': '资金余额', en: 'Fund balance' },
    unit: 'fen',
    formula: { 'zh-CN': '期末各项资金余额合计', en: 'Σ fund balances at period end' },
    direction: 'higher_is_better',
    value: { measure: 'fund_balance_fen' },
  },
  {
    key: 'fund_idle_ratio',
    name: { 'zh-CN': '资金沉淀率', en: 'Fund idle ratio' },
    unit: 'ratio_bp',
    formula: {
      'zh-CN': '期末资金余额 ÷ 近 12 个月资金流入',
      en: 'Balance at period end ÷ inflows of the last 12 months',
    },
    direction: 'lower_is_better',
    value: { numerator: 'fund_balance_fen', denominator: 'fund_inflow_12m_fen' },
  },
  {
    key: 'deliberation_coverage',
    name: { 'zh-CN': '议事覆盖率', en: 'Deliberation coverage' },
    unit: 'ratio_bp',
    formula: {
      'zh-CN': '经议事通过且公示期满的支出金额 ÷ 资金支出总额',
      en: 'Outflow backed by an approved, disclosed proposal ÷ all fund outflow',
    },
    direction: 'higher_is_better',
    target: BP_WHOLE,
    value: { numerator: 'disclosed_outflow_fen', denominator: 'fund_outflow_fen' },
  },
  {
    key: 'service_response_rate',
    name: { 'zh-CN': '承诺时限响应率', en: 'Service response within promise' },
    unit: 'ratio_bp',
    formula: {
      'zh-CN': '承诺时限内响应的服务需求 ÷ 全部服务需求',
      en: 'Requests answered within the promised time ÷ all requests',
    },
    direction: 'higher_is_better',
    value: { numerator: 'requests_within_promise', denominator: 'service_requests' },
  },
  {
    key: 'public_welfare_share',
    name: { 'zh-CN': '公益低偿服务占比', en: 'Public-welfare share' },
    unit: 'ratio_bp',
    formula: {
      'zh-CN': '公益及低偿服务人次 ÷ 全部服务人次',
      en: 'Free or low-price service transactions ÷ all service transactions',
    },
    direction: 'higher_is_better',
    value: { numerator: 'welfare_transactions', denominator: 'service_transactions' },
  },
  {
    key: 'give_back',
    name: { 'zh-CN': '企业反哺金额', en: 'Give-back' },
    unit: 'fen',
    formula: { 'zh-CN': 'Σ 企业反哺兑现价值', en: 'Σ enterprise fulfilment value' },
    direction: 'higher_is_better',
    value: { measure: 'give_back_fulfilled_fen' },
  },
  {
    key: 'give_back_fulfilment_rate',
    name: { 'zh-CN': '反哺承诺兑现率', en: 'Give-back fulfilment rate' },
    unit: 'ratio_bp',
    formula: { 'zh-CN': 'Σ 已兑现 ÷ Σ 承诺', en: 'Σ fulfilled ÷ Σ pledged' },
    direction: 'higher_is_better',
    value: { numerator: 'give_back_fulfilled_fen', denominator: 'give_back_pledged_fen' },
  },
  {
    key: 'reporting_rate',
    name: { 'zh-CN': '月报报送率', en: 'Reporting rate' },
    unit: 'ratio_bp',
    formula: { 'zh-CN': '已报送月报 ÷ 应报送月报', en: 'Reports received ÷ reports expected' },
    direction: 'higher_is_better',
    value: { numerator: 'reports_received', denominator: 'reports_expected' },
  },
  {
    key: 'on_time_rate',
    name: { 'zh-CN': '按时报送率', en: 'On-time rate' },
    unit: 'ratio_bp',
    formula: { 'zh-CN': '按时报送月报 ÷ 应报送月报', en: 'Reports received on time ÷ reports expected' },
    direction: 'higher_is_better',
    value: { numerator: 'reports_on_time', denominator: 'reports_expected' },
  },
  {
    key: 'communities_with_income_share',
    name: { 'zh-CN': '有集体收入社区占比', en: 'Communities with income' },
    unit: 'ratio_bp',
    formula: {
      'zh-CN': '社区集体收入大于 0 的社区数 ÷ 社区总数',
      en: 'Communities with community income > 0 ÷ all communities',
    },
    direction: 'higher_is_better',
    value: { numerator: 'communities_with_income', denominator: 'communities' },
  },
] as const satisfies readonly KpiDefinition[];

export type KpiKey = (typeof KPI_DEFINITIONS)[number]['key'];
export const KPI_KEYS = KPI_DEFINITIONS.map((d) => d.key) as KpiKey[];

export function kpiDefinition(key: KpiKey): KpiDefinition {
  const definition = KPI_DEFINITIONS.find((d) => d.key === key);
  if (!definition) throw new RangeError(`unknown KPI ${key}`);
  return definition;
}

/** One KPI from (already summed) measures; ratios may be null (no base). */
export function computeKpi(definition: KpiDefinition, measures: Measures): number | null {
  const value = definition.value;
  if ('measure' in value) return measures[value.measure];
  return ratioBp(measures[value.numerator], measures[value.denominator]);
}

export function computeKpis(measures: Measures): Record<KpiKey, number | null> {
  return Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.key, computeKpi(d, measures)])) as Record<
    KpiKey,
    number | null
  >;
}

/** Whether a change is good news for this KPI (for the green / red arrow). Null when unchanged or unknown. */
export function isImprovement(
  definition: KpiDefinition,
  current: number | null,
  previous: number | null,
): boolean | null {
  if (current === null || previous === null || current === previous) return null;
  return definition.direction === 'higher_is_better' ? current > previous : current < previous;
}
