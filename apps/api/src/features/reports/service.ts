import type {
  ApprovalPreview,
  PeriodLock,
  PeriodLockCreate,
  PlausibilityFlag,
  Report,
  ReportCreate,
  ReportDetail,
  ReportExplanations,
  ReportFigureField,
  ReportHistory,
  ReportListItem,
  ReportListQuery,
  ReportStatusOverview,
  ReportStatusQuery,
  ReportStatusRow,
  ReportTransition,
  ReportUpdate,
} from '@gongfu/contract';
import {
  audit,
  jsonb,
  lastRead,
  ledger,
  reportAttachments,
  reportImports,
  reports,
  type ScopedTransaction,
  toFen,
} from '@gongfu/db';
import {
  type Action,
  addMonths,
  amendmentPostings,
  can,
  checkOn,
  checkPlausibility,
  classifyReportTimeliness,
  compareMonths,
  computeDistribution,
  DEFAULT_REPORT_DUE_DAY,
  type Distribution,
  distributionPostings,
  FUND_KIND_LABELS,
  type FundKind,
  isHolderKind,
  isMonth,
  isReportEditable,
  isReportExpected,
  type LedgerPosting,
  type Month,
  monthOfDate,
  PLAUSIBILITY_RULES,
  type PlausibilityRule,
  plausibilityRuleText,
  REPORT_FIGURE_FIELDS,
  REPORT_STATUSES,
  type ReportAction,
  type ReportFigures,
  type ReportStatus,
  type ReportWorkflowState,
  reportDueDate,
  type ShareholdingInput,
  SPLIT_TARGETS,
  transitionReport,
  unexplainedFields,
  validateReportFigures,
} from '@gongfu/domain';
import { clock, thisMonth } from '../../clock';
import type { Actor } from '../../context';
import { ApiError, type FieldMessage, forbidden, notFound } from '../../errors';
import { type MessageCode, message } from '../../i18n/messages';
import { defaultRuleOf, distributionRulesOf } from './distribution-rules-service';

type Row = reports.ReportRow;

export const isReportStatus = (value: string): value is ReportStatus =>
  (REPORT_STATUSES as readonly string[]).includes(value);

const FIGURES = [
  ['revenueFen', 'revenue_fen'],
  ['operatingCostFen', 'operating_cost_fen'],
  ['stableJobs', 'stable_jobs'],
  ['temporaryJobs', 'temporary_jobs'],
  ['residentsServed', 'residents_served'],
  ['serviceTransactions', 'service_transactions'],
  ['eldersServed', 'elders_served'],
  ['childrenServed', 'children_served'],
  ['remittanceDueFen', 'remittance_due_fen'],
  ['remittanceReceivedFen', 'remittance_received_fen'],
  ['serviceRequests', 'service_requests'],
  ['requestsWithinPromise', 'requests_within_promise'],
] as const satisfies readonly (readonly [keyof ReportFigures, string])[];

type FigureColumn = (typeof FIGURES)[number][1];

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function figuresOf(row: Row): ReportFigures {
  return writeFigures({}, row);
}

/**
 * The row's figures written onto `target` one by one. A list maps 50 rows per request: written in the same order
 * onto objects of the same shape, every row shares one hidden class, where `Object.fromEntries` and a spread of
 * the result into the report cost ~20 µs a row (issue 14; ADR 0038).
 */
function writeFigures<T extends object>(target: T, row: Row): T & ReportFigures {
  const out = target as Record<string, number>;
  for (const [field, column] of FIGURES) out[field] = toFen(row[column]);
  return target as T & ReportFigures;
}

export function columnsOf(figures: ReportFigures): Record<FigureColumn, number> {
  return Object.fromEntries(FIGURES.map(([field, column]) => [column, figures[field]])) as Record<
    FigureColumn,
    number
  >;
}

export function statusOf(row: Row): ReportStatus {
  if (!isReportStatus(row.status)) throw new Error(`report ${row.report_id} has an unknown status`);
  return row.status;
}

const isFigureField = (value: unknown): value is ReportFigureField =>
  typeof value === 'string' && (REPORT_FIGURE_FIELDS as readonly string[]).includes(value);
const isRule = (value: unknown): value is PlausibilityRule =>
  typeof value === 'string' && (PLAUSIBILITY_RULES as readonly string[]).includes(value);
const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A jsonb column as the driver gives it back (parsed, or text on some paths). */
function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function explanationsOf(row: Row): ReportExplanations {
  const value = parsedJson(row.explanations);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(([key, text]) => isFigureField(key) && typeof text === 'string'),
  ) as ReportExplanations;
}

function flagsOf(row: Row): PlausibilityFlag[] {
  const value = parsedJson(row.plausibility_flags);
  if (!Array.isArray(value)) return [];
  return value.flatMap((flag: Record<string, unknown>) =>
    isFigureField(flag?.field) && isRule(flag?.rule)
      ? [
          {
            field: flag.field,
            rule: flag.rule,
            value: Math.trunc(Number(flag.value ?? 0)),
            expectedLow: numberOrNull(flag.expectedLow),
            expectedHigh: numberOrNull(flag.expectedHigh),
            reference: numberOrNull(flag.reference),
          },
        ]
      : [],
  );
}

function returnedFieldsOf(row: Row): ReportFigureField[] {
  const value = parsedJson(row.returned_fields);
  return Array.isArray(value) ? value.filter(isFigureField) : [];
}

/** The typed zeros that are still zeros (a workbook import may have filled one in since). */
function typedZerosOf(row: Row): ReportFigureField[] {
  const value = parsedJson(row.typed_zeros);
  if (!Array.isArray(value) || value.length === 0) return [];
  return FIGURES.filter(([field, column]) => Number(row[column]) === 0 && value.includes(field)).map(
    ([field]) => field,
  );
}

/**
 * The typed zeros to keep with these figures (ADR 0042): the named fields whose figure is 0, once each, in the
 * figures' order — a figure that is not 0 was filled in whatever the client says.
 */
function typedZerosFor(figures: ReportFigures, named: readonly ReportFigureField[]): ReportFigureField[] {
  return FIGURES.map(([field]) => field).filter((field) => figures[field] === 0 && named.includes(field));
}

