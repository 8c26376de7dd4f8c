/**
 * `compiledPerShape` (ADR 0033): built and compiled once per shape, bound per call — each call's values in their
 * slots, the builder's own constants kept, the same text for every call of a shape; a shape that does not name what
 * its text is built from is refused rather than cached.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { compiledPerShape } from './compiled';
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
  const statement = compiledPerShape(build);
  const [first, second] = await withTenantTransaction(handle.db, { kind: 'none' }, async (trx) => {
    const one = statement(trx, { n: 1, word: 'one' });
    const two = statement(trx, { n: 2, word: 'two' });
    expect(two.sql).toBe(one.sql);
    expect(two.queryId).not.toBe(one.queryId);
    return [(await trx.executeQuery(one)).rows, (await trx.executeQuery(two)).rows];
  });
  // one shape: built twice at its first call (with slots, and with the values, to check them), never again
  expect(build).toHaveBeenCalledTimes(2);
  expect(first).toEqual([{ n: 1, word: 'one', again: 'one', fixed: 'constant' }]);
  expect(second).toEqual([{ n: 2, word: 'two', again: 'two', fixed: 'constant' }]);
});

interface Args {
  word: string;
  times?: number | undefined;
  loud: boolean;
  mode?: 'plain' | 'quoted';
}
const build = (a: Args) =>
  sql<{
    said: string;
  }>`select ${a.mode === 'quoted' ? sql`'"' || ` : sql``}${a.loud ? sql`upper(${a.word}::text)` : sql`${a.word}::text`}
    ${a.times === undefined ? sql`` : sql`|| repeat('!', ${a.times}::int)`} as said`;

it('compiledPerShape: one statement per shape (presence, booleans, named values), each call bound in it', async () => {
  const built = vi.fn((_trx, a: Args) => build(a));
  const statement = compiledPerShape(built, ['mode']);
  const said = await withTenantTransaction(handle.db, { kind: 'none' }, async (trx) => {
    const run = async (a: Args) => (await trx.executeQuery(statement(trx, a))).rows[0]?.said;
    return [
      await run({ word: 'a', loud: false }),
      await run({ word: 'b', loud: false }),
      await run({ word: 'c', times: 2, loud: false }),
      await run({ word: 'd', times: 3, loud: true }),
      await run({ word: 'e', times: 1, loud: true }),
      await run({ word: 'f', times: 1, loud: true, mode: 'quoted' }),
      await run({ word: 'g', times: 1, loud: true, mode: 'plain' }),
    ];
  });
  expect(said).toEqual(['a', 'b', 'c!!', 'D!!!', 'E!', '"F!', 'G!']);
  // five shapes, each built twice at its first call (with slots, and with the values, to check them)
  expect(built).toHaveBeenCalledTimes(10);
});

it('compiledPerShape: a value compared without being named a shape is refused, not cached for the next caller', async () => {
  const statement = compiledPerShape((_trx, a: Args) => build(a));
  await withTenantTransaction(handle.db, { kind: 'none' }, async (trx) => {
    expect(() => statement(trx, { word: 'a', loud: false, mode: 'quoted' })).toThrow(
      /built from more than its shape/,
    );
  });
});

it('compiledPerShape: a value the builder looks into is a slot, and the first call fails', async () => {
  const statement = compiledPerShape((_trx, a: Args) => sql`select ${a.word.toUpperCase()}::text as said`);
  await withTenantTransaction(handle.db, { kind: 'none' }, async (trx) => {
    expect(() => statement(trx, { word: 'a', loud: false })).toThrow(TypeError);
  });
});
