// Repositories of the oversight feature (warnings and the audit log): plain functions fn(trx, args) over a
// ScopedTransaction. Every query filters by district explicitly, on top of row-level security.
import type { FundKind } from '@gongfu/domain';
import { type ExpressionBuilder, sql } from 'kysely';
import { type Database, toFen } from '../schema';
import type { ScopedTransaction } from '../tenant';

// ───────────────────────────── warnings: reading and writing ─────────────────────────────

export interface WarningScopeFilter {
  districtId: string;
  /** community roles: their community only */
  communityId?: string | null;
  /** partner operators: warnings about the ventures they operate (and those ventures' agreements) */
  partnerId?: string | null;
}

export interface WarningListFilter extends WarningScopeFilter {
  status?: string | undefined;
  severity?: string | undefined;
  kind?: string | undefined;
  /** the caller's own filter, within their scope */
  onlyCommunityId?: string | undefined;
  streetOfficeId?: string | undefined;
  ownerUserId?: string | undefined;
  subjectId?: string | undefined;
  warningId?: string | undefined;
}

type W = ExpressionBuilder<Database & { w: Database['warnings'] }, 'w'>;

function partnerVisible(eb: W, districtId: string, partnerId: string) {
  const ventures = eb
    .selectFrom('ventures as pv')
    .select('pv.venture_id')
    .where('pv.district_id', '=', districtId)
    .where('pv.operator_partner_id', '=', partnerId);
  const agreements = eb
    .selectFrom('operator_agreements as pa')
    .select('pa.agreement_id')
    .where('pa.district_id', '=', districtId)
    .where('pa.venture_id', 'in', ventures);
  return eb.or([
    eb.and([eb('w.subject_type', '=', 'venture'), eb('w.subject_id', 'in', ventures)]),
    eb.and([eb('w.subject_type', '=', 'agreement'), eb('w.subject_id', 'in', agreements)]),
  ]);
}

function filteredWarnings(trx: ScopedTransaction, f: WarningListFilter) {
  let q = trx
    .selectFrom('warnings as w')
    .leftJoin('communities as c', (join) =>
      join.onRef('c.district_id', '=', 'w.district_id').onRef('c.community_id', '=', 'w.community_id'),
    )
    .where('w.district_id', '=', f.districtId);
  if (f.communityId) q = q.where('w.community_id', '=', f.communityId);
  const partnerId = f.partnerId;
  if (partnerId) q = q.where((eb) => partnerVisible(eb as unknown as W, f.districtId, partnerId));
  if (f.onlyCommunityId) q = q.where('w.community_id', '=', f.onlyCommunityId);
  if (f.warningId) q = q.where('w.warning_id', '=', f.warningId);
  if (f.status) q = q.where('w.status', '=', f.status as 'open' | 'resolved');
  if (f.severity) q = q.where('w.severity', '=', f.severity as 'red' | 'amber');
  if (f.kind) q = q.where('w.kind', '=', f.kind);
  if (f.streetOfficeId) q = q.where('c.street_office_id', '=', f.streetOfficeId);
  if (f.ownerUserId) q = q.where('w.owner_user_id', '=', f.ownerUserId);
  if (f.subjectId) q = q.where('w.subject_id', '=', f.subjectId);
  return q;
}

const WARNING_COLUMNS = [
  'w.warning_id',
  'w.district_id',
  'w.community_id',
  'c.name as community_name',
  'w.kind',
  'w.severity',
  'w.subject_type',
  'w.subject_id',
  'w.period',
  'w.detail',
  'w.status',
  'w.owner_user_id',
  'w.resolution',
  'w.detected_at',
  sql<string>`w.condition_since::text`.as('condition_since'),
  'w.resolved_at',
  'w.resolved_by',
  'w.version',
] as const;

/**
 * The order of a list after status and severity, by how long the condition has held (its start, not its detection):
 * `newest` the most recent condition first (the default), `longest` the longest-held first.
 */
export type WarningOrder = 'newest' | 'longest';

