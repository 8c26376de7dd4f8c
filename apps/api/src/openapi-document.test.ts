import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp, type Deps } from './app';
import { patternMaxLength } from './openapi-document';

// biome-ignore lint/suspicious/noExplicitAny: the document is plain JSON
type Json = any;

// the document is served without touching the database or the throttle
const deps = { logger: pino({ level: 'silent' }), dbKind: 'pglite' } as unknown as Deps;
const document = async (): Promise<Json> => (await createApp(deps).request('/api/openapi.json')).json();
const operations = (doc: Json) =>
  Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
    Object.entries<Json>(item).map(([method, op]) => ({ path, method, op })),
  );

describe('the OpenAPI document (issue 13, item 10)', () => {
  it('declares the session cookie, and which operations need it', async () => {
    const doc = await document();
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'gongfu_session',
    });
    const byPath = (path: string, method: string) => doc.paths[path][method];
    expect(byPath('/v1/auth/login', 'post').security).toEqual([]);
    expect(byPath('/health', 'get').security).toEqual([]);
    expect(byPath('/public/communities/{id}/disclosure', 'get').security).toEqual([]);
    // reading the register is also open to an API token (ADR 0026); creating a community is not
    expect(byPath('/v1/communities', 'get').security).toEqual([{ sessionCookie: [] }, { apiToken: [] }]);
    expect(byPath('/v1/communities', 'post').security).toEqual([{ sessionCookie: [] }]);
    expect(byPath('/v1/communities', 'post').responses).toHaveProperty('401');
    expect(byPath('/v1/auth/login', 'post').responses['429'].headers).toHaveProperty('Retry-After');
  });

  it('gives every operation a unique operationId, tags, a description and the errors any request can get', async () => {
    const doc = await document();
    const ids = new Set<string>();
    for (const { path, method, op } of operations(doc)) {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z]+[A-Za-z0-9_]*$/);
      expect(ids.has(op.operationId), op.operationId).toBe(false);
      ids.add(op.operationId);
      expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      expect(op.description, `${method} ${path}`).toBeTruthy();
      expect(op.responses, `${method} ${path}`).toHaveProperty('500');
      if (op.requestBody) expect(op.responses, `${method} ${path}`).toHaveProperty('413');
    }
    expect(ids.has('getCommunitiesById')).toBe(true);
    const tags = doc.tags.map((tag: Json) => tag.name);
    for (const { op } of operations(doc)) for (const tag of op.tags) expect(tags).toContain(tag);
  });

  it('bounds offsets, and gives uuids and dates the length their format fixes', async () => {
    const doc = await document();
    const offset = doc.paths['/v1/warnings'].get.parameters.find((p: Json) => p.name === 'offset');
    expect(offset.schema.maximum).toBe(1_000_000);
    const id = doc.paths['/v1/communities/{id}'].get.parameters.find((p: Json) => p.name === 'id');
    expect(id.schema.maxLength).toBe(36);
  });

  it('declares Idempotency-Key on the writes that honour it, and an API token limited to one venture', async () => {
    const doc = await document();
    const keyOf = (path: string, method: string) =>
      (doc.paths[path][method].parameters ?? []).find(
        (p: Json) => p.in === 'header' && p.name === 'Idempotency-Key',
      );
    // every write with a session or a token, a token's report submission among them (kept per token)
    for (const [path, method] of [
      ['/v1/reports', 'post'],
      ['/v1/reports/{id}/submit', 'post'],
      ['/v1/reports/{id}', 'patch'],
      ['/v1/communities', 'post'],
    ] as const) {
      expect(keyOf(path, method), `${method} ${path}`).toMatchObject({
        required: false,
        schema: { type: 'string', maxLength: 200 },
      });
    }
    // not the login (no session yet to keep it for), not a read
    expect(keyOf('/v1/auth/login', 'post')).toBeUndefined();
    expect(keyOf('/v1/reports', 'get')).toBeUndefined();
    expect(doc.components.securitySchemes.apiToken.description).toMatch(/Idempotency-Key/);
    // a token for one venture: asked for at creation, shown in the list
    const schemas = doc.components.schemas;
    expect(schemas.ApiTokenCreate.properties.ventureId).toMatchObject({ format: 'uuid' });
    expect(schemas.ApiTokenCreate.required).not.toContain('ventureId');
    expect(schemas.ApiToken.properties).toHaveProperty('ventureId');
    expect(schemas.ApiToken.properties).toHaveProperty('ventureName');
  });

  it('reads the longest match of a bounded anchored pattern, and refuses an unbounded one', () => {
    expect(patternMaxLength('^\\d{12}$')).toBe(12);
    expect(patternMaxLength('^\\d{9,12}$')).toBe(12);
    expect(patternMaxLength('^(19|2\\d)\\d{2}-(0[1-9]|1[0-2])$')).toBe(7);
    expect(patternMaxLength('^[a-z][a-z0-9_]{0,63}$')).toBe(64);
    expect(patternMaxLength('^(?:ab|c)?x$')).toBe(3);
    expect(patternMaxLength('^[^/\\\\]+$')).toBeUndefined();
    expect(patternMaxLength('^a*$')).toBeUndefined();
    expect(patternMaxLength('^\\d{4,}$')).toBeUndefined();
    expect(patternMaxLength('abc')).toBeUndefined();
  });
});
