import { type Kysely, sql } from 'kysely';

/**
 * The residents' public board (公示栏, issue 11) names who answers for a community's funds and where a
 * resident takes a question or an objection: the responsible organisation (负责单位, e.g. the community's
 * residents' committee) and a feedback channel (监督反馈: a phone number or an address), both set by the
 * community. NULL: not set (the board says so). Columns only: the communities table's RLS (0900) holds.
 * Frozen once shipped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE communities
    ADD COLUMN responsible_org text CHECK (char_length(responsible_org) BETWEEN 1 AND 100),
    ADD COLUMN feedback_channel text CHECK (char_length(feedback_channel) BETWEEN 1 AND 200)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE communities DROP COLUMN IF EXISTS feedback_channel, DROP COLUMN IF EXISTS responsible_org`.execute(
    db,
  );
}
