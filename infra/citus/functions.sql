-- The KPI roll-up functions in the form Citus runs (ADR 0006, ADR 0027). Run on the coordinator after
-- distribute.sql (infra/citus/database.sh distribute and the test harness do both); idempotent. Citus propagates
-- CREATE OR REPLACE FUNCTION to the workers.
--
-- On PostgreSQL and PGlite the migrations' functions stay as they are (set-based: one statement joins the
-- transition table with the raw tables, one DELETE … USING unnest(…) and one INSERT … SELECT refresh every key).
-- On Citus the statement triggers fire on a shard, on a worker, and each statement of the trigger function is
-- planned there again as a distributed query. Citus cannot plan two of the migrations' forms:
--   * a distributed table joined with a transition table ("could not run distributed query with complex table
--     expressions");
--   * a function in the FROM clause of a modification (DELETE … USING unnest(…): "Functions must not appear in the
--     FROM clause of a distributed modifications").
-- And a trigger on a shard may only run tasks on its own node (multi_executor.c, IsTaskExecutionAllowed: remote
-- tasks are refused in triggers), so every statement on a tenant table names its district by a value and goes to
-- that district's shard group — co-located, on the same node as the shard whose trigger fired.
--
-- So here the same functions (same names, arguments and results, hence the same triggers) read their keys from the
-- transition tables alone, into arrays; then, per district, they read what else they need with
-- `district_id = dd AND … = ANY (array)`, and refresh with
--   DELETE FROM rollup WHERE district_id = dd AND key = ANY (keys) [AND month = ANY (months)]
--   INSERT INTO rollup SELECT * FROM view WHERE (the same)
-- The months are matched as a cross product of the keys and months of the district: a few more rows may be
-- recomputed than changed, each to exactly what its view says, so the result is the same as the migrations'.
-- Triggers that read only their transition tables (kpi_reports_changed, kpi_ventures_changed) stay as they are, and
-- so do the deferred refresh of migration 2026-12-08T1000 (kpi_deferred_refresh, kpi_refresh_community_month: one
-- report's district by value, no transition table).
-- kpi-rollups.test.ts and the API's KPI brute-force test run on the cluster (.ci/run, stage "Citus").

-- ── refresh: recompute the given keys from the views (a NULL month: every month of the venture/fund)
CREATE OR REPLACE FUNCTION kpi_refresh_venture_months(p_district uuid[], p_venture uuid[], p_month text[])
RETURNS void LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  dd uuid;
  whole uuid[];  -- ventures recomputed in every month
  partial uuid[];   -- ventures recomputed in the months below
  months bpchar[];
BEGIN
  FOR dd IN SELECT DISTINCT k.d FROM unnest(p_district) k(d) LOOP
    SELECT array_agg(DISTINCT k.v) FILTER (WHERE k.m IS NULL),
           array_agg(DISTINCT k.v) FILTER (WHERE k.m IS NOT NULL),
           array_agg(DISTINCT k.m::bpchar) FILTER (WHERE k.m IS NOT NULL)
      INTO whole, partial, months
      FROM unnest(p_district, p_venture, p_month) k(d, v, m)
     WHERE k.d = dd;
    IF whole IS NOT NULL THEN
      DELETE FROM kpi_venture_months WHERE district_id = dd AND venture_id = ANY (whole);
      INSERT INTO kpi_venture_months
        SELECT * FROM kpi_venture_month_facts WHERE district_id = dd AND venture_id = ANY (whole);
    END IF;
    IF partial IS NOT NULL THEN
      DELETE FROM kpi_venture_months
       WHERE district_id = dd AND venture_id = ANY (partial) AND month = ANY (months);
      INSERT INTO kpi_venture_months
        SELECT * FROM kpi_venture_month_facts
         WHERE district_id = dd AND venture_id = ANY (partial) AND month = ANY (months);
    END IF;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION kpi_refresh_fund_months(p_district uuid[], p_fund uuid[], p_month text[])
RETURNS void LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  dd uuid;
  whole uuid[];  -- funds recomputed in every month
  partial uuid[];   -- funds recomputed in the months below
  months bpchar[];
BEGIN
  FOR dd IN SELECT DISTINCT k.d FROM unnest(p_district) k(d) LOOP
    SELECT array_agg(DISTINCT k.f) FILTER (WHERE k.m IS NULL),
           array_agg(DISTINCT k.f) FILTER (WHERE k.m IS NOT NULL),
           array_agg(DISTINCT k.m::bpchar) FILTER (WHERE k.m IS NOT NULL)
      INTO whole, partial, months
      FROM unnest(p_district, p_fund, p_month) k(d, f, m)
     WHERE k.d = dd;
    IF whole IS NOT NULL THEN
      DELETE FROM kpi_fund_months WHERE district_id = dd AND fund_id = ANY (whole);
      INSERT INTO kpi_fund_months
        SELECT * FROM kpi_fund_month_facts WHERE district_id = dd AND fund_id = ANY (whole);
    END IF;
    IF partial IS NOT NULL THEN
      DELETE FROM kpi_fund_months
       WHERE district_id = dd AND fund_id = ANY (partial) AND month = ANY (months);
      INSERT INTO kpi_fund_months
        SELECT * FROM kpi_fund_month_facts
         WHERE district_id = dd AND fund_id = ANY (partial) AND month = ANY (months);
    END IF;
  END LOOP;
END $$;

-- ── a first submission: the months of the submitted reports
CREATE OR REPLACE FUNCTION kpi_report_events_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  dd uuid;
  report_ids uuid[];
  d uuid[]; v uuid[]; m text[];
BEGIN
  -- a bulk write deferring the refresh to its COMMIT (migration 2026-12-08T1000, kpi_deferred_refresh)
  IF current_setting('gongfu.kpi_defer', true) = 'on' THEN
    PERFORM set_config('gongfu.kpi_refreshed', '', true);
    RETURN NULL;
  END IF;
  FOR dd, report_ids IN
    SELECT ev.district_id, array_agg(DISTINCT ev.report_id) FROM changed_rows ev
     WHERE ev.action = 'submit' GROUP BY ev.district_id
  LOOP
    SELECT array_agg(r.district_id), array_agg(r.venture_id), array_agg(r.month) INTO d, v, m
      FROM (SELECT DISTINCT district_id, venture_id, month::text AS month FROM monthly_reports
             WHERE district_id = dd AND report_id = ANY (report_ids)) r;
    IF d IS NOT NULL THEN PERFORM kpi_refresh_venture_months(d, v, m); END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- ── a company's shareholdings split every report of its ventures
CREATE OR REPLACE FUNCTION kpi_shareholdings_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  kd uuid[]; kc uuid[];
  dd uuid;
  companies uuid[];
  d uuid[]; v uuid[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(k.district_id), array_agg(k.company_id) INTO kd, kc
      FROM (SELECT district_id, company_id FROM changed_rows
            UNION SELECT district_id, company_id FROM prior_rows) k;
  ELSE
    SELECT array_agg(k.district_id), array_agg(k.company_id) INTO kd, kc
      FROM (SELECT DISTINCT district_id, company_id FROM changed_rows) k;
  END IF;
  FOR dd IN SELECT DISTINCT x FROM unnest(kd) x LOOP
    companies := ARRAY(SELECT c FROM unnest(kd, kc) u(x, c) WHERE u.x = dd);
    SELECT array_agg(vn.district_id), array_agg(vn.venture_id) INTO d, v
      FROM (SELECT DISTINCT district_id, venture_id FROM ventures
             WHERE district_id = dd AND company_id = ANY (companies)) vn;
    IF d IS NOT NULL THEN
      PERFORM kpi_refresh_venture_months(d, v, array_fill(NULL::text, ARRAY[cardinality(d)]));
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- ── the ledger: an entry, and the reversals of it (a reversal takes the kind of what it reverses)
CREATE OR REPLACE FUNCTION kpi_ledger_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  d uuid[]; f uuid[]; m text[]; e uuid[];
  dd uuid;
  entries uuid[];
  rd uuid[]; rf uuid[]; rm text[];
BEGIN
  SELECT array_agg(district_id), array_agg(fund_id), array_agg(month::text), array_agg(entry_id)
    INTO d, f, m, e FROM changed_rows;
  FOR dd IN SELECT DISTINCT x FROM unnest(d) x LOOP
    entries := ARRAY(SELECT y FROM unnest(d, e) u(x, y) WHERE u.x = dd);
    SELECT array_agg(r.district_id), array_agg(r.fund_id), array_agg(r.month::text) INTO rd, rf, rm
      FROM ledger_entries r WHERE r.district_id = dd AND r.reverses_entry_id = ANY (entries);
    IF rd IS NOT NULL THEN d := d || rd; f := f || rf; m := m || rm; END IF;
  END LOOP;
  IF d IS NOT NULL THEN PERFORM kpi_refresh_fund_months(d, f, m); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION kpi_ledger_updated() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  d uuid[]; f uuid[]; m text[]; e uuid[];
  od uuid[]; of_ uuid[]; om text[];
  dd uuid;
  entries uuid[];
  rd uuid[]; rf uuid[]; rm text[];
BEGIN
  SELECT array_agg(district_id), array_agg(fund_id), array_agg(month::text), array_agg(entry_id)
    INTO d, f, m, e FROM changed_rows;
  FOR dd IN SELECT DISTINCT x FROM unnest(d) x LOOP
    entries := ARRAY(SELECT y FROM unnest(d, e) u(x, y) WHERE u.x = dd);
    SELECT array_agg(r.district_id), array_agg(r.fund_id), array_agg(r.month::text) INTO rd, rf, rm
      FROM ledger_entries r WHERE r.district_id = dd AND r.reverses_entry_id = ANY (entries);
    IF rd IS NOT NULL THEN d := d || rd; f := f || rf; m := m || rm; END IF;
  END LOOP;
  SELECT array_agg(district_id), array_agg(fund_id), array_agg(month::text) INTO od, of_, om FROM prior_rows;
  IF od IS NOT NULL THEN d := coalesce(d, '{}') || od; f := coalesce(f, '{}') || of_; m := coalesce(m, '{}') || om; END IF;
  IF d IS NOT NULL THEN PERFORM kpi_refresh_fund_months(d, f, m); END IF;
  RETURN NULL;
END $$;

-- ── a proposal's status and disclosure decide whether its payouts (and their reversals) count as backed
CREATE OR REPLACE FUNCTION kpi_proposals_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  dd uuid;
  proposal_ids uuid[];
  d uuid[]; f uuid[]; m text[];
BEGIN
  FOR dd, proposal_ids IN
    SELECT p.district_id, array_agg(DISTINCT p.proposal_id) FROM changed_rows p GROUP BY p.district_id
  LOOP
    SELECT array_agg(k.district_id), array_agg(k.fund_id), array_agg(k.month) INTO d, f, m
      FROM (SELECT e.district_id, e.fund_id, e.month::text AS month FROM ledger_entries e
             WHERE e.district_id = dd AND e.proposal_id = ANY (proposal_ids)
            UNION
            SELECT r.district_id, r.fund_id, r.month::text FROM ledger_entries e
              JOIN ledger_entries r ON r.district_id = e.district_id AND r.reverses_entry_id = e.entry_id
             WHERE e.district_id = dd AND r.district_id = dd AND e.proposal_id = ANY (proposal_ids)) k;
    IF d IS NOT NULL THEN PERFORM kpi_refresh_fund_months(d, f, m); END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- ── the API token's name on an audit row (migration 2026-12-06T1100): the token is looked up in the audit row's
-- district (a token acts in its creator's membership, so in that district), which is a task on this node; by
-- token_id alone it would be a task on every node, which a trigger on a shard may not run
CREATE OR REPLACE FUNCTION audit_log_api_token() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.api_token_id := nullif(current_setting('app.api_token_id', true), '')::uuid;
  NEW.api_token_name := NULL;
  IF NEW.api_token_id IS NOT NULL THEN
    NEW.api_token_name := (SELECT t.name FROM public.api_tokens t
                           WHERE t.district_id = NEW.district_id AND t.token_id = NEW.api_token_id);
  END IF;
  RETURN NEW;
END $$;

-- ── a report's community income (migration 2026-12-04T1300's kpi_community_share), the same query in PL/pgSQL:
-- Citus cannot plan a SQL function's query that uses the function's parameters ("could not create distributed
-- plan … parameters in SQL functions"); a PL/pgSQL variable is a parameter it prunes with, to the district's shard.
CREATE OR REPLACE FUNCTION kpi_community_share(p_district uuid, p_community uuid, p_company uuid, p_month text,
                                               p_profit bigint)
RETURNS bigint LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
BEGIN
  RETURN (
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
          and (s.effective_from is null or s.effective_from <= p_month)
          and (s.effective_to is null or s.effective_to >= p_month)
      ) a
    ) b);
END $$;

-- ── the session check (ADR 0022; migration 2026-12-06T1000's gongfu_session_check), the same row: the session's
-- user first, then its platform admin row or membership by that user, then the session and user with it. Citus
-- cannot plan the original's LEFT JOIN LATERAL from the session (a reference table) into memberships ("cannot
-- perform a lateral outer join when a distributed subquery references a reference table").
CREATE OR REPLACE FUNCTION gongfu_session_check(p_session_id text, p_membership_id uuid)
RETURNS TABLE (
  secret_hash bytea, user_id uuid, expires_at timestamptz, absolute_expires_at timestamptz,
  email text, display_name text, locale text, disabled_at timestamptz,
  membership_id uuid, role text, district_id uuid, community_id uuid, partner_id uuid,
  must_change_password boolean
)
LANGUAGE plpgsql STABLE
AS $$
#variable_conflict use_column
DECLARE
  su uuid;
  mm record;
BEGIN
  SELECT s.user_id INTO su FROM public.sessions s WHERE s.session_id = p_session_id;
  IF su IS NULL THEN RETURN; END IF;
  SELECT x.* INTO mm FROM (
    SELECT p.user_id AS membership_id, 'platform_admin'::text AS role, NULL::uuid AS district_id,
           NULL::uuid AS community_id, NULL::uuid AS partner_id, 0 AS rank, NULL::timestamptz AS created_at
    FROM public.platform_admins p
    WHERE p.user_id = su AND (p_membership_id IS NULL OR p.user_id = p_membership_id)
    UNION ALL
    SELECT ms.membership_id, ms.role, ms.district_id, ms.community_id, ms.partner_id, 1, ms.created_at
    FROM public.memberships ms
    WHERE ms.user_id = su AND (p_membership_id IS NULL OR ms.membership_id = p_membership_id)
  ) x
  ORDER BY 6, 7, 1
  LIMIT 1;
  RETURN QUERY
  SELECT s.secret_hash, s.user_id, s.expires_at, s.absolute_expires_at,
         u.email, u.display_name, u.locale, u.disabled_at,
         mm.membership_id::uuid, mm.role::text, mm.district_id::uuid, mm.community_id::uuid, mm.partner_id::uuid,
         u.must_change_password
  FROM public.sessions s
  JOIN public.users u ON u.user_id = s.user_id
  WHERE s.session_id = p_session_id;
END
$$;

-- ── the venture roll-up's view (migration 2026-12-04T1300's kpi_venture_month_facts) with the same columns and
-- rows: a report's first submission is read from a grouped join of report_events instead of a correlated
-- subquery. With the subquery Citus plans even one district's read of the view on all 32 shards (its router
-- planner cannot prune the correlated report_events), and a trigger on a shard may not run remote tasks; with the
-- join, `district_id = …` on the view is a one-task router plan, on the district's node.
CREATE OR REPLACE VIEW kpi_venture_month_facts WITH (security_invoker = true) AS
 SELECT g.district_id,
    g.community_id,
    g.venture_id,
    g.month,
    c.report_id IS NOT NULL AS counted,
    COALESCE(c.revenue_fen, 0::bigint) AS revenue_fen,
    COALESCE(c.operating_cost_fen, 0::bigint) AS operating_cost_fen,
    COALESCE(c.stable_jobs, 0) AS stable_jobs,
    COALESCE(c.residents_served, 0) AS residents_served,
    COALESCE(c.service_transactions, 0) AS service_transactions,
    COALESCE(c.service_requests, 0) AS service_requests,
    COALESCE(c.requests_within_promise, 0) AS requests_within_promise,
    COALESCE(c.remittance_received_fen, 0::bigint) AS remittance_received_fen,
        CASE
            WHEN c.report_id IS NULL THEN 0::bigint
            ELSE COALESCE(kpi_community_share(c.district_id, c.community_id, v.company_id, g.month::text, c.revenue_fen - c.operating_cost_fen), c.revenue_fen - c.operating_cost_fen) + c.remittance_received_fen
        END AS income_fen,
    g.first_submitted_at,
    g.latest_status,
    g.has_approved
   FROM ( SELECT r.district_id,
            r.community_id,
            r.venture_id,
            r.month,
            min(COALESCE(s.first_submit, r.submitted_at)) AS first_submitted_at,
            (array_agg(r.status ORDER BY r.revision DESC))[1] AS latest_status,
            bool_or(r.status = ANY (ARRAY['approved'::text, 'locked'::text])) AS has_approved,
            (array_agg(r.report_id ORDER BY r.revision DESC) FILTER (WHERE r.status = ANY (ARRAY['approved'::text, 'locked'::text])))[1] AS counted_report_id
           FROM monthly_reports r
             LEFT JOIN ( SELECT ev.district_id, ev.report_id, min(ev.created_at) AS first_submit
                   FROM report_events ev
                  WHERE ev.action = 'submit'::text
                  GROUP BY ev.district_id, ev.report_id) s ON s.district_id = r.district_id AND s.report_id = r.report_id
          GROUP BY r.district_id, r.community_id, r.venture_id, r.month) g
     LEFT JOIN monthly_reports c ON c.district_id = g.district_id AND c.report_id = g.counted_report_id
     LEFT JOIN ventures v ON v.district_id = g.district_id AND v.community_id = g.community_id AND v.venture_id = g.venture_id;

-- ── the fund roll-up's view (migration 2026-12-04T1400's kpi_fund_month_facts) with the same columns and rows: the
-- ledger entries are read through a subquery grouped by every column it passes on (a no-op: the primary key is
-- among them) before the outer joins to the reversed entry and the proposal. Why: each of the three tables carries
-- the policy's `district_id = <setting>`, and the joins pair district_id. PostgreSQL 15 does not merge a constant
-- below an outer join into its equivalence class ("not as constant as they look", equivclass.c), so from the
-- entries' constant and the nullable side's own it derives `<setting> = <setting>`, a pseudoconstant qual; and
-- Citus refuses an outer join in any query with a pseudoconstant qual on PostgreSQL 15 and 16 ("Distributed
-- queries with outer joins and pseudoconstant quals are not supported", recursive_planning.c). A read without
-- a district filter (no scope, a district scope's own count) failed so. Behind the grouped subquery the entries'
-- policy is the subquery's, and no constant reaches the outer joins. A filter on any of the view's columns still
-- goes into the subquery (all are grouping columns): one district's read stays a one-task router plan.
CREATE OR REPLACE VIEW kpi_fund_month_facts WITH (security_invoker = true) AS
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
                     and p.disclosure_ends_on < coalesce(o.paid_on, e.paid_on), false) as backed
     from (select l.district_id, l.community_id, l.entry_id, l.fund_id, l.month, l.kind, l.direction, l.amount_fen,
                  l.source_type, l.reverses_entry_id, l.proposal_id, l.paid_on
             from ledger_entries l
            group by l.district_id, l.community_id, l.entry_id, l.fund_id, l.month, l.kind, l.direction,
                     l.amount_fen, l.source_type, l.reverses_entry_id, l.proposal_id, l.paid_on) e
     left join ledger_entries o
       on o.district_id = e.district_id and o.community_id = e.community_id and o.entry_id = e.reverses_entry_id
     left join proposals p
       on p.district_id = e.district_id and p.community_id = e.community_id
      and p.proposal_id = coalesce(e.proposal_id, o.proposal_id)
   ) x
   group by x.district_id, x.community_id, x.fund_id, x.month;

-- ── the views' privileges. A view created while its tables were still local stays on the coordinator; Citus creates
-- it on the workers when its tables are distributed, without its GRANTs — and a worker then refuses the runtime
-- roles the roll-up triggers' reads ("permission denied for view kpi_venture_month_facts"). Each view's grants are
-- given again: a GRANT on a distributed view reaches every node.
DO $$
DECLARE g record;
BEGIN
  FOR g IN
    SELECT c.oid::regclass AS view, a.privilege_type AS privilege, a.grantee::regrole AS grantee
    FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v' AND a.grantee <> c.relowner AND a.grantee <> 0
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                      AND e.deptype = 'e')
  LOOP
    EXECUTE format('GRANT %s ON %s TO %s', g.privilege, g.view, g.grantee);
  END LOOP;
