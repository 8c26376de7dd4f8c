import { PGlite } from '@electric-sql/pglite';
import {
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import postgres from 'postgres';
import { PostgresJsDriver, SerializedPGliteDriver, type StatementObserver } from './driver';
import { PGliteThread } from './pglite-thread';
import type { Database } from './schema';

const DATE_OID = 1082;
/** bytea: report attachments' bytes (ADR 0041) */
const BYTEA_OID = 17;

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
  /**
   * PGlite only: run it in a worker thread (pglite-thread.ts), so that its statements do not hold this thread's
   * event loop — the server does (ADR 0029). Default: in this thread, as tests and scripts use it.
   */
  worker?: boolean | undefined;
  /** PGlite in a worker only: the worker stopped answering for good while open (see PGliteThreadOptions.onLost). */
  onWorkerLost?: ((reason: string) => void) | undefined;
  /** PostgreSQL only: pool size. */
  maxConnections?: number | undefined;
  /**
   * PostgreSQL only: the server cancels any statement running longer (its `statement_timeout`, set for every
   * connection of the pool); absent or 0 means no limit. PGlite runs in this process and cannot be interrupted.
   */
  statementTimeoutMs?: number | undefined;
  /** Sees every message sent to the server, `BEGIN` and `COMMIT` included (tests count statements). */
  onStatement?: StatementObserver | undefined;
  /**
   * PostgreSQL only: the server is a Citus coordinator (ADR 0027). The session and token checks then send their
   * `SET LOCAL`s and their query as two messages instead of one (driver.ts `simpleProtocolQuery`).
   * `hasCitus` tells whether a database is one.
   */
  citus?: boolean | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      // our own logs say what matters; NOTICEs (e.g. "already exists, skipping") are noise
      onnotice: () => {},
      ...(options.statementTimeoutMs
        ? { connection: { statement_timeout: options.statementTimeoutMs } }
        : {}),
      // dates stay 'YYYY-MM-DD' strings: a calendar date must not shift through a time zone
      types: {
        bigint: postgres.BigInt,
        date: { to: DATE_OID, from: [DATE_OID], serialize: (x: string) => x, parse: (x: string) => x },
      },
    });
    const db = new Kysely<Database>({
      dialect: dialectOf(new PostgresJsDriver(client, options.onStatement, options.citus ?? false)),
    });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const pglite = options.worker
    ? await PGliteThread.start({
        dataDir: options.dataDir,
        textTypes: [DATE_OID],
        onLost: options.onWorkerLost,
      })
    : await pgliteInThisThread(options.dataDir);
  const db = new Kysely<Database>({
    dialect: dialectOf(new SerializedPGliteDriver(pglite, options.onStatement)),
  });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

async function pgliteInThisThread(dataDir: string | undefined): Promise<PGlite> {
  // bytea through Buffer's hex codec, as in the worker (pglite-worker.mjs): PGlite's own is a string per byte
  const pgliteOptions = {
    parsers: {
      [DATE_OID]: (x: string) => x,
      [BYTEA_OID]: (x: string) => new Uint8Array(Buffer.from(x.slice(2), 'hex')),
    },
    serializers: {
      [BYTEA_OID]: (x: unknown) => {
        if (!(x instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
        return `\\x${Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')}`;
      },
    },
  };
  const pglite = dataDir ? new PGlite(dataDir, pgliteOptions) : new PGlite(pgliteOptions);
  await pglite.waitReady;
  return pglite;
}

/** Whether the database is a Citus coordinator's: the citus extension is installed in it (ADR 0027). */
export async function hasCitus(db: Kysely<Database>): Promise<boolean> {
  const r = await sql<{ citus: boolean }>`
    select exists (select 1 from pg_extension where extname = 'citus') as citus`.execute(db);
  return r.rows[0]?.citus === true;
}

/** Kysely's PostgreSQL migration lock id, kept: a server of the previous version waits on the same lock. */
export const MIGRATION_LOCK_ID = 3853314791062309107n;

/**
 * Kysely's migration lock is a session-level advisory lock taken and released outside the migration's transaction.
 * Behind PgBouncer in transaction mode those statements can run on different server connections, and the lock is
 * left on a pooled connection for the next start to wait on (ADR 0028). Ours is transaction-scoped:
 * `migrateToLatest` hands the migrator a transaction, and the lock ends with it, committed or rolled back.
 */
class TransactionLockAdapter extends PostgresAdapter {
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's adapter signature
  override async acquireMigrationLock(db: Kysely<any>): Promise<void> {
    await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_ID)})`.execute(db);
  }

  override async releaseMigrationLock(): Promise<void> {}
}

/** PostgreSQL's adapter, compiler and introspector around one of our drivers (driver.ts, ADR 0022). */
function dialectOf(driver: Driver): Dialect {
  return {
    createAdapter: () => new TransactionLockAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
