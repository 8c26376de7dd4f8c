import { type Kysely, sql } from 'kysely';

/**
 * The register's optimistic locking and soft delete where the earlier migrations left them out:
 * street offices and the district's settings gain a `version` (a stale update is refused, never
 * overwritten), and assets gain `deleted_at` — an appraised asset keeps its appraisal history, which is
 * append-only, so it is retired rather than deleted. Columns only: the tables' RLS (0900, 1200) holds.
 * Frozen once shipped.
 */
const statements: string[] = [
  `ALTER TABLE street_offices ADD COLUMN version integer NOT NULL DEFAULT 1`,
  `ALTER TABLE districts ADD COLUMN version integer NOT NULL DEFAULT 1`,
  `ALTER TABLE assets ADD COLUMN deleted_at timestamptz`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE assets DROP COLUMN IF EXISTS deleted_at').execute(db);
  await sql.raw('ALTER TABLE districts DROP COLUMN IF EXISTS version').execute(db);
  await sql.raw('ALTER TABLE street_offices DROP COLUMN IF EXISTS version').execute(db);
}
