import type { LedgerSourceType } from '@gongfu/domain';
import { type Insertable, type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import { compiledPerShape } from '../compiled';
import type { Database, MonthlyReportsTable } from '../schema';
import { pipelined, type ScopedTransaction } from '../tenant';

// Repositories of the reports feature: plain functions fn(trx, args) over a ScopedTransaction.
// Every read takes the scope explicitly (district, and a community or an operating partner): tenancy is
// enforced here as well as by RLS, and on Citus the explicit district routes the query to one shard.

/** What a scope reaches: the whole district, one community, or the ventures one partner operates. */
export interface ReportScope {
  districtId: string;
  communityId?: string | null;
  partnerId?: string | null;
}

/** The source type of ledger entries posted by an approved report. */
export const REPORT_SOURCE_TYPE = 'monthly_report' satisfies LedgerSourceType;

type ReportTables = 'monthly_reports' | 'ventures' | 'communities';

function inScope<O>(
  query: SelectQueryBuilder<Database, ReportTables, O>,
  scope: ReportScope,
): SelectQueryBuilder<Database, ReportTables, O> {
  let q = query.where('monthly_reports.district_id', '=', scope.districtId);
  if (scope.communityId) q = q.where('monthly_reports.community_id', '=', scope.communityId);
  if (scope.partnerId) q = q.where('ventures.operator_partner_id', '=', scope.partnerId);
  return q;
}

function selectReports(trx: ScopedTransaction) {
  return trx
    .selectFrom('monthly_reports')
    .innerJoin('ventures', (join) =>
      join
        .onRef('ventures.district_id', '=', 'monthly_reports.district_id')
        .onRef('ventures.venture_id', '=', 'monthly_reports.venture_id'),
    )
    .innerJoin('communities', (join) =>
      join
        .onRef('communities.district_id', '=', 'monthly_reports.district_id')
        .onRef('communities.community_id', '=', 'monthly_reports.community_id'),
    )
    .selectAll('monthly_reports')
    .select([
      'communities.name as community_name',
      'communities.street_office_id as street_office_id',
      'ventures.name as venture_name',
      'ventures.company_id as venture_company_id',
      'ventures.operator_partner_id as venture_operator_partner_id',
    ])
    .select((eb) =>
      eb
        .selectFrom('monthly_reports as later')
        .select('later.report_id')
        .whereRef('later.district_id', '=', 'monthly_reports.district_id')
        .whereRef('later.amends_report_id', '=', 'monthly_reports.report_id')
        .where('later.status', 'in', ['approved', 'locked'])
        .limit(1)
        .as('superseded_by_id'),
    );
}

export type ReportRow = Awaited<ReturnType<ReturnType<typeof selectReports>['executeTakeFirstOrThrow']>>;

export interface ReportFilter {
  month?: string | undefined;
  monthFrom?: string | undefined;
  monthTo?: string | undefined;
  ventureId?: string | undefined;
  status?: string | undefined;
  statuses?: readonly string[] | undefined;
  communityId?: string | undefined;
  streetOfficeId?: string | undefined;
  /** only revisions no approved later revision supersedes */
  current?: boolean | undefined;
  /** only reports with (true) or without (false) plausibility flags */
  flagged?: boolean | undefined;
}

export type ReportSort =
  | 'month'
  | '-month'
  | 'submittedAt'
  | '-submittedAt'
  | 'communityName'
  | '-communityName'
  | 'ventureName'
  | '-ventureName';

function filtered(trx: ScopedTransaction, scope: ReportScope, filter: ReportFilter) {
  let q = inScope(selectReports(trx), scope);
  if (filter.month) q = q.where('monthly_reports.month', '=', filter.month);
  if (filter.monthFrom) q = q.where('monthly_reports.month', '>=', filter.monthFrom);
  if (filter.monthTo) q = q.where('monthly_reports.month', '<=', filter.monthTo);
  if (filter.ventureId) q = q.where('monthly_reports.venture_id', '=', filter.ventureId);
  if (filter.status) q = q.where('monthly_reports.status', '=', filter.status);
  if (filter.statuses) q = q.where('monthly_reports.status', 'in', [...filter.statuses]);
  if (filter.communityId) q = q.where('monthly_reports.community_id', '=', filter.communityId);
  if (filter.streetOfficeId) q = q.where('communities.street_office_id', '=', filter.streetOfficeId);
  if (filter.current) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('monthly_reports as later')
            .select('later.report_id')
            .whereRef('later.district_id', '=', 'monthly_reports.district_id')
            .whereRef('later.venture_id', '=', 'monthly_reports.venture_id')
            .whereRef('later.month', '=', 'monthly_reports.month')
            .whereRef('later.revision', '>', 'monthly_reports.revision'),
        ),
      ),
    );
  }
  if (filter.flagged !== undefined) {
    q = q.where(
      sql<boolean>`(jsonb_array_length(monthly_reports.plausibility_flags) > 0)`,
      '=',
      filter.flagged,
    );
  }
  return q;
}