export function toReport(row: Row): Report {
  const report = {
    id: row.report_id,
    districtId: row.district_id,
    communityId: row.community_id,
    communityName: row.community_name,
    streetOfficeId: row.street_office_id,
    ventureId: row.venture_id,
    ventureName: row.venture_name,
    month: row.month,
    revision: row.revision,
    amendsReportId: row.amends_report_id,
    supersededById: row.superseded_by_id ?? null,
    status: statusOf(row),
    notes: row.notes,
    explanations: explanationsOf(row),
    flags: flagsOf(row),
    returnedFields: returnedFieldsOf(row),
    typedZeros: typedZerosOf(row),
    submittedAt: iso(row.submitted_at),
    submittedBy: row.submitted_by,
    reviewedAt: iso(row.reviewed_at),
    reviewedBy: row.reviewed_by,
    reviewComment: row.review_comment,
    version: row.version,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) ?? '',
    updatedAt: iso(row.updated_at) ?? '',
  };
  return writeFigures(report, row);
}

/** The explicit filter a scope implies — tenancy enforced here as well as by RLS. */
export function scopeFilter(actor: Actor): reports.ReportScope {
  const { districtId, communityId, partnerId, kind } = actor.scope;
  if (!districtId) throw forbidden();
  return {
    districtId,
    communityId: kind === 'community' ? communityId : null,
    partnerId: kind === 'partner' ? partnerId : null,
  };
}

/** The role may do this at all (403), before anything is looked up. */
function requireRole(actor: Actor, action: Action) {
  if (!can(actor.scope.role, action)) throw forbidden();
}

/** Reach on one report (or venture): outside it is 404, self-review 403. */
function requireOn(
  actor: Actor,
  action: Action,
  target: { district_id: string; community_id: string; operator_partner_id: string | null },
  authors: readonly (string | null)[] = [],
) {
  const check = checkOn(actor.scope, action, {
    districtId: target.district_id,
    communityId: target.community_id,
    partnerIds: target.operator_partner_id ? [target.operator_partner_id] : [],
    authorUserIds: authors.filter((a): a is string => a !== null),
  });
  if (check.allowed) return;
  if (check.reason === 'role') throw forbidden();
  if (check.reason === 'self_review') throw new ApiError(403, 'report_self_review');
  throw notFound();
}

const targetOf = (row: Row) => ({
  district_id: row.district_id,
  community_id: row.community_id,
  operator_partner_id: row.venture_operator_partner_id,
});

export async function loadReport(trx: ScopedTransaction, actor: Actor, action: Action, id: string) {
  requireRole(actor, action);
  const row = await reports.findReport(trx, scopeFilter(actor), id);
  if (!row) throw notFound();
  requireOn(actor, action, targetOf(row));
  return row;
}

const STATUS_CONFLICT: Record<ReportStatus, MessageCode> = {
  draft: 'report_is_draft',
  submitted: 'report_is_submitted',
  returned: 'report_is_returned',
  approved: 'report_is_approved',
  locked: 'report_is_locked',
};
export const illegalIn = (status: ReportStatus) => new ApiError(409, STATUS_CONFLICT[status]);
const staleVersion = () => new ApiError(409, 'stale_version');

/** Every problem with the figures at once, each naming its field (400). */
function assertFigures(figures: ReportFigures) {
  const problems = validateReportFigures(figures);
  if (problems.length === 0) return;
  const fields: Record<string, MessageCode> = {};
  for (const problem of problems) {
    if (problem.code === 'report.subset_exceeds_total') {
      if (problem.params.totalField === 'serviceRequests') {
        fields.requestsWithinPromise = 'report_requests_exceed_total';
      } else {
        fields.eldersServed = 'report_groups_exceed_served';
        fields.childrenServed = 'report_groups_exceed_served';
      }
    } else {
      fields[String(problem.params.field ?? 'figures')] = 'report_figure_invalid';
    }
  }
  throw new ApiError(400, 'validation_failed', fields);
}

/**
 * A report with its events and postings. `earlier` (the review drawer's read, GET /reports/{id}) adds the venture's
 * earlier months still awaiting review or returned; a write's answer goes without it.
 */
async function detailOf(
  trx: ScopedTransaction,
  actor: Actor,
  row: Row,
  { earlier = false }: { earlier?: boolean } = {},
): Promise<ReportDetail> {
  // what approving this report booked is part of the report: whoever reads the report sees it (ADR 0010),
  // the reporter included — the fund's other entries stay behind ledger:read
  const parts = await reports.detailParts(trx, scopeFilter(actor), {
    reportId: row.report_id,
    ventureId: row.venture_id,
    month: row.month,
    earlier,
  });
  const { events, postings } = parts;
  return {
    ...toReport(row),
    ...(earlier
      ? {
          earlierUnapproved: parts.earlier.map((r) => ({
            month: r.month,
            reportId: r.report_id,
            status: r.status === 'returned' ? ('returned' as const) : ('submitted' as const),
          })),
        }
      : {}),
    events: events.map((e) => ({
      id: e.event_id,
      action: e.action,
      fromStatus: e.from_status !== null && isReportStatus(e.from_status) ? e.from_status : null,
      toStatus: isReportStatus(e.to_status) ? e.to_status : 'draft',
      actorUserId: e.actor_user_id,
      comment: e.comment,
      at: iso(e.created_at) ?? '',
    })),
    postings: postings.map((p) => ({
      entryId: p.entry_id,
      fundId: p.fund_id,
      fundKind: p.fund_kind,
      kind: p.kind === 'reversal' ? 'reversal' : 'allocation',
      direction: p.direction === -1 ? -1 : 1,
      amountFen: toFen(p.amount_fen),
      postingKey: p.posting_key,
    })),
  };
}

async function reread(trx: ScopedTransaction, actor: Actor, id: string): Promise<Row> {
  const row = await reports.findReport(trx, scopeFilter(actor), id);
  if (!row) throw new Error(`report ${id} vanished inside its own transaction`);
  return row;
}

// ----- reads -------------------------------------------------------------------------------------

/**
 * The earliest month a report, its history or a lock may name. The contract's month pattern takes any four-digit
 * year, the domain's periods only 1000–2999: the 12 months before a month of the year 1000 are no months at all, and
 * asking for them threw (a 500). No community economy reported before 2000.
 */
const EARLIEST_MONTH = '2000-01' as Month;
const isReportMonth = (value: string): value is Month =>
  isMonth(value) && compareMonths(value, EARLIEST_MONTH) >= 0;
const tooEarly = () => new ApiError(400, 'validation_failed', { month: 'report_month_too_early' });

const DEFAULT_PAGE_SIZE = 50;

