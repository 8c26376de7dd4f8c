/**
 * What `withTenantTransaction` leaves in force inside the transaction: the runtime role and exactly the
 * scope's settings, values carried verbatim (bound, not spliced), malformed scopes refused up front.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import { InvalidScopeError, RUNTIME_ROLE, withTenantTransaction } from './tenant';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase({ maxConnections: 1 });
});
afterAll(async () => handle?.close());

const USER = '0a0b0c0d-0000-4000-8000-000000000001';
const DISTRICT = '0a0b0c0d-0000-4000-8000-000000000002';

const settings = sql<{
  role: string;
  kind: string | null;
  user_id: string | null;
  district_id: string | null;
  community_id: string | null;
  login_email: string | null;
}>`select current_user as role,
          current_setting('app.scope_kind', true) as kind,
          current_setting('app.user_id', true) as user_id,
          current_setting('app.district_id', true) as district_id,
          current_setting('app.community_id', true) as community_id,
          current_setting('app.login_email', true) as login_email`;

it('runs as the runtime role with the scope’s settings and no others', async () => {
  const row = await withTenantTransaction(
    handle.db,
    { kind: 'platform', userId: USER.toUpperCase() },
    async (trx) => (await settings.execute(trx)).rows[0],
  );
  expect(row).toMatchObject({ role: RUNTIME_ROLE, kind: 'platform', user_id: USER });
  expect(row?.district_id ?? '').toBe('');
  expect(row?.community_id ?? '').toBe('');
  expect(row?.login_email ?? '').toBe('');
});

it('carries a value with quotes verbatim', async () => {
  const email = "o'brien;--@example.org";
  const row = await withTenantTransaction(
    handle.db,
    { kind: 'login', email: ` ${email.toUpperCase()} ` },
    async (trx) => (await settings.execute(trx)).rows[0],
  );
  expect(row).toMatchObject({ role: RUNTIME_ROLE, kind: 'login', login_email: email });
});

it('the role and settings end with the transaction', async () => {
  await withTenantTransaction(handle.db, { kind: 'user', userId: USER }, async () => {});
  const row = (await settings.execute(handle.db)).rows[0];
  expect(row?.role).not.toBe(RUNTIME_ROLE);
  expect(row?.kind ?? '').toBe('');
  expect(row?.user_id ?? '').toBe('');
});

it('refuses a malformed scope before opening a transaction', async () => {
  const work = async () => 'ran';
  await expect(
    withTenantTransaction(handle.db, { kind: 'district', userId: 'nope', districtId: DISTRICT }, work),
  ).rejects.toBeInstanceOf(InvalidScopeError);
  await expect(
    withTenantTransaction(handle.db, { kind: 'session', sessionId: "x' or '1'='1" }, work),
  ).rejects.toBeInstanceOf(InvalidScopeError);
  await expect(
    withTenantTransaction(handle.db, { kind: 'login', email: 'a\\b@example.org' }, work),
  ).rejects.toBeInstanceOf(InvalidScopeError);
});
