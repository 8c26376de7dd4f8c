import type { Insertable, Selectable } from 'kysely';
import type { ApiTokensTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

export type ApiTokenRow = Omit<Selectable<ApiTokensTable>, 'secret_hash'> & {
  created_by_name: string | null;
  /** the name of the token's one venture, as the caller's scope sees it (null: no venture, or out of sight) */
  venture_name: string | null;
};

/** A new token: the caller's scope (community or partner) must be the token's (the insert policy checks it). */
export async function insertToken(trx: ScopedTransaction, row: Insertable<ApiTokensTable>) {
  await trx.insertInto('api_tokens').values(row).execute();
}

/** The tokens the scope reaches (RLS: its community's or partner's; a district all of its own), newest first. */
export async function listTokens(trx: ScopedTransaction, districtId: string): Promise<ApiTokenRow[]> {
  return trx
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.user_id', 't.created_by')
    .leftJoin('ventures as v', (join) =>
      join.onRef('v.district_id', '=', 't.district_id').onRef('v.venture_id', '=', 't.venture_id'),
    )
    .select([
      't.district_id',
      't.token_id',
      't.membership_id',
      't.created_by',
      't.community_id',
      't.partner_id',
      't.venture_id',
      't.name',
      't.scopes',
      't.expires_at',
      't.last_used_at',
      't.revoked_at',
      't.revoked_by',
      't.created_at',
      'u.display_name as created_by_name',
      'v.name as venture_name',
    ])
    .where('t.district_id', '=', districtId)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.token_id')
    .execute();
}

/** A venture the caller's scope sees (RLS), for a token limited to it: its id, or undefined. */
export async function findVisibleVenture(
  trx: ScopedTransaction,
  districtId: string,
  ventureId: string,
): Promise<{ venture_id: string; community_id: string } | undefined> {
  return trx
    .selectFrom('ventures')
    .select(['venture_id', 'community_id'])
    .where('district_id', '=', districtId)
    .where('venture_id', '=', ventureId)
    .executeTakeFirst();
}

/** Revokes a live token the scope reaches; the row (or undefined when none was revoked) is returned. */
export async function revokeToken(
  trx: ScopedTransaction,
  districtId: string,
  tokenId: string,
  by: string,
  at: Date,
): Promise<{ token_id: string; name: string; community_id: string | null } | undefined> {
  return trx
    .updateTable('api_tokens')
    .set({ revoked_at: at, revoked_by: by })
    .where('district_id', '=', districtId)
    .where('token_id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .returning(['token_id', 'name', 'community_id'])
    .executeTakeFirst();
}

/** The token scope stamps its own last use. */
export async function touchToken(trx: ScopedTransaction, tokenId: string, at: Date) {
  await trx.updateTable('api_tokens').set({ last_used_at: at }).where('token_id', '=', tokenId).execute();
}
