import { isMonth, monthPeriod, periodLabel } from '@gongfu/domain';
import { API_TOKEN_MESSAGES } from '../features/api-tokens/messages';
import { AUTH_MESSAGES } from '../features/auth/messages';
import { EXPORT_MESSAGES } from '../features/exports/messages';
import { FUND_MESSAGES } from '../features/funds/messages';
import { KPI_MESSAGES } from '../features/kpis/messages';
import { OVERSIGHT_MESSAGES } from '../features/oversight/messages';
import { REGISTER_MESSAGES } from '../features/register/messages';
import { ATTACHMENT_MESSAGES } from '../features/reports/attachment-messages';
import { REPORT_MESSAGES } from '../features/reports/messages';
import { WORKBOOK_MESSAGES } from '../features/reports/workbook-messages';
import { USER_ADMIN_MESSAGES } from '../features/users/messages';

/** The API's words, in the request's language. zh-CN is the default; en is the second language. */
export type Lang = 'zh-CN' | 'en';

export function langOf(acceptLanguage: string | undefined | null): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

const CORE_MESSAGES = {
  validation_failed: {
    'zh-CN': '请求内容有误，请检查标出的字段',
    en: 'The request is invalid; see the fields',
  },
  malformed_json: { 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  payload_too_large: {
    'zh-CN': '请求体过大（上限 {limit}）',
    en: 'The request body is too large (limit {limit})',
  },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please log in' },
  forbidden: { 'zh-CN': '当前角色无权执行此操作', en: 'Your role does not allow this' },
  not_found: { 'zh-CN': '未找到，或不在您的权限范围内', en: 'Not found, or outside your scope' },
  invalid_credentials: { 'zh-CN': '邮箱或密码错误', en: 'Wrong email or password' },
  too_many_attempts: {
    'zh-CN': '尝试次数过多，请 {seconds} 秒后再试',
    en: 'Too many attempts; try again in {seconds} seconds',
  },
  cross_site_request: { 'zh-CN': '拒绝跨站请求', en: 'Cross-site request refused' },
  conflict: { 'zh-CN': '与现有数据冲突', en: 'Conflicts with existing data' },
  duplicate_name: {
    'zh-CN': '同一区内已有同名社区',
    en: 'A community with this name already exists in the district',
  },
  duplicate_admin_code: { 'zh-CN': '该区划代码已被使用', en: 'This division code is already used' },
  unknown_street_office: { 'zh-CN': '街道不存在', en: 'No such street office' },
  membership_not_found: {
    'zh-CN': '所选身份不存在或已被收回，请刷新页面',
    en: 'The membership chosen does not exist or was withdrawn; reload the page',
  },
  internal_error: { 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal error; please try again later' },
  unavailable: { 'zh-CN': '数据库暂不可用', en: 'The database is unavailable' },
  stale_version: {
    'zh-CN': '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this in the meantime; reload and try again',
  },
  idempotency_key_reused: {
    'zh-CN': '同一个幂等键已用于不同的请求内容',
    en: 'This Idempotency-Key was already used with a different request',
  },
  idempotency_in_progress: {
    'zh-CN': '相同的请求正在处理中',
    en: 'The same request is still being processed',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** Each feature keeps its own words; this is where they are gathered. */
const MESSAGES = {
  ...CORE_MESSAGES,
  ...REGISTER_MESSAGES,
  ...REPORT_MESSAGES,
  ...FUND_MESSAGES,
  ...OVERSIGHT_MESSAGES,
  ...KPI_MESSAGES,
  ...USER_ADMIN_MESSAGES,
  ...WORKBOOK_MESSAGES,
  ...ATTACHMENT_MESSAGES,
  ...EXPORT_MESSAGES,
  ...API_TOKEN_MESSAGES,
  ...AUTH_MESSAGES,
} as const;

export type MessageCode = keyof typeof MESSAGES;

/** A month in a message reads as people write it (2026年10月, Oct 2026), as the admin shows months, not 2026-10. */
function shown(value: string | number, lang: Lang): string {
  const text = String(value);
  return isMonth(text) ? periodLabel(monthPeriod(text), lang) : text;
}

export function message(code: MessageCode, lang: Lang, params: Record<string, string | number> = {}): string {
  return MESSAGES[code][lang].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    return value === undefined ? `{${key}}` : shown(value, lang);
  });
}
