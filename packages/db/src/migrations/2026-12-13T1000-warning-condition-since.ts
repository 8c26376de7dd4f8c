import { type Kysely, sql } from 'kysely';

/**
 * A warning knows when its condition began (`condition_since`; ADR 0040, "How long a warning has held"). Frozen
 * once shipped.
 *
 * The list said how long a warning had been open counted from `detected_at`: a fund idle since 2024-11, found by a
 * check today, read 已持续 今天. Each rule knows the day its condition began from the facts it already reads — a late
 * report its due date, a pledge its due date, an agreement the day it came within the district's window (not before
 * it started), an idle fund the month of its last outflow (else its first entry), a fall of revenue or a remittance
 * short of the minimum its month — and the check stores it beside `detected_at`. A month-known fact is dated on the
 * month's last day, as the rules date it (never overstating how long it held).
 *
 * Existing rows are dated here from what each stored: its period, the `dueDay` in its detail (else the district's
 * due day), the district's agreement window and the agreement's start; a kind this does not know keeps its detection
 * day. NOT NULL with the detection's own default (today, Shanghai), so a row written without it reads as before;
 * the API always writes it. A column only: the table's tenant column, primary key and RLS policies are unchanged,
 * and every UPDATE joins on district_id (the reference table `districts`, the co-located `operator_agreements`), as
 * Citus plans it (ADR 0027).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE warnings
              ADD COLUMN condition_since date NOT NULL DEFAULT ((now() AT TIME ZONE 'Asia/Shanghai')::date)`.execute(
    db,
  );
  await sql`UPDATE warnings SET condition_since = (detected_at AT TIME ZONE 'Asia/Shanghai')::date`.execute(
    db,
  );
  // a report's due date: the due day of the month after its month
  await sql`UPDATE warnings w
               SET condition_since = ((w.period || '-01')::date + interval '1 month')::date
                   + (coalesce(case when w.detail->>'dueDay' ~ '^[0-9]{1,2}$' then (w.detail->>'dueDay')::int end,
                               d.report_due_day) - 1)
              FROM districts d
             WHERE d.district_id = w.district_id
               AND w.kind = 'report_overdue' AND w.period ~ '^[0-9]{4}-[0-9]{2}$'`.execute(db);
  // a month-known fact: the month's last day
  await sql`UPDATE warnings
               SET condition_since = ((period || '-01')::date + interval '1 month' - interval '1 day')::date
             WHERE kind IN ('fund_idle', 'revenue_drop', 'remittance_below_minimum')
               AND period ~ '^[0-9]{4}-[0-9]{2}$'`.execute(db);
  // a pledge: its due date (the period)
  await sql`UPDATE warnings SET condition_since = period::date
             WHERE kind = 'pledge_overdue' AND period ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`.execute(db);
  // an agreement: the day it came within the window, not before it started nor after it was found
  await sql`UPDATE warnings w
               SET condition_since = least(greatest(w.period::date - d.warn_agreement_expiring_days, a.starts_on),
                                           (w.detected_at AT TIME ZONE 'Asia/Shanghai')::date)
              FROM districts d, operator_agreements a
             WHERE d.district_id = w.district_id
               AND a.district_id = w.district_id AND a.agreement_id = w.subject_id
               AND w.kind = 'agreement_expiring' AND w.period ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE warnings DROP COLUMN IF EXISTS condition_since`.execute(db);
}