/** Every report matching the filter, newest month first (the whole list: for the server's own use). */
export function listReports(trx: ScopedTransaction, scope: ReportScope, filter: ReportFilter = {}) {
  return filtered(trx, scope, filter)
    .orderBy('monthly_reports.month', 'desc')
    .orderBy('ventures.name')
    .orderBy('monthly_reports.revision')
    .execute();
}

/** One page of the reports matching the filter, in the order asked for, and how many match in all. */
export async function pageOfReports(
  trx: ScopedTransaction,
  scope: ReportScope,
  filter: ReportFilter,
  page: { sort: ReportSort; offset: number; limit: number },
) {
  const args: PageArgs = { scope, filter, page };
  // the page and its count do not depend on each other: sent together, one wait and one write (ADR 0030)
  const [rows, counted] = await pipelined(trx, [pageStatement(trx, args), countStatement(trx, args)]);
  return { rows, total: Number(counted[0]?.n ?? 0) };
}

interface PageArgs {
  scope: ReportScope;
  filter: ReportFilter;
  page: { sort: ReportSort; offset: number; limit: number };
}

/** A page of reports, compiled once per shape (ADR 0033: Kysely's build of it was on every list request). */
const pageStatement = compiledPerShape(
  (trx, { scope, filter, page }: PageArgs) => {
    const descending = page.sort.startsWith('-');
    const direction = descending ? 'desc' : 'asc';
    const key = page.sort.replace(/^-/, '');
    let q = filtered(trx, scope, filter);
    if (key === 'submittedAt') {
      q = q.orderBy(sql`monthly_reports.submitted_at ${sql.raw(direction)} nulls last`);
    } else if (key === 'communityName') {
      q = q.orderBy('communities.name', direction);
    } else if (key === 'ventureName') {
      q = q.orderBy('ventures.name', direction);
    }
    // ties broken the same way every time, so pages never overlap
    return withQueueColumns(q, scope)
      .orderBy('monthly_reports.month', key === 'month' ? direction : 'desc')
      .orderBy('communities.name')
      .orderBy('ventures.name')
      .orderBy('monthly_reports.revision')
      .orderBy('monthly_reports.report_id')
      .offset(page.offset)
      .limit(page.limit);
  },
  ['page.sort'],
);

/**
 * What the queue shows beside a report, read in the page's own statement, a lookup by key per row of the page
 * (after its sort and limit, not per matching row): the district's due day; the month's first submission, from
 * the venture-month roll-up the statement triggers keep (the status overview's and the late warning's rule:
 * the first submit of any revision, which is the original's, since amendments follow an approval); and, to the
 * district only, how many files it carries and the reviewer's name (a community or partner is never told which official reviewed: null).
 * Until 2026-12-07 the first submission was a join and aggregate over report events per row and the name a
 * users lookup through its RLS for every scope: the community's list paid ~1.6 ms more of server time (issue 14).
 */
