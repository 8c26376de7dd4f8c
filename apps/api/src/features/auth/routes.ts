import {
  changePassword,
  endSession,
  login,
  MIN_PASSWORD_LENGTH,
  recordUserEvent,
  verifyPassword,
} from '@gongfu/auth';
import {
  changePasswordRoute,
  listSecurityEventsRoute,
  loginRoute,
  logoutRoute,
  meRoute,
} from '@gongfu/contract';
import { identity, securityEvents, withTenantTransaction } from '@gongfu/db';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { ApiError, forbidden, unauthenticated } from '../../errors';
import {
  adoptSession,
  clearSessionCookie,
  readSessionToken,
  requireActor,
  setSessionCookie,
} from '../../middleware/session';
import { createRouter } from '../../router';
import { dbScopeOf } from '../../scope';
import { describeMe } from './service';

/** The user agent as events keep it: truncated, never a reason to refuse. */
function userAgent(c: Context<AppEnv>): string {
  return (c.req.header('user-agent') ?? '').slice(0, 200);
}

/** At least MIN_PASSWORD_LENGTH characters, letters and digits both (ADR 0025). */
function strongEnough(password: string): boolean {
  return password.length >= MIN_PASSWORD_LENGTH && /\p{L}/u.test(password) && /\p{N}/u.test(password);
}

function clientAddress(c: Context<AppEnv>): string {
  if (c.get('deps').trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

export const authRoutes = createRouter()
  .openapi(loginRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    const { db, throttle } = c.get('deps');
    const result = await login(db, throttle, {
      email,
      password,
      address: clientAddress(c),
      userAgent: userAgent(c),
    });
    if (!result.ok) {
      if (result.reason === 'too_many_attempts') {
        c.header('Retry-After', String(result.retryAfterSeconds));
        throw new ApiError(429, 'too_many_attempts', undefined, { seconds: result.retryAfterSeconds });
      }
      throw new ApiError(401, 'invalid_credentials');
    }
    setSessionCookie(c, result.token, result.expiresAt);
    await adoptSession(c, result.token);
    return c.json(await describeMe(c), 200);
  })
  .openapi(logoutRoute, async (c) => {
    const token = readSessionToken(c);
    // the whole token, secret compared in constant time: a session id alone ends nothing
    const ended = token ? await endSession(c.get('deps').db, token) : null;
    if (ended) {
      await recordUserEvent(c.get('deps').db, {
        kind: 'logout',
        outcome: 'success',
        ...ended,
        address: clientAddress(c),
        userAgent: userAgent(c),
      });
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  // the one route a user who must change the password may call besides me and logout (ADR 0025)
  .openapi(changePasswordRoute, async (c) => {
    const session = c.get('session');
    if (!session) throw unauthenticated();
    const { currentPassword, newPassword } = c.req.valid('json');
    const { db, throttle } = c.get('deps');
    const address = clientAddress(c);
    const user = session.user;
    if (!strongEnough(newPassword)) {
      throw new ApiError(400, 'validation_failed', { newPassword: 'password_too_weak' });
    }
    // guesses at the current password count as login attempts: a stolen session cannot try it freely
    const decision = await throttle.reserve(db, user.email, address);
    const event = (outcome: 'success' | 'wrong_password' | 'throttled') =>
      recordUserEvent(db, {
        kind: 'password_change',
        outcome,
        userId: user.id,
        email: user.email,
        address,
        userAgent: userAgent(c),
      });
    if (!decision.allowed) {
      await event('throttled');
      c.header('Retry-After', String(decision.retryAfterSeconds));
      throw new ApiError(429, 'too_many_attempts', undefined, { seconds: decision.retryAfterSeconds });
    }
    const row = await withTenantTransaction(db, { kind: 'login', email: user.email }, (trx) =>
      identity.findUserByEmail(trx, user.email),
    );
    if (!row || !(await verifyPassword(row.password_hash, currentPassword))) {
      await event('wrong_password');
      throw new ApiError(400, 'validation_failed', { currentPassword: 'current_password_wrong' });
    }
    if (currentPassword === newPassword) {
      throw new ApiError(400, 'validation_failed', { newPassword: 'password_unchanged' });
    }
    await throttle.recordSuccess(db, user.email, address);
    // every session of the user ends; this device gets a fresh one
    const fresh = await changePassword(db, user.id, newPassword);
    await event('success');
    setSessionCookie(c, fresh.token, fresh.expiresAt);
    await adoptSession(c, fresh.token);
    return c.json(await describeMe(c), 200);
  });

export const meRoutes = createRouter()
  .openapi(meRoute, async (c) => c.json(await describeMe(c), 200))
  .openapi(listSecurityEventsRoute, async (c) => {
    const actor = requireActor(c);
    // the district's admin and the platform admin; RLS holds each to its rows a second time
    const allowed =
      (actor.scope.kind === 'district' && actor.scope.role === 'district_admin') ||
      actor.scope.kind === 'platform';
    if (!allowed) throw forbidden();
    const query = c.req.valid('query');
    const rows = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      securityEvents.list(trx, {
        limit: query.limit,
        kind: query.kind,
        before: query.before ? new Date(query.before) : undefined,
      }),
    );
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.event_id,
          occurredAt: new Date(r.occurred_at).toISOString(),
          kind: r.kind,
          outcome: r.outcome,
          email: r.email,
          userId: r.user_id,
          districtId: r.district_id,
          address: r.address,
          userAgent: r.user_agent,
        })),
      },
      200,
    );
  });
