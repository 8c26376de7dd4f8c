import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import { createMiddleware } from 'hono/factory';

/** Hono's compress() threshold: below it, gzip's header and the work are not worth it */
export const COMPRESS_FROM_BYTES = 1024;
/**
 * JSON answers are gzipped at level 1 (ADR 0033): on the KPI answers it takes half to a third of the default level's
 * time (an 18 KB ranking 103 → 49 µs, the 84 KB reporting matrix 361 → 105 µs) for 4–30 % more bytes, a few hundred
 * bytes to 1.6 KB an answer — the time is on every request's path, the bytes are a small part of a page's load. The
 * admin's static files are compressed at build time, at the highest level.
 */
const JSON_GZIP = { level: 1 } as const;
/**
 * above this, gzip runs on libuv's thread pool rather than holding the event loop (at level 1 ~0.3 ms of the loop;
 * the thread pool's hand-over costs a small answer more than it saves)
 */
const COMPRESS_IN_THREAD_FROM_BYTES = 256 * 1024;
const gzipInThread = promisify(gzip);

/** gzip in one call: on the event loop for an ordinary answer, in libuv's thread pool for a large one */
export async function gzipOnce(bytes: Buffer): Promise<Buffer> {
  return bytes.byteLength >= COMPRESS_IN_THREAD_FROM_BYTES
    ? gzipInThread(bytes, JSON_GZIP)
    : gzipSync(bytes, JSON_GZIP);
}

/** how many items of a long array go into one `JSON.stringify` call in `jsonBytes` */
const ITEMS_PER_PART = 128;

/**
 * `JSON.stringify(value)` as UTF-8 bytes, the same bytes, without one large string (ADR 0033). Turning a fresh
 * JSON text of 84 KB that holds a non-ASCII character (a community's name) into bytes cost more than stringifying
 * it (measured: the first read of the whole text alone ~0.16 ms — V8 joins the parts it built the text in — then the
 * UTF-8 encoding): the reporting matrix's 360 cells took 0.5 ms from answer to bytes, 0.27 ms this way (140 KB at
 * the large size: 0.75 → 0.43 ms). So an object's long arrays are stringified a slice at a time and each slice
 * encoded while it is small; anything else goes through `JSON.stringify` whole.
 */
export function jsonBytes(value: unknown): Buffer {
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    return Buffer.from(JSON.stringify(value) ?? 'null');
  const parts: Buffer[] = [];
  let text = '{';
  for (const [key, item] of Object.entries(value)) {
    const json = Array.isArray(item) && item.length > ITEMS_PER_PART ? undefined : JSON.stringify(item);
    if (json === undefined && !Array.isArray(item)) continue; // undefined, a function, a symbol: left out
    text += `${text === '{' ? '' : ','}${JSON.stringify(key)}:`;
    if (json !== undefined) {
      text += json;
      continue;
    }
    text += '[';
    for (let i = 0; i < item.length; i += ITEMS_PER_PART) {
      const slice = JSON.stringify(item.slice(i, i + ITEMS_PER_PART));
      parts.push(Buffer.from(text), Buffer.from(slice.slice(1, -1)));
      text = i + ITEMS_PER_PART < item.length ? ',' : ']';
    }
  }
  parts.push(Buffer.from(`${text}}`));
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}

/** a Buffer as the plain Uint8Array view a Response body is typed for, without copying it */
export const bytesOf = (buffer: Buffer) =>
  new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);

/** Whether an Accept-Encoding header admits gzip: named with a q above 0, or through `*` (RFC 9110 §12.5.3). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(',')) {
    const [name = '', ...parameters] = part.split(';');
    const q = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    const coding = name.trim().toLowerCase();
    if (coding === 'gzip' || coding === 'x-gzip') return accepted;
    if (coding === '*') wildcard = accepted;
  }
  return wildcard;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * A JSON answer to a client that accepts gzip leaves with its length, gzipped in one call when it is worth it (issue
 * 14's light wire).
 * `c.json()` builds an answer without a Content-Length, so compress() cannot tell a 20-byte answer from a large
 * one and pipes every one of them through a CompressionStream, which @hono/node-server then reads back chunk by
 * chunk (a browser's every `/api/ready`, 404 and small form answer, measured 2026-12-04). Here the finished
 * text is read once: under compress()'s threshold it goes out as it is, with its length; above it, gzipped in
 * one call, as the KPI answers already were (taggedJson). compress() (registered outside this) leaves an answer
 * that has a length under its threshold, or a Content-Encoding, alone — and still streams anything else
 * (a CSV export).
 */
export const jsonInOneWrite = createMiddleware(async (c, next) => {
  // a client that takes no gzip gets nothing from compress(), and @hono/node-server writes a string answer with its
  // length itself: reading the answer back here would be work for nothing
  if (!acceptsGzip(c.req.header('Accept-Encoding'))) return next();
  // c.json as Hono's own (the text, a default Content-Type), remembering the text it sent: reading it back from the
  // answer turned @hono/node-server's light answer into a full Response read as a stream (ADR 0031)
  const texts = new WeakMap<Response, Buffer>();
  const honoJson = c.json;
  c.json = ((object: unknown, init?: number | ResponseInit, headers?: Record<string, string>) => {
    const text = jsonBytes(object);
    const res = c.body(bytesOf(text), init as never, { 'Content-Type': 'application/json', ...headers });
    texts.set(res, text);
    return res;
  }) as unknown as typeof honoJson;
  await next();
  const res = c.res;
  const type = res.headers.get('Content-Type');
  if (
    c.req.method === 'HEAD' ||
    res.status === 204 ||
    res.status === 206 ||
    res.status === 304 ||
    !type ||
    !JSON_TYPE.test(type) ||
    res.headers.has('Content-Length') ||
    res.headers.has('Content-Encoding') ||
    res.headers.has('Transfer-Encoding')
  )
    return;
  const sent = texts.get(res);
  // last: @hono/node-server's answer is a light object until its body is asked for, which turns it into a full
  // Response that is then read back as a stream — for a KPI answer already gzipped, or any answer with its
  // length, that was ~0.2 ms of server CPU per request for nothing (ADR 0031)
  if (sent === undefined && !res.body) return;
  const text = sent ?? Buffer.from(await res.arrayBuffer());
  const headers = new Headers(res.headers);
  let body: Buffer = text;
  if (
    text.byteLength >= COMPRESS_FROM_BYTES &&
    !/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get('Cache-Control') ?? '')
  ) {
    body = await gzipOnce(text);
    headers.set('Content-Encoding', 'gzip');
    // the compressed bytes are another representation: a strong tag of the plain one becomes weak, as
    // compress() makes it (etag() compares weakly, so either revalidates to 304)
    const tag = headers.get('ETag');
    if (tag && !tag.startsWith('W/')) headers.set('ETag', `W/${tag}`);
  }
  headers.set('Content-Length', String(body.byteLength));
  // unset first: assigning over a finished answer makes Hono rebuild it around a stream of its body, which
  // @hono/node-server pumps chunk by chunk; a fresh answer with its bytes is written at once
  c.res = undefined;
  c.res = new Response(bytesOf(body), { status: res.status, statusText: res.statusText, headers });
});
