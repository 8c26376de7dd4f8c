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
} as const satisfies Record<string, Record<Lang, string>>;
