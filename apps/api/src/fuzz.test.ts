/**
 * Fuzzing from the OpenAPI document (issue 13): every operation the API declares, as every kind of caller
 * (anonymous, each role of the demo district, the platform), with bodies, path and query parameters generated
 * from the operation's own schemas by fast-check — valid ones, and ones with a field swapped for something hostile
 * (wrong types, bounds, huge, unicode, NUL, traversal, another district's ids). What must hold, whatever was sent:
 *  - no 5xx;
 *  - every error is the error shape `{ error: { code, message } }`;
 *  - nothing is written outside the caller's scope: the other district's rows are the same before and after.
 * New routes are covered without anyone remembering to: the list comes from the document.
 * GONGFU_FUZZ_REQUESTS (default 10,000) and GONGFU_FUZZ_SEED tune and reproduce a run.
 */
import { type Database, DEMO_IDS, deterministicId, withTenantTransaction } from '@gongfu/db';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app';

const REQUESTS = Number(process.env.GONGFU_FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.GONGFU_FUZZ_SEED ?? 20_261_204);

/** Callers: anonymous and the demo district's roles (the other district, xiqu, is the one that must not change). */
const ACTORS = [
  null,
  'admin@dongqu.demo',
  'viewer@dongqu.demo',
  'wangjiangjie@dongqu.demo',
  'reporter@jinhui.demo',
  'soe@dongqu.demo',
  'platform@gongfu.demo',
  // API tokens (ADR 0026), sent as `Authorization: Bearer` (test-app's useBearer): a community admin's, a partner's
  'token:jinhui@dongqu.demo',
  'token:soe@dongqu.demo',
] as const;
/** Calls that end the caller's own session are sent, then the caller logs in again. */
const ENDS_SESSION = /\/auth\/(logout|password)/;

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema as the OpenAPI document gives it
type Schema = any;
interface Operation {
  method: string;
  path: string;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  body?: { type: string; schema?: Schema };
}

/** Ids that exist: the caller's own objects, another community's, the other district's. */
const KNOWN_IDS = Object.values(DEMO_IDS);
const FOREIGN_IDS = [DEMO_IDS.xiqu, DEMO_IDS.xiquCommunity];

const hostile = fc.constantFrom<unknown>(
  '\u0000',
  'a\u0000b',
  '%00',
  '',
  ' ',
  '𠀀'.repeat(300),
  'x'.repeat(70_000),
  '../../../etc/passwd',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '\u202e\ufeff',
  -1,
  0,
  2 ** 31,
  -(2 ** 53),
  1e308,
  0.1,
  true,
  null,
  [],
  {},
  [null],
  { $gt: '' },
  '2026-02-30',
  '9999-99',
  ...FOREIGN_IDS,
);

function resolveRef(schema: Schema, doc: Schema): Schema {
  let s = schema;
  for (let i = 0; s?.$ref && i < 20; i++) {
    s = s.$ref
      .replace('#/', '')
      .split('/')
      .reduce((node: Schema, key: string) => node?.[key], doc);
  }
  return s ?? {};
}

/** A fast-check arbitrary of the values a JSON Schema describes (the subset zod-openapi writes). */
function arbitraryOf(input: Schema, doc: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolveRef(input, doc);
  if (depth > 6) return fc.constant(null);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v: Schema) => arbitraryOf(v, doc, depth + 1)));
  if (schema.allOf)
    return arbitraryOf(Object.assign({}, ...schema.allOf.map((s: Schema) => resolveRef(s, doc))), doc, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((t: string) => arbitraryOf({ ...schema, type: t }, doc, depth)));
  }
  const nullable = schema.nullable
    ? (a: fc.Arbitrary<unknown>) => fc.oneof(a, fc.constant(null))
    : (a: fc.Arbitrary<unknown>) => a;
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return nullable(fc.boolean());
    case 'integer':
      return nullable(
        fc.integer({
          min: Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER),
          max: Math.min(schema.maximum ?? 10_000_000_000, Number.MAX_SAFE_INTEGER),
        }),
      );
    case 'number':
      return nullable(
        fc.double({
          min: schema.minimum ?? -1e9,
          max: schema.maximum ?? 1e12,
          noNaN: true,
          noDefaultInfinity: true,
        }),
      );
    case 'array':
      return nullable(
        fc.array(arbitraryOf(schema.items ?? {}, doc, depth + 1), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, 4),
        }),
      );
    case 'object': {
      const properties: Record<string, Schema> = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, arbitraryOf(v, doc, depth + 1)])),
        { requiredKeys: (schema.required ?? []).filter((k: string) => k in properties) },
      );
      return nullable(record);
    }
    case 'string':
      return nullable(stringOf(schema));
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null));
  }
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.oneof(fc.uuid(), fc.constantFrom(...KNOWN_IDS));
  if (schema.format === 'date') return fc.oneof(fc.constantFrom('2026-10-31', '2025-01-01'), fc.string());
  if (schema.format === 'date-time') return fc.constantFrom('2026-10-31T08:00:00Z', 'yesterday');
  // never a caller's own address: wrong passwords for it would lock it out (the login throttle doing its job)
  if (schema.format === 'email') return fc.oneof(fc.emailAddress(), fc.constant('nobody@dongqu.demo'));
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, schema.maxLength ?? 500));
    } catch {
      // a pattern JavaScript cannot compile: plain strings
    }
  }
  return fc.string({
    unit: fc.oneof(fc.constant('grapheme'), fc.constant('binary')) as never,
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 40, 40),
  });
}

