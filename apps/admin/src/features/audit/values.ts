import {
  AGREEMENT_TERMS_LABELS,
  APPRAISAL_METHOD_LABELS,
  ASSET_KIND_LABELS,
  ASSET_STATUS_LABELS,
  COMMUNITY_KIND_LABELS,
  CONTRIBUTION_KIND_LABELS,
  FUND_KIND_LABELS,
  formatYuan,
  HOLDER_KIND_LABELS,
  KPI_DEFINITIONS,
  LEDGER_ENTRY_KIND_LABELS,
  type LocalizedText,
  OPERATING_MODEL_LABELS,
  PARTNER_KIND_LABELS,
  PLEDGE_KIND_LABELS,
  PRICE_TIER_LABELS,
  PROPOSAL_STATUS_LABELS,
  PROPOSAL_USE_CATEGORY_LABELS,
  REPORT_FIGURE_DEFINITIONS,
  REPORT_STATUS_LABELS,
  VENTURE_CATEGORY_LABELS,
  VENTURE_STATUS_LABELS,
  WARNING_KIND_LABELS,
  WARNING_SEVERITY_LABELS,
  WARNING_STATUS_LABELS,
} from '@gongfu/domain';
import { instantText } from '../../lib/shanghai-time';
import type { TranslationKey } from '../../lib/translation-key';
import { percentText } from '../settings/format';
import { FACT_KEYS } from '../warnings/facts';
import type { AuditText } from './labels';

/** A closed vocabulary: a code's words, or undefined for a code it does not know (shown as the code). */
type Vocabulary = (code: string, text: AuditText) => string | undefined;

function localized(label: LocalizedText, language: string): string {
  return language === 'en' ? label.en : label['zh-CN'];
}

/** The domain's labels (both languages, the single source the forms use too). */
const domain =
  (labels: Readonly<Record<string, LocalizedText>>): Vocabulary =>
  (code, text) =>
    Object.hasOwn(labels, code) ? localized(labels[code] as LocalizedText, text.language) : undefined;

/** Labels that live in the admin's strings only (roles, a pledge's or an account's status). */
const keyed =
  (prefix: string): Vocabulary =>
  (code, text) => {
    const key = `${prefix}.${code}`;
    return text.exists(key) ? text.t(key as TranslationKey) : undefined;
  };

const kpiName: Vocabulary = (code, text) =>
  Object.hasOwn(KPI_DEFINITIONS, code)
    ? localized(KPI_DEFINITIONS[code as keyof typeof KPI_DEFINITIONS].name, text.language)
    : undefined;

/** A report figure's code ('revenueFen') as the form names it. */
const figureName: Vocabulary = (code, text) =>
  Object.hasOwn(REPORT_FIGURE_DEFINITIONS, code)
    ? localized(
        REPORT_FIGURE_DEFINITIONS[code as keyof typeof REPORT_FIGURE_DEFINITIONS].label,
        text.language,
      )
    : undefined;

/**
 * `status` and `kind` name a different vocabulary on each type of object (a report's 'approved' is 已审核, a
 * proposal's 议事通过): these go by the entry's type first.
 */
const BY_ENTITY: Readonly<Record<string, Readonly<Record<string, Vocabulary>>>> = {
  proposal: { status: domain(PROPOSAL_STATUS_LABELS) },
  monthly_report: { status: domain(REPORT_STATUS_LABELS) },
  venture: { status: domain(VENTURE_STATUS_LABELS) },
  asset: { status: domain(ASSET_STATUS_LABELS), kind: domain(ASSET_KIND_LABELS) },
  warning: { status: domain(WARNING_STATUS_LABELS), kind: domain(WARNING_KIND_LABELS) },
  pledge: { status: keyed('funds.pledge.status'), kind: domain(PLEDGE_KIND_LABELS) },
  user: { status: keyed('users.status') },
  community: { kind: domain(COMMUNITY_KIND_LABELS) },
  partner: { kind: domain(PARTNER_KIND_LABELS) },
  fund: { kind: domain(FUND_KIND_LABELS) },
  ledger_entry: { kind: domain(LEDGER_ENTRY_KIND_LABELS) },
};

/** Fields that hold the same vocabulary wherever they appear. */
const BY_FIELD: Readonly<Record<string, Vocabulary>> = {
  category: domain(VENTURE_CATEGORY_LABELS),
  priceTier: domain(PRICE_TIER_LABELS),
  terms: domain(AGREEMENT_TERMS_LABELS),
  operatingModel: domain(OPERATING_MODEL_LABELS),
  method: domain(APPRAISAL_METHOD_LABELS),
  holderKind: domain(HOLDER_KIND_LABELS),
  contributionKind: domain(CONTRIBUTION_KIND_LABELS),
  severity: domain(WARNING_SEVERITY_LABELS),
  useCategory: domain(PROPOSAL_USE_CATEGORY_LABELS),
  fundKind: domain(FUND_KIND_LABELS),
  role: keyed('role'),
  subjectType: keyed('oversight.warnings.subject'),
  kpi: kpiName,
  returnedFields: figureName,
  typedZeros: figureName,
};

/** The words of a code in a field of this type of object; the code itself when it has none. */
export function codeText(entityType: string, field: string, code: string, text: AuditText): string {
  const vocabulary = BY_ENTITY[entityType]?.[field] ?? BY_FIELD[field];
  return vocabulary?.(code, text) ?? code;
}

/**
 * A field's name: the type's own word for it, the audit's dictionary, a report figure's name (the domain holds
 * those in both languages, as the report form shows them), else its code.
 */
