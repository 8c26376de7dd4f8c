/**
 * A NUL character (U+0000) reaches PostgreSQL as "invalid byte sequence for encoding UTF8: 0x00" — a 500.
 * Built from the OpenAPI document, like the isolation matrix, so a new route or field is covered without
 * anyone remembering to: every string in every request body (at any depth) and every query parameter of
 * every operation is sent holding a NUL, and the answer must be a 400 that names that very field — the
 * contract refused it (the shared text schema, packages/contract/src/common.ts), the database never saw it.
 * The other fields are left out, so the 400 also names them; what matters is that the NUL field is named.
 * Then every write is sent with `%00` in its path and an `Idempotency-Key`, which the idempotency
 * middleware stores with the path: no 5xx.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from './testing/test-app';

const t = await createTestApp();
afterAll(async () => t.close());

const AS = 'admin@dongqu.demo';
const NUL = 'a\u0000b';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
interface Parameter {
  in: string;
  name: string;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Schema> };
};

/** Every path (as segments; array items as '0') at which the schema holds a string. */
function stringLeaves(schema: Schema, path: string[] = [], depth = 0): string[][] {
  if (depth > 12) return [];
  if (schema.$ref) {
    const target = doc.components.schemas[schema.$ref.split('/').pop() ?? ''];
    return target ? stringLeaves(target, path, depth + 1) : [];
  }
  const leaves: string[][] = [];
  for (const variant of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    leaves.push(...stringLeaves(variant, path, depth + 1));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object'))
    for (const [name, property] of Object.entries(schema.properties ?? {}))
      leaves.push(...stringLeaves(property, [...path, name], depth + 1));
  if (types.includes('array') && schema.items)
    leaves.push(...stringLeaves(schema.items, [...path, '0'], depth + 1));
  if (types.includes('string')) leaves.push(path);
  // the same path through two variants is sent once
  return [...new Map(leaves.map((l) => [l.join('.'), l])).values()];
}

/** A body holding only the NUL string at `path`, with the objects and arrays around it. */
function bodyWith(path: string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return NUL;
  if (head === '0') return [bodyWith(rest)];
  return { [head]: bodyWith(rest) };
}

interface Case {
  method: string;
  path: string;
  /** the field the 400 must name */
  field: string;
  query?: string;
  body?: unknown;
}
const cases: Case[] = [];
const writes: Array<{ method: string; path: string }> = [];
for (const [template, item] of Object.entries(doc.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    // path parameters are all ids: a fresh uuid passes their check, and the body or query is checked too
    const path = `/api${template.replace(/\{\w+\}/g, () => randomUUID())}`;
    if (method !== 'get') writes.push({ method, path: template });
    for (const parameter of op.parameters ?? []) {
      if (parameter.in !== 'query') continue;
      for (const leaf of stringLeaves(parameter.schema, [parameter.name])) {
        cases.push({ method, path, field: leaf.join('.'), query: `${parameter.name}=a%00b` });
      }
    }
    const body = op.requestBody?.content['application/json']?.schema;
    if (body) {
      for (const leaf of stringLeaves(body)) {
        cases.push({ method, path, field: leaf.join('.'), body: bodyWith(leaf) });
      }
    }
  }
}

describe('a NUL character anywhere a client can put one', () => {
  it('the document has the fields this test is about (it walks what it should)', () => {
    // a sample that must be among the cases, or the walk itself is broken
    const fields = new Set(
      cases.map((c) => `${c.method} ${c.path.replace(/[0-9a-f-]{36}/g, '{id}')} ${c.field}`),
    );
    for (const expected of [
      'post /api/v1/funds name',
      'post /api/v1/funds purpose',
      'post /api/v1/proposals title',
      'post /api/v1/proposals/{id}/payouts memo',
      'post /api/v1/pledges description',
      'post /api/v1/pledges/{id}/fulfilments description',
      'post /api/v1/reports/{id}/return comment',
      'post /api/v1/reports/{id}/approve comment',
      'get /api/v1/audit entityType',
      'get /api/v1/audit entityId',
    ]) {
      expect(fields, expected).toContain(expected);
    }
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(
    cases.map((c) => [`${c.method.toUpperCase()} ${c.path} ${c.query ? '?' : ''}${c.field}`, c] as const),
  )('%s → 400 naming the field', async (_, c) => {
    const res = await t.request(`${c.path}${c.query ? `?${c.query}` : ''}`, {
      as: AS,
      method: c.method.toUpperCase(),
      ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
      headers: { 'accept-language': 'en' },
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(Object.keys(body.error.fields ?? {}), JSON.stringify(body)).toContain(c.field);
  });

  it('says so in the user’s language', async () => {
    for (const [lang, words] of [
      ['zh-CN', '不能包含空字符'],
      ['en', 'must not contain the NUL character'],
    ] as const) {
      const res = await t.request('/api/v1/funds', {
        as: 'jinhui@dongqu.demo',
        method: 'POST',
        headers: { 'accept-language': lang },
        body: JSON.stringify({ kind: 'other', name: NUL }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields.name.toLowerCase()).toContain(words.toLowerCase());
    }
  });

  it('a write whose path holds %00, sent with an Idempotency-Key, is no 5xx', async () => {
    expect(writes.length).toBeGreaterThan(20);
    for (const { method, path } of writes) {
      const withNul = /\{\w+\}/.test(path) ? path.replace(/\{\w+\}/, 'a%00b') : `${path}%00`;
      const res = await t.request(`/api${withNul.replace(/\{\w+\}/g, () => randomUUID())}`, {
        as: AS,
        method: method.toUpperCase(),
        headers: { 'idempotency-key': `nul-${randomUUID()}` },
        body: '{}',
      });
      expect(res.status, `${method} ${withNul}`).toBeLessThan(500);
    }
  });
});
