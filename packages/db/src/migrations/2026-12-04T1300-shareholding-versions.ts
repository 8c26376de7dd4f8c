import { type Kysely, sql } from 'kysely';

/**
 * Shareholdings have effective dates (issue 12, item 8): a company's shareholdings are versions, each in force
 * from a month (`effective_from`) to a month (`effective_to`, inclusive); the rows of one version share both.
 * A report's profit is split by the version in force in the report's month, so changing a shareholding adds a
 * version and never rewrites a month already reported.
 *
 * Existing rows stay valid as they are: a NULL `effective_from` means "since the company's start" (the first
 * version) and a NULL `effective_to` "still in force", so every row written before this migration is one
 * version in force in every month — the split of every existing report is unchanged and the rollups need no
 * recomputation.
 *
 * The KPI rollup's split (`kpi_community_share`, migration 1400) takes the month and reads only the version in
 * force then; the view is replaced with the same columns. Frozen once shipped.
 */
const MONTH = `'^[0-9]{4}-(0[1-9]|1[0-2])$'`;

/** 1400's split, and this migration's: the same largest-remainder rule, over the version in force in p_month */
function shareFunction(byMonth: boolean): string {
  return `CREATE FUNCTION kpi_community_share(p_district uuid, p_community uuid, p_company uuid,${byMonth ? ' p_month text,' : ''} p_profit bigint)
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
         where s.district_id = p_district and s.community_id = p_community and s.company_id = p_company${
           byMonth
             ? `
           and (s.effective_from is null or s.effective_from <= p_month)
           and (s.effective_to is null or s.effective_to >= p_month)`
             : ''
         }
       ) a
     ) b
   $$`;
}

/** 1400's view with the same columns; the split now asks for the report's month */
function factsView(byMonth: boolean): string {
  return `CREATE OR REPLACE VIEW kpi_venture_month_facts WITH (security_invoker = true) AS
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
               else coalesce(kpi_community_share(c.district_id, c.community_id, v.company_id,${byMonth ? ' g.month::text,' : ''}
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
     on v.district_id = g.district_id and v.community_id = g.community_id and v.venture_id = g.venture_id`;
}

const statements: string[] = [
  `ALTER TABLE shareholdings ADD COLUMN effective_from char(7) CHECK (effective_from ~ ${MONTH})`,
  `ALTER TABLE shareholdings ADD COLUMN effective_to char(7) CHECK (effective_to ~ ${MONTH})`,
  `ALTER TABLE shareholdings ADD CONSTRAINT shareholdings_effective_order
     CHECK (effective_from IS NULL OR effective_to IS NULL OR effective_from <= effective_to)`,
  // NULL when no version is in force in the month: the caller counts the profit as the community's
  shareFunction(true),
  factsView(true),
  'DROP FUNCTION kpi_community_share(uuid, uuid, uuid, bigint)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    shareFunction(false),
    factsView(false),
    'DROP FUNCTION kpi_community_share(uuid, uuid, uuid, text, bigint)',
    'ALTER TABLE shareholdings DROP CONSTRAINT IF EXISTS shareholdings_effective_order',
    'ALTER TABLE shareholdings DROP COLUMN IF EXISTS effective_to',
    'ALTER TABLE shareholdings DROP COLUMN IF EXISTS effective_from',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