export async function listReports(trx: ScopedTransaction, actor: Actor, query: ReportListQuery) {
  requireRole(actor, 'report:read');
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  // the request's one read (the page and its count, together): COMMIT goes with it (ADR 0033)
  await lastRead(trx);
  const { rows, total } = await reports.pageOfReports(
    trx,
    scopeFilter(actor),
    {
      month: query.month,
      monthFrom: query.monthFrom,
      monthTo: query.monthTo,
      ventureId: query.ventureId,
      status: query.status,
      communityId: query.communityId,
      streetOfficeId: query.streetOfficeId,
      current: query.current,
      flagged: query.flagged,
    },
    { sort: query.sort ?? '-month', offset: (page - 1) * pageSize, limit: pageSize },
  );
  const now = clock.now();
  const district = actor.scope.kind === 'district';
  const items = rows.map((row): ReportListItem => {
    const month = row.month as Month;
    const dueDay = row.due_day ?? DEFAULT_REPORT_DUE_DAY;
    const first = row.first_submitted_at === null ? null : new Date(row.first_submitted_at);
    // added to the report in place, not spread into a new object: a spread of ~40 fields cost ~18 µs a row
    return Object.assign(toReport(row), {
      dueDate: reportDueDate(month, dueDay),
      firstSubmittedAt: first ? first.toISOString() : null,
      timeliness: first
        ? classifyReportTimeliness({ month, dueDay, firstSubmittedAt: first, now }) === 'late'
          ? ('late' as const)
          : ('on_time' as const)
        : null,
      // a reviewer is a district official: named to the district, never to a community or partner
      reviewedByName: district ? (row.reviewed_by_name ?? null) : null,
      attachmentCount: row.attachment_count === null ? null : Number(row.attachment_count),
    });
  });
  return { items, total, page, pageSize };
}

/** The venture's approved figures of the 12 months before `month`, oldest first (null where none). */
async function historyOf(
  trx: ScopedTransaction,
  actor: Actor,
  ventureId: string,
  month: Month,
): Promise<ReportHistory['months']> {
  const from = addMonths(month, -12);
  const to = addMonths(month, -1);
  const rows = await reports.approvedHistory(trx, scopeFilter(actor), { ventureId, from, to });
  // of each month the latest approved revision: rows come oldest revision first
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const months: ReportHistory['months'] = [];
  for (let m = from; compareMonths(m, to) <= 0; m = addMonths(m, 1)) {
    const row = byMonth.get(m);
    months.push({
      month: m,
      reportId: row?.report_id ?? null,
      status: row ? statusOf(row) : null,
      figures: row ? figuresOf(row) : null,
    });
  }
  return months;
}

export async function reportHistory(
  trx: ScopedTransaction,
  actor: Actor,
  query: { ventureId: string; month: string },
): Promise<ReportHistory> {
  requireRole(actor, 'report:read');
  if (!isReportMonth(query.month)) throw tooEarly();
  const venture = await reports.findVenture(trx, scopeFilter(actor), query.ventureId);
  if (!venture) throw notFound();
  requireOn(actor, 'report:read', venture);
  return {
    ventureId: venture.venture_id,
    month: query.month,
    months: await historyOf(trx, actor, venture.venture_id, query.month),
  };
}

/** The flags the domain's rule finds for this revision's figures against the venture's history. */
async function plausibilityFlagsOf(trx: ScopedTransaction, actor: Actor, row: Row) {
  const history = await historyOf(trx, actor, row.venture_id, row.month as Month);
  return checkPlausibility(
    figuresOf(row),
    history.map((m) => m.figures),
  );
}

/** A flagged figure's message: the domain's wording with its range (as the form and the Excel check say it). */
const flagMessage =
  (flag: PlausibilityFlag): FieldMessage =>
  (lang) =>
    message('report_flag_unexplained', lang, { flag: plausibilityRuleText(flag, lang) });

/** The ids a report's history entry is filed under, read off any row that carries them. */
interface ReportKeys {
  district_id: string;
  community_id: string;
  report_id: string;
  venture_id: string;
}

/**
 * One entry of a report's history (`report_events`), which its reporter and reviewer both read: who did what,
 * from which status to which. Every change of a report (its creation, an edit, a step of review, a correction,
 * a lock, a file added or removed) writes one through here.
 */
export async function recordEvent(
  trx: ScopedTransaction,
  actor: Actor,
  report: ReportKeys,
  change: { action: string; from: string | null; to: string; comment?: string | null },
) {
  await reports.insertEvent(trx, {
    districtId: report.district_id,
    communityId: report.community_id,
    reportId: report.report_id,
    ventureId: report.venture_id,
    action: change.action,
    fromStatus: change.from,
    toStatus: change.to,
    actorUserId: actor.userId,
    comment: change.comment ?? null,
  });
}

/**
 * 409 when the report's month is locked for its community: nothing of it may change any more. Holds the month
 * (shared) until commit, so a lock cannot slip in between this check and the write (`lockPeriod` holds it exclusive).
 */
export async function assertOpenPeriod(
  trx: ScopedTransaction,
  target: { district_id: string; community_id: string; month: string },
) {
  await reports.holdPeriod(trx, { districtId: target.district_id, month: target.month }, 'shared');
  const locked = await reports.isPeriodLocked(trx, {
    districtId: target.district_id,
    communityId: target.community_id,
    month: target.month,
  });
  if (locked) throw new ApiError(409, 'report_period_locked', undefined, { month: target.month });
}

export async function getReport(trx: ScopedTransaction, actor: Actor, id: string) {
  const row = await loadReport(trx, actor, 'report:read', id);
  return detailOf(trx, actor, row, { earlier: true });
}

// ----- writes ------------------------------------------------------------------------------------

export async function createReport(
  trx: ScopedTransaction,
  actor: Actor,
  input: ReportCreate,
  requestId: string,
): Promise<ReportDetail> {
  requireRole(actor, 'report:create');
  const scope = scopeFilter(actor);
  if (!isReportMonth(input.month)) throw tooEarly();
  if (compareMonths(input.month, thisMonth()) > 0) {
    throw new ApiError(400, 'validation_failed', { month: 'report_month_in_future' });
  }
  const venture = await reports.findVenture(trx, scope, input.ventureId);
  if (!venture) throw notFound();
  requireOn(actor, 'report:create', venture);
  const figures = Object.fromEntries(
    FIGURES.map(([field]) => [field, input[field] ?? 0]),
  ) as unknown as ReportFigures;
  assertFigures(figures);
  const existing = await reports.listRevisions(trx, {
    districtId: scope.districtId,
    ventureId: venture.venture_id,
    month: input.month,
  });
  if (existing.length > 0) throw new ApiError(409, 'report_exists');
  await assertOpenPeriod(trx, { ...venture, month: input.month });

  const id = await reports.insertReport(trx, {
    district_id: venture.district_id,
    community_id: venture.community_id,
    venture_id: venture.venture_id,
    month: input.month,
    revision: 1,
    status: 'draft',
    ...columnsOf(figures),
    notes: input.notes ?? null,
    explanations: jsonb(input.explanations ?? {}),
    typed_zeros: jsonb(typedZerosFor(figures, input.typedZeros ?? [])),
    created_by: actor.userId,
  });
  await recordEvent(trx, actor, { ...venture, report_id: id }, { action: 'create', from: null, to: 'draft' });
  const row = await reread(trx, actor, id);
  const created = toReport(row);
  await audit.appendAudit(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    actorUserId: actor.userId,
    action: 'report.create',
    entityType: 'monthly_report',
    entityId: id,
    after: created,
    requestId,
  });
  return detailOf(trx, actor, row);
}

