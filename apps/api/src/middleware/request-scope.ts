import { withRequestSession } from '@gongfu/auth';
import { type RequestScope, type ScopedTransaction, withTenantTransaction } from '@gongfu/db';
import { isRole, scopeOf } from '@gongfu/domain';
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Actor, AppEnv } from '../context';
import { ApiError, unauthenticated } from '../errors';
import { dbScopeOf } from '../scope';
import { inTokenScope } from './api-token';
import { clearSessionCookie, readSessionToken, requireActor, setSessionCookie } from './session';

/**
 * The handlers of routers passed to `foldsSession` check the session inside their own transaction
 * (`inRequestScope`), so `loadSession` leaves their requests alone: one transaction per request
 * (ADR 0022). Routers not passed here keep the earlier path — `loadSession` checks the session in a
 * transaction of its own, and `requireActor` reads the result — so a router written that way still works.
 */
const FOLDED = new WeakSet<object>();

export function foldsSession<R extends { routes: ReadonlyArray<{ handler: unknown }> }>(router: R): R {
  for (const route of router.routes) FOLDED.add(route.handler as object);
  return router;
}

/** Hono wraps a mounted router's handlers when the mounting app has its own error handler. */
function unwrap(handler: unknown): unknown {
  let inner = handler;
  while (typeof inner === 'function' && '__COMPOSED_HANDLER' in inner) {
    inner = (inner as { __COMPOSED_HANDLER: unknown }).__COMPOSED_HANDLER;
  }
  return inner;
}

/** Whether this request's route checks its session itself (a `foldsSession` router). */
export function checksSessionInItsTransaction(c: Context<AppEnv>): boolean {
  return matchedRoutes(c).some((route) => FOLDED.has(unwrap(route.handler) as object));
}

/**
 * The earlier path, for a router not passed to `foldsSession`: `loadSession` has checked the session in a transaction
 * of its own (`requireActor`: 401 without one), and `work` runs in a tenant transaction of the actor's scope. The
 * upload routers keep it (attachments, workbooks): their session is checked before their body is read, and their
 * bytes are read before a transaction holds a connection.
 */
export function inActorScope<T>(
  c: Context<AppEnv>,
  work: (trx: ScopedTransaction, actor: Actor) => Promise<T>,
): Promise<T> {
  const actor = requireActor(c);
  return withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) => work(trx, actor));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A named membership that is no UUID is no membership of anyone's: the nil UUID matches none. */
const NO_MEMBERSHIP = '00000000-0000-0000-0000-000000000000';

/**
 * The request's one transaction: the session checked, the membership named by `X-Gongfu-Membership`
 * (else the user's first) made the scope, and `work` run in it — `BEGIN`, the check, the scope, the
 * work, `COMMIT` (ADR 0022). No session → 401 (the cookie cleared); no such membership → 403; the
 * service checks the role's permission as before. When the session was already checked on this request
 * (the idempotency middleware, login, a route on the earlier path, a second transaction), the work
 * runs in a tenant transaction of the actor's scope, as before.
 */
export async function inRequestScope<T>(
  c: Context<AppEnv>,
  work: (trx: ScopedTransaction, actor: Actor) => Promise<T>,
): Promise<T> {
  const bearer = c.get('bearer');
  if (bearer) return inTokenScope(c, bearer, work);
  const { db } = c.get('deps');
  if (c.get('session')) {
    const actor = requireActor(c);
    return withTenantTransaction(db, dbScopeOf(actor.scope), (trx) => work(trx, actor));
  }
  const token = readSessionToken(c);
  if (!token) throw unauthenticated();
  const wanted = c.req.header('x-gongfu-membership');
  const result = await withRequestSession(
    db,
    token,
    { membershipId: wanted === undefined ? null : UUID.test(wanted) ? wanted : NO_MEMBERSHIP },
    (session) => {
      const { membership, user } = session;
      // refused before any tenant statement; the transaction rolls back (ADR 0025)
      if (user.mustChangePassword) throw new ApiError(403, 'password_change_required');
      // a role the code does not know acts nowhere (the memberships table's check allows none)
      if (!isRole(membership.role)) throw new ApiError(403, 'forbidden');
      const actor: Actor = {
        userId: user.id,
        scope: scopeOf(user.id, {
          id: membership.membershipId,
          role: membership.role,
          districtId: membership.districtId,
          communityId: membership.communityId,
          partnerId: membership.partnerId,
        }),
      };
      c.set('session', { sessionId: session.sessionId, user });
      c.set('actor', actor);
      // the cookie follows the sliding expiry only when it slid (at most hourly)
      if (session.extended) setSessionCookie(c, token, session.expiresAt);
      return { scope: dbScopeOf(actor.scope) as RequestScope, context: actor };
    },
    (trx, actor) => work(trx, actor),
  );
  if (result.ok) return result.value;
  if (result.refused === 'no_session') {
    clearSessionCookie(c);
    throw unauthenticated();
  }
  throw new ApiError(403, result.refused === 'membership_not_found' ? 'membership_not_found' : 'forbidden');
}
