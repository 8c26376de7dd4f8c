import { type Database, identity, securityEvents, withTenantTransaction } from '@gongfu/db';
import type { Kysely } from 'kysely';
import { verifyAgainstDummy, verifyPassword } from './password';
import { createSession } from './session';
import type { LoginThrottle } from './throttle';

export type LoginResult =
  | { ok: true; userId: string; token: string; expiresAt: Date }
  /** one outcome for unknown email, wrong password and disabled account: nothing tells them apart */
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number };

export async function login(
  db: Kysely<Database>,
  throttle: LoginThrottle,
  input: { email: string; password: string; address: string; userAgent?: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  // every attempt is a security event (ADR 0025): the answer stays one for all failures, the event says which
  const event = (
    outcome: 'success' | 'wrong_password' | 'unknown_account' | 'throttled' | 'disabled',
    userId: string | null,
  ) =>
    withTenantTransaction(db, { kind: 'login', email }, async (trx) => {
      await securityEvents.record(trx, {
        kind: 'login',
        outcome,
        email,
        user_id: userId,
        address: input.address,
        user_agent: input.userAgent ?? '',
      });
      // bounded like the throttle's counters: a success prunes what is past keeping
      if (outcome === 'success') await securityEvents.pruneExpired(trx);
    });
  // counted before the password is checked, atomically: concurrent guesses cannot all slip under the limit
  const decision = await throttle.reserve(db, email, input.address);
  if (!decision.allowed) {
    const known = await withTenantTransaction(db, { kind: 'login', email }, (trx) =>
      identity.findUserByEmail(trx, email),
    );
    await event('throttled', known?.user_id ?? null);
    return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: decision.retryAfterSeconds };
  }

  const user = await withTenantTransaction(db, { kind: 'login', email }, (trx) =>
    identity.findUserByEmail(trx, email),
  );
  const valid = user
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !valid || user.disabled_at) {
    // the failure was counted by reserve()
    await event(!user ? 'unknown_account' : !valid ? 'wrong_password' : 'disabled', user?.user_id ?? null);
    return { ok: false, reason: 'invalid_credentials' };
  }
  await throttle.recordSuccess(db, email, input.address);
  const session = await createSession(db, user.user_id, new Date(), { login: true });
  await event('success', user.user_id);
  return { ok: true, userId: user.user_id, ...session };
}

/** A logout or a user's own password change, in the user's own scope (ADR 0025). */
export async function recordUserEvent(
  db: Kysely<Database>,
  input: {
    kind: 'logout' | 'password_change';
    outcome: 'success' | 'wrong_password' | 'throttled';
    userId: string;
    email: string;
    address: string;
    userAgent?: string;
  },
) {
  await withTenantTransaction(db, { kind: 'user', userId: input.userId }, (trx) =>
    securityEvents.record(trx, {
      kind: input.kind,
      outcome: input.outcome,
      email: input.email,
      user_id: input.userId,
      address: input.address,
      user_agent: input.userAgent ?? '',
    }),
  );
}
