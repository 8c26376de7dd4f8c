/**
 * `withNextStatement` (driver.ts, ADR 0030): settings held back and sent with the transaction's next statement.
 * They must be in force for that statement, a held setting that fails must stop the statement from running,
 * and a transaction that only held settings sends nothing. On a Citus coordinator they go at once (ADR 0027),
 * which the same expectations hold for. `lastRead` (ADR 0033): `COMMIT` sent right behind the last read.
 */
import { type CompiledQuery, type Kysely, sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from './connect';
import { StatementAfterCommitError, withNextStatement } from './driver';
import type { Database } from './schema';
import { lastRead, pipelined, type ScopedTransaction } from './tenant';
import { createTestDatabase } from './testing';
import { testCitusWorkers, testDatabaseUrl } from './testing/env';

const sent: string[] = [];
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase({ maxConnections: 1, onStatement: (text) => sent.push(text) });
  // a sequence's nextval is not undone by a rollback: it shows whether a statement ran at all
  await sql`create sequence if not exists driver_test_ran`.execute(handle.db);
  await sql`create table if not exists driver_test_kept (n int not null)`.execute(handle.db);
});
afterAll(async () => {
  await sql`drop sequence if exists driver_test_ran`.execute(handle.db);
  await sql`drop table if exists driver_test_kept`.execute(handle.db);
  await handle?.close();
});

const ran = async () =>
  Number(
    (await sql<{ n: string }>`select last_value::text as n from driver_test_ran`.execute(handle.db)).rows[0]
      ?.n,
  );

it('held settings are in force for the next statement, parameterised or not', async () => {
  const row = await handle.db.transaction().execute(async (trx) => {
    await trx.executeQuery(withNextStatement("SET LOCAL app.held_a = 'one'"));
    await trx.executeQuery(withNextStatement("SET LOCAL app.held_b = 'two'"));
    return (
      await sql<{ a: string; b: string; p: string }>`select current_setting('app.held_a') as a,
        current_setting('app.held_b') as b, ${'bound'}::text as p`.execute(trx)
    ).rows[0];
  });
  expect(row).toEqual({ a: 'one', b: 'two', p: 'bound' });
  // and end with the transaction
  const after = await sql<{ a: string | null }>`select current_setting('app.held_a', true) as a`.execute(
    handle.db,
  );
  expect(after.rows[0]?.a ?? '').toBe('');
});

it('a held setting that fails fails the next statement with its own error, and the statement never runs', async () => {
  const before = await ran();
  await expect(
    handle.db.transaction().execute(async (trx) => {
      await trx.executeQuery(withNextStatement('SET LOCAL ROLE gongfu_no_such_role'));
      await sql`select nextval('driver_test_ran'), ${1}::int`.execute(trx);
    }),
  ).rejects.toThrow(/gongfu_no_such_role/);
  expect(await ran()).toBe(before);
  // the connection is clean for the next transaction
  const row = await handle.db
    .transaction()
    .execute(async (trx) => (await sql<{ one: number }>`select 1 as one`.execute(trx)).rows[0]);
  expect(row?.one).toBe(1);
});

// on a Citus coordinator held settings go at once, as their own message (ADR 0027): nothing is held there
it.runIf(testCitusWorkers === undefined)(
  'a transaction that only held settings sends nothing; settings held after a statement are dropped at commit',
  async () => {
    sent.length = 0;
    await handle.db.transaction().execute(async (trx) => {
      await trx.executeQuery(withNextStatement("SET LOCAL app.held_a = 'unused'"));
    });
    expect(sent).toEqual([]);

    await handle.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await trx.executeQuery(withNextStatement("SET LOCAL app.held_a = 'unused'"));
    });
    expect(sent.at(-1)).toBe('commit');
    expect(sent.join('\n')).not.toContain('unused');
  },
);

