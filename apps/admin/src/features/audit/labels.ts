import type { i18n as I18n, TFunction } from 'i18next';
import type { TranslationKey } from '../../lib/translation-key';

/**
 * The object types of the audit log and the actions the API records on each (as `apps/api` writes them). The
 * filters offer these; an action not listed still shows, by its code.
 */
export const AUDIT_ENTITY_ACTIONS: Readonly<Record<string, readonly string[]>> = {
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

export const AUDIT_ENTITY_TYPES = Object.keys(AUDIT_ENTITY_ACTIONS);

type Translate = TFunction;

/**
 * What the audit's wording needs of i18next, in one language: its strings, whether a key exists (a field or a value
 * with no words yet shows by its code), and the language (the domain's labels carry both).
 */
export interface AuditText {
  t: TFunction;
  exists: (key: string) => boolean;
  language: string;
}

/** The audit's wording in the UI's language, or another (a test's English). */
export function auditText(i18n: I18n, language: string = i18n.language): AuditText {
  return {
    t: i18n.getFixedT(language),
    exists: (key) => i18n.exists(key, { lng: language }),
    language,
  };
}

/** 'proposal.pay_out' → 支出 (the action's code when it has no name yet). */
export function actionLabel(action: string, t: Translate, i18n: I18n): string {
  const key = `oversight.audit.action.${action}`;
  return i18n.exists(key) ? t(key as TranslationKey) : action;
}

/** 'fund' → 资金账户 (the type's code when it has no name yet). */
export function entityLabel(entityType: string, t: Translate, i18n: I18n): string {
  const key = `oversight.audit.entity.${entityType}`;
  return i18n.exists(key) ? t(key as TranslationKey) : entityType;
}
