import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context';
import { errorBody } from '../errors';

/** JSON bodies: the largest real one (a month's report with its explanations) is a few KB. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Bounds every request body before anything reads it — login included, so no one unauthenticated can
 * make the server buffer 100 MB. A declared Content-Length over the limit is refused unread; a chunked
 * body is counted as it streams and cut off at the limit. No route takes uploads: should one need more,
 * give it its own bodyLimit before this one.
 */
export const limitBody = bodyLimit({
  maxSize: JSON_BODY_LIMIT_BYTES,
  onError: (c) =>
    c.json(errorBody(c as Context<AppEnv>, 'payload_too_large', undefined, { limit: '1 MB' }), 413),
});
