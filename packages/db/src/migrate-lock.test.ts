/**
 * The migration lock is held for one transaction only (ADR 0028). Every server start migrates (a no-op when the
 * schema is current) and several API processes may start at once; behind PgBouncer in transaction mode a
 * session-level advisory lock taken in one transaction and released in the next can land on two different server
 * connections, and the lock then stays on a pooled connection for the next start to wait on.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './connect';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations';
import { createTestDatabase } from './testing';
import { testDatabaseUrl } from './testing/env';

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

it('two first starts at once on an empty database both migrate it', async () => {
  const empty = await emptyDatabase();
  try {
    const [a, b] = [await empty.open(), await empty.open()];
    try {
      const results = await Promise.allSettled([migrateToLatest(a.db), migrateToLatest(b.db)]);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
      const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(a.db);
      expect(applied.rows[0]?.n).toBe(Object.keys(migrations).length);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  } finally {
    await empty.drop();
  }
});

/** A new empty database: on the PostgreSQL server of DATABASE_URL, or one in-memory PGlite shared by both opens. */
async function emptyDatabase() {
  if (!testDatabaseUrl) {
    const shared = await openDatabase();
    return { open: async () => ({ db: shared.db, close: async () => {} }), drop: () => shared.close() };
  }
  const name = `gongfu_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    open: () => openDatabase({ url: url.toString() }),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
