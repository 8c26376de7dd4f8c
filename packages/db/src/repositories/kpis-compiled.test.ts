/**
 * KPI statements are compiled once per shape and bound per request (kpis.ts compiledOnce, issue 14): the text is
 * shared, the clock is bound in its slot each time, and each district's statement carries its own district.
 */
import { KPI_KEYS, type Month } from '@gongfu/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connect';
import type { Database } from '../schema';
import { DEMO_IDS, seedDemo } from '../seed/demo';
import { deterministicId } from '../seed/deterministic-id';
import { seedDemoHistory } from '../seed/history';
import { type ScopedTransaction, withTenantTransaction } from '../tenant';
import { createTestDatabase } from '../testing';
import {
  computeKpis,
  districtSelection,
  type KpiComputation,
  kpiStatementCompiles,
  kpisRead,
  reportingMatrixRead,
} from './kpis';

let handle: DatabaseHandle;
let db: Kysely<Database>;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db, { hashPassword: async () => 'not-a-real-hash' });
  await seedDemoHistory(db);
});
afterAll(async () => handle?.close());

const computation = (districtId: string, nowEpoch?: number): KpiComputation => ({
  selection: districtSelection(districtId),
  windows: [
    { key: 'current', from: '2025-01' as Month, to: '2025-12' as Month },
    { key: 'previous', from: '2024-01' as Month, to: '2024-12' as Month },
  ],
  groupBy: 'community',
  keys: KPI_KEYS,
  ...(nowEpoch === undefined ? {} : { nowEpoch }),
});

function inDongqu<T>(work: (trx: ScopedTransaction) => Promise<T>): Promise<T> {
  return withTenantTransaction(
    db,
    { kind: 'district', userId: deterministicId('user:admin@dongqu.demo'), districtId: DEMO_IDS.dongqu },
    work,
  );
}

/** the positions where two parameter lists differ */
const differences = (a: readonly unknown[], b: readonly unknown[]) =>
  a.flatMap((value, i) => (Object.is(value, b[i]) ? [] : [i]));

describe('KPI statements compiled once per shape', () => {
  it('share their text and bind the clock in its own slot each time', async () => {
    const before = { ...kpiStatementCompiles };
    const [first, second] = await inDongqu(async (trx) => [
      await kpisRead(trx, computation(DEMO_IDS.dongqu, 1_700_000_000)),
      await kpisRead(trx, computation(DEMO_IDS.dongqu, 1_800_000_000)),
    ]);
    if (!first || !second) throw new Error('no statement');
    // compiled for the first request, reused for the second
    expect(kpiStatementCompiles.compiled - before.compiled).toBe(1);
    expect(kpiStatementCompiles.reused - before.reused).toBe(1);
    expect(second.query.sql).toBe(first.query.sql);
    expect(second.query.parameters).toHaveLength(first.query.parameters.length);
    // only the clock differs, and it holds each call's own
    const slots = differences(first.query.parameters, second.query.parameters);
    expect(slots.length).toBeGreaterThan(0);
    for (const i of slots) {
      expect(first.query.parameters[i]).toBe(1_700_000_000);
      expect(second.query.parameters[i]).toBe(1_800_000_000);
    }
    // no marker object leaves the cache: every parameter is a plain value
    for (const p of [...first.query.parameters, ...second.query.parameters])
      expect(['string', 'number']).toContain(typeof p);
    expect(second.query.queryId).not.toBe(first.query.queryId);
  });

  it('bind the current second when the caller names no clock', async () => {
    const before = Math.floor(Date.now() / 1000);
    const read = await inDongqu((trx) =>
      reportingMatrixRead(trx, {
        selection: districtSelection(DEMO_IDS.dongqu),
        from: '2025-01' as Month,
        to: '2025-06' as Month,
      }),
    );
    const after = Math.floor(Date.now() / 1000);
    const clock = read.parameters.filter((p) => typeof p === 'number' && p >= before && p <= after);
    expect(clock.length).toBeGreaterThan(0);
  });

  it("answer a district's figures with its own district, never another's of the same shape", async () => {
    const before = kpiStatementCompiles.compiled;
    const [dongqu, xiqu] = await inDongqu(async (trx) => [
      await kpisRead(trx, computation(DEMO_IDS.dongqu, 1_700_000_000)),
      await kpisRead(trx, computation(DEMO_IDS.xiqu, 1_700_000_000)),
    ]);
    if (!dongqu || !xiqu) throw new Error('no statement');
    // the selection is part of the shape: the second district's statement is compiled for it
    expect(kpiStatementCompiles.compiled - before).toBe(1);
    expect(dongqu.query.parameters).toContain(DEMO_IDS.dongqu);
    expect(dongqu.query.parameters).not.toContain(DEMO_IDS.xiqu);
    expect(xiqu.query.parameters).toContain(DEMO_IDS.xiqu);
    expect(xiqu.query.parameters).not.toContain(DEMO_IDS.dongqu);
  });

  it('give the same figures from the cache as when first compiled', async () => {
    const args = computation(DEMO_IDS.dongqu, 1_750_000_000);
    // a shape no other test asked for: the first call compiles it
    const once = { ...args, keys: KPI_KEYS.slice(0, 5), groupBy: 'street_office' as const };
    const before = { ...kpiStatementCompiles };
    const [compiled, cached] = await inDongqu(async (trx) => [
      await computeKpis(trx, once),
      await computeKpis(trx, once),
    ]);
    expect(kpiStatementCompiles.compiled - before.compiled).toBe(1);
    expect(kpiStatementCompiles.reused - before.reused).toBe(1);
    expect(compiled.length).toBeGreaterThan(0);
    expect(cached).toEqual(compiled);
  });
});
