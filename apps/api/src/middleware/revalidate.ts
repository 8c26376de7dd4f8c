import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { etag } from 'hono/etag';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

const tagged = etag();

/**
 * The KPI answers (issue 14's light wire): an ETag of the answer and `Cache-Control: private, no-cache`, so the
 * cockpit's browser keeps its own copy (never a shared cache) and asks again each time; an unchanged answer comes
 * back as a bodyless 304. The tag is a hash of the body, so it changes exactly when the answer does — a report
 * approved in scope changes it, one in another district cannot. The statements still run once per request; what
 * is saved is the wire and the client's parsing (ADR 0024 says why not a data-version tag).
 * Other authenticated answers stay `no-store` (app.ts): they carry the register's and the people's details.
 */
export const revalidated = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'GET') return next();
  return tagged(c, async () => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'private, no-cache');
  });
});

/**
 * The answer's ETag from the value the handler is about to send (`c.json` sends exactly its JSON.stringify), so
 * `etag()` above finds the tag set and neither clones the finished answer nor reads it back as a stream to hash
 * it (issue 14, ADR 0030: that was most of a KPI request's time after its last statement). A GET route under
 * `revalidated` that does not call it still gets a correct tag, the slow way.
 */
export function tagAnswer(c: Context, value: unknown) {
  c.header('ETag', `"${createHash('sha1').update(JSON.stringify(value)).digest('base64url')}"`);
}
