import { MESSAGES as DOMAIN_MESSAGES } from '@gongfu/domain';
import type { Lang } from '../../i18n/messages';

/** The domain's refusals this feature passes on to clients, with their params filled in. */
const DOMAIN_CODES = [
  'money.not_positive',
  'period.invalid_date',
  'fund.insufficient_balance',
  'fund.reversal_needs_original',
  'fund.only_reversal_reverses',
  'proposal.illegal_transition',
  'proposal.meeting_in_future',
  'proposal.invalid_count',
  'proposal.attendance_exceeds_eligible',
  'proposal.votes_exceed_attendance',
  'proposal.quorum_not_met',
  'proposal.approved_exceeds_requested',
  'proposal.invalid_disclosure_days',
  'proposal.disclosure_before_meeting',
  'proposal.outside_disclosure_period',
  'proposal.duplicate_objection',
  'proposal.unknown_objection',
  'proposal.objection_already_resolved',
  'proposal.disclosure_not_over',
  'proposal.objections_pending',
  'proposal.payout_exceeds_approved',
  'proposal.unknown_use_category',
  'proposal.use_category_banned',
  'proposal.payout_date_in_future',
  'proposal.payout_after_booking_month',
] as const;
export type FundDomainCode = (typeof DOMAIN_CODES)[number];

const FROM_DOMAIN = Object.fromEntries(DOMAIN_CODES.map((code) => [code, DOMAIN_MESSAGES[code]])) as {
  [K in FundDomainCode]: (typeof DOMAIN_MESSAGES)[K];
};

/** Error and field messages of this feature, in both languages. Field messages take no params. */
export const FUND_MESSAGES = {
  ...FROM_DOMAIN,
  // top-level
  ledger_kind_not_allowed: {
    'zh-CN': '此处只能登记捐赠、拨款或冲正；资金只能通过议事项目拨付，收益分配只能由月报审核生成',
    en: 'Only donations, grants and reversals are booked here; money leaves a fund only through a proposal payout, and allocations come only from approved reports',
  },
  entry_already_reversed: { 'zh-CN': '该记录已被冲正过', en: 'This entry has already been reversed' },
  fulfilment_already_confirmed: {
    'zh-CN': '该笔履约已确认入账（或不是资金类履约）',
    en: 'This fulfilment is already booked (or is not a cash fulfilment)',
  },
  fund_kind_exists: {
    'zh-CN': '该社区已有此类资金',
    en: 'The community already has a fund of this kind',
  },
  // field messages
  expenditure_only_by_payout: {
    'zh-CN': '资金只能通过议事项目拨付',
    en: 'Expenditures are made only by paying out a proposal',
  },
  allocation_only_by_report: {
    'zh-CN': '收益分配只能由月报审核生成',
    en: 'Allocations come only from approved reports',
  },
  allocation_corrected_by_amendment: {
    'zh-CN': '收益分配的更正须通过修订该月报完成',
    en: 'An allocation is corrected by amending its report',
  },
  date_range_reversed: {
    'zh-CN': '结束日期不能早于开始日期',
    en: 'The end date cannot be before the start date',
  },
  community_required: { 'zh-CN': '必须指定社区', en: 'Name the community' },
  unknown_fund: { 'zh-CN': '资金不存在或不属于该社区', en: 'No such fund in this community' },
  unknown_partner: { 'zh-CN': '合作方不存在', en: 'No such partner' },
  unknown_entry: { 'zh-CN': '该资金中没有这条记录', en: 'No such entry in this fund' },
  cannot_reverse_reversal: { 'zh-CN': '冲正记录不能再被冲正', en: 'A reversal cannot be reversed' },
  date_in_future: { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be after today' },
  date_in_past: { 'zh-CN': '日期不能早于今天', en: 'The date cannot be before today' },
  meeting_in_future: { 'zh-CN': '会议日期不能晚于今天', en: 'The meeting cannot be in the future' },
  invalid_count: { 'zh-CN': '人数或票数无效', en: 'Invalid count' },
  attendance_exceeds_eligible: {
    'zh-CN': '到会人数超过有表决权人数',
    en: 'More attended than were entitled to vote',
  },
  votes_exceed_attendance: { 'zh-CN': '表决票数合计超过到会人数', en: 'More votes than attendance' },
  quorum_not_met: { 'zh-CN': '到会人数未达到法定人数', en: 'Attendance is below the quorum' },
  disclosure_before_meeting: {
    'zh-CN': '公示不能早于议事会议',
    en: 'Disclosure cannot start before the meeting',
  },
  outside_disclosure_period: { 'zh-CN': '不在公示期内', en: 'Outside the disclosure period' },
  invalid_disclosure_days: { 'zh-CN': '公示天数无效', en: 'Invalid number of disclosure days' },
  use_category_banned: {
    'zh-CN': '慈善共富基金不能支付社区治理或未列明的“其他”用途',
    en: 'The charity fund cannot pay for community governance or an unstated “other” use',
  },
  unknown_use_category: { 'zh-CN': '用途类别不在可选范围内', en: 'Not one of the listed use categories' },
  payout_date_in_future: {
    'zh-CN': '拨付日期不能晚于今天',
    en: 'The payout date cannot be after today',
  },
  payout_after_booking_month: {
    'zh-CN': '拨付日期不能晚于入账月份',
    en: 'The payout date cannot fall after the booking month',
  },
} as const satisfies Record<string, Record<Lang, string>>;
