import { type Database, identity, withTenantTransaction } from '@gongfu/db';
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
  input: { email: string; password: string; address: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  // counted before the password is checked, atomically: concurrent guesses cannot all slip under the limit
  const decision = await throttle.reserve(db, email, input.address);
  if (!decision.allowed)
    return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: decision.retryAfterSeconds };

  const user = await withTenantTransaction(db, { kind: 'login', email }, (trx) =>
    identity.findUserByEmail(trx, email),
  );
  const valid = user
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !valid || user.disabled_at) {
    // the failure was counted by reserve()
    return { ok: false, reason: 'invalid_credentials' };
  }
  await throttle.recordSuccess(db, email, input.address);
  const session = await createSession(db, user.user_id, new Date(), { login: true });
  return { ok: true, userId: user.user_id, ...session };
}