export function fieldLabel(entityType: string, field: string, text: AuditText): string {
  for (const key of [`oversight.audit.fieldOf.${entityType}.${field}`, `oversight.audit.field.${field}`]) {
    if (text.exists(key)) return text.t(key as TranslationKey);
  }
  return figureName(field, text) ?? field;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const yuan = (fen: number, text: AuditText) =>
  `${formatYuan(fen, { grouping: true })} ${text.t('kpi.unit.fen')}`;

/** A file's size: exact bytes below 1 KB (a 70-byte file is not "1 KB"), else KB / MB with one decimal. */
export function byteSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** A nested object or list in words, where the field says what it holds; undefined for the generic fallback. */
function summary(
  entityType: string,
  field: string,
  value: object,
  text: AuditText,
): string | null | undefined {
  const t = text.t;
  const list = (items: string[]) => items.join(t('oversight.audit.value.separator'));
  if (Array.isArray(value)) {
    // an empty list reads as nothing, like a null: "— → 1 笔" rather than "0 项 → 1 笔"
    if (value.length === 0) return null;
    if (field === 'payouts') {
      const amount = value.reduce(
        (sum: number, p) => sum + (isRecord(p) && !p.reversed ? num(p.amountFen) : 0),
        0,
      );
      return t('oversight.audit.value.payouts', { count: value.length, amount: yuan(amount, text) });
    }
    if (field === 'memberships') {
      // a role with its community or partner where the entry logged its name: 社区管理员（渡口社区）
      return list(
        value.map((m) => {
          if (!isRecord(m)) return '?';
          const role = codeText(entityType, 'role', str(m.role), text);
          const of = str(m.communityName) || str(m.partnerName);
          return of ? t('oversight.audit.value.roleOf', { role, of }) : role;
        }),
      );
    }
    if (field === 'items' || field === 'shareholdings') {
      return list(
        value.map((h) =>
          isRecord(h)
            ? `${str(h.holderName) || codeText(entityType, 'holderKind', str(h.holderKind), text)} ${percentText(num(h.shareBp))}`
            : '?',
        ),
      );
    }
    if (field === 'flags') {
      // a figure may carry more than one flag: named once
      const fields = new Set(value.map((f) => (isRecord(f) ? str(f.field) : '?')));
      return list([...fields].map((f) => fieldLabel('monthly_report', f, text)));
    }
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return list(value.map((v) => codeText(entityType, field, String(v), text)));
    }
    return t('oversight.audit.value.items', { count: value.length });
  }
  if (!isRecord(value)) return undefined;
  // an empty record (no explanations yet) reads as nothing, like a null: "— → …", not "{} → …"
  if (Object.keys(value).length === 0) return null;
  if (field === 'deliberation' && 'votesFor' in value) {
    return t('oversight.audit.value.deliberation', {
      date: str(value.meetingOn),
      for: num(value.votesFor),
      against: num(value.votesAgainst),
      abstain: num(value.votesAbstain),
      attendance: num(value.attendance),
      quorum: num(value.quorum),
    });
  }
  if (field === 'payout' && 'amountFen' in value) {
    return t('oversight.audit.value.payout', {
      amount: yuan(num(value.amountFen), text),
      balance: yuan(num(value.fundBalanceFen), text),
    });
  }
  if (field === 'disclosure' && 'startsOn' in value) {
    return t('oversight.audit.value.disclosure', {
      start: str(value.startsOn),
      end: str(value.endsOn),
      // `count`: English says "1 day" (i18next pluralises on it alone)
      count: num(value.days),
    });
  }
  if (field === 'attachment' && 'fileName' in value) {
    // a report's file as its name and size; the hash and kind are for machines (shown raw they read as JSON)
    return t('oversight.audit.value.attachment', {
      name: str(value.fileName),
      size: byteSizeText(num(value.byteSize)),
    });
  }
  if (field === 'latestAppraisal' && 'valueFen' in value) {
    return t('oversight.audit.value.appraisal', {
      value: yuan(num(value.valueFen), text),
      date: str(value.appraisedOn),
      method: codeText(entityType, 'method', str(value.method), text),
    });
  }
  const facts = (entries: [string, string | null][]) =>
    entries
      .filter((e): e is [string, string] => e[1] !== null)
      .map(([label, v]) => t('oversight.audit.value.fact', { label, value: v }))
      .join(t('oversight.audit.value.factSeparator')) || undefined;
  if (field === 'detail') {
    // a warning's facts, as its drawer names them (ids and codes left out)
    return facts(
      FACT_KEYS.filter((key) => key in value).map((key) => [
        t(`oversight.warnings.fact.${key}`),
        valueText(entityType, key, value[key], text),
      ]),
    );
  }
  if (field === 'explanations') {
    return facts(
      Object.entries(value).map(([key, v]) => [
        fieldLabel('monthly_report', key, text),
        typeof v === 'string' ? v : null,
      ]),
    );
  }
  return undefined;
}

/**
 * A value in a line, in words: codes by the field's vocabulary, amounts in fen as 元, basis points as percent,
 * yes / no, instants in Shanghai time, lists and objects summed up where the field says what they hold — else short
 * JSON.
 */
export function valueText(entityType: string, field: string, value: unknown, text: AuditText): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean')
    return text.t(value ? 'oversight.audit.value.yes' : 'oversight.audit.value.no');
  if (typeof value === 'number') {
    if (/Fen$/.test(field) && Number.isInteger(value)) return yuan(value, text);
    if (/Bp$/.test(field)) return percentText(value);
    if (field === 'direction') {
      return text.t(value < 0 ? 'oversight.audit.value.outflow' : 'oversight.audit.value.inflow');
    }
    return String(value);
  }
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value)) return instantText(value);
    return codeText(entityType, field, value, text);
  }
  if (typeof value === 'object') {
    const words = summary(entityType, field, value, text);
    if (words !== undefined) return words;
  }
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}
