import {
  CompiledQuery,
  type DatabaseConnection,
  type PostgresDialectConfig,
  PostgresDriver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type postgres from 'postgres';

/**
 * Our own Kysely drivers for postgres.js and PGlite (ADR 0022). They add two things the stock drivers
 * cannot give the tenant transaction:
 *
 * - **simple-protocol messages**: a compiled query made by `simpleProtocolQuery` goes to the server as one
 *   simple Query message, which may hold several statements (`SET LOCAL ROLE …; SET LOCAL app.… ; select …`)
 *   and takes one round trip. `SET LOCAL` cannot take bind parameters, and Citus propagates `SET LOCAL`
 *   to its workers but not `set_config()`: this is how the scope reaches the server as `SET LOCAL`.
 * - **a deferred `BEGIN`**: opening a transaction sends nothing; `BEGIN` rides in front of the first
 *   statement — inside its message when that is a simple-protocol one — so a request's transaction costs
 *   no round trip of its own. A transaction that ran no statement sends neither `BEGIN` nor its end.
 *
 * Everything else is what kysely's drivers do: bind parameters, prepared statements on postgres.js.
 */
const SIMPLE_PROTOCOL = Symbol('gongfu.simpleProtocol');

/**
 * Statements sent as one simple-protocol message. Only for text whose every value was validated and
 * quoted by its builder (tenant.ts): nothing here is a parameter. The result is the last statement's.
 *
 * Several parts (`simpleProtocolQuery(setLocals, check)`) are joined into that one message — except on a Citus
 * coordinator (`openDatabase({ citus: true })`), where each part is a message of its own: Citus replays the whole
 * text of a message holding a `SET LOCAL` on every worker connection of the transaction, so a query sharing the
 * message would run on every worker too (ADR 0027). There the `SET LOCAL`s go first, the query next, one more
 * round trip.
 */
export function simpleProtocolQuery(...parts: [string, ...string[]]): CompiledQuery {
  return Object.freeze({ ...CompiledQuery.raw(parts.join('; ')), [SIMPLE_PROTOCOL]: parts });
}

function simpleParts(query: CompiledQuery): readonly string[] | undefined {
  return (query as { [SIMPLE_PROTOCOL]?: readonly string[] })[SIMPLE_PROTOCOL];
}

const RIDES = Symbol('gongfu.ridesWithNext');

/**
 * `SET LOCAL` statements whose answer nobody reads (the request's scope after the session check, a KPI
 * statement's plan mode): held back and sent with the transaction's next statement instead of on their own —
 * inside its message when that is a simple-protocol one, else pipelined just before it on the same connection
 * (postgres.js writes both in one socket write; the server still runs them in order, so the next statement never
 * runs without them: if they fail, it fails with "current transaction is aborted"). Saves a round trip per
 * request (issue 14, ADR 0030). On a Citus coordinator they go at once, each part its own message (ADR 0027). Held
 * settings with no statement after them are dropped at the transaction's end: `SET LOCAL` would have ended there.
 */
export function withNextStatement(...parts: [string, ...string[]]): CompiledQuery {
  return Object.freeze({ ...simpleProtocolQuery(...parts), [RIDES]: true });
}

function rides(query: CompiledQuery): boolean {
  return (query as { [RIDES]?: boolean })[RIDES] === true;
}

const COMMITS_WITH_NEXT = Symbol('gongfu.commitsWithNext');

/**
 * Sent to a transaction (tenant.ts `lastRead`), it says: the next statement — or the next statements sent together
 * (`runTogether`) — is the transaction's last, so `COMMIT` goes in the same write, right behind it, instead of a
 * round trip of its own after the answer came (issue 14, ADR 0033). Nothing reaches the server for it. A read
 * request's transaction ends the same either way: PostgreSQL runs the statements in order, and a `COMMIT` after a
 * failed statement ends the transaction as `ROLLBACK`. A statement after that commit is a programming error and
 * is refused before it is sent. On a connection that cannot pipeline (PGlite, a Citus coordinator) the `COMMIT`
 * follows the statement's answer, still before the handler goes on.
 */
export const COMMIT_WITH_NEXT: CompiledQuery = Object.freeze({
  ...CompiledQuery.raw('-- commit with the next statement'),
  [COMMITS_WITH_NEXT]: true,
});

function commitsWithNext(query: CompiledQuery): boolean {
  return (query as { [COMMITS_WITH_NEXT]?: boolean })[COMMITS_WITH_NEXT] === true;
}

/** A statement sent after its transaction was committed with its last read (`COMMIT_WITH_NEXT`). */
export class StatementAfterCommitError extends Error {
  constructor() {
    super('a statement was sent after the transaction was committed with its last read (lastRead)');
  }
}

/** Sees every message sent, in order (tests count a request's statements with it). */
export type StatementObserver = (text: string) => void;

interface Wire {
  extended(text: string, parameters: readonly unknown[]): Promise<QueryResult<unknown>>;
  simple(text: string): Promise<QueryResult<unknown>>;
  /**
   * An extended statement with a simple-protocol message before it (`first`) and/or after it (`then`, the
   * `COMMIT`), all sent together; the statement's result and the `COMMIT`'s (`after`). The first failure is thrown.
   */
  pipelined?(
    first: string | undefined,
    text: string,
    parameters: readonly unknown[],
    then: string | undefined,
  ): Promise<{ result: QueryResult<unknown>; after?: QueryResult<unknown> }>;
}

const NOTHING: QueryResult<never> = Object.freeze({ rows: [] });

class DeferredBeginConnection implements DatabaseConnection {
  #begin: string | undefined;
  /** `withNextStatement` texts held for the next statement, the deferred `BEGIN` first when it was still due */
  #held: string[] = [];
  /** the deferred `BEGIN` went first into `#held`: nothing of the transaction was sent yet */
  #heldOpens = false;
  /** `COMMIT_WITH_NEXT` was sent: the next statement (batch) takes the `COMMIT` with it */
  #commitNext = false;
  /** the transaction was committed with its last read: `COMMIT`'s answer, for `end` */
  #committed: QueryResult<unknown> | undefined;

  constructor(
    readonly wire: Wire,
    private readonly observe: StatementObserver | undefined,
    /** a Citus coordinator: the parts of a simple-protocol query go as one message each (ADR 0027) */
    private readonly splitParts = false,
  ) {}

  deferBegin(text: string) {
    this.#begin = text;
  }

  /**
   * Whether statements issued one after the other without waiting reach the server in that order, pipelined
   * (`runTogether`): postgres.js writes each one as it is issued, held settings included; PGlite's wire sends
   * held settings and their statement in two awaited steps, and a Citus coordinator sends a message's parts one by
   * one, so there a later statement could overtake.
   */
  get pipelines(): boolean {
    return this.wire.pipelined !== undefined && !this.splitParts;
  }

  /** Ends the transaction; when no statement ran, there is nothing to end on the server. */
  async end(text: 'commit' | 'rollback'): Promise<QueryResult<unknown> | null> {
    // nothing reached the server while `BEGIN` is still deferred, alone or at the head of held settings
    const unsent = this.#begin !== undefined || this.#heldOpens;
    const committed = this.#committed;
    this.#begin = undefined;
    this.#held = [];
    this.#heldOpens = false;
    this.#commitNext = false;
    this.#committed = undefined;
    // ended with its last read: nothing is left to end (a failure after it ends nothing a read could undo)
    if (committed !== undefined) return text === 'commit' ? committed : null;
    if (unsent) return null;
    return this.executeQuery(CompiledQuery.raw(text));
  }

  /**
   * Independent statements of this transaction (`runTogether`): issued without waiting when the connection keeps
   * their order, else one after the other; a due `COMMIT` goes behind the last one. The first error is thrown.
   */
  async runTogether(queries: readonly CompiledQuery[]): Promise<QueryResult<unknown>[]> {
    if (queries.length === 0) return [];
    const commit = this.#commitNext;
    this.#commitNext = false;
    const last = queries.length - 1;
    if (this.pipelines) {
      const settled = await Promise.allSettled(
        queries.map((query, i) => this.#send(query, commit && i === last)),
      );
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      return settled.map((result) => (result as PromiseFulfilledResult<QueryResult<unknown>>).value);
    }
    const results: QueryResult<unknown>[] = [];
    for (const [i, query] of queries.entries()) results.push(await this.#send(query, commit && i === last));
    return results;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const commit = this.#commitNext && !commitsWithNext(query) && !rides(query);
    if (commit) this.#commitNext = false;
    return this.#send(query, commit) as Promise<QueryResult<R>>;
  }

  async #send(query: CompiledQuery, commit: boolean): Promise<QueryResult<unknown>> {
    if (this.#committed !== undefined) throw new StatementAfterCommitError();
    if (commitsWithNext(query)) {
      this.#commitNext = true;
      return NOTHING;
    }
    if (rides(query) && !this.splitParts) {
      if (this.#begin !== undefined) {
        this.#heldOpens = true;
        this.#held.push(this.#begin);
        this.#begin = undefined;
      }
      this.#held.push(query.sql);
      return NOTHING;
    }
    // what goes before this statement: the held settings (with `BEGIN` in front when it was due), or `BEGIN`
    const before = this.#held.length > 0 ? this.#held.join('; ') : this.#begin;
    this.#held = [];
    this.#heldOpens = false;
    this.#begin = undefined;
    const parts = simpleParts(query);
    if (parts !== undefined) {
      const messages = this.splitParts ? parts : [query.sql];
      let result: QueryResult<unknown> | undefined;
      for (const [i, part] of messages.entries()) {
        const text = i === 0 && before !== undefined ? `${before}; ${part}` : part;
        this.observe?.(text);
        result = await this.wire.simple(text);
      }
      if (commit) await this.#commitAfter();
      return result as QueryResult<unknown>;
    }
    const then = commit && this.pipelines ? 'commit' : undefined;
    if (this.wire.pipelined && (before !== undefined || then !== undefined)) {
      if (before !== undefined) this.observe?.(before);
      this.observe?.(query.sql);
      if (then !== undefined) this.observe?.(then);
      // marked before the answer comes: whatever comes of it, this transaction takes no more statements
      if (then !== undefined) this.#committed = NOTHING;
      const sent = await this.wire.pipelined(before, query.sql, query.parameters, then);
      if (then !== undefined) this.#committed = sent.after ?? NOTHING;
      return sent.result;
    }
    if (before !== undefined) {
      this.observe?.(before);
      await this.wire.simple(before);
    }
    this.observe?.(query.sql);
    const result = await this.wire.extended(query.sql, query.parameters);
    if (commit) await this.#commitAfter();
    return result;
  }

  /** `COMMIT` on its own, right after the last read's answer (a connection that cannot pipeline). */
  async #commitAfter() {
    this.observe?.('commit');
    this.#committed = NOTHING;
    this.#committed = await this.wire.simple('commit');
  }

  // biome-ignore lint/correctness/useYield: no driver of ours streams
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported');
  }
}

/**
 * Independent statements of one transaction, issued together on its connection (`pipelined` in tenant.ts): on
 * postgres.js each is written without waiting for the one before, and the server answers them in order — one wait
 * for all instead of one each (issue 14, ADR 0030). Where the connection cannot keep the order without waiting,
 * they run one after the other. When one fails the transaction is aborted, and the first error is the one thrown.
 */
export async function runTogether(
  connection: DatabaseConnection,
  queries: readonly CompiledQuery[],
): Promise<QueryResult<unknown>[]> {
  if (connection instanceof DeferredBeginConnection) return connection.runTogether(queries);
  const results: QueryResult<unknown>[] = [];
  for (const query of queries) results.push(await connection.executeQuery(query));
  return results;
}

abstract class DeferredBeginDriver extends PostgresDriver {
  constructor(protected readonly observe: StatementObserver | undefined) {
    // every method that would use the pg pool is overridden below
    super({} as PostgresDialectConfig);
  }

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    let text = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      text = 'start transaction';
      if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) text += ` ${settings.accessMode}`;
    }
    (connection as DeferredBeginConnection).deferBegin(text);
  }

  override async commitTransaction(connection: DatabaseConnection) {
    const result = await (connection as DeferredBeginConnection).end('commit');
    // PostgreSQL answers COMMIT of an aborted transaction with a ROLLBACK tag
    if ((result as { command?: string } | null)?.command === 'ROLLBACK') {
      throw new Error('the transaction was aborted and rolled back');
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection) {
    await (connection as DeferredBeginConnection).end('rollback');
  }
}

