import { auditObjectName } from '@gongfu/domain';
import { localeOf } from '../../lib/i18n';
import type { AuditText } from './labels';

/**
 * The object of an entry by name, from what the entry logged (the domain's rule, which the export follows too).
 * Null when the entry logged no name: the caller shows the id.
 */
export function objectName(
  entityType: string,
  before: unknown,
  after: unknown,
  text: AuditText,
): string | null {
  return auditObjectName(entityType, before, after, localeOf(text.language));
}
