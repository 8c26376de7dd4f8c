import { type Kysely, sql } from 'kysely';

/**
 * API tokens for one venture, and idempotency keys of their own for tokens (issue 15, ADR 0026 amended). Frozen once
 * shipped.
 *
 * - **One venture as a scope.** A token may name a venture (`api_tokens.venture_id`); a request with it runs in
 *   its creator's membership's scope plus `app.venture_id` (tenant.ts). Every policy of every venture-keyed table —
 *   ventures, monthly_reports, report_events, report_imports, operator_agreements, kpi_venture_months — is ANDed
 *   (USING and WITH CHECK alike) with a condition that keeps, while `app.venture_id` is set, only that venture's
 *   rows, for reading and for writing:
 *
 *       scope_kind = 'district'
 *       OR venture_id BETWEEN coalesce(V, '00000000-…') AND coalesce(V, 'ffffffff-…')
 *
 *   where V is `NULLIF(current_setting('app.venture_id', true), '')::uuid`. With the setting empty the range is
 *   every uuid. Why this form and not `V IS NULL OR venture_id = V`:
 *   - the district scope never carries a venture, and its derived policies fold `'district' = 'district'` to
 *     true: the district role's plans do not change at all (ADR 0007's trick, as the partner branch is folded
 *     away for the district and community roles);
 *   - for the community and partner roles the planner estimates the range from the column's histogram with the
 *     setting's actual value (a stable expression is evaluated for estimates): the whole table when empty, one
 *     venture when set. `coalesce(setting, '') = '' OR …` is estimated at 0.5 % whatever the setting holds —
 *     measured on a generated database, a community's monthly_reports went from 48 estimated rows to 1, the kind
 *     of misestimate that ADR 0007 measured as ×5 on KPI queries; the range keeps 48, and with a venture set the
 *     planner uses the (district_id, venture_id, …) index;
 *   - no subquery and no `NULLIF(…) IS NULL` (citus-rules.test.ts, ADR 0027): Citus can distribute the tables.
 *   Folded into the permissive policies, not added as RESTRICTIVE ones: Citus rebuilds a distributed table's
 *   policies on its shards without `AS RESTRICTIVE` (commands/policy.c, CreatePolicyCommandForPolicy), where a
 *   restrictive policy would become a permissive one and widen every scope. rls.test.ts checks that every policy of
 *   a venture-keyed table reads `app.venture_id`, so a policy added later cannot forget it.
 * - `api_tokens.venture_id`: the venture must be in the token's district (a foreign key), in its community for a
 *   community's token (a foreign key on (district_id, community_id, venture_id), checked when community_id is set)
 *   and one the partner operates for a partner's token (the insert policy). The service checks the same in the
 *   creator's scope first, to name the field.
 * - `gongfu_token_check` answers the token's venture as well.
 * - `idempotency_keys.api_token_id`: a token's stored answers are its own. The key is (user, token, key): a
 *   session's rows carry the nil uuid, a token's its id; the policy matches `app.api_token_id` (set only by
 *   tenant.ts, in a token's request), so neither a session nor another token of the same creator sees them.
 *
 * Policies are written for gongfu_app; migrateToLatest derives the scope roles'.
 */
const RUNTIME = 'gongfu_app';
const NIL = "'00000000-0000-0000-0000-000000000000'::uuid";
const ALL = "'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid";
const V = "(NULLIF(current_setting('app.venture_id', true), ''))::uuid";
const KIND = "current_setting('app.scope_kind', true)";
const ONE_VENTURE = `(${KIND} = 'district' OR venture_id BETWEEN coalesce(${V}, ${NIL}) AND coalesce(${V}, ${ALL}))`;
const U = "(NULLIF(current_setting('app.user_id', true), ''))::uuid";
const TOKEN = `coalesce((NULLIF(current_setting('app.api_token_id', true), ''))::uuid, ${NIL})`;

/** The tables whose rows belong to one venture: a venture token reaches that venture's only. */
export const VENTURE_TABLES = [
  'ventures',
  'monthly_reports',
  'report_events',
  'report_imports',
  'operator_agreements',
  'kpi_venture_months',
] as const;