type Reserved = Awaited<ReturnType<postgres.Sql['reserve']>>;

function fromPostgres(result: postgres.RowList<postgres.Row[]>): QueryResult<unknown> {
  const { command, count } = result;
  return {
    numAffectedRows:
      command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE'
        ? BigInt(count)
        : undefined,
    rows: Array.from(result),
  };
}

/**
 * The connection under a query is gone (the server closed it, killed its backend, or the network dropped):
 * postgres.js's own codes, node's socket codes, SQLSTATE class 08 and the administrator's 57P01–57P03.
 */
function connectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    /^(CONNECTION_(CLOSED|DESTROYED|ENDED)|CONNECT_TIMEOUT|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(code) ||
    code.startsWith('08') ||
    /^57P0[1-3]$/.test(code)
  );
}

/**
 * Statements with many parameters are bulk writes (a generated district's rows, a workbook's reports) whose text
 * changes with the number of rows: prepared, each would stay in postgres.js's per-connection cache (it never
 * evicts) and in the server's session for as long as the connection lives — the large benchmark's generation
 * grew by ~60 MB of heap per district and ran out of memory at the 41st of 50 (2026-12-04). Sent unnamed instead:
 * parsed and planned once per execution, which a one-off statement is anyway.
 */
const MAX_PREPARED_PARAMETERS = 500;
const preparable = (parameters: readonly unknown[]) => parameters.length <= MAX_PREPARED_PARAMETERS;

