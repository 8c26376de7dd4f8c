import { DEMO_IDS } from '@gongfu/db';
import { addMonths } from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thisMonth } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  creditCode,
  DISTRICT_ADMIN,
  DISTRICT_VIEWER,
  GELIPING_ADMIN,
  helpers,
  JINHUI_ADMIN,
  JINHUI_REPORTER,
  PLATFORM_ADMIN,
  SOE_OPERATOR,
  WANGJIANGJIE_ADMIN,
  withWrongCheck,
  XIQU_ADMIN,
} from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
const { get, post, patch, put, del, count, auditActions } = helpers(() => t);

let serial = 0;
/** a fresh valid credit code per call, so tests do not collide with each other or the seed */
function nextCode() {
  serial += 1;
  return creditCode(`92510402MA7T${String(serial).padStart(5, '0')}`);
}

async function newCompany(as = JINHUI_ADMIN, extra: Record<string, unknown> = {}) {
  const res = await post('/companies', as, {
    legalName: `攀枝花市德汇社区服务有限公司-${serial + 1}`,
    creditCode: nextCode(),
    foundedOn: '2021-03-15',
    operatingModel: 'site_equity_professional_operation',
    registeredCapitalFen: 100_000_000,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** an asset of Jinhui with one appraisal: what a site contribution must link */
async function appraisedSite(as = JINHUI_ADMIN) {
  const asset = (await post('/assets', as, { kind: 'plaza', name: `潮汐市场场地-${serial}` })).body;
  const appraisal = (
    await post(`/assets/${asset.id}/appraisals`, as, {
      method: 'agreed',
      appraiser: '东区国资评估中心',
      appraisedOn: '2021-02-01',
      valueFen: 51_000_000,
    })
  ).body;
  return { asset, appraisal };
}

describe('companies', () => {
  it('a community admin registers its company with a valid credit code; roles in reach read it', async () => {
    const code = nextCode();
    const res = await post('/companies', JINHUI_ADMIN, {
      legalName: '攀枝花市德汇社区服务有限公司',
      creditCode: code.toLowerCase(),
      operatingModel: 'site_equity_professional_operation',
      registeredCapitalFen: 100_000_000,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      communityId: DEMO_IDS.jinhui,
      creditCode: code,
      registeredCapitalFen: 100_000_000,
      version: 1,
    });
    for (const as of [JINHUI_ADMIN, JINHUI_REPORTER, DISTRICT_ADMIN, DISTRICT_VIEWER]) {
      expect((await get(`/companies/${res.body.id}`, as)).status).toBe(200);
      expect((await get('/companies', as)).body.items.map((c: { id: string }) => c.id)).toContain(
        res.body.id,
      );
    }
    for (const as of [WANGJIANGJIE_ADMIN, XIQU_ADMIN, GELIPING_ADMIN]) {
      expect((await get(`/companies/${res.body.id}`, as)).status).toBe(404);
      expect((await get(`/companies/${res.body.id}/shareholdings`, as)).status).toBe(404);
    }
    expect((await get('/companies', SOE_OPERATOR)).status).toBe(403);
    expect((await get('/companies')).status).toBe(401);
    expect(await auditActions(res.body.id)).toEqual(['company.create']);
  });

  it('a credit code with a wrong check character is refused naming creditCode, in zh-CN and en; nothing written', async () => {
    const bad = withWrongCheck(nextCode());
    const body = { legalName: '校验位错误公司', creditCode: bad, operatingModel: 'asset_lease' };
    const zh = await post('/companies', JINHUI_ADMIN, body);
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('validation_failed');
    expect(zh.body.error.fields).toEqual({ creditCode: '统一社会信用代码校验位不符，请核对是否有录入错误' });
    const en = await post('/companies', JINHUI_ADMIN, body, { 'Accept-Language': 'en' });
    expect(en.body.error.fields.creditCode).toBe(
      'The check character of the unified social credit code does not match: check for a typo',
    );
    const letterO = await post('/companies', JINHUI_ADMIN, { ...body, creditCode: `O${bad.slice(1)}` });
    expect(letterO.body.error.fields.creditCode).toMatch(/不允许的字符/);
    expect(await count('companies', sql`legal_name = '校验位错误公司'`)).toBe(0);
  });

  it('validation names each field; the operating model comes from the domain enum', async () => {
    const res = await post(
      '/companies',
      JINHUI_ADMIN,
      { legalName: '', operatingModel: 'franchise', registeredCapitalFen: -5, foundedOn: '2021-02-30' },
      { 'Accept-Language': 'en' },
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual([
      'creditCode',
      'foundedOn',
      'legalName',
      'operatingModel',
      'registeredCapitalFen',
    ]);
    expect(res.body.error.fields.creditCode).toBe('Required');
  });

  it('a duplicate credit code is 409 naming creditCode, even across communities the caller cannot see', async () => {
    const company = await newCompany();
    const again = await post('/companies', WANGJIANGJIE_ADMIN, {
      legalName: '望江街同码公司',
      creditCode: company.creditCode,
      operatingModel: 'collective_self_operated',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.fields.creditCode).toBe('该统一社会信用代码已登记');
  });

  it('changes carry the version (stale 409); delete removes the company and its shareholdings, audited', async () => {
    const company = await newCompany();
    const changed = await patch(`/companies/${company.id}`, JINHUI_ADMIN, {
      version: 1,
      registeredCapitalFen: 200_000_000,
      operatingModel: 'soe_entrusted',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      registeredCapitalFen: 200_000_000,
      operatingModel: 'soe_entrusted',
      version: 2,
    });
    const stale = await patch(`/companies/${company.id}`, JINHUI_ADMIN, {
      version: 1,
      legalName: '旧版本改名',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    const badCode = await patch(`/companies/${company.id}`, JINHUI_ADMIN, {
      version: 2,
      creditCode: withWrongCheck(company.creditCode),
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.fields).toHaveProperty('creditCode');

    const holdings = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: 2,
      items: [{ holderKind: 'community', contributionKind: 'cash', subscribedFen: 100, shareBp: 10_000 }],
    });
    expect(holdings.status).toBe(200);
    expect((await del(`/companies/${company.id}`, JINHUI_ADMIN)).status).toBe(204);
    expect((await get(`/companies/${company.id}`, JINHUI_ADMIN)).status).toBe(404);
    expect(await count('shareholdings', sql`company_id = ${company.id}`)).toBe(0);
    expect(await auditActions(company.id)).toEqual([
      'company.create',
      'company.update',
      'company.shareholdings.replace',
      'company.delete',
    ]);
  });

  it('roles without the right get 403; other communities and districts 404; nothing changes', async () => {
    const company = await newCompany();
    for (const as of [DISTRICT_ADMIN, DISTRICT_VIEWER, JINHUI_REPORTER, SOE_OPERATOR, PLATFORM_ADMIN]) {
      expect(
        (
          await post('/companies', as, {
            communityId: DEMO_IDS.jinhui,
            legalName: `越权公司-${as}`,
            creditCode: nextCode(),
            operatingModel: 'asset_lease',
          })
        ).status,
      ).toBe(403);
      expect(
        (await patch(`/companies/${company.id}`, as, { version: 1, legalName: '越权改名' })).status,
      ).toBe(403);
      expect((await del(`/companies/${company.id}`, as)).status).toBe(403);
      expect(
        (
          await put(`/companies/${company.id}/shareholdings`, as, {
            version: 1,
            items: [{ holderKind: 'community', contributionKind: 'cash', subscribedFen: 1, shareBp: 10_000 }],
          })
        ).status,
      ).toBe(403);
    }
    for (const as of [WANGJIANGJIE_ADMIN, GELIPING_ADMIN]) {
      expect(
        (await patch(`/companies/${company.id}`, as, { version: 1, legalName: '越权改名' })).status,
      ).toBe(404);
      expect((await del(`/companies/${company.id}`, as)).status).toBe(404);
      expect(
        (
          await put(`/companies/${company.id}/shareholdings`, as, {
            version: 1,
            items: [{ holderKind: 'community', contributionKind: 'cash', subscribedFen: 1, shareBp: 10_000 }],
          })
        ).status,
      ).toBe(404);
    }
    expect(await count('companies', sql`legal_name like '越权%'`)).toBe(0);
    expect(await count('shareholdings', sql`company_id = ${company.id}`)).toBe(0);
    expect((await get(`/companies/${company.id}`, JINHUI_ADMIN)).body.version).toBe(1);
  });
});

describe('shareholdings', () => {
  it('Jinhui’s story: site as equity with the incubator, replaced as one set that sums to 10,000 bp', async () => {
    const company = await newCompany();
    const { asset, appraisal } = await appraisedSite();
    const res = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: company.version,
      items: [
        {
          holderKind: 'community',
          contributionKind: 'site',
          assetId: asset.id,
          appraisalId: appraisal.id,
          subscribedFen: 51_000_000,
          paidInFen: 51_000_000,
          shareBp: 5100,
        },
        {
          holderKind: 'partner',
          holderPartnerId: DEMO_IDS.tusStar,
          contributionKind: 'operation_expertise',
          subscribedFen: 29_000_000,
          shareBp: 2900,
        },
        {
          holderKind: 'residents',
          holderName: '金汇社区居民',
          contributionKind: 'cash',
          subscribedFen: 20_000_000,
          paidInFen: 5_000_000,
          shareBp: 2000,
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ companyId: company.id, totalBp: 10_000, version: company.version + 1 });
    expect(res.body.items.map((h: { holderName: string }) => h.holderName)).toEqual([
      '金汇社区',
      '启迪之星孵化器',
      '金汇社区居民',
    ]);
    expect(res.body.items[0]).toMatchObject({
      assetId: asset.id,
      appraisalId: appraisal.id,
      subscribedFen: 51_000_000,
    });

    const read = await get(`/companies/${company.id}/shareholdings`, JINHUI_REPORTER);
    expect(read.status).toBe(200);
    expect(read.body.items.map((h: { shareBp: number }) => h.shareBp)).toEqual([5100, 2900, 2000]);
    expect((await get(`/companies/${company.id}/shareholdings`, DISTRICT_VIEWER)).body.totalBp).toBe(10_000);

    expect(res.body).toMatchObject({ effectiveFrom: null, effectiveTo: null });

    // a second set is a new version from the current month: the first one ends the month before
    const again = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: company.version + 1,
      items: [{ holderKind: 'community', contributionKind: 'cash', subscribedFen: 100, shareBp: 10_000 }],
    });
    expect(again.status).toBe(200);
    expect(again.body.items).toHaveLength(1);
    expect(again.body).toMatchObject({ effectiveFrom: thisMonth(), effectiveTo: null, totalBp: 10_000 });
    expect(
      again.body.history.map(
        (v: { effectiveFrom: string | null; effectiveTo: string | null; items: unknown[] }) => [
          v.effectiveFrom,
          v.effectiveTo,
          v.items.length,
        ],
      ),
    ).toEqual([
      [null, addMonths(thisMonth(), -1), 3],
      [thisMonth(), null, 1],
    ]);
    expect(await count('shareholdings', sql`company_id = ${company.id}`)).toBe(4);
    const stale = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: company.version + 1,
      items: [{ holderKind: 'community', contributionKind: 'cash', subscribedFen: 100, shareBp: 10_000 }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
  });

  it('shares that do not sum to 10,000 bp are refused with a clear error, and nothing changes', async () => {
    const company = await newCompany();
    const set = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: 1,
      items: [{ holderKind: 'community', contributionKind: 'cash', subscribedFen: 100, shareBp: 10_000 }],
    });
    expect(set.status).toBe(200);
    for (const [shares, sumText] of [
      [[6000, 3000], '9000 个基点（90.00%）'],
      [[6000, 4001], '10001 个基点（100.01%）'],
    ] as const) {
      const res = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
        version: 2,
        items: shares.map((shareBp) => ({
          holderKind: 'residents',
          holderName: '居民',
          contributionKind: 'cash',
          subscribedFen: 1,
          shareBp,
        })),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('shares_sum_mismatch');
      expect(res.body.error.message).toContain(sumText);
      expect(res.body.error.fields.items).toBe('持股比例合计必须恰好为 10000 个基点（100%）');
    }
    const en = await put(
      `/companies/${company.id}/shareholdings`,
      JINHUI_ADMIN,
      {
        version: 2,
        items: [
          {
            holderKind: 'residents',
            holderName: 'x',
            contributionKind: 'cash',
            subscribedFen: 1,
            shareBp: 9999,
          },
        ],
      },
      { 'Accept-Language': 'en' },
    );
    expect(en.body.error.message).toBe(
      'The shares sum to 9999 bp (99.99%); they must sum to exactly 10,000 bp (100%). Nothing was changed',
    );
    const after = await get(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN);
    expect(after.body).toMatchObject({ version: 2, totalBp: 10_000 });
    expect(after.body.items).toHaveLength(1);
    expect(await auditActions(company.id)).toEqual(['company.create', 'company.shareholdings.replace']);
    // the entry names its company: the shareholdings alone name only their holders
    const log = await get(`/audit?entityId=${company.id}&action=company.shareholdings.replace`, JINHUI_ADMIN);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ legalName: company.legalName }),
        after: expect.objectContaining({ legalName: company.legalName, totalBp: 10_000 }),
      }),
    ]);
  });

  it('a site contribution without an asset or appraisal of this community is refused, naming the row’s field', async () => {
    const company = await newCompany();
    const { asset, appraisal } = await appraisedSite();
    const other = await appraisedSite(WANGJIANGJIE_ADMIN);
    const otherAppraisalOfJinhui = (
      await post(`/assets/${(await appraisedSite()).asset.id}/appraisals`, JINHUI_ADMIN, {
        method: 'cost',
        appraiser: '另一项资产的评估',
        appraisedOn: '2022-01-01',
        valueFen: 1,
      })
    ).body;
    const site = { holderKind: 'community', contributionKind: 'site', subscribedFen: 1, shareBp: 10_000 };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{}, 'items.0.assetId', '场地或房屋入股须关联本社区的一项资产'],
      [{ assetId: asset.id }, 'items.0.appraisalId', '场地或房屋入股须关联该资产的一条评估记录'],
      [{ assetId: other.asset.id, appraisalId: other.appraisal.id }, 'items.0.assetId', '本社区没有该资产'],
      [
        { assetId: asset.id, appraisalId: otherAppraisalOfJinhui.id },
        'items.0.appraisalId',
        '该资产没有这条评估记录',
      ],
    ];
    for (const [extra, field, text] of cases) {
      const res = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
        version: 1,
        items: [{ ...site, ...extra }],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields[field]).toBe(text);
    }
    const en = await put(
      `/companies/${company.id}/shareholdings`,
      JINHUI_ADMIN,
      { version: 1, items: [site] },
      { 'Accept-Language': 'en' },
    );
    expect(en.body.error.fields['items.0.assetId']).toBe(
      'A site or premises contribution must link an asset of this community',
    );
    // cash never links an asset
    const cashWithAsset = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: 1,
      items: [
        {
          holderKind: 'community',
          contributionKind: 'cash',
          assetId: asset.id,
          appraisalId: appraisal.id,
          subscribedFen: 1,
          shareBp: 10_000,
        },
      ],
    });
    expect(cashWithAsset.body.error.fields).toHaveProperty(['items.0.assetId']);
    expect(await count('shareholdings', sql`company_id = ${company.id}`)).toBe(0);
    expect((await get(`/companies/${company.id}`, JINHUI_ADMIN)).body.version).toBe(1);
  });

  it('holder rules: a partner holder names a partner of the district; paid-in within subscribed', async () => {
    const company = await newCompany();
    const xiquPartner = (await get('/partners', XIQU_ADMIN)).body.items[0].id;
    const res = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: 1,
      items: [
        { holderKind: 'partner', contributionKind: 'cash', subscribedFen: 1, shareBp: 2500 },
        {
          holderKind: 'partner',
          holderPartnerId: xiquPartner,
          contributionKind: 'cash',
          subscribedFen: 1,
          shareBp: 2500,
        },
        {
          holderKind: 'residents',
          holderPartnerId: DEMO_IDS.soe,
          contributionKind: 'cash',
          subscribedFen: 1,
          shareBp: 2500,
        },
        { holderKind: 'other', contributionKind: 'cash', subscribedFen: 10, paidInFen: 11, shareBp: 2500 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      'items.0.holderPartnerId': '合作方股东须指定合作方',
      'items.1.holderPartnerId': '合作方不存在',
      'items.2.holderPartnerId': '只有合作方股东才能指定合作方',
      'items.3.holderName': '请填写股东名称',
      'items.3.paidInFen': '实缴金额不能超过认缴金额',
    });
    const schema = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: 1,
      items: [{ holderKind: 'bank', contributionKind: 'land', subscribedFen: -1, shareBp: 0 }],
    });
    expect(schema.status).toBe(400);
    expect(Object.keys(schema.body.error.fields).sort()).toEqual([
      'items.0.contributionKind',
      'items.0.holderKind',
      'items.0.shareBp',
      'items.0.subscribedFen',
    ]);
    const empty = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: 1,
      items: [],
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toHaveProperty('items');
  });
});

