import { DEMO_IDS, deterministicId } from '@gongfu/db';
import { addDays, shanghaiDateOf } from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  DISTRICT_ADMIN,
  DISTRICT_VIEWER,
  DUKOU_ADMIN,
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

const TIDAL_MARKET = deterministicId('venture:jinhui-tidal-market');
const READING_ROOM = deterministicId('venture:wangjiangjie-reading-room');
const HELP_DESK = deterministicId('venture:dukou-help-desk');
const SERVICE_STATION = deterministicId('venture:wangjiangjie-service-station');
const MICRO_PARK = deterministicId('venture:dukou-micro-park');

describe('reading ventures', () => {
  it('a partner operator reads only the ventures it operates, in any community', async () => {
    const res = await get('/ventures', SOE_OPERATOR);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(
      res.body.items.every((v: { operatorPartnerId: string }) => v.operatorPartnerId === DEMO_IDS.soe),
    ).toBe(true);
    expect(res.body.items.map((v: { id: string }) => v.id)).toContain(TIDAL_MARKET);
    expect((await get(`/ventures/${TIDAL_MARKET}`, SOE_OPERATOR)).body.operatorPartnerName).toBeTruthy();
    expect((await get(`/ventures/${READING_ROOM}`, SOE_OPERATOR)).status).toBe(404);
    expect((await get(`/ventures/${HELP_DESK}`, SOE_OPERATOR)).status).toBe(404);
    // an operator's new venture elsewhere becomes visible to it
    const elsewhere = await post('/ventures', WANGJIANGJIE_ADMIN, {
      name: '国企托管停车场',
      category: 'parking',
      operatorPartnerId: DEMO_IDS.soe,
    });
    expect(elsewhere.status).toBe(201);
    expect((await get(`/ventures/${elsewhere.body.id}`, SOE_OPERATOR)).body.communityId).toBe(
      DEMO_IDS.wangjiangjie,
    );
  });

  it('community roles read their community’s ventures; district roles all; other districts none', async () => {
    for (const as of [JINHUI_ADMIN, JINHUI_REPORTER]) {
      const items = (await get('/ventures', as)).body.items;
      expect(items.map((v: { id: string }) => v.id)).toContain(TIDAL_MARKET);
      expect(items.every((v: { communityId: string }) => v.communityId === DEMO_IDS.jinhui)).toBe(true);
      expect((await get(`/ventures/${READING_ROOM}`, as)).status).toBe(404);
    }
    for (const as of [DISTRICT_ADMIN, DISTRICT_VIEWER]) {
      const ids = (await get('/ventures', as)).body.items.map((v: { id: string }) => v.id);
      expect(ids).toEqual(expect.arrayContaining([TIDAL_MARKET, READING_ROOM, HELP_DESK]));
    }
    const filtered = (
      await get(`/ventures?communityId=${DEMO_IDS.dukou}&category=help_desk`, DISTRICT_VIEWER)
    ).body;
    expect(filtered.items.map((v: { id: string }) => v.id)).toContain(HELP_DESK);
    expect(filtered.items.every((v: { category: string }) => v.category === 'help_desk')).toBe(true);
    for (const as of [XIQU_ADMIN, GELIPING_ADMIN]) {
      expect((await get(`/ventures/${TIDAL_MARKET}`, as)).status).toBe(404);
      expect((await get('/ventures', as)).body.items.map((v: { id: string }) => v.id)).not.toContain(
        TIDAL_MARKET,
      );
    }
    expect((await get('/ventures', PLATFORM_ADMIN)).status).toBe(403);
    expect((await get('/ventures')).status).toBe(401);
  });
});

