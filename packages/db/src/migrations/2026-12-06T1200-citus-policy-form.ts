import { type Kysely, sql } from 'kysely';

/**
 * Policies in a form Citus can distribute (issue 16, ADR 0027). Citus refuses to distribute a table whose
 * policy holds any subquery (`ErrorIfUnsupportedPolicyExpr` in its commands/policy.c: "Subqueries are not
 * supported in policies on distributed tables"), and every policy here held several:
 *
 * - `(SELECT current_setting('app.…', true))`, the scalar wrapper that made PostgreSQL evaluate the
 *   setting once per statement. It becomes the bare `current_setting(…)`: a stable expression, still an
 *   index condition where it was one (`district_id = NULLIF(current_setting(…), '')::uuid`).
 * - the partner branch `community_id IN (SELECT v.community_id FROM ventures v WHERE …)` (and the same on
 *   venture_id), the session lookup `user_id IN (SELECT s.user_id FROM sessions s WHERE …)` and the district
 *   member lookup `user_id IN (SELECT m.user_id FROM memberships m WHERE …)`, and the API token scope's
 *   lookups of its membership and creator in api_tokens (migration 1100). Each becomes a call of a
 *   stable SQL function that runs the same query, as the caller, under the caller's policies — the same rows
 *   as before. The scope roles' derived policies fold the partner branch away for district and community
 *   scopes (ADR 0007), so only the partner role calls these functions.
 *
 * The rewrite is a function, `gongfu_citus_policy_form()`, that `gongfu_derive_scope_policies()` now calls
 * first: migrateToLatest runs it after every migration run, so a new table's policies written in the usual
 * form are rewritten the same way. `citus-rules.test.ts` checks that no policy keeps a subquery.
 *
 * Frozen once shipped.
 */
