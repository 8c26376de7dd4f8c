import { type Kysely, sql } from 'kysely';

/**
 * KPI rollups (ADR 0006): the monthly facts every KPI sums, one row per venture × month and per fund ×
 * month, so a district overview reads thousands of rows instead of every report, event and ledger entry
 * of its history.
 *
 * - Each rollup is defined once, by a view over the raw tables (`kpi_venture_month_facts`,
 *   `kpi_fund_month_facts`). The views are `security_invoker`: they read the raw tables under the
 *   caller's RLS, never as their owner.
 * - The rollup tables are ordinary tenant tables (district_id leading the key, RLS enabled and forced,
 *   the same policies as their sources), not materialized views, which have no RLS.
 * - Statement-level triggers on every raw table a fact depends on recompute the affected rollup rows
 *   from the view, in the writer's transaction and under the writer's RLS: a rollup row is always what
 *   the view says for its key, whichever code path wrote the source (API, seed, generator, psql).
 * - What the KPI queries join at read time (street office, operating model, category, price tier,
 *   venture status, fund kind, deadlines) is not copied into the rollups, so editing it needs no refresh.
 *
 * Frozen once shipped.
 */
const RUNTIME = 'gongfu_app';
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const D = uuidSetting('district_id');
const C = uuidSetting('community_id');
const P = uuidSetting('partner_id');
const KIND = setting('scope_kind');

/** as in 1200: district sees all; community its own; a partner the communities / ventures it operates */
const PARTNER_COMMUNITIES = `(select v.community_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${P})`;
const PARTNER_VENTURES = `(select v.venture_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${P})`;
const readCommunity = `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR (${KIND} = 'partner' AND community_id IN ${PARTNER_COMMUNITIES}))`;
const writeCommunity = `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C})`;
const readVenture = `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR (${KIND} = 'partner' AND venture_id IN ${PARTNER_VENTURES}))`;

