// @ts-check
/**
 * The worker thread that owns a PGlite database (ADR 0029); pglite-thread.ts starts it and is the only thing that
 * talks to it. Plain JavaScript, so the same file runs under tsx, under vitest and beside the built dist/server.js
 * (apps/api/build.mjs copies it there) without a TypeScript loader in the thread.
 *
 * workerData: { dataDir?, options?, extensions?, textTypes? } — see PGliteThreadOptions. Functions do not cross
 * to a thread, so extensions are named by the module that exports them and imported here, and the one parser we
 * need (a type's value stays text) is asked for by type OID.
 *
 * Messages in: { id, kind: 'query', sql, params, options } | { id, kind: 'exec', sql, options } | { id, kind: 'close' },
 * answered one at a time in the order they came: { id, ok: true, result } or { id, ok: false, error }, the error
 * serialised with every field PostgreSQL sent (code, detail, constraint, …). The first answer, id 0, says whether
 * the database opened.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const port = parentPort;
if (!port) throw new Error('pglite-worker.mjs runs as a worker thread (pglite-thread.ts starts it)');

/** @type {{ dataDir?: string; options?: Record<string, unknown>; extensions?: Record<string, { module: string; export?: string }>; textTypes?: number[] }} */
const config = workerData ?? {};

/** @type {PGlite | undefined} */
let pglite;

const BYTEA_OID = 17;
/**
 * bytea in PGlite's hex form, through Buffer: PGlite's own (de)serialiser makes one string per byte, ~5 s for a
 * 10 MB report attachment (ADR 0041); Buffer's hex codec takes milliseconds.
 */
const serializeBytea = (/** @type {unknown} */ x) => {
  if (!(x instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')}`;
};
const parseBytea = (/** @type {string} */ x) => new Uint8Array(Buffer.from(x.slice(2), 'hex'));

async function open() {
  /** @type {Record<string, unknown>} */
  const extensions = {};
  for (const [name, { module, export: exported = name }] of Object.entries(config.extensions ?? {})) {
    const namespace = await import(module);
    if (!namespace[exported])
      throw new Error(`the module ${module} exports no ${exported} (PGlite extension ${name})`);
    extensions[name] = namespace[exported];
  }
  const parsers = Object.fromEntries(
    (config.textTypes ?? []).map((oid) => [oid, (/** @type {string} */ x) => x]),
  );
  const options = {
    ...config.options,
    extensions,
    parsers: { ...parsers, [BYTEA_OID]: parseBytea },
    serializers: { [BYTEA_OID]: serializeBytea },
  };
  const db = config.dataDir ? new PGlite(config.dataDir, options) : new PGlite(options);
  await db.waitReady;
  pglite = db;
}

/** An error as data: its name and message, and every own field that survives a structured clone. */
function serialised(/** @type {unknown} */ error) {
  if (typeof error !== 'object' || error === null)
    return { name: 'Error', message: String(error), fields: {} };
  const { name, message } = /** @type {{ name?: unknown; message?: unknown }} */ (error);
  /** @type {Record<string, unknown>} */
  const fields = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'function') continue;
    try {
      fields[key] = structuredClone(value);
    } catch {
      // not data (a parser in queryOptions, say): left out
    }
  }
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    fields,
  };
}

/** @param {{ rows: unknown[]; fields: unknown[]; affectedRows?: number }} r */
const resultOf = (r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows });

/** @param {{ id: number; kind: string; sql?: string; params?: unknown[]; options?: Record<string, unknown> }} message */
async function answer(message) {
  if (!pglite) throw new Error('the database is not open');
  switch (message.kind) {
    case 'query':
      return resultOf(await pglite.query(message.sql ?? '', message.params ?? [], message.options));
    case 'exec':
      return (await pglite.exec(message.sql ?? '', message.options)).map(resultOf);
    case 'close':
      await pglite.close();
      return null;
    default:
      throw new Error(`the PGlite worker has no message ${JSON.stringify(message.kind)}`);
  }
}

/** @param {number} id @param {() => Promise<unknown>} work */
async function reply(id, work) {
  try {
    const result = await work();
    try {
      port?.postMessage({ id, ok: true, result });
    } catch (error) {
      // a value that does not clone: the caller gets the reason rather than no answer
      port?.postMessage({ id, ok: false, error: serialised(error) });
    }
  } catch (error) {
    port?.postMessage({ id, ok: false, error: serialised(error) });
  }
}

// one message at a time, in order: a close comes after every statement sent before it
let queue = reply(0, open);
port.on('message', (message) => {
  queue = queue.then(() => reply(message.id, () => answer(message)));
});
