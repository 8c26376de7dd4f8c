import { formatYuan } from '@gongfu/domain';

/** Fields every row carries that say nothing to a reader (ids, versions, bookkeeping times). */
const QUIET = new Set(['id', 'version', 'districtId', 'createdAt', 'updatedAt', 'requestId']);

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value in a line: amounts in fen as 元, objects as short JSON. */
export function valueText(field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && /Fen$/.test(field) && Number.isInteger(value)) {
    return `${formatYuan(value, { grouping: true })} 元`;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

/**
 * What an entry changed, field by field: the fields whose value differs between before and after (all of them
 * for a creation or a deletion), quiet fields left out. Not objects (a value logged as text): one line.
 */
export function changesOf(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    const b = valueText('value', before);
    const a = valueText('value', after);
    return a === b ? [] : [{ field: '', before: b, after: a }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !QUIET.has(f));
  return fields.flatMap((field) => {
    const was = valueText(field, b[field]);
    const now = valueText(field, a[field]);
    if (JSON.stringify(b[field] ?? null) === JSON.stringify(a[field] ?? null)) return [];
    return [{ field, before: was, after: now }];
  });
}
