import { type ScopedTransaction, withTenantTransaction } from '@gongfu/db';
import type { Context } from 'hono';
import type { Actor, AppEnv } from '../../context';
import { requireActor } from '../../middleware/session';
import { dbScopeOf } from '../../scope';

/** The request's actor (401 without a session) and one tenant transaction in its scope around the work. */
export function inScope<T>(c: Context<AppEnv>, work: (trx: ScopedTransaction, actor: Actor) => Promise<T>) {
  const actor = requireActor(c);
  return withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) => work(trx, actor));
}