it.runIf(testDatabaseUrl !== undefined)(
  'a statement with many parameters (a bulk write) is not kept prepared on the connection; a small one is',
  async () => {
    const prepared = await handle.db.transaction().execute(async (trx) => {
      const many = Array.from({ length: 600 }, (_, i) => sql`${i}::int`);
      await sql`select ${sql.join(many, sql` + `)} as driver_test_many`.execute(trx);
      await sql`select ${1}::int as driver_test_few`.execute(trx);
      return (
        await sql<{ statement: string }>`select statement from pg_prepared_statements
          where statement like '%driver_test_%' and statement not like '%pg_prepared_statements%'`.execute(
          trx,
        )
      ).rows.map((r) => r.statement);
    });
    expect(prepared.some((s) => s.includes('driver_test_few'))).toBe(true);
    expect(prepared.some((s) => s.includes('driver_test_many'))).toBe(false);
  },
);

/**
 * On a second handle whose written statements are recorded, holds advisory lock `lockId` on one connection while
 * `start` runs a transaction whose first statement waits for it; once `written` shows what the driver should have
 * written behind that statement (which cannot have been answered yet: the lock is held here), lets the lock go and
 * returns what the transaction returned. PostgreSQL only: PGlite and a Citus coordinator wait for each answer.
 */
async function whileLockHeld<T>(
  lockId: number,
  start: (db: Kysely<Database>) => Promise<T>,
  writtenBehind: (written: readonly string[]) => boolean,
): Promise<T> {
  const written: string[] = [];
  const two = await createTestDatabase({ maxConnections: 2, onStatement: (text) => written.push(text) });
  try {
    return await two.db.connection().execute(async (holder) => {
      await sql`select pg_advisory_lock(${lockId}::bigint)`.execute(holder);
      written.length = 0;
      const running = start(two.db);
      await vi.waitFor(() => expect(writtenBehind(written)).toBe(true));
      await sql`select pg_advisory_unlock(${lockId}::bigint)`.execute(holder);
      return await running;
    });
  } finally {
    await two.close();
  }
}

describe('pipelined: independent reads sent together (ADR 0030)', () => {
  const together = <Q extends readonly CompiledQuery<unknown>[]>(trx: Transaction<Database>, queries: Q) =>
    pipelined(trx as ScopedTransaction, queries);

  it('answers in the order given, with the held settings in force for every one', async () => {
    const rows = await handle.db.transaction().execute(async (trx) => {
      await trx.executeQuery(withNextStatement("SET LOCAL app.held_a = 'held'"));
      return together(trx, [
        sql<{ a: string }>`select current_setting('app.held_a') as a`.compile(trx),
        sql<{ b: number }>`select ${2}::int as b`.compile(trx),
        sql<{ a: string }>`select current_setting('app.held_a') || ${'!'}::text as a`.compile(trx),
      ]);
    });
    expect(rows).toEqual([[{ a: 'held' }], [{ b: 2 }], [{ a: 'held!' }]]);
  });

  it('fails with the failing statement’s own error, and nothing after it runs', async () => {
    const before = await ran();
    await expect(
      handle.db
        .transaction()
        .execute(async (trx) =>
          together(trx, [
            sql`select ${1}::int / 0 as boom`.compile(trx),
            sql`select nextval('driver_test_ran'), ${1}::int`.compile(trx),
          ]),
        ),
    ).rejects.toThrow(/division by zero/);
    expect(await ran()).toBe(before);
  });

  // PGlite's wire and a Citus coordinator keep the order by waiting (`pipelines` is false there): one at a time
  it.runIf(testDatabaseUrl !== undefined && testCitusWorkers === undefined)(
    'on PostgreSQL the next statement is written while the one before still waits for its answer',
    async () => {
      const answers = await whileLockHeld(
        4242,
        (db) =>
          db
            .transaction()
            .execute(async (trx) =>
              together(trx, [
                sql`select pg_advisory_xact_lock(${4242}::bigint)::text as waited`.compile(trx),
                sql`select ${2}::int as driver_test_second`.compile(trx),
              ]),
            ),
        (written) => written.some((t) => t.includes('driver_test_second')),
      );
      expect(answers).toEqual([[{ waited: '' }], [{ driver_test_second: 2 }]]);
    },
  );
});

