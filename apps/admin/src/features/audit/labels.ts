import {
  auditActionLabel,
  auditActorLabel,
  auditEntityLabel,
  AUDIT_ENTITY_ACTIONS as ENTITY_ACTIONS,
} from '@gongfu/domain';
import type { i18n as I18n, TFunction } from 'i18next';
import { localeOf } from '../../lib/i18n';

/**
 * The object types of the audit log and the actions the API records on each (the domain holds them with their
 * words, which the export writes too). The filters offer these; an action not listed still shows, by its code.
 */
export const AUDIT_ENTITY_ACTIONS: Readonly<Record<string, readonly string[]>> = ENTITY_ACTIONS;

export const AUDIT_ENTITY_TYPES = Object.keys(AUDIT_ENTITY_ACTIONS);

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

/** 'proposal.pay_out' → 拨付 (the action's code when it has no name yet). */
export function actionLabel(action: string, language: string): string {
  return auditActionLabel(action, localeOf(language));
}

/** Who made an entry: the person, or the warning rules in a check the person ran (生成预警 is not by hand). */
export function actorLabel(action: string, name: string, language: string): string {
  return auditActorLabel(action, name, localeOf(language));
}

/** 'fund' → 资金账户 (the type's code when it has no name yet). */
export function entityLabel(entityType: string, language: string): string {
  return auditEntityLabel(entityType, localeOf(language));
}
