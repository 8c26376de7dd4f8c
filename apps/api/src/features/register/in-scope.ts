import { register, type ScopedTransaction, withTenantTransaction } from '@gongfu/db';
import type { Context } from 'hono';
import type { Actor, AppEnv } from '../../context';
import { ApiError } from '../../errors';
import { requireActor } from '../../middleware/session';
import { dbScopeOf } from '../../scope';

/** The request's actor (401 without a session) and one tenant transaction in its scope around the work. */
export async function inScope<T>(
  c: Context<AppEnv>,
  work: (trx: ScopedTransaction, actor: Actor) => Promise<T>,
): Promise<T> {
  const actor = requireActor(c);
  try {
    return await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) => work(trx, actor));
  } catch (error) {
    // a row the request refers to vanished between the service's check and its write (a race): 409, not 500
    if (register.isForeignKeyViolation(error)) throw new ApiError(409, 'conflict');
    throw error;
  }
}
