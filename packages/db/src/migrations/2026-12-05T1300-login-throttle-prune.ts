import { type Kysely, sql } from 'kysely';

/**
 * Login throttle pruning that works (ADR 0019). The prune policy of `2026-12-05T1300-login-throttle` let a login
 * step DELETE expired counters of any account, but PostgreSQL applies SELECT policies to a DELETE that reads
 * columns (its WHERE), and the login scope sees only its own email's counters: other accounts' expired rows were
 * never deleted, so a spray of emails and addresses would grow the table for ever. The login scope may now also
 * SELECT counters whose windows ended long ago — the same rows it may delete, nothing live. Frozen once shipped.
 */
const EXPIRED = `(select current_setting('app.scope_kind', true)) = 'login' AND (
  window_started_at < now() - interval '30 days' OR (kind <> 'trusted' AND window_started_at < now() - interval '1 hour'))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE POLICY login_throttle_expired_read ON login_throttle FOR SELECT TO gongfu_app USING (${EXPIRED})`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP POLICY IF EXISTS login_throttle_expired_read ON login_throttle`.execute(db);
}
