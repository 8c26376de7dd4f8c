/**
 * PGlite in a worker thread (pglite-thread.ts, ADR 0029) answers as PGlite in this thread does: the same values of
 * the same types, the same errors with every field PostgreSQL sent; its own failures reject queries (never a hang);
 * close ends the worker; PGlite's options and extensions reach it; the statement observer sees every message.
 * Embedded database only: there is no PostgreSQL path here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './connect';
import { simpleProtocolQuery } from './driver';
import { PGliteThread } from './pglite-thread';

let inThread: DatabaseHandle;
let inWorker: DatabaseHandle;
const folders: string[] = [];
beforeAll(async () => {
  [inThread, inWorker] = await Promise.all([openDatabase(), openDatabase({ worker: true })]);
});
afterAll(async () => {
  await Promise.all([inThread?.close(), inWorker?.close()]);
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function tempFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-pglite-thread-'));
  folders.push(dir);
  return dir;
}

/** The same statement on both databases. */
async function onBoth<T>(run: (db: DatabaseHandle['db']) => Promise<T>): Promise<[T, T]> {
  return [await run(inThread.db), await run(inWorker.db)];
}

/** An error as a comparable value: its class, name, message and every own field. */
async function failureOf(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { ...e, isError: e instanceof Error, name: e.name, message: e.message, code: e.code };
  }
  throw new Error('the statement did not fail');
}

const representative = (db: DatabaseHandle['db']) =>
  sql`
    select timestamptz '2026-12-04 08:30:00.123+08' as at, date '2026-12-04' as day, 12.3400::numeric as amount,
           9007199254740993::int8 as big, 42::int8 as small, ${9007199254740993n}::int8 as from_bigint,
           ${'2026-12-04T08:30:00Z'}::timestamptz as from_text, array['a', null, 'b,c'] as tags, '{1,2}'::int4[] as nums,
           null::text as nothing, true as yes, 1.5::float8 as ratio,
           interval '1 day 02:03:04' as span, 'infinity'::timestamptz as forever, '-infinity'::date as dawn,
           '9d5ed678-fe57-4e3b-b1f5-47e0a4a1b1a2'::uuid as id, timestamp '2026-12-04 10:00:00.5' as local,
           time '10:11:12' as clock, 'Infinity'::numeric as huge, 'NaN'::float8 as nan, '中文 "quoted" \\ n'::text as text,
           '{"a": [1, {"b": null}], "z": "中"}'::json as plain_json, array['2026-01-01'::date] as days,
           '\\x00ff'::bytea as raw, '{"k": [true, 1e3]}'::jsonb as doc`
    .execute(db)
    .then((r) => r.rows);

const params = [
  new Date('2026-12-04T08:30:00.123Z'),
  '2026-12-04',
  '12345678901234.5678',
  '9007199254740993',
  42,
  JSON.stringify({ a: [1, { b: null }], z: '中', n: 1.25 }),
  new Uint8Array([0, 1, 254, 255]),
  ['a', 'b,c', '"d"', null],
  [1, 2, 3],
];