/**
 * postgres.js: a reserved connection per Kysely connection, statements prepared as kysely-postgres-js does.
 *
 * A reserved connection that was lost must not be used or released again: postgres.js 3.4 writes to its null
 * socket (an uncaught TypeError that ends the process), and `release()` puts the dead connection back among
 * the open ones for the next query to hit. Once a query on it fails for that reason, the rollback is skipped
 * (the server rolled the transaction back when the connection ended) and the connection is left to the pool,
 * which opens a new one in its place.
 */
export class PostgresJsDriver extends DeferredBeginDriver {
  readonly #reserved = new WeakMap<DatabaseConnection, Reserved>();
  readonly #lost = new WeakMap<DatabaseConnection, unknown>();

  constructor(
    private readonly client: postgres.Sql,
    observe?: StatementObserver,
    /** the server is a Citus coordinator (ADR 0027): see `simpleProtocolQuery` */
    private readonly citus = false,
  ) {
    super(observe);
  }

  override async init() {}

  override async acquireConnection(): Promise<DatabaseConnection> {
    const reserved = await this.#reserve();
    const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
      if (this.#lost.has(connection)) throw this.#lost.get(connection);
      try {
        return await run();
      } catch (error) {
        if (connectionLost(error)) this.#lost.set(connection, error);
        throw error;
      }
    };
    const connection: DeferredBeginConnection = new DeferredBeginConnection(
      {
        extended: (text, parameters) =>
          guarded(async () =>
            fromPostgres(
              await reserved.unsafe(text, [...parameters] as postgres.ParameterOrJSON<never>[], {
                prepare: preparable(parameters),
              }),
            ),
          ),
        simple: (text) =>
          guarded(async () => {
            const result = (await reserved.unsafe(text)) as unknown;
            // several statements answer with one result each: the caller wants the last one's rows
            const last = Array.isArray(result) && Array.isArray(result.at(-1)) ? result.at(-1) : result;
            return fromPostgres(last as postgres.RowList<postgres.Row[]>);
          }),
        // postgres.js runs its queries in the order they are awaited and joins what is written in one tick
        pipelined: (first, text, parameters, then) =>
          guarded(async () => {
            const [held, statement, after] = await Promise.allSettled([
              first === undefined ? undefined : reserved.unsafe(first),
              reserved.unsafe(text, [...parameters] as postgres.ParameterOrJSON<never>[], {
                prepare: preparable(parameters),
              }),
              then === undefined ? undefined : reserved.unsafe(then),
            ]);
            // the held statements' own error, not the "transaction is aborted" it caused
            if (held.status === 'rejected') throw held.reason;
            if (statement.status === 'rejected') throw statement.reason;
            if (after.status === 'rejected') throw after.reason;
            return {
              result: fromPostgres(statement.value),
              after: after.value === undefined ? undefined : fromPostgres(after.value),
            };
          }),
      },
      this.observe,
      this.citus,
    );
    this.#reserved.set(connection, reserved);
    return connection;
  }