/** ANDs `condition` into the USING and WITH CHECK of gongfu_app's policies on `tables` (ALTER POLICY keeps the rest). */
const andIntoPolicies = (tables: readonly string[], condition: string, policy = '%') =>
  `DO $$
   DECLARE p record;
   BEGIN
     FOR p IN SELECT * FROM pg_policies
              WHERE schemaname = 'public' AND 'gongfu_app' = ANY (roles)
                AND tablename = ANY (ARRAY['${tables.join("','")}']) AND policyname LIKE '${policy}' LOOP
       EXECUTE format('ALTER POLICY %I ON %I.%I%s%s', p.policyname, p.schemaname, p.tablename,
         CASE WHEN p.qual IS NULL THEN '' ELSE ' USING ((' || p.qual || ') AND ' || $c$${condition}$c$ || ')' END,
         CASE WHEN p.with_check IS NULL THEN ''
              ELSE ' WITH CHECK ((' || p.with_check || ') AND ' || $c$${condition}$c$ || ')' END);
     END LOOP;
   END $$`;

const statements: string[] = [
  andIntoPolicies(VENTURE_TABLES, ONE_VENTURE),

  'ALTER TABLE api_tokens ADD COLUMN venture_id uuid',
  `ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_venture_fkey
     FOREIGN KEY (district_id, venture_id) REFERENCES ventures (district_id, venture_id)`,
  // a community's token: a venture of that community (not checked while community_id is null: a partner's token)
  `ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_community_venture_fkey
     FOREIGN KEY (district_id, community_id, venture_id) REFERENCES ventures (district_id, community_id, venture_id)`,
  // a partner's token: a venture the partner operates (folded away for the community role)
  andIntoPolicies(
    ['api_tokens'],
    `(${KIND} <> 'partner' OR venture_id IS NULL OR venture_id = ANY (gongfu_partner_venture_ids()))`,
    'api_tokens_insert',
  ),

  'DROP FUNCTION gongfu_token_check(uuid)',
  `CREATE FUNCTION gongfu_token_check(p_token_id uuid)
   RETURNS TABLE (
     secret_hash bytea, name text, scopes text[], expires_at timestamptz, revoked_at timestamptz,
     last_used_at timestamptz, user_id uuid, email text, display_name text, locale text, disabled_at timestamptz,
     membership_id uuid, role text, district_id uuid, community_id uuid, partner_id uuid, venture_id uuid
   )
   LANGUAGE plpgsql STABLE
   AS $$
   #variable_conflict use_column
   BEGIN
     RETURN QUERY
     SELECT t.secret_hash, t.name, t.scopes, t.expires_at, t.revoked_at, t.last_used_at,
            u.user_id, u.email, u.display_name, u.locale, u.disabled_at,
            m.membership_id, m.role, m.district_id, m.community_id, m.partner_id, t.venture_id
     FROM public.api_tokens t
     JOIN public.users u ON u.user_id = t.created_by
     LEFT JOIN public.memberships m
       ON m.district_id = t.district_id AND m.membership_id = t.membership_id AND m.user_id = t.created_by
     WHERE t.token_id = p_token_id;
   END
   $$`,
  'REVOKE ALL ON FUNCTION gongfu_token_check(uuid) FROM PUBLIC',
  `GRANT EXECUTE ON FUNCTION gongfu_token_check(uuid) TO ${RUNTIME}`,

  `ALTER TABLE idempotency_keys ADD COLUMN api_token_id uuid NOT NULL DEFAULT ${NIL}`,
  'ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey',
  'ALTER TABLE idempotency_keys ADD PRIMARY KEY (user_id, api_token_id, idempotency_key)',
  `ALTER POLICY idempotency_keys_own ON idempotency_keys
     USING (user_id = ${U} AND api_token_id = ${TOKEN})
     WITH CHECK (user_id = ${U} AND api_token_id = ${TOKEN})`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  // the venture condition was ANDed into six tables' policies as pg_policies printed them: taking it out again by
  // text is not worth the risk of a policy left wider or narrower than it was
  throw new Error('2026-12-07T1000-venture-tokens cannot be undone');
}