END $$;

-- ── the policies' lookups (migration 2026-12-06T1200), same answers: an empty array when the scope has no such
-- setting — without reading anything, so a district or community scope never runs the partner lookup — and
-- otherwise the same query with the settings read into variables first. Citus evaluates such a call before it
-- sends a modification to its shard, and a query whose district is a variable goes to that district's shard
-- (`district_id = current_setting(…)` in the query itself cannot be pruned: it would run on every node).
-- Whether this node is a worker that holds no shard of the district: then no row of any of its shards can pass a
-- policy's `district_id = app.district_id`, and a lookup of the district's rows can answer '{}' without a remote
-- read (a read whose district has no district filter runs on every shard; a remote read from within a task is
-- refused). Fail-closed either way: '{}' grants nothing. On the coordinator (group 0) it is never so.
CREATE OR REPLACE FUNCTION gongfu_citus_district_elsewhere(dd uuid) RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT (SELECT groupid FROM pg_dist_local_group) <> 0
     AND NOT EXISTS (SELECT 1 FROM pg_dist_placement p
                     WHERE p.shardid = get_shard_id_for_distribution_column('ventures', dd)
                       AND p.groupid = (SELECT groupid FROM pg_dist_local_group))
$f$;

CREATE OR REPLACE FUNCTION gongfu_partner_community_ids() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  dd uuid := nullif(current_setting('app.district_id', true), '')::uuid;
  pp uuid := nullif(current_setting('app.partner_id', true), '')::uuid;
