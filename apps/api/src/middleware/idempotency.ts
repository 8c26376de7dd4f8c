import { createHash } from 'node:crypto';
import { jsonbFromText, withTenantTransaction } from '@gongfu/db';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { errorBody } from '../errors';
import { adoptSession, readSessionToken } from './session';

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * `Idempotency-Key` for writes: the first answer to (user, key) is stored and replayed for the same
 * request; the same key with another body is 422; a retry while the first is still running is 409.
 * A failed first attempt (5xx) is forgotten so it can be retried. Keys are per user (RLS: own rows).
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (!key || !WRITE.has(c.req.method)) return next();
  // a route that checks its session in its own transaction (ADR 0022) has not checked it yet: a keyed
  // write checks it here, as every write did before, and the route then runs in the actor's scope
  const token = c.get('session') ? undefined : readSessionToken(c);
  if (token) await adoptSession(c, token);
  const session = c.get('session');
  if (!session) return next();
  if (!KEY.test(key)) {
    return c.json(errorBody(c, 'validation_failed', { 'Idempotency-Key': 'invalid' }), 400);
  }
  const { db } = c.get('deps');
  const userId = session.user.id;
  const body = await c.req.text(); // cached by hono: the route's validator reads it again
  // the path as sent, still percent-encoded: c.req.path is decoded, and a `%00` in it would put a NUL
  // into the stored row (PostgreSQL refuses it: a 500)
  const path = new URL(c.req.url).pathname;
  const hash = createHash('sha256').update(`${c.req.method} ${path}\n${body}`).digest('hex');
  const scope = { kind: 'user', userId } as const;

  const existing = await withTenantTransaction(db, scope, async (trx) => {
    const row = await trx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status', 'body'])
      .where('user_id', '=', userId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (row) return row;
    const inserted = await trx
      .insertInto('idempotency_keys')
      .values({
        user_id: userId,
        idempotency_key: key,
        request_hash: hash,
        method: c.req.method,
        path,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('user_id')
      .executeTakeFirst();
    // lost a race with the same key: the other request is the first one
    return inserted ? null : { request_hash: hash, status: null, body: null };
  });

  if (existing) {
    if (existing.request_hash !== hash) return c.json(errorBody(c, 'idempotency_key_reused'), 422);
    if (existing.status === null) return c.json(errorBody(c, 'idempotency_in_progress'), 409);
    c.header('Idempotent-Replayed', 'true');
    if (existing.status === 204) return c.body(null, 204);
    return c.json(existing.body as object, existing.status as 200);
  }

  try {
    await next();
  } finally {
    const status = c.res.status;
    await withTenantTransaction(db, scope, async (trx) => {
      const where = trx
        .deleteFrom('idempotency_keys')
        .where('user_id', '=', userId)
        .where('idempotency_key', '=', key);
      // an answer marked no-store carries a secret shown once (an initial password): never kept, so never replayed
      if (status >= 500 || !c.res || c.res.headers.get('cache-control')?.includes('no-store')) {
        await where.execute();
        return;
      }
      const text = status === 204 ? null : await c.res.clone().text();
      await trx
        .updateTable('idempotency_keys')
        .set({ status, body: text === null ? null : jsonbFromText(text) })
        .where('user_id', '=', userId)
        .where('idempotency_key', '=', key)
        .execute();
    });
  }
});
