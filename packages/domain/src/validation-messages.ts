import type { Locale, LocalizedText } from './labels';
import { formatYuan } from './money';
import type { DomainError, MessageParams } from './result';

/**
 * Every refusal a domain rule can produce, with its text in both languages. `{name}` placeholders
 * are filled from the error's params. Codes are stable API (clients may switch on them); texts are
 * for people and may be reworded.
 */
export const MESSAGES = {
  'money.invalid_yuan': {
    'zh-CN': '金额“{value}”格式不正确，应为最多两位小数的元金额',
    en: 'Amount "{value}" is not a yuan amount with at most two decimals',
  },
  'money.out_of_range': { 'zh-CN': '金额“{value}”超出可处理范围', en: 'Amount "{value}" is out of range' },
  'money.not_integer_fen': {
    'zh-CN': '{field}必须是以分为单位的整数，当前为 {value}',
    en: '{field} must be a whole number of fen, got {value}',
  },
  'money.negative': { 'zh-CN': '{field}不能为负数', en: '{field} must not be negative' },
  'money.not_positive': { 'zh-CN': '{field}必须大于零', en: '{field} must be greater than zero' },

  'period.invalid_month': { 'zh-CN': '月份“{value}”格式应为 YYYY-MM', en: 'Month "{value}" must be YYYY-MM' },
  'period.invalid_date': {
    'zh-CN': '日期“{value}”不是有效的 YYYY-MM-DD 日期',
    en: 'Date "{value}" is not a valid YYYY-MM-DD date',
  },
  'period.invalid_period': {
    'zh-CN': '统计期“{value}”无效，应为 2025-06、2025-Q2、2025 或 2025-06-YTD',
    en: 'Period "{value}" is invalid; use 2025-06, 2025-Q2, 2025 or 2025-06-YTD',
  },
  'period.invalid_due_day': {
    'zh-CN': '报送截止日“{value}”必须是 1 至 28 之间的整数',
    en: 'Report due day "{value}" must be a whole number from 1 to 28',
  },

  'shares.empty': { 'zh-CN': '公司至少需要一名股东', en: 'A company needs at least one shareholder' },
  'shares.out_of_range': {
    'zh-CN': '第 {index} 行股权比例 {shareBp} 个基点无效，应为 1 至 10000 之间的整数',
    en: 'Row {index}: share of {shareBp} bp is invalid; it must be a whole number from 1 to 10,000',
  },
  'shares.part_out_of_range': {
    'zh-CN': '“{part}”的比例 {shareBp} 个基点无效，应为 0 至 10000 之间的整数',
    en: 'Share "{part}" of {shareBp} bp is invalid; it must be a whole number from 0 to 10,000',
  },
  'shares.sum_mismatch': {
    'zh-CN': '各项比例合计为 {sumBp} 个基点（{sum}），必须恰好为 {expectedBp} 个基点（100%）',
    en: 'Shares sum to {sumBp} bp ({sum}); they must sum to exactly {expectedBp} bp (100%)',
  },
  'credit_code.length': {
    'zh-CN': '统一社会信用代码应为 18 位，当前为 {length} 位',
    en: 'A unified social credit code has 18 characters, this one has {length}',
  },
  'credit_code.character': {
    'zh-CN': '统一社会信用代码第 {position} 位“{char}”不是允许的字符（不含 I、O、S、V、Z）',
    en: 'Character {position} ("{char}") of the unified social credit code is not allowed (no I, O, S, V or Z)',
  },
  'credit_code.division': {
    'zh-CN': '统一社会信用代码第 3–8 位应为行政区划代码（6 位数字），当前为“{division}”',
    en: 'Characters 3–8 of the unified social credit code must be a 6-digit division code, got "{division}"',
  },
  'credit_code.check_digit': {
    'zh-CN': '统一社会信用代码校验位不符：应为“{expected}”，当前为“{actual}”，请核对是否有录入错误',
    en: 'The check character of the unified social credit code should be "{expected}", not "{actual}": check for a typo',
  },
  'fund.insufficient_balance': {
    'zh-CN': '资金余额不足：余额 {balance} 元，本次支出 {amount} 元，余额不能为负',
    en: 'Insufficient balance: {balance} yuan available, {amount} yuan requested; a fund never goes below zero',
  },
  'fund.reversal_needs_original': {
    'zh-CN': '冲正记录必须注明所冲正的原记录类型（不能冲正冲正记录）',
    en: 'A reversal must name the kind of entry it reverses (and cannot reverse a reversal)',
  },
  'fund.only_reversal_reverses': {
    'zh-CN': '只有冲正记录可以引用原记录，“{kind}”不可以',
    en: 'Only a reversal may refer to an earlier entry, not a "{kind}" entry',
  },

  'distribution.invalid_version': {
    'zh-CN': '分配规则版本号 {version} 无效，应为正整数',
    en: 'Distribution rule version {version} is invalid; it must be a positive whole number',
  },
  'distribution.no_rule': {
    'zh-CN': '{month} 没有生效的收益分配规则，请先设置分配规则',
    en: 'No distribution rule is in force for {month}; set one first',
  },
  'report.illegal_transition': {
    'zh-CN': '月报当前状态为“{from}”，不能执行“{action}”',
    en: 'A report in status "{from}" cannot be "{action}"',
  },
  'report.self_review': {
    'zh-CN': '不能审核（“{action}”）自己填报或报送的月报',
    en: 'You cannot review ("{action}") a report you wrote or submitted',
  },
  'report.comment_required': {
    'zh-CN': '执行“{action}”必须填写说明',
    en: '"{action}" needs a comment saying why',
  },
  'report.field_invalid': {
    'zh-CN': '“{field}”必须是不小于 0 的整数，当前为 {value}',
    en: '"{field}" must be a whole number of at least 0, got {value}',
  },
  'report.subset_exceeds_total': {
    'zh-CN': '“{field}”（{value}）不能大于“{totalField}”（{total}）',
    en: '"{field}" ({value}) cannot be more than "{totalField}" ({total})',
  },

  'proposal.illegal_transition': {
    'zh-CN': '议事项目当前状态为“{from}”，不能执行“{action}”',
    en: 'A proposal in status "{from}" cannot "{action}"',
  },
  'proposal.meeting_in_future': {
    'zh-CN': '议事会议日期 {meetingDate} 晚于今天，不能录入尚未召开的会议',
    en: 'The meeting date {meetingDate} is in the future; record a meeting after it took place',
  },
  'proposal.invalid_count': {
    'zh-CN': '“{field}”必须是不小于 0 的整数（法定人数至少为 1），当前为 {value}',
    en: '"{field}" must be a whole number of at least 0 (a quorum at least 1), got {value}',
  },
  'proposal.attendance_exceeds_eligible': {
    'zh-CN': '到会人数 {attendance} 超过有表决权人数 {eligibleVoters}',
    en: 'Attendance {attendance} is more than the {eligibleVoters} people entitled to vote',
  },
  'proposal.votes_exceed_attendance': {
    'zh-CN': '表决票数合计 {cast} 超过到会人数 {attendance}',
    en: '{cast} votes were cast but only {attendance} people attended',
  },
  'proposal.quorum_not_met': {
    'zh-CN': '到会 {attendance} 人，未达到法定人数 {quorum} 人，会议不能作出决定',
    en: 'Attendance {attendance} is below the quorum of {quorum}; the meeting cannot decide',
  },
  'proposal.approved_exceeds_requested': {
    'zh-CN': '通过金额 {approvedFen} 元不能超过申请金额 {requestedFen} 元',
    en: 'The approved amount ({approvedFen} yuan) cannot exceed the amount requested ({requestedFen} yuan)',
  },
  'proposal.invalid_disclosure_days': {
    'zh-CN': '公示天数 {days} 无效，应为 1 至 {max} 之间的整数',
    en: 'Disclosure of {days} days is invalid; it must be a whole number from 1 to {max}',
  },
  'proposal.disclosure_before_meeting': {
    'zh-CN': '公示开始日期 {startsOn} 不能早于议事会议日期 {meetingDate}',
    en: 'Disclosure cannot start ({startsOn}) before the meeting ({meetingDate})',
  },
  'proposal.outside_disclosure_period': {
    'zh-CN': '异议收到日期 {receivedOn} 不在公示期 {startsOn} 至 {endsOn} 内',
    en: 'An objection received on {receivedOn} is outside the disclosure period {startsOn} to {endsOn}',
  },
  'proposal.duplicate_objection': {
    'zh-CN': '异议 {objectionId} 已登记',
    en: 'Objection {objectionId} is already recorded',
  },
  'proposal.unknown_objection': {
    'zh-CN': '没有找到异议 {objectionId}',
    en: 'There is no objection {objectionId}',
  },
  'proposal.objection_already_resolved': {
    'zh-CN': '异议 {objectionId} 已处理',
    en: 'Objection {objectionId} has already been resolved',
  },
  'proposal.disclosure_not_over': {
    'zh-CN': '公示期至 {endsOn} 止，期满后方可结束公示、拨付',
    en: 'Disclosure runs until {endsOn} inclusive; it can end, and money be paid out, only after that',
  },
  'proposal.objections_pending': {
    'zh-CN': '尚有 {count} 条异议未处理，不能结束公示',
    en: '{count} objection(s) are still pending; disclosure cannot end',
  },
  'proposal.payout_exceeds_approved': {
    'zh-CN':
      '本次拨付 {amountFen} 元超过尚可拨付的 {remainingFen} 元（通过金额 {approvedFen} 元，已拨付 {paidFen} 元）',
    en: 'Paying {amountFen} yuan exceeds the {remainingFen} yuan left (approved {approvedFen}, paid {paidFen})',
  },
  'proposal.unknown_use_category': {
    'zh-CN': '用途类别“{useCategory}”不在可选范围内',
    en: 'Use category "{useCategory}" is not one of the listed categories',
  },
  'proposal.use_category_banned': {
    'zh-CN':
      '慈善共富基金是企业为公益项目捐赠的资金，不能支付社区治理运转或未列明的“其他”用途，请改用社区治理专项资金或选择具体的公益用途',
    en: 'The charity common-prosperity fund holds donations for public-welfare projects: it cannot pay for community governance or an unstated "other" use; use the governance fund or name the public-welfare use',
  },
  'proposal.payout_date_in_future': {
    'zh-CN': '拨付日期 {paidOn} 晚于今天（{today}），只能登记已经发生的拨付',
    en: 'The payout date {paidOn} is after today ({today}); record a payout once the money has left',
  },
  'proposal.payout_after_booking_month': {
    'zh-CN': '拨付日期 {paidOn} 晚于入账月份 {month}，不能在资金拨出之前的月份入账',
    en: 'The payout date {paidOn} is after the booking month {month}; money cannot be booked before it left',
  },
} as const satisfies Record<string, LocalizedText>;

export type DomainErrorCode = keyof typeof MESSAGES;

export const DOMAIN_ERROR_CODES = Object.keys(MESSAGES) as DomainErrorCode[];

export function isDomainErrorCode(value: string): value is DomainErrorCode {
  return Object.hasOwn(MESSAGES, value);
}

/** The names of the `{placeholders}` in a text, for tests and for clients building their own text. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

/**
 * Fills a message. A missing param leaves its `{placeholder}` visible instead of throwing: a
 * wording slip must never turn a 4xx into a 500.
 */
export function formatMessage(code: DomainErrorCode, params: MessageParams, locale: Locale): string {
  const template: string = MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    // amounts travel as integer fen (the params stay so for clients); people read yuan: 3600050 → 36,000.50
    return name.endsWith('Fen') && Number.isSafeInteger(value)
      ? formatYuan(value as number, { grouping: true })
      : String(value);
  });
}

export function formatDomainError(error: DomainError, locale: Locale): string {
  return formatMessage(error.code, error.params, locale);
}
