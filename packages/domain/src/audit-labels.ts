import type { Labels } from './enums';
import type { Locale } from './labels';

/**
 * The audit log's words (审计日志): each type of object and each action the API records, in both languages — the
 * screen and the export (CSV / Excel) say the same. The codes are what `audit_log` stores; a code with no words
 * here still shows, as itself.
 */

export const AUDIT_ENTITY_LABELS = {
  community: { 'zh-CN': '社区', en: 'Community' },
  street_office: { 'zh-CN': '街道', en: 'Street office' },
  district: { 'zh-CN': '区', en: 'District' },
  company: { 'zh-CN': '社区公司', en: 'Community company' },
  asset: { 'zh-CN': '资产', en: 'Asset' },
  asset_appraisal: { 'zh-CN': '资产评估', en: 'Asset appraisal' },
  operator_agreement: { 'zh-CN': '运营协议', en: 'Operator agreement' },
  venture: { 'zh-CN': '经营项目', en: 'Venture' },
  partner: { 'zh-CN': '合作方', en: 'Partner' },
  monthly_report: { 'zh-CN': '月报', en: 'Monthly report' },
  report_period_lock: { 'zh-CN': '月份锁定', en: 'Month lock' },
  distribution_rule: { 'zh-CN': '分配规则', en: 'Distribution rule' },
  fund: { 'zh-CN': '资金账户', en: 'Fund' },
  ledger_entry: { 'zh-CN': '资金流水', en: 'Ledger entry' },
  proposal: { 'zh-CN': '议事项目', en: 'Proposal' },
  pledge: { 'zh-CN': '反哺承诺', en: 'Give-back pledge' },
  warning: { 'zh-CN': '预警', en: 'Warning' },
  kpi_target: { 'zh-CN': '年度目标', en: 'Yearly target' },
  api_token: { 'zh-CN': 'API 令牌', en: 'API token' },
  user: { 'zh-CN': '用户账号', en: 'User account' },
} as const satisfies Labels<string>;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_LABELS;

/**
 * Each action by its full code (`entity.action`). A few have words though the filters do not offer them
 * (`report.lock`, `proposal.submit`, `proposal.end_disclosure`…): a workflow may write them.
 */
