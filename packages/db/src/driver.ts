import type { PGlite } from '@electric-sql/pglite';
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
 */
export function simpleProtocolQuery(text: string): CompiledQuery {
  return Object.freeze({ ...CompiledQuery.raw(text), [SIMPLE_PROTOCOL]: true });
}

function isSimple(query: CompiledQuery): boolean {
  return (query as { [SIMPLE_PROTOCOL]?: true })[SIMPLE_PROTOCOL] === true;
}

/** Sees every message sent, in order (tests count a request's statements with it). */
export type StatementObserver = (text: string) => void;

interface Wire {
  extended(text: string, parameters: readonly unknown[]): Promise<QueryResult<unknown>>;
  simple(text: string): Promise<QueryResult<unknown>>;
}

class DeferredBeginConnection implements DatabaseConnection {
  #begin: string | undefined;

  constructor(
    readonly wire: Wire,
    private readonly observe: StatementObserver | undefined,
  ) {}

  deferBegin(text: string) {
    this.#begin = text;
  }

  /** Ends the transaction; when no statement ran, there is nothing to end on the server. */
  async end(text: 'commit' | 'rollback'): Promise<QueryResult<unknown> | null> {
    if (this.#begin !== undefined) {
      this.#begin = undefined;
      return null;
    }
    return this.executeQuery(CompiledQuery.raw(text));
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const begin = this.#begin;
    this.#begin = undefined;
    if (isSimple(query)) {
      const text = begin === undefined ? query.sql : `${begin}; ${query.sql}`;
      this.observe?.(text);
      return (await this.wire.simple(text)) as QueryResult<R>;
    }
    if (begin !== undefined) {
      this.observe?.(begin);
      await this.wire.extended(begin, []);
    }
    this.observe?.(query.sql);
    return (await this.wire.extended(query.sql, query.parameters)) as QueryResult<R>;
  }

  // biome-ignore lint/correctness/useYield: no driver of ours streams
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported');
  }
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

/** postgres.js: a reserved connection per Kysely connection, statements prepared as kysely-postgres-js does. */
export class PostgresJsDriver extends DeferredBeginDriver {
  readonly #reserved = new WeakMap<DatabaseConnection, Reserved>();

  constructor(
    private readonly client: postgres.Sql,
    observe?: StatementObserver,
  ) {
    super(observe);
  }

  override async init() {}

  override async acquireConnection(): Promise<DatabaseConnection> {
    const reserved = await this.client.reserve();
    const connection = new DeferredBeginConnection(
      {
        extended: async (text, parameters) =>
          fromPostgres(
            await reserved.unsafe(text, [...parameters] as postgres.ParameterOrJSON<never>[], {
              prepare: true,
            }),
          ),
        simple: async (text) => {
          const result = (await reserved.unsafe(text)) as unknown;
          // several statements answer with one result each: the caller wants the last one's rows
          const last = Array.isArray(result) && Array.isArray(result.at(-1)) ? result.at(-1) : result;
          return fromPostgres(last as postgres.RowList<postgres.Row[]>);
        },
      },
      this.observe,
    );
    this.#reserved.set(connection, reserved);
    return connection;
  }

  override async releaseConnection(connection: DatabaseConnection) {
    this.#reserved.get(connection)?.release();
    this.#reserved.delete(connection);
  }

  override async destroy() {
    await this.client.end();
  }
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
    private readonly pglite: PGlite,
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