function withQueueColumns<O>(q: SelectQueryBuilder<Database, ReportTables, O>, scope: ReportScope) {
  const districtWide = !scope.communityId && !scope.partnerId;
  return q.select((eb) => [
    eb
      .selectFrom('districts')
      .select('districts.report_due_day')
      .whereRef('districts.district_id', '=', 'monthly_reports.district_id')
      .as('due_day'),
    eb
      .selectFrom('kpi_venture_months as venture_month')
      .select('venture_month.first_submitted_at')
      .whereRef('venture_month.district_id', '=', 'monthly_reports.district_id')
      .whereRef('venture_month.venture_id', '=', 'monthly_reports.venture_id')
      .whereRef('venture_month.month', '=', 'monthly_reports.month')
      .as('first_submitted_at'),
    // the report's files (ADR 0041), for the district's review queue only: a probe per row of the page cost a
    // community's list 0.18 ms of its 0.58 ms statement (measured 2026-12-07), and no community screen shows it
    districtWide
      ? eb
          .selectFrom('report_attachments as attachment')
          .select((count) => count.fn.countAll<string>().as('n'))
          .whereRef('attachment.district_id', '=', 'monthly_reports.district_id')
          .whereRef('attachment.community_id', '=', 'monthly_reports.community_id')
          .whereRef('attachment.report_id', '=', 'monthly_reports.report_id')
          .as('attachment_count')
      : sql<string | null>`null::bigint`.as('attachment_count'),
    districtWide
      ? eb
          .selectFrom('users')
          .select('users.display_name')
          .whereRef('users.user_id', '=', 'monthly_reports.reviewed_by')
          .as('reviewed_by_name')
      : sql<string | null>`null::text`.as('reviewed_by_name'),
  ]);
}