BEGIN
  IF dd IS NULL OR pp IS NULL OR gongfu_citus_district_elsewhere(dd) THEN RETURN '{}'; END IF;
  RETURN (SELECT coalesce(array_agg(v.community_id), '{}') FROM public.ventures v
          WHERE v.district_id = dd AND v.operator_partner_id = pp);
END $$;

CREATE OR REPLACE FUNCTION gongfu_partner_venture_ids() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  dd uuid := nullif(current_setting('app.district_id', true), '')::uuid;
  pp uuid := nullif(current_setting('app.partner_id', true), '')::uuid;
BEGIN
  IF dd IS NULL OR pp IS NULL OR gongfu_citus_district_elsewhere(dd) THEN RETURN '{}'; END IF;
  RETURN (SELECT coalesce(array_agg(v.venture_id), '{}') FROM public.ventures v
          WHERE v.district_id = dd AND v.operator_partner_id = pp);
END $$;

CREATE OR REPLACE FUNCTION gongfu_session_user_ids() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  ss text := nullif(current_setting('app.session_id', true), '');
BEGIN
  IF ss IS NULL THEN RETURN '{}'; END IF;
  RETURN (SELECT coalesce(array_agg(s.user_id), '{}') FROM public.sessions s WHERE s.session_id = ss);
