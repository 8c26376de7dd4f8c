import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { errorBody } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cross-site state-changing requests. Hono's csrf() only looks at form bodies; a JSON request
 * from another site is refused here by what the browser says of it: `Sec-Fetch-Site` when present,
 * else `Origin` against our own host. Clients that send neither (curl, server-to-server) are not
 * browsers and carry no ambient cookie risk.
 */
export const rejectCrossSite = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    let crossSite = false;
    if (site) {
      crossSite = site !== 'same-origin' && site !== 'none';
    } else if (origin) {
      const host = (c.get('deps').trustProxy && c.req.header('x-forwarded-host')) || c.req.header('host');
      try {
        crossSite = origin === 'null' || new URL(origin).host !== host;
      } catch {
        crossSite = true;
      }
    }
    if (crossSite) return c.json(errorBody(c, 'cross_site_request'), 403);
  }
  await next();
});
