import { KPI_KEYS, type KpiKey } from './kpi-keys';
import type { LocalizedText } from './labels';
import {
  compareMonths,
  latestDueMonth,
  type Month,
  type Period,
  previousPeriod,
  samePeriodLastYear,
  shiftPeriod,
} from './periods';
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
  'distributable_fen',
  'stable_jobs',
  'residents_served',
  'governance_allocation_fen',
  'project_outflow_fen',
  'fund_outflow_fen',
  'disclosed_outflow_fen',
  'fund_balance_fen',
  'fund_inflow_12m_fen',
  'fund_available_12m_fen',
  'service_requests',
  'requests_within_promise',
  'service_transactions',
  'welfare_transactions',
  'give_back_fulfilled_fen',
  'give_back_cash_fen',
  'give_back_in_kind_fen',
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
 * `fund_available_12m_fen` is the money a fund had to use over the 12 months ending with a month: its balance at
 * the month's end plus its outflows of those months (net of reversals) — the fund idle ratio's base.
 *
 * How a measure adds up over months: flows are summed; stocks (jobs at period end, a fund balance,
 * the trailing-12-month inflow, the number of communities) take the value of the last month.
 * `communities_with_income` is neither: it is recomputed for the period from community income.
 */
export const MEASURE_OVER_TIME: Readonly<Record<MeasureKey, 'sum' | 'last' | 'recompute'>> = {
  revenue_fen: 'sum',
  operating_cost_fen: 'sum',
  net_profit_fen: 'sum',
  community_income_fen: 'sum',
  distributable_fen: 'sum',
  stable_jobs: 'last',
  residents_served: 'sum',
  governance_allocation_fen: 'sum',
  project_outflow_fen: 'sum',
  fund_outflow_fen: 'sum',
  disclosed_outflow_fen: 'sum',
  fund_balance_fen: 'last',
  fund_inflow_12m_fen: 'last',
  fund_available_12m_fen: 'last',
  service_requests: 'sum',
  requests_within_promise: 'sum',
  service_transactions: 'sum',
  welfare_transactions: 'sum',
  give_back_fulfilled_fen: 'sum',
  give_back_cash_fen: 'sum',
  give_back_in_kind_fen: 'sum',
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

/**
 * A ratio's value as the API serves it (a fraction: 1 = 100 %): numerator ÷ denominator, or null when the
 * denominator is zero or negative — the same rule as `ratioBp`. A rate over a loss (a governance allocation
 * rate over a negative income) is not a rate: it is shown as unknown, left out of a ranking's order and
 * median, and compared with nothing.
 */
export function ratioValue(numerator: number, denominator: number): number | null {
  return hasRatioBase(denominator) ? numerator / denominator : null;
}

/** Whether a ratio has a value: its denominator is positive. */
export function hasRatioBase(denominator: number): boolean {
  return denominator > 0;
}

/**
 * The median of the values that exist (nulls are left out: an unranked community does not pull the median
 * towards zero); null when none does. Even counts take the mean of the two middle values.
 */
export function medianOf(values: readonly (number | null)[]): number | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Change against a previous value in basis points (+2500 = up 25 %); null without a positive base. */
export function changeBp(current: number, previous: number): number | null {
  return ratioBp(current - previous, previous);
}

/**
 * The district KPIs, written once: each one's key (the same key as its SQL in
 * packages/db/src/repositories/kpis.ts), name, unit, formula text (统计口径), direction, how it adds up
 * over time, target and level. The API returns these with every figure, so the admin never
 * re-implements a formula.
 */
export { KPI_KEYS, type KpiKey };

/** What a KPI counts; a ratio is numerator ÷ denominator (a fraction: 1 = 100 %). */
export const KPI_UNITS = [
  'fen',
  'people',
  'jobs',
  'reports',
  'requests',
  'transactions',
  'communities',
  'ratio',
] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];
export const KPI_DIRECTIONS = ['higher_is_better', 'lower_is_better', 'neutral'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
/** flow: summed over the period; period_end: per venture, its latest approved month of the period; balance_at_end: everything up to the period's end */
export const KPI_AGGREGATIONS = ['flow', 'period_end', 'balance_at_end'] as const;
export type KpiAggregation = (typeof KPI_AGGREGATIONS)[number];
/** community-level KPIs come from funds and pledges and cannot be split by venture */
export const KPI_LEVELS = ['venture', 'community'] as const;
export type KpiLevel = (typeof KPI_LEVELS)[number];

export interface KpiDefinition {
  readonly key: KpiKey;
  readonly name: LocalizedText;
  readonly unit: KpiUnit;
  /** for a ratio: what its numerator and denominator count */
  readonly numeratorUnit: KpiUnit;
  readonly denominatorUnit: KpiUnit | null;
  /** 统计口径: how the figure is computed */
  readonly formula: LocalizedText;
  readonly direction: KpiDirection;
  readonly aggregation: KpiAggregation;
  /** a target the district aims for, in the KPI's unit (deliberation coverage: 1 = 100 %), when there is one */
  readonly target: number | null;
  readonly level: KpiLevel;
}

/**
 * Give-back comes as money or in kind: the two are reported apart, and a total says it mixes them. Only a cash
 * pledge's fulfilment is money; in kind, services and infrastructure count at the value the partner declared.
 */
export function giveBackForm(pledgeKind: string): 'cash' | 'in_kind' {
  return pledgeKind === 'cash' ? 'cash' : 'in_kind';
}

const GIVE_BACK_CASH_ZH = '资金类承诺的兑现金额（现金）';
const GIVE_BACK_CASH_EN = 'the amounts fulfilled on cash pledges (cash)';
const GIVE_BACK_IN_KIND_ZH = '实物、服务和基础设施共建类承诺兑现的申报估值（实物，按申报估值）';
const GIVE_BACK_IN_KIND_EN =
  'the declared value of what was fulfilled on in-kind, service and infrastructure pledges (in kind, at declared value)';

const COUNTED = '只计审核通过（含已锁定）的月报；同一项目同一月份有更正时只取最新的已审核版本' as const;
const COUNTED_EN =
  'Only approved (or locked) reports count; of an amended venture-month, only its latest approved revision' as const;

export const KPI_DEFINITIONS: { readonly [K in KpiKey]: KpiDefinition & { readonly key: K } } = {
  operating_revenue: {
    key: 'operating_revenue',
    name: { 'zh-CN': '经营收入', en: 'Operating revenue' },
    unit: 'fen',
    numeratorUnit: 'fen',
    denominatorUnit: null,
    formula: {
      'zh-CN': `Σ 月报营业收入。${COUNTED}`,
      en: `Σ revenue of the monthly reports. ${COUNTED_EN}.`,
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'venture',
  },
  net_profit: {
    key: 'net_profit',
    name: { 'zh-CN': '净利润', en: 'Net profit' },
    unit: 'fen',
    numeratorUnit: 'fen',
    denominatorUnit: null,
    formula: {
      'zh-CN': `Σ（营业收入 − 运营成本）。${COUNTED}`,
      en: `Σ (revenue − operating cost). ${COUNTED_EN}.`,
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'venture',
  },
  community_income: {
    key: 'community_income',
    name: { 'zh-CN': '社区集体收入', en: 'Community income' },
    unit: 'fen',
    numeratorUnit: 'fen',
    denominatorUnit: null,
    formula: {
      'zh-CN':
        'Σ（社区按持股比例应得的利润份额 + 实收上缴款）。每份月报的利润按该月份有效的公司股权（股权变更自生效月份起适用，不改写此前月份）以最大余数法分到分；无公司或该月无有效股权的项目，利润全部归社区；亏损同样按股比分担',
      en: "Σ (the community's share of profit by shareholding + remittance received). Each report's profit is split by the company's shareholdings in force in the report's month (a change applies from the month it takes effect and never re-splits an earlier month), to the fen (largest remainder); a venture without a company, or without shareholdings in force that month, is the community's alone; a loss is shared the same way",
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'venture',
  },
  stable_jobs: {
    key: 'stable_jobs',
    name: { 'zh-CN': '稳定就业岗位', en: 'Stable jobs' },
    unit: 'jobs',
    numeratorUnit: 'jobs',
    denominatorUnit: null,
    formula: {
      'zh-CN':
        '期末存量：每个项目取期内最新一份审核通过月报的稳定就业人数，再求和。进行中的期间截至数据日期（最后一个已到报送截止日的月份）',
      en: 'A stock at period end: for each venture, the stable jobs of its latest approved report within the period, summed. A running period ends at the data date (the last month whose reports are due)',
    },
    direction: 'higher_is_better',
    aggregation: 'period_end',
    target: null,
    level: 'venture',
  },
  residents_served: {
    key: 'residents_served',
    name: { 'zh-CN': '服务居民人次', en: 'Residents served' },
    unit: 'people',
    numeratorUnit: 'people',
    denominatorUnit: null,
    formula: {
      'zh-CN': 'Σ 月报服务居民人数（人次按月相加）',
      en: 'Σ residents served (people) of the monthly reports, added month by month',
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'venture',
  },
  governance_fund_allocation_rate: {
    key: 'governance_fund_allocation_rate',
    name: { 'zh-CN': '治理资金计提率', en: 'Governance-fund allocation rate' },
    unit: 'ratio',
    numeratorUnit: 'fen',
    denominatorUnit: 'fen',
    formula: {
      'zh-CN':
        'Σ 计入社区治理专项资金的收益分配（扣除冲正）÷ Σ 可分配收益。可分配收益即收益分配规则所作用的基数：期内审核通过月报的社区应得利润份额（亏损记为 0）+ 实收上缴款。回答“社区是否按规则计提”：按 40% 规则计提即为 40%。可分配收益为 0 时无数值',
      en: "Σ allocations into governance special funds (net of reversals) ÷ Σ distributable amount. The distributable amount is the base the distribution rule is applied to: the community's profit share of the period's approved reports (a loss counts as 0) + remittance received. It answers 'did the community book the share its rule says': a 40 % rule reads 40 %. No value when nothing was distributable",
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'community',
  },
  reinvestment: {
    key: 'reinvestment',
    name: { 'zh-CN': '反哺投入', en: 'Reinvestment' },
    unit: 'fen',
    numeratorUnit: 'fen',
    denominatorUnit: null,
    formula: {
      'zh-CN': 'Σ 各项资金用于议事通过项目的支出（扣除冲正）',
      en: 'Σ fund outflows to approved resident proposals (net of reversals)',
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'community',
  },
  reinvestment_rate: {
    key: 'reinvestment_rate',
    name: { 'zh-CN': '反哺投入率', en: 'Reinvestment rate' },
    unit: 'ratio',
    numeratorUnit: 'fen',
    denominatorUnit: 'fen',
    formula: {
      'zh-CN': 'Σ 反哺投入 ÷ Σ 社区集体收入',
      en: 'Σ reinvestment ÷ Σ community income',
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'community',
  },
  fund_balance: {
    key: 'fund_balance',
    name: { 'zh-CN': '资金余额', en: 'Fund balance' },
    unit: 'fen',
    numeratorUnit: 'fen',
    denominatorUnit: null,
    formula: {
      'zh-CN': '期末各项资金余额：截至期末月的全部台账流水（流入为正、流出为负）之和',
      en: "The funds' balance at period end: every ledger entry up to the period's last month (inflows +, outflows −)",
    },
    direction: 'neutral',
    aggregation: 'balance_at_end',
    target: null,
    level: 'community',
  },
  fund_idle_ratio: {
    key: 'fund_idle_ratio',
    name: { 'zh-CN': '资金闲置率', en: 'Fund idle ratio' },
    unit: 'ratio',
    numeratorUnit: 'fen',
    denominatorUnit: 'fen',
    formula: {
      'zh-CN':
        '期末资金余额 ÷（期末资金余额 + 截至期末的近 12 个月资金支出，扣除冲正）：近一年可用的钱中仍未动用的比例。有余额而 12 个月无支出为 100%（最闲置）；既无余额也无支出时无数值',
      en: 'Balance at period end ÷ (balance at period end + outflows of the 12 months ending with the period, net of reversals): the share of the money available over the year that is still unspent. A balance with no outflow in 12 months reads 100 % (the idlest); no value when there is neither',
    },
    direction: 'lower_is_better',
    aggregation: 'balance_at_end',
    target: null,
    level: 'community',
  },
  deliberation_coverage: {
    key: 'deliberation_coverage',
    name: { 'zh-CN': '议事覆盖率', en: 'Deliberation coverage' },
    unit: 'ratio',
    numeratorUnit: 'fen',
    denominatorUnit: 'fen',
    formula: {
      'zh-CN':
        '有居民议事通过且公示期满（拨付日期——社区登记的资金实际拨出之日，而非记账时间——在公示截止日之后）的支出金额 ÷ 全部资金支出金额（均扣除冲正，冲正按其所冲拨付的日期判断），目标 100%',
      en: 'Outflow backed by a proposal that was approved and whose disclosure ended before the payout date (the day the money left the fund, as the community entered it, not when the row was booked) ÷ all fund outflow (both net of reversals; a reversal is judged with the payout it reverses); target 100 %',
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: 1,
    level: 'community',
  },
  service_response_rate: {
    key: 'service_response_rate',
    name: { 'zh-CN': '承诺时限内响应率', en: 'Service response within promise' },
    unit: 'ratio',
    numeratorUnit: 'requests',
    denominatorUnit: 'requests',
    formula: {
      'zh-CN': 'Σ 承诺时限内响应的服务需求 ÷ Σ 全部服务需求',
      en: 'Σ requests answered within the promised time ÷ Σ all requests',
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'venture',
  },
  public_welfare_share: {
    key: 'public_welfare_share',
    name: { 'zh-CN': '公益低偿服务占比', en: 'Public-welfare share' },
    unit: 'ratio',
    numeratorUnit: 'transactions',
    denominatorUnit: 'transactions',
    formula: {
      'zh-CN': 'Σ 公益（免费）及低偿项目的服务人次 ÷ Σ 全部服务人次（按项目当前的价格档次）',
      en: "Σ service transactions of free and low-price ventures ÷ Σ all service transactions (by the venture's current price tier)",
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'venture',
  },
  give_back: {
    key: 'give_back',
    name: { 'zh-CN': '企业反哺兑现额（现金＋实物估值）', en: 'Give-back (cash + in kind at declared value)' },
    unit: 'fen',
    numeratorUnit: 'fen',
    denominatorUnit: null,
    formula: {
      'zh-CN': `Σ 合作方反哺承诺的兑现价值（按兑现日期）= ${GIVE_BACK_CASH_ZH} + ${GIVE_BACK_IN_KIND_ZH}。合计含按申报估值计的实物，不全是到账资金；两部分分别见“反哺兑现·现金”和“反哺兑现·实物（申报估值）”`,
      en: `Σ value of the partners' give-back fulfilments (by fulfilment date) = ${GIVE_BACK_CASH_EN} + ${GIVE_BACK_IN_KIND_EN}. The total includes in-kind give-back at its declared value, so it is not all money received; the two parts are shown as "Give-back in cash" and "Give-back in kind (declared value)"`,
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'community',
  },
  give_back_cash: {
    key: 'give_back_cash',
    name: { 'zh-CN': '反哺兑现·现金', en: 'Give-back in cash' },
    unit: 'fen',
    numeratorUnit: 'fen',
    denominatorUnit: null,
    formula: {
      'zh-CN': `Σ ${GIVE_BACK_CASH_ZH}（按兑现日期）`,
      en: `Σ ${GIVE_BACK_CASH_EN} (by fulfilment date)`,
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'community',
  },
  give_back_in_kind: {
    key: 'give_back_in_kind',
    name: { 'zh-CN': '反哺兑现·实物（申报估值）', en: 'Give-back in kind (declared value)' },
    unit: 'fen',
    numeratorUnit: 'fen',
    denominatorUnit: null,
    formula: {
      'zh-CN': `Σ ${GIVE_BACK_IN_KIND_ZH}（按兑现日期）。这是合作方申报的估值，不是到账资金，也未经评估`,
      en: `Σ ${GIVE_BACK_IN_KIND_EN} (by fulfilment date). This is the value the partner declared: not money received, and not appraised`,
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'community',
  },
  give_back_fulfilment_rate: {
    key: 'give_back_fulfilment_rate',
    name: { 'zh-CN': '反哺承诺兑现率', en: 'Give-back fulfilment rate' },
    unit: 'ratio',
    numeratorUnit: 'fen',
    denominatorUnit: 'fen',
    formula: {
      'zh-CN': '期内到期的反哺承诺截至期末已兑现的价值 ÷ 这些承诺的承诺金额（已取消的承诺不计）',
      en: 'Value fulfilled by period end on the pledges due in the period ÷ the amount pledged on them (cancelled pledges left out)',
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'community',
  },
  reporting_rate: {
    key: 'reporting_rate',
    name: { 'zh-CN': '月报报送率', en: 'Reporting rate' },
    unit: 'ratio',
    numeratorUnit: 'reports',
    denominatorUnit: 'reports',
    formula: {
      'zh-CN':
        '已报送的月报数 ÷ 应报月报数。应报：运营中的项目自开始经营与开始在平台报送（报送起始月：项目自己设定的，否则为全区的）两者中较晚的月份起、截止日（次月报送日）已过的每个月，及已报送的月份；报送起始月之前的月份不算缺报；被退回的月报也算已报送',
      en: "Reports received ÷ reports expected. Expected: each month of an operating venture, from the later of its start and its reporting start on the platform (the venture's own, else the district's), whose deadline (the due day of the next month) has passed, and every month reported; months before the reporting start were never asked for and are not missing; a returned report was received",
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'venture',
  },
  on_time_rate: {
    key: 'on_time_rate',
    name: { 'zh-CN': '按时报送率', en: 'On-time rate' },
    unit: 'ratio',
    numeratorUnit: 'reports',
    denominatorUnit: 'reports',
    formula: {
      'zh-CN':
        '首次报送在截止日（含当日）之前的月报数 ÷ 应报月报数（应报同“月报报送率”）。以首次报送时间为准（与 DHIS2 相同）：按时报送后被退回、逾期再报的仍算按时，报送情况表中标明其曾被退回；逾期报送计入本比率和报送情况表，不另行预警',
      en: 'Reports first submitted by the deadline (the due day included) ÷ reports expected (as for the reporting rate). The first submission counts (as in DHIS2): a report submitted on time, returned and resubmitted late stays on time, and the reporting matrix shows it was returned; a late submission counts here and in the matrix, not as a warning',
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'venture',
  },
  communities_with_income_rate: {
    key: 'communities_with_income_rate',
    name: { 'zh-CN': '有集体收入社区占比', en: 'Communities with income' },
    unit: 'ratio',
    numeratorUnit: 'communities',
    denominatorUnit: 'communities',
    formula: {
      'zh-CN': '期内社区集体收入大于 0 的社区数 ÷ 全部社区数（按项目筛选时，为有符合条件项目的社区数）',
      en: 'Communities whose community income in the period is above 0 ÷ all communities (with a venture filter: the communities that have such a venture)',
    },
    direction: 'higher_is_better',
    aggregation: 'flow',
    target: null,
    level: 'venture',
  },
};

/** Each KPI over the additive measures: a measure, or a ratio of two (recomputed from their sums). */
export type KpiMeasureFormula =
  | { readonly measure: MeasureKey }
  | { readonly numerator: MeasureKey; readonly denominator: MeasureKey };

export const KPI_MEASURES: { readonly [K in KpiKey]: KpiMeasureFormula } = {
  operating_revenue: { measure: 'revenue_fen' },
  net_profit: { measure: 'net_profit_fen' },
  community_income: { measure: 'community_income_fen' },
  stable_jobs: { measure: 'stable_jobs' },
  residents_served: { measure: 'residents_served' },
  governance_fund_allocation_rate: {
    numerator: 'governance_allocation_fen',
    denominator: 'distributable_fen',
  },
  reinvestment: { measure: 'project_outflow_fen' },
  reinvestment_rate: { numerator: 'project_outflow_fen', denominator: 'community_income_fen' },
  fund_balance: { measure: 'fund_balance_fen' },
  fund_idle_ratio: { numerator: 'fund_balance_fen', denominator: 'fund_available_12m_fen' },
  deliberation_coverage: { numerator: 'disclosed_outflow_fen', denominator: 'fund_outflow_fen' },
  service_response_rate: { numerator: 'requests_within_promise', denominator: 'service_requests' },
  public_welfare_share: { numerator: 'welfare_transactions', denominator: 'service_transactions' },
  give_back: { measure: 'give_back_fulfilled_fen' },
  give_back_cash: { measure: 'give_back_cash_fen' },
  give_back_in_kind: { measure: 'give_back_in_kind_fen' },
  give_back_fulfilment_rate: { numerator: 'give_back_fulfilled_fen', denominator: 'give_back_pledged_fen' },
  reporting_rate: { numerator: 'reports_received', denominator: 'reports_expected' },
  on_time_rate: { numerator: 'reports_on_time', denominator: 'reports_expected' },
  communities_with_income_rate: { numerator: 'communities_with_income', denominator: 'communities' },
};

export function kpiDefinition(key: KpiKey): KpiDefinition {
  const definition = KPI_DEFINITIONS[key];
  if (!definition) throw new RangeError(`unknown KPI ${key}`);
  return definition;
}

/** One KPI from (already summed) measures; ratios in basis points, null without a base. */
export function computeKpi(key: KpiKey, measures: Measures): number | null {
  const value = KPI_MEASURES[key];
  if ('measure' in value) return measures[value.measure];
  return ratioBp(measures[value.numerator], measures[value.denominator]);
}

export function computeKpis(measures: Measures): Record<KpiKey, number | null> {
  return Object.fromEntries(KPI_KEYS.map((key) => [key, computeKpi(key, measures)])) as Record<
    KpiKey,
    number | null
  >;
}

/**
 * How a ranking orders and judges a KPI. Lower-is-better KPIs rank lowest first; the others highest first.
 * A neutral KPI (a fund balance: more money is neither good nor bad by itself) is ordered but not judged —
 * no better / worse colour, never a red or black list (红榜 / 黑榜).
 */
export function rankingOrder(direction: KpiDirection): { lowestFirst: boolean; judged: boolean } {
  return { lowestFirst: direction === 'lower_is_better', judged: direction !== 'neutral' };
}

/**
 * Whether a change is good news for this KPI (for the green / red arrow). Null when unchanged, unknown
 * or when the KPI is neutral (a fund balance is neither good nor bad by itself).
 */
export function isImprovement(
  definition: KpiDefinition,
  current: number | null,
  previous: number | null,
): boolean | null {
  if (current === null || previous === null || current === previous) return null;
  if (definition.direction === 'neutral') return null;
  return definition.direction === 'higher_is_better' ? current > previous : current < previous;
}

/**
 * The data date (数据截至) of every KPI answer: the last month whose reports are due — its deadline (the
 * district's due day of the following month, Shanghai time) has passed. Months after it are still being
 * reported, so a figure over them would read as a fall; the cockpit opens on it.
 */
export function kpiDataDate(now: Date, dueDay: number): Month {
  return latestDueMonth(now, dueDay);
}

/** The windows a period's figures and comparisons are computed over, as of a data date. */
export interface KpiWindows {
  /** the period's months up to the data date (the whole period when it is complete) */
  readonly current: Period;
  /** 环比: the same number of months just before (a year or year-to-date: the same months a year earlier) */
  readonly previous: Period;
  /** 同比: the same months a year earlier — like for like */
  readonly samePeriodLastYear: Period;
  /** the period is still running: it ends after the data date */
  readonly running: boolean;
  /** nothing in the period is due yet: its figures are not zeros but not there */
  readonly nothingDue: boolean;
}

/**
 * A running period ends at the data date: "2026" in December reads January to October, against January to
 * October 2025 — never a month of zeros against a full month. A complete period is itself.
 */
export function kpiWindows(period: Period, dataDate: Month): KpiWindows {
  const running = compareMonths(period.to, dataDate) > 0;
  const nothingDue = compareMonths(period.from, dataDate) > 0;
  if (!running || nothingDue) {
    return {
      current: period,
      previous: previousPeriod(period),
      samePeriodLastYear: samePeriodLastYear(period),
      running,
      nothingDue,
    };
  }
  const current: Period = { kind: period.kind, from: period.from, to: dataDate };
  const lastYear = samePeriodLastYear(current);
  const previous =
    period.kind === 'year' || period.kind === 'ytd'
      ? lastYear
      : shiftPeriod(current, -(period.kind === 'quarter' ? 3 : 1));
  return { current, previous, samePeriodLastYear: lastYear, running, nothingDue };
}
