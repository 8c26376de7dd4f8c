import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Next } from 'hono';
import type { AppEnv } from './context';

const HASHED_ASSET = /^\/assets\//;

/**
 * Serves the built admin app with @hono/node-server's serveStatic: its files — the brotli or gzip copy the admin
 * build wrote beside each (apps/admin/precompress.mjs) when the browser accepts it — and index.html for every other
 * path so the client-side router can take it (SPA fallback). Hashed assets are cached for a year; index.html is
 * revalidated every time, so a new build reaches users on their next visit.
 */
export function serveAdmin(root: string) {
  const base = normalize(root);
  const files = serveStatic<AppEnv>({
    root: base,
    precompressed: true,
  });
  const index = serveStatic<AppEnv>({
    root: base,
    path: 'index.html',
    precompressed: true,
  });
  return async (c: Context<AppEnv>, next: Next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.notFound();
    // an unknown API path is the API's 404, not the admin's page (e.g. /api/test/clock when not enabled)
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return c.notFound();
    if (!existsSync(join(base, 'index.html'))) {
      return c.text('The admin app is not built: run `pnpm build` (pnpm start does it for you).', 503);
    }
    // headers first: serveStatic builds its response before its onFound hook runs
    setCaching(c, HASHED_ASSET.test(c.req.path));
    const served = await files(c, async () => {});
    if (served) return served;
    setCaching(c, false);
    return (await index(c, next)) ?? c.notFound();
  };
}

function setCaching(c: Context<AppEnv>, immutable: boolean) {
  c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  c.header('X-Content-Type-Options', 'nosniff');
}