describe('lastRead: COMMIT right behind the last read (ADR 0033)', () => {
  const scoped = (trx: Transaction<Database>) => trx as ScopedTransaction;
  const kept = async (n: number) =>
    Number(
      (
        await sql<{ c: number }>`select count(*)::int as c from driver_test_kept where n = ${n}`.execute(
          handle.db,
        )
      ).rows[0]?.c,
    );

  it('sends COMMIT once, right behind the read, and what the transaction wrote before it is committed', async () => {
    sent.length = 0;
    const row = await handle.db.transaction().execute(async (trx) => {
      await sql`insert into driver_test_kept (n) values (${1})`.execute(trx);
      await lastRead(scoped(trx));
      return (await sql<{ last: number }>`select ${7}::int as last`.execute(trx)).rows[0];
    });
    expect(row).toEqual({ last: 7 });
    expect(sent.slice(-2)).toEqual(['select $1::int as last', 'commit']);
    expect(sent.filter((text) => text === 'commit')).toHaveLength(1);
    expect(await kept(1)).toBe(1);
  });

  it('a last read that fails ends the transaction as a rollback, with its own error', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`insert into driver_test_kept (n) values (${2})`.execute(trx);
        await lastRead(scoped(trx));
        await sql`select ${1}::int / 0 as boom`.execute(trx);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await kept(2)).toBe(0);
    // the connection is clean for the next transaction
    const row = await handle.db
      .transaction()
      .execute(async (trx) => (await sql<{ one: number }>`select 1 as one`.execute(trx)).rows[0]);
    expect(row?.one).toBe(1);
  });

  it('refuses a statement after it before sending it: the transaction had ended', async () => {
    const before = await ran();
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await lastRead(scoped(trx));
        await sql`select ${1}::int as last`.execute(trx);
        await sql`select nextval('driver_test_ran'), ${1}::int`.execute(trx);
      }),
    ).rejects.toThrow(StatementAfterCommitError);
    expect(await ran()).toBe(before);
  });

  it('goes behind the last of the next pipelined reads, with held settings in force for them all', async () => {
    sent.length = 0;
    const rows = await handle.db.transaction().execute(async (trx) => {
      await lastRead(scoped(trx));
      await trx.executeQuery(withNextStatement("SET LOCAL app.held_a = 'held'"));
      return pipelined(scoped(trx), [
        sql<{ a: string }>`select current_setting('app.held_a') as a`.compile(trx),
        sql<{ b: number }>`select ${2}::int as b`.compile(trx),
      ]);
    });
    expect(rows).toEqual([[{ a: 'held' }], [{ b: 2 }]]);
    expect(sent.at(-1)).toBe('commit');
    expect(sent.at(-2)).toBe('select $1::int as b');
    expect(sent.filter((text) => text === 'commit')).toHaveLength(1);
  });

  it('with no read after it, the transaction ends as it would have', async () => {
    sent.length = 0;
    await handle.db.transaction().execute(async (trx) => {
      await sql`insert into driver_test_kept (n) values (${3})`.execute(trx);
      await lastRead(scoped(trx));
    });
    expect(sent.at(-1)).toBe('commit');
    expect(await kept(3)).toBe(1);
  });

  // PGlite's wire and a Citus coordinator send COMMIT after the read's answer (`pipelines` is false there)
  it.runIf(testDatabaseUrl !== undefined && testCitusWorkers === undefined)(
    'on PostgreSQL COMMIT is written while the last read still waits for its answer',
    async () => {
      const rows = await whileLockHeld(
        4243,
        (db) =>
          db.transaction().execute(async (trx) => {
            await lastRead(scoped(trx));
            return (await sql`select pg_advisory_xact_lock(${4243}::bigint)::text as waited`.execute(trx))
              .rows;
          }),
        (written) => written.includes('commit'),
      );
      expect(rows).toEqual([{ waited: '' }]);
    },
  );
});
