import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';
import type { AppEnv } from './context';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileAt(root: string, path: string): Promise<string | null> {
  const full = normalize(join(root, decodeURIComponent(path)));
  if (full !== root && !full.startsWith(root + sep)) return null; // no way out of the folder
  try {
    return (await stat(full)).isFile() ? full : null;
  } catch {
    return null;
  }
}

/**
 * Serves the built admin app: its files, and index.html for every other path so the client-side
 * router can take it (SPA fallback). Hashed assets are cached for a year; index.html never.
 */
export function serveAdmin(root: string) {
  const base = normalize(root);
  return async (c: Context<AppEnv>) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.notFound();
    // an unknown API path is the API's 404, not the admin's page (e.g. /api/test/clock when not enabled)
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return c.notFound();
    let path: string;
    try {
      path = (await fileAt(base, c.req.path)) ?? '';
    } catch {
      path = '';
    }
    const file = path || (await fileAt(base, 'index.html'));
    if (!file) {
      return c.text('The admin app is not built: run `pnpm build` (pnpm start does it for you).', 503);
    }
    const isIndex = file.endsWith(`${sep}index.html`);
    return c.body(await readFile(file), 200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  };
}
