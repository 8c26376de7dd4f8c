import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PGliteOptions, QueryOptions, Results } from '@electric-sql/pglite';

/**
 * PGlite in a worker thread (ADR 0029). PGlite executes a statement synchronously in the thread that calls it: in
 * the server's thread, nothing else — /api/health included — runs until it is done. Here the worker
 * (pglite-worker.mjs) owns the database; this thread sends it each statement as a message and awaits the answer,
 * its event loop free meanwhile.
 *
 * It offers the part of PGlite's interface our driver uses (`SerializedPGliteDriver`): `query`, `exec`,
 * `waitReady`, `close`. Results come back as PGlite makes them (the values are parsed in the worker and cross by
 * structured clone, which keeps Date, bigint, Uint8Array and plain objects as they are); an error is PGlite's own,
 * every field PostgreSQL sent (code, detail, constraint, …) kept, as an `Error` made in this thread.
 *
 * When the worker fails or ends (an uncaught error, an abort of PGlite's WebAssembly, `terminate`), every query
 * waiting for it and every later one is rejected with SQLSTATE 08006 (connection_failure): the database is gone,
 * as when a PostgreSQL connection is lost, and the API answers 503. Nothing restarts it.
 *
 * The `PGlite` of @electric-sql/pglite/worker is not used: it is built for browser tabs (a leader elected through
 * `navigator.locks` and BroadcastChannel, a Web Worker's global `postMessage`), which Node 20 does not have.
 */
export interface PGliteThreadOptions {
  /** a data folder; absent means in memory */
  dataDir?: string | undefined;
  /**
   * PGlite's options that are data (debug, relaxedDurability, username, database, initialMemory, loadDataDir,
   * startParams…). Functions do not cross to a thread: parsers, serializers, a custom fs and the stdout/stderr
   * hooks cannot be given here (see `textTypes` and `extensions`).
   */
  options?: Omit<
    PGliteOptions,
    'dataDir' | 'extensions' | 'parsers' | 'serializers' | 'fs' | 'pgDataProxyFs' | 'onStdout' | 'onStderr'
  >;
  /**
   * PGlite extensions, each named by the module that exports it, imported in the worker:
   * `{ citext: { module: '@electric-sql/pglite/contrib/citext' } }` (`export` defaults to the key).
   */
  extensions?: Record<string, { module: string; export?: string }>;
  /** type OIDs whose values stay the text PostgreSQL sent (no parser), e.g. 1082 so a date is 'YYYY-MM-DD' */
  textTypes?: number[];
  /**
   * Called once if the worker stops answering for good while open (it crashed, exited or sent garbage) — not on
   * close() nor on a failed start. A server exits there, so that its supervisor starts it again.
   */
  onLost?: ((reason: string) => void) | undefined;
}

/** The query options that cross to the worker: data only (no parsers, serializers or notice callback). */
export type ThreadQueryOptions = Pick<QueryOptions, 'rowMode' | 'paramTypes' | 'blob'>;

/** The answer of the worker to one message. */
type Answer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerialisedError };
interface SerialisedError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

/** The worker's file: beside this module in the source, beside dist/server.js in the build (build.mjs copies it). */
export const PGLITE_WORKER_FILE = fileURLToPath(new URL('./pglite-worker.mjs', import.meta.url));

const CONNECTION_FAILURE = '08006';
const CONNECTION_DOES_NOT_EXIST = '08003';

