/**
 * `pnpm migrate`: migrates DATABASE_URL (as the owner role), or the embedded database in DATA_DIR
 * (default: .data/pglite at the repository root).
 */
import { resolve } from 'node:path';
import { openDatabase } from '../connect';
import { migrateToLatest } from '../migrate';

const url = process.env.DATABASE_URL;
const dataDir = process.env.DATA_DIR ?? resolve(import.meta.dirname, '../../../../.data/pglite');
const handle = await openDatabase(url ? { url } : { dataDir });
try {
  const result = await migrateToLatest(handle.db);
  const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
} finally {
  await handle.close();
}
