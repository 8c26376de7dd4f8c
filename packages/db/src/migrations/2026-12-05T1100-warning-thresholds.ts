import { type Kysely, sql } from 'kysely';

/**
 * Warning thresholds are a district's own (issue 11, district settings): until now they were constants of the
 * domain (`WARNING_THRESHOLDS`). One column each on `districts`, NOT NULL with the constants' values as defaults,
 * so every district keeps exactly the warnings it had. The CHECKs repeat the domain's bounds
 * (`WARNING_THRESHOLD_LIMITS`) and its order of the steps (red at least as severe as amber), so no write that the
 * API did not validate can leave a district with thresholds its rules cannot use. Columns only: the districts
 * table's RLS (0900: read in the district, update by the district scope) holds. Frozen once shipped.
 */
const COLUMNS: ReadonlyArray<[name: string, definition: string]> = [
  [
    'warn_report_overdue_red_days',
    'smallint NOT NULL DEFAULT 15 CHECK (warn_report_overdue_red_days BETWEEN 1 AND 90)',
  ],
  ['warn_revenue_drop_bp', 'smallint NOT NULL DEFAULT 3000 CHECK (warn_revenue_drop_bp BETWEEN 1 AND 9999)'],
  [
    'warn_revenue_drop_red_bp',
    'smallint NOT NULL DEFAULT 5000 CHECK (warn_revenue_drop_red_bp BETWEEN 1 AND 9999)',
  ],
  ['warn_fund_idle_months', 'smallint NOT NULL DEFAULT 12 CHECK (warn_fund_idle_months BETWEEN 1 AND 120)'],
  [
    'warn_fund_idle_red_months',
    'smallint NOT NULL DEFAULT 24 CHECK (warn_fund_idle_red_months BETWEEN 1 AND 120)',
  ],
  [
    'warn_agreement_expiring_days',
    'smallint NOT NULL DEFAULT 90 CHECK (warn_agreement_expiring_days BETWEEN 1 AND 730)',
  ],
  [
    'warn_agreement_expiring_red_days',
    'smallint NOT NULL DEFAULT 30 CHECK (warn_agreement_expiring_red_days BETWEEN 0 AND 730)',
  ],
  [
    'warn_pledge_overdue_red_days',
    'smallint NOT NULL DEFAULT 90 CHECK (warn_pledge_overdue_red_days BETWEEN 1 AND 730)',
  ],
  [
    'warn_remittance_red_bp',
    'smallint NOT NULL DEFAULT 5000 CHECK (warn_remittance_red_bp BETWEEN 1 AND 10000)',
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE districts ${COLUMNS.map(([name, definition]) => `ADD COLUMN ${name} ${definition}`).join(', ')},
       ADD CONSTRAINT districts_warn_steps_ordered CHECK (
         warn_revenue_drop_red_bp >= warn_revenue_drop_bp
         AND warn_fund_idle_red_months >= warn_fund_idle_months
         AND warn_agreement_expiring_red_days <= warn_agreement_expiring_days)`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE districts DROP CONSTRAINT IF EXISTS districts_warn_steps_ordered, ${COLUMNS.map(
        ([name]) => `DROP COLUMN IF EXISTS ${name}`,
      ).join(', ')}`,
    )
    .execute(db);
}
