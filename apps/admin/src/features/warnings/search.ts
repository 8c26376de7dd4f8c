import type { WarningKind, WarningSeverity } from '@gongfu/domain';

// Search params are validated with local constants: importing the domain's values here would put them in the entry
// chunk (search.test.ts holds these lists to the domain's).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SEVERITIES = ['red', 'amber'] as const satisfies readonly WarningSeverity[];
export const KINDS = [
  'report_overdue',
  'revenue_drop',
  'fund_idle',
  'agreement_expiring',
  'pledge_overdue',
  'remittance_below_minimum',
] as const satisfies readonly WarningKind[];

/** Which warnings by status: the open ones unless the URL says otherwise (what needs doing comes first). */
export type StatusFilter = 'open' | 'resolved' | 'all';

/** The warnings list's URL. */
export interface WarningsSearch {
  /** absent: open */
  status?: 'resolved' | 'all';
  severity?: WarningSeverity;
  kind?: WarningKind;
  /** district roles: one community */
  communityId?: string;
  /** the communities of one street office (the cockpit's selection) */
  streetOfficeId?: string;
  /** the warnings about one object (a venture, fund, agreement or pledge) */
  subjectId?: string;
  /** absent: the most recent condition first; `longest`: the longest-held first (ADR 0040) */
  order?: 'longest';
  page?: number;
}

function oneOf<T extends string>(values: readonly T[], raw: unknown): T | undefined {
  return typeof raw === 'string' && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

function page(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n > 1 && n < 100_000 ? n : undefined;
}

/** Keeps the params that are well-formed and drops the rest (a pasted or stale link still opens). */
export function validateWarningsSearch(search: Record<string, unknown>): WarningsSearch {
  const result: WarningsSearch = {};
  const status = oneOf(['resolved', 'all'] as const, search.status);
  if (status) result.status = status;
  const severity = oneOf(SEVERITIES, search.severity);
  if (severity) result.severity = severity;
  const kind = oneOf(KINDS, search.kind);
  if (kind) result.kind = kind;
  if (search.order === 'longest') result.order = 'longest';
  for (const key of ['communityId', 'streetOfficeId', 'subjectId'] as const) {
    const value = search[key];
    if (typeof value === 'string' && UUID.test(value)) result[key] = value;
  }
  const p = page(search.page);
  if (p) result.page = p;
  return result;
}

export function statusOf(search: WarningsSearch): StatusFilter {
  return search.status ?? 'open';
}

/** Whether anything but the default (open warnings, first page) narrows the list. */
export function isFiltered(search: WarningsSearch): boolean {
  return Boolean(
    search.severity || search.kind || search.communityId || search.streetOfficeId || search.subjectId,
  );
}