describe('the same answers in this thread and in the worker', () => {
  it('a representative row: dates, numerics, bigints, json, bytea, arrays, intervals, infinities', async () => {
    // the parameters by position, as kysely passes them
    const [here, there] = await onBoth((db) =>
      db.executeQuery(
        CompiledQuery.raw(
          `select $1::timestamptz as at, $2::date as day, $3::numeric as amount, $4::int8 as big,
                  $5::int8 as small, $6::jsonb as doc, $7::bytea as bytes, $8::text[] as tags, $9::int4[] as nums`,
          params,
        ),
      ),
    );
    expect(there.rows).toStrictEqual(here.rows);
    const row = there.rows[0] as Record<string, unknown>;
    expect(row.at).toBeInstanceOf(Date);
    expect(row.day).toBe('2026-12-04'); // a date stays its text (connect.ts)
    expect(row.amount).toBe('12345678901234.5678');
    expect(row.big).toBe(9007199254740993n);
    expect(row.bytes).toBeInstanceOf(Uint8Array);
    expect(row.doc).toEqual({ a: [1, { b: null }], z: '中', n: 1.25 });

    const [literalsHere, literalsThere] = await onBoth(representative);
    expect(literalsThere).toStrictEqual(literalsHere);
    expect((literalsThere[0] as { forever: unknown }).forever).toBe(Number.POSITIVE_INFINITY);
  });

  it('a simple-protocol message of several statements (the scope message), and affected rows', async () => {
    const [here, there] = await onBoth(async (db) => {
      await sql`create table if not exists notes (id int primary key, body text, at timestamptz)`.execute(db);
      const inserted = await sql`insert into notes values (1, 'a', now()), (2, 'b', now())`.execute(db);
      const message = await db.executeQuery(
        simpleProtocolQuery(
          "set local app.x = 'y'; update notes set body = body || '!' where id = 1; select id, body, current_setting('app.x', true) as x, pg_typeof(at)::text as t from notes order by id",
        ),
      );
      const deleted = await sql`delete from notes`.execute(db);
      return { inserted: inserted.numAffectedRows, rows: message.rows, deleted: deleted.numAffectedRows };
    });
    expect(there).toStrictEqual(here);
    expect(there.inserted).toBe(2n);
    expect(there.rows).toEqual([
      { id: 1, body: 'a!', x: 'y', t: 'timestamp with time zone' },
      { id: 2, body: 'b', x: 'y', t: 'timestamp with time zone' },
    ]);
  });

  it("PostgreSQL's errors: the same code, message, detail, hint, constraint, position — every field", async () => {
    await onBoth(async (db) => {
      await sql`create table uniq (id int primary key, name text constraint name_short check (length(name) < 5))`.execute(
        db,
      );
      await sql`insert into uniq values (1, 'a')`.execute(db);
    });
    const cases: Array<[string, (db: DatabaseHandle['db']) => Promise<unknown>]> = [
      ['23505', (db) => sql`insert into uniq values (${1}, 'b')`.execute(db)],
      ['23514', (db) => sql`insert into uniq values (2, ${'toolong'})`.execute(db)],
      [
        'P0001',
        (db) =>
          sql`do $$ begin raise exception 'refused: %', 42 using detail = 'the detail', hint = 'the hint'; end $$`.execute(
            db,
          ),
      ],
      [
        '40001',
        (db) =>
          sql`do $$ begin raise exception 'could not serialize' using errcode = '40001'; end $$`.execute(db),
      ],
      ['42601', (db) => sql`select from where`.execute(db)],
      ['22P02', (db) => sql`select ${'not a number'}::int`.execute(db)],
      ['42P01', (db) => db.executeQuery(simpleProtocolQuery('set local app.x = 1; select * from nowhere'))],
    ];
    for (const [code, run] of cases) {
      const [here, there] = await onBoth((db) => failureOf(run(db)));
      expect(there, code).toStrictEqual(here);
      expect(there.code, code).toBe(code);
      expect(there.isError).toBe(true);
    }
    // the worker is still in service after them
    const [, ok] = await onBoth((db) => sql<{ n: number }>`select count(*)::int as n from uniq`.execute(db));
    expect(ok.rows).toEqual([{ n: 1 }]);
  });

  it('transactions: committed, rolled back, and aborted by an error', async () => {
    const [here, there] = await onBoth(async (db) => {
      await sql`create table tx (id int primary key)`.execute(db);
      await db.transaction().execute((trx) => sql`insert into tx values (1)`.execute(trx));
      const rolledBack = await failureOf(
        db.transaction().execute(async (trx) => {
          await sql`insert into tx values (2)`.execute(trx);
          throw new Error('the work failed');
        }),
      );
      const aborted = await failureOf(
        db.transaction().execute(async (trx) => {
          await sql`insert into tx values (3)`.execute(trx);
          await sql`insert into tx values (1)`.execute(trx);
        }),
      );
      const rows = await sql`select id from tx order by id`.execute(db);
      return { rolledBack: rolledBack.message, aborted: aborted.code, rows: rows.rows };
    });
    expect(there).toStrictEqual(here);
    expect(there.rows).toEqual([{ id: 1 }]);
  });
});