describe('writing ventures', () => {
  it('Wangjiangjie registers its service station with a 10-minute promise, changes and deletes it', async () => {
    const station = await post('/ventures', WANGJIANGJIE_ADMIN, {
      name: '老王+服务驿站(二期)',
      category: 'service_station',
      priceTier: 'public_welfare',
      startedOn: '2025-01-01',
      promisedResponseMinutes: 10,
    });
    expect(station.status).toBe(201);
    expect(station.body).toMatchObject({
      communityId: DEMO_IDS.wangjiangjie,
      communityName: '望江街社区',
      priceTier: 'public_welfare',
      status: 'operating',
      promisedResponseMinutes: 10,
      version: 1,
    });
    const id = station.body.id;
    const changed = await patch(`/ventures/${id}`, WANGJIANGJIE_ADMIN, {
      version: 1,
      priceTier: 'low_price',
      status: 'suspended',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ priceTier: 'low_price', status: 'suspended', version: 2 });
    const stale = await patch(`/ventures/${id}`, WANGJIANGJIE_ADMIN, { version: 1, name: '旧版本' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await del(`/ventures/${id}`, WANGJIANGJIE_ADMIN)).status).toBe(204);
    expect((await get(`/ventures/${id}`, DISTRICT_ADMIN)).status).toBe(404);
    expect(await auditActions(id)).toEqual(['venture.create', 'venture.update', 'venture.delete']);
  });

  it('names a company and premises of its own community and an operator of the district, or gets field errors', async () => {
    const foreignAsset = (await post('/assets', DUKOU_ADMIN, { kind: 'premises', name: '渡口的房' })).body;
    const xiquPartner = (await get('/partners', XIQU_ADMIN)).body.items[0].id;
    const res = await post('/ventures', JINHUI_ADMIN, {
      name: '引用错误的项目',
      category: 'other',
      companyId: '00000000-0000-4000-8000-000000000001',
      operatorPartnerId: xiquPartner,
      premisesAssetId: foreignAsset.id,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      companyId: '本社区没有该公司',
      operatorPartnerId: '合作方不存在',
      premisesAssetId: '本社区没有该资产',
    });
    expect(await count('ventures', sql`name = '引用错误的项目'`)).toBe(0);
  });

  it('validation names each field in zh-CN and en', async () => {
    const res = await post(
      '/ventures',
      JINHUI_ADMIN,
      { name: '', category: 'casino', priceTier: 'luxury', promisedResponseMinutes: 0, status: 'booming' },
      { 'Accept-Language': 'en' },
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual([
      'category',
      'name',
      'priceTier',
      'promisedResponseMinutes',
      'status',
    ]);
    expect(res.body.error.fields.name).toBe('Must not be empty');
  });

  it('roles without the right get 403, other communities and districts 404, and nothing is written', async () => {
    for (const as of [DISTRICT_ADMIN, DISTRICT_VIEWER, JINHUI_REPORTER, SOE_OPERATOR, PLATFORM_ADMIN]) {
      expect(
        (
          await post('/ventures', as, {
            communityId: DEMO_IDS.jinhui,
            name: `越权项目-${as}`,
            category: 'other',
          })
        ).status,
      ).toBe(403);
      expect((await patch(`/ventures/${TIDAL_MARKET}`, as, { version: 1, name: '越权改名' })).status).toBe(
        403,
      );
      expect((await del(`/ventures/${TIDAL_MARKET}`, as)).status).toBe(403);
    }
    for (const as of [WANGJIANGJIE_ADMIN, GELIPING_ADMIN]) {
      expect((await patch(`/ventures/${TIDAL_MARKET}`, as, { version: 1, name: '越权改名' })).status).toBe(
        404,
      );
      expect((await del(`/ventures/${TIDAL_MARKET}`, as)).status).toBe(404);
    }
    const wrongCommunity = await post('/ventures', JINHUI_ADMIN, {
      communityId: DEMO_IDS.xiquCommunity,
      name: '越权项目-跨区',
      category: 'other',
    });
    expect(wrongCommunity.status).toBe(400);
    expect(wrongCommunity.body.error.fields.communityId).toBeDefined();
    expect(await count('ventures', sql`name like '越权项目-%'`)).toBe(0);
    expect((await get(`/ventures/${TIDAL_MARKET}`, DISTRICT_ADMIN)).body.name).not.toBe('越权改名');
  });
});

describe('operator agreements', () => {
  const terms = {
    partnerId: DEMO_IDS.soe,
    startsOn: '2024-01-01',
    endsOn: '2026-12-31',
    terms: 'fee_and_split',
    operatorShareBp: 3000,
    feeFen: 500_000,
    guaranteedMinRemittanceFen: 2_000_000,
    exitTerms: '提前 90 天书面通知，场地恢复原状后退出',
  };

  it('a community admin records its venture’s agreement; the operator and district read it; stale 409; delete', async () => {
    const created = await post('/agreements', JINHUI_ADMIN, { ventureId: TIDAL_MARKET, ...terms });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      communityId: DEMO_IDS.jinhui,
      ventureId: TIDAL_MARKET,
      partnerId: DEMO_IDS.soe,
      guaranteedMinRemittanceFen: 2_000_000,
      operatorShareBp: 3000,
      version: 1,
    });
    const id = created.body.id;
    for (const as of [SOE_OPERATOR, DISTRICT_ADMIN, DISTRICT_VIEWER, JINHUI_ADMIN]) {
      expect((await get(`/agreements/${id}`, as)).status).toBe(200);
      expect((await get('/agreements', as)).body.items.map((a: { id: string }) => a.id)).toContain(id);
    }
    for (const as of [WANGJIANGJIE_ADMIN, XIQU_ADMIN, GELIPING_ADMIN]) {
      expect((await get(`/agreements/${id}`, as)).status).toBe(404);
    }
    expect((await get(`/agreements/${id}`, JINHUI_REPORTER)).status).toBe(403);

    const changed = await patch(`/agreements/${id}`, JINHUI_ADMIN, { version: 1, endsOn: '2027-06-30' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ endsOn: '2027-06-30', version: 2 });
    expect((await patch(`/agreements/${id}`, JINHUI_ADMIN, { version: 1, feeFen: 1 })).status).toBe(409);
    expect((await patch(`/agreements/${id}`, SOE_OPERATOR, { version: 2, feeFen: 1 })).status).toBe(403);
    expect((await patch(`/agreements/${id}`, WANGJIANGJIE_ADMIN, { version: 2, feeFen: 1 })).status).toBe(
      404,
    );
    expect((await get(`/agreements/${id}`, JINHUI_ADMIN)).body.feeFen).toBe(500_000);

    // a venture with an agreement cannot be deleted
    const inUse = await del(`/ventures/${TIDAL_MARKET}`, JINHUI_ADMIN);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('venture_in_use');

    expect((await del(`/agreements/${id}`, JINHUI_ADMIN)).status).toBe(204);
    expect(await auditActions(id)).toEqual(['agreement.create', 'agreement.update', 'agreement.delete']);
  });

  it('an operator sees only the agreements of the ventures it operates', async () => {
    const helpDesk = await post('/agreements', DUKOU_ADMIN, {
      ...terms,
      ventureId: HELP_DESK,
      partnerId: DEMO_IDS.autoAssociation,
    });
    expect(helpDesk.status).toBe(201);
    expect((await get(`/agreements/${helpDesk.body.id}`, SOE_OPERATOR)).status).toBe(404);
    const soeSees = (await get('/agreements', SOE_OPERATOR)).body.items.map((a: { id: string }) => a.id);
    expect(soeSees).not.toContain(helpDesk.body.id);
  });

  it('?expiringWithinDays lists the agreements still running that end within those days (business clock), in reach', async () => {
    const day = (n: number) => addDays(shanghaiDateOf(new Date()), n);
    const make = async (as: string, ventureId: string, endsOn: string) => {
      const res = await post('/agreements', as, { ...terms, ventureId, startsOn: '2024-01-01', endsOn });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const soon = await make(WANGJIANGJIE_ADMIN, READING_ROOM, day(30));
    const later = await make(WANGJIANGJIE_ADMIN, SERVICE_STATION, day(200));
    const ended = await make(DUKOU_ADMIN, MICRO_PARK, day(-10));
    const ids = async (as: string, query: string) =>
      (await get(`/agreements${query}`, as)).body.items.map((a: { id: string }) => a.id) as string[];

    expect(await ids(WANGJIANGJIE_ADMIN, '?expiringWithinDays=90')).toEqual([soon]);
    const district = await ids(DISTRICT_ADMIN, '?expiringWithinDays=90');
    expect(district).toContain(soon);
    expect(district).not.toContain(later);
    expect(district).not.toContain(ended);
    expect(await ids(DISTRICT_ADMIN, '?expiringWithinDays=0')).not.toContain(soon);
    expect(await ids(JINHUI_ADMIN, '?expiringWithinDays=90')).not.toContain(soon);
    expect(await ids(XIQU_ADMIN, '?expiringWithinDays=3650')).not.toContain(soon);
    expect(await ids(GELIPING_ADMIN, `?expiringWithinDays=90&communityId=${DEMO_IDS.wangjiangjie}`)).toEqual(
      [],
    );
    // 120 days on, the later one is within 90 days and the first has ended
    vi.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 120 * 86_400_000));
    expect(await ids(WANGJIANGJIE_ADMIN, '?expiringWithinDays=90')).toEqual([later]);
    vi.restoreAllMocks();
    const bad = await get('/agreements?expiringWithinDays=-1', WANGJIANGJIE_ADMIN);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['expiringWithinDays']);
  });

  it('refuses a venture out of reach, an unknown partner and an end before the start, naming the fields', async () => {
    const outOfReach = await post('/agreements', JINHUI_ADMIN, { ...terms, ventureId: READING_ROOM });
    expect(outOfReach.status).toBe(400);
    expect(outOfReach.body.error.fields).toEqual({ ventureId: '经营项目不存在' });
    const bad = await post(
      '/agreements',
      JINHUI_ADMIN,
      {
        ...terms,
        ventureId: TIDAL_MARKET,
        partnerId: '00000000-0000-4000-8000-000000000002',
        endsOn: '2023-12-31',
      },
      { 'Accept-Language': 'en' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({
      partnerId: 'No such partner',
      endsOn: 'The end date must be after the start date',
    });
    const schema = await post('/agreements', JINHUI_ADMIN, {
      ventureId: TIDAL_MARKET,
      partnerId: DEMO_IDS.soe,
      startsOn: '2024-01-01',
      endsOn: 'soon',
      terms: 'handshake',
      operatorShareBp: 10_001,
      guaranteedMinRemittanceFen: 1.5,
    });
    expect(schema.status).toBe(400);
    expect(Object.keys(schema.body.error.fields).sort()).toEqual([
      'endsOn',
      'guaranteedMinRemittanceFen',
      'operatorShareBp',
      'terms',
    ]);
    for (const as of [DISTRICT_ADMIN, SOE_OPERATOR, JINHUI_REPORTER]) {
      expect((await post('/agreements', as, { ...terms, ventureId: TIDAL_MARKET })).status).toBe(403);
    }
    expect(
      await count('operator_agreements', sql`venture_id = ${TIDAL_MARKET} and starts_on = '2024-01-01'`),
    ).toBe(0);
  });
});
