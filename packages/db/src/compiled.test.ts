/**
 * `compiledStatement` (ADR 0033): built and compiled once, bound per call — each call's values in their slots, the
 * builder's own constants kept, the same text every time.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { compiledStatement } from './compiled';
import type { DatabaseHandle } from './connect';
import { withTenantTransaction } from './tenant';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

it('compiles once and binds each call’s values in their slots, a value used twice in both places', async () => {
  const build = vi.fn(
    (_trx, values: { n: number; word: string }) =>
      sql<{ n: number; word: string; again: string; fixed: string }>`select ${values.n}::int as n,
      ${values.word}::text as word, ${values.word}::text as again, ${'constant'}::text as fixed`,
  );
  const statement = compiledStatement(build);
  const [first, second] = await withTenantTransaction(handle.db, { kind: 'none' }, async (trx) => {
    const one = statement(trx, { n: 1, word: 'one' });
    const two = statement(trx, { n: 2, word: 'two' });
    expect(two.sql).toBe(one.sql);
    expect(two.queryId).not.toBe(one.queryId);
    return [(await trx.executeQuery(one)).rows, (await trx.executeQuery(two)).rows];
  });
  expect(build).toHaveBeenCalledTimes(1);
  expect(first).toEqual([{ n: 1, word: 'one', again: 'one', fixed: 'constant' }]);
  expect(second).toEqual([{ n: 2, word: 'two', again: 'two', fixed: 'constant' }]);
});
