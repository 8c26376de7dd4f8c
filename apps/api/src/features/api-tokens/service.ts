import { newApiToken } from '@gongfu/auth';
import type { ApiToken, ApiTokenCreate, ApiTokenList } from '@gongfu/contract';
import { apiTokens, audit, type ScopedTransaction } from '@gongfu/db';

type ApiTokenRow = apiTokens.ApiTokenRow;

import type { Role } from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, notFound } from '../../errors';

/** Who creates tokens: the roles whose scope is a community's or a partner's own (ADR 0026). */
const CREATORS: ReadonlySet<Role> = new Set(['community_admin', 'partner_operator']);
/** Who may see and revoke them: the creators, and the district's admins over their district. */
const KEEPERS: ReadonlySet<Role> = new Set(['community_admin', 'partner_operator', 'district_admin']);

const DAY_MS = 24 * 60 * 60 * 1000;

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function toApiToken(row: ApiTokenRow, now: Date): ApiToken {
  const status = row.revoked_at ? 'revoked' : new Date(row.expires_at) <= now ? 'expired' : 'active';
  return {
    id: row.token_id,
    name: row.name,
    scopes: row.scopes as ApiToken['scopes'],
    communityId: row.community_id,
    partnerId: row.partner_id,
    ventureId: row.venture_id,
    ventureName: row.venture_name,
    expiresAt: iso(row.expires_at) as string,
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    createdAt: iso(row.created_at) as string,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    status,
  };
}

function districtOf(actor: Actor): string {
  if (!actor.scope.districtId) throw new ApiError(403, 'forbidden');
  return actor.scope.districtId;
}

export async function listTokens(
  trx: ScopedTransaction,
  actor: Actor,
  now = new Date(),
): Promise<ApiTokenList> {
  if (!KEEPERS.has(actor.scope.role)) throw new ApiError(403, 'forbidden');
  const rows = await apiTokens.listTokens(trx, districtOf(actor));
  return { items: rows.map((r) => toApiToken(r, now)), total: rows.length };
}

/**
 * Creates a token acting as the caller's own membership — for one of its ventures only when `ventureId` is given,
 * which must be a venture the caller's scope sees (read under its RLS; the table's keys and policy check it again).
 * The token string is answered once, never stored.
 */
export async function createToken(
  trx: ScopedTransaction,
  actor: Actor,
  input: ApiTokenCreate,
  requestId: string,
  now = new Date(),
): Promise<{ apiToken: ApiToken; token: string }> {
  if (!CREATORS.has(actor.scope.role)) throw new ApiError(403, 'api_token_role');
  const districtId = districtOf(actor);
  const ventureId = input.ventureId ?? null;
  if (ventureId !== null && !(await apiTokens.findVisibleVenture(trx, districtId, ventureId))) {
    throw new ApiError(400, 'validation_failed', { ventureId: 'api_token_venture_out_of_scope' });
  }
  const { tokenId, token, secretHash } = newApiToken();
  const scopes = [...new Set(input.scopes)];
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  await apiTokens.insertToken(trx, {
    district_id: districtId,
    token_id: tokenId,
    membership_id: actor.scope.membershipId,
    created_by: actor.userId,
    community_id: actor.scope.communityId,
    partner_id: actor.scope.kind === 'partner' ? actor.scope.partnerId : null,
    venture_id: ventureId,
    name: input.name,
    scopes,
    secret_hash: secretHash,
    expires_at: expiresAt,
    last_used_at: null,
    revoked_at: null,
    revoked_by: null,
  });
  await audit.appendAudit(trx, {
    districtId,
    communityId: actor.scope.communityId,
    actorUserId: actor.userId,
    action: 'api_token.create',
    entityType: 'api_token',
    entityId: tokenId,
    after: {
      name: input.name,
      scopes,
      expiresAt: expiresAt.toISOString(),
      ...(ventureId ? { ventureId } : {}),
    },
    requestId,
  });
  const row = (await apiTokens.listTokens(trx, districtId)).find((r) => r.token_id === tokenId);
  if (!row) throw notFound();
  return { apiToken: toApiToken(row, now), token };
}

/** Revokes a token at once: the next request with it is refused. Revoking a revoked token changes nothing. */
export async function revokeToken(
  trx: ScopedTransaction,
  actor: Actor,
  tokenId: string,
  requestId: string,
  now = new Date(),
): Promise<ApiToken> {
  if (!KEEPERS.has(actor.scope.role)) throw new ApiError(403, 'forbidden');
  const districtId = districtOf(actor);
  const revoked = await apiTokens.revokeToken(trx, districtId, tokenId, actor.userId, now);
  if (revoked) {
    await audit.appendAudit(trx, {
      districtId,
      communityId: revoked.community_id,
      actorUserId: actor.userId,
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: tokenId,
      after: { name: revoked.name, revokedAt: now.toISOString() },
      requestId,
    });
  }
  const row = (await apiTokens.listTokens(trx, districtId)).find((r) => r.token_id === tokenId);
  if (!row) throw notFound();
  return toApiToken(row, now);
}
