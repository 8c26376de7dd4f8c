import { validateSessionToken } from '@gongfu/auth';
import { isRole, type MembershipLike, scopeOf } from '@gongfu/domain';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Actor, AppEnv } from '../context';
import { ApiError, unauthenticated } from '../errors';
import { checksSessionInItsTransaction } from './request-scope';

const COOKIE = 'gongfu_session';
/** Over HTTPS the cookie takes the __Host- prefix: Secure, Path=/, no Domain, so no subdomain can plant it. */
const SECURE_COOKIE = `__Host-${COOKIE}`;

export function isHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  // people reach it over HTTPS (PUBLIC_ORIGIN, ADR 0019) even when a proxy speaks plain HTTP to node
  if (c.get('deps').publicOrigin?.startsWith('https:')) return true;
  return Boolean(c.get('deps').trustProxy) && c.req.header('x-forwarded-proto') === 'https';
}

export function readSessionToken(c: Context<AppEnv>): string | undefined {
  // a request that carries an API token is that token's only (ADR 0026): its cookie is never read
  if (c.get('bearer')) return undefined;
  return getCookie(c, SECURE_COOKIE) ?? getCookie(c, COOKIE);
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  const secure = isHttps(c);
  setCookie(c, secure ? SECURE_COOKIE : COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, COOKIE, { path: '/' });
  if (isHttps(c)) deleteCookie(c, SECURE_COOKIE, { path: '/', secure: true });
}

/**
 * Makes a token the request's session: validates it and puts the user and their memberships on the
 * context. Returns false (and clears the cookie) when the token is not a live session.
 */
export async function adoptSession(c: Context<AppEnv>, token: string): Promise<boolean> {
  const { db } = c.get('deps');
  const session = await validateSessionToken(db, token);
  if (!session) {
    clearSessionCookie(c);
    return false;
  }
  const rows = session.memberships;
  c.set('session', { sessionId: session.sessionId, user: session.user });
  c.set('actor', undefined);
  c.set(
    'memberships',
    rows.flatMap((r): MembershipLike[] =>
      isRole(r.role)
        ? [
            {
              id: r.membership_id,
              role: r.role,
              districtId: r.district_id,
              communityId: r.community_id,
              partnerId: r.partner_id,
            },
          ]
        : [],
    ),
  );
  // keep the cookie's expiry in step with the sliding session: it moves only when the session slid
  // (at most hourly), so other requests need no Set-Cookie (login sets its cookie itself)
  if (session.extended) setSessionCookie(c, token, session.expiresAt);
  return true;
}

/**
 * Reads the session cookie, if any, into the context. Routes decide whether they need one. A route that
 * checks the session in its own transaction (`foldsSession`, ADR 0022) is left the cookie: one transaction
 * per request; any other route gets the session checked here, in a transaction of its own.
 */
export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  c.set('session', undefined);
  c.set('actor', undefined);
  c.set('memberships', []);
  const token = readSessionToken(c);
  if (token && !checksSessionInItsTransaction(c)) await adoptSession(c, token);
  await next();
});

/**
 * The actor of a request: its user and the membership it acts under — the one named by the
 * `X-Gongfu-Membership` header, else the user's first. 401 without a session.
 */
export function requireActor(
  c: Context<AppEnv>,
  options: { evenBeforePasswordChange?: boolean } = {},
): Actor {
  const session = c.get('session');
  // an admin set this password: nothing but me, logout and the change until it is changed (ADR 0025)
  if (session?.user.mustChangePassword && !options.evenBeforePasswordChange) {
    throw new ApiError(403, 'password_change_required');
  }
  const cached = c.get('actor');
  if (cached) return cached;
  if (!session) throw unauthenticated();
  const memberships = c.get('memberships');
  const wanted = c.req.header('x-gongfu-membership');
  const membership = wanted ? memberships.find((m) => m.id === wanted) : memberships[0];
  if (!membership) throw new ApiError(403, wanted ? 'membership_not_found' : 'forbidden');
  const actor = { userId: session.user.id, scope: scopeOf(session.user.id, membership) };
  c.set('actor', actor);
  return actor;
}
