import { type Kysely, sql } from 'kysely';

/**
 * Login throttle counters in the database (issue 13 item 3, ADR 0019): several API processes share them,
 * and an attempt is counted before its password is checked, atomically (the upsert's row lock), so 20
 * concurrent wrong passwords get no more real checks than the limit.
 *
 * One row per counter: `pair` (account × address), `address`, `account`, and `trusted` (an address the
 * account logged in from; its window start is that login). `account` is '' on an address-only counter and
 * `address` '' on an account-only one. No tenant data: nothing here belongs to a district.
 *
 * Protected like the other identity tables: RLS enabled and forced, reachable by the runtime role only in
 * the `login` scope, and there only the counters of the one email being tried and the address-only ones
 * (an address's own counter spans accounts). A login step may also delete any counter long expired (the
 * table stays small under a spray of addresses). Frozen once shipped.
 */
const RUNTIME = 'gongfu_app';
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const KIND = setting('scope_kind');
const OWN = `${KIND} = 'login' AND (account = ${setting('login_email')} OR account = '')`;

const statements: string[] = [
  `CREATE TABLE login_throttle (
     kind text NOT NULL CHECK (kind IN ('pair', 'address', 'account', 'trusted')),
     account text NOT NULL DEFAULT '' CHECK (char_length(account) <= 320),
     address text NOT NULL DEFAULT '' CHECK (char_length(address) <= 100),
     failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
     window_started_at timestamptz NOT NULL,
     PRIMARY KEY (kind, account, address)
   )`,
  `CREATE INDEX login_throttle_window_idx ON login_throttle (window_started_at)`,
  `ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE login_throttle FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY login_throttle_own ON login_throttle FOR ALL TO ${RUNTIME} USING (${OWN}) WITH CHECK (${OWN})`,
  // counters of 15 min / 1 h windows are dead after an hour, a trusted address after 30 days
  `CREATE POLICY login_throttle_prune ON login_throttle FOR DELETE TO ${RUNTIME} USING (${KIND} = 'login' AND (
     window_started_at < now() - interval '30 days' OR (kind <> 'trusted' AND window_started_at < now() - interval '1 hour')))`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO ${RUNTIME}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS login_throttle`.execute(db);
}
