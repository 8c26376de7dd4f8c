import type { Insertable } from 'kysely';
import type { SecurityEventsTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

export type SecurityEventInput = Pick<
  Insertable<SecurityEventsTable>,
  'kind' | 'outcome' | 'email' | 'user_id' | 'address' | 'user_agent'
>;

/** One event (login scope, or the user's own scope for its own); district_id is the trigger's, not ours. */
export async function record(trx: ScopedTransaction, event: SecurityEventInput) {
  await trx
    .insertInto('security_events')
    .values({
      ...event,
      email: event.email.slice(0, 320),
      address: event.address.slice(0, 100),
      user_agent: (event.user_agent ?? '').slice(0, 200),
    })
    .execute();
}

/** Rows older than 90 days (login scope only; the policy holds it to those rows whatever this says). */
export async function pruneExpired(trx: ScopedTransaction) {
  await trx
    .deleteFrom('security_events')
    .where('occurred_at', '<', new Date(Date.now() - 90 * 24 * 60 * 60 * 1000))
    .execute();
}

/** The scope's events, newest first (the district's; for the platform, those of no district). */
export function list(
  trx: ScopedTransaction,
  args: { limit: number; before?: Date; kind?: SecurityEventsTable['kind'] },
) {
  let query = trx
    .selectFrom('security_events')
    .select([
      'event_id',
      'occurred_at',
      'kind',
      'outcome',
      'email',
      'user_id',
      'district_id',
      'address',
      'user_agent',
    ])
    .orderBy('occurred_at', 'desc')
    .orderBy('event_id', 'desc')
    .limit(args.limit);
  if (args.before) query = query.where('occurred_at', '<', args.before);
  if (args.kind) query = query.where('kind', '=', args.kind);
  return query.execute();
}
