import { type Kysely, sql } from 'kysely';

/**
 * A draft remembers which of its zeros the reporter typed (ADR 0042). Frozen once shipped.
 *
 * A figure column is NOT NULL DEFAULT 0, and a blank field is sent as 0 ("按 0 计"), so a saved draft could not tell
 * "nothing happened this month, I typed 0" from "not filled in yet": the form showed every 0 of a draft as blank, and
 * a typed 0 came back empty after a reload and was counted among the unfilled. `typed_zeros` lists the figures whose
 * 0 was typed; every other 0 of a draft or a returned report is a blank. The default (none) is exactly how every
 * existing draft was shown, so no row needs rewriting. A jsonb array as `returned_fields` is; a column with a constant
 * default is added without rewriting the table, on PostgreSQL and on Citus's shards alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE monthly_reports ADD COLUMN typed_zeros jsonb NOT NULL DEFAULT '[]'::jsonb
            CHECK (jsonb_typeof(typed_zeros) = 'array')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE monthly_reports DROP COLUMN IF EXISTS typed_zeros`.execute(db);
}
