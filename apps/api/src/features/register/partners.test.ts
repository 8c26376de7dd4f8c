import { DEMO_IDS } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  creditCode,
  DISTRICT_ADMIN,
  DISTRICT_VIEWER,
  helpers,
  JINHUI_ADMIN,
  JINHUI_REPORTER,
  PLATFORM_ADMIN,
  SOE_OPERATOR,
  withWrongCheck,
  XIQU_ADMIN,
} from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
const { get, post, patch, del, count, auditActions } = helpers(() => t);

const DEMO_PARTNERS = ['东区国有资产经营公司（区属国企）', '启迪之星孵化器', '攀西汽车服务产业协会'];

describe('reading partners', () => {
  it('district roles and community admins see the district’s partners; an operator sees itself', async () => {
    const inDistrict = await count('partners', sql`district_id = ${DEMO_IDS.dongqu}`);
    for (const as of [DISTRICT_ADMIN, DISTRICT_VIEWER, JINHUI_ADMIN]) {
      const res = await get('/partners', as);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(inDistrict);
      expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(DEMO_PARTNERS),
      );
      expect(res.body.items.every((p: { districtId: string }) => p.districtId === DEMO_IDS.dongqu)).toBe(
        true,
      );
    }
    const soe = await get('/partners', SOE_OPERATOR);
    expect(soe.body.items.map((p: { id: string }) => p.id)).toEqual([DEMO_IDS.soe]);
    expect((await get(`/partners/${DEMO_IDS.tusStar}`, SOE_OPERATOR)).status).toBe(404);
    expect((await get(`/partners/${DEMO_IDS.soe}`, SOE_OPERATOR)).status).toBe(200);
    const xiqu = await get('/partners', XIQU_ADMIN);
    expect(xiqu.body.items.map((p: { name: string }) => p.name)).toContain('西区社工服务中心');
    expect(xiqu.body.items.some((p: { name: string }) => DEMO_PARTNERS.includes(p.name))).toBe(false);
  });

  it('filters by kind; a reporter and the platform get 403; no session 401', async () => {
    const soes = await get('/partners?kind=soe', DISTRICT_ADMIN);
    expect(soes.body.items.length).toBeGreaterThan(0);
    expect(soes.body.items.every((p: { kind: string }) => p.kind === 'soe')).toBe(true);
    expect((await get('/partners?kind=bank', DISTRICT_ADMIN)).status).toBe(400);
    expect((await get('/partners', JINHUI_REPORTER)).status).toBe(403);
    expect((await get('/partners', PLATFORM_ADMIN)).status).toBe(403);
    expect((await get('/partners')).status).toBe(401);
  });

  it('another district’s partner is 404', async () => {
    expect((await get(`/partners/${DEMO_IDS.soe}`, XIQU_ADMIN)).status).toBe(404);
  });
});

describe('writing partners', () => {
  const code = creditCode('91510402MA62Q8K1X');

  it('a district admin registers a partner with a valid credit code, changes and deletes it, audited', async () => {
    const created = await post('/partners', DISTRICT_ADMIN, {
      name: '攀钢集团康养公司',
      kind: 'enterprise',
      creditCode: ` ${code.toLowerCase()} `,
      contactName: '李经理',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '攀钢集团康养公司', creditCode: code, version: 1 });
    const id = created.body.id;
    expect((await get(`/partners/${id}`, DISTRICT_VIEWER)).status).toBe(200);
    expect((await get(`/partners/${id}`, XIQU_ADMIN)).status).toBe(404);

    const changed = await patch(`/partners/${id}`, DISTRICT_ADMIN, {
      version: 1,
      kind: 'soe',
      contactPhone: '0812-1234567',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ kind: 'soe', contactPhone: '0812-1234567', version: 2 });
    const stale = await patch(`/partners/${id}`, DISTRICT_ADMIN, { version: 1, kind: 'incubator' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await get(`/partners/${id}`, DISTRICT_ADMIN)).body.kind).toBe('soe');

    expect((await del(`/partners/${id}?version=1`, DISTRICT_ADMIN)).status).toBe(409);
    expect((await del(`/partners/${id}`, DISTRICT_ADMIN)).status).toBe(204);
    expect((await get(`/partners/${id}`, DISTRICT_ADMIN)).status).toBe(404);
    expect(await auditActions(id)).toEqual(['partner.create', 'partner.update', 'partner.delete']);
  });

  it('a credit code with a wrong check character is a field error naming creditCode, in both languages', async () => {
    const zh = await post('/partners', DISTRICT_ADMIN, {
      name: '校验位错误',
      kind: 'enterprise',
      creditCode: withWrongCheck(code),
    });
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('validation_failed');
    expect(zh.body.error.fields.creditCode).toBe('统一社会信用代码校验位不符，请核对是否有录入错误');
    const en = await post(
      '/partners',
      DISTRICT_ADMIN,
      { name: '校验位错误', kind: 'enterprise', creditCode: '91510402' },
      { 'Accept-Language': 'en' },
    );
    expect(en.body.error.fields.creditCode).toBe('A unified social credit code has 18 characters');
    expect(await count('partners', sql`name = '校验位错误'`)).toBe(0);
  });

  it('other roles may not write (403), and nothing is written or changed', async () => {
    for (const as of [DISTRICT_VIEWER, JINHUI_ADMIN, JINHUI_REPORTER, SOE_OPERATOR, PLATFORM_ADMIN]) {
      expect((await post('/partners', as, { name: `越权合作方-${as}`, kind: 'enterprise' })).status).toBe(
        403,
      );
      expect((await patch(`/partners/${DEMO_IDS.soe}`, as, { version: 1, name: '改名' })).status).toBe(403);
      expect((await del(`/partners/${DEMO_IDS.tusStar}`, as)).status).toBe(403);
    }
    expect(await count('partners', sql`name like '越权合作方-%' or name = '改名'`)).toBe(0);
    expect((await get(`/partners/${DEMO_IDS.tusStar}`, DISTRICT_ADMIN)).status).toBe(200);
  });

  it('another district’s admin gets 404 writing this district’s partner', async () => {
    expect(
      (await patch(`/partners/${DEMO_IDS.soe}`, XIQU_ADMIN, { version: 1, name: '西区改名' })).status,
    ).toBe(404);
    expect((await del(`/partners/${DEMO_IDS.soe}`, XIQU_ADMIN)).status).toBe(404);
  });

  it('validation names each field; duplicates are 409 naming the field; a partner in use cannot be deleted', async () => {
    const bad = await post('/partners', DISTRICT_ADMIN, { name: '', kind: 'bank' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['kind', 'name']);
    const dup = await post('/partners', DISTRICT_ADMIN, { name: '启迪之星孵化器', kind: 'incubator' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.name).toBe('本区已有同名合作方');
    // the SOE operates a venture and has an operator account
    const inUse = await del(`/partners/${DEMO_IDS.soe}`, DISTRICT_ADMIN);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('partner_in_use');
    expect((await get(`/partners/${DEMO_IDS.soe}`, DISTRICT_ADMIN)).status).toBe(200);
  });
});
