import { type Kysely, sql } from 'kysely';

/**
 * A monthly report's attachments (ADR 0041): the invoices, photos of the books and scanned minutes that back its
 * figures. Frozen once shipped.
 *
 * A tenant table like monthly_reports: district and community lead the key (Citus-ready, ADR 0027), RLS enabled and
 * forced, the venture rule of reports (a partner operator reaches the attachments of the ventures it operates; a
 * token for one venture, that venture's — migration 2026-12-07T1000). The bytes live in the row (`bytea`, stored out
 * of line by TOAST, so listing a report's attachments without `content` reads none of them): one place to back up
 * and to isolate, no file store beside the database to keep in step. Added and removed only while the report can
 * be edited; the service holds the report's row (FOR SHARE) while it checks that, so a submission cannot slip
 * between the check and the write. A removal is a DELETE: a draft's file was never part of anything reviewed; the
 * audit log keeps its name, size and hash.
 *
 * Policies are written for gongfu_app in the usual form; migrateToLatest rewrites them for Citus and derives the
 * scope roles'.
 */
const RUNTIME = 'gongfu_app';
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const D = uuidSetting('district_id');
const C = uuidSetting('community_id');
const P = uuidSetting('partner_id');
const KIND = setting('scope_kind');
const PARTNER_VENTURES = `(select v.venture_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${P})`;
// as migration 2026-12-07T1000 ANDed into every venture-keyed table's policies
const NIL = "'00000000-0000-0000-0000-000000000000'::uuid";
const ALL = "'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid";
const V = "(NULLIF(current_setting('app.venture_id', true), ''))::uuid";
const ONE_VENTURE = `(current_setting('app.scope_kind', true) = 'district' OR venture_id BETWEEN coalesce(${V}, ${NIL}) AND coalesce(${V}, ${ALL}))`;
const venture = `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR (${KIND} = 'partner' AND venture_id IN ${PARTNER_VENTURES})) AND ${ONE_VENTURE}`;

const statements: string[] = [
  `CREATE TABLE report_attachments (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     attachment_id uuid NOT NULL DEFAULT gen_random_uuid(),
     report_id uuid NOT NULL,
     venture_id uuid NOT NULL,
     file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 120),
     kind text NOT NULL CHECK (kind IN ('pdf', 'image', 'word', 'excel')),
     media_type text NOT NULL,
     byte_size integer NOT NULL CHECK (byte_size BETWEEN 1 AND 10485760),
     sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
     content bytea NOT NULL,
     uploaded_by uuid NOT NULL,
     uploaded_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, attachment_id),
     -- the same file twice on one report is one file
     UNIQUE (district_id, community_id, report_id, sha256),
     CHECK (octet_length(content) = byte_size),
     FOREIGN KEY (district_id, community_id, venture_id) REFERENCES ventures (district_id, community_id, venture_id),
     FOREIGN KEY (district_id, community_id, report_id) REFERENCES monthly_reports (district_id, community_id, report_id)
   )`,
  // the bytes are stored as they came: compressing a JPEG or a PDF again gains nothing and costs CPU on every write
  'ALTER TABLE report_attachments ALTER COLUMN content SET STORAGE EXTERNAL',
  'ALTER TABLE report_attachments ENABLE ROW LEVEL SECURITY',
  'ALTER TABLE report_attachments FORCE ROW LEVEL SECURITY',
  `CREATE POLICY report_attachments_read ON report_attachments FOR SELECT TO ${RUNTIME} USING (${venture})`,
  `CREATE POLICY report_attachments_insert ON report_attachments FOR INSERT TO ${RUNTIME} WITH CHECK (${venture})`,
  `CREATE POLICY report_attachments_delete ON report_attachments FOR DELETE TO ${RUNTIME} USING (${venture})`,
  `GRANT SELECT, INSERT, DELETE ON report_attachments TO ${RUNTIME}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS report_attachments').execute(db);
}
