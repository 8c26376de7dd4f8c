import { PGlite } from '@electric-sql/pglite';
import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  PGliteDialect,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import type { Database } from './schema';

const DATE_OID = 1082;

export type DatabaseKind = 'pglite' | 'postgres';

/** PostgreSQL pool size unless `maxConnections` says otherwise (the benchmark's bare client uses it too). */
export const DEFAULT_MAX_CONNECTIONS = 10;

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string. When absent, an embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite only: a data folder; absent means in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL only: pool size. */
  maxConnections?: number | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      // our own logs say what matters; NOTICEs (e.g. "already exists, skipping") are noise
      onnotice: () => {},
      // dates stay 'YYYY-MM-DD' strings: a calendar date must not shift through a time zone
      types: {
        bigint: postgres.BigInt,
        date: { to: DATE_OID, from: [DATE_OID], serialize: (x: string) => x, parse: (x: string) => x },
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: client }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const pgliteOptions = { parsers: { [DATE_OID]: (x: string) => x } };
  const pglite = options.dataDir ? new PGlite(options.dataDir, pgliteOptions) : new PGlite(pgliteOptions);
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/**
 * PGlite is one connection, and kysely's PGlite driver hands that same connection to every caller
 * without waiting: two overlapping transactions would share it, and a query of one request could run
 * inside another request's transaction — with the other request's role and tenant scope. This dialect
 * makes the connection exclusive: acquire waits until the previous holder released it.
 */
class SerializedPGliteDialect extends PGliteDialect {
  constructor(pglite: PGlite) {
    super({ pglite });
  }

  override createDriver(): Driver {
    return new SerializedDriver(super.createDriver());
  }
}

class SerializedDriver implements Driver {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(private readonly inner: Driver) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint(connection: DatabaseConnection, name: string, compile: CompileQuery) {
    return this.inner.savepoint?.(connection, name, compile) ?? Promise.resolve();
  }
  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery) {
    return this.inner.rollbackToSavepoint?.(connection, name, compile) ?? Promise.resolve();
  }
  releaseSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery) {
    return this.inner.releaseSavepoint?.(connection, name, compile) ?? Promise.resolve();
  }

  destroy() {
    return this.inner.destroy();
  }
}

type CompileQuery = QueryCompiler['compileQuery'];
