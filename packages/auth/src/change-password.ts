import { type Database, identity, withTenantTransaction } from '@gongfu/db';
import type { Kysely } from 'kysely';
import { hashPassword } from './password';
import { createSession } from './session';

/**
 * Sets a new password and ends every session of the user — all devices must log in again — then opens
 * a fresh session for the device that made the change.
 */
export async function changePassword(db: Kysely<Database>, userId: string, newPassword: string) {
  const passwordHash = await hashPassword(newPassword);
  await withTenantTransaction(db, { kind: 'user', userId }, async (trx) => {
    await identity.updatePasswordHash(trx, userId, passwordHash);
    await identity.deleteSessionsOfUser(trx, userId);
  });
  return createSession(db, userId);
}
