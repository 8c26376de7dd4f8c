import { type Kysely, sql } from 'kysely';

/**
 * The browser's reporting cycle (ADR 0010): a report keeps the reporter's explanations of flagged figures, the
 * plausibility flags found when it was last submitted, and the figures a reviewer named when returning it; a district
 * locks a month for one community or for all of them (report_period_locks). Frozen once shipped.
 *
 * Policies are written for gongfu_app as before; migrateToLatest derives the scope roles' from them (ADR 0007).
 */
const RUNTIME = 'gongfu_app';
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const D = uuidSetting('district_id');
const C = uuidSetting('community_id');
const P = uuidSetting('partner_id');
const KIND = setting('scope_kind');
const PARTNER_COMMUNITIES = `(select v.community_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${P})`;

/** every scope of the district reads the locks that concern it: district-wide ones and its community's */
const readLock = `district_id = ${D} AND (${KIND} = 'district' OR community_id IS NULL OR community_id = ${C} OR (${KIND} = 'partner' AND community_id IN ${PARTNER_COMMUNITIES}))`;
/** only the district locks a period */
const writeLock = `district_id = ${D} AND ${KIND} = 'district'`;

const statements: string[] = [
  `ALTER TABLE monthly_reports ADD COLUMN explanations jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(explanations) = 'object')`,
  `ALTER TABLE monthly_reports ADD COLUMN plausibility_flags jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(plausibility_flags) = 'array')`,
  `ALTER TABLE monthly_reports ADD COLUMN returned_fields jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(returned_fields) = 'array')`,

  // a lock closes a month for one community, or (community_id null) for every community of the district
  `CREATE TABLE report_period_locks (
     district_id uuid NOT NULL REFERENCES districts (district_id),
     lock_id uuid NOT NULL DEFAULT gen_random_uuid(),
     community_id uuid,
     month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
     locked_by uuid NOT NULL,
     locked_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, lock_id),
     FOREIGN KEY (district_id, community_id) REFERENCES communities (district_id, community_id)
   )`,
  // one lock per community and month, one district-wide lock per month (the district id leads: Citus-ready)
  `CREATE UNIQUE INDEX report_period_locks_once ON report_period_locks
     (district_id, month, coalesce(community_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
  'ALTER TABLE report_period_locks ENABLE ROW LEVEL SECURITY',
  'ALTER TABLE report_period_locks FORCE ROW LEVEL SECURITY',
  `CREATE POLICY report_period_locks_read ON report_period_locks FOR SELECT TO ${RUNTIME} USING (${readLock})`,
  `CREATE POLICY report_period_locks_insert ON report_period_locks FOR INSERT TO ${RUNTIME} WITH CHECK (${writeLock})`,
  // locks are history: added, never rewritten or removed by a request
  `GRANT SELECT, INSERT ON report_period_locks TO ${RUNTIME}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS report_period_locks').execute(db);
  for (const column of ['explanations', 'plausibility_flags', 'returned_fields']) {
    await sql.raw(`ALTER TABLE monthly_reports DROP COLUMN IF EXISTS ${column}`).execute(db);
  }
}
