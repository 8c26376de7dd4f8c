import { type Kysely, sql } from 'kysely';

/**
 * A bulk write may defer the KPI roll-up refresh of monthly reports to its COMMIT (issue 15: a 5,000-row workbook
 * import, ADR 0023's Performance section). Frozen once shipped.
 *
 * The statement triggers of monthly_reports and report_events (migration 2026-11-28T1400, ADR 0006) refresh the
 * keys each statement touched: one set-based statement planned for a few keys, which for K keys of a district with
 * R reports costs about K × R. An import writes 5,000 reports in 500-row slices, then their submit events: each
 * slice paid 500 × 5,000.
 *
 * - **The setting.** With the transaction-local `gongfu.kpi_defer = 'on'` (set_config(…, true): it ends with the
 *   transaction), the statement triggers skip their refresh. Clients never run SQL; only the import sets it, inside
 *   its own transaction (workbook-import.ts).
 * - **The refresh cannot be skipped.** Whatever sets the setting, every row written while it is on queues a
 *   deferred constraint trigger (its WHEN is evaluated when the row is written), and those fire at COMMIT, after
 *   every statement: each recomputes its report's community × month from the view — one DELETE and one INSERT …
 *   SELECT narrowed by district, community and month, linear in the month's reports (without nested loops: the
 *   planner, without statistics of the rows just written, estimates one report and joined the month's ventures by a
 *   nested loop, 5,000 × 2,500 rows compared, 3.2 s against 31 ms hashed on PostgreSQL) — unless that key was already
 *   recomputed at this commit (`gongfu.kpi_refreshed`, transaction-local). Every statement written in deferred mode
 *   clears that list, so a `SET CONSTRAINTS … IMMEDIATE` in the middle cannot leave a later write unrefreshed. A
 *   report's old and new keys both count (an update may move nothing today, but the trigger does not rely on it).
 * - **Under RLS as before.** The functions are SECURITY INVOKER: at COMMIT the transaction's role is still the
 *   request's scope role, so the refresh reads and writes only what that scope may (as the statement triggers did).
 *
 * Citus: kpi_report_events_changed is rewritten in infra/citus/functions.sql; it honours the setting there too.
 *
 * And one policy in the form Citus keeps (ADR 0027, citus-rules.test.ts): `users_insert_home` (migration
 * 2026-12-05T1000) was AS RESTRICTIVE, which Citus rebuilds on shards as permissive (ORed with `users_insert`: a
 * district could have created an account homed in another district there). Folded into the permissive
 * `users_insert`: (kind IN ('district', 'platform')) AND (kind <> 'district' OR home = D) is the same rows as
 * (kind = 'district' AND home = D) OR kind = 'platform'. The scope roles' copies follow (migrate.ts derives them
 * again after the migrations).
 */

const DEFERRED = `current_setting('gongfu.kpi_defer', true) = 'on'`;
const KIND = "current_setting('app.scope_kind', true)";
const D = "(NULLIF(current_setting('app.district_id', true), ''))::uuid";

const statements = [
  // the refresh of one community × month, once per key at a commit
  `CREATE FUNCTION kpi_refresh_community_month(p_district uuid, p_community uuid, p_month text)
   RETURNS void LANGUAGE plpgsql SECURITY INVOKER SET enable_nestloop = off AS $$
   DECLARE key text := p_district::text || '/' || p_community::text || '/' || p_month || ';';
   BEGIN
     IF position(key IN coalesce(current_setting('gongfu.kpi_refreshed', true), '')) > 0 THEN RETURN; END IF;
     DELETE FROM kpi_venture_months t
      WHERE t.district_id = p_district AND t.community_id = p_community AND t.month = p_month;
     INSERT INTO kpi_venture_months
     SELECT f.* FROM kpi_venture_month_facts f
      WHERE f.district_id = p_district AND f.community_id = p_community AND f.month = p_month;
     PERFORM set_config('gongfu.kpi_refreshed', coalesce(current_setting('gongfu.kpi_refreshed', true), '') || key,
                        true);
   END $$`,
  `CREATE FUNCTION kpi_deferred_refresh() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE r record; rd uuid; rid uuid;
   BEGIN
     IF TG_TABLE_NAME = 'report_events' THEN
       IF TG_OP = 'DELETE' THEN rd := OLD.district_id; rid := OLD.report_id;
       ELSE rd := NEW.district_id; rid := NEW.report_id;
       END IF;
       FOR r IN SELECT mr.district_id, mr.community_id, mr.month::text AS month FROM monthly_reports mr
                 WHERE mr.district_id = rd AND mr.report_id = rid
       LOOP
         PERFORM kpi_refresh_community_month(r.district_id, r.community_id, r.month);
       END LOOP;
     ELSE
       IF TG_OP <> 'INSERT' THEN
         PERFORM kpi_refresh_community_month(OLD.district_id, OLD.community_id, OLD.month::text);
       END IF;
       IF TG_OP <> 'DELETE' THEN
         PERFORM kpi_refresh_community_month(NEW.district_id, NEW.community_id, NEW.month::text);
       END IF;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE CONSTRAINT TRIGGER kpi_reports_deferred AFTER INSERT OR UPDATE OR DELETE ON monthly_reports
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${DEFERRED}) EXECUTE FUNCTION kpi_deferred_refresh()`,
  `CREATE CONSTRAINT TRIGGER kpi_report_events_deferred AFTER INSERT OR DELETE ON report_events
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${DEFERRED}) EXECUTE FUNCTION kpi_deferred_refresh()`,

  // the statement triggers: skip while deferred, and forget what a commit already recomputed
  `CREATE OR REPLACE FUNCTION kpi_reports_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE d uuid[]; v uuid[]; m text[];
   BEGIN
     IF ${DEFERRED} THEN
       PERFORM set_config('gongfu.kpi_refreshed', '', true);
       RETURN NULL;
     END IF;
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
  `CREATE OR REPLACE FUNCTION kpi_report_events_changed() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   DECLARE d uuid[]; v uuid[]; m text[];
   BEGIN
     IF ${DEFERRED} THEN
       PERFORM set_config('gongfu.kpi_refreshed', '', true);
       RETURN NULL;
     END IF;
     SELECT array_agg(district_id), array_agg(venture_id), array_agg(month) INTO d, v, m
     FROM (select distinct r.district_id, r.venture_id, r.month::text
           from changed_rows ev join monthly_reports r on r.district_id = ev.district_id and r.report_id = ev.report_id
           where ev.action = 'submit') k;
     IF d IS NOT NULL THEN PERFORM kpi_refresh_venture_months(d, v, m); END IF;
     RETURN NULL;
   END $$`,

  // users: one permissive insert policy instead of a permissive and a restrictive one
  'DROP POLICY users_insert_home ON users',
  `ALTER POLICY users_insert ON users
     WITH CHECK ((${KIND} = 'district' AND home_district_id = ${D}) OR ${KIND} = 'platform')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `ALTER POLICY users_insert ON users WITH CHECK (${KIND} IN ('district', 'platform'))`,
    `CREATE POLICY users_insert_home ON users AS RESTRICTIVE FOR INSERT TO gongfu_app
       WITH CHECK (${KIND} <> 'district' OR home_district_id = ${D})`,
    'DROP TRIGGER IF EXISTS kpi_report_events_deferred ON report_events',
    'DROP TRIGGER IF EXISTS kpi_reports_deferred ON monthly_reports',
    'DROP FUNCTION IF EXISTS kpi_deferred_refresh()',
    'DROP FUNCTION IF EXISTS kpi_refresh_community_month(uuid, uuid, text)',
  ])
    await sql.raw(statement).execute(db);
}
