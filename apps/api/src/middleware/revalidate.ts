import { hash } from 'node:crypto';
import type { Context, TypedResponse } from 'hono';
import { etag } from 'hono/etag';
import { createMiddleware } from 'hono/factory';
import type { JSONParsed } from 'hono/utils/types';
import type { AppEnv } from '../context';
import { acceptsGzip, bytesOf, COMPRESS_FROM_BYTES, gzipOnce, jsonBytes } from './json-wire';

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
 * A KPI answer, sent as its JSON text serialized once, straight to bytes (`jsonBytes`; issue 14, ADR 0030): its
 * ETag is the SHA-1 of that text, so `etag()` above neither clones the finished answer nor reads it back as a stream to hash it; and when the client
 * accepts gzip, the text is gzipped here in one call. compress() (app.ts) would pipe the finished answer through a
 * CompressionStream, which @hono/node-server then reads chunk by chunk — measured ~2 ms of an 18 KB ranking answer
 * against ~0.1 ms for one gzip call. compress() leaves an answer that already has a Content-Encoding alone.
 * The compressed representation's tag is weak (`W/"…"`), as compress() makes it: the bytes differ from the plain
 * one's, and `etag()` compares tags weakly, so either revalidates to 304. A GET route under `revalidated` that does
 * not use it still gets a correct tag, the slow way.
 */
export async function taggedJson<T>(c: Context, value: T) {
  const text = jsonBytes(value);
  // one call (no Hash object and its stream machinery): ~2 % of a small KPI answer's server CPU was createHash's
  const tag = hash('sha1', text, 'base64url');
  c.header('Content-Type', 'application/json');
  if (text.byteLength >= COMPRESS_FROM_BYTES && acceptsGzip(c.req.header('Accept-Encoding'))) {
    c.header('ETag', `W/"${tag}"`);
    c.header('Content-Encoding', 'gzip');
    const body = await gzipOnce(text);
    return c.body(bytesOf(body), 200) as unknown as JsonAnswer<T>;
  }
  c.header('ETag', `"${tag}"`);
  // its length, so that compress() sees an answer under its threshold as one (without it, compress() pipes even a
  // 20-byte answer through a CompressionStream)
  c.header('Content-Length', String(text.byteLength));
  return c.body(bytesOf(text), 200) as unknown as JsonAnswer<T>;
}

/** what `c.json(value, 200)` returns, so that an OpenAPI route's handler type-checks against its schema */
type JsonAnswer<T> = Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
