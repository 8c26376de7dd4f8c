import type { Lang } from '../../i18n/messages';

/** Error, field and note messages of the KPI feature, in both languages. */
export const KPI_MESSAGES = {
  kpi_not_attributable_to_venture: {
    'zh-CN': '该指标来自资金台账或反哺承诺，属于社区而非项目，不能按经营模式或项目类别筛选、分组',
    en: 'This KPI comes from fund ledgers or pledges, which belong to a community and not to a venture: it cannot be filtered or grouped by operating model or venture category',
  },
  kpi_outside_partner_scope: {
    'zh-CN': '该指标涉及社区资金，超出合作运营方可见的范围（仅限其运营的项目）',
    en: "This KPI is about community funds, outside an operator partner's scope (the ventures it operates)",
  },
  kpi_range_reversed: { 'zh-CN': '结束月份不能早于开始月份', en: 'Must not be before the start month' },
  kpi_range_too_long: {
    'zh-CN': '时间跨度最多 120 个月',
    en: 'The range may span at most 120 months',
  },
  kpi_target_not_accepted: {
    'zh-CN': '该指标不设目标（资金余额本身无所谓好坏）',
    en: 'This KPI takes no target (a fund balance is neither good nor bad by itself)',
  },
  kpi_target_duplicate: {
    'zh-CN': '同一指标、同一社区（或全区）的目标在本次提交中出现了两次',
    en: 'The same KPI and community (or the district) appears twice in this change',
  },
  kpi_target_range_fen: {
    'zh-CN': '金额目标应为 0.01 元至 10 万亿元（以分计的整数）',
    en: 'An amount target must be from ¥0.01 to ¥10 trillion (a whole number of fen)',
  },
  kpi_target_range_count: {
    'zh-CN': '数量目标应为 1 至 10 亿之间的整数',
    en: 'A count target must be a whole number from 1 to 1,000,000,000',
  },
  kpi_target_range_bp: {
    'zh-CN': '比率目标应在 0.01% 至 100% 之间（以基点计：1 至 10000）',
    en: 'A rate target must be from 0.01 % to 100 % (in basis points: 1 to 10000)',
  },
  kpi_target_range_bp_ceiling: {
    'zh-CN': '比率上限应在 0% 至 100% 之间（以基点计：0 至 10000）',
    en: 'A rate ceiling must be from 0 % to 100 % (in basis points: 0 to 10000)',
  },
} as const satisfies Record<string, Record<Lang, string>>;