export class PGliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #next = 1;
  /** set once the worker cannot answer any more: why, as [code, message] */
  #gone: [string, string] | undefined;
  #closing: Promise<void> | undefined;
  readonly #exited: Promise<void>;
  readonly waitReady: Promise<void>;
  readonly #onLost: ((reason: string) => void) | undefined;
  #started = false;

  /** The worker thread (its threadId, resourceLimits, an `exit` listener; tests end it to play a crash). */
  get worker(): Worker {
    return this.#worker;
  }

  /** Starts the worker and opens the database in it; rejects (the worker ended) when PGlite cannot open it. */
  static async start(options: PGliteThreadOptions = {}): Promise<PGliteThread> {
    const thread = new PGliteThread(options);
    try {
      await thread.waitReady;
    } catch (error) {
      await thread.#worker.terminate();
      throw error;
    }
    return thread;
  }

  private constructor(options: PGliteThreadOptions) {
    if (!existsSync(PGLITE_WORKER_FILE)) {
      throw new Error(
        `the PGlite worker ${PGLITE_WORKER_FILE} is missing (a build must copy pglite-worker.mjs beside its bundle)`,
      );
    }
    this.#worker = new Worker(PGLITE_WORKER_FILE, {
      workerData: {
        dataDir: options.dataDir,
        options: options.options ?? {},
        extensions: options.extensions ?? {},
        textTypes: options.textTypes ?? [],
      },
      // the worker is plain JavaScript: no loader (tsx) or flag of this process is needed there
      execArgv: [],
    });
    this.#onLost = options.onLost;
    this.waitReady = new Promise((resolve, reject) => {
      this.#pending.set(0, {
        resolve: () => {
          this.#started = true;
          resolve();
        },
        reject,
      });
    });
    // a failed start is the caller's to handle through start(); this keeps it from being "unhandled" meanwhile
    this.waitReady.catch(() => {});
    this.#worker.on('message', (answer: Answer) => this.#settle(answer));
    this.#worker.on('error', (error) =>
      this.#fail(CONNECTION_FAILURE, `the PGlite worker failed: ${error.message}`, error),
    );
    this.#worker.on('messageerror', (error) => {
      this.#fail(
        CONNECTION_FAILURE,
        `the PGlite worker sent an answer that does not deserialise: ${error.message}`,
      );
      void this.#worker.terminate();
    });
    this.#exited = new Promise((resolve) => {
      this.#worker.once('exit', (code) => {
        this.#fail(CONNECTION_FAILURE, `the PGlite worker stopped (exit code ${code})`);
        resolve();
      });
    });
  }

  /** One statement with bind parameters (extended protocol), as `PGlite.query`. */
  async query<T = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
    options?: ThreadQueryOptions,
  ): Promise<Results<T>> {
    return (await this.#call({ kind: 'query', sql, params: params.map(crossable), options })) as Results<T>;
  }

  /** One simple-protocol message, possibly several statements, as `PGlite.exec`: a result per statement. */
  exec(sql: string, options?: ThreadQueryOptions): Promise<Results[]> {
    return this.#call({ kind: 'exec', sql, options }) as Promise<Results[]>;
  }

  /**
   * Closes the database after the statements already sent, then ends the worker. Rejects when PGlite's close
   * failed; the worker ends either way. Later calls reject (08003).
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        if (!this.#gone) await this.#call({ kind: 'close' });
      } finally {
        this.#gone ??= [CONNECTION_DOES_NOT_EXIST, 'the embedded database is closed'];
        await this.#worker.terminate();
        await this.#exited;
      }
    })();
    return this.#closing;
  }

  #call(message: Record<string, unknown>): Promise<unknown> {
    if (this.#gone) return Promise.reject(databaseError(...this.#gone));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ id, ...message });
      } catch (error) {
        // DataCloneError: a parameter or option that is not data
        this.#pending.delete(id);
        reject(error as Error);
      }
      this.#holdProcess();
    });
  }

  #settle(answer: Answer) {
    const pending = this.#pending.get(answer.id);
    if (!pending) return;
    this.#pending.delete(answer.id);
    this.#holdProcess();
    if (answer.ok) pending.resolve(answer.result);
    else pending.reject(errorFrom(answer.error));
  }

  #fail(code: string, message: string, cause?: unknown) {
    const lost = !this.#gone && !this.#closing && this.#started;
    this.#gone ??= [code, message];
    if (lost) this.#onLost?.(message);
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const { reject } of waiting) reject(databaseError(code, message, cause));
  }

  /**
   * The worker keeps the process alive only while an answer is awaited, as PGlite in this thread would: an idle
   * handle nobody closed does not hold a script's exit, and a script awaiting a statement is not left to exit.
   */
  #holdProcess() {
    if (this.#pending.size > 0) this.#worker.ref();
    else this.#worker.unref();
  }
}

/** PGlite's error, made again in this thread: its name, message and every field it carried. */
function errorFrom({ name, message, fields }: SerialisedError): Error {
  const error = new Error(message);
  Object.defineProperty(error, 'name', { value: name, writable: true, configurable: true });
  Object.assign(error, fields);
  return error;
}

function databaseError(code: string, message: string, cause?: unknown): Error {
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause }), {
    code,
    severity: 'FATAL',
  });
}

/**
 * A parameter as it must cross to the worker for PGlite there to serialise it as it would here. Structured clone
 * keeps primitives, Date, typed arrays, arrays and plain objects; a Buffer arrives as a Uint8Array (the same bytea
 * for PGlite; only as text or JSON would the two differ). An instance of any other class would arrive as a plain object, without the toString or toJSON PGlite
 * would have called: refused here, loudly, rather than stored differently.
 */
function crossable(value: unknown, index: number): unknown {
  const check = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol') throw notData(index, typeof v);
      return;
    }
    if (v instanceof Date || ArrayBuffer.isView(v)) return;
    const proto = Object.getPrototypeOf(v);
    if (Array.isArray(v)) {
      for (const item of v) check(item);
      return;
    }
    if (proto !== Object.prototype && proto !== null)
      throw notData(index, proto?.constructor?.name ?? 'object');
    for (const item of Object.values(v)) check(item);
  };
  check(value);
  return value;
}

function notData(index: number, what: string): TypeError {
  return new TypeError(
    `parameter $${index + 1} is a ${what}, which does not reach the PGlite worker as it is (ADR 0029): pass its text or JSON`,
  );
}