const statements: string[] = [
  `CREATE FUNCTION gongfu_partner_community_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
     select coalesce(array_agg(v.community_id), '{}') from public.ventures v
     where v.district_id = (NULLIF(current_setting('app.district_id', true), ''))::uuid
       and v.operator_partner_id = (NULLIF(current_setting('app.partner_id', true), ''))::uuid
   $$`,
  `CREATE FUNCTION gongfu_partner_venture_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
     select coalesce(array_agg(v.venture_id), '{}') from public.ventures v
     where v.district_id = (NULLIF(current_setting('app.district_id', true), ''))::uuid
       and v.operator_partner_id = (NULLIF(current_setting('app.partner_id', true), ''))::uuid
   $$`,
  `CREATE FUNCTION gongfu_session_user_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
     select coalesce(array_agg(s.user_id), '{}') from public.sessions s
     where s.session_id = current_setting('app.session_id', true)
   $$`,
  `CREATE FUNCTION gongfu_district_member_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
     select coalesce(array_agg(m.user_id), '{}') from public.memberships m
     where m.district_id = (NULLIF(current_setting('app.district_id', true), ''))::uuid
   $$`,
  // the API token scope (migration 1100): the token's membership and its creator
  `CREATE FUNCTION gongfu_token_membership_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
     select coalesce(array_agg(t.membership_id), '{}') from public.api_tokens t
     where t.token_id = (NULLIF(current_setting('app.token_id', true), ''))::uuid
   $$`,
  `CREATE FUNCTION gongfu_token_creator_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
     select coalesce(array_agg(t.created_by), '{}') from public.api_tokens t
     where t.token_id = (NULLIF(current_setting('app.token_id', true), ''))::uuid
   $$`,
  `GRANT EXECUTE ON FUNCTION gongfu_partner_community_ids(), gongfu_partner_venture_ids(),
     gongfu_session_user_ids(), gongfu_district_member_ids(), gongfu_token_membership_ids(),
     gongfu_token_creator_ids()
     TO gongfu_app, gongfu_district, gongfu_community, gongfu_partner`,

  // a policy expression (as pg_policies prints it) without subqueries, when it had only the known ones
  `CREATE FUNCTION gongfu_citus_expression(expression text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
     select
       regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(expression,
         '\\(\\s*SELECT \\(NULLIF\\(current_setting\\(''app\\.(\\w+)''::text, true\\), ''''::text\\)\\)::uuid AS "nullif"\\)',
         '(NULLIF(current_setting(''app.\\1''::text, true), ''''::text))::uuid', 'g'),
         '\\(\\s*SELECT current_setting\\(''app\\.(\\w+)''::text, true\\) AS current_setting\\)',
         'current_setting(''app.\\1''::text, true)', 'g'),
         '(community_id|venture_id) IN \\(\\s*SELECT v\\.(community_id|venture_id)\\s+FROM ventures v\\s+WHERE \\(\\(v\\.district_id = \\(NULLIF\\(current_setting\\(''app\\.district_id''::text, true\\), ''''::text\\)\\)::uuid\\) AND \\(v\\.operator_partner_id = \\(NULLIF\\(current_setting\\(''app\\.partner_id''::text, true\\), ''''::text\\)\\)::uuid\\)\\)\\)',
         '\\1 = ANY (gongfu_partner_\\2s())', 'g'),
         'user_id IN \\(\\s*SELECT s\\.user_id\\s+FROM sessions s\\s+WHERE \\(s\\.session_id = current_setting\\(''app\\.session_id''::text, true\\)\\)\\)',
         'user_id = ANY (gongfu_session_user_ids())', 'g'),
         'user_id IN \\(\\s*SELECT m\\.user_id\\s+FROM memberships m\\s+WHERE \\(m\\.district_id = \\(NULLIF\\(current_setting\\(''app\\.district_id''::text, true\\), ''''::text\\)\\)::uuid\\)\\)',
         'user_id = ANY (gongfu_district_member_ids())', 'g'),
         'membership_id IN \\(\\s*SELECT t\\.membership_id\\s+FROM api_tokens t\\s+WHERE \\(t\\.token_id = \\(NULLIF\\(current_setting\\(''app\\.token_id''::text, true\\), ''''::text\\)\\)::uuid\\)\\)',
         'membership_id = ANY (gongfu_token_membership_ids())', 'g'),
         'user_id IN \\(\\s*SELECT t\\.created_by\\s+FROM api_tokens t\\s+WHERE \\(t\\.token_id = \\(NULLIF\\(current_setting\\(''app\\.token_id''::text, true\\), ''''::text\\)\\)::uuid\\)\\)',
         'user_id = ANY (gongfu_token_creator_ids())', 'g')
   $f$`,

  // rewrites gongfu_app's policies in place (ALTER POLICY keeps name, command and roles)
  `CREATE FUNCTION gongfu_citus_policy_form() RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     p record;
     q text;
     c text;
   BEGIN
     FOR p IN SELECT * FROM pg_policies WHERE schemaname = 'public' AND 'gongfu_app' = ANY (roles) LOOP
       q := gongfu_citus_expression(p.qual);
       c := gongfu_citus_expression(p.with_check);
       IF q IS DISTINCT FROM p.qual OR c IS DISTINCT FROM p.with_check THEN
         EXECUTE format('ALTER POLICY %I ON %I.%I%s%s', p.policyname, p.schemaname, p.tablename,
           CASE WHEN q IS NULL THEN '' ELSE ' USING (' || q || ')' END,
           CASE WHEN c IS NULL THEN '' ELSE ' WITH CHECK (' || c || ')' END);
       END IF;
     END LOOP;
   END $$`,

  // the scope kind, with or without the old wrapper, replaced by the scope's literal
  `CREATE OR REPLACE FUNCTION gongfu_scope_expression(expression text, kind text) RETURNS text
   LANGUAGE sql IMMUTABLE AS $$
     select regexp_replace(regexp_replace(expression,
       '\\(\\s*SELECT current_setting\\(''app\\.scope_kind''::text, true\\)( AS current_setting)?\\)',
       quote_literal(kind) || '::text', 'g'),
       'current_setting\\(''app\\.scope_kind''::text, true\\)',
       quote_literal(kind) || '::text', 'g')
   $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
  // gongfu_derive_scope_policies() (migration 1500) puts the rewrite first; its body is otherwise unchanged
  const body = await sql<{ body: string }>`
    select prosrc as body from pg_proc where oid = 'gongfu_derive_scope_policies()'::regprocedure`.execute(
    db,
  );
  const source = body.rows[0]?.body;
  if (!source?.includes('BEGIN')) throw new Error('gongfu_derive_scope_policies() not found');
  const rewritten = source.replace(/\bBEGIN\b/, 'BEGIN\n     PERFORM gongfu_citus_policy_form();');
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION gongfu_derive_scope_policies() RETURNS void LANGUAGE plpgsql AS $body$${rewritten}$body$`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('2026-12-06T1200-citus-policy-form cannot be undone: the rewritten policies are not kept');
}
