import { type Kysely, sql } from 'kysely';

/**
 * Reporting starts when a venture starts reporting on the platform (issue 12, item 4): a district's reporting start
 * month (the first month its ventures owe a report on the platform), which a venture may set for itself (one that
 * joined the platform later). A venture owes reports from the later of its own start and that month: the months
 * before it are not missing, they were never asked for. NULL: no such start (every month since the venture began,
 * as before). Columns only: the tables' RLS (0900, 1200) holds. Frozen once shipped.
 */
const MONTH = `'^[0-9]{4}-(0[1-9]|1[0-2])$'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['districts', 'ventures']) {
    await sql
      .raw(
        `ALTER TABLE ${table} ADD COLUMN reporting_start_month char(7) CHECK (reporting_start_month ~ ${MONTH})`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ventures', 'districts']) {
    await sql.raw(`ALTER TABLE ${table} DROP COLUMN IF EXISTS reporting_start_month`).execute(db);
  }
}
