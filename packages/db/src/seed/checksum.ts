import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';

/**
 * A digest of every table's rows, for "same seed → same data". Read by the connecting role (the owner
 * or superuser, as in the tests), so it sees all districts. Left out: what the database itself stamps
 * at write time — `created_at` where the seed lets it default to now() and generated membership ids. Ledger
 * entries are kept whole: the stories' postings through `postLedgerEntry` carry their ids and booking instants too.
 */
export const CHECKSUM_TABLES = [
  'districts',
  'street_offices',
  'communities',
  'partners',
  'users',
  'platform_admins',
  'memberships',
  'ventures',
  'assets',
  'asset_appraisals',
  'companies',
  'shareholdings',
  'operator_agreements',
  'monthly_reports',
  'report_events',
  'distribution_rules',
  'funds',
  'ledger_entries',
  'proposals',
  'proposal_objections',
  'pledges',
  'pledge_fulfilments',
] as const;

const STAMPED = ['created_at', 'updated_at', 'password_changed_at', 'membership_id'];
const KEEP_STAMPS = new Set(['monthly_reports', 'report_events', 'ledger_entries']);
const EXTRA: Record<string, string[]> = {};

export async function tableChecksums(
  db: Kysely<Database>,
): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const table of CHECKSUM_TABLES) {
    const drop = [...(KEEP_STAMPS.has(table) ? [] : STAMPED), ...(EXTRA[table] ?? [])]
      .map((column) => ` - '${column}'`)
      .join('');
    const { rows } = await sql<{ rows: number; md5: string }>`
      select count(*)::int as rows,
             md5(coalesce(string_agg(doc, E'\n' order by doc), '')) as md5
      from (select (to_jsonb(t)${sql.raw(drop)})::text as doc from ${sql.table(table)} t) docs`.execute(db);
    result[table] = rows[0] ?? { rows: 0, md5: '' };
  }
  return result;
}
