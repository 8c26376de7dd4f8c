import { type Insertable, sql } from 'kysely';
import { jsonb } from '../jsonb';
import type { AuditLogTable, MonthlyReportsTable, ReportEventsTable, ReportImportsTable } from '../schema';
import type { ScopedTransaction } from '../tenant';
import type { ReportRow, ReportScope } from './reports';

// Repositories of Excel in (the monthly report template and its import): plain functions fn(trx, args) over a
// ScopedTransaction, each taking the scope explicitly as well as RLS does.

/** The ventures in scope with what the template needs of them: category, community, and the owed rule's inputs. */
export function venturesOfScope(trx: ScopedTransaction, scope: ReportScope) {
  let q = trx
    .selectFrom('ventures as v')
    .innerJoin('communities as c', (join) =>
      join.onRef('c.district_id', '=', 'v.district_id').onRef('c.community_id', '=', 'v.community_id'),
    )
    .select([
      'v.district_id',
      'v.community_id',
      'v.venture_id',
      'v.name',
      'v.category',
      'v.status',
      'v.started_on',
      'v.reporting_start_month',
      'v.operator_partner_id',
      'c.name as community_name',
    ])
    .where('v.district_id', '=', scope.districtId)
    .where('c.deleted_at', 'is', null);
  if (scope.communityId) q = q.where('v.community_id', '=', scope.communityId);
  if (scope.partnerId) q = q.where('v.operator_partner_id', '=', scope.partnerId);
  return q.orderBy('c.name').orderBy('v.name').execute();
}

const FIGURE_COLUMNS = [
  'r.revenue_fen',
  'r.operating_cost_fen',
  'r.stable_jobs',
  'r.temporary_jobs',
  'r.residents_served',
  'r.service_transactions',
  'r.elders_served',
  'r.children_served',
  'r.remittance_due_fen',
  'r.remittance_received_fen',
  'r.service_requests',
  'r.requests_within_promise',
] as const;

/**
 * Every report revision of the ventures in scope for the months in [from, to], oldest revision first: the history
 * the plausibility rule reads (approved and locked ones) and the reports a month already has, in one read for a
 * whole file instead of one per row. Given `ventureIds` (ventures of the scope, as venturesOfScope read them), only
 * theirs.
 *
 * No join with ventures unless the scope is a partner's: the embedded database keeps no statistics, and the join was
 * planned as a nested loop — each of 5,000 ventures against each of 5,000 reports of the month (25 million rows
 * compared, minutes). A partner's ventures are a semi-join; the ids are one list the server hashes.
 */
export function reportsOfMonths(
  trx: ScopedTransaction,
  scope: ReportScope,
  args: { from: string; to: string; ventureIds?: readonly string[] },
) {
  let q = trx
    .selectFrom('monthly_reports as r')
    .select([
      'r.report_id',
      'r.venture_id',
      'r.community_id',
      'r.month',
      'r.revision',
      'r.status',
      'r.notes',
      'r.typed_zeros',
      'r.version',
    ])
    .select(FIGURE_COLUMNS)
    .where('r.district_id', '=', scope.districtId)
    .where('r.month', '>=', args.from)
    .where('r.month', '<=', args.to);
  if (scope.communityId) q = q.where('r.community_id', '=', scope.communityId);
  if (scope.partnerId)
    q = q.where('r.venture_id', 'in', partnerVentures(trx, scope.districtId, scope.partnerId));
  if (args.ventureIds) {
    if (args.ventureIds.length === 0) return Promise.resolve([]);
    q = q.where('r.venture_id', 'in', args.ventureIds);
  }
  return q.orderBy('r.venture_id').orderBy('r.month').orderBy('r.revision').execute();
}

/** The ventures a partner operates, as a subquery. */
const partnerVentures = (trx: ScopedTransaction, districtId: string, partnerId: string) =>
  trx
    .selectFrom('ventures')
    .select('ventures.venture_id')
    .where('ventures.district_id', '=', districtId)
    .where('ventures.operator_partner_id', '=', partnerId);

