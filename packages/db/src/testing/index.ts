import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type DatabaseHandle, openDatabase } from '../connect';
import type { StatementObserver } from '../driver';
import { migrateToLatest } from '../migrate';
import { distributeTestDatabase, dropCitusDatabase, prepareCitusDatabase } from './citus';
import { testCitusWorkers, testDatabaseUrl, testPgliteWorker } from './env';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default (in a worker thread with
 * GONGFU_TEST_PGLITE_WORKER=1); with DATABASE_URL set, a new database on that PostgreSQL server (created here,
 * dropped by `close`), so test files never share rows.
 */
export async function createTestDatabase(
  options: { maxConnections?: number; onStatement?: StatementObserver } = {},
): Promise<DatabaseHandle> {
  const url = testDatabaseUrl;
  if (!url) {
    const handle = await openDatabase({ onStatement: options.onStatement, worker: testPgliteWorker });
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = `gongfu_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  if (testCitusWorkers) await prepareCitusDatabase(url, name, testCitusWorkers);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await openDatabase({
    url: testUrl.toString(),
    maxConnections: options.maxConnections,
    onStatement: options.onStatement,
    citus: testCitusWorkers !== undefined,
  });
  await migrateToLatest(handle.db);
  if (testCitusWorkers) await distributeTestDatabase(testUrl.toString());
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      if (testCitusWorkers) await dropCitusDatabase(url, name, testCitusWorkers);
      await admin.end();
    },
  };
}