export async function listWarnings(
  trx: ScopedTransaction,
  f: WarningListFilter & { limit: number; offset: number; order?: WarningOrder | undefined },
) {
  const base = filteredWarnings(trx, f);
  const direction = f.order === 'longest' ? 'asc' : 'desc';
  const rows = await base
    .select(WARNING_COLUMNS)
    // open before resolved, red before amber, then by the condition's start
    .orderBy(sql`case when w.status = 'open' then 0 else 1 end`)
    .orderBy(sql`case when w.severity = 'red' then 0 else 1 end`)
    .orderBy('w.condition_since', direction)
    .orderBy('w.detected_at', direction)
    .orderBy('w.warning_id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return { rows, total: Number(counted?.n ?? 0) };
}

export type WarningRow = Awaited<ReturnType<typeof listWarnings>>['rows'][number];

export function findWarning(trx: ScopedTransaction, f: WarningScopeFilter & { warningId: string }) {
  return filteredWarnings(trx, f).select(WARNING_COLUMNS).executeTakeFirst();
}

export interface WarningDraft {
  districtId: string;
  communityId: string;
  kind: string;
  severity: 'red' | 'amber';
  subjectType: string;
  subjectId: string;
  period: string;
  /** the day the condition began (YYYY-MM-DD), as the rule dates it */
  conditionSince: string;
  detail: Record<string, unknown>;
}

/**
 * A JSON value for a jsonb column that both drivers store as an object. A plain string parameter does not:
 * postgres.js serialises a jsonb parameter with JSON.stringify, so a pre-stringified value lands as a JSON
 * *string* on PostgreSQL (while PGlite parses it). Sending text and casting it is the same on both.
 */
function jsonb(value: unknown) {
  return sql<string>`cast(${JSON.stringify(value)} as text)::jsonb`;
}

export type StoreOutcome =
  | { outcome: 'created'; warningId: string }
  | { outcome: 'escalated'; warningId: string; before: { severity: string; detail: unknown } }
  | { outcome: 'unchanged' };

/**
 * Stores a computed warning once per (kind, subject, period). An existing warning is left alone,
 * except that an open one the caller's rule says to escalate takes the computed severity. Resolved
 * warnings stay resolved.
 */
export async function storeWarning(
  trx: ScopedTransaction,
  w: WarningDraft,
  /** the caller's rule: whether a stored open warning of this severity is raised to the computed one */
  escalates: (stored: 'red' | 'amber', computed: 'red' | 'amber') => boolean,
): Promise<StoreOutcome> {
  const existing = await trx
    .selectFrom('warnings')
    .select(['warning_id', 'severity', 'status', 'detail'])
    .where('district_id', '=', w.districtId)
    .where('kind', '=', w.kind)
    .where('subject_id', '=', w.subjectId)
    .where('period', '=', w.period)
    .executeTakeFirst();
  if (!existing) {
    const inserted = await trx
      .insertInto('warnings')
      .values({
        district_id: w.districtId,
        community_id: w.communityId,
        kind: w.kind,
        severity: w.severity,
        subject_type: w.subjectType,
        subject_id: w.subjectId,
        period: w.period,
        condition_since: w.conditionSince,
        detail: jsonb(w.detail),
      })
      .onConflict((oc) => oc.columns(['district_id', 'kind', 'subject_id', 'period']).doNothing())
      .returning('warning_id')
      .executeTakeFirst();
    // a concurrent refresh stored it first: nothing more to do
    return inserted ? { outcome: 'created', warningId: inserted.warning_id } : { outcome: 'unchanged' };
  }
  if (existing.status === 'open' && escalates(existing.severity, w.severity)) {
    const updated = await trx
      .updateTable('warnings')
      .set({
        severity: w.severity,
        detail: jsonb(w.detail),
        version: sql`version + 1`,
      })
      .where('district_id', '=', w.districtId)
      .where('warning_id', '=', existing.warning_id)
      .where('status', '=', 'open')
      .where('severity', '=', existing.severity)
      .returning('warning_id')
      .executeTakeFirst();
    if (updated) {
      return {
        outcome: 'escalated',
        warningId: existing.warning_id,
        before: { severity: existing.severity, detail: existing.detail },
      };
    }
  }
  return { outcome: 'unchanged' };
}

export async function countOpenWarnings(trx: ScopedTransaction, districtId: string) {
  const row = await trx
    .selectFrom('warnings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('district_id', '=', districtId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Sets the owner if the version matches; undefined when it did not (stale). */
export function setWarningOwner(
  trx: ScopedTransaction,
  args: { districtId: string; warningId: string; ownerUserId: string | null; version: number },
) {
  return trx
    .updateTable('warnings')
    .set({ owner_user_id: args.ownerUserId, version: sql`version + 1` })
    .where('district_id', '=', args.districtId)
    .where('warning_id', '=', args.warningId)
    .where('version', '=', args.version)
    .returning('warning_id')
    .executeTakeFirst();
}

/** Resolves an open warning if the version matches; undefined when it did not (stale or resolved). */
export function resolveWarning(
  trx: ScopedTransaction,
  args: { districtId: string; warningId: string; resolution: string; resolvedBy: string; version: number },
) {
  return trx
    .updateTable('warnings')
    .set({
      status: 'resolved',
      resolution: args.resolution,
      resolved_by: args.resolvedBy,
      resolved_at: sql`now()`,
      version: sql`version + 1`,
    })
    .where('district_id', '=', args.districtId)
    .where('warning_id', '=', args.warningId)
    .where('version', '=', args.version)
    .where('status', '=', 'open')
    .returning('warning_id')
    .executeTakeFirst();
}

/** Whether a user holds a membership in the district (owners of warnings must). */
export async function isDistrictUser(trx: ScopedTransaction, args: { districtId: string; userId: string }) {
  const row = await trx
    .selectFrom('memberships')
    .select('membership_id')
    .where('district_id', '=', args.districtId)
    .where('user_id', '=', args.userId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function districtDueDay(trx: ScopedTransaction, districtId: string) {
  const row = await trx
    .selectFrom('districts')
    .select('report_due_day')
    .where('district_id', '=', districtId)
    .executeTakeFirst();
  return row?.report_due_day ?? null;
}

// ───────────────────────────── warnings: the facts they are computed from ─────────────────────────────
// Each query runs in the caller's scoped transaction (RLS applies) and returns candidate facts; the
// decision (threshold, severity) is the caller's pure rule. Thresholds passed in only narrow the set.

const monthStart = (column: string) => sql.raw(`(${column} || '-01')::date`);

export interface ReportFact {
  community_id: string;
  venture_id: string;
  venture_name: string;
  month: string;
  first_submitted_at: Date | null;
}

/**
 * Operating ventures × months whose report was not submitted before its deadline: each with the first
 * submission (a report event to `submitted`, else the report's own submission time; a report past draft
 * with no recorded time counts as submitted when it was reviewed or created). A venture is expected to
 * report from the month it started (or, without a start date, was registered).
 */
export async function reportFacts(
  trx: ScopedTransaction,
  args: { districtId: string; months: Array<{ month: string; deadline: Date }> },
): Promise<ReportFact[]> {
  if (args.months.length === 0) return [];
  const d = args.districtId;
  const months = sql.join(
    args.months.map((m) => sql`(${m.month}::text, ${m.deadline.toISOString()}::timestamptz)`),
  );
  const result = await sql<ReportFact & { deadline: Date }>`
    with m(month, deadline) as (values ${months}),
    expected as (
      select v.community_id, v.venture_id, v.name as venture_name, m.month, m.deadline
      from ventures v cross join m
      where v.district_id = ${d}
        and v.status = 'operating'
        and coalesce(v.started_on, ((v.created_at at time zone 'UTC') + interval '8 hours')::date)
            < ${monthStart('m.month')} + interval '1 month'
        -- nor before its reporting start (its own, else the district's): those months were never asked for
        and coalesce(coalesce(v.reporting_start_month,
                              (select ds.reporting_start_month from districts ds where ds.district_id = ${d}))::text
                       <= m.month, true)
    ),
    reports_in as (
      select r.report_id, r.venture_id, r.month,
             case when r.status <> 'draft' or r.submitted_at is not null
                  then coalesce(r.submitted_at, r.reviewed_at, r.created_at) end as own_at
        from monthly_reports r
       where r.district_id = ${d} and r.month in (select month from m)
    ),
    events as (
      select ev.report_id, min(ev.created_at) as at
        from report_events ev
       where ev.district_id = ${d} and ev.to_status = 'submitted'
         and ev.report_id in (select report_id from reports_in)
       group by ev.report_id
    ),
    firsts as (
      select ri.venture_id, ri.month, min(least(events.at, ri.own_at)) as first_submitted_at
        from reports_in ri left join events on events.report_id = ri.report_id
       group by ri.venture_id, ri.month
    )
    select e.community_id, e.venture_id, e.venture_name, e.month, f.first_submitted_at, e.deadline
      from expected e
      left join firsts f on f.venture_id = e.venture_id and f.month = e.month
     where f.first_submitted_at is null or f.first_submitted_at >= e.deadline
     order by e.venture_id, e.month`.execute(trx);
  return result.rows.map((r) => ({
    community_id: r.community_id,
    venture_id: r.venture_id,
    venture_name: r.venture_name,
    month: r.month,
    first_submitted_at: r.first_submitted_at ? new Date(r.first_submitted_at) : null,
  }));
}

/**
 * The effective report of each venture and month in a window: the highest approved (or locked)
 * revision. Amendments supersede what they correct.
 */
const effectiveReports = (districtId: string, from: string, to: string) => sql`
  select distinct on (r.venture_id, r.month)
         r.community_id, r.venture_id, r.month, r.report_id, r.revenue_fen, r.remittance_received_fen
    from monthly_reports r
   where r.district_id = ${districtId} and r.status in ('approved', 'locked')
     and r.month >= ${from} and r.month <= ${to}
   order by r.venture_id, r.month, r.revision desc`;

export interface RevenueFact {
  community_id: string;
  venture_id: string;
  venture_name: string;
  month: string;
  report_id: string;
  previous_fen: number;
  current_fen: number;
}

/** Approved revenue of a month against the month before, where it fell by more than `minDropBp`. */
export async function revenueFacts(
  trx: ScopedTransaction,
  args: { districtId: string; previousFrom: string; to: string; minDropBp: number },
): Promise<RevenueFact[]> {
  const d = args.districtId;
  const result = await sql<Record<string, unknown>>`
    with eff as (${effectiveReports(d, args.previousFrom, args.to)})
    select cur.community_id, cur.venture_id, v.name as venture_name, cur.month, cur.report_id,
           prev.revenue_fen::text as previous_fen, cur.revenue_fen::text as current_fen
      from eff cur
      join eff prev
        on prev.venture_id = cur.venture_id
       and prev.month = to_char(${monthStart('cur.month')} - interval '1 month', 'YYYY-MM')
      join ventures v on v.district_id = ${d} and v.venture_id = cur.venture_id
     where prev.revenue_fen > 0
       and (prev.revenue_fen - cur.revenue_fen)::numeric * 10000 > ${args.minDropBp}::numeric * prev.revenue_fen
     order by cur.venture_id, cur.month`.execute(trx);
  return result.rows.map((r) => ({
    community_id: String(r.community_id),
    venture_id: String(r.venture_id),
    venture_name: String(r.venture_name),
    month: String(r.month),
    report_id: String(r.report_id),
    previous_fen: toFen(r.previous_fen as string),
    current_fen: toFen(r.current_fen as string),
  }));
}

export interface RemittanceFact {
  community_id: string;
  venture_id: string;
  venture_name: string;
  month: string;
  report_id: string;
  agreement_id: string;
  minimum_fen: number;
  received_fen: number;
}

/**
 * Approved reports whose remittance received is below the guaranteed minimum of the venture's
 * agreement in force that month (the latest-starting one when several overlap).
 */
export async function remittanceFacts(
  trx: ScopedTransaction,
  args: { districtId: string; from: string; to: string },
): Promise<RemittanceFact[]> {
  const d = args.districtId;
  const result = await sql<Record<string, unknown>>`
    with eff as (${effectiveReports(d, args.from, args.to)}),
    terms as (
      select distinct on (eff.venture_id, eff.month)
             eff.community_id, eff.venture_id, eff.month, eff.report_id, eff.remittance_received_fen,
             a.agreement_id, a.guaranteed_min_remittance_fen
        from eff
        join operator_agreements a
          on a.district_id = ${d} and a.venture_id = eff.venture_id
         and a.starts_on < ${monthStart('eff.month')} + interval '1 month'
         and a.ends_on >= ${monthStart('eff.month')}
       order by eff.venture_id, eff.month, a.starts_on desc, a.agreement_id
    )
    select t.community_id, t.venture_id, v.name as venture_name, t.month, t.report_id, t.agreement_id,
           t.guaranteed_min_remittance_fen::text as minimum_fen, t.remittance_received_fen::text as received_fen
      from terms t
      join ventures v on v.district_id = ${d} and v.venture_id = t.venture_id
     where t.guaranteed_min_remittance_fen > 0
       and t.remittance_received_fen < t.guaranteed_min_remittance_fen
     order by t.venture_id, t.month`.execute(trx);
  return result.rows.map((r) => ({
    community_id: String(r.community_id),
    venture_id: String(r.venture_id),
    venture_name: String(r.venture_name),
    month: String(r.month),
    report_id: String(r.report_id),
    agreement_id: String(r.agreement_id),
    minimum_fen: toFen(r.minimum_fen as string),
    received_fen: toFen(r.received_fen as string),
  }));
}

export interface FundFact {
  community_id: string;
  fund_id: string;
  fund_kind: FundKind;
  fund_name: string;
  balance_fen: number;
  first_month: string | null;
  last_outflow_month: string | null;
}

/**
 * Each fund's balance as of a month (the sum of its entries up to it), its first entry's month and its
 * last outflow's month. A reversal is a correction, not spending, so it is not an outflow.
 */
export async function fundFacts(
  trx: ScopedTransaction,
  args: { districtId: string; asOfMonth: string },
): Promise<FundFact[]> {
  const d = args.districtId;
  const result = await sql<Record<string, unknown>>`
    select f.community_id, f.fund_id, f.kind as fund_kind, f.name as fund_name,
           coalesce(sum(e.direction * e.amount_fen), 0)::text as balance_fen,
           min(e.month) as first_month,
           max(e.month) filter (where e.direction = -1 and e.kind <> 'reversal') as last_outflow_month
      from funds f
      left join ledger_entries e
        on e.district_id = f.district_id and e.fund_id = f.fund_id and e.month <= ${args.asOfMonth}
     where f.district_id = ${d}
     group by f.community_id, f.fund_id, f.kind, f.name
    having coalesce(sum(e.direction * e.amount_fen), 0) > 0
     order by f.fund_id`.execute(trx);
  return result.rows.map((r) => ({
    community_id: String(r.community_id),
    fund_id: String(r.fund_id),
    fund_kind: r.fund_kind as FundKind, // the API opens funds of the domain's kinds only
    fund_name: String(r.fund_name),
    balance_fen: toFen(r.balance_fen as string),
    first_month: (r.first_month as string | null) ?? null,
    last_outflow_month: (r.last_outflow_month as string | null) ?? null,
  }));
}

export interface AgreementFact {
  community_id: string;
  agreement_id: string;
  venture_id: string;
  venture_name: string;
  partner_id: string;
  partner_name: string | null;
  starts_on: string;
  ends_on: string;
}

/** Agreements ending between `asOf` and `asOf + withinDays`, inclusive. */
export async function agreementFacts(
  trx: ScopedTransaction,
  args: { districtId: string; asOf: string; withinDays: number },
): Promise<AgreementFact[]> {
  const d = args.districtId;
  const result = await sql<AgreementFact>`
    select a.community_id, a.agreement_id, a.venture_id, v.name as venture_name, a.partner_id,
           p.name as partner_name, a.starts_on::text as starts_on, a.ends_on::text as ends_on
      from operator_agreements a
      join ventures v on v.district_id = a.district_id and v.venture_id = a.venture_id
      left join partners p on p.district_id = a.district_id and p.partner_id = a.partner_id
     where a.district_id = ${d}
       and a.ends_on >= ${args.asOf}::date
       and a.ends_on <= ${args.asOf}::date + ${args.withinDays}::int
     order by a.agreement_id`.execute(trx);
  return result.rows;
}

export interface PledgeFact {
  community_id: string;
  pledge_id: string;
  partner_id: string;
  partner_name: string | null;
  description: string;
  due_on: string;
  amount_fen: number;
  fulfilled_fen: number;
}

/** Pledges due before `asOf` (not cancelled), with what was fulfilled up to `asOf`. */
export async function pledgeFacts(
  trx: ScopedTransaction,
  args: { districtId: string; asOf: string },
): Promise<PledgeFact[]> {
  const d = args.districtId;
  const result = await sql<Record<string, unknown>>`
    select pl.community_id, pl.pledge_id, pl.partner_id, p.name as partner_name, pl.description,
           pl.due_on::text as due_on, pl.amount_fen::text as amount_fen,
           coalesce((select sum(f.value_fen) from pledge_fulfilments f
                      where f.district_id = pl.district_id and f.pledge_id = pl.pledge_id
                        and f.fulfilled_on <= ${args.asOf}::date), 0)::text as fulfilled_fen
      from pledges pl
      left join partners p on p.district_id = pl.district_id and p.partner_id = pl.partner_id
     where pl.district_id = ${d}
       and pl.due_on < ${args.asOf}::date
       and pl.status not in ('cancelled', 'withdrawn')
     order by pl.pledge_id`.execute(trx);
  return result.rows.map((r) => ({
    community_id: String(r.community_id),
    pledge_id: String(r.pledge_id),
    partner_id: String(r.partner_id),
    partner_name: (r.partner_name as string | null) ?? null,
    description: String(r.description),
    due_on: String(r.due_on),
    amount_fen: toFen(r.amount_fen as string),
    fulfilled_fen: toFen(r.fulfilled_fen as string),
  }));
}

// ───────────────────────────── audit log ─────────────────────────────

export interface AuditFilter {
  districtId: string;
  /** community roles: their community's entries only */
  communityId?: string | null;
  onlyCommunityId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorUserId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** the last row of the previous page: created_at as text with microseconds, and its id */
  after?: { createdAt: string; auditId: string } | undefined;
  limit: number;
}

/** One page of the log, newest first; `created_at_text` keeps microseconds for an exact cursor. */
export function listAudit(trx: ScopedTransaction, f: AuditFilter) {
  let q = trx
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.user_id', 'a.actor_user_id')
    .select([
      'a.audit_id',
      'a.district_id',
      'a.community_id',
      'a.actor_user_id',
      'u.display_name as actor_name',
      'a.api_token_name',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.before',
      'a.after',
      'a.request_id',
      'a.created_at',
      sql<string>`to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
        'created_at_text',
      ),
    ])
    .where('a.district_id', '=', f.districtId);
  if (f.communityId) q = q.where('a.community_id', '=', f.communityId);
  if (f.onlyCommunityId) q = q.where('a.community_id', '=', f.onlyCommunityId);
  if (f.entityType) q = q.where('a.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.actorUserId) q = q.where('a.actor_user_id', '=', f.actorUserId);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.from) q = q.where('a.created_at', '>=', f.from);
  if (f.to) q = q.where('a.created_at', '<', f.to);
  const after = f.after;
  if (after) {
    q = q.where(
      (eb) =>
        sql<boolean>`(${eb.ref('a.created_at')}, ${eb.ref('a.audit_id')}) < (${after.createdAt}::timestamptz, ${after.auditId}::uuid)`,
    );
  }
  return q.orderBy('a.created_at', 'desc').orderBy('a.audit_id', 'desc').limit(f.limit).execute();
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];

/**
 * Who appears in the log the caller may read (for its "who" filter): each actor once, with the name
 * when the user is visible in the caller's scope, and how many entries they have.
 */
export function listAuditActors(
  trx: ScopedTransaction,
  f: { districtId: string; communityId?: string | null; onlyCommunityId?: string | undefined },
) {
  let q = trx
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.user_id', 'a.actor_user_id')
    .select(['a.actor_user_id', 'u.display_name as actor_name'])
    .select(sql<number>`count(*)::int`.as('entries'))
    .where('a.district_id', '=', f.districtId)
    .where('a.actor_user_id', 'is not', null);
  if (f.communityId) q = q.where('a.community_id', '=', f.communityId);
  if (f.onlyCommunityId) q = q.where('a.community_id', '=', f.onlyCommunityId);
  return q
    .groupBy(['a.actor_user_id', 'u.display_name'])
    .orderBy('u.display_name')
    .orderBy('a.actor_user_id')
    .execute();
}
