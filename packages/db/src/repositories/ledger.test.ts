/**
 * A fund found or made for a posting: concurrent approvals of one community never make two funds of one
 * kind — not even of kind 'other', which the unique index leaves out (a community may name several
 * 'other' funds itself). Meaningful on PostgreSQL, where the transactions really overlap.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connect';
import { DEMO_IDS, seedDemo } from '../seed/demo';
import { deterministicId } from '../seed/deterministic-id';
import { withTenantTransaction } from '../tenant';
import { createTestDatabase } from '../testing';
import { listFundEntries } from './funds';
import { ensureFund, postLedgerEntry } from './ledger';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase({ maxConnections: 10 });
  await seedDemo(handle.db, { hashPassword: async () => 'x' });
});
afterAll(async () => handle?.close());

const district = {
  kind: 'district',
  userId: deterministicId('user:admin@dongqu.demo'),
  districtId: DEMO_IDS.dongqu,
} as const;

async function fundsOfKind(kind: string) {
  return handle.db
    .selectFrom('funds')
    .select('fund_id')
    .where('community_id', '=', DEMO_IDS.dukou)
    .where('kind', '=', kind)
    .execute();
}

it.each(['other', 'reserve'])('eight concurrent postings to a new %s fund make one fund', async (kind) => {
  expect(await fundsOfKind(kind)).toEqual([]);
  const ids = await Promise.all(
    Array.from({ length: 8 }, () =>
      withTenantTransaction(handle.db, district, async (trx) => {
        const id = await ensureFund(trx, {
          districtId: DEMO_IDS.dongqu,
          communityId: DEMO_IDS.dukou,
          kind,
          name: kind === 'other' ? '其他资金' : '公积金（储备）',
        });
        // stay open a moment, as an approval does while it posts: the others overlap this transaction
        await new Promise((resolve) => setTimeout(resolve, 20));
        return id;
      }),
    ),
  );
  const funds = await fundsOfKind(kind);
  expect(funds).toHaveLength(1);
  expect(new Set(ids)).toEqual(new Set([funds[0]?.fund_id]));
});

it('books entries in the order they were posted, so every running balance is one the fund had', async () => {
  // one transaction posting in and out of one fund, as an amendment's reversal and new allocation do:
  // the transaction's start time alone cannot order them
  const entries = await withTenantTransaction(handle.db, district, async (trx) => {
    const fundId = await ensureFund(trx, {
      districtId: DEMO_IDS.dongqu,
      communityId: DEMO_IDS.wangjiangjie,
      kind: 'charity_common_prosperity',
      name: '慈善共富基金',
    });
    for (let i = 0; i < 20; i++) {
      const posted = await postLedgerEntry(trx, {
        districtId: DEMO_IDS.dongqu,
        communityId: DEMO_IDS.wangjiangjie,
        fundId,
        kind: i % 2 ? 'expenditure' : 'donation',
        direction: i % 2 ? -1 : 1,
        amountFen: 10_000,
        month: '2026-10',
        memo: `#${i}`,
      });
      expect(posted.posted).toBe(true);
    }
    return listFundEntries(trx, { districtId: DEMO_IDS.dongqu, fundIds: [fundId] });
  });
  expect(entries.map((e) => e.memo)).toEqual(Array.from({ length: 20 }, (_, i) => `#${i}`));
  expect(entries.map((e) => Number(e.balance_after_fen))).toEqual(
    Array.from({ length: 20 }, (_, i) => (i % 2 ? 0 : 10_000)),
  );
});
