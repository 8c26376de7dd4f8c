import { type Kysely, sql } from 'kysely';

/**
 * An index for "which approved amendment supersedes this report" (issue 14's reports list). Frozen once shipped.
 *
 * Every list of reports answers each report's `superseded_by_id` (repositories/reports.ts selectReports): a subquery
 * on `later.district_id = report.district_id and later.amends_report_id = report.report_id`. No index led with
 * amends_report_id, so for each report of a page PostgreSQL walked the primary key's (district, community) range and
 * filtered — a community admin's latest 50 read 50 × 96 reports at the benchmark's small size (3,943 buffers, 1.6 ms
 * of the statement; 0.6 ms and 193 buffers with this index, 2026-12-05), and more with every month of history.
 * Partial: most reports amend nothing. district_id leads, as every index of a distributed table's does (Citus, ADR
 * 0027); CREATE INDEX on the coordinator reaches the shards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX monthly_reports_amends_idx ON monthly_reports (district_id, amends_report_id)
            WHERE amends_report_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS monthly_reports_amends_idx`.execute(db);
}
