import type { AuditText } from './labels';
import { fieldLabel, valueText } from './values';

export interface FieldChange {
  /** the field as the API logs it (`paidFen`; `warningThresholds.fundIdleMonths` for a field of a nested object) */
  field: string;
  /** its name in words (its code when it has none) */
  label: string;
  before: string | null;
  after: string | null;
}

/**
 * Fields that say nothing to a reader of the log: ids, versions and bookkeeping times; who and when of the entry's
 * own step (submittedBy, reviewedAt…: the log's actor and time columns say it); the buttons the writer happened to
 * have (availableActions, a function of the status); ids of what the step itself created (the membership, the
 * payout's ledger entry, the objection) and the ledger's internal provenance (the action names it).
 */
const QUIET = new Set([
  'id',
  'version',
  'districtId',
  'createdAt',
  'updatedAt',
  'requestId',
  'createdBy',
  'updatedBy',
  'availableActions',
  'submittedAt',
  'submittedBy',
  'reviewedAt',
  'reviewedBy',
  'detectedAt',
  'resolvedAt',
  'resolvedBy',
  'lockedAt',
  'lockedBy',
  'membershipId',
  'entryId',
  'objectionId',
  'fulfilmentId',
  'ledgerEntryId',
  'targetId',
  'sourceType',
  'sourceId',
]);

/** Quiet on one type only: a report's street office follows its community, nobody sets it on the report. */
const QUIET_OF: Readonly<Record<string, ReadonlySet<string>>> = {
  monthly_report: new Set(['streetOfficeId']),
  // the shareholdings' own keys: the company is the entry's object
  company: new Set(['companyId']),
};

/**
 * Whether a field is left out. An object's community is the entry's own (the log has a column for it) — except on a
 * user, where a role's community says what the role may do (by name where the entry logged it). A foreign key is left out only when its name is logged
 * beside it (ventureId by ventureName, a proposal's fundId by fundName): the name shows the same change in words. One
 * without a name (a venture's companyId, a proposal's fundId in entries logged before its name was) stays, as an id:
 * hiding it would hide a real change.
 */
function isQuiet(entityType: string, field: string, b: Record<string, unknown>, a: Record<string, unknown>) {
  if (QUIET.has(field) || QUIET_OF[entityType]?.has(field)) return true;
  if (field === 'communityId' && entityType !== 'user') return true;
  const key = /^(.+)Id$/.exec(field)?.[1];
  return key !== undefined && (`${key}Name` in b || `${key}Name` in a);
}

/** Nested objects whose fields each mean something on their own: a line per changed field, not one blob. */
const SPREAD = new Set(['warningThresholds']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);

/**
 * What an entry changed, field by field and in words: the fields whose value differs between before and after (all
 * of them for a creation or a deletion), quiet fields left out. Not objects (a value logged as text): one line.
 */
export function changesOf(
  entityType: string,
  before: unknown,
  after: unknown,
  text: AuditText,
): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    const was = valueText(entityType, 'value', before, text);
    const now = valueText(entityType, 'value', after, text);
    return was === now ? [] : [{ field: '', label: '', before: was, after: now }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (f) => !isQuiet(entityType, f, b, a),
  );
  const rows = fields.flatMap((field): FieldChange[] => {
    if (same(b[field], a[field])) return [];
    if (SPREAD.has(field) && (isRecord(b[field]) || isRecord(a[field]))) {
      const inB = isRecord(b[field]) ? b[field] : {};
      const inA = isRecord(a[field]) ? a[field] : {};
      return [...new Set([...Object.keys(inB), ...Object.keys(inA)])]
        .filter((key) => !same(inB[key], inA[key]))
        .map((key) => ({
          field: `${field}.${key}`,
          label: fieldLabel(entityType, key, text),
          before: valueText(entityType, key, inB[key], text),
          after: valueText(entityType, key, inA[key], text),
        }));
    }
    return [
      {
        field,
        label: fieldLabel(entityType, field, text),
        before: valueText(entityType, field, b[field], text),
        after: valueText(entityType, field, a[field], text),
      },
    ];
  });
  // nothing on either side in words (an empty list beside a null): no change a reader could see
  return rows.filter((row) => row.before !== null || row.after !== null);
}
