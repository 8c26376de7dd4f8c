/**
 * Many transactions at once on the default pool (10 connections), each of two parameterised statements with a
 * pause between: each sees only its own scope, and every statement runs. On a plain pool this is the pool-leak
 * test under concurrency; through PgBouncer in transaction mode (infra/pgbouncer/test-through-pgbouncer.sh,
 * ADR 0028) a client connection's transactions land on different server connections, so a prepared statement or a
 * scope left on a server connection would surface here — with postgres.js' prepared statements left on
 * (no `?prepare=false`), about half of such transactions fail with "prepared statement … does not exist".
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
  handle = await createTestDatabase();
  await seedDemo(handle.db, { hashPassword: async () => 'x' });
});
afterAll(async () => handle?.close());

const communities = [
  { id: DEMO_IDS.jinhui, name: '金汇社区' },
  { id: DEMO_IDS.wangjiangjie, name: '望江街社区' },
];

const scopeOf = (communityId: string): DbScope => ({
  kind: 'community',
  userId: deterministicId('user:jinhui@dongqu.demo'),
  districtId: DEMO_IDS.dongqu,
  communityId,
});

it('300 concurrent transactions each see their own scope, and every parameterised statement runs', async () => {
  const outcomes = await Promise.allSettled(
    Array.from({ length: 300 }, (_, i) => {
      const community = communities[i % 2] as (typeof communities)[number];
      return withTenantTransaction(handle.db, scopeOf(community.id), async (trx) => {
        const first = await trx
          .selectFrom('communities')
          .select('name')
          .where('community_id', '=', community.id)
          .execute();
        await new Promise((resolve) => setTimeout(resolve, i % 4)); // let other clients take the server connection
        const second = await sql<{ community: string; n: number }>`
          select current_setting('app.community_id', true) as community, ${i}::int as n`.execute(trx);
        const all = await trx.selectFrom('communities').select('name').execute();
        return { community, first, second: second.rows[0], all, i };
      });
    }),
  );
  const failures = outcomes.flatMap((o) =>
    o.status === 'rejected' ? [String(o.reason?.message ?? o.reason)] : [],
  );
  expect(failures).toEqual([]);
  for (const o of outcomes) {
    if (o.status !== 'fulfilled') continue;
    const r = o.value;
    expect(r.first.map((c) => c.name)).toEqual([r.community.name]);
    expect(r.all.map((c) => c.name)).toEqual([r.community.name]);
    expect(r.second).toEqual({ community: r.community.id, n: r.i });
  }
});