/** How many reports match, compiled once per shape. */
const countStatement = compiledPerShape((trx, { scope, filter }: PageArgs) =>
  filtered(trx, scope, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n')),
);

/**
 * The venture's approved (or locked) figures month by month in [from, to]: of each month, the latest approved
 * revision (an approved amendment replaces the revision it corrects).
 */
export function approvedHistory(
  trx: ScopedTransaction,
  scope: ReportScope,
  args: { ventureId: string; from: string; to: string },
) {
  return inScope(selectReports(trx), scope)
    .where('monthly_reports.venture_id', '=', args.ventureId)
    .where('monthly_reports.month', '>=', args.from)
    .where('monthly_reports.month', '<=', args.to)
    .where('monthly_reports.status', 'in', ['approved', 'locked'])
    .orderBy('monthly_reports.month')
    .orderBy('monthly_reports.revision')
    .execute();
}

// ----- period locks ----------------------------------------------------------------------------------------

/**
 * Serialises a month's period lock against the writes it forbids, until the transaction ends: every create, edit,
 * submit and amendment of a report of the month holds the district's month `shared` while it checks for a lock and
 * writes; locking the month holds it `exclusive` while it counts the reports awaiting review and locks. Without it a
 * submission checked before a concurrent lock committed, and the lock counted no pending report before that
 * submission committed: a submitted report in a locked month (READ COMMITTED, PostgreSQL). One key per district and
 * month, so a transaction holds at most one and no two can deadlock on them.
 */
export async function holdPeriod(
  trx: ScopedTransaction,
  args: { districtId: string; month: string },
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const key = `report-period:${args.districtId}:${args.month}`;
  if (mode === 'shared') {
    await sql`select pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`.execute(trx);
  } else {
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
  }
}

export function listPeriodLocks(
  trx: ScopedTransaction,
  args: { districtId: string; communityId?: string | null; month?: string | undefined },
) {
  let q = trx.selectFrom('report_period_locks').selectAll().where('district_id', '=', args.districtId);
  if (args.communityId) {
    const communityId = args.communityId;
    q = q.where((eb) => eb.or([eb('community_id', 'is', null), eb('community_id', '=', communityId)]));
  }
  if (args.month) q = q.where('month', '=', args.month);
  return q.orderBy('month', 'desc').orderBy('locked_at', 'desc').execute();
}

/** Whether the month is closed for the community (by a lock of its own or a district-wide one). */
export async function isPeriodLocked(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string; month: string },
): Promise<boolean> {
  const row = await trx
    .selectFrom('report_period_locks')
    .select('lock_id')
    .where('district_id', '=', args.districtId)
    .where('month', '=', args.month)
    .where((eb) => eb.or([eb('community_id', 'is', null), eb('community_id', '=', args.communityId)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Reports of the month (in one community, or the whole district) in the given statuses. */
export async function countReportsOfMonth(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string | null; month: string; statuses: readonly string[] },
): Promise<number> {
  let q = trx
    .selectFrom('monthly_reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('district_id', '=', args.districtId)
    .where('month', '=', args.month)
    .where('status', 'in', [...args.statuses]);
  if (args.communityId) q = q.where('community_id', '=', args.communityId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Locks the month: records the lock and moves its approved reports to locked. Returns the lock and how many. */
export async function lockPeriod(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string | null; month: string; lockedBy: string },
) {
  const lock = await trx
    .insertInto('report_period_locks')
    .values({
      district_id: args.districtId,
      community_id: args.communityId,
      month: args.month,
      locked_by: args.lockedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  let update = trx
    .updateTable('monthly_reports')
    .set((eb) => ({ status: 'locked', version: eb('version', '+', 1), updated_at: new Date() }))
    .where('district_id', '=', args.districtId)
    .where('month', '=', args.month)
    .where('status', '=', 'approved');
  if (args.communityId) update = update.where('community_id', '=', args.communityId);
  const locked = await update.returning(['report_id', 'community_id', 'venture_id']).execute();
  return { lock, locked };
}

export function findReport(trx: ScopedTransaction, scope: ReportScope, reportId: string) {
  return inScope(selectReports(trx), scope)
    .where('monthly_reports.report_id', '=', reportId)
    .executeTakeFirst();
}

/** All revisions of one venture's month, oldest first. */
export function listRevisions(
  trx: ScopedTransaction,
  args: { districtId: string; ventureId: string; month: string },
) {
  return selectReports(trx)
    .where('monthly_reports.district_id', '=', args.districtId)
    .where('monthly_reports.venture_id', '=', args.ventureId)
    .where('monthly_reports.month', '=', args.month)
    .orderBy('monthly_reports.revision')
    .execute();
}

export function findVenture(trx: ScopedTransaction, scope: ReportScope, ventureId: string) {
  let q = trx
    .selectFrom('ventures')
    .select(['district_id', 'community_id', 'venture_id', 'name', 'company_id', 'operator_partner_id'])
    .where('district_id', '=', scope.districtId)
    .where('venture_id', '=', ventureId);
  if (scope.communityId) q = q.where('community_id', '=', scope.communityId);
  if (scope.partnerId) q = q.where('operator_partner_id', '=', scope.partnerId);
  return q.executeTakeFirst();
}

/** Ventures in scope, for the monthly reporting overview, with their community's name and street office. */
export function listVentures(
  trx: ScopedTransaction,
  scope: ReportScope & { filterCommunityId?: string | undefined; streetOfficeId?: string | undefined },
) {
  let q = trx
    .selectFrom('ventures as v')
    .innerJoin('communities as c', (join) =>
      join.onRef('c.district_id', '=', 'v.district_id').onRef('c.community_id', '=', 'v.community_id'),
    )
    .select([
      'v.community_id',
      'v.venture_id',
      'v.name',
      'v.status',
      'v.started_on',
      'v.reporting_start_month',
      'v.operator_partner_id',
      'c.name as community_name',
      'c.street_office_id',
    ])
    .where('v.district_id', '=', scope.districtId)
    .where('c.deleted_at', 'is', null);
  if (scope.communityId) q = q.where('v.community_id', '=', scope.communityId);
  if (scope.filterCommunityId) q = q.where('v.community_id', '=', scope.filterCommunityId);
  if (scope.streetOfficeId) q = q.where('c.street_office_id', '=', scope.streetOfficeId);
  if (scope.partnerId) q = q.where('v.operator_partner_id', '=', scope.partnerId);
  return q.orderBy('c.name').orderBy('v.name').execute();
}

export async function insertReport(trx: ScopedTransaction, values: Insertable<MonthlyReportsTable>) {
  const { report_id } = await trx
    .insertInto('monthly_reports')
    .values(values)
    .returning('report_id')
    .executeTakeFirstOrThrow();
  return report_id;
}

/**
 * Changes a report only if it is still in one of `fromStatuses` at `version`: the version moves on,
 * so a concurrent or stale writer matches no row. Returns whether this call won.
 */
export async function updateReportIf(
  trx: ScopedTransaction,
  args: {
    districtId: string;
    communityId: string;
    reportId: string;
    fromStatuses: readonly string[];
    version: number;
    set: Updateable<MonthlyReportsTable>;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('monthly_reports')
    .set({ ...args.set, version: args.version + 1, updated_at: new Date() })
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('report_id', '=', args.reportId)
    .where('status', 'in', [...args.fromStatuses])
    .where('version', '=', args.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(
  trx: ScopedTransaction,
  event: {
    districtId: string;
    communityId: string;
    reportId: string;
    ventureId: string;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    actorUserId: string;
    comment: string | null;
  },
) {
  await trx
    .insertInto('report_events')
    .values({
      district_id: event.districtId,
      community_id: event.communityId,
      report_id: event.reportId,
      venture_id: event.ventureId,
      action: event.action,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      actor_user_id: event.actorUserId,
      comment: event.comment,
    })
    .execute();
}

function eventsQuery(trx: ScopedTransaction, args: { districtId: string; reportId: string }) {
  return trx
    .selectFrom('report_events')
    .selectAll()
    .where('district_id', '=', args.districtId)
    .where('report_id', '=', args.reportId)
    .orderBy('created_at')
    .orderBy('event_id');
}

export function listEvents(trx: ScopedTransaction, args: { districtId: string; reportId: string }) {
  return eventsQuery(trx, args).execute();
}

/**
 * Earlier months of a venture whose report awaits review or was sent back, and that have no approved (or locked)
 * revision: a reviewer should know before approving a later month. Oldest first.
 */
function earlierUnapprovedQuery(
  trx: ScopedTransaction,
  scope: ReportScope,
  args: { ventureId: string; month: string },
) {
  return inScope(selectReports(trx), scope)
    .clearSelect()
    .select(['monthly_reports.month', 'monthly_reports.report_id', 'monthly_reports.status'])
    .where('monthly_reports.venture_id', '=', args.ventureId)
    .where('monthly_reports.month', '<', args.month)
    .where('monthly_reports.status', 'in', ['submitted', 'returned'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('monthly_reports as done')
            .select('done.report_id')
            .whereRef('done.district_id', '=', 'monthly_reports.district_id')
            .whereRef('done.venture_id', '=', 'monthly_reports.venture_id')
            .whereRef('done.month', '=', 'monthly_reports.month')
            .where('done.status', 'in', ['approved', 'locked']),
        ),
      ),
    )
    .orderBy('monthly_reports.month')
    .orderBy('monthly_reports.revision');
}

/**
 * What a report's detail shows beside the report, sent together (one wait): its workflow events, the ledger
 * entries it posted, and — when asked, for the review drawer — the venture's earlier months still unapproved.
 */
export async function detailParts(
  trx: ScopedTransaction,
  scope: ReportScope,
  args: { reportId: string; ventureId: string; month: string; earlier: boolean },
) {
  const [events, postings, earlier] = await pipelined(trx, [
    eventsQuery(trx, { districtId: scope.districtId, reportId: args.reportId }).compile(),
    postingsQuery(trx, { districtId: scope.districtId, reportIds: [args.reportId] }).compile(),
    args.earlier ? earlierUnapprovedQuery(trx, scope, args).compile() : null,
  ]);
  return { events, postings, earlier };
}

/** The first submission of each report among `reportIds` (timeliness counts the first one). */
export async function firstSubmissions(
  trx: ScopedTransaction,
  args: { districtId: string; reportIds: readonly string[] },
): Promise<Map<string, Date>> {
  if (args.reportIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('report_events')
    .select(['report_id'])
    .select((eb) => eb.fn.min('created_at').as('first_at'))
    .where('district_id', '=', args.districtId)
    .where('report_id', 'in', [...args.reportIds])
    .where('action', '=', 'submit')
    .groupBy('report_id')
    .execute();
  return new Map(rows.map((r) => [r.report_id, new Date(r.first_at as Date | string)]));
}

/** The shareholdings of a company in force in a month (its version of that month), in their stated order. */
export function listShareholdings(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string; companyId: string; month: string },
) {
  return trx
    .selectFrom('shareholdings')
    .select(['shareholding_id', 'holder_kind', 'holder_partner_id', 'share_bp'])
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('company_id', '=', args.companyId)
    .where((eb) => eb.or([eb('effective_from', 'is', null), eb('effective_from', '<=', args.month)]))
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', args.month)]))
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('shareholding_id')
    .execute();
}

export function listDistributionRules(
  trx: ScopedTransaction,
  args: { districtId: string; communityId?: string | null; communityIds?: readonly string[] },
) {
  let q = trx.selectFrom('distribution_rules').selectAll().where('district_id', '=', args.districtId);
  if (args.communityId) q = q.where('community_id', '=', args.communityId);
  if (args.communityIds) {
    if (args.communityIds.length === 0) return Promise.resolve([]);
    q = q.where('community_id', 'in', [...args.communityIds]);
  }
  return q.orderBy('community_id').orderBy('effective_from', 'desc').orderBy('version', 'desc').execute();
}

/**
 * The rules as their history lists them: each with its setter's name (设置人) when `namesSetters` — a district
 * official, named to the district only, as the review queue's reviewer — else null.
 */
export function listDistributionRuleHistory(
  trx: ScopedTransaction,
  args: { districtId: string; communityId?: string | null; namesSetters: boolean },
) {
  let q = trx
    .selectFrom('distribution_rules')
    .selectAll('distribution_rules')
    .select((eb) => [
      args.namesSetters
        ? eb
            .selectFrom('users')
            .select('users.display_name')
            .whereRef('users.user_id', '=', 'distribution_rules.created_by')
            .as('created_by_name')
        : sql<string | null>`null::text`.as('created_by_name'),
    ])
    .where('distribution_rules.district_id', '=', args.districtId);
  if (args.communityId) q = q.where('distribution_rules.community_id', '=', args.communityId);
  return q
    .orderBy('distribution_rules.community_id')
    .orderBy('distribution_rules.effective_from', 'desc')
    .orderBy('distribution_rules.version', 'desc')
    .execute();
}

export async function insertDistributionRule(
  trx: ScopedTransaction,
  values: {
    districtId: string;
    communityId: string;
    effectiveFrom: string;
    governanceFundBp: number;
    reserveBp: number;
    otherBp: number;
    createdBy: string;
  },
) {
  const latest = await trx
    .selectFrom('distribution_rules')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('district_id', '=', values.districtId)
    .where('community_id', '=', values.communityId)
    .executeTakeFirst();
  return trx
    .insertInto('distribution_rules')
    .values({
      district_id: values.districtId,
      community_id: values.communityId,
      effective_from: values.effectiveFrom,
      version: Number(latest?.v ?? 0) + 1,
      governance_fund_bp: values.governanceFundBp,
      reserve_bp: values.reserveBp,
      other_bp: values.otherBp,
      created_by: values.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCommunity(trx: ScopedTransaction, args: { districtId: string; communityId: string }) {
  return trx
    .selectFrom('communities')
    .select(['district_id', 'community_id'])
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The district's report due day (day of the following month) and its reporting start month, in one read. */
export function reportingCalendar(trx: ScopedTransaction, districtId: string) {
  return trx
    .selectFrom('districts')
    .select(['report_due_day', 'reporting_start_month'])
    .where('district_id', '=', districtId)
    .executeTakeFirst();
}

/** The district's reporting start month: its ventures owe reports from it (or from their own), not before. */
export async function districtReportingStart(
  trx: ScopedTransaction,
  districtId: string,
): Promise<string | null> {
  const row = await trx
    .selectFrom('districts')
    .select('reporting_start_month')
    .where('district_id', '=', districtId)
    .executeTakeFirst();
  return row?.reporting_start_month ?? null;
}

/** The ledger entries that reports (any revisions of them) posted, with their fund's kind. */
export function postingsOf(
  trx: ScopedTransaction,
  args: { districtId: string; reportIds: readonly string[] },
) {
  if (args.reportIds.length === 0) return Promise.resolve([]);
  return postingsQuery(trx, args).execute();
}

function postingsQuery(trx: ScopedTransaction, args: { districtId: string; reportIds: readonly string[] }) {
  return trx
    .selectFrom('ledger_entries as e')
    .innerJoin('funds as f', (join) =>
      join.onRef('f.district_id', '=', 'e.district_id').onRef('f.fund_id', '=', 'e.fund_id'),
    )
    .select([
      'e.entry_id',
      'e.fund_id',
      'f.kind as fund_kind',
      'e.kind',
      'e.direction',
      'e.amount_fen',
      'e.posting_key',
      'e.source_id',
      'e.created_at',
    ])
    .where('e.district_id', '=', args.districtId)
    .where('e.source_type', '=', REPORT_SOURCE_TYPE)
    .where('e.source_id', 'in', [...args.reportIds])
    .orderBy('e.created_at')
    .orderBy('e.posting_key');
}

/** The latest month with an approved (or locked) report of the community, or null. */
export async function latestApprovedMonth(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string },
): Promise<string | null> {
  const row = await trx
    .selectFrom('monthly_reports')
    .select((eb) => eb.fn.max('month').as('month'))
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('status', 'in', ['approved', 'locked'])
    .executeTakeFirst();
  return row?.month ? String(row.month) : null;
}
