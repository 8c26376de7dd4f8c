/**
 * The migration lock is held for one transaction only (ADR 0028). Every server start migrates (a no-op when the
 * schema is current) and several API processes may start at once; behind PgBouncer in transaction mode a
 * session-level advisory lock taken in one transaction and released in the next can land on two different server
 * connections, and the lock then stays on a pooled connection for the next start to wait on.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import { migrateToLatest } from './migrate';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

it('migrations run at once from many connections leave no advisory lock behind', async () => {
  const results = await Promise.all(Array.from({ length: 8 }, () => migrateToLatest(handle.db)));
  for (const r of results) expect(r.error).toBeUndefined();
  // other clients' transactions in between, as a busy server has them
  await Promise.all(Array.from({ length: 20 }, () => sql`select 1`.execute(handle.db)));
  const locks = await sql<{ n: number }>`
    select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (
      select oid from pg_database where datname = current_database())`.execute(handle.db);
  expect(locks.rows[0]?.n).toBe(0);
});
