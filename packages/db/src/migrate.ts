import type { Kysely } from 'kysely';
import { type MigrationResultSet, Migrator } from 'kysely/migration';
import { migrations } from './migrations';
import type { Database } from './schema';

export class MigrationFailedError extends Error {}

/** Brings the schema up to date. Runs as the connecting (owner) role, never as the runtime role. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationFailedError(
      `migration ${failed?.migrationName ?? '?'} failed: ${(result.error as Error).message ?? result.error}`,
      { cause: result.error },
    );
  }
  return result;
}
