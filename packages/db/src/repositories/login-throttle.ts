import { sql } from 'kysely';
import type { ScopedTransaction } from '../tenant';

/**
 * The login throttle's counters (migration 2026-12-05T1300, ADR 0019), in the `login` scope of the email
 * being tried. Times come from the caller's clock, so tests can move it.
 */
export type CounterKind = 'pair' | 'address' | 'account';
export interface CounterKey {
  kind: CounterKind;
  /** '' for the address counter */
  account: string;
  /** '' for the account counter */
  address: string;
}
export interface Counter {
  failures: number;
  windowStartedAt: Date;
}

/**
 * Adds `delta` to a counter in one statement — a new window starts when the counter's has ended — and
 * returns it. The row stays locked until the transaction ends, so attempts on one counter are counted one
 * after the other, never two from the same stale count.
 */
export async function bumpCounter(
  trx: ScopedTransaction,
  key: CounterKey,
  delta: 1 | -1,
  now: Date,
  windowMs: number,
): Promise<Counter> {
  const ended = new Date(now.getTime() - windowMs);
  const fresh = Math.max(delta, 0);
  const result = await sql<{ failures: number; window_started_at: Date | string }>`
    insert into login_throttle as t (kind, account, address, failures, window_started_at)
    values (${key.kind}, ${key.account}, ${key.address}, ${fresh}::int, ${now}::timestamptz)
    on conflict (kind, account, address) do update set
      failures = case when t.window_started_at <= ${ended}::timestamptz then ${fresh}::int
                      else greatest(t.failures + ${delta}::int, 0) end,
      window_started_at = case when t.window_started_at <= ${ended}::timestamptz then ${now}::timestamptz
                               else t.window_started_at end
    returning failures, window_started_at`.execute(trx);
  const row = result.rows[0];
  if (!row) throw new Error('login_throttle upsert returned no row');
  return { failures: Number(row.failures), windowStartedAt: new Date(row.window_started_at) };
}

/** Forgets a counter (a successful login clears its pair's failures). */
export async function clearCounter(trx: ScopedTransaction, key: CounterKey): Promise<void> {
  await trx
    .deleteFrom('login_throttle')
    .where('kind', '=', key.kind)
    .where('account', '=', key.account)
    .where('address', '=', key.address)
    .execute();
}

/** When the account last logged in from this address, or null. */
export async function trustedSince(
  trx: ScopedTransaction,
  account: string,
  address: string,
): Promise<Date | null> {
  const row = await trx
    .selectFrom('login_throttle')
    .select('window_started_at')
    .where('kind', '=', 'trusted')
    .where('account', '=', account)
    .where('address', '=', address)
    .executeTakeFirst();
  return row ? new Date(row.window_started_at) : null;
}

/** Notes a successful login of the account from the address. */
export async function trust(trx: ScopedTransaction, account: string, address: string, now: Date) {
  await sql`
    insert into login_throttle (kind, account, address, failures, window_started_at)
    values ('trusted', ${account}, ${address}, 0, ${now}::timestamptz)
    on conflict (kind, account, address) do update set window_started_at = excluded.window_started_at`.execute(
    trx,
  );
}

/** Deletes counters whose windows ended long ago, of any account (the prune policy allows just these). */
export async function pruneExpired(trx: ScopedTransaction): Promise<void> {
  await sql`
    delete from login_throttle
    where window_started_at < now() - interval '30 days'
       or (kind <> 'trusted' and window_started_at < now() - interval '1 hour')`.execute(trx);
}

/** The counters of an account (tests and operators: what the throttle holds). */
export function countersOf(trx: ScopedTransaction, account: string) {
  return trx
    .selectFrom('login_throttle')
    .select(['kind', 'account', 'address', 'failures', 'window_started_at'])
    .where('account', '=', account)
    .execute();
}
