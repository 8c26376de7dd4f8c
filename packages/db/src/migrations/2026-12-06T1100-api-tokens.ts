import { type Kysely, sql } from 'kysely';

/**
 * API tokens for company systems (issue 15, ADR 0026). A token acts as its creator's membership — a community
 * admin's or a partner operator's — so every tenant policy it meets is that membership's: it never sees more than
 * its creator. Only SHA-256 of the secret is stored. Frozen once shipped.
 *
 * - `api_tokens` is a tenant table (district first, Citus-ready), RLS enabled and forced. The token check reads
 *   one row by `app.token_id` (the narrow `token` scope, like the session scope of ADR 0022); the community or
 *   partner that owns a token lists, creates and revokes it; the district reads and revokes its tokens.
 * - The token scope reaches the creator's user row and the one membership the token acts as, nothing else.
 * - `gongfu_token_check(token_id)` is the check as a function (security invoker: it reads under those policies),
 *   for the same reason as gongfu_session_check: a plan kept for the connection's life.
 * - audit_log gains `api_token_id` and `api_token_name`, filled by a trigger from `app.api_token_id` (set only by
 *   tenant.ts, for a token's request) — whatever the insert says, so no code path can forget or forge them.
 *
 * Policies are written for gongfu_app; migrateToLatest derives the scope roles'.
 */
const RUNTIME = 'gongfu_app';
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const D = uuidSetting('district_id');
const C = uuidSetting('community_id');
const P = uuidSetting('partner_id');
const U = uuidSetting('user_id');
const T = uuidSetting('token_id');
const KIND = setting('scope_kind');
const OWN = `district_id = ${D} AND (community_id = ${C} OR partner_id = ${P})`;

const statements: string[] = [
  `CREATE TABLE api_tokens (
     district_id uuid NOT NULL REFERENCES districts (district_id),
     token_id uuid NOT NULL DEFAULT gen_random_uuid(),
     -- the membership the token acts as: no foreign key, so removing the membership stays possible; the check
     -- then finds no membership and refuses the token
     membership_id uuid NOT NULL,
     created_by uuid NOT NULL REFERENCES users (user_id),
     community_id uuid,
     partner_id uuid,
     name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
     scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['report:write', 'report:read', 'register:read']),
     secret_hash bytea NOT NULL,
     expires_at timestamptz NOT NULL,
     last_used_at timestamptz,
     revoked_at timestamptz,
     revoked_by uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, token_id),
     FOREIGN KEY (district_id, community_id) REFERENCES communities (district_id, community_id),
     FOREIGN KEY (district_id, partner_id) REFERENCES partners (district_id, partner_id),
     CHECK ((community_id IS NULL) <> (partner_id IS NULL))
   )`,
  // the check finds a token by its id alone (the bearer string carries no district)
  'CREATE INDEX api_tokens_token_idx ON api_tokens (token_id)',
  'ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY',
  'ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY',
  `CREATE POLICY api_tokens_check ON api_tokens FOR SELECT TO ${RUNTIME} USING (token_id = ${T})`,
  `CREATE POLICY api_tokens_read ON api_tokens FOR SELECT TO ${RUNTIME} USING (district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR partner_id = ${P}))`,
  `CREATE POLICY api_tokens_insert ON api_tokens FOR INSERT TO ${RUNTIME} WITH CHECK (${OWN} AND created_by = ${U})`,
  `CREATE POLICY api_tokens_revoke ON api_tokens FOR UPDATE TO ${RUNTIME} USING (district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR partner_id = ${P})) WITH CHECK (district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR partner_id = ${P}))`,
  // the token's own check stamps its last use
  `CREATE POLICY api_tokens_touch ON api_tokens FOR UPDATE TO ${RUNTIME} USING (token_id = ${T}) WITH CHECK (token_id = ${T})`,
  `GRANT SELECT, INSERT, UPDATE (last_used_at, revoked_at, revoked_by) ON api_tokens TO ${RUNTIME}`,

  // the token scope reaches its creator and the one membership it acts as
  `CREATE POLICY memberships_token_read ON memberships FOR SELECT TO ${RUNTIME} USING (${KIND} = 'token' AND membership_id IN (select t.membership_id from api_tokens t where t.token_id = ${T}))`,
  `CREATE POLICY users_token_read ON users FOR SELECT TO ${RUNTIME} USING (${KIND} = 'token' AND user_id IN (select t.created_by from api_tokens t where t.token_id = ${T}))`,

  `CREATE FUNCTION gongfu_token_check(p_token_id uuid)
   RETURNS TABLE (
     secret_hash bytea, name text, scopes text[], expires_at timestamptz, revoked_at timestamptz,
     last_used_at timestamptz, user_id uuid, email text, display_name text, locale text, disabled_at timestamptz,
     membership_id uuid, role text, district_id uuid, community_id uuid, partner_id uuid
   )
   LANGUAGE plpgsql STABLE
   AS $$
   #variable_conflict use_column
   BEGIN
     RETURN QUERY
     SELECT t.secret_hash, t.name, t.scopes, t.expires_at, t.revoked_at, t.last_used_at,
            u.user_id, u.email, u.display_name, u.locale, u.disabled_at,
            m.membership_id, m.role, m.district_id, m.community_id, m.partner_id
     FROM public.api_tokens t
     JOIN public.users u ON u.user_id = t.created_by
     LEFT JOIN public.memberships m
       ON m.district_id = t.district_id AND m.membership_id = t.membership_id AND m.user_id = t.created_by
     WHERE t.token_id = p_token_id;
   END
   $$`,
  'REVOKE ALL ON FUNCTION gongfu_token_check(uuid) FROM PUBLIC',
  `GRANT EXECUTE ON FUNCTION gongfu_token_check(uuid) TO ${RUNTIME}`,

  'ALTER TABLE audit_log ADD COLUMN api_token_id uuid',
  'ALTER TABLE audit_log ADD COLUMN api_token_name text',
  `CREATE FUNCTION audit_log_api_token() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.api_token_id := nullif(current_setting('app.api_token_id', true), '')::uuid;
     NEW.api_token_name := NULL;
     IF NEW.api_token_id IS NOT NULL THEN
       NEW.api_token_name := (SELECT t.name FROM public.api_tokens t WHERE t.token_id = NEW.api_token_id);
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER audit_log_api_token BEFORE INSERT ON audit_log
     FOR EACH ROW EXECUTE FUNCTION audit_log_api_token()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'DROP TRIGGER IF EXISTS audit_log_api_token ON audit_log',
    'DROP FUNCTION IF EXISTS audit_log_api_token()',
    'ALTER TABLE audit_log DROP COLUMN IF EXISTS api_token_name',
    'ALTER TABLE audit_log DROP COLUMN IF EXISTS api_token_id',
    'DROP FUNCTION IF EXISTS gongfu_token_check(uuid)',
    'DROP POLICY IF EXISTS users_token_read ON users',
    'DROP POLICY IF EXISTS memberships_token_read ON memberships',
    'DROP TABLE IF EXISTS api_tokens',
  ])
    await sql.raw(statement).execute(db);
}
