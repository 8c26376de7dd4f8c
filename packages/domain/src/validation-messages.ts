import type { Locale, LocalizedText } from './labels';
import type { DomainError, MessageParams } from './result';

/**
 * Every refusal a domain rule can produce, with its text in both languages. `{name}` placeholders
 * are filled from the error's params. Codes are stable API (clients may switch on them); texts are
 * for people and may be reworded.
 */
export const MESSAGES = {
  'money.invalid_yuan': {
    'zh-CN': '金额“{value}”格式不正确,应为最多两位小数的元金额',
    en: 'Amount "{value}" is not a yuan amount with at most two decimals',
  },
  'money.out_of_range': { 'zh-CN': '金额“{value}”超出可处理范围', en: 'Amount "{value}" is out of range' },
  'money.not_integer_fen': {
    'zh-CN': '{field}必须是以分为单位的整数,当前为 {value}',
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
    'zh-CN': '统计期“{value}”无效,应为 2025-06、2025-Q2、2025 或 2025-06-YTD',
    en: 'Period "{value}" is invalid; use 2025-06, 2025-Q2, 2025 or 2025-06-YTD',
  },
  'period.invalid_due_day': {
    'zh-CN': '报送截止日“{value}”必须是 1 至 28 之间的整数',
    en: 'Report due day "{value}" must be a whole number from 1 to 28',
  },

  'shares.empty': { 'zh-CN': '公司至少需要一名股东', en: 'A company needs at least one shareholder' },
  'shares.out_of_range': {
    'zh-CN': '第 {index} 行股权比例 {shareBp} 个基点无效,应为 1 至 10000 之间的整数',
    en: 'Row {index}: share of {shareBp} bp is invalid; it must be a whole number from 1 to 10,000',
  },
  'shares.part_out_of_range': {
    'zh-CN': '“{part}”的比例 {shareBp} 个基点无效,应为 0 至 10000 之间的整数',
    en: 'Share "{part}" of {shareBp} bp is invalid; it must be a whole number from 0 to 10,000',
  },
  'shares.sum_mismatch': {
    'zh-CN': '各项比例合计为 {sumBp} 个基点({sum}),必须恰好为 {expectedBp} 个基点(100%)',
    en: 'Shares sum to {sumBp} bp ({sum}); they must sum to exactly {expectedBp} bp (100%)',
  },
  'credit_code.length': {
    'zh-CN': '统一社会信用代码应为 18 位,当前为 {length} 位',
    en: 'A unified social credit code has 18 characters, this one has {length}',
  },
  'credit_code.character': {
    'zh-CN': '统一社会信用代码第 {position} 位“{char}”不是允许的字符(不含 I、O、S、V、Z)',
    en: 'Character {position} ("{char}") of the unified social credit code is not allowed (no I, O, S, V or Z)',
  },
  'credit_code.division': {
    'zh-CN': '统一社会信用代码第 3–8 位应为行政区划代码(6 位数字),当前为“{division}”',
    en: 'Characters 3–8 of the unified social credit code must be a 6-digit division code, got "{division}"',
  },
  'credit_code.check_digit': {
    'zh-CN': '统一社会信用代码校验位不符:应为“{expected}”,当前为“{actual}”,请核对是否有录入错误',
    en: 'The check character of the unified social credit code should be "{expected}", not "{actual}": check for a typo',
  },
  'fund.insufficient_balance': {
    'zh-CN': '资金余额不足:余额 {balance} 元,本次支出 {amount} 元,余额不能为负',
    en: 'Insufficient balance: {balance} yuan available, {amount} yuan requested; a fund never goes below zero',
  },
  'fund.reversal_needs_original': {
    'zh-CN': '冲正记录必须注明所冲正的原记录类型(不能冲正冲正记录)',
    en: 'A reversal must name the kind of entry it reverses (and cannot reverse a reversal)',
  },
  'fund.only_reversal_reverses': {
    'zh-CN': '只有冲正记录可以引用原记录,“{kind}”不可以',
    en: 'Only a reversal may refer to an earlier entry, not a "{kind}" entry',
  },

  'distribution.invalid_version': {
    'zh-CN': '分配规则版本号 {version} 无效,应为正整数',
    en: 'Distribution rule version {version} is invalid; it must be a positive whole number',
  },
  'distribution.no_rule': {
    'zh-CN': '{month} 没有生效的收益分配规则,请先设置分配规则',
    en: 'No distribution rule is in force for {month}; set one first',
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
    return value === undefined ? whole : String(value);
  });
}

export function formatDomainError(error: DomainError, locale: Locale): string {
  return formatMessage(error.code, error.params, locale);
}
