import { WARNING_KIND_LABELS } from './enums';
import { LEDGER_ENTRY_KIND_LABELS } from './funds';
import { KPI_DEFINITIONS } from './kpis';
import type { Locale, LocalizedText } from './labels';
import { formatYuan } from './money';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The non-empty texts among these, joined by " · "; null when none is there. */
function joined(...parts: unknown[]): string | null {
  const texts = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return texts.length > 0 ? texts.join(' · ') : null;
}

/** A code's words in a record of labels; the code itself when it has none. */
function wordsOf(labels: Readonly<Record<string, LocalizedText>>, code: string, locale: Locale): string {
  return Object.hasOwn(labels, code) ? (labels[code] as LocalizedText)[locale] : code;
}

/** What a warning is about, by name (its detail logged it): the fund, the partner and its pledge, the venture. */
function warningSubject(subjectType: unknown, detail: unknown): string | null {
  if (typeof subjectType !== 'string' || !isRecord(detail)) return null;
  const pick = (key: string) =>
    typeof detail[key] === 'string' && detail[key] ? (detail[key] as string) : null;
  if (subjectType === 'fund') return pick('fundName');
  if (subjectType === 'pledge') return joined(pick('partnerName'), pick('description'));
  if (subjectType === 'agreement') return joined(pick('ventureName'), pick('partnerName'));
  return pick('ventureName');
}

/**
 * The object of an audit entry by name, from what the entry logged: its after, or its before for a deletion (the
 * after of an update holds the name it has since). Null when the entry logged no name (a role's change on a user,
 * a company's shareholdings): the caller shows the id. The audit screen and its export both name objects so.
 */
export function auditObjectName(
  entityType: string,
  before: unknown,
  after: unknown,
  locale: Locale,
): string | null {
  const o = isRecord(after) ? after : isRecord(before) ? before : null;
  if (!o) return null;
  const en = locale === 'en';
  switch (entityType) {
    case 'monthly_report': {
      const name = joined(o.communityName, o.ventureName, o.month);
      const revision = typeof o.revision === 'number' && o.revision > 1 ? o.revision : null;
      if (!name || !revision) return name;
      return `${name} · ${en ? `revision ${revision}` : `第 ${revision} 版`}`;
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
      // its subject too: a community may have two funds idle
      return typeof o.kind === 'string'
        ? joined(
            wordsOf(WARNING_KIND_LABELS, o.kind, locale),
            o.communityName,
            warningSubject(o.subjectType, o.detail),
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
      if (typeof o.amountFen !== 'number') return null;
      const amount = Number.isSafeInteger(o.amountFen)
        ? `${formatYuan(o.amountFen, { grouping: true })} ${en ? 'yuan' : '元'}`
        : String(o.amountFen);
      return typeof o.kind === 'string' && o.kind
        ? `${wordsOf(LEDGER_ENTRY_KIND_LABELS, o.kind, locale)} ${amount}`
        : amount;
    }
    case 'asset_appraisal':
      return joined(o.appraiser, o.appraisedOn);
    case 'report_period_lock':
      return joined(o.month);
    case 'kpi_target': {
      if (typeof o.kpi !== 'string' || typeof o.year !== 'number') return null;
      const kpi = Object.hasOwn(KPI_DEFINITIONS, o.kpi)
        ? KPI_DEFINITIONS[o.kpi as keyof typeof KPI_DEFINITIONS].name[locale]
        : o.kpi;
      return en ? `${o.year} · ${kpi}` : `${o.year} 年 · ${kpi}`;
    }
    default:
      return null;
  }
}
