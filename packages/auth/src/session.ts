import {
  type Database,
  identity,
  type RequestScope,
  type ScopedTransaction,
  withSessionTransaction,
  withTenantTransaction,
} from '@gongfu/db';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';

/**
 * Sessions the way Lucia's current guide teaches (the `lucia` package is deprecated, see
 * docs/decisions/0002): a token `<id>.<secret>` from the CSPRNG, 160 bits each; only SHA-256 of the
 * secret is stored and compared in constant time; sliding expiry bounded by an absolute lifetime.
 */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000; // 12 h without use ends the session
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000; // no session lives longer than 7 days
/** Extend only when less than this remains, so an active user costs one write per hour at most. */
const REFRESH_WHEN_LEFT_MS = SESSION_IDLE_MS - 60 * 60 * 1000;

function randomPart(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  locale: 'zh-CN' | 'en';
  /** an admin set the password (invite, reset): only the password change is allowed until done (ADR 0025) */
  mustChangePassword: boolean;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  expiresAt: Date;
  /** true when this validation slid the expiry forward: only then does the cookie need setting again */
  extended: boolean;
  /**
   * The user's memberships, read in the same transaction as the session (the session scope reaches the
   * session's own user's memberships): one round of statements per request instead of two.
   */
  memberships: Awaited<ReturnType<typeof identity.listMembershipsOfUser>>;
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  now = new Date(),
  options: { login?: boolean } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const id = randomPart();
  const secret = randomPart();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await withTenantTransaction(db, { kind: 'user', userId }, async (trx) => {
    await identity.insertSession(trx, {
      session_id: id,
      secret_hash: hashSecret(secret),
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
      absolute_expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    });
    // a login (not the fresh session after a password change) is what the district's users table shows
    if (options.login) await identity.stampLastLogin(trx, userId, now);
  });
  return { token: `${id}.${secret}`, expiresAt };
}

function parseToken(token: string): { id: string; secret: string } | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!/^[a-z2-7]{32}$/.test(id) || !/^[a-z2-7]{32}$/.test(secret)) return null;
  return { id, secret };
}

/** The session of a token, or null if it is malformed, unknown, expired, or its user is disabled. */
export async function validateSessionToken(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<ValidSession | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  return withTenantTransaction(db, { kind: 'session', sessionId: parsed.id }, async (trx) => {
    const row = await identity.findSessionWithUser(trx, parsed.id);
    if (!row) return null;
    if (!constantTimeEqual(hashSecret(parsed.secret), new Uint8Array(row.secret_hash))) return null;
    const expiresAt = new Date(row.expires_at);
    const absolute = new Date(row.absolute_expires_at);
    if (now >= expiresAt || now >= absolute || row.disabled_at) {
      await identity.deleteSession(trx, parsed.id);
      return null;
    }
    let effectiveExpiry = expiresAt;
    if (expiresAt.getTime() - now.getTime() < REFRESH_WHEN_LEFT_MS) {
      effectiveExpiry = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absolute.getTime()));
      await identity.extendSession(trx, parsed.id, effectiveExpiry);
    }
    return {
      sessionId: parsed.id,
      expiresAt: effectiveExpiry,
      extended: effectiveExpiry !== expiresAt,
      memberships: await identity.listMembershipsOfUser(trx, row.user_id),
      user: {
        id: row.user_id,
        email: row.email,
        displayName: row.display_name,
        locale: row.locale === 'en' ? 'en' : 'zh-CN',
        mustChangePassword: row.must_change_password === true,
      },
    };
  });
}

/** A session checked inside a request's transaction, with the membership the request acts under. */
export interface RequestSession {
  sessionId: string;
  user: SessionUser;
  expiresAt: Date;
  /** true when the expiry slid on this request: only then does the cookie need setting again */
  extended: boolean;
  membership: {
    membershipId: string;
    role: string;
    districtId: string | null;
    communityId: string | null;
    partnerId: string | null;
  };
}

/** Why a request's session was refused: no live session (401), or no membership to act under (403). */
export type SessionRefusal = 'no_session' | 'membership_not_found' | 'no_membership';

/**
 * A request's one transaction (ADR 0022): checks the token's session in the same transaction as the
 * work — the session and the named membership (else the first) read by one statement, the secret
 * compared here in constant time, idle and absolute expiry checked — then switches to the scope
 * `scopeOf` names and runs `work`. A refused session rolls back before any tenant statement (an
 * expired one is deleted and committed). The sliding expiry (at most hourly) is written after the
 * transaction, in its own: no request pays a write otherwise, and a failed handler, which rolls back
 * its transaction, cannot undo it.
 */