/** The months locked for the communities in scope, district-wide locks included. */
export function locksOfMonths(
  trx: ScopedTransaction,
  args: { districtId: string; months: readonly string[] },
) {
  if (args.months.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('report_period_locks')
    .select(['community_id', 'month'])
    .where('district_id', '=', args.districtId)
    .where('month', 'in', args.months)
    .execute();
}

/** What an earlier import of the same file in the same mode wrote, row by row (no join: see reportsOfMonths). */
export function importsOfFile(
  trx: ScopedTransaction,
  scope: ReportScope,
  args: { fileHash: string; mode: 'draft' | 'submit' },
) {
  let q = trx
    .selectFrom('report_imports as i')
    .select(['i.venture_id', 'i.month', 'i.report_id', 'i.imported_at'])
    .where('i.district_id', '=', scope.districtId)
    .where('i.file_hash', '=', args.fileHash)
    .where('i.mode', '=', args.mode);
  if (scope.communityId) q = q.where('i.community_id', '=', scope.communityId);
  if (scope.partnerId)
    q = q.where('i.venture_id', 'in', partnerVentures(trx, scope.districtId, scope.partnerId));
  return q.execute();
}

/** Records the rows an import wrote (in the import's transaction). */
export async function recordImports(trx: ScopedTransaction, rows: readonly Insertable<ReportImportsTable>[]) {
  // PostgreSQL takes at most 65,535 parameters a statement: 8 columns a row, in slices
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('report_imports')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

/** The name a template's help sheet gives its scope: the community, the partner, or the district. */
export async function scopeName(trx: ScopedTransaction, scope: ReportScope): Promise<string> {
  if (scope.communityId) {
    const row = await trx
      .selectFrom('communities')
      .select('name')
      .where('district_id', '=', scope.districtId)
      .where('community_id', '=', scope.communityId)
      .executeTakeFirst();
    return row?.name ?? '';
  }
  if (scope.partnerId) {
    const row = await trx
      .selectFrom('partners')
      .select('name')
      .where('district_id', '=', scope.districtId)
      .where('partner_id', '=', scope.partnerId)
      .executeTakeFirst();
    return row?.name ?? '';
  }
  const row = await trx
    .selectFrom('districts')
    .select('name')
    .where('district_id', '=', scope.districtId)
    .executeTakeFirst();
  return row?.name ?? '';
}

// ----- the import's set-based writes: the rows the form's createReport and submit write, many per statement

/** PostgreSQL takes at most 65,535 parameters a statement; a report row has about 20. */
const SLICE = 500;

async function inSlices<T, R>(items: readonly T[], work: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(...(await work(items.slice(i, i + SLICE))));
  return out;
}

export function insertReports(trx: ScopedTransaction, rows: readonly Insertable<MonthlyReportsTable>[]) {
  return inSlices(rows, (slice) =>
    trx.insertInto('monthly_reports').values(slice).returning(['report_id', 'venture_id', 'month']).execute(),
  );
}

export async function insertEvents(trx: ScopedTransaction, rows: readonly Insertable<ReportEventsTable>[]) {
  await inSlices(rows, async (slice) => {
    await trx.insertInto('report_events').values(slice).execute();
    return [];
  });
}

export async function appendAudits(trx: ScopedTransaction, rows: readonly Insertable<AuditLogTable>[]) {
  await inSlices(rows, async (slice) => {
    await trx.insertInto('audit_log').values(slice).execute();
    return [];
  });
}

/** A report's figure columns, as the form's service writes them (`columnsOf`). */
type FigureColumns = Record<Bare<(typeof FIGURE_COLUMNS)[number]>, number>;
type Bare<T> = T extends `r.${infer C}` ? C : never;

/**
 * Draft or returned reports get new figures, notes, explanations and typed zeros (the form's updateReport), and with
 * `submittedBy` are submitted as well, each with its own plausibility flags (the form's submit after it): only a
 * report still in the status and at the version read changes, its version moving on by one a step. One statement a
 * slice, the rows as one jsonb parameter. Returns how many reports changed.
 */
export async function updateReports(
  trx: ScopedTransaction,
  args: {
    districtId: string;
    at: Date;
    submittedBy: string | null;
    reports: ReadonlyArray<{
      communityId: string;
      reportId: string;
      status: string;
      version: number;
      columns: FigureColumns;
      notes: string | null;
      explanations: unknown;
      /** the figures whose 0 was typed (ADR 0042) */
      typedZeros: readonly string[];
      flags: unknown;
    }>;
  },
): Promise<number> {
  const submit = args.submittedBy !== null;
  const figures = FIGURE_COLUMNS.map((column) => column.slice(2));
  const set = sql.join(figures.map((column) => sql`${sql.ref(column)} = v.${sql.ref(column)}`));
  const types = sql.join(
    figures.map((column) => sql.raw(`${column} ${column.endsWith('_fen') ? 'bigint' : 'integer'}`)),
  );
  let changed = 0;
  for (let i = 0; i < args.reports.length; i += SLICE) {
    const rows = args.reports.slice(i, i + SLICE).map((r) => ({
      community_id: r.communityId,
      report_id: r.reportId,
      status: r.status,
      version: r.version,
      ...r.columns,
      notes: r.notes,
      explanations: r.explanations,
      typed_zeros: r.typedZeros,
      flags: r.flags,
    }));
    const submitted = submit
      ? sql`, status = 'submitted', submitted_at = ${args.at}, submitted_by = ${args.submittedBy},
             plausibility_flags = v.flags, returned_fields = '[]'::jsonb`
      : sql``;
    const result = await sql`
      update monthly_reports m
         set ${set}, notes = v.notes, explanations = v.explanations, typed_zeros = v.typed_zeros${submitted},
             version = m.version + ${submit ? 2 : 1}, updated_at = ${args.at}
        from jsonb_to_recordset(${jsonb(rows)})
             as v(community_id uuid, report_id uuid, status text, version integer, ${types}, notes text,
                  explanations jsonb, typed_zeros jsonb, flags jsonb)
       where m.district_id = ${args.districtId} and m.community_id = v.community_id
         and m.report_id = v.report_id and m.status = v.status and m.version = v.version`.execute(trx);
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}

/**
 * Reports just written by an import, as the reports repository's rows (community and venture names joined), by id.
 * They are new or drafts: no approved amendment supersedes them, so the per-row lookup of a superseding revision is
 * left out (on a month of thousands of reports it made reading them back quadratic). The names are read apart and
 * joined here: joined in SQL, without statistics (PGlite), each slice of 1,000 reports ran as nested loops over the
 * district's ventures (5,000 reports read back in 26–35 s).
 */
export async function reportsByIds(trx: ScopedTransaction, scope: ReportScope, reportIds: readonly string[]) {
  const reports = [];
  for (let i = 0; i < reportIds.length; i += 1000) {
    let q = trx
      .selectFrom('monthly_reports')
      .selectAll()
      .where('district_id', '=', scope.districtId)
      .where('report_id', 'in', reportIds.slice(i, i + 1000));
    if (scope.communityId) q = q.where('community_id', '=', scope.communityId);
    reports.push(...(await q.execute()));
  }
  const ventureIds = [...new Set(reports.map((r) => r.venture_id))];
  const ventures = new Map<
    string,
    { name: string; company_id: string | null; operator_partner_id: string | null }
  >();
  for (let i = 0; i < ventureIds.length; i += 1000) {
    let q = trx
      .selectFrom('ventures')
      .select(['venture_id', 'name', 'company_id', 'operator_partner_id'])
      .where('district_id', '=', scope.districtId)
      .where('venture_id', 'in', ventureIds.slice(i, i + 1000));
    if (scope.partnerId) q = q.where('operator_partner_id', '=', scope.partnerId);
    for (const v of await q.execute()) ventures.set(v.venture_id, v);
  }
  let cq = trx
    .selectFrom('communities')
    .select(['community_id', 'name', 'street_office_id'])
    .where('district_id', '=', scope.districtId);
  if (scope.communityId) cq = cq.where('community_id', '=', scope.communityId);
  const communities = new Map((await cq.execute()).map((c) => [c.community_id, c]));
  const out: ReportRow[] = [];
  for (const report of reports) {
    const venture = ventures.get(report.venture_id);
    const community = communities.get(report.community_id);
    if (!venture || !community) continue; // out of scope, as an inner join leaves it
    out.push({
      ...report,
      community_name: community.name,
      street_office_id: community.street_office_id,
      venture_name: venture.name,
      venture_company_id: venture.company_id,
      venture_operator_partner_id: venture.operator_partner_id,
      superseded_by_id: null,
    });
  }
  return out;
}
