import type { KpiDefinition, KpiKey } from '@gongfu/contract';
import type { kpis } from '@gongfu/db';

/**
 * The KPI definitions as data: name, unit, formula text (统计口径), direction. packages/domain has no
 * KPI module yet, so they are written here, once; the API returns them with every figure. Each one's
 * SQL is in packages/db/src/repositories/kpis.ts under the same key.
 */

// the contract's keys and the SQL's keys are the same set (a compile error otherwise)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const KEYS_MATCH: Same<KpiKey, kpis.KpiKey> = true;
void KEYS_MATCH;

const COUNTED = '只计审核通过（含已锁定）的月报；同一项目同一月份有更正时只取最新的已审核版本' as const;
const COUNTED_EN =
  'Only approved (or locked) reports count; of an amended venture-month, only its latest approved revision' as const;

export const KPI_DEFINITIONS: Record<KpiKey, KpiDefinition> = {
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
        'Σ（社区按持股比例应得的利润份额 + 实收上缴款）。利润按公司股权以最大余数法分到分；无公司或无股权登记的项目，利润全部归社区；亏损同样按股比分担',
      en: "Σ (the community's share of profit by shareholding + remittance received). Profit is split by the company's shareholdings to the fen (largest remainder); a venture without a company or shareholdings is the community's alone; a loss is shared the same way",
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
      'zh-CN': 'Σ 期末月（所选期间最后一个月）月报的稳定就业人数',
      en: "Σ stable jobs in the reports of the period's last month (period end)",
    },
    direction: 'higher_is_better',
    aggregation: 'period_end',
    target: null,
    level: 'venture',
  },
  residents_served: {
    key: 'residents_served',
    name: { 'zh-CN': '服务居民人数', en: 'Residents served' },
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
      'zh-CN': 'Σ 计入社区治理专项资金的收益分配（扣除冲正）÷ Σ 社区集体收入',
      en: 'Σ profit allocations into governance special funds (net of reversals) ÷ Σ community income',
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
      'zh-CN': '期末资金余额 ÷ 截至期末的近 12 个月资金流入（收益分配、捐赠、拨款，扣除冲正）',
      en: 'Balance at period end ÷ inflows (allocations, donations, grants, net of reversals) of the 12 months ending with the period',
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
        '有居民议事通过且公示期满（支出日期在公示截止日之后）的支出金额 ÷ 全部资金支出金额（均扣除冲正），目标 100%',
      en: 'Outflow backed by a proposal that was approved and whose disclosure ended before the payout ÷ all fund outflow (both net of reversals); target 100 %',
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
    name: { 'zh-CN': '企业反哺兑现额', en: 'Give-back' },
    unit: 'fen',
    numeratorUnit: 'fen',
    denominatorUnit: null,
    formula: {
      'zh-CN': 'Σ 合作方反哺承诺的兑现价值（按兑现日期）',
      en: "Σ value of the partners' give-back fulfilments (by fulfilment date)",
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
        '已报送的月报数 ÷ 应报月报数。应报：运营中的项目自开始月份起、截止日（次月报送日）已过的每个月，及已报送的月份；被退回的月报也算已报送',
      en: 'Reports received ÷ reports expected. Expected: each month of an operating venture from its start whose deadline (the due day of the next month) has passed, and every month reported; a returned report was received',
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
      'zh-CN': '首次报送在截止日（含）之前的月报数 ÷ 应报月报数',
      en: 'Reports first submitted by the deadline (the due day included) ÷ reports expected',
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