/** A valid value, or (one time in three) one whose top-level field — or the whole — is hostile. */
function withHostility(arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: arb },
    {
      weight: 1,
      arbitrary: fc.tuple(arb, hostile, fc.nat()).map(([value, bad, pick]) => {
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const keys = Object.keys(value);
          if (keys.length === 0) return bad;
          return { ...value, [keys[pick % keys.length] as string]: bad };
        }
        return bad;
      }),
    },
  );
}

interface Sample {
  path: string;
  query: string;
  body: string | FormData | undefined;
  contentType?: string;
}

function requestsOf(op: Operation, doc: Schema): fc.Arbitrary<Sample> {
  const params = op.parameters.filter((p) => p.in === 'path' || p.in === 'query');
  const paramArbs = Object.fromEntries(
    params.map((p) => [
      `${p.in}:${p.name}`,
      p.in === 'path' || p.required
        ? withHostility(arbitraryOf(p.schema ?? { type: 'string' }, doc))
        : fc.option(withHostility(arbitraryOf(p.schema ?? { type: 'string' }, doc)), {
            nil: undefined,
            freq: 3,
          }),
    ]),
  );
  const bodyArb =
    op.body?.type === 'application/json'
      ? withHostility(arbitraryOf(op.body.schema ?? {}, doc)).map((v) => JSON.stringify(v ?? null))
      : op.body
        ? fc.uint8Array({ maxLength: 2000 }).map((bytes) => {
            const form = new FormData();
            form.set('file', new Blob([bytes]), 'upload.xlsx');
            return form;
          })
        : fc.constant(undefined);
  return fc.tuple(fc.record(paramArbs), bodyArb).map(([values, body]) => {
    let path = op.path;
    const query = new URLSearchParams();
    for (const p of params) {
      const value = values[`${p.in}:${p.name}`];
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(text ?? ''));
      else if (value !== undefined) {
        if (Array.isArray(value)) for (const v of value) query.append(p.name, String(v));
        else query.set(p.name, text ?? '');
      }
    }
    return {
      path,
      query: query.toString(),
      body,
      contentType: op.body?.type === 'application/json' ? 'application/json' : undefined,
    };
  });
}

let t: TestApp;
let doc: Schema;
let superuser = false;