describe('the worker itself', () => {
  it('the statement observer sees each message, BEGIN and COMMIT included', async () => {
    const seen: string[] = [];
    const handle = await openDatabase({ worker: true, onStatement: (text) => seen.push(text) });
    try {
      await handle.db.transaction().execute(async (trx) => {
        await sql`select ${1}::int as one`.execute(trx);
        await trx.executeQuery(simpleProtocolQuery("set local app.x = 'y'"));
      });
    } finally {
      await handle.close();
    }
    expect(seen).toEqual(['begin', 'select $1::int as one', "set local app.x = 'y'", 'commit']);
  });

  it('onLost is called once when the worker dies while open, never on close (the server exits there)', async () => {
    const lost: string[] = [];
    const crashed = await PGliteThread.start({ onLost: (reason) => lost.push(reason) });
    await crashed.worker.terminate(); // as a crash would
    await failureOf(crashed.query('select 1'));
    await crashed.close();
    expect(lost).toEqual([expect.stringMatching(/the PGlite worker stopped/)]);

    const closed: string[] = [];
    const healthy = await PGliteThread.start({ onLost: (reason) => closed.push(reason) });
    await healthy.query('select 1');
    await healthy.close();
    expect(closed).toEqual([]);
  });

  it('a worker that stops in the middle of a statement: that query and every later one are rejected, close still ends', async () => {
    const thread = await PGliteThread.start();
    const long = thread.query('select count(*) from generate_series(1, 200000000)');
    await new Promise((r) => setTimeout(r, 300));
    await thread.worker.terminate(); // as a crash would: the worker is gone
    const failure = await failureOf(long);
    expect(failure.code).toBe('08006');
    expect(failure.message).toMatch(/the PGlite worker stopped/);
    expect((await failureOf(thread.query('select 1'))).code).toBe('08006');
    expect((await failureOf(thread.exec('select 1'))).code).toBe('08006');
    await thread.close();
  });

  it('an uncaught error in the worker: what waits on it and everything after is rejected', async () => {
    const thread = await PGliteThread.start();
    const waiting = thread.query('select 2 as n');
    // a message the worker cannot read (only a broken host would send one): its handler throws outside any
    // statement, and the worker ends with the uncaught error
    thread.worker.postMessage(null);
    const after = thread.query('select 3 as n');
    await Promise.allSettled([waiting]);
    const failure = await failureOf(after);
    expect(failure.code).toBe('08006');
    expect(failure.message).toMatch(/the PGlite worker failed: .*null/);
    expect((await failureOf(thread.query('select 1'))).code).toBe('08006');
    await thread.close();
  });

  it('close: PGlite closes, then the worker ends; later statements are refused', async () => {
    const dataDir = join(tempFolder(), 'pglite');
    const thread = await PGliteThread.start({ dataDir });
    await thread.exec('create table kept (v text); insert into kept values ($$written$$)');
    let exited = false;
    thread.worker.once('exit', () => {
      exited = true;
    });
    await thread.close();
    expect(exited).toBe(true);
    expect((await failureOf(thread.query('select 1'))).code).toBe('08003');
    await thread.close(); // twice is fine
    // closed cleanly: the data folder opens again with the row in it
    const again = await PGliteThread.start({ dataDir });
    expect((await again.query('select v from kept')).rows).toEqual([{ v: 'written' }]);
    await again.close();
  });

  it('a database that cannot open, or an extension that cannot load: start rejects, no worker left', async () => {
    const file = join(tempFolder(), 'a-file');
    writeFileSync(file, '');
    await expect(PGliteThread.start({ dataDir: join(file, 'pglite') })).rejects.toThrow();
    await expect(
      PGliteThread.start({
        extensions: { nothing: { module: '@electric-sql/pglite/contrib/no-such-extension' } },
      }),
    ).rejects.toThrow(/no-such-extension/);
  });

  it("PGlite's options and extensions reach the worker", async () => {
    const thread = await PGliteThread.start({
      options: { postgresqlconf: ['work_mem = 7MB'] },
      extensions: { citext: { module: '@electric-sql/pglite/contrib/citext' } },
    });
    try {
      await thread.exec('create extension citext');
      const r = await thread.query<{ same: boolean; mem: string }>(
        "select 'ABC'::citext = 'abc'::citext as same, current_setting('work_mem') as mem",
      );
      expect(r.rows).toEqual([{ same: true, mem: '7MB' }]);
    } finally {
      await thread.close();
    }
  });

  it('a parameter that would not cross unchanged is refused, and the worker stays in service', async () => {
    const thread = await PGliteThread.start();
    try {
      class Money {
        toString() {
          return '1.00';
        }
      }
      await expect(thread.query('select $1::text as v', [new Money()])).rejects.toThrow(
        /parameter \$1 is a Money/,
      );
      await expect(thread.query('select $1::text as v', [() => 1])).rejects.toThrow(
        /parameter \$1 is a function/,
      );
      expect((await thread.query('select $1::text as v', ['ok'])).rows).toEqual([{ v: 'ok' }]);
    } finally {
      await thread.close();
    }
  });
});
