import type { Warning } from '@gongfu/contract';
import { subjectName } from '../warnings/facts';
import type { AuditText } from './labels';
import { codeText, valueText } from './values';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The non-empty texts among these, joined by " · "; null when none is there. */
function joined(...parts: unknown[]): string | null {
  const texts = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return texts.length > 0 ? texts.join(' · ') : null;
}

/**
 * The object of an entry by name, from what the entry logged: its after, or its before for a deletion (the after of
 * an update holds the name it has since). Null when the entry logged no name (a role's change on a user, a company's
 * shareholdings): the caller shows the id.
 */
export function objectName(
  entityType: string,
  before: unknown,
  after: unknown,
  text: AuditText,
): string | null {
  const o = isRecord(after) ? after : isRecord(before) ? before : null;
  if (!o) return null;
  switch (entityType) {
    case 'monthly_report': {
      const name = joined(o.communityName, o.ventureName, o.month);
      const revision = typeof o.revision === 'number' && o.revision > 1 ? o.revision : null;
      return name && revision ? `${name} · ${text.t('oversight.audit.value.revision', { revision })}` : name;
    }
    case 'proposal':
      return joined(o.title);
    case 'company':
      return joined(o.legalName);
    case 'venture':
    case 'asset':
    case 'partner':
    case 'fund':
    case 'community':
    case 'street_office':
    case 'district':
    case 'api_token':
      return joined(o.name);
    case 'warning':
      // its subject too (the fund, the venture, the pledge): a community may have two funds idle
      return typeof o.kind === 'string'
        ? joined(
            codeText('warning', 'kind', o.kind, text),
            o.communityName,
            isRecord(o.detail) && typeof o.subjectType === 'string'
              ? subjectName({ subjectType: o.subjectType as Warning['subjectType'], detail: o.detail })
              : null,
          )
        : null;
    case 'user':
      return joined(o.displayName) ?? joined(o.email);
    case 'operator_agreement':
      return joined(o.partnerName, o.ventureName);
    case 'pledge':
      return joined(o.partnerName);
    case 'ledger_entry': {
      if (joined(o.memo)) return joined(o.memo);
      const amount = valueText(entityType, 'amountFen', o.amountFen, text);
      if (!amount) return null;
      const kind = typeof o.kind === 'string' ? codeText(entityType, 'kind', o.kind, text) : '';
      return kind ? text.t('oversight.audit.value.ledgerEntry', { kind, amount }) : amount;
    }
    case 'asset_appraisal':
      return joined(o.appraiser, o.appraisedOn);
    case 'report_period_lock':
      return joined(o.month);
    case 'kpi_target':
      return typeof o.kpi === 'string' && typeof o.year === 'number'
        ? text.t('oversight.audit.value.kpiTarget', {
            year: o.year,
            kpi: codeText(entityType, 'kpi', o.kpi, text),
          })
        : null;
    default:
      return null;
  }
}
