import { type Kysely, sql } from 'kysely';
import * as sessionCheck from './2026-12-05T1500-session-check';

/**
 * Security events and the forced password change (issue 13 "Audit", issue 11, ADR 0025). Frozen once shipped.
 *
 * - `security_events`: logins (success and each kind of failure), logouts and a user's own password change. A
 *   failed login may name no account, so these rows are no tenant's own: `district_id` is the account's home
 *   district when the account is known (a trigger fills it from `users`, whatever the insert says), else null.
 *   Never a password or token; the address attempted, the IP as the server sees it, the user agent truncated.
 *   Written in the login scope (any outcome) or the user's own scope (its own events only); read by the district
 *   scope (its district's rows) and the platform scope (rows of no district: unknown addresses, platform
 *   accounts — the platform sees no district's data); never updated. The login scope prunes rows older
 *   than 90 days (and may SELECT exactly those, as the login throttle's prune needs: a DELETE's WHERE is read
 *   under SELECT policies).
 * - `users.must_change_password`: set when an admin creates an account or resets its password (the initial
 *   password was shown to someone else); cleared by the user's own change. The session check returns it, so
 *   every authenticated request can refuse until the change is made.
 */
const RUNTIME = 'gongfu_app';
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const KIND = setting('scope_kind');
const D = uuidSetting('district_id');
const U = uuidSetting('user_id');
const EXPIRED = `${KIND} = 'login' AND occurred_at < now() - interval '90 days'`;

const statements: string[] = [
  `CREATE TABLE security_events (
     event_id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
     occurred_at timestamptz NOT NULL DEFAULT now(),
     kind text NOT NULL CHECK (kind IN ('login', 'logout', 'password_change')),
     outcome text NOT NULL CHECK (outcome IN ('success', 'wrong_password', 'unknown_account', 'throttled', 'disabled')),
     email text NOT NULL CHECK (char_length(email) <= 320),
     user_id uuid REFERENCES users (user_id),
     district_id uuid REFERENCES districts (district_id),
     address text NOT NULL CHECK (char_length(address) <= 100),
     user_agent text NOT NULL DEFAULT '' CHECK (char_length(user_agent) <= 200)
   )`,
  'CREATE INDEX security_events_district_idx ON security_events (district_id, occurred_at DESC)',
  'CREATE INDEX security_events_time_idx ON security_events (occurred_at)',
  `CREATE FUNCTION security_events_district() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.district_id := NULL;
     IF NEW.user_id IS NOT NULL THEN
       NEW.district_id := (SELECT u.home_district_id FROM public.users u WHERE u.user_id = NEW.user_id);
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER security_events_district BEFORE INSERT ON security_events
     FOR EACH ROW EXECUTE FUNCTION security_events_district()`,
  'ALTER TABLE security_events ENABLE ROW LEVEL SECURITY',
  'ALTER TABLE security_events FORCE ROW LEVEL SECURITY',
  `CREATE POLICY security_events_append ON security_events FOR INSERT TO ${RUNTIME}
     WITH CHECK (${KIND} = 'login' OR (${KIND} = 'user' AND user_id = ${U}))`,
  `CREATE POLICY security_events_read ON security_events FOR SELECT TO ${RUNTIME}
     USING ((${KIND} = 'district' AND district_id = ${D}) OR (${KIND} = 'platform' AND district_id IS NULL))`,
  `CREATE POLICY security_events_expired_read ON security_events FOR SELECT TO ${RUNTIME} USING (${EXPIRED})`,
  `CREATE POLICY security_events_prune ON security_events FOR DELETE TO ${RUNTIME} USING (${EXPIRED})`,
  `GRANT SELECT, INSERT, DELETE ON security_events TO ${RUNTIME}`,

  'ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false',
  `GRANT UPDATE (must_change_password) ON users TO ${RUNTIME}`,

  // the session check returns the flag too (a new column changes the result type: drop and create)
  'DROP FUNCTION gongfu_session_check(text, uuid)',
  `CREATE FUNCTION gongfu_session_check(p_session_id text, p_membership_id uuid)
   RETURNS TABLE (
     secret_hash bytea, user_id uuid, expires_at timestamptz, absolute_expires_at timestamptz,
     email text, display_name text, locale text, disabled_at timestamptz,
     membership_id uuid, role text, district_id uuid, community_id uuid, partner_id uuid,
     must_change_password boolean
   )
   LANGUAGE plpgsql STABLE
   AS $$
   #variable_conflict use_column
   BEGIN
     RETURN QUERY
     SELECT s.secret_hash, s.user_id, s.expires_at, s.absolute_expires_at,
            u.email, u.display_name, u.locale, u.disabled_at,
            m.membership_id, m.role, m.district_id, m.community_id, m.partner_id,
            u.must_change_password
     FROM public.sessions s
     JOIN public.users u ON u.user_id = s.user_id
     LEFT JOIN LATERAL (
       SELECT p.user_id AS membership_id, 'platform_admin'::text AS role, NULL::uuid AS district_id,
              NULL::uuid AS community_id, NULL::uuid AS partner_id, 0 AS rank, NULL::timestamptz AS created_at
       FROM public.platform_admins p
       WHERE p.user_id = s.user_id AND (p_membership_id IS NULL OR p.user_id = p_membership_id)
       UNION ALL
       SELECT ms.membership_id, ms.role, ms.district_id, ms.community_id, ms.partner_id, 1, ms.created_at
       FROM public.memberships ms
       WHERE ms.user_id = s.user_id AND (p_membership_id IS NULL OR ms.membership_id = p_membership_id)
       ORDER BY 6, 7, 1
       LIMIT 1
     ) m ON true
     WHERE s.session_id = p_session_id;
   END
   $$`,
  'REVOKE ALL ON FUNCTION gongfu_session_check(text, uuid) FROM PUBLIC',
  `GRANT EXECUTE ON FUNCTION gongfu_session_check(text, uuid) TO ${RUNTIME}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS security_events`.execute(db);
  await sql`DROP FUNCTION IF EXISTS security_events_district()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS gongfu_session_check(text, uuid)`.execute(db);
  await sessionCheck.up(db);
  await sql`ALTER TABLE users DROP COLUMN IF EXISTS must_change_password`.execute(db);
}