export async function updateReport(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: ReportUpdate,
  requestId: string,
): Promise<ReportDetail> {
  const row = await loadReport(trx, actor, 'report:update', id);
  const status = statusOf(row);
  if (!isReportEditable(status)) throw illegalIn(status);
  if (input.version !== row.version) throw staleVersion();
  await assertOpenPeriod(trx, row);
  const before = toReport(row);
  const current = figuresOf(row);
  const figures = Object.fromEntries(
    FIGURES.map(([field]) => [field, input[field] ?? current[field]]),
  ) as unknown as ReportFigures;
  assertFigures(figures);
  const won = await reports.updateReportIf(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    reportId: row.report_id,
    fromStatuses: [status],
    version: row.version,
    set: {
      ...columnsOf(figures),
      notes: input.notes === undefined ? row.notes : input.notes,
      ...(input.explanations === undefined ? {} : { explanations: jsonb(input.explanations) }),
      // a figure that became 0 without being named stays a blank; one that is no longer 0 leaves the set
      typed_zeros: jsonb(typedZerosFor(figures, input.typedZeros ?? typedZerosOf(row))),
    },
  });
  if (!won) throw staleVersion();
  await recordEvent(trx, actor, row, { action: 'edit', from: status, to: status });
  const updated = await reread(trx, actor, id);
  await audit.appendAudit(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    actorUserId: actor.userId,
    action: 'report.update',
    entityType: 'monthly_report',
    entityId: id,
    before,
    after: toReport(updated),
    requestId,
  });
  return detailOf(trx, actor, updated);
}

function workflowStateOf(row: Row): ReportWorkflowState {
  return {
    status: statusOf(row),
    revision: row.revision,
    amendsRevision: row.amends_report_id ? row.revision - 1 : null,
    createdBy: row.created_by ?? '',
    submittedBy: row.submitted_by,
    reviewComment: row.review_comment,
    amendmentReason: null,
  };
}

/** The domain's verdict on an action, as an HTTP error: 409 naming the status, 403, or 400 on `comment`. */
function decide(row: Row, action: ReportAction, actor: Actor, comment: string | null | undefined) {
  const result = transitionReport(workflowStateOf(row), action, { actorUserId: actor.userId, comment });
  if (result.ok) return result.value;
  switch (result.error.code) {
    case 'report.self_review':
      throw new ApiError(403, 'report_self_review');
    case 'report.comment_required':
      throw new ApiError(400, 'validation_failed', { comment: 'report_comment_required' });
    default:
      throw illegalIn(statusOf(row));
  }
}

const ACTION_PERMISSION = {
  submit: 'report:submit',
  return: 'report:return',
  approve: 'report:approve',
  lock: 'report:lock',
} as const satisfies Partial<Record<ReportAction, Action>>;

export type WorkflowAction = keyof typeof ACTION_PERMISSION;

/**
 * submit / return / approve / lock. The status change is conditional on the status and version read,
 * so of two racing requests exactly one changes the row; the other matches nothing and gets 409. An
 * approval posts the distribution in the same transaction, after it has won that race: a retried or
 * raced approval can therefore never post twice (and the posting keys would refuse it anyway).
 */
export async function transition(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  action: WorkflowAction,
  input: ReportTransition,
  requestId: string,
): Promise<ReportDetail> {
  const permission = ACTION_PERMISSION[action];
  const row = await loadReport(trx, actor, permission, id);
  // reviews: never by whoever created or submitted the revision
  requireOn(actor, permission, targetOf(row), [row.created_by, row.submitted_by]);
  const from = statusOf(row);
  const decided = decide(row, action, actor, input.comment);
  if (input.version !== undefined && input.version !== row.version) throw staleVersion();
  const to = decided.report.status;
  const now = new Date();
  const comment = input.comment?.trim() || null;
  if (action === 'submit') await assertOpenPeriod(trx, row);

  let set: Parameters<typeof reports.updateReportIf>[1]['set'];
  if (action === 'submit') {
    // the rule runs again here whatever the form did: a flagged figure needs its explanation
    const flags = await plausibilityFlagsOf(trx, actor, row);
    assertExplained(flags, explanationsOf(row));
    set = {
      status: to,
      submitted_at: now,
      submitted_by: actor.userId,
      plausibility_flags: jsonb(flags),
      returned_fields: jsonb([]),
    };
  } else if (action === 'lock') {
    set = { status: to };
  } else {
    set = { status: to, reviewed_at: now, reviewed_by: actor.userId, review_comment: comment };
    if (action === 'return') set.returned_fields = jsonb([...new Set(input.fields ?? [])]);
  }

  const won = await reports.updateReportIf(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    reportId: row.report_id,
    fromStatuses: [from],
    version: row.version,
    set,
  });
  if (!won) {
    // someone else moved it first: say where it is now
    const current = await reads.current(trx, actor, id);
    if (current && statusOf(current) !== from) throw illegalIn(statusOf(current));
    throw staleVersion();
  }
  if (action === 'approve') await postDistribution(trx, actor, row);
  await recordEvent(trx, actor, row, { action, from, to, comment });
  const updated = await reread(trx, actor, id);
  await audit.appendAudit(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    actorUserId: actor.userId,
    action: `report.${action}`,
    entityType: 'monthly_report',
    entityId: id,
    before: toReport(row),
    after: toReport(updated),
    requestId,
  });
  return detailOf(trx, actor, updated);
}

const reads = {
  current: (trx: ScopedTransaction, actor: Actor, id: string) =>
    reports.findReport(trx, scopeFilter(actor), id),
};

/**
 * Opens a correction of an approved report: a new draft revision with the same figures, linked by
 * amends_report_id. The approved revision stays as it is (history is kept); approving the amendment
 * supersedes it and posts only the difference. Only the latest revision can be amended.
 */
