import type { Lang } from '../../i18n/messages';

/**
 * Error and field messages of the register, in both languages. Field messages carry no placeholders
 * (the error body fills placeholders of the top-level message only).
 */
export const REGISTER_MESSAGES = {
  // top-level refusals
  street_office_in_use: {
    'zh-CN': '仍有社区属于该街道，不能删除',
    en: 'Communities still belong to this street office; it cannot be deleted',
  },
  partner_in_use: {
    'zh-CN': '该合作方仍有关联的项目、协议、股权、承诺或账号，不能删除',
    en: 'Ventures, agreements, shareholdings, pledges or accounts still refer to this partner; it cannot be deleted',
  },
  asset_in_use: {
    'zh-CN': '该资产仍被股权出资或经营项目使用，不能删除',
    en: 'A shareholding or a venture still uses this asset; it cannot be deleted',
  },
  company_in_use: {
    'zh-CN': '仍有经营项目属于该公司，不能删除',
    en: 'Ventures still belong to this company; it cannot be deleted',
  },
  venture_in_use: {
    'zh-CN': '该经营项目已有月报或运营协议，不能删除',
    en: 'This venture has reports or agreements; it cannot be deleted',
  },
  shares_sum_mismatch: {
    'zh-CN':
      '各股东持股比例合计为 {sumBp} 个基点（{sum}），必须恰好为 10000 个基点（100%）；股权未作任何修改',
    en: 'The shares sum to {sumBp} bp ({sum}); they must sum to exactly 10,000 bp (100%). Nothing was changed',
  },
  shareholding_month_reported: {
    'zh-CN': '{month}及以前的月报已审核通过，已按原股权分配；新的股权须从{next}或以后生效，股权未作任何修改',
    en: 'Reports up to {month} are approved and were split by the shareholdings then in force; the new set must take effect from {next} or later. Nothing was changed',
  },
  shareholding_before_latest: {
    'zh-CN': '股权已有自{latest}起生效的版本；新的股权不能早于该月生效，股权未作任何修改',
    en: 'A version of the shareholdings is in force from {latest}; a new set cannot take effect before that month. Nothing was changed',
  },
  // field messages
  effective_from_reported: {
    'zh-CN': '生效月份须晚于已审核月报的最后月份',
    en: 'The first month must come after the last month with an approved report',
  },
  effective_from_before_latest: {
    'zh-CN': '生效月份不能早于现有最新股权版本的生效月份',
    en: 'The first month cannot come before the latest version’s first month',
  },
  warning_threshold_red_before_amber: {
    'zh-CN': '红色预警的阈值不能比黄色预警更宽松',
    en: 'The red step cannot be milder than the amber step',
  },
  value_out_of_range: {
    'zh-CN': '取值超出允许范围（或含有不允许的字符）',
    en: 'The value is out of range (or has a character that is not allowed)',
  },
  shares_must_total_10000: {
    'zh-CN': '持股比例合计必须恰好为 10000 个基点（100%）',
    en: 'Shares must sum to exactly 10,000 bp (100%)',
  },
  credit_code_length: {
    'zh-CN': '统一社会信用代码应为 18 位',
    en: 'A unified social credit code has 18 characters',
  },
  credit_code_character: {
    'zh-CN': '统一社会信用代码含有不允许的字符（不含 I、O、S、V、Z）',
    en: 'The unified social credit code has a character that is not allowed (no I, O, S, V or Z)',
  },
  credit_code_division: {
    'zh-CN': '统一社会信用代码第 3–8 位应为 6 位数字的行政区划代码',
    en: 'Characters 3–8 of the unified social credit code must be a 6-digit division code',
  },
  credit_code_check_digit: {
    'zh-CN': '统一社会信用代码校验位不符，请核对是否有录入错误',
    en: 'The check character of the unified social credit code does not match: check for a typo',
  },
  duplicate_credit_code: {
    'zh-CN': '该统一社会信用代码已登记',
    en: 'This unified social credit code is already registered',
  },
  duplicate_street_office_name: {
    'zh-CN': '本区已有同名街道',
    en: 'A street office with this name already exists in the district',
  },
  duplicate_partner_name: {
    'zh-CN': '本区已有同名合作方',
    en: 'A partner with this name already exists in the district',
  },
  unknown_community: { 'zh-CN': '社区不存在', en: 'No such community' },
  community_required: {
    'zh-CN': '区级用户须指定社区',
    en: 'Name the community (required at district level)',
  },
  unknown_partner: { 'zh-CN': '合作方不存在', en: 'No such partner' },
  unknown_company: { 'zh-CN': '本社区没有该公司', en: 'No such company in this community' },
  unknown_asset: { 'zh-CN': '本社区没有该资产', en: 'No such asset in this community' },
  unknown_venture: { 'zh-CN': '经营项目不存在', en: 'No such venture' },
  unknown_appraisal: { 'zh-CN': '该资产没有这条评估记录', en: 'No such appraisal of this asset' },
  contribution_needs_asset: {
    'zh-CN': '场地或房屋入股须关联本社区的一项资产',
    en: 'A site or premises contribution must link an asset of this community',
  },
  contribution_needs_appraisal: {
    'zh-CN': '场地或房屋入股须关联该资产的一条评估记录',
    en: 'A site or premises contribution must link an appraisal of its asset',
  },
  asset_only_for_site_contribution: {
    'zh-CN': '只有场地或房屋入股才能关联资产和评估',
    en: 'Only a site or premises contribution links an asset and an appraisal',
  },
  holder_partner_required: {
    'zh-CN': '合作方股东须指定合作方',
    en: 'A partner shareholder must name the partner',
  },
  holder_partner_not_allowed: {
    'zh-CN': '只有合作方股东才能指定合作方',
    en: 'Only a partner shareholder names a partner',
  },
  holder_name_required: {
    'zh-CN': '请填写股东名称',
    en: 'Name the shareholder',
  },
  paid_in_exceeds_subscribed: {
    'zh-CN': '实缴金额不能超过认缴金额',
    en: 'Paid-in capital cannot exceed the subscribed amount',
  },
  ends_before_starts: {
    'zh-CN': '结束日期必须晚于开始日期',
    en: 'The end date must be after the start date',
  },
} as const satisfies Record<string, Record<Lang, string>>;
