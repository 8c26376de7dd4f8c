/**
 * Scope never leaks between requests sharing a connection: requests of two communities interleaved on a
 * one-connection pool (PostgreSQL) or on PGlite's single connection.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import { DEMO_IDS, seedDemo } from './seed/demo';
import { deterministicId } from './seed/deterministic-id';
import { type DbScope, withTenantTransaction } from './tenant';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase({ maxConnections: 1 });
  await seedDemo(handle.db, { hashPassword: async () => 'x' });
});
afterAll(async () => handle?.close());

const scopeOf = (communityId: string): DbScope => ({
  kind: 'community',
  userId: deterministicId('user:jinhui@dongqu.demo'),
  districtId: DEMO_IDS.dongqu,
  communityId,
});

it('interleaved requests of A and B never see each other’s scope', async () => {
  const names: Record<string, string> = {
    [DEMO_IDS.jinhui]: '金汇社区',
    [DEMO_IDS.wangjiangjie]: '望江街社区',
  };
  const requests = Array.from({ length: 40 }, (_, i) => {
    const communityId = i % 2 ? DEMO_IDS.jinhui : DEMO_IDS.wangjiangjie;
    return withTenantTransaction(handle.db, scopeOf(communityId), async (trx) => {
      const before = await trx.selectFrom('communities').select('name').execute();
      await new Promise((resolve) => setTimeout(resolve, i % 3)); // let others queue up behind us
      const setting = await sql<{ v: string }>`select current_setting('app.community_id', true) as v`.execute(
        trx,
      );
      const after = await trx.selectFrom('communities').select('name').execute();
      return { communityId, before, after, setting: setting.rows[0]?.v };
    });
  });
  const results = await Promise.all(requests);
  for (const r of results) {
    expect(r.setting).toBe(r.communityId);
    expect(r.before.map((c) => c.name)).toEqual([names[r.communityId]]);
    expect(r.after.map((c) => c.name)).toEqual([names[r.communityId]]);
  }
});

it('after a request the connection carries no role and no scope', async () => {
  await withTenantTransaction(handle.db, scopeOf(DEMO_IDS.jinhui), (trx) =>
    trx.selectFrom('communities').execute(),
  );
  const r = await sql<{ role: string; community: string | null; district: string | null }>`
    select current_user as role, current_setting('app.community_id', true) as community,
           current_setting('app.district_id', true) as district`.execute(handle.db);
  expect(r.rows[0]?.role).not.toBe('gongfu_app');
  expect(r.rows[0]?.community ?? '').toBe('');
  expect(r.rows[0]?.district ?? '').toBe('');
});

it('a failed request rolls back and leaves no scope behind', async () => {
  await expect(
    withTenantTransaction(handle.db, scopeOf(DEMO_IDS.jinhui), async (trx) => {
      await sql`select 1/0`.execute(trx);
    }),
  ).rejects.toThrow();
  const seen = await withTenantTransaction(handle.db, { kind: 'none' }, (trx) =>
    trx.selectFrom('communities').select('name').execute(),
  );
  expect(seen).toEqual([]);
});
