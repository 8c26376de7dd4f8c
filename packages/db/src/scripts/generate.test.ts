import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connect';
import { tableChecksums } from '../seed/checksum';
import { generate } from '../seed/generator';
import { createTestDatabase } from '../testing';

const handles: DatabaseHandle[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
});

const TINY = { districts: 2, communities: 3, months: 5 };

async function generated(seed: number) {
  const handle = await createTestDatabase();
  handles.push(handle);
  const result = await generate(handle.db, { ...TINY, seed });
  return { handle, result, checksums: await tableChecksums(handle.db) };
}

describe('pnpm gen', () => {
  it('same seed → same rows; another seed → other rows', { timeout: 120_000 }, async () => {
    const first = await generated(7);
    const second = await generated(7);
    const other = await generated(8);
    expect(second.checksums).toEqual(first.checksums);
    expect(other.checksums.monthly_reports).not.toEqual(first.checksums.monthly_reports);
    expect(first.result.counts).toEqual(second.result.counts);
  });

  it('writes what the arguments ask for, and what it says it wrote', { timeout: 120_000 }, async () => {
    const { handle, result, checksums } = await generated(11);
    const db = handle.db;
    expect(checksums.districts?.rows).toBe(TINY.districts);
    expect(checksums.communities?.rows).toBe(TINY.districts * TINY.communities);
    for (const [table, count] of Object.entries(result.counts)) {
      expect(checksums[table as keyof typeof checksums]?.rows, table).toBe(count);
    }
    // every community of every district, each month of the range reported by someone, none outside it
    const perDistrict = await db
      .selectFrom('communities')
      .select(['district_id', sql<number>`count(*)::int`.as('n')])
      .groupBy('district_id')
      .execute();
    expect(perDistrict.map((r) => r.n)).toEqual(Array(TINY.districts).fill(TINY.communities));
    const months = await db
      .selectFrom('monthly_reports')
      .select(sql<string>`month`.as('month'))
      .distinct()
      .orderBy('month')
      .execute();
    expect(months.map((m) => m.month)).toHaveLength(TINY.months);
    expect(months[0]?.month).toBe(result.firstMonth);
    expect(months.at(-1)?.month).toBe(result.lastMonth);
    // the ledger holds each fund's balance, as postLedgerEntry keeps it
    const mismatched = await sql<{ n: number }>`
      select count(*)::int as n from funds f
      where f.balance_fen <> coalesce((select sum(direction * amount_fen) from ledger_entries e
                                       where e.fund_id = f.fund_id), 0)`.execute(db);
    expect(mismatched.rows[0]?.n).toBe(0);
    expect(result.counts.ledger_entries).toBeGreaterThan(0);
  });
});
