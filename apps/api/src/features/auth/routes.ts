import { invalidateSessionToken, login } from '@gongfu/auth';
import { loginRoute, logoutRoute, meRoute } from '@gongfu/contract';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { ApiError } from '../../errors';
import {
  adoptSession,
  clearSessionCookie,
  readSessionToken,
  setSessionCookie,
} from '../../middleware/session';
import { createRouter } from '../../router';
import { describeMe } from './service';

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
    const result = await login(db, throttle, { email, password, address: clientAddress(c) });
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
    if (token) await invalidateSessionToken(c.get('deps').db, token);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

export const meRoutes = createRouter().openapi(meRoute, async (c) => c.json(await describeMe(c), 200));