export async function withRequestSession<C, T>(
  db: Kysely<Database>,
  token: string,
  options: { membershipId: string | null; now?: Date },
  scopeOf: (session: RequestSession) => { scope: RequestScope; context: C },
  work: (trx: ScopedTransaction, context: C, session: RequestSession) => Promise<T>,
): Promise<{ ok: true; value: T; session: RequestSession } | { ok: false; refused: SessionRefusal }> {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, refused: 'no_session' };
  const now = options.now ?? new Date();
  let checked: RequestSession | undefined;
  try {
    const result = await withSessionTransaction<{ context: C; session: RequestSession }, SessionRefusal, T>(
      db,
      { sessionId: parsed.id, membershipId: options.membershipId },
      async (row, trx) => {
        if (!row) return { refused: 'no_session' };
        if (!constantTimeEqual(hashSecret(parsed.secret), new Uint8Array(row.secret_hash))) {
          return { refused: 'no_session' };
        }
        const expiresAt = new Date(row.expires_at);
        const absolute = new Date(row.absolute_expires_at);
        if (now >= expiresAt || now >= absolute || row.disabled_at) {
          await identity.deleteSession(trx, parsed.id);
          return { refused: 'no_session', keep: true };
        }
        const slides = expiresAt.getTime() - now.getTime() < REFRESH_WHEN_LEFT_MS;
        const session: RequestSession = {
          sessionId: parsed.id,
          user: {
            id: row.user_id,
            email: row.email,
            displayName: row.display_name,
            locale: row.locale === 'en' ? 'en' : 'zh-CN',
            mustChangePassword: row.must_change_password === true,
          },
          expiresAt: slides
            ? new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absolute.getTime()))
            : expiresAt,
          extended: slides,
          membership: {
            membershipId: row.membership_id ?? '',
            role: row.role ?? '',
            districtId: row.district_id,
            communityId: row.community_id,
            partnerId: row.partner_id,
          },
        };
        checked = session;
        if (row.membership_id === null || row.role === null) {
          return { refused: options.membershipId === null ? 'no_membership' : 'membership_not_found' };
        }
        const { scope, context } = scopeOf(session);
        return { scope, context: { context, session } };
      },
      (trx, { context, session }) => work(trx, context, session),
    );
    if (!result.ok) return result;
    return { ok: true, value: result.value, session: checked as RequestSession };
  } finally {
    if (checked?.extended) await slideSession(db, checked.sessionId, checked.expiresAt);
  }
}

/** Moves a live session's idle expiry forward, in the one-session scope, in a transaction of its own. */
async function slideSession(db: Kysely<Database>, sessionId: string, expiresAt: Date): Promise<void> {
  await withTenantTransaction(db, { kind: 'session', sessionId }, (trx) =>
    identity.extendSession(trx, sessionId, expiresAt),
  );
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await withTenantTransaction(db, { kind: 'session', sessionId }, (trx) =>
    identity.deleteSession(trx, sessionId),
  );
}

/**
 * Logout: ends the session of a whole token — its secret checked in constant time first, as on every
 * request — so knowing a session's id (it is no secret: logs, a shoulder) is not enough to end it.
 * Returns whether a session ended.
 */
export async function invalidateSessionToken(db: Kysely<Database>, token: string): Promise<boolean> {
  return (await endSession(db, token)) !== null;
}

/** Ends the session of a whole token (secret compared in constant time); its user, for the logout's event. */
export async function endSession(
  db: Kysely<Database>,
  token: string,
): Promise<{ userId: string; email: string } | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  return withTenantTransaction(db, { kind: 'session', sessionId: parsed.id }, async (trx) => {
    const row = await identity.findSessionWithUser(trx, parsed.id);
    if (!row || !constantTimeEqual(hashSecret(parsed.secret), new Uint8Array(row.secret_hash))) return null;
    await identity.deleteSession(trx, parsed.id);
    return { userId: row.user_id, email: row.email };
  });
}

export async function invalidateUserSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await withTenantTransaction(db, { kind: 'user', userId }, (trx) =>
    identity.deleteSessionsOfUser(trx, userId),
  );
}

/** The session id of a token (for logout), or null when the token is malformed. */
export function sessionIdOf(token: string): string | null {
  return parseToken(token)?.id ?? null;
}