END $$;

CREATE OR REPLACE FUNCTION gongfu_district_member_ids() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  dd uuid := nullif(current_setting('app.district_id', true), '')::uuid;
BEGIN
  IF dd IS NULL OR gongfu_citus_district_elsewhere(dd) THEN RETURN '{}'; END IF;
  RETURN (SELECT coalesce(array_agg(m.user_id), '{}') FROM public.memberships m WHERE m.district_id = dd);
END $$;

-- The token scope's lookups (its creator, the membership it acts as) read the token in its district,
-- app.token_district_id, which the token check below sets after finding the token: by token_id alone the read
-- would go to every shard, and on a worker, from within a task, Citus refuses that ("the backend has already been
-- assigned a transaction id"). Without that setting they answer '{}' (fail-closed). The district only narrows the
-- read: a token acts in its creator's membership, which is in the token's district.
CREATE OR REPLACE FUNCTION gongfu_token_membership_ids() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  tt uuid := nullif(current_setting('app.token_id', true), '')::uuid;
  td uuid := nullif(current_setting('app.token_district_id', true), '')::uuid;
BEGIN
  IF tt IS NULL OR td IS NULL OR gongfu_citus_district_elsewhere(td) THEN RETURN '{}'; END IF;
  RETURN (SELECT coalesce(array_agg(t.membership_id), '{}') FROM public.api_tokens t
          WHERE t.district_id = td AND t.token_id = tt);
END $$;

CREATE OR REPLACE FUNCTION gongfu_token_creator_ids() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  tt uuid := nullif(current_setting('app.token_id', true), '')::uuid;
  td uuid := nullif(current_setting('app.token_district_id', true), '')::uuid;
BEGIN
  IF tt IS NULL OR td IS NULL OR gongfu_citus_district_elsewhere(td) THEN RETURN '{}'; END IF;
  RETURN (SELECT coalesce(array_agg(t.created_by), '{}') FROM public.api_tokens t
          WHERE t.district_id = td AND t.token_id = tt);
END $$;

-- ── the API token check (migration 2026-12-07T1000's gongfu_token_check), the same row: the token's district
-- first (by token_id alone: a read of every shard, from the coordinator, under the token policy
-- `token_id = app.token_id`, which calls no lookup), then `SET LOCAL app.token_district_id` — a SET LOCAL run
-- here is sent by Citus to the transaction's worker connections and replayed on those it opens later, which
-- set_config() is not — and then the original query in that district: one shard group, where the lookups above
-- read locally. VOLATILE, as a function that runs SET must be.
CREATE OR REPLACE FUNCTION gongfu_token_check(p_token_id uuid)
RETURNS TABLE (
  secret_hash bytea, name text, scopes text[], expires_at timestamptz, revoked_at timestamptz,
  last_used_at timestamptz, user_id uuid, email text, display_name text, locale text, disabled_at timestamptz,
  membership_id uuid, role text, district_id uuid, community_id uuid, partner_id uuid, venture_id uuid
)
LANGUAGE plpgsql VOLATILE
AS $$
#variable_conflict use_column
DECLARE
  td uuid;
BEGIN
  SELECT t.district_id INTO td FROM public.api_tokens t WHERE t.token_id = p_token_id;
  IF td IS NULL THEN RETURN; END IF;
  EXECUTE format('SET LOCAL app.token_district_id = %L', td);
  RETURN QUERY
  SELECT t.secret_hash, t.name, t.scopes, t.expires_at, t.revoked_at, t.last_used_at,
         u.user_id, u.email, u.display_name, u.locale, u.disabled_at,
         m.membership_id, m.role, m.district_id, m.community_id, m.partner_id, t.venture_id
  FROM public.api_tokens t
  JOIN public.users u ON u.user_id = t.created_by
  LEFT JOIN public.memberships m
    ON m.district_id = t.district_id AND m.membership_id = t.membership_id AND m.user_id = t.created_by
  WHERE t.district_id = td AND t.token_id = p_token_id;
END
$$;

-- ── functions that a query on a shard calls, and that read a table themselves: the policies' lookups (the
-- partner's ventures, the session's user, the district's members, the API token's membership and creator:
-- migration 2026-12-06T1200) and the views' split of a profit (kpi_community_share). On a worker such a read is a
-- distributed query inside a task, which Citus refuses ("cannot execute a distributed query from a query on a
-- shard") unless citus.allow_nested_distributed_execution is on. It is turned on for these functions alone, as
-- their own setting: each reads rows of the caller's district (app.district_id, or the district of the row it
-- splits) or a reference table, which live on the same node as the shard being read, so the nested read is a
-- local task in the same transaction and sees what it has written. The list comes from the catalog: every function
-- of ours that a policy or a view depends on.
DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN
    SELECT DISTINCT p.oid::regprocedure FROM pg_depend d
    JOIN pg_proc p ON p.oid = d.refobjid AND d.refclassid = 'pg_proc'::regclass
    WHERE d.classid IN ('pg_policy'::regclass, 'pg_rewrite'::regclass)
      AND p.pronamespace = 'public'::regnamespace
      AND p.prolang IN (SELECT l.oid FROM pg_language l WHERE l.lanname IN ('sql', 'plpgsql'))
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid
                      AND e.deptype = 'e')
  LOOP
    EXECUTE format('ALTER FUNCTION %s SET citus.allow_nested_distributed_execution = on', f);
  END LOOP;
END $$;
