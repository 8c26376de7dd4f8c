import { type Kysely, sql } from 'kysely';
import { type MigrationResultSet, Migrator } from 'kysely/migration';
import { MIGRATION_LOCK_ID } from './connect';
import { migrations } from './migrations';
import type { Database } from './schema';

export class MigrationFailedError extends Error {}

class FailedRun extends Error {
  constructor(readonly run: MigrationResultSet) {
    super('migration run failed');
  }
}

/** Brings the schema up to date. Runs as the connecting (owner) role, never as the runtime role. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  // one transaction for the lock and every pending migration: the lock is transaction-scoped (connect.ts, ADR 0028)
  const result = await db
    .transaction()
    .execute(async (trx) => {
      // the lock first: Kysely creates its own tables before it locks, and two first starts at once on an empty
      // database would both create them (one fails, and aborts this transaction)
      await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_ID)})`.execute(trx);
      const run = await new Migrator({
        db: trx,
        provider: { getMigrations: async () => migrations },
      }).migrateToLatest();
      // a failed migration rolls the whole run back, as Kysely's own transaction did
      if (run.error) throw new FailedRun(run);
      return run;
    })
    .catch((error: unknown) => {
      if (error instanceof FailedRun) return error.run;
      throw error;
    });
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationFailedError(
      `migration ${failed?.migrationName ?? '?'} failed: ${(result.error as Error).message ?? result.error}`,
      { cause: result.error },
    );
  }
  if (result.results?.some((r) => r.status === 'Success')) await deriveScopePolicies(db);
  return result;
}

/**
 * The scope roles' policies and grants are derived from the runtime role's (migration 1500, ADR 0007):
 * regenerated after every migration run, so a table added later is policed for every scope role too.
 */
async function deriveScopePolicies(db: Kysely<Database>) {
  const exists = await sql<{ present: boolean }>`
    select to_regprocedure('gongfu_derive_scope_policies()') is not null as present`.execute(db);
  if (exists.rows[0]?.present) await sql`select gongfu_derive_scope_policies()`.execute(db);
}