export async function amendReport(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: ReportTransition,
  requestId: string,
): Promise<ReportDetail> {
  const row = await loadReport(trx, actor, 'report:amend', id);
  const decided = decide(row, 'amend', actor, input.comment);
  if (input.version !== undefined && input.version !== row.version) throw staleVersion();
  const amendment = decided.amendment;
  if (!amendment) throw new Error('an amendment transition produced no amendment');
  const revisions = await reports.listRevisions(trx, {
    districtId: row.district_id,
    ventureId: row.venture_id,
    month: row.month,
  });
  if (revisions.some((r) => r.revision > row.revision)) throw new ApiError(409, 'report_has_newer_revision');
  await assertOpenPeriod(trx, row);
  const comment = input.comment?.trim() || null;

  // a racing second amendment of the same revision hits UNIQUE (venture, month, revision): 409
  const newId = await reports.insertReport(trx, {
    district_id: row.district_id,
    community_id: row.community_id,
    venture_id: row.venture_id,
    month: row.month,
    revision: amendment.revision,
    amends_report_id: row.report_id,
    status: amendment.status,
    ...columnsOf(figuresOf(row)),
    notes: row.notes,
    explanations: jsonb(explanationsOf(row)),
    // the approved figures were confirmed, zeros included: the correction shows them as figures, not blanks
    typed_zeros: jsonb(
      typedZerosFor(
        figuresOf(row),
        FIGURES.map(([field]) => field),
      ),
    ),
    created_by: actor.userId,
  });
  // the correction starts as the report was, with the files that back it (ADR 0041)
  await reportAttachments.copyAttachments(
    trx,
    { districtId: row.district_id, communityId: row.community_id, reportId: row.report_id },
    newId,
  );
  for (const [reportId, fromStatus, toStatus] of [
    [row.report_id, statusOf(row), statusOf(row)],
    [newId, null, amendment.status],
  ] as const) {
    await recordEvent(
      trx,
      actor,
      { ...row, report_id: reportId },
      { action: 'amend', from: fromStatus, to: toStatus, comment },
    );
  }
  const created = await reread(trx, actor, newId);
  await audit.appendAudit(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    actorUserId: actor.userId,
    action: 'report.amend',
    entityType: 'monthly_report',
    entityId: newId,
    before: toReport(row),
    after: toReport(created),
    requestId,
  });
  return detailOf(trx, actor, created);
}

// ----- many reports at once (Excel in, ADR 0023) -------------------------------------------------

/**
 * A report as the workbook import writes it: its venture (and who may reach it), month, figures, words, and the
 * flags the domain's plausibility rule finds against the venture's approved history of the 12 months before — what
 * a submit stores (the caller read that history for a whole file in one statement; see workbook-import.ts).
 */
export interface ManyReportsRow {
  ventureId: string;
  communityId: string;
  operatorPartnerId: string | null;
  month: Month;
  figures: ReportFigures;
  /** the figures whose 0 was typed (ADR 0042): as ReportCreate's and ReportUpdate's, they replace the set */
  typedZeros: readonly ReportFigureField[];
  notes: string | null;
  explanations: ReportExplanations;
  flags: PlausibilityFlag[];
}

/** The rows' months, each held as the form holds it, and refused (409) when one is locked for the row's community. */
async function assertOpenPeriods(
  trx: ScopedTransaction,
  districtId: string,
  rows: ReadonlyArray<{ communityId: string; month: string }>,
) {
  const months = [...new Set(rows.map((row) => row.month))].sort();
  // in order, one key per month: two imports cannot deadlock on them
  for (const month of months) await reports.holdPeriod(trx, { districtId, month }, 'shared');
  const locks = await reportImports.locksOfMonths(trx, { districtId, months });
  const locked = rows.find((row) =>
    locks.some(
      (lock) =>
        lock.month === row.month && (lock.community_id === null || lock.community_id === row.communityId),
    ),
  );
  if (locked) throw new ApiError(409, 'report_period_locked', undefined, { month: locked.month });
}

/** A submit's own rule, again whatever the caller did: every flagged figure explained (400 naming them). */
function assertExplained(flags: readonly PlausibilityFlag[], explanations: ReportExplanations) {
  const missing = unexplainedFields([...flags], explanations);
  if (missing.length === 0) return;
  const fields: Record<string, FieldMessage> = {};
  for (const field of missing) {
    const flag = flags.find((f) => f.field === field);
    if (flag) fields[field] = flagMessage(flag);
  }
  throw new ApiError(400, 'report_explanation_required', fields, { count: missing.length });
}

/**
 * createReport — and with `submit` its transition('submit') after it — for many reports at once, with the same
 * checks on each row (role and reach, month, figures, an open period, the explanations a submit needs) and the same
 * rows, events and audit entries; but a few statements for all rows instead of ~20 a report (a statement costs
 * ~10 ms on the embedded database: 5,000 reports one by one took minutes). A submitted report is written in its
 * final state (what createReport and then submit leave: status, submitter, flags, version 2) in one write instead of
 * an insert and an update, each of which refreshes the KPI roll-ups (ADR 0006); the audit's create shows the draft
 * it was before its submit. The workbook import's test "writes what the monthly report form would have written"
 * holds the two paths equal: a change to createReport or submit must be made here too.
 */