function policies(table: string, read: string, write: string): string[] {
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_read ON ${table} FOR SELECT TO ${RUNTIME} USING (${read})`,
    `CREATE POLICY ${table}_insert ON ${table} FOR INSERT TO ${RUNTIME} WITH CHECK (${write})`,
    `CREATE POLICY ${table}_update ON ${table} FOR UPDATE TO ${RUNTIME} USING (${write}) WITH CHECK (${write})`,
    `CREATE POLICY ${table}_delete ON ${table} FOR DELETE TO ${RUNTIME} USING (${write})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${RUNTIME}`,
  ];
}

/** the tables whose rows the rollups are computed from (the backfill reads them as their owner) */
const SOURCES = [
  'monthly_reports',
  'report_events',
  'shareholdings',
  'ventures',
  'ledger_entries',
  'proposals',
];

const statements: string[] = [
  // ── a report's community income: the community holders' part of the profit, split by the company's
  // shareholdings with the domain's largest-remainder rule (packages/domain allocation); NULL when the
  // company has no shareholdings (the caller then counts the whole profit as the community's)
  `CREATE FUNCTION kpi_community_share(p_district uuid, p_community uuid, p_company uuid, p_profit bigint)
   RETURNS bigint LANGUAGE sql STABLE SECURITY INVOKER AS $$
     select sum(case when b.holder_kind = 'community'
                     then sign(p_profit) * (b.base + case when b.rrank <= b.leftover then 1 else 0 end)
                     else 0 end)::bigint
     from (
       select a.holder_kind, a.base, a.whole - sum(a.base) over () as leftover,
              row_number() over (order by a.rem desc, a.ord) as rrank
       from (
         select s.holder_kind, abs(p_profit)::numeric as whole,
                div(abs(p_profit)::numeric * s.share_bp, sum(s.share_bp) over ()) as base,
                mod(abs(p_profit)::numeric * s.share_bp, sum(s.share_bp) over ()) as rem,
                row_number() over (order by s.position, s.created_at, s.shareholding_id) as ord
         from shareholdings s
         where s.district_id = p_district and s.community_id = p_community and s.company_id = p_company
       ) a
     ) b
   $$`,

  // ── per venture × month: the counted report (the highest approved or locked revision; an amendment
  // replaces what it amends) with its measures and community income, and the month's reporting facts
  // (first submission, latest status, whether any revision was approved)
  `CREATE VIEW kpi_venture_month_facts WITH (security_invoker = true) AS
   select g.district_id, g.community_id, g.venture_id, g.month,
          c.report_id is not null as counted,
          coalesce(c.revenue_fen, 0) as revenue_fen,
          coalesce(c.operating_cost_fen, 0) as operating_cost_fen,
          coalesce(c.stable_jobs, 0) as stable_jobs,
          coalesce(c.residents_served, 0) as residents_served,
          coalesce(c.service_transactions, 0) as service_transactions,
          coalesce(c.service_requests, 0) as service_requests,
          coalesce(c.requests_within_promise, 0) as requests_within_promise,
          coalesce(c.remittance_received_fen, 0) as remittance_received_fen,
          case when c.report_id is null then 0
               else coalesce(kpi_community_share(c.district_id, c.community_id, v.company_id,
                                                 c.revenue_fen - c.operating_cost_fen),
                             c.revenue_fen - c.operating_cost_fen) + c.remittance_received_fen
          end as income_fen,
          g.first_submitted_at, g.latest_status, g.has_approved
   from (
     select r.district_id, r.community_id, r.venture_id, r.month,
            min(coalesce((select min(ev.created_at) from report_events ev
                          where ev.district_id = r.district_id and ev.report_id = r.report_id
                            and ev.action = 'submit'), r.submitted_at)) as first_submitted_at,
            (array_agg(r.status order by r.revision desc))[1] as latest_status,
            bool_or(r.status in ('approved', 'locked')) as has_approved,
            (array_agg(r.report_id order by r.revision desc)
               filter (where r.status in ('approved', 'locked')))[1] as counted_report_id
     from monthly_reports r
     group by r.district_id, r.community_id, r.venture_id, r.month
   ) g
   left join monthly_reports c on c.district_id = g.district_id and c.report_id = g.counted_report_id
   left join ventures v
     on v.district_id = g.district_id and v.community_id = g.community_id and v.venture_id = g.venture_id`,

  `CREATE TABLE kpi_venture_months (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     venture_id uuid NOT NULL,
     month char(7) NOT NULL,
     counted boolean NOT NULL,
     revenue_fen bigint NOT NULL,
     operating_cost_fen bigint NOT NULL,
     stable_jobs integer NOT NULL,
     residents_served integer NOT NULL,
     service_transactions integer NOT NULL,
     service_requests integer NOT NULL,
     requests_within_promise integer NOT NULL,
     remittance_received_fen bigint NOT NULL,
     income_fen bigint NOT NULL,
     first_submitted_at timestamptz,
     latest_status text NOT NULL,
     has_approved boolean NOT NULL,
     PRIMARY KEY (district_id, venture_id, month)
   )`,
  `CREATE INDEX kpi_venture_months_month_idx ON kpi_venture_months (district_id, month)`,
  ...policies('kpi_venture_months', readVenture, readVenture),

  // ── per fund × month: the ledger by effective kind (a reversal takes the kind of what it reverses;
  // an amendment's reversal of an allocation is an allocation) and the expenditure backed by a
  // resident decision (approved project) and by one whose disclosure was over before the payout
  `CREATE VIEW kpi_fund_month_facts WITH (security_invoker = true) AS
   select x.district_id, x.community_id, x.fund_id, x.month,
          sum(x.signed_fen)::bigint as net_fen,
          sum(case when x.eff_kind = 'allocation' then x.signed_fen else 0 end)::bigint as allocation_fen,
          sum(case when x.eff_kind = 'donation' then x.signed_fen else 0 end)::bigint as donation_fen,
          sum(case when x.eff_kind = 'grant' then x.signed_fen else 0 end)::bigint as grant_fen,
          sum(case when x.eff_kind = 'expenditure' then -x.signed_fen else 0 end)::bigint as expenditure_fen,
          sum(case when x.eff_kind = 'expenditure' and x.approved_project then -x.signed_fen else 0 end)::bigint
            as project_expenditure_fen,
          sum(case when x.eff_kind = 'expenditure' and x.backed then -x.signed_fen else 0 end)::bigint
            as backed_expenditure_fen
   from (
     select e.district_id, e.community_id, e.fund_id, e.month, e.direction * e.amount_fen as signed_fen,
            case
              when e.kind <> 'reversal' then e.kind
              when o.kind is not null then o.kind
              when e.source_type = 'monthly_report' then 'allocation'
              else 'reversal'
            end as eff_kind,
            coalesce(p.status in ('approved', 'disclosure', 'disclosed', 'paid_out', 'closed'), false)
              as approved_project,
            coalesce(p.status in ('disclosed', 'paid_out', 'closed') and p.disclosure_ends_on is not null
                     and p.disclosure_ends_on < (date '1970-01-01'
                       + floor((extract(epoch from coalesce(o.created_at, e.created_at)) + 28800) / 86400)::int),
                     false) as backed
     from ledger_entries e
     left join ledger_entries o
       on o.district_id = e.district_id and o.community_id = e.community_id and o.entry_id = e.reverses_entry_id
     left join proposals p
       on p.district_id = e.district_id and p.community_id = e.community_id
      and p.proposal_id = coalesce(e.proposal_id, o.proposal_id)
   ) x
   group by x.district_id, x.community_id, x.fund_id, x.month`,

  `CREATE TABLE kpi_fund_months (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     fund_id uuid NOT NULL,
     month char(7) NOT NULL,
     net_fen bigint NOT NULL,
     allocation_fen bigint NOT NULL,
     donation_fen bigint NOT NULL,
     grant_fen bigint NOT NULL,
     expenditure_fen bigint NOT NULL,
     project_expenditure_fen bigint NOT NULL,
     backed_expenditure_fen bigint NOT NULL,
     PRIMARY KEY (district_id, fund_id, month)
   )`,
  `CREATE INDEX kpi_fund_months_month_idx ON kpi_fund_months (district_id, month)`,
  ...policies('kpi_fund_months', readCommunity, writeCommunity),
  `CREATE INDEX ledger_entries_reverses_idx ON ledger_entries (district_id, reverses_entry_id) WHERE reverses_entry_id IS NOT NULL`,
  `CREATE INDEX ledger_entries_proposal_idx ON ledger_entries (district_id, proposal_id) WHERE proposal_id IS NOT NULL`,
  `CREATE INDEX ventures_company_idx ON ventures (district_id, company_id)`,
  `GRANT SELECT ON kpi_venture_month_facts, kpi_fund_month_facts TO ${RUNTIME}`,

  // ── refresh: recompute the given keys from the views (a NULL month: every month of the venture/fund)
  `CREATE FUNCTION kpi_refresh_venture_months(p_district uuid[], p_venture uuid[], p_month text[])
   RETURNS void LANGUAGE plpgsql SECURITY INVOKER AS $$
   BEGIN
     DELETE FROM kpi_venture_months t
     USING (select distinct * from unnest(p_district, p_venture, p_month)) k(district_id, venture_id, month)
     WHERE t.district_id = k.district_id AND t.venture_id = k.venture_id
       AND (k.month IS NULL OR t.month = k.month);
     INSERT INTO kpi_venture_months
     SELECT f.* FROM (select distinct * from unnest(p_district, p_venture, p_month)) k(district_id, venture_id, month)
     CROSS JOIN LATERAL (
       SELECT * FROM kpi_venture_month_facts v
       WHERE v.district_id = k.district_id AND v.venture_id = k.venture_id
         AND (k.month IS NULL OR v.month = k.month)
     ) f;
   END $$`,
  `CREATE FUNCTION kpi_refresh_fund_months(p_district uuid[], p_fund uuid[], p_month text[])
   RETURNS void LANGUAGE plpgsql SECURITY INVOKER AS $$
   BEGIN
     DELETE FROM kpi_fund_months t
     USING (select distinct * from unnest(p_district, p_fund, p_month)) k(district_id, fund_id, month)
     WHERE t.district_id = k.district_id AND t.fund_id = k.fund_id AND (k.month IS NULL OR t.month = k.month);
     INSERT INTO kpi_fund_months
     SELECT f.* FROM (select distinct * from unnest(p_district, p_fund, p_month)) k(district_id, fund_id, month)
     CROSS JOIN LATERAL (
       SELECT * FROM kpi_fund_month_facts v
       WHERE v.district_id = k.district_id AND v.fund_id = k.fund_id AND (k.month IS NULL OR v.month = k.month)
     ) f;
   END $$`,

  // ── triggers: statement-level with transition tables, so a multi-row insert refreshes once.
  // Transition tables are named "changed_rows" (the new rows, or the old ones on delete) and "prior_rows" (updates).
  `CREATE FUNCTION kpi_reports_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE d uuid[]; v uuid[]; m text[];
   BEGIN
     IF TG_OP = 'UPDATE' THEN
       SELECT array_agg(district_id), array_agg(venture_id), array_agg(month) INTO d, v, m
       FROM (select district_id, venture_id, month::text from changed_rows
             union select district_id, venture_id, month::text from prior_rows) k;
     ELSE
       SELECT array_agg(district_id), array_agg(venture_id), array_agg(month) INTO d, v, m
       FROM (select distinct district_id, venture_id, month::text from changed_rows) k;
     END IF;
     IF d IS NOT NULL THEN PERFORM kpi_refresh_venture_months(d, v, m); END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER kpi_reports_inserted AFTER INSERT ON monthly_reports
     REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_reports_changed()`,
  `CREATE TRIGGER kpi_reports_updated AFTER UPDATE ON monthly_reports
     REFERENCING OLD TABLE AS prior_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_reports_changed()`,
  `CREATE TRIGGER kpi_reports_deleted AFTER DELETE ON monthly_reports
     REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_reports_changed()`,

  `CREATE FUNCTION kpi_report_events_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE d uuid[]; v uuid[]; m text[];
   BEGIN
     SELECT array_agg(district_id), array_agg(venture_id), array_agg(month) INTO d, v, m
     FROM (select distinct r.district_id, r.venture_id, r.month::text
           from changed_rows ev join monthly_reports r on r.district_id = ev.district_id and r.report_id = ev.report_id
           where ev.action = 'submit') k;
     IF d IS NOT NULL THEN PERFORM kpi_refresh_venture_months(d, v, m); END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER kpi_report_events_inserted AFTER INSERT ON report_events
     REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_report_events_changed()`,
  `CREATE TRIGGER kpi_report_events_deleted AFTER DELETE ON report_events
     REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_report_events_changed()`,

  // a company's shareholdings split every report of its ventures
  `CREATE FUNCTION kpi_shareholdings_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE d uuid[]; v uuid[]; m text[];
   BEGIN
     IF TG_OP = 'UPDATE' THEN
       SELECT array_agg(district_id), array_agg(venture_id), array_agg(null::text) INTO d, v, m
       FROM (select distinct vn.district_id, vn.venture_id from ventures vn
             join (select district_id, company_id from changed_rows union select district_id, company_id from prior_rows) s
               on vn.district_id = s.district_id and vn.company_id = s.company_id) k;
     ELSE
       SELECT array_agg(district_id), array_agg(venture_id), array_agg(null::text) INTO d, v, m
       FROM (select distinct vn.district_id, vn.venture_id from ventures vn
             join changed_rows s on vn.district_id = s.district_id and vn.company_id = s.company_id) k;
     END IF;
     IF d IS NOT NULL THEN PERFORM kpi_refresh_venture_months(d, v, m); END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER kpi_shareholdings_inserted AFTER INSERT ON shareholdings
     REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_shareholdings_changed()`,
  `CREATE TRIGGER kpi_shareholdings_updated AFTER UPDATE ON shareholdings
     REFERENCING OLD TABLE AS prior_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_shareholdings_changed()`,
  `CREATE TRIGGER kpi_shareholdings_deleted AFTER DELETE ON shareholdings
     REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_shareholdings_changed()`,

  // a venture moved to another company (or none) splits its reports differently
  `CREATE FUNCTION kpi_ventures_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE d uuid[]; v uuid[]; m text[];
   BEGIN
     SELECT array_agg(district_id), array_agg(venture_id), array_agg(null::text) INTO d, v, m
     FROM (select distinct n.district_id, n.venture_id from changed_rows n
           join prior_rows o on o.district_id = n.district_id and o.venture_id = n.venture_id
           where o.company_id is distinct from n.company_id) k;
     IF d IS NOT NULL THEN PERFORM kpi_refresh_venture_months(d, v, m); END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER kpi_ventures_updated AFTER UPDATE ON ventures
     REFERENCING OLD TABLE AS prior_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_ventures_changed()`,

  `CREATE FUNCTION kpi_ledger_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE d uuid[]; f uuid[]; m text[];
   BEGIN
     -- an entry, and the reversals of it (a reversal takes the kind of what it reverses)
     SELECT array_agg(district_id), array_agg(fund_id), array_agg(month) INTO d, f, m
     FROM (select distinct district_id, fund_id, month::text from changed_rows
           union
           select e.district_id, e.fund_id, e.month::text from ledger_entries e
           join changed_rows c on e.district_id = c.district_id and e.reverses_entry_id = c.entry_id) k;
     IF d IS NOT NULL THEN PERFORM kpi_refresh_fund_months(d, f, m); END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER kpi_ledger_inserted AFTER INSERT ON ledger_entries
     REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_ledger_changed()`,
  `CREATE TRIGGER kpi_ledger_deleted AFTER DELETE ON ledger_entries
     REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_ledger_changed()`,
  `CREATE FUNCTION kpi_ledger_updated() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE d uuid[]; f uuid[]; m text[];
   BEGIN
     SELECT array_agg(district_id), array_agg(fund_id), array_agg(month) INTO d, f, m
     FROM (select district_id, fund_id, month::text from changed_rows
           union select district_id, fund_id, month::text from prior_rows
           union
           select e.district_id, e.fund_id, e.month::text from ledger_entries e
           join changed_rows c on e.district_id = c.district_id and e.reverses_entry_id = c.entry_id) k;
     IF d IS NOT NULL THEN PERFORM kpi_refresh_fund_months(d, f, m); END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER kpi_ledger_updated AFTER UPDATE ON ledger_entries
     REFERENCING OLD TABLE AS prior_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_ledger_updated()`,

  // a proposal's status and disclosure decide whether its payouts count as backed (a payout may be
  // written before its proposal row, as the seed does)
  `CREATE FUNCTION kpi_proposals_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE d uuid[]; f uuid[]; m text[];
   BEGIN
     SELECT array_agg(district_id), array_agg(fund_id), array_agg(month) INTO d, f, m
     FROM (select distinct e.district_id, e.fund_id, e.month::text from changed_rows p
           join ledger_entries e on e.district_id = p.district_id and e.proposal_id = p.proposal_id
           union
           select r.district_id, r.fund_id, r.month::text from changed_rows p
           join ledger_entries e on e.district_id = p.district_id and e.proposal_id = p.proposal_id
           join ledger_entries r on r.district_id = e.district_id and r.reverses_entry_id = e.entry_id) k;
     IF d IS NOT NULL THEN PERFORM kpi_refresh_fund_months(d, f, m); END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER kpi_proposals_inserted AFTER INSERT ON proposals
     REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_proposals_changed()`,
  `CREATE TRIGGER kpi_proposals_updated AFTER UPDATE ON proposals
     REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_proposals_changed()`,
  `CREATE TRIGGER kpi_proposals_deleted AFTER DELETE ON proposals
     REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpi_proposals_changed()`,
];

/**
 * Rollups of the rows already there. The migration runs as the tables' owner, which FORCE ROW LEVEL
 * SECURITY holds to policies written for the runtime role only (it would read nothing), so RLS is lifted
 * on the sources for this statement alone, inside the migration's transaction.
 */
const backfill: string[] = [
  ...SOURCES.map((t) => `ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY`),
  `ALTER TABLE kpi_venture_months NO FORCE ROW LEVEL SECURITY`,
  `ALTER TABLE kpi_fund_months NO FORCE ROW LEVEL SECURITY`,
  `INSERT INTO kpi_venture_months SELECT * FROM kpi_venture_month_facts`,
  `INSERT INTO kpi_fund_months SELECT * FROM kpi_fund_month_facts`,
  ...SOURCES.map((t) => `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`),
  `ALTER TABLE kpi_venture_months FORCE ROW LEVEL SECURITY`,
  `ALTER TABLE kpi_fund_months FORCE ROW LEVEL SECURITY`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [...statements, ...backfill]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'DROP TRIGGER IF EXISTS kpi_proposals_deleted ON proposals',
    'DROP TRIGGER IF EXISTS kpi_proposals_updated ON proposals',
    'DROP TRIGGER IF EXISTS kpi_proposals_inserted ON proposals',
    'DROP TRIGGER IF EXISTS kpi_ledger_updated ON ledger_entries',
    'DROP TRIGGER IF EXISTS kpi_ledger_deleted ON ledger_entries',
    'DROP TRIGGER IF EXISTS kpi_ledger_inserted ON ledger_entries',
    'DROP TRIGGER IF EXISTS kpi_ventures_updated ON ventures',
    'DROP TRIGGER IF EXISTS kpi_shareholdings_deleted ON shareholdings',
    'DROP TRIGGER IF EXISTS kpi_shareholdings_updated ON shareholdings',
    'DROP TRIGGER IF EXISTS kpi_shareholdings_inserted ON shareholdings',
    'DROP TRIGGER IF EXISTS kpi_report_events_deleted ON report_events',
    'DROP TRIGGER IF EXISTS kpi_report_events_inserted ON report_events',
    'DROP TRIGGER IF EXISTS kpi_reports_deleted ON monthly_reports',
    'DROP TRIGGER IF EXISTS kpi_reports_updated ON monthly_reports',
    'DROP TRIGGER IF EXISTS kpi_reports_inserted ON monthly_reports',
    'DROP FUNCTION IF EXISTS kpi_proposals_changed()',
    'DROP FUNCTION IF EXISTS kpi_ledger_updated()',
    'DROP FUNCTION IF EXISTS kpi_ledger_changed()',
    'DROP FUNCTION IF EXISTS kpi_ventures_changed()',
    'DROP FUNCTION IF EXISTS kpi_shareholdings_changed()',
    'DROP FUNCTION IF EXISTS kpi_report_events_changed()',
    'DROP FUNCTION IF EXISTS kpi_reports_changed()',
    'DROP FUNCTION IF EXISTS kpi_refresh_fund_months(uuid[], uuid[], text[])',
    'DROP FUNCTION IF EXISTS kpi_refresh_venture_months(uuid[], uuid[], text[])',
    'DROP TABLE IF EXISTS kpi_fund_months',
    'DROP TABLE IF EXISTS kpi_venture_months',
    'DROP VIEW IF EXISTS kpi_fund_month_facts',
    'DROP VIEW IF EXISTS kpi_venture_month_facts',
    'DROP FUNCTION IF EXISTS kpi_community_share(uuid, uuid, uuid, bigint)',
    'DROP INDEX IF EXISTS ventures_company_idx',
    'DROP INDEX IF EXISTS ledger_entries_proposal_idx',
    'DROP INDEX IF EXISTS ledger_entries_reverses_idx',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
