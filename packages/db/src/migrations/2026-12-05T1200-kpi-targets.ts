import { type Kysely, sql } from 'kysely';

/**
 * Yearly KPI targets (issue 11, ADR 0017): one integer per district, community (NULL: the whole district), year and
 * KPI — fen for amounts, the KPI's unit for counts, basis points for rates. The API validates each KPI's bounds; the
 * CHECKs here keep any write within what the domain can read (a non-negative integer, a known year).
 *
 * Who: district scopes read and write their district's targets (the API lets only district admins write); a
 * community scope reads its own community's and the district's; a partner scope reads none. Frozen once shipped.
 * Policies are written for gongfu_app; migrateToLatest derives the scope roles' (ADR 0007).
 */
const RUNTIME = 'gongfu_app';
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const D = uuidSetting('district_id');
const C = uuidSetting('community_id');
const KIND = setting('scope_kind');

const read = `district_id = ${D} AND (${KIND} = 'district' OR (${KIND} = 'community' AND (community_id IS NULL OR community_id = ${C})))`;
const write = `district_id = ${D} AND ${KIND} = 'district'`;

const statements: string[] = [
  `CREATE TABLE kpi_targets (
     district_id uuid NOT NULL REFERENCES districts (district_id),
     target_id uuid NOT NULL DEFAULT gen_random_uuid(),
     community_id uuid,
     year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
     kpi text NOT NULL CHECK (kpi ~ '^[a-z][a-z0-9_]{0,63}$'),
     value bigint NOT NULL CHECK (value >= 0),
     version integer NOT NULL DEFAULT 1,
     updated_by uuid NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, target_id),
     FOREIGN KEY (district_id, community_id) REFERENCES communities (district_id, community_id)
   )`,
  // one target per KPI and year for the district, and one per community (the district id leads: Citus-ready)
  `CREATE UNIQUE INDEX kpi_targets_once ON kpi_targets
     (district_id, year, kpi, coalesce(community_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
  'ALTER TABLE kpi_targets ENABLE ROW LEVEL SECURITY',
  'ALTER TABLE kpi_targets FORCE ROW LEVEL SECURITY',
  `CREATE POLICY kpi_targets_read ON kpi_targets FOR SELECT TO ${RUNTIME} USING (${read})`,
  `CREATE POLICY kpi_targets_insert ON kpi_targets FOR INSERT TO ${RUNTIME} WITH CHECK (${write})`,
  `CREATE POLICY kpi_targets_update ON kpi_targets FOR UPDATE TO ${RUNTIME} USING (${write}) WITH CHECK (${write})`,
  `CREATE POLICY kpi_targets_delete ON kpi_targets FOR DELETE TO ${RUNTIME} USING (${write})`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON kpi_targets TO ${RUNTIME}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS kpi_targets').execute(db);
}
