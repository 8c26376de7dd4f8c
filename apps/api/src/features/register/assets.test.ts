import { DEMO_IDS } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  DISTRICT_ADMIN,
  DISTRICT_VIEWER,
  GELIPING_ADMIN,
  helpers,
  JINHUI_ADMIN,
  JINHUI_REPORTER,
  PLATFORM_ADMIN,
  SOE_OPERATOR,
  WANGJIANGJIE_ADMIN,
  XIQU_ADMIN,
} from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
const { get, post, patch, del, count, auditActions } = helpers(() => t);

const premises = (name: string) => ({
  kind: 'premises',
  name,
  areaM2: 320.5,
  location: '金汇社区 3 号楼底商',
  title: '攀国用(2020)第 001 号',
});

describe('the asset register', () => {
  it('a community admin registers, reads, changes and retires its community’s asset, each step audited', async () => {
    const created = await post('/assets', JINHUI_ADMIN, premises('闲置底商 A'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      communityId: DEMO_IDS.jinhui,
      districtId: DEMO_IDS.dongqu,
      kind: 'premises',
      areaM2: 320.5,
      status: 'idle',
      latestAppraisal: null,
      version: 1,
    });
    const id = created.body.id;

    const changed = await patch(`/assets/${id}`, JINHUI_ADMIN, {
      version: 1,
      status: 'leased',
      location: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'leased', location: null, version: 2 });

    const stale = await patch(`/assets/${id}`, JINHUI_ADMIN, { version: 1, status: 'idle' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await get(`/assets/${id}`, JINHUI_ADMIN)).body.status).toBe('leased');

    expect((await del(`/assets/${id}`, JINHUI_ADMIN)).status).toBe(204);
    expect((await get(`/assets/${id}`, JINHUI_ADMIN)).status).toBe(404);
    const listed = await get('/assets', JINHUI_ADMIN);
    expect(listed.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    expect(await count('assets', sql`asset_id = ${id} and deleted_at is not null`)).toBe(1);
    expect(await auditActions(id)).toEqual(['asset.create', 'asset.update', 'asset.delete']);
  });

  it('district roles read every community’s assets; a community admin only its own', async () => {
    const a = (await post('/assets', JINHUI_ADMIN, premises('金汇仓库'))).body;
    const b = (await post('/assets', WANGJIANGJIE_ADMIN, { kind: 'plaza', name: '望江广场' })).body;
    for (const as of [DISTRICT_ADMIN, DISTRICT_VIEWER]) {
      const ids = (await get('/assets', as)).body.items.map((x: { id: string }) => x.id);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
      expect((await get(`/assets/${b.id}`, as)).status).toBe(200);
    }
    const jinhui = (await get('/assets', JINHUI_ADMIN)).body.items;
    expect(jinhui.every((x: { communityId: string }) => x.communityId === DEMO_IDS.jinhui)).toBe(true);
    expect(jinhui.map((x: { id: string }) => x.id)).toContain(a.id);
    // asking for another community's assets finds nothing rather than widening the scope
    expect((await get(`/assets?communityId=${DEMO_IDS.wangjiangjie}`, JINHUI_ADMIN)).body.total).toBe(0);
    const plazas = (await get(`/assets?kind=plaza&communityId=${DEMO_IDS.wangjiangjie}`, DISTRICT_VIEWER))
      .body;
    expect(plazas.items.map((x: { id: string }) => x.id)).toContain(b.id);
    expect(plazas.items.every((x: { kind: string }) => x.kind === 'plaza')).toBe(true);
  });

  it('another community or another district gets 404 to read, change, delete or appraise, and nothing changes', async () => {
    const asset = (await post('/assets', JINHUI_ADMIN, premises('跨社区测试用房'))).body;
    for (const as of [WANGJIANGJIE_ADMIN, GELIPING_ADMIN]) {
      expect((await get(`/assets/${asset.id}`, as)).status).toBe(404);
      expect((await patch(`/assets/${asset.id}`, as, { version: 1, name: '被改名' })).status).toBe(404);
      expect((await del(`/assets/${asset.id}`, as)).status).toBe(404);
      expect((await get(`/assets/${asset.id}/appraisals`, as)).status).toBe(404);
      expect(
        (
          await post(`/assets/${asset.id}/appraisals`, as, {
            method: 'market',
            appraiser: '越权评估',
            appraisedOn: '2024-01-01',
            valueFen: 1,
          })
        ).status,
      ).toBe(404);
    }
    // another district's admin: not found to read; writing is not its role's right at all (403)
    expect((await get(`/assets/${asset.id}`, XIQU_ADMIN)).status).toBe(404);
    expect((await get(`/assets/${asset.id}/appraisals`, XIQU_ADMIN)).status).toBe(404);
    expect((await patch(`/assets/${asset.id}`, XIQU_ADMIN, { version: 1, name: '被改名' })).status).toBe(403);
    expect((await get(`/assets/${asset.id}`, JINHUI_ADMIN)).body).toMatchObject({
      name: '跨社区测试用房',
      version: 1,
    });
    expect(await count('asset_appraisals', sql`asset_id = ${asset.id}`)).toBe(0);
  });

  it('roles without the right get 403 and nothing is written (district admins oversee, they do not keep the books)', async () => {
    const asset = (await post('/assets', JINHUI_ADMIN, premises('权限测试用房'))).body;
    for (const as of [DISTRICT_ADMIN, DISTRICT_VIEWER, JINHUI_REPORTER, SOE_OPERATOR, PLATFORM_ADMIN]) {
      const res = await post('/assets', as, { ...premises(`越权资产-${as}`), communityId: DEMO_IDS.jinhui });
      expect(res.status).toBe(403);
      expect((await patch(`/assets/${asset.id}`, as, { version: 1, name: '越权改名' })).status).toBe(403);
      expect((await del(`/assets/${asset.id}`, as)).status).toBe(403);
      expect(
        (
          await post(`/assets/${asset.id}/appraisals`, as, {
            method: 'market',
            appraiser: '越权评估',
            appraisedOn: '2024-01-01',
            valueFen: 1,
          })
        ).status,
      ).toBe(403);
    }
    for (const as of [JINHUI_REPORTER, SOE_OPERATOR]) expect((await get('/assets', as)).status).toBe(403);
    expect(await count('assets', sql`name like '越权%'`)).toBe(0);
    expect(await count('asset_appraisals', sql`appraiser = '越权评估'`)).toBe(0);
    expect((await get(`/assets/${asset.id}`, JINHUI_ADMIN)).body.version).toBe(1);
    expect((await get('/assets')).status).toBe(401);
  });

  it('a community admin cannot register an asset in another community (field error, nothing written)', async () => {
    const res = await post('/assets', JINHUI_ADMIN, {
      ...premises('别人家的房'),
      communityId: DEMO_IDS.wangjiangjie,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.communityId).toBe('社区不存在');
    expect(await count('assets', sql`name = '别人家的房'`)).toBe(0);
  });

  it('validation names each field in zh-CN and en', async () => {
    const zh = await post('/assets', JINHUI_ADMIN, { kind: 'castle', name: ' ', areaM2: -1, status: 'lost' });
    expect(zh.status).toBe(400);
    expect(Object.keys(zh.body.error.fields).sort()).toEqual(['areaM2', 'kind', 'name', 'status']);
    expect(zh.body.error.fields.name).toBe('不能为空');
    const en = await post('/assets', JINHUI_ADMIN, { kind: 'land' }, { 'Accept-Language': 'en' });
    expect(en.body.error.fields.name).toBe('Required');
    const noVersion = await patch(`/assets/${DEMO_IDS.jinhui}`, JINHUI_ADMIN, { name: '无版本' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields).toHaveProperty('version');
  });
});

describe('appraisals', () => {
  it('are appended as history, newest first; the asset shows the latest', async () => {
    const asset = (await post('/assets', JINHUI_ADMIN, premises('评估测试用房'))).body;
    const first = await post(`/assets/${asset.id}/appraisals`, JINHUI_ADMIN, {
      method: 'market',
      appraiser: '四川天健评估',
      appraisedOn: '2022-06-30',
      valueFen: 150_000_000,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ assetId: asset.id, valueFen: 150_000_000, appraisedOn: '2022-06-30' });
    const second = await post(`/assets/${asset.id}/appraisals`, JINHUI_ADMIN, {
      method: 'income',
      appraiser: '四川天健评估',
      appraisedOn: '2024-06-30',
      valueFen: 180_000_000,
    });
    expect(second.status).toBe(201);

    const history = await get(`/assets/${asset.id}/appraisals`, DISTRICT_VIEWER);
    expect(history.status).toBe(200);
    expect(history.body.items.map((a: { valueFen: number }) => a.valueFen)).toEqual([
      180_000_000, 150_000_000,
    ]);
    expect((await get(`/assets/${asset.id}`, DISTRICT_ADMIN)).body.latestAppraisal.id).toBe(second.body.id);
    expect(await auditActions(second.body.id)).toEqual(['asset.appraise']);

    // history cannot be rewritten: there is no route to change or delete an appraisal
    const put = await t.request(`/api/v1/assets/${asset.id}/appraisals`, {
      as: JINHUI_ADMIN,
      method: 'DELETE',
    });
    expect(put.status).toBe(404);
    expect(await count('asset_appraisals', sql`asset_id = ${asset.id}`)).toBe(2);

    // retiring the asset keeps its appraisals
    expect((await del(`/assets/${asset.id}`, JINHUI_ADMIN)).status).toBe(204);
    expect(await count('asset_appraisals', sql`asset_id = ${asset.id}`)).toBe(2);
  });

  it('validation: method, appraiser, a real date, whole fen', async () => {
    const asset = (await post('/assets', JINHUI_ADMIN, premises('评估校验用房'))).body;
    const res = await post(`/assets/${asset.id}/appraisals`, JINHUI_ADMIN, {
      method: 'guess',
      appraiser: '',
      appraisedOn: '2023-02-29',
      valueFen: 12.5,
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual([
      'appraisedOn',
      'appraiser',
      'method',
      'valueFen',
    ]);
    const ancient = await post(`/assets/${asset.id}/appraisals`, JINHUI_ADMIN, {
      method: 'market',
      appraiser: '某评估所',
      appraisedOn: '0000-01-01',
      valueFen: 1,
    });
    expect(ancient.status).toBe(400);
    expect(ancient.body.error.fields).toHaveProperty('appraisedOn');
  });
});

describe('retiring an asset in use', () => {
  it('is refused while a venture is housed in it', async () => {
    const asset = (await post('/assets', JINHUI_ADMIN, premises('在用场地'))).body;
    const venture = await post('/ventures', JINHUI_ADMIN, {
      name: '在用场地的项目',
      category: 'space_rental',
      premisesAssetId: asset.id,
    });
    expect(venture.status).toBe(201);
    const res = await del(`/assets/${asset.id}`, JINHUI_ADMIN);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('asset_in_use');
    expect((await get(`/assets/${asset.id}`, JINHUI_ADMIN)).status).toBe(200);
  });
});