/** A fingerprint of every row of the other district (xiqu), table by table. */
async function otherDistrictRows(): Promise<Record<string, string>> {
  const read = async (db: Kysely<Database>) => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
       where table_schema = 'public' and column_name = 'district_id' order by table_name`.execute(db);
    const out: Record<string, string> = {};
    for (const { table_name } of tables.rows) {
      const row = await sql<{ fp: string | null; n: number }>`
        select md5(string_agg(r::text, '|' order by r::text)) as fp, count(*)::int as n
          from ${sql.table(table_name)} r where r.district_id = ${DEMO_IDS.xiqu}`.execute(db);
      out[table_name] = `${row.rows[0]?.n}:${row.rows[0]?.fp}`;
    }
    return out;
  };
  // a superuser connection (PGlite's, CI's) reads every row; otherwise the other district's own scope does
  if (superuser) return read(t.handle.db);
  return withTenantTransaction(
    t.handle.db,
    { kind: 'district', userId: deterministicId('user:admin@xiqu.demo'), districtId: DEMO_IDS.xiqu },
    (trx) => read(trx),
  );
}

beforeAll(async () => {
  // the fuzz sends far more than a token's default rate allows
  t = await createTestApp({ apiTokenRateLimit: { requests: 1_000_000, windowMs: 60_000 } });
  doc = await (await t.request('/api/openapi.json')).json();
  for (const actor of ACTORS) {
    if (!actor?.startsWith('token:')) continue;
    const creator = actor.slice('token:'.length);
    const res = await t.request('/api/v1/api-tokens', {
      method: 'POST',
      as: creator,
      body: JSON.stringify({
        name: `fuzz ${creator}`,
        scopes: ['report:write', 'report:read', 'register:read'],
        expiresInDays: 1,
      }),
    });
    if (res.status !== 201) throw new Error(`token of ${creator}: ${res.status}`);
    t.useBearer(actor, (await res.json()).token);
  }
  const me = await sql<{
    rolsuper: boolean;
  }>`select rolsuper from pg_roles where rolname = current_user`.execute(t.handle.db);
  superuser = Boolean(me.rows[0]?.rolsuper);
}, 120_000);
afterAll(async () => t?.close());

describe('fuzzing every operation of the OpenAPI document', () => {
  it(`answers ${REQUESTS.toLocaleString('en')} generated requests with no 5xx, errors in the error shape, and nothing written outside the caller's scope`, async () => {
    const operations: Operation[] = [];
    for (const [path, item] of Object.entries<Schema>(doc.paths)) {
      for (const [method, op] of Object.entries<Schema>(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const content = op.requestBody?.content ?? {};
        const type = Object.keys(content)[0];
        operations.push({
          method: method.toUpperCase(),
          path: `/api${path}`,
          parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Schema) =>
            resolveRef(p, doc),
          ),
          body: type ? { type, schema: content[type]?.schema } : undefined,
        });
      }
    }
    expect(operations.length).toBeGreaterThan(50);
    // the test clock route would move the business clock under everyone else's feet; it is not mounted here anyway
    const targets = operations.filter((op) => !op.path.startsWith('/api/test/'));
    const before = await otherDistrictRows();
    expect(Object.values(before).some((v) => !v.startsWith('0:'))).toBe(true); // there is something to protect

    const perPair = Math.ceil(REQUESTS / (targets.length * ACTORS.length));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const reachedHandler = new Set<string>(); // operations that answered 2xx at least once
    let sent = 0;
    let seed = SEED;
    for (const op of targets) {
      const samples = fc.sample(requestsOf(op, doc), { numRuns: perPair * ACTORS.length, seed: seed++ });
      for (const [i, sample] of samples.entries()) {
        const actor = ACTORS[i % ACTORS.length] ?? null;
        const headers: Record<string, string> = {};
        if (sample.contentType) headers['content-type'] = sample.contentType;
        if (i % 5 === 0 && op.method !== 'GET') headers['idempotency-key'] = `fuzz-${seed}-${i}`;
        const url = `${op.path.replace(/\{[^}]+\}/g, 'x')}`;
        const target = `${sample.path}${sample.query ? `?${sample.query}` : ''}`;
        let res: Response;
        try {
          res = await t.request(target, {
            method: op.method,
            headers,
            body: op.method === 'GET' || op.method === 'DELETE' ? undefined : sample.body,
            ...(actor ? { as: actor } : {}),
          });
        } catch (error) {
          failures.push(
            `${op.method} ${target} as ${actor ?? 'anonymous'}: threw ${(error as Error).message}`,
          );
          continue;
        }
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status < 300) reachedHandler.add(`${op.method} ${op.path}`);
        const describeIt = () =>
          `${op.method} ${target.slice(0, 300)} as ${actor ?? 'anonymous'} (${url}) → ${res.status}`;
        if (res.status >= 500) failures.push(`${describeIt()}: ${(await res.text()).slice(0, 300)}`);
        else if (res.status >= 400 && (res.headers.get('content-type') ?? '').includes('json')) {
          const body = await res.json().catch(() => undefined);
          if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string') {
            failures.push(`${describeIt()}: not the error shape: ${JSON.stringify(body).slice(0, 200)}`);
          }
        } else {
          await res.arrayBuffer();
        }
        if (actor && ENDS_SESSION.test(op.path)) {
          // the caller may have ended or changed its own session: log in again for the next request
          const me = await t.request('/api/v1/me', { as: actor });
          if (me.status === 401) t.forgetCookie(actor);
        }
      }
    }
    console.log(
      `fuzz: ${sent} requests over ${targets.length} operations × ${ACTORS.length} callers (seed ${SEED}); ` +
        `${reachedHandler.size} operations answered 2xx at least once; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    if (failures.length) {
      throw new Error(`${failures.length} failure(s) (seed ${SEED}):\n${failures.slice(0, 25).join('\n')}`);
    }
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    expect(await otherDistrictRows()).toEqual(before);
  }, 1_800_000);
});
