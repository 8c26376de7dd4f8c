import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import type { ScopedTransaction } from '../tenant';

/**
 * The KPI rollups (migration 1400, ADR 0006) beside the views that define them. Triggers keep them in
 * step; these two functions are how that is checked and, should it ever be needed, repaired.
 */

export interface RollupDrift {
  /** rows of kpi_venture_months that differ from kpi_venture_month_facts, counting both directions */
  ventureMonths: number;
  fundMonths: number;
}

/**
 * How many rollup rows differ from what their view computes from the raw rows, in whatever the caller
 * can see (a scoped transaction under RLS, or the owner's connection in a test). 0 and 0 is in sync.
 */
export async function rollupDrift(db: Kysely<Database> | ScopedTransaction): Promise<RollupDrift> {
  const r = await sql<{ venture_months: number; fund_months: number }>`
    select
      (select count(*) from (
         (select * from kpi_venture_months except all select * from kpi_venture_month_facts)
         union all
         (select * from kpi_venture_month_facts except all select * from kpi_venture_months)
       ) d)::int as venture_months,
      (select count(*) from (
         (select * from kpi_fund_months except all select * from kpi_fund_month_facts)
         union all
         (select * from kpi_fund_month_facts except all select * from kpi_fund_months)
       ) d)::int as fund_months`.execute(db);
  const row = r.rows[0];
  return { ventureMonths: row?.venture_months ?? -1, fundMonths: row?.fund_months ?? -1 };
}

/** Recomputes a district's rollups from its raw rows, in the caller's (district-scope) transaction. */
export async function rebuildRollups(trx: ScopedTransaction, args: { districtId: string }) {
  const D = args.districtId;
  await sql`delete from kpi_venture_months where district_id = ${D}`.execute(trx);
  await sql`delete from kpi_fund_months where district_id = ${D}`.execute(trx);
  const ventures = await sql`insert into kpi_venture_months
    select * from kpi_venture_month_facts where district_id = ${D}`.execute(trx);
  const funds = await sql`insert into kpi_fund_months
    select * from kpi_fund_month_facts where district_id = ${D}`.execute(trx);
  return {
    ventureMonths: Number(ventures.numAffectedRows ?? 0n),
    fundMonths: Number(funds.numAffectedRows ?? 0n),
  };
}
