import {
  apiTokens,
  type Database,
  type RequestScope,
  type ScopedTransaction,
  type TokenCheckRow,
  withTenantTransaction,
  withTokenTransaction,
} from '@gongfu/db';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';

/**
 * API tokens for company systems (ADR 0026): `gft_<token id, 32 hex>_<secret, 32 base32>`, the secret 160 bits
 * from the CSPRNG; only SHA-256 of the secret is stored and it is compared in constant time, as for sessions.
 * The id is no secret (the list shows it); the secret is shown once, at creation.
 */
export const API_TOKEN_SCOPES = ['report:write', 'report:read', 'register:read'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** The last use is stamped at most once a minute: a busy system costs no write per request. */
const TOUCH_EVERY_MS = 60 * 1000;
const TOKEN = /^gft_([0-9a-f]{32})_([a-z2-7]{32})$/;

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** The token id of a well-formed token string (a UUID), else null. */
export function apiTokenIdOf(token: string): string | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const h = m[1] as string;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A fresh token: its id, the string shown once, and the hash that is stored. */
export function newApiToken(): { tokenId: string; token: string; secretHash: Uint8Array } {
  const tokenId = crypto.randomUUID();
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const secret = encodeBase32LowerCaseNoPadding(bytes);
  return { tokenId, token: `gft_${tokenId.replaceAll('-', '')}_${secret}`, secretHash: hashSecret(secret) };
}

/** What a checked token acts as. */
export interface RequestToken {
  tokenId: string;
  name: string;
  scopes: ApiTokenScope[];
  /** the one venture the token is limited to (its request runs with `app.venture_id`), else null */
  ventureId: string | null;
  user: { id: string; email: string; displayName: string; locale: 'zh-CN' | 'en' };
  membership: {
    membershipId: string;
    role: string;
    districtId: string | null;
    communityId: string | null;
    partnerId: string | null;
  };
}

/**
 * Why a token was refused: unknown, wrong secret, revoked, expired, its user disabled or its membership gone
 * are all one answer to the caller (401), so a guess learns nothing about which ids exist.
 */
export type TokenRefusal = 'no_token';

/**
 * A request's one transaction under an API token: the token checked (secret in constant time, expiry,
 * revocation, the creator's account and membership) in the same transaction as the work, which then runs in
 * the scope of the creator's membership (`scopeOf`) with `app.api_token_id` set for the audit trail.
 */
export async function withRequestToken<C, T>(
  db: Kysely<Database>,
  token: string,
  options: { now?: Date },
  scopeOf: (token: RequestToken) => { scope: RequestScope; context: C },
  work: (trx: ScopedTransaction, context: C, token: RequestToken) => Promise<T>,
): Promise<{ ok: true; value: T; token: RequestToken } | { ok: false; refused: TokenRefusal }> {
  const tokenId = apiTokenIdOf(token);
  if (!tokenId) return { ok: false, refused: 'no_token' };
  const secret = token.slice(-32);
  const now = options.now ?? new Date();
  let checked: RequestToken | undefined;
  let touch = false;
  let result: Awaited<
    ReturnType<typeof withTokenTransaction<{ context: C; token: RequestToken }, TokenRefusal, T>>
  >;
  try {
    result = await withTokenTransaction<{ context: C; token: RequestToken }, TokenRefusal, T>(
      db,
      tokenId,
      (row: TokenCheckRow | undefined) => {
        if (!row) return { refused: 'no_token' };
        if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash)))
          return { refused: 'no_token' };
        if (row.revoked_at || now >= new Date(row.expires_at) || row.disabled_at)
          return { refused: 'no_token' };
        if (row.membership_id === null || row.role === null) return { refused: 'no_token' };
        const requestToken: RequestToken = {
          tokenId,
          name: row.name,
          scopes: row.scopes.filter((s): s is ApiTokenScope =>
            (API_TOKEN_SCOPES as readonly string[]).includes(s),
          ),
          ventureId: row.venture_id ?? null,
          user: {
            id: row.user_id,
            email: row.email,
            displayName: row.display_name,
            locale: row.locale === 'en' ? 'en' : 'zh-CN',
          },
          membership: {
            membershipId: row.membership_id,
            role: row.role,
            districtId: row.district_id,
            communityId: row.community_id,
            partnerId: row.partner_id,
          },
        };
        checked = requestToken;
        touch = !row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= TOUCH_EVERY_MS;
        const { scope, context } = scopeOf(requestToken);
        return { scope, context: { context, token: requestToken } };
      },
      (trx, { context, token: t }) => work(trx, context, t),
    );
  } finally {
    // after the work, in its own transaction: a failed handler's rollback does not undo the stamp
    if (checked && touch) await touchApiToken(db, tokenId, now);
  }
  if (!result.ok) return result;
  return { ok: true, value: result.value, token: checked as unknown as RequestToken };
}

async function touchApiToken(db: Kysely<Database>, tokenId: string, at: Date) {
  await withTenantTransaction(db, { kind: 'token', tokenId }, (trx) =>
    apiTokens.touchToken(trx, tokenId, at),
  );
}