describe('shareholding versions (effective dates)', () => {
  const communityAlone = (shareBp = 10_000) => ({
    holderKind: 'community',
    contributionKind: 'cash',
    subscribedFen: 100,
    shareBp,
  });
  const residents = (shareBp: number) => ({
    holderKind: 'residents',
    holderName: '金汇社区居民',
    contributionKind: 'cash',
    subscribedFen: 100,
    shareBp,
  });

  /** a venture of the company with a report of the month, approved or only submitted, written as the owner */
  async function reportOf(ventureId: string, month: string, status: 'approved' | 'submitted') {
    const r = await sql<{ report_id: string }>`
      insert into monthly_reports (district_id, community_id, venture_id, month, status, revenue_fen,
                                   operating_cost_fen, submitted_at, reviewed_at)
      values (${DEMO_IDS.dongqu}, ${DEMO_IDS.jinhui}, ${ventureId}, ${month}, ${status}, 1000000, 0, now(),
              ${status === 'approved' ? sql`now()` : sql`null`})
      returning report_id`.execute(t.handle.db);
    return r.rows[0]?.report_id as string;
  }
  async function incomeOf(ventureId: string, month: string) {
    const r = await sql<{ income_fen: string }>`
      select income_fen from kpi_venture_months where venture_id = ${ventureId} and month = ${month}`.execute(
      t.handle.db,
    );
    return Number(r.rows[0]?.income_fen);
  }

  it('a change takes effect from a month after the last approved one; reported months keep their split', async () => {
    const company = await newCompany();
    const venture = await post('/ventures', JINHUI_ADMIN, {
      name: `股权变更测试项目-${serial}`,
      category: 'service_station',
      companyId: company.id,
      startedOn: '2025-01-01',
    });
    expect(venture.status).toBe(201);
    const first = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: company.version,
      items: [
        { holderKind: 'community', contributionKind: 'cash', subscribedFen: 100, shareBp: 6000 },
        residents(4000),
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body.effectiveFrom).toBeNull();
    await reportOf(venture.body.id, '2026-03', 'approved');
    const pending = await reportOf(venture.body.id, '2026-05', 'submitted');
    expect(await incomeOf(venture.body.id, '2026-03')).toBe(600_000);

    // a version from a month already approved would split it again: refused, naming the field, nothing changed
    for (const [effectiveFrom, lang, text] of [
      ['2026-03', 'zh-CN', '须从2026年4月或以后生效'],
      ['2025-12', 'en', 'from Apr 2026 or later'],
    ] as const) {
      const refused = await put(
        `/companies/${company.id}/shareholdings`,
        JINHUI_ADMIN,
        { version: first.body.version, effectiveFrom, items: [communityAlone()] },
        { 'Accept-Language': lang },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('shareholding_month_reported');
      expect(refused.body.error.message).toContain(text);
      expect(refused.body.error.fields.effectiveFrom).toBeTruthy();
    }
    // nor "since the company's start" once months are reported
    const fromStart = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: first.body.version,
      effectiveFrom: null,
      items: [communityAlone()],
    });
    expect(fromStart.status).toBe(409);
    const unchanged = await get(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN);
    expect(unchanged.body).toMatchObject({
      version: first.body.version,
      effectiveFrom: null,
      totalBp: 10_000,
    });
    expect(unchanged.body.history).toHaveLength(1);

    const changed = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: first.body.version,
      effectiveFrom: '2026-04',
      items: [communityAlone()],
    });
    expect(changed.status).toBe(200);
    expect(
      changed.body.history.map(
        (v: { effectiveFrom: string | null; effectiveTo: string | null; totalBp: number }) => [
          v.effectiveFrom,
          v.effectiveTo,
          v.totalBp,
        ],
      ),
    ).toEqual([
      [null, '2026-03', 10_000],
      ['2026-04', null, 10_000],
    ]);
    // the approved month keeps the split in force then
    expect(await incomeOf(venture.body.id, '2026-03')).toBe(600_000);

    // a version cannot begin before the latest one; the latest one's own month corrects it
    const earlier = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: changed.body.version,
      effectiveFrom: '2026-03',
      items: [communityAlone()],
    });
    expect(earlier.status).toBe(409);
    const before = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: changed.body.version,
      effectiveFrom: '2026-01',
      items: [communityAlone()],
    });
    expect(before.status).toBe(409);
    const corrected = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: changed.body.version,
      effectiveFrom: '2026-04',
      items: [
        { holderKind: 'community', contributionKind: 'cash', subscribedFen: 100, shareBp: 8000 },
        residents(2000),
      ],
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.history).toHaveLength(2);
    expect(corrected.body.items.map((h: { shareBp: number }) => h.shareBp)).toEqual([8000, 2000]);
    expect(corrected.body.history[0].items.map((h: { shareBp: number }) => h.shareBp)).toEqual([6000, 4000]);
    expect(await count('shareholdings', sql`company_id = ${company.id}`)).toBe(4);

    // approving a later month splits by the version in force in it
    const preview = await get(`/reports/${pending}/approval-preview`, JINHUI_ADMIN);
    expect(preview.status).toBe(200);
    expect(preview.body.distributableProfitFen).toBe(800_000);
    // the community's holdings in the version in force: 80 %
    expect(preview.body.communityShareBp).toBe(8000);
    expect(await incomeOf(venture.body.id, '2026-03')).toBe(600_000);

    // a stale edit is refused as everywhere in the register
    const stale = await put(`/companies/${company.id}/shareholdings`, JINHUI_ADMIN, {
      version: changed.body.version,
      effectiveFrom: '2026-06',
      items: [communityAlone()],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(await auditActions(company.id)).toEqual([
      'company.create',
      'company.shareholdings.replace',
      'company.shareholdings.replace',
      'company.shareholdings.replace',
    ]);

    // another community reads and changes none of it
    expect((await get(`/companies/${company.id}/shareholdings`, WANGJIANGJIE_ADMIN)).status).toBe(404);
    const foreign = await put(`/companies/${company.id}/shareholdings`, WANGJIANGJIE_ADMIN, {
      version: corrected.body.version,
      effectiveFrom: '2026-06',
      items: [communityAlone()],
    });
    expect(foreign.status).toBe(404);
    expect(await count('shareholdings', sql`company_id = ${company.id}`)).toBe(4);
  });
});
