import { type Kysely, sql } from 'kysely';

/**
 * A district administers its own user accounts (issue 11, ADR 0021).
 *
 * - `users.home_district_id`: the district an account belongs to — the one whose admin invited it, or for a
 *   district's first admin the district the platform created it for. NULL for platform admins (and for an
 *   account that held memberships in more than one district before this migration): no district reaches
 *   them. Existing accounts get the one district of their memberships.
 * - `users.last_login_at`: stamped by a successful login (the users table shows it).
 * - Policies, for gongfu_app as always (the scope roles' are derived): a district reads, updates (disable,
 *   re-enable, reset the password) and creates only accounts of its own home; a membership must lie in
 *   its account's home district (a foreign key). Sessions get no district policy: users' and memberships'
 *   policies read sessions (the session being checked), so a sessions policy reading users back would be a
 *   cycle; a disabled or reset account's sessions are deleted in that user's own scope right after, and the
 *   session check refuses a disabled account anyway.
 * - The derivation of ADR 0007 copied table privileges only, so the scope roles never received gongfu_app's
 *   column grants (users' UPDATE of display_name, password_hash…): it now copies column privileges too.
 *
 * Frozen once shipped.
 */
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const D = uuidSetting('district_id');
const KIND = setting('scope_kind');

const statements: string[] = [
  `ALTER TABLE users
     ADD COLUMN home_district_id uuid REFERENCES districts (district_id),
     ADD COLUMN last_login_at timestamptz`,
  `CREATE INDEX users_home_district_idx ON users (home_district_id, user_id)`,

  // Backfill as the owner: FORCE would hide every row from it (its policies are gongfu_app's), so it is lifted
  // for this one statement, inside the migration's transaction, and put back before anything else runs.
  `ALTER TABLE users NO FORCE ROW LEVEL SECURITY`,
  `ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY`,
  `ALTER TABLE platform_admins NO FORCE ROW LEVEL SECURITY`,
  `UPDATE users u SET home_district_id = m.district_id
     FROM (select user_id, min(district_id::text)::uuid as district_id from memberships
           group by user_id having count(distinct district_id) = 1) m
    WHERE m.user_id = u.user_id
      AND NOT EXISTS (select 1 from platform_admins p where p.user_id = u.user_id)`,
  `ALTER TABLE users FORCE ROW LEVEL SECURITY`,
  `ALTER TABLE memberships FORCE ROW LEVEL SECURITY`,
  `ALTER TABLE platform_admins FORCE ROW LEVEL SECURITY`,

  // users: the district reads its own accounts (also one just invited, before it holds a membership),
  // updates only them, and creates accounts only for itself
  `CREATE POLICY users_read_home ON users FOR SELECT TO gongfu_app
     USING (${KIND} = 'district' AND home_district_id = ${D})`,
  `CREATE POLICY users_update_home ON users FOR UPDATE TO gongfu_app
     USING (${KIND} = 'district' AND home_district_id = ${D})
     WITH CHECK (${KIND} = 'district' AND home_district_id = ${D})`,
  `CREATE POLICY users_insert_home ON users AS RESTRICTIVE FOR INSERT TO gongfu_app
     WITH CHECK (${KIND} <> 'district' OR home_district_id = ${D})`,
  'GRANT UPDATE (last_login_at) ON users TO gongfu_app',

  // memberships: a membership lies in its account's home district. A foreign key rather than a policy (a
  // policy on memberships reading users would be a cycle: users' policies read memberships), checked by
  // PostgreSQL whoever writes, RLS or not. NOT VALID: an account that held memberships in two districts before
  // (home NULL) keeps them; every new or changed membership is checked.
  `ALTER TABLE users ADD CONSTRAINT users_home_key UNIQUE (user_id, home_district_id)`,
  `ALTER TABLE memberships ADD CONSTRAINT memberships_home_district_fkey
     FOREIGN KEY (user_id, district_id) REFERENCES users (user_id, home_district_id) NOT VALID`,

  // 1500's derivation, now also copying gongfu_app's column privileges (and revoking a scope role's own)
  `CREATE OR REPLACE FUNCTION gongfu_derive_scope_policies() RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     kind text;
     role text;
     p record;
     g record;
     q text;
     c text;
   BEGIN
     FOREACH kind IN ARRAY ARRAY['district', 'community', 'partner'] LOOP
       role := 'gongfu_' || kind;
       FOR p IN SELECT schemaname, tablename, policyname FROM pg_policies
                WHERE schemaname = 'public' AND role = ANY (roles) LOOP
         EXECUTE format('DROP POLICY %I ON %I.%I', p.policyname, p.schemaname, p.tablename);
       END LOOP;
       FOR p IN SELECT * FROM pg_policies WHERE schemaname = 'public' AND 'gongfu_app' = ANY (roles) LOOP
         q := gongfu_scope_expression(p.qual, kind);
         c := gongfu_scope_expression(p.with_check, kind);
         IF coalesce(q, '') LIKE '%app.scope_kind%' OR coalesce(c, '') LIKE '%app.scope_kind%' THEN
           RAISE EXCEPTION 'policy % on % reads the scope kind in a form that cannot be derived', p.policyname, p.tablename;
         END IF;
         EXECUTE format('CREATE POLICY %I ON %I.%I AS %s FOR %s TO %I%s%s',
           p.policyname || '__' || kind, p.schemaname, p.tablename, p.permissive, p.cmd, role,
           CASE WHEN q IS NULL THEN '' ELSE ' USING (' || q || ')' END,
           CASE WHEN c IS NULL THEN '' ELSE ' WITH CHECK (' || c || ')' END);
       END LOOP;
       -- the same table and column privileges as gongfu_app, no more
       FOR g IN SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'p')
                  AND has_table_privilege(role, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') LOOP
         EXECUTE format('REVOKE ALL ON public.%I FROM %I', g.relname, role);
       END LOOP;
       FOR g IN SELECT c.relname, a.attname, x.privilege_type
                FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid, aclexplode(a.attacl) x
                WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
                  AND x.grantee = role::regrole LOOP
         EXECUTE format('REVOKE %s (%I) ON public.%I FROM %I', g.privilege_type, g.attname, g.relname, role);
       END LOOP;
       FOR g IN SELECT c.relname, string_agg(a.privilege_type, ', ') AS privileges
                FROM pg_class c, aclexplode(c.relacl) a
                WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = 'gongfu_app'::regrole
                GROUP BY c.relname LOOP
         EXECUTE format('GRANT %s ON public.%I TO %I', g.privileges, g.relname, role);
       END LOOP;
       FOR g IN SELECT c.relname, a.attname, string_agg(x.privilege_type, ', ') AS privileges
                FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid, aclexplode(a.attacl) x
                WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
                  AND x.grantee = 'gongfu_app'::regrole
                GROUP BY c.relname, a.attname LOOP
         EXECUTE format('GRANT %s (%I) ON public.%I TO %I', g.privileges, g.attname, g.relname, role);
       END LOOP;
     END LOOP;
   END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, name] of [
    ['users', 'users_insert_home'],
    ['users', 'users_update_home'],
    ['users', 'users_read_home'],
  ]) {
    await sql.raw(`DROP POLICY IF EXISTS ${name} ON ${table}`).execute(db);
  }
  await sql
    .raw('ALTER TABLE memberships DROP CONSTRAINT IF EXISTS memberships_home_district_fkey')
    .execute(db);
  await sql
    .raw('ALTER TABLE users DROP COLUMN IF EXISTS last_login_at, DROP COLUMN IF EXISTS home_district_id')
    .execute(db);
}
