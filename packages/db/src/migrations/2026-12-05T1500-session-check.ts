import { type Kysely, sql } from 'kysely';

/**
 * The session check of every authenticated request as a function (ADR 0022). The request's first message
 * is plain text (simple protocol: `BEGIN`, the session scope as `SET LOCAL`, the check), and a statement sent
 * that way is planned on every request — 0.4 ms of the database's CPU for this join, three times its
 * execution. A PL/pgSQL function keeps its statement's plan for the connection's life, so the message only
 * plans a function call.
 *
 * SECURITY INVOKER (the default): it reads as the caller, under the caller's policies — the narrow
 * session scope (the one session, its user, the user's memberships), nothing wider than before. Tables are
 * schema-qualified so no search path can redirect them. The membership is the one named, else the user's
 * first (the platform role first, then by creation). Frozen once shipped.
 */
const statements: string[] = [
  `CREATE FUNCTION gongfu_session_check(p_session_id text, p_membership_id uuid)
   RETURNS TABLE (
     secret_hash bytea, user_id uuid, expires_at timestamptz, absolute_expires_at timestamptz,
     email text, display_name text, locale text, disabled_at timestamptz,
     membership_id uuid, role text, district_id uuid, community_id uuid, partner_id uuid
   )
   LANGUAGE plpgsql STABLE
   AS $$
   #variable_conflict use_column
   BEGIN
     RETURN QUERY
     SELECT s.secret_hash, s.user_id, s.expires_at, s.absolute_expires_at,
            u.email, u.display_name, u.locale, u.disabled_at,
            m.membership_id, m.role, m.district_id, m.community_id, m.partner_id
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
  `REVOKE ALL ON FUNCTION gongfu_session_check(text, uuid) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION gongfu_session_check(text, uuid) TO gongfu_app`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS gongfu_session_check(text, uuid)`.execute(db);
}