export async function createMany(
  trx: ScopedTransaction,
  actor: Actor,
  rows: readonly ManyReportsRow[],
  submit: boolean,
  requestId: string,
): Promise<Report[]> {
  requireRole(actor, 'report:create');
  if (submit) requireRole(actor, 'report:submit');
  if (rows.length === 0) return [];
  const scope = scopeFilter(actor);
  const now = thisMonth();
  for (const row of rows) {
    const target = {
      district_id: scope.districtId,
      community_id: row.communityId,
      operator_partner_id: row.operatorPartnerId,
    };
    requireOn(actor, 'report:create', target);
    if (!isReportMonth(row.month)) throw tooEarly();
    if (compareMonths(row.month, now) > 0) {
      throw new ApiError(400, 'validation_failed', { month: 'report_month_in_future' });
    }
    assertFigures(row.figures);
    if (submit) {
      requireOn(actor, 'report:submit', target, [actor.userId]);
      assertExplained(row.flags, row.explanations);
    }
  }
  await assertOpenPeriods(trx, scope.districtId, rows);

  // a venture's month that has a report already hits UNIQUE (venture, month, revision): nothing is written
  const submittedAt = new Date();
  const inserted = await reportImports.insertReports(
    trx,
    rows.map((row) => ({
      district_id: scope.districtId,
      community_id: row.communityId,
      venture_id: row.ventureId,
      month: row.month,
      revision: 1,
      status: submit ? 'submitted' : 'draft',
      ...columnsOf(row.figures),
      notes: row.notes,
      explanations: jsonb(row.explanations),
      typed_zeros: jsonb(typedZerosFor(row.figures, row.typedZeros)),
      created_by: actor.userId,
      ...(submit
        ? {
            submitted_at: submittedAt,
            submitted_by: actor.userId,
            plausibility_flags: jsonb(row.flags),
            returned_fields: jsonb([]),
            version: 2,
          }
        : {}),
    })),
  );
  const byKey = new Map(
    (
      await reportImports.reportsByIds(
        trx,
        scope,
        inserted.map((r) => r.report_id),
      )
    ).map((row) => [`${row.venture_id}|${row.month}`, row]),
  );
  // in the order of the rows given
  const written = rows.map((row) => {
    const report = byKey.get(`${row.ventureId}|${row.month}`);
    if (!report)
      throw new Error(`report of ${row.ventureId} ${row.month} vanished inside its own transaction`);
    return report;
  });
  const event = (row: Row, action: 'create' | 'submit') => ({
    district_id: row.district_id,
    community_id: row.community_id,
    report_id: row.report_id,
    venture_id: row.venture_id,
    action,
    from_status: action === 'create' ? null : 'draft',
    to_status: action === 'create' ? 'draft' : 'submitted',
    actor_user_id: actor.userId,
    comment: null,
    // the create at the transaction's start, the submit now (after it), as the form's two requests: the history
    // reads in that order
    ...(action === 'submit' ? { created_at: new Date() } : {}),
  });
  await reportImports.insertEvents(trx, [
    ...written.map((row) => event(row, 'create')),
    ...(submit ? written.map((row) => event(row, 'submit')) : []),
  ]);
  const reportsOut = written.map(toReport);
  await reportImports.appendAudits(
    trx,
    written.flatMap((row, i) => {
      const report = reportsOut[i] as Report;
      if (!submit) return [auditRow(actor, row, 'report.create', undefined, report, requestId)];
      const draft: Report = {
        ...report,
        status: 'draft',
        submittedAt: null,
        submittedBy: null,
        flags: [],
        version: 1,
      };
      return [
        auditRow(actor, row, 'report.create', undefined, draft, requestId),
        auditRow(actor, row, 'report.submit', draft, report, requestId),
      ];
    }),
  );
  return reportsOut;
}

/**
 * updateReport — and with `submit` its transition('submit') after it — for many draft or returned reports at once,
 * each at the version its caller read: the same checks on each report (role and reach, status, version, figures,
 * an open period, the explanations a submit needs) and the same rows, events and audit entries, in a few statements
 * for all of them (see createMany). A submitted report is written in its final state in one write (version + 2);
 * the audit's update shows the edited report it was before its submit. Any report changed since it was read
 * (another status or version) refuses the whole call with 409, as updateReport would.
 */
export async function updateMany(
  trx: ScopedTransaction,
  actor: Actor,
  items: ReadonlyArray<{ reportId: string; version: number } & Omit<ManyReportsRow, 'operatorPartnerId'>>,
  submit: boolean,
  requestId: string,
): Promise<Report[]> {
  requireRole(actor, 'report:update');
  if (submit) requireRole(actor, 'report:submit');
  if (items.length === 0) return [];
  const scope = scopeFilter(actor);
  // draft and returned reports are never superseded (only an approved revision is amended): reportsByIds' null
  // superseded_by_id is theirs
  const before = new Map(
    (
      await reportImports.reportsByIds(
        trx,
        scope,
        items.map((item) => item.reportId),
      )
    ).map((row) => [row.report_id, row]),
  );
  const planned = items.map((item) => {
    const row = before.get(item.reportId);
    if (!row) throw notFound();
    requireOn(actor, 'report:update', targetOf(row));
    const status = statusOf(row);
    if (!isReportEditable(status)) throw illegalIn(status);
    if (item.version !== row.version) throw staleVersion();
    if (row.venture_id !== item.ventureId || row.month !== item.month) throw staleVersion();
    assertFigures(item.figures);
    if (submit) {
      requireOn(actor, 'report:submit', targetOf(row), [row.created_by, row.submitted_by]);
      decide(row, 'submit', actor, undefined);
      assertExplained(item.flags, item.explanations);
    }
    return { item, row, status };
  });
  await assertOpenPeriods(
    trx,
    scope.districtId,
    planned.map(({ row }) => ({ communityId: row.community_id, month: row.month })),
  );

  const at = new Date();
  const changed = await reportImports.updateReports(trx, {
    districtId: scope.districtId,
    at,
    submittedBy: submit ? actor.userId : null,
    reports: planned.map(({ item, row, status }) => ({
      communityId: row.community_id,
      reportId: row.report_id,
      status,
      version: row.version,
      columns: columnsOf(item.figures),
      notes: item.notes,
      explanations: item.explanations,
      typedZeros: typedZerosFor(item.figures, item.typedZeros),
      flags: item.flags,
    })),
  });
  if (changed !== planned.length) throw staleVersion();

  const after = new Map(
    (
      await reportImports.reportsByIds(
        trx,
        scope,
        planned.map(({ row }) => row.report_id),
      )
    ).map((row) => [row.report_id, row]),
  );
  const edited = planned.map(({ row, status }) => {
    const updated = after.get(row.report_id);
    if (!updated) throw new Error(`report ${row.report_id} vanished inside its own transaction`);
    return { row, status, updated };
  });
  // the edit at the transaction's start, the submit now (after it), as the form's two requests
  const submittedAt = new Date();
  await reportImports.insertEvents(
    trx,
    edited.flatMap(({ row, status }) => {
      const common = {
        district_id: row.district_id,
        community_id: row.community_id,
        report_id: row.report_id,
        venture_id: row.venture_id,
        actor_user_id: actor.userId,
        comment: null,
      };
      const edit = { ...common, action: 'edit', from_status: status, to_status: status };
      if (!submit) return [edit];
      return [
        edit,
        { ...common, action: 'submit', from_status: status, to_status: 'submitted', created_at: submittedAt },
      ];
    }),
  );
  const reportsOut = edited.map(({ updated }) => toReport(updated));
  await reportImports.appendAudits(
    trx,
    edited.flatMap(({ row, updated }, i) => {
      const previous = toReport(row);
      const report = reportsOut[i] as Report;
      if (!submit) return [auditRow(actor, updated, 'report.update', previous, report, requestId)];
      // what the form's update leaves before its submit: the new figures and words, the status and flags as they were
      const saved: Report = {
        ...report,
        status: previous.status,
        flags: previous.flags,
        returnedFields: previous.returnedFields,
        submittedAt: previous.submittedAt,
        submittedBy: previous.submittedBy,
        version: previous.version + 1,
      };
      return [
        auditRow(actor, updated, 'report.update', previous, saved, requestId),
        auditRow(actor, updated, 'report.submit', saved, report, requestId),
      ];
    }),
  );
  return reportsOut;
}

