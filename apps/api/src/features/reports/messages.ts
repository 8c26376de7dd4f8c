import type { Lang } from '../../i18n/messages';

/** Error and field messages of this feature, in both languages. */
export const REPORT_MESSAGES = {
  // an illegal transition names the status the report is in (409)
  report_is_draft: {
    'zh-CN': '报表当前为“草稿”状态，不能执行此操作',
    en: 'The report is a draft; this action is not allowed in that status',
  },
  report_is_submitted: {
    'zh-CN': '报表当前为“已报送”状态，不能执行此操作',
    en: 'The report is submitted; this action is not allowed in that status',
  },
  report_is_returned: {
    'zh-CN': '报表当前为“已退回”状态，不能执行此操作',
    en: 'The report is returned; this action is not allowed in that status',
  },
  report_is_approved: {
    'zh-CN': '报表当前为“已审核”状态，审核通过的报表不可修改，请提交更正',
    en: 'The report is approved and cannot change; open an amendment instead',
  },
  report_is_locked: {
    'zh-CN': '报表当前为“已锁定”状态，不能执行此操作',
    en: 'The report is locked; this action is not allowed in that status',
  },
  report_exists: {
    'zh-CN': '该项目本月已有报表，请修改已有报表或提交更正',
    en: 'This venture already has a report for the month; edit it or amend it',
  },
  report_has_newer_revision: {
    'zh-CN': '该报表已有更新的修订版本，请在最新版本上操作',
    en: 'A later revision of this report exists; act on the latest one',
  },
  report_self_review: {
    'zh-CN': '不能审核自己填报或报送的报表',
    en: 'You cannot review a report you created or submitted',
  },
  report_comment_required: { 'zh-CN': '请填写说明', en: 'A comment is required' },
  report_requests_exceed_total: {
    'zh-CN': '承诺时限内响应数不能超过服务请求数',
    en: 'Must not exceed the number of service requests',
  },
  report_groups_exceed_served: {
    'zh-CN': '老人与儿童人数之和不能超过服务居民人数',
    en: 'Elders and children together must not exceed the residents served',
  },
  report_figure_invalid: { 'zh-CN': '应为非负整数', en: 'Must be a whole number, not negative' },
  report_month_in_future: {
    'zh-CN': '不能填报尚未开始的月份',
    en: 'Cannot report a month that has not started',
  },
  report_month_too_early: {
    'zh-CN': '月份不能早于 2000 年 1 月',
    en: 'The month cannot be before January 2000',
  },
  report_unknown_venture: { 'zh-CN': '项目不存在', en: 'No such venture' },
  report_explanation_required: {
    'zh-CN': '有 {count} 项数据不在常见范围内，请逐项填写情况说明后再提交',
    en: '{count} figure(s) look unusual; explain each one before submitting',
  },
  /** {flag}: the domain's wording of the flag, with its range or reference (plausibilityRuleText) */
  report_flag_unexplained: {
    'zh-CN': '{flag}，请填写情况说明',
    en: '{flag}; please explain',
  },
  report_period_locked: {
    'zh-CN': '{month}已锁定，该月报表不能再新建、修改、提交或更正',
    en: '{month} is locked: its reports can no longer be created, edited, submitted or amended',
  },
  report_period_already_locked: {
    'zh-CN': '{month}已经锁定',
    en: '{month} is already locked',
  },
  report_lock_reviews_pending: {
    'zh-CN': '{month}还有 {count} 份报表待审核，请审核完毕后再锁定',
    en: '{month} still has {count} report(s) awaiting review; review them before locking',
  },
  report_lock_future_month: {
    'zh-CN': '只能锁定已经结束的月份',
    en: 'Only a month that has ended can be locked',
  },
  distribution_split_sum: {
    'zh-CN': '治理基金、公积金与其他三项合计必须恰好为 10000 个基点（100%）',
    en: 'Governance fund, reserve and other must sum to exactly 10,000 bp (100 %)',
  },
  distribution_rule_exists: {
    'zh-CN': '该社区在此月份已有生效的分配规则',
    en: 'The community already has a rule taking effect in this month',
  },
  distribution_shares_invalid: {
    'zh-CN': '项目所属公司的股权合计不等于 100%，无法计算收益分配',
    en: 'The venture’s company shares do not sum to 100 %; the distribution cannot be computed',
  },
  distribution_insufficient_balance: {
    'zh-CN': '基金余额不足以冲回更正前的分配，资金可能已被支出',
    en: 'A fund no longer holds enough to take back the earlier allocation; it may have been spent',
  },
} as const satisfies Record<string, Record<Lang, string>>;
