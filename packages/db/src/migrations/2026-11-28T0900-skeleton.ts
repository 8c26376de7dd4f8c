import { type Kysely, sql } from 'kysely';

/**
 * The walking skeleton's tables: the tenant hierarchy, identity, sessions and the audit log, each with
 * its grants and row-level security policies. Frozen: never edit after it has shipped; add a migration.
 *
 * Scope comes from transaction-local settings set by the one tenant-transaction function
 * (packages/db/src/tenant.ts). Each is read once per statement through `(select …)`, and every policy
 * fails closed: an unset setting reads '' (or NULL), '' becomes NULL, and `x = NULL` is never true.
 */
const RUNTIME = 'gongfu_app';

const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const D = uuidSetting('district_id');
const C = uuidSetting('community_id');
const P = uuidSetting('partner_id');
const U = uuidSetting('user_id');
const KIND = setting('scope_kind');
/** the user of the session being checked (identity step before any membership is known) */
const SESSION_USER = `(select s.user_id from sessions s where s.session_id = ${setting('session_id')})`;

/** Rows of a community: the district sees all, the community its own, a partner the communities it operates in. */
const communityVisible = (communityColumn: string) =>
  `district_id = ${D} AND (${KIND} = 'district' OR ${communityColumn} = ${C} OR (${KIND} = 'partner' AND ${communityColumn} IN (select v.community_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${P})))`;

function protect(table: string): string[] {
  return [`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`, `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`];
}

function policy(table: string, name: string, command: string, using: string | null, check: string | null) {
  return `CREATE POLICY ${name} ON ${table} FOR ${command} TO ${RUNTIME}${using ? ` USING (${using})` : ''}${
    check ? ` WITH CHECK (${check})` : ''
  }`;
}

