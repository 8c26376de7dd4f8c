import { type Kysely, sql } from 'kysely';

/**
 * One runtime role per tenant scope kind (ADR 0007): gongfu_district, gongfu_community, gongfu_partner.
 *
 * The policies written for gongfu_app test the scope kind at run time —
 * `district_id = D AND (kind = 'district' OR community_id = C OR (kind = 'partner' AND …))` — so the
 * planner, which cannot know the kind, estimates that almost no row passes and picks nested loops
 * over thousands of rows (measured: ×5 on a KPI query, and ×10 planning time). Each scope role gets
 * the same policies with the kind replaced by its literal, which the planner folds away: a district
 * role reads under `district_id = D`, a community role under `district_id = D AND community_id = C`.
 *
 * The derived policies and grants are generated from gongfu_app's by `gongfu_derive_scope_policies()`,
 * never written by hand: migrateToLatest calls it after any migration ran, so a new table's policies
 * (written for gongfu_app, as before) reach every scope role; catalog.test.ts checks they match.
 * gongfu_app keeps serving the identity scopes (login, session, user) and the platform scope.
 *
 * Frozen once shipped.
 */
export const SCOPE_ROLES = ['gongfu_district', 'gongfu_community', 'gongfu_partner'] as const;

const statements: string[] = [
  // LOGIN like gongfu_app: a Citus coordinator connects to its workers as the role in force after SET ROLE
  `DO $$
   DECLARE r text;
   BEGIN
     FOREACH r IN ARRAY ARRAY['${SCOPE_ROLES.join("','")}'] LOOP
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
         EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE', r);
       END IF;
       EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', r);
     END LOOP;
   END $$`,

  // a gongfu_app policy expression with the scope kind replaced by a literal
  `CREATE FUNCTION gongfu_scope_expression(expression text, kind text) RETURNS text
   LANGUAGE sql IMMUTABLE AS $$
     select regexp_replace(expression,
       '\\(\\s*SELECT current_setting\\(''app\\.scope_kind''::text, true\\)( AS current_setting)?\\)',
       quote_literal(kind) || '::text', 'g')
   $$`,

  `CREATE FUNCTION gongfu_derive_scope_policies() RETURNS void LANGUAGE plpgsql AS $$
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
       -- the same table privileges as gongfu_app, no more
       FOR g IN SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'p')
                  AND has_table_privilege(role, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') LOOP
         EXECUTE format('REVOKE ALL ON public.%I FROM %I', g.relname, role);
       END LOOP;
       FOR g IN SELECT c.relname, string_agg(a.privilege_type, ', ') AS privileges
                FROM pg_class c, aclexplode(c.relacl) a
                WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = 'gongfu_app'::regrole
                GROUP BY c.relname LOOP
         EXECUTE format('GRANT %s ON public.%I TO %I', g.privileges, g.relname, role);
       END LOOP;
     END LOOP;
   END $$`,
  `SELECT gongfu_derive_scope_policies()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`DO $$
     DECLARE p record;
     BEGIN
       FOR p IN SELECT schemaname, tablename, policyname FROM pg_policies
                WHERE schemaname = 'public' AND roles && ARRAY['${SCOPE_ROLES.join("','")}']::name[] LOOP
         EXECUTE format('DROP POLICY %I ON %I.%I', p.policyname, p.schemaname, p.tablename);
       END LOOP;
     END $$`)
    .execute(db);
  await sql.raw('DROP FUNCTION IF EXISTS gongfu_derive_scope_policies()').execute(db);
  await sql.raw('DROP FUNCTION IF EXISTS gongfu_scope_expression(text, text)').execute(db);
  // the roles are cluster-wide and may serve other databases: revoked here, not dropped
  for (const role of SCOPE_ROLES) {
    await sql.raw(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`).execute(db);
  }
}
