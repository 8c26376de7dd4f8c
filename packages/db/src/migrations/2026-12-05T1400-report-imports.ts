import { type Kysely, sql } from 'kysely';

/**
 * Excel in (issue 15): which rows of which uploaded file became which report. One row per file (its SHA-256),
 * venture, month and mode (draft or submit): importing the same file again in the same mode finds its rows here and
 * changes nothing. Frozen once shipped.
 *
 * A tenant table like monthly_reports: district and community lead the key (Citus-ready), RLS enabled and forced,
 * the venture rule of reports (a partner operator reaches the rows of the ventures it operates). Written once, never
 * changed: no UPDATE or DELETE grant. Policies are written for gongfu_app; migrateToLatest derives the scope roles'.
 */
const RUNTIME = 'gongfu_app';
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const D = uuidSetting('district_id');
const C = uuidSetting('community_id');
const P = uuidSetting('partner_id');
const KIND = setting('scope_kind');
const PARTNER_VENTURES = `(select v.venture_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${P})`;
const venture = `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR (${KIND} = 'partner' AND venture_id IN ${PARTNER_VENTURES}))`;

const statements: string[] = [
  `CREATE TABLE report_imports (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     file_hash char(64) NOT NULL CHECK (file_hash ~ '^[0-9a-f]{64}$'),
     venture_id uuid NOT NULL,
     month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
     mode text NOT NULL CHECK (mode IN ('draft', 'submit')),
     report_id uuid NOT NULL,
     imported_by uuid NOT NULL,
     imported_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, file_hash, venture_id, month, mode),
     FOREIGN KEY (district_id, community_id, venture_id) REFERENCES ventures (district_id, community_id, venture_id),
     FOREIGN KEY (district_id, community_id, report_id) REFERENCES monthly_reports (district_id, community_id, report_id)
   )`,
  // a file is looked up by its hash within the district (the scope filter adds the community or partner)
  'CREATE INDEX report_imports_file_idx ON report_imports (district_id, file_hash)',
  'ALTER TABLE report_imports ENABLE ROW LEVEL SECURITY',
  'ALTER TABLE report_imports FORCE ROW LEVEL SECURITY',
  `CREATE POLICY report_imports_read ON report_imports FOR SELECT TO ${RUNTIME} USING (${venture})`,
  `CREATE POLICY report_imports_insert ON report_imports FOR INSERT TO ${RUNTIME} WITH CHECK (${venture})`,
  `GRANT SELECT, INSERT ON report_imports TO ${RUNTIME}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS report_imports').execute(db);
}