const statements: string[] = [
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${RUNTIME}') THEN
       CREATE ROLE ${RUNTIME} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
     END IF;
   END $$`,
  `GRANT USAGE ON SCHEMA public TO ${RUNTIME}`,

  // ── districts: the customer. Its own id is its tenant column.
  `CREATE TABLE districts (
     district_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     name text NOT NULL CHECK (length(trim(name)) > 0),
     admin_code text CHECK (admin_code ~ '^[0-9]{6,12}$'),
     report_due_day smallint NOT NULL DEFAULT 10 CHECK (report_due_day BETWEEN 1 AND 28),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  ...protect('districts'),
  policy('districts', 'districts_read', 'SELECT', `district_id = ${D} OR ${KIND} = 'platform'`, null),
  policy('districts', 'districts_insert', 'INSERT', null, `${KIND} = 'platform'`),
  policy(
    'districts',
    'districts_update',
    'UPDATE',
    `district_id = ${D} AND ${KIND} = 'district'`,
    `district_id = ${D} AND ${KIND} = 'district'`,
  ),
  `GRANT SELECT, INSERT, UPDATE ON districts TO ${RUNTIME}`,

  // ── street offices: district-level grouping.
  `CREATE TABLE street_offices (
     district_id uuid NOT NULL REFERENCES districts (district_id),
     street_office_id uuid NOT NULL DEFAULT gen_random_uuid(),
     name text NOT NULL CHECK (length(trim(name)) > 0),
     admin_code text CHECK (admin_code ~ '^[0-9]{9,12}$'),
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, street_office_id),
     UNIQUE (district_id, name)
   )`,
  ...protect('street_offices'),
  policy('street_offices', 'street_offices_read', 'SELECT', `district_id = ${D}`, null),
  policy(
    'street_offices',
    'street_offices_write',
    'ALL',
    `district_id = ${D} AND ${KIND} = 'district'`,
    `district_id = ${D} AND ${KIND} = 'district'`,
  ),
  `GRANT SELECT, INSERT, UPDATE, DELETE ON street_offices TO ${RUNTIME}`,

  // ── communities: the tenant unit.
  `CREATE TABLE communities (
     district_id uuid NOT NULL REFERENCES districts (district_id),
     community_id uuid NOT NULL DEFAULT gen_random_uuid(),
     street_office_id uuid,
     name text NOT NULL CHECK (length(trim(name)) > 0),
     admin_code text CHECK (admin_code ~ '^[0-9]{12}$'),
     kind text NOT NULL DEFAULT 'urban' CHECK (kind IN ('urban', 'converted_from_rural')),
     converted_year smallint CHECK (converted_year BETWEEN 1949 AND 2100),
     founded_on date,
     population integer CHECK (population >= 0),
     households integer CHECK (households >= 0),
     households_with_seniors integer CHECK (households_with_seniors >= 0),
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id),
     UNIQUE (district_id, name),
     UNIQUE (district_id, admin_code),
     FOREIGN KEY (district_id, street_office_id) REFERENCES street_offices (district_id, street_office_id)
   )`,
  `CREATE INDEX communities_street_office_idx ON communities (district_id, street_office_id)`,
  ...protect('communities'),
  policy('communities', 'communities_insert', 'INSERT', null, `district_id = ${D} AND ${KIND} = 'district'`),
  policy(
    'communities',
    'communities_update',
    'UPDATE',
    `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C})`,
    `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C})`,
  ),
  policy('communities', 'communities_delete', 'DELETE', `district_id = ${D} AND ${KIND} = 'district'`, null),
  `GRANT SELECT, INSERT, UPDATE, DELETE ON communities TO ${RUNTIME}`,

  // ── partners: district-level (SOEs, incubators, enterprises, associations…).
  `CREATE TABLE partners (
     district_id uuid NOT NULL REFERENCES districts (district_id),
     partner_id uuid NOT NULL DEFAULT gen_random_uuid(),
     name text NOT NULL CHECK (length(trim(name)) > 0),
     kind text NOT NULL CHECK (kind IN ('soe', 'incubator', 'enterprise', 'association', 'social_org', 'government_dept')),
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, partner_id),
     UNIQUE (district_id, name)
   )`,
  ...protect('partners'),
  policy('partners', 'partners_read', 'SELECT', `district_id = ${D}`, null),
  policy(
    'partners',
    'partners_write',
    'ALL',
    `district_id = ${D} AND ${KIND} = 'district'`,
    `district_id = ${D} AND ${KIND} = 'district'`,
  ),
  `GRANT SELECT, INSERT, UPDATE, DELETE ON partners TO ${RUNTIME}`,

  // ── ventures: what a community runs; a partner operator sees only the ventures it operates.
  `CREATE TABLE ventures (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     venture_id uuid NOT NULL DEFAULT gen_random_uuid(),
     name text NOT NULL CHECK (length(trim(name)) > 0),
     category text NOT NULL,
     operator_partner_id uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, venture_id),
     UNIQUE (district_id, venture_id),
     FOREIGN KEY (district_id, community_id) REFERENCES communities (district_id, community_id),
     FOREIGN KEY (district_id, operator_partner_id) REFERENCES partners (district_id, partner_id)
   )`,
  `CREATE INDEX ventures_operator_idx ON ventures (district_id, operator_partner_id)`,
  ...protect('ventures'),
  policy(
    'ventures',
    'ventures_read',
    'SELECT',
    `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR (${KIND} = 'partner' AND operator_partner_id = ${P}))`,
    null,
  ),
  policy(
    'ventures',
    'ventures_write',
    'ALL',
    `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C})`,
    `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C})`,
  ),
  `GRANT SELECT, INSERT, UPDATE, DELETE ON ventures TO ${RUNTIME}`,
  // communities are read through ventures for partners, so this policy comes after that table
  policy('communities', 'communities_read', 'SELECT', communityVisible('community_id'), null),

  // ── users: global identities. A user sees itself; login looks one up by the email being tried;
  // district admins see the users that hold a membership in their district.
  `CREATE TABLE users (
     user_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
     display_name text NOT NULL,
     password_hash text NOT NULL,
     locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
     disabled_at timestamptz,
     password_changed_at timestamptz NOT NULL DEFAULT now(),
     created_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (email)
   )`,
  // ── sessions: only a hash of the secret is stored. Reachable by the session id being checked, or by its user.
  `CREATE TABLE sessions (
     session_id text PRIMARY KEY CHECK (length(session_id) >= 20),
     secret_hash bytea NOT NULL,
     user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     absolute_expires_at timestamptz NOT NULL
   )`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
  ...protect('sessions'),
  policy(
    'sessions',
    'sessions_own',
    'ALL',
    `session_id = ${setting('session_id')} OR user_id = ${U}`,
    `session_id = ${setting('session_id')} OR user_id = ${U}`,
  ),
  `GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO ${RUNTIME}`,

  `CREATE TABLE platform_admins (
     user_id uuid PRIMARY KEY REFERENCES users (user_id),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  ...protect('platform_admins'),
  policy(
    'platform_admins',
    'platform_admins_read',
    'SELECT',
    `user_id = ${U} OR user_id IN ${SESSION_USER}`,
    null,
  ),
  // only the platform scope appoints platform admins (the first one comes from the seed or the CLI)
  policy('platform_admins', 'platform_admins_insert', 'INSERT', null, `${KIND} = 'platform'`),
  `GRANT SELECT, INSERT ON platform_admins TO ${RUNTIME}`,

  // ── memberships: (role, district, optional community, optional partner).
  `CREATE TABLE memberships (
     district_id uuid NOT NULL REFERENCES districts (district_id),
     membership_id uuid NOT NULL DEFAULT gen_random_uuid(),
     user_id uuid NOT NULL REFERENCES users (user_id),
     role text NOT NULL CHECK (role IN ('district_admin', 'district_viewer', 'community_admin', 'community_reporter', 'partner_operator')),
     community_id uuid,
     partner_id uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, membership_id),
     FOREIGN KEY (district_id, community_id) REFERENCES communities (district_id, community_id),
     FOREIGN KEY (district_id, partner_id) REFERENCES partners (district_id, partner_id),
     -- the shape of a membership follows its role
     CHECK (
       (role IN ('district_admin', 'district_viewer') AND community_id IS NULL AND partner_id IS NULL) OR
       (role IN ('community_admin', 'community_reporter') AND community_id IS NOT NULL AND partner_id IS NULL) OR
       (role = 'partner_operator' AND partner_id IS NOT NULL AND community_id IS NULL)
     )
   )`,
  `CREATE UNIQUE INDEX memberships_unique_idx ON memberships (district_id, user_id, role, coalesce(community_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(partner_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
  `CREATE INDEX memberships_user_idx ON memberships (user_id)`,
  ...protect('memberships'),
  policy(
    'memberships',
    'memberships_read',
    'SELECT',
    `user_id = ${U} OR user_id IN ${SESSION_USER} OR (district_id = ${D} AND ${KIND} = 'district')`,
    null,
  ),
  policy(
    'memberships',
    'memberships_write',
    'ALL',
    `district_id = ${D} AND ${KIND} = 'district'`,
    `district_id = ${D} AND ${KIND} = 'district'`,
  ),
  // the platform operator appoints a district's first admins, nothing else
  policy(
    'memberships',
    'memberships_platform_insert',
    'INSERT',
    null,
    `${KIND} = 'platform' AND role = 'district_admin'`,
  ),
  `GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO ${RUNTIME}`,

  // users' policies come after memberships and sessions, which they read
  ...protect('users'),
  policy(
    'users',
    'users_read',
    'SELECT',
    `user_id = ${U} OR user_id IN ${SESSION_USER} OR email = ${setting('login_email')} OR (${KIND} = 'district' AND user_id IN (select m.user_id from memberships m where m.district_id = ${D}))`,
    null,
  ),
  policy('users', 'users_update_self', 'UPDATE', `user_id = ${U}`, `user_id = ${U}`),
  policy('users', 'users_insert', 'INSERT', null, `${KIND} IN ('district', 'platform')`),
  `GRANT SELECT, INSERT, UPDATE (display_name, password_hash, locale, password_changed_at, disabled_at) ON users TO ${RUNTIME}`,

  // ── audit log: append-only. The runtime role may insert and read in scope, never update or delete.
  `CREATE TABLE audit_log (
     district_id uuid NOT NULL REFERENCES districts (district_id),
     audit_id uuid NOT NULL DEFAULT gen_random_uuid(),
     community_id uuid,
     actor_user_id uuid,
     action text NOT NULL,
     entity_type text NOT NULL,
     entity_id text,
     before jsonb,
     after jsonb,
     request_id text,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, audit_id)
   )`,
  `CREATE INDEX audit_log_community_idx ON audit_log (district_id, community_id, created_at)`,
  ...protect('audit_log'),
  policy(
    'audit_log',
    'audit_log_read',
    'SELECT',
    `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C})`,
    null,
  ),
  policy(
    'audit_log',
    'audit_log_append',
    'INSERT',
    null,
    `(district_id = ${D} AND (${KIND} IN ('district', 'partner') OR community_id = ${C})) OR ${KIND} = 'platform'`,
  ),
  `GRANT SELECT, INSERT ON audit_log TO ${RUNTIME}`,
  // Even the owner cannot rewrite history without dropping this trigger first.
  `CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
   END $$`,
  `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
     FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'sessions',
    'memberships',
    'platform_admins',
    'users',
    'ventures',
    'partners',
    'communities',
    'street_offices',
    'districts',
  ]) {
    await sql.raw(`DROP TABLE IF EXISTS ${table} CASCADE`).execute(db);
  }
  await sql.raw('DROP FUNCTION IF EXISTS audit_log_is_append_only()').execute(db);
}
