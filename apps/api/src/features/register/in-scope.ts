import { register, type ScopedTransaction } from '@gongfu/db';
import type { Context } from 'hono';
import type { Actor, AppEnv } from '../../context';
import { ApiError } from '../../errors';
import { inRequestScope } from '../../middleware/request-scope';

/** The request's one transaction (session checked, 401 without one) in the actor's scope around the work. */
export async function inScope<T>(
  c: Context<AppEnv>,
  work: (trx: ScopedTransaction, actor: Actor) => Promise<T>,
): Promise<T> {
  try {
    return await inRequestScope(c, work);
  } catch (error) {
    // a row the request refers to vanished between the service's check and its write (a race): 409, not 500
    if (register.isForeignKeyViolation(error)) throw new ApiError(409, 'conflict');
    throw error;
  }
}