/** An audit entry of a report, as audit.appendAudit writes it. */
function auditRow(
  actor: Actor,
  row: Row,
  action: string,
  before: Report | undefined,
  after: Report,
  requestId: string,
) {
  return {
    district_id: row.district_id,
    community_id: row.community_id,
    actor_user_id: actor.userId,
    action,
    entity_type: 'monthly_report',
    entity_id: row.report_id,
    before: before === undefined ? null : jsonb(before),
    after: jsonb(after),
    request_id: requestId,
  };
}

// ----- distribution ------------------------------------------------------------------------------

/**
 * The shareholdings money follows: the company's version in force in the report's month (a later change of
 * shareholding never re-splits an earlier month), or the community holding all when there is none — as the KPIs
 * count it (kpi_community_share).
 */
export async function shareholdingsOf(trx: ScopedTransaction, row: Row): Promise<ShareholdingInput[]> {
  const alone: ShareholdingInput[] = [{ holderKind: 'community', holderId: null, shareBp: 10_000 }];
  if (!row.venture_company_id) return alone;
  const rows = await reports.listShareholdings(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    companyId: row.venture_company_id,
    month: row.month,
  });
  if (rows.length === 0) return alone;
  return rows.map((s) => ({
    holderKind: isHolderKind(s.holder_kind) ? s.holder_kind : 'other',
    holderId: s.holder_partner_id,
    shareBp: s.share_bp,
  }));
}

async function computeFor(trx: ScopedTransaction, row: Row): Promise<Distribution> {
  const month = row.month as Month;
  const rules = await distributionRulesOf(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
  });
  const result = computeDistribution({
    money: {
      revenueFen: toFen(row.revenue_fen),
      operatingCostFen: toFen(row.operating_cost_fen),
      remittanceReceivedFen: toFen(row.remittance_received_fen),
    },
    shareholdings: await shareholdingsOf(trx, row),
    rule: defaultRuleOf(rules, month),
  });
  if (!result.ok) throw new ApiError(409, 'distribution_shares_invalid');
  return result.value;
}

/**
 * What approving this revision posts: the first revision its allocations; an amendment only the difference
 * with what the earlier revisions of the month actually posted (read from the ledger, so a rule or shareholding
 * changed since then does not rewrite history). The approval and its preview both ask this one function.
 */
async function plannedPostings(trx: ScopedTransaction, row: Row): Promise<LedgerPosting[]> {
  const next = await computeFor(trx, row);
  if (row.revision === 1) return distributionPostings(row.report_id, row.revision, next);
  const earlier = (
    await reports.listRevisions(trx, {
      districtId: row.district_id,
      ventureId: row.venture_id,
      month: row.month,
    })
  ).filter((r) => r.revision < row.revision);
  const posted = await reports.postingsOf(trx, {
    districtId: row.district_id,
    reportIds: earlier.map((r) => r.report_id),
  });
  const net = new Map<string, number>();
  for (const p of posted)
    net.set(p.fund_kind, (net.get(p.fund_kind) ?? 0) + p.direction * toFen(p.amount_fen));
  const previous: Distribution = {
    ...next,
    fundAllocations: SPLIT_TARGETS.map((t) => ({
      target: t.target,
      fundKind: t.fundKind,
      amountFen: net.get(t.fundKind) ?? 0,
    })),
  };
  return amendmentPostings(row.report_id, row.revision, previous, next);
}

/**
 * Posts an approved revision's distribution into the community's funds, in the caller's transaction.
 * The first revision posts its allocations; an amendment posts only the difference with what the
 * earlier revisions of the month actually posted (read from the ledger, so a rule or shareholding
 * changed since then does not rewrite history). Keys are per revision and fund: at most once.
 */
async function postDistribution(trx: ScopedTransaction, actor: Actor, row: Row) {
  const postings = await plannedPostings(trx, row);
  for (const posting of postings) {
    const fundId = await ledger.ensureFund(trx, {
      districtId: row.district_id,
      communityId: row.community_id,
      kind: posting.fundKind,
      name: FUND_KIND_LABELS[posting.fundKind as FundKind]['zh-CN'],
    });
    const result = await ledger.postLedgerEntry(trx, {
      districtId: row.district_id,
      communityId: row.community_id,
      fundId,
      kind: posting.kind,
      direction: posting.kind === 'reversal' ? -1 : 1,
      amountFen: posting.amountFen,
      month: row.month,
      sourceType: reports.REPORT_SOURCE_TYPE,
      sourceId: row.report_id,
      postingKey: posting.postingKey,
      // names only (the ledger says 收益分配 in the reader's language); an amendment's revision is numbered
      memo: `${row.venture_name} ${row.month}${row.revision > 1 ? ` #${row.revision}` : ''}`,
      createdBy: actor.userId,
    });
    if (result.posted || result.reason === 'duplicate') continue; // a duplicate key was posted before
    if (result.reason === 'insufficient_balance')
      throw new ApiError(409, 'distribution_insufficient_balance');
    throw new Error(`fund ${fundId} of kind ${posting.fundKind} vanished while posting`);
  }
}

// ----- approval preview and period locks ---------------------------------------------------------

/** What approving a submitted report would post to which fund; computed as approval does, nothing written. */
export async function approvalPreview(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
): Promise<ApprovalPreview> {
  const row = await loadReport(trx, actor, 'report:read', id);
  const status = statusOf(row);
  if (status !== 'submitted') throw illegalIn(status);
  const distribution = await computeFor(trx, row);
  const postings = await plannedPostings(trx, row);
  const items: ApprovalPreview['postings'] = [];
  for (const posting of postings) {
    const fund = await ledger.findFundOfKind(trx, {
      districtId: row.district_id,
      communityId: row.community_id,
      kind: posting.fundKind,
    });
    items.push({
      fundKind: posting.fundKind,
      fundId: fund?.fund_id ?? null,
      fundName: fund?.name ?? FUND_KIND_LABELS[posting.fundKind as FundKind]['zh-CN'],
      direction: posting.kind === 'reversal' ? -1 : 1,
      amountFen: posting.amountFen,
    });
  }
  return {
    reportId: row.report_id,
    profitFen: distribution.profitFen,
    communityProfitShareFen: distribution.communityProfitShareFen,
    communityShareBp: distribution.shareholderShares
      .filter((share) => share.holderKind === 'community')
      .reduce((sum, share) => sum + share.shareBp, 0),
    remittanceReceivedFen: distribution.remittanceReceivedFen,
    distributableProfitFen: distribution.distributableFen,
    postings: items,
  };
}

