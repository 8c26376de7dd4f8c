import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the OpenAPI document', () => {
  it('lists every register route with its methods', async () => {
    const res = await t.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    const methods = (path: string) => Object.keys(doc.paths[path] ?? {}).sort();
    expect(methods('/v1/street-offices')).toEqual(['get', 'post']);
    expect(methods('/v1/street-offices/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(methods('/v1/communities/{id}')).toEqual(['delete', 'get', 'patch']);
    for (const resource of ['assets', 'partners', 'companies', 'agreements', 'ventures']) {
      expect(methods(`/v1/${resource}`)).toEqual(['get', 'post']);
      expect(methods(`/v1/${resource}/{id}`)).toEqual(['delete', 'get', 'patch']);
    }
    expect(methods('/v1/assets/{id}/appraisals')).toEqual(['get', 'post']);
    expect(methods('/v1/companies/{id}/shareholdings')).toEqual(['get', 'put']);
    expect(methods('/v1/district/settings')).toEqual(['get', 'patch']);
    expect(doc.components.schemas.ShareholdingsReplace).toBeDefined();
  });
});