  /**
   * postgres.js 3.4 keeps the error a killed backend sent (57P01) past the connection's end and hands it to
   * whatever the reopened connection first serves — here, the next reservation, before any statement of ours
   * was sent. So a reservation refused for a lost connection is asked for again (twice at most); a server that
   * is down refuses with ECONNREFUSED, which is not retried.
   */
  async #reserve(): Promise<Reserved> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.client.reserve();
      } catch (error) {
        if (attempt >= 3 || !connectionLost(error)) throw error;
      }
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection) {
    if (this.#lost.has(connection)) return; // rolled back by the server when the connection ended
    await super.rollbackTransaction(connection);
  }

  override async releaseConnection(connection: DatabaseConnection) {
    if (!this.#lost.has(connection)) this.#reserved.get(connection)?.release();
    this.#reserved.delete(connection);
    this.#lost.delete(connection);
  }

  /**
   * Closing waits for running statements, 5 s at most, then cuts the connections: a stuck connection (a lost
   * server, a statement that never answers) must not hold the process's exit, or a test's teardown, for ever.
   */
  override async destroy() {
    await this.client.end({ timeout: 5 });
  }
}

/**
 * What the driver uses of PGlite: PGlite itself in this thread, or `PGliteThread`, PGlite in a worker thread
 * (ADR 0029).
 */
export interface PGliteLike {
  readonly waitReady: Promise<void>;
  query(
    text: string,
    params: unknown[],
    options: { rowMode: 'object' },
  ): Promise<{ rows: unknown[]; affectedRows?: number }>;
  exec(text: string): Promise<Array<{ rows: unknown[]; affectedRows?: number }>>;
  close(): Promise<void>;
}

/**
 * PGlite is one connection, and kysely's PGlite driver hands that same connection to every caller
 * without waiting: two overlapping transactions would share it, and a query of one request could run
 * inside another request's transaction — with the other request's role and tenant scope. This driver
 * makes the connection exclusive: acquire waits until the previous holder released it.
 */
export class SerializedPGliteDriver extends DeferredBeginDriver {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  readonly #connection: DeferredBeginConnection;

  constructor(
    private readonly pglite: PGliteLike,
    observe?: StatementObserver,
  ) {
    super(observe);
    this.#connection = new DeferredBeginConnection(
      {
        extended: async (text, parameters) => {
          const { affectedRows, rows } = await pglite.query(text, [...parameters], { rowMode: 'object' });
          return {
            numAffectedRows: affectedRows != null ? BigInt(affectedRows) : undefined,
            rows: rows ?? [],
          };
        },
        simple: async (text) => {
          const results = await pglite.exec(text);
          const last = results.at(-1);
          return {
            numAffectedRows: last?.affectedRows != null ? BigInt(last.affectedRows) : undefined,
            rows: last?.rows ?? [],
          };
        },
      },
      observe,
    );
  }

  override async init() {
    await this.pglite.waitReady;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return this.#connection;
  }

  override async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  override async destroy() {
    await this.pglite.close();
  }
}
