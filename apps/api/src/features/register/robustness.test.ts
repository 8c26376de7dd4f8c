import { DEMO_IDS, deterministicId } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DISTRICT_ADMIN, JINHUI_ADMIN } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const ODD_BODIES: unknown[] = [
  null,
  [],
  'text',
  42,
  {},
  { version: 'one' },
  { version: 1.5 },
  { version: 1e20 },
  { version: 1, name: 'x'.repeat(10_000) },
  { version: 1, name: 'nul\u0000byte', legalName: 'nul\u0000byte', appraiser: 'nul\u0000byte' },
  { version: 1, communityId: 'not-a-uuid', kind: ['premises'], items: 'all' },
  {
    version: 1,
    items: [{ holderKind: 'community', contributionKind: 'site', subscribedFen: 1e300, shareBp: 10_000 }],
  },
  { version: 1, valueFen: Number.MAX_SAFE_INTEGER + 2, appraisedOn: '9999-12-31', startsOn: '1899-12-31' },
  { version: 2_147_483_647, reportDueDay: 0, areaM2: 1e11, promisedResponseMinutes: 2 ** 40 },
];

describe('nothing a client sends yields a 500', () => {
  it('odd bodies to every register write never get a 5xx', async () => {
    const asset = await t.request('/api/v1/assets', {
      as: JINHUI_ADMIN,
      method: 'POST',
      body: JSON.stringify({ kind: 'premises', name: '健壮性测试用房' }),
    });
    const assetId = (await asset.json()).id;
    const writes: Array<[string, string, string]> = [
      ['POST', '/street-offices', DISTRICT_ADMIN],
      ['PATCH', `/street-offices/${deterministicId('street:dongqu-bingcaogang')}`, DISTRICT_ADMIN],
      ['PATCH', `/communities/${DEMO_IDS.jinhui}`, JINHUI_ADMIN],
      ['POST', '/partners', DISTRICT_ADMIN],
      ['PATCH', `/partners/${DEMO_IDS.soe}`, DISTRICT_ADMIN],
      ['POST', '/assets', JINHUI_ADMIN],
      ['PATCH', `/assets/${assetId}`, JINHUI_ADMIN],
      ['POST', `/assets/${assetId}/appraisals`, JINHUI_ADMIN],
      ['POST', '/companies', JINHUI_ADMIN],
      ['POST', '/ventures', JINHUI_ADMIN],
      ['PATCH', `/ventures/${deterministicId('venture:jinhui-tidal-market')}`, JINHUI_ADMIN],
      ['POST', '/agreements', JINHUI_ADMIN],
      ['PATCH', '/district/settings', DISTRICT_ADMIN],
    ];
    for (const [method, path, as] of writes) {
      for (const body of ODD_BODIES) {
        const res = await t.request(`/api/v1${path}`, { as, method, body: JSON.stringify(body) });
        // unknown keys are ignored, so a body with a valid version may succeed; it may never fail with a 500
        expect(res.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}`).toBeLessThan(500);
      }
      const broken = await t.request(`/api/v1${path}`, { as, method, body: '{"name": ' });
      expect(broken.status).toBe(400);
    }
    for (const query of ['?version=abc', '?version=-1', '?version=1.5']) {
      const res = await t.request(`/api/v1/assets/${assetId}${query}`, {
        as: JINHUI_ADMIN,
        method: 'DELETE',
      });
      expect(res.status).toBe(400);
    }
    for (const query of ['?kind=castle', '?communityId=nope', '?status=1']) {
      expect((await t.request(`/api/v1/assets${query}`, { as: JINHUI_ADMIN })).status).toBe(400);
    }
  });
});
