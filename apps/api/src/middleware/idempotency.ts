import { createHash } from 'node:crypto';
import { type Database, jsonbFromText, type ScopedTransaction, withTenantTransaction } from '@gongfu/db';
import { createMiddleware } from 'hono/factory';
import type { ExpressionBuilder } from 'kysely';
import type { AppEnv } from '../context';
import { ApiError, errorBody } from '../errors';
import { inTokenScope } from './api-token';
import { adoptSession, readSessionToken } from './session';

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** A session's stored answers carry no token (migration 2026-12-07T1000). */
const NO_TOKEN = '00000000-0000-0000-0000-000000000000';

/** Where a keyed write's answer is kept: whose it is, and the transaction (and RLS scope) that reads and writes it. */
interface Store {
  run<T>(
    work: (trx: ScopedTransaction, owner: { userId: string; tokenId: string }) => Promise<T>,
  ): Promise<T>;
}

/**
 * `Idempotency-Key` for writes: the first answer to (user, key) is stored and replayed for the same
 * request; the same key with another body is 422; a retry while the first is still running is 409.
 * A failed first attempt (5xx) is forgotten so it can be retried. Keys are per user (RLS: own rows) and, for an
 * API token's request, per token: a token's answers are read and written in the token's own scope (the token
 * checked each time, `app.api_token_id` set), so neither its creator's session nor another token sees them.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (!key || !WRITE.has(c.req.method)) return next();
  const { db } = c.get('deps');
  let store: Store;
  const bearer = c.get('bearer');
  if (bearer) {
    if (!KEY.test(key)) {
      return c.json(errorBody(c, 'validation_failed', { 'Idempotency-Key': 'invalid' }), 400);
    }
    // the token's own transaction: its check, its creator's scope, and app.api_token_id that the policy matches
    store = {
      run: (work) =>
        inTokenScope(c, bearer, (trx, actor) =>
          work(trx, { userId: actor.userId, tokenId: c.get('apiToken')?.id ?? NO_TOKEN }),
        ),
    };
  } else {
    // a route that checks its session in its own transaction (ADR 0022) has not checked it yet: a keyed
    // write checks it here, as every write did before, and the route then runs in the actor's scope
    const token = c.get('session') ? undefined : readSessionToken(c);
    if (token) await adoptSession(c, token);
    const session = c.get('session');
    if (!session) return next();
    if (!KEY.test(key)) {
      return c.json(errorBody(c, 'validation_failed', { 'Idempotency-Key': 'invalid' }), 400);
    }
    const userId = session.user.id;
    store = {
      run: (work) =>
        withTenantTransaction(db, { kind: 'user', userId }, (trx) =>
          work(trx, { userId, tokenId: NO_TOKEN }),
        ),
    };
  }
  const body = await c.req.text(); // cached by hono: the route's validator reads it again
  // the path as sent, still percent-encoded: c.req.path is decoded, and a `%00` in it would put a NUL
  // into the stored row (PostgreSQL refuses it: a 500)
  const path = new URL(c.req.url).pathname;
  const hash = createHash('sha256').update(`${c.req.method} ${path}\n${body}`).digest('hex');
  /** this owner's row of this key (RLS holds the owner too) */
  const mine =
    (owner: { userId: string; tokenId: string }) => (eb: ExpressionBuilder<Database, 'idempotency_keys'>) =>
      eb.and([
        eb('user_id', '=', owner.userId),
        eb('api_token_id', '=', owner.tokenId),
        eb('idempotency_key', '=', key),
      ]);

  const existing = await store.run(async (trx, owner) => {
    const row = await trx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status', 'body'])
      .where(mine(owner))
      .executeTakeFirst();
    if (row) return row;
    const inserted = await trx
      .insertInto('idempotency_keys')
      .values({
        user_id: owner.userId,
        api_token_id: owner.tokenId,
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
    const kept = store.run(async (trx, owner) => {
      // an answer marked no-store carries a secret shown once (an initial password): never kept, so never replayed
      if (status >= 500 || !c.res || c.res.headers.get('cache-control')?.includes('no-store')) {
        await trx.deleteFrom('idempotency_keys').where(mine(owner)).execute();
        return;
      }
      const text = status === 204 ? null : await c.res.clone().text();
      await trx
        .updateTable('idempotency_keys')
        .set({ status, body: text === null ? null : jsonbFromText(text) })
        .where(mine(owner))
        .execute();
    });
    // a token revoked while its request ran is refused here: the answer stands, and the key stays unfinished — any
    // retry with that token is refused before it gets there
    await (bearer
      ? kept.catch((error) => (error instanceof ApiError ? undefined : Promise.reject(error)))
      : kept);
  }
});