function toLock(row: Awaited<ReturnType<typeof reports.listPeriodLocks>>[number]): PeriodLock {
  return {
    id: row.lock_id,
    districtId: row.district_id,
    communityId: row.community_id,
    month: row.month,
    lockedBy: row.locked_by,
    lockedAt: iso(row.locked_at) ?? '',
  };
}

export async function listPeriodLocks(trx: ScopedTransaction, actor: Actor, month: string | undefined) {
  requireRole(actor, 'report:read');
  const scope = scopeFilter(actor);
  const rows = await reports.listPeriodLocks(trx, {
    districtId: scope.districtId,
    communityId: scope.communityId,
    month,
  });
  return { items: rows.map(toLock) };
}

/**
 * Closes a month for one community or the whole district: its approved reports become locked, and nothing of the
 * month may be created, edited, submitted or amended afterwards. Refused while reports of the month await review —
 * a lock must not strand a report half-way through its review.
 */
export async function lockPeriod(
  trx: ScopedTransaction,
  actor: Actor,
  input: PeriodLockCreate,
  requestId: string,
) {
  requireRole(actor, 'report:lock');
  const scope = scopeFilter(actor);
  if (scope.communityId || scope.partnerId) throw forbidden();
  if (!isReportMonth(input.month)) throw tooEarly();
  if (compareMonths(input.month, thisMonth()) >= 0) {
    throw new ApiError(400, 'validation_failed', { month: 'report_lock_future_month' });
  }
  const communityId = input.communityId ?? null;
  if (communityId) {
    const community = await reports.findCommunity(trx, { districtId: scope.districtId, communityId });
    if (!community) throw notFound();
  }
  // no report of the month is created, edited, submitted or amended while this decides (see holdPeriod)
  await reports.holdPeriod(trx, { districtId: scope.districtId, month: input.month }, 'exclusive');
  const existing = await reports.listPeriodLocks(trx, {
    districtId: scope.districtId,
    communityId,
    month: input.month,
  });
  if (existing.some((lock) => lock.community_id === null || lock.community_id === communityId)) {
    throw new ApiError(409, 'report_period_already_locked', undefined, { month: input.month });
  }
  const pending = await reports.countReportsOfMonth(trx, {
    districtId: scope.districtId,
    communityId,
    month: input.month,
    statuses: ['submitted'],
  });
  if (pending > 0) {
    throw new ApiError(409, 'report_lock_reviews_pending', undefined, { month: input.month, count: pending });
  }
  const { lock, locked } = await reports.lockPeriod(trx, {
    districtId: scope.districtId,
    communityId,
    month: input.month,
    lockedBy: actor.userId,
  });
  for (const report of locked) {
    await recordEvent(
      trx,
      actor,
      { ...report, district_id: scope.districtId },
      { action: 'lock', from: 'approved', to: 'locked' },
    );
  }
  await audit.appendAudit(trx, {
    districtId: scope.districtId,
    communityId,
    actorUserId: actor.userId,
    action: 'report.lock_period',
    entityType: 'report_period_lock',
    entityId: lock.lock_id,
    after: { ...toLock(lock), lockedReports: locked.length },
    requestId,
  });
  return { lock: toLock(lock), lockedReports: locked.length };
}

// ----- late and missing --------------------------------------------------------------------------

/** For each venture in scope: does it owe the month's report, and where does that report stand. */
export async function reportStatus(
  trx: ScopedTransaction,
  actor: Actor,
  query: ReportStatusQuery,
): Promise<ReportStatusOverview> {
  requireRole(actor, 'report:read');
  const { month } = query;
  if (!isReportMonth(month)) throw tooEarly();
  const scope = scopeFilter(actor);
  const calendar = await reports.reportingCalendar(trx, scope.districtId);
  const dueDay = calendar?.report_due_day ?? DEFAULT_REPORT_DUE_DAY;
  const districtReportingStart = (calendar?.reporting_start_month ?? null) as Month | null;
  const dueDate = reportDueDate(month, dueDay);
  const ventures = await reports.listVentures(trx, {
    ...scope,
    filterCommunityId: query.communityId,
    streetOfficeId: query.streetOfficeId,
  });
  // timeliness follows the original revision: amendments are corrections, not the report itself
  const originals = (await reports.listReports(trx, scope, { month, communityId: query.communityId })).filter(
    (r) => r.revision === 1,
  );
  const byVenture = new Map(originals.map((r) => [r.venture_id, r]));
  const firsts = await reports.firstSubmissions(trx, {
    districtId: scope.districtId,
    reportIds: originals.map((r) => r.report_id),
  });
  const locks = await reports.listPeriodLocks(trx, { districtId: scope.districtId, month });
  const lockedFor = (communityId: string) =>
    locks.some((lock) => lock.community_id === null || lock.community_id === communityId);
  // the business clock (src/clock.ts): what is due, late or missing moves with it
  const now = clock.now();

  const all: ReportStatusRow[] = ventures.map((v) => {
    const report = byVenture.get(v.venture_id) ?? null;
    // owed from the later of its start and its reporting start (its own, else the district's): the domain's rule
    const expected = isReportExpected({
      month,
      operating: v.status === 'operating',
      startMonth: v.started_on === null ? null : monthOfDate(v.started_on as `${number}-${number}-${number}`),
      ventureReportingStart: v.reporting_start_month as Month | null,
      districtReportingStart,
    });
    const firstSubmittedAt = report ? (firsts.get(report.report_id) ?? null) : null;
    const timeliness = classifyReportTimeliness({ month, dueDay, firstSubmittedAt, now });
    const reportStatus = report ? statusOf(report) : null;
    let status: ReportStatusRow['status'] = timeliness;
    if (reportStatus === 'returned') status = 'returned';
    else if (reportStatus === 'draft' && timeliness === 'not_due') status = 'draft';
    return {
      ventureId: v.venture_id,
      ventureName: v.name,
      communityId: v.community_id,
      communityName: v.community_name,
      streetOfficeId: v.street_office_id,
      locked: lockedFor(v.community_id),
      expected,
      status,
      reportId: report?.report_id ?? null,
      reportStatus,
      submittedAt: firstSubmittedAt ? firstSubmittedAt.toISOString() : null,
      dueDate,
    };
  });
  const items = query.status ? all.filter((row) => row.expected && row.status === query.status) : all;
  return { month, dueDate, items, total: items.length };
}