export const AUDIT_ACTION_LABELS = {
  'community.create': { 'zh-CN': '新建社区', en: 'Created community' },
  'community.update': { 'zh-CN': '修改社区', en: 'Edited community' },
  'community.delete': { 'zh-CN': '删除社区', en: 'Deleted community' },
  'street_office.create': { 'zh-CN': '新建街道', en: 'Created street office' },
  'street_office.update': { 'zh-CN': '修改街道', en: 'Edited street office' },
  'street_office.delete': { 'zh-CN': '删除街道', en: 'Deleted street office' },
  'district.settings.update': { 'zh-CN': '修改区设置', en: 'Edited district settings' },
  'district.create': { 'zh-CN': '开通区县', en: 'Opened the district' },
  'user.invite': { 'zh-CN': '新建账号', en: 'Added the user' },
  'user.disable': { 'zh-CN': '停用账号', en: 'Disabled the account' },
  'user.enable': { 'zh-CN': '启用账号', en: 'Enabled the account' },
  'user.reset_password': { 'zh-CN': '重置密码', en: 'Reset the password' },
  'membership.create': { 'zh-CN': '添加角色', en: 'Added a role' },
  'membership.update': { 'zh-CN': '修改角色', en: 'Changed a role' },
  'membership.delete': { 'zh-CN': '移除角色', en: 'Removed a role' },
  'company.create': { 'zh-CN': '新建社区公司', en: 'Created company' },
  'company.update': { 'zh-CN': '修改社区公司', en: 'Edited company' },
  'company.delete': { 'zh-CN': '删除社区公司', en: 'Deleted company' },
  'company.shareholdings.replace': { 'zh-CN': '调整股权结构', en: 'Changed shareholdings' },
  'asset.create': { 'zh-CN': '登记资产', en: 'Registered asset' },
  'asset.update': { 'zh-CN': '修改资产', en: 'Edited asset' },
  'asset.delete': { 'zh-CN': '删除资产', en: 'Deleted asset' },
  'asset.appraise': { 'zh-CN': '资产评估', en: 'Appraised' },
  'agreement.create': { 'zh-CN': '新建运营协议', en: 'Created agreement' },
  'agreement.update': { 'zh-CN': '修改运营协议', en: 'Edited agreement' },
  'agreement.delete': { 'zh-CN': '删除运营协议', en: 'Deleted agreement' },
  'venture.create': { 'zh-CN': '新建经营项目', en: 'Created venture' },
  'venture.update': { 'zh-CN': '修改经营项目', en: 'Edited venture' },
  'venture.delete': { 'zh-CN': '删除经营项目', en: 'Deleted venture' },
  'partner.create': { 'zh-CN': '新建合作方', en: 'Created partner' },
  'partner.update': { 'zh-CN': '修改合作方', en: 'Edited partner' },
  'partner.delete': { 'zh-CN': '删除合作方', en: 'Deleted partner' },
  'report.create': { 'zh-CN': '新建月报', en: 'Created report' },
  'report.update': { 'zh-CN': '保存月报', en: 'Saved report' },
  'report.submit': { 'zh-CN': '提交月报', en: 'Submitted report' },
  'report.approve': { 'zh-CN': '审核通过', en: 'Approved report' },
  'report.return': { 'zh-CN': '退回月报', en: 'Returned report' },
  'report.amend': { 'zh-CN': '更正月报', en: 'Amended report' },
  'report.attachment.add': { 'zh-CN': '上传月报附件', en: 'Attached a file to report' },
  'report.attachment.remove': { 'zh-CN': '删除月报附件', en: 'Removed a report attachment' },
  'report.lock': { 'zh-CN': '锁定月份', en: 'Locked month' },
  'report.lock_period': { 'zh-CN': '锁定月份', en: 'Locked month' },
  'distribution_rule.create': { 'zh-CN': '设置分配规则', en: 'Set distribution rule' },
  'fund.create': { 'zh-CN': '新建资金账户', en: 'Created fund' },
  'fund.update': { 'zh-CN': '修改资金账户', en: 'Edited fund' },
  'ledger.record_inflow': { 'zh-CN': '登记收入', en: 'Recorded inflow' },
  'ledger.reverse': { 'zh-CN': '冲销流水', en: 'Reversed entry' },
  'proposal.create': { 'zh-CN': '新建议事项目', en: 'Created proposal' },
  'proposal.update': { 'zh-CN': '修改议事项目', en: 'Edited proposal' },
  'proposal.submit': { 'zh-CN': '提交议事', en: 'Submitted for deliberation' },
  'proposal.record_deliberation': { 'zh-CN': '录入议事结果', en: 'Recorded the vote' },
  'proposal.publish': { 'zh-CN': '开始公示', en: 'Started disclosure' },
  'proposal.end_disclosure': { 'zh-CN': '公示期满', en: 'Disclosure ended' },
  'proposal.record_objection': { 'zh-CN': '登记异议', en: 'Recorded objection' },
  'proposal.resolve_objection': { 'zh-CN': '处理异议', en: 'Resolved objection' },
  'proposal.pay_out': { 'zh-CN': '拨付', en: 'Paid out' },
  'proposal.close': { 'zh-CN': '结项', en: 'Closed' },
  'proposal.withdraw': { 'zh-CN': '撤回', en: 'Withdrew' },
  'pledge.create': { 'zh-CN': '登记反哺承诺', en: 'Recorded pledge' },
  'pledge.update': { 'zh-CN': '修改反哺承诺', en: 'Edited pledge' },
  'pledge.record_fulfilment': { 'zh-CN': '登记履约', en: 'Recorded fulfilment' },
  'pledge.confirm_fulfilment': { 'zh-CN': '确认履约入账', en: 'Confirmed fulfilment' },
  'kpi_target.set': { 'zh-CN': '设定年度目标', en: 'Set yearly target' },
  'kpi_target.remove': { 'zh-CN': '删除年度目标', en: 'Removed yearly target' },
  'api_token.create': { 'zh-CN': '签发 API 令牌', en: 'Issued API token' },
  'api_token.revoke': { 'zh-CN': '撤销 API 令牌', en: 'Revoked API token' },
  'warning.detect': { 'zh-CN': '生成预警', en: 'Raised warning' },
  'warning.escalate': { 'zh-CN': '预警升级为红色', en: 'Escalated to red' },
  'warning.resolve': { 'zh-CN': '处理预警', en: 'Resolved warning' },
  'warning.assign': { 'zh-CN': '指定责任人', en: 'Assigned owner' },
} as const satisfies Labels<string>;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The actions the API records on each type of object (the audit log's filters offer these). */
export const AUDIT_ENTITY_ACTIONS: { readonly [T in AuditEntityType]: readonly AuditAction[] } = {
  community: ['community.create', 'community.update', 'community.delete'],
  street_office: ['street_office.create', 'street_office.update', 'street_office.delete'],
  district: ['district.settings.update', 'district.create'],
  company: ['company.create', 'company.update', 'company.delete', 'company.shareholdings.replace'],
  asset: ['asset.create', 'asset.update', 'asset.delete'],
  asset_appraisal: ['asset.appraise'],
  operator_agreement: ['agreement.create', 'agreement.update', 'agreement.delete'],
  venture: ['venture.create', 'venture.update', 'venture.delete'],
  partner: ['partner.create', 'partner.update', 'partner.delete'],
  monthly_report: [
    'report.create',
    'report.update',
    'report.submit',
    'report.approve',
    'report.return',
    'report.amend',
    'report.attachment.add',
    'report.attachment.remove',
  ],
  report_period_lock: ['report.lock_period'],
  distribution_rule: ['distribution_rule.create'],
  fund: ['fund.create'],
  ledger_entry: ['ledger.record_inflow', 'ledger.reverse'],
  proposal: [
    'proposal.create',
    'proposal.update',
    'proposal.record_deliberation',
    'proposal.publish',
    'proposal.record_objection',
    'proposal.resolve_objection',
    'proposal.pay_out',
    'proposal.close',
    'proposal.withdraw',
  ],
  pledge: ['pledge.create', 'pledge.record_fulfilment', 'pledge.confirm_fulfilment'],
  warning: ['warning.detect', 'warning.escalate', 'warning.resolve', 'warning.assign'],
  kpi_target: ['kpi_target.set', 'kpi_target.remove'],
  api_token: ['api_token.create', 'api_token.revoke'],
  user: [
    'user.invite',
    'user.disable',
    'user.enable',
    'user.reset_password',
    'membership.create',
    'membership.update',
    'membership.delete',
  ],
};

/** 'fund' → 资金账户; a type with no words yet as its code. */
export function auditEntityLabel(entityType: string, locale: Locale): string {
  return Object.hasOwn(AUDIT_ENTITY_LABELS, entityType)
    ? AUDIT_ENTITY_LABELS[entityType as AuditEntityType][locale]
    : entityType;
}

/** 'proposal.pay_out' → 拨付; an action with no words yet as its code. */
export function auditActionLabel(action: string, locale: Locale): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action)
    ? AUDIT_ACTION_LABELS[action as AuditAction][locale]
    : action;
}

/**
 * Actions the warning rules take, not a person: a district admin's 重新计算预警 runs the rules, and each warning
 * they raise is logged under that admin. The log says who started the run and that the rules did the rest — an
 * inspector must not read forty 生成预警 as a clerk raising warnings by hand.
 */
const RULE_ACTIONS: ReadonlySet<string> = new Set<AuditAction>(['warning.detect', 'warning.escalate']);

/** The actor of an entry as the log says it: `name`, or for a rule's action 预警规则（name 发起检查）. */
export function auditActorLabel(action: string, name: string, locale: Locale): string {
  if (!RULE_ACTIONS.has(action)) return name;
  return locale === 'en' ? `Warning rules (check run by ${name})` : `预警规则（${name} 发起检查）`;
}
