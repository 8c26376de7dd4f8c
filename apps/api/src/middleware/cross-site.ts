import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { errorBody } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The origin this server is reached at (ADR 0019): PUBLIC_ORIGIN when set; else the request's own URL
 * (node builds it from the Host header), with TRUST_PROXY the proxy's X-Forwarded-Proto and -Host instead.
 */
export function ownOrigin(c: Context<AppEnv>): string {
  const { publicOrigin, trustProxy } = c.get('deps');
  if (publicOrigin) return publicOrigin;
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.slice(0, -1);
  const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || url.host;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return 'null'; // forwarded nonsense: no Origin equals it
  }
}

function sameOrigin(origin: string, own: string): boolean {
  if (origin === 'null') return false; // sandboxed frames, opaque redirects: never us
  try {
    // URL's origin drops default ports and lowercases, so http://localhost:80 is http://localhost
    return new URL(origin).origin === own;
  } catch {
    return false;
  }
}

/**
 * Refuses cross-site state-changing requests. Hono's csrf() only looks at form bodies; a JSON request
 * from another site is refused here by what the browser says of it. A present `Origin` must be exactly
 * ours — scheme, host and port — and a foreign one always loses, whatever `Sec-Fetch-Site` claims; a
 * `Sec-Fetch-Site` other than same-origin or none loses too. Clients that send neither (curl,
 * server-to-server) are not browsers and carry no ambient cookie risk.
 */
export const rejectCrossSite = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const crossSite =
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && !sameOrigin(origin, ownOrigin(c)));
    if (crossSite) return c.json(errorBody(c, 'cross_site_request'), 403);
  }
  await next();
});
