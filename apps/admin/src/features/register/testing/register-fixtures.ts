import type { Agreement, Appraisal, Asset, Company, Partner, Shareholdings, Venture } from '@gongfu/contract';
import { addDays, creditCodeCheckChar, shanghaiDateOf } from '@gongfu/domain';
import { HttpResponse, http } from 'msw';
import { DISTRICT_ID, WANGJIANGJIE } from '../../../testing/fixtures';
import { api, errorBody, server } from '../../../testing/server';

/** A valid unified social credit code from its first 17 characters (GB 32100 check character). */
export const validCode = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`;

export const COMPANY_ID = 'c0000000-0000-4000-8000-000000000001';
export const ASSET_ID = 'a0000000-0000-4000-8000-000000000001';
export const PARTNER_ID = 'b0000000-0000-4000-8000-000000000001';
export const SOE_ID = 'b0000000-0000-4000-8000-000000000002';
export const APPRAISAL_OLD = 'e0000000-0000-4000-8000-000000000001';
export const APPRAISAL_NEW = 'e0000000-0000-4000-8000-000000000002';

const at = '2026-01-05T02:00:00.000Z';

export const PARTNERS: Partner[] = [
  {
    id: PARTNER_ID,
    districtId: DISTRICT_ID,
    name: '东区创业孵化器',
    kind: 'incubator',
    creditCode: validCode('91510402MA6AB0001'),
    contactName: '李经理',
    contactPhone: '0812-3300001',
    version: 1,
    createdAt: at,
  },
  {
    id: SOE_ID,
    districtId: DISTRICT_ID,
    name: '东区城市建设投资公司',
    kind: 'soe',
    creditCode: null,
    contactName: null,
    contactPhone: null,
    version: 1,
    createdAt: at,
  },
];

export const APPRAISALS: Appraisal[] = [
  {
    id: APPRAISAL_NEW,
    assetId: ASSET_ID,
    communityId: WANGJIANGJIE.id,
    method: 'income',
    appraiser: '攀枝花天正资产评估所',
    appraisedOn: '2025-06-01',
    valueFen: 1_260_000_00,
    createdAt: at,
  },
  {
    id: APPRAISAL_OLD,
    assetId: ASSET_ID,
    communityId: WANGJIANGJIE.id,
    method: 'market',
    appraiser: '东区国资评估中心',
    appraisedOn: '2023-03-15',
    valueFen: 980_000_00,
    createdAt: at,
  },
];

export function assetFixture(overrides: Partial<Asset> = {}): Asset {
  return {
    id: ASSET_ID,
    districtId: DISTRICT_ID,
    communityId: WANGJIANGJIE.id,
    kind: 'premises',
    name: '老粮站用房',
    areaM2: 420.5,
    location: '望江街 18 号',
    title: '集体土地使用证 东集用(2009)第 0031 号',
    status: 'equity_contributed',
    latestAppraisal: APPRAISALS[0] ?? null,
    version: 2,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export const ASSETS: Asset[] = [
  assetFixture(),
  assetFixture({
    id: 'a0000000-0000-4000-8000-000000000002',
    name: '滨江广场',
    kind: 'plaza',
    areaM2: 1800,
    location: '滨江路',
    title: null,
    status: 'idle',
    latestAppraisal: null,
  }),
];

export function companyFixture(overrides: Partial<Company> = {}): Company {
  return {
    id: COMPANY_ID,
    districtId: DISTRICT_ID,
    communityId: WANGJIANGJIE.id,
    legalName: '望江街社区发展有限公司',
    creditCode: validCode('91510402MA6CD0002'),
    foundedOn: '2023-05-20',
    operatingModel: 'site_equity_professional_operation',
    registeredCapitalFen: 2_000_000_00,
    version: 4,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function shareholdingsFixture(version = 4): Shareholdings {
  const items: Shareholdings['items'] = [
    {
      id: 'd0000000-0000-4000-8000-000000000001',
      holderKind: 'community',
      holderPartnerId: null,
      holderName: '望江街社区',
      contributionKind: 'site',
      assetId: ASSET_ID,
      appraisalId: APPRAISAL_NEW,
      subscribedFen: 1_020_000_00,
      paidInFen: 1_020_000_00,
      shareBp: 5100,
    },
    {
      id: 'd0000000-0000-4000-8000-000000000002',
      holderKind: 'partner',
      holderPartnerId: PARTNER_ID,
      holderName: '东区创业孵化器',
      contributionKind: 'operation_expertise',
      assetId: null,
      appraisalId: null,
      subscribedFen: 980_000_00,
      paidInFen: 500_000_00,
      shareBp: 4900,
    },
  ];
  const first = {
    effectiveFrom: null,
    effectiveTo: '2024-03',
    totalBp: 10_000,
    items: [
      {
        ...(items[0] as Shareholdings['items'][number]),
        id: 'd0000000-0000-4000-8000-000000000009',
        shareBp: 10_000,
      },
    ],
  };
  const current = { effectiveFrom: '2024-04', effectiveTo: null, totalBp: 10_000, items };
  return {
    companyId: COMPANY_ID,
    communityId: WANGJIANGJIE.id,
    version,
    ...current,
    history: [first, current],
  };
}

// `as Venture`: the venture is gaining its own reporting start (reportingStartMonth); the fixture fits either shape
export const VENTURES: Venture[] = [
  {
    id: 'f0000000-0000-4000-8000-000000000001',
    districtId: DISTRICT_ID,
    communityId: WANGJIANGJIE.id,
    communityName: WANGJIANGJIE.name,
    name: '望江街便民服务驿站',
    category: 'service_station',
    priceTier: 'public_welfare',
    companyId: COMPANY_ID,
    operatorPartnerId: PARTNER_ID,
    operatorPartnerName: '东区创业孵化器',
    premisesAssetId: ASSET_ID,
    startedOn: '2024-01-01',
    status: 'operating',
    promisedResponseMinutes: 10,
    reportingStartMonth: null,
    version: 1,
    createdAt: at,
  } as Venture,
  {
    id: 'f0000000-0000-4000-8000-000000000002',
    districtId: DISTRICT_ID,
    communityId: WANGJIANGJIE.id,
    communityName: WANGJIANGJIE.name,
    name: '拾光书屋',
    category: 'reading_room',
    priceTier: 'low_price',
    companyId: null,
    operatorPartnerId: null,
    operatorPartnerName: null,
    premisesAssetId: null,
    startedOn: null,
    status: 'planned',
    promisedResponseMinutes: null,
    reportingStartMonth: null,
    version: 1,
    createdAt: at,
  } as Venture,
];

const today = shanghaiDateOf(new Date());

export function agreementFixture(overrides: Partial<Agreement> = {}): Agreement {
  return {
    id: '10000000-0000-4000-8000-000000000001',
    districtId: DISTRICT_ID,
    communityId: WANGJIANGJIE.id,
    ventureId: VENTURES[0]?.id ?? '',
    ventureName: '望江街便民服务驿站',
    partnerId: PARTNER_ID,
    partnerName: '东区创业孵化器',
    startsOn: addDays(today, -700),
    endsOn: addDays(today, 30),
    terms: 'fee_and_split',
    operatorShareBp: 3000,
    feeFen: 0,
    guaranteedMinRemittanceFen: 20_000_00,
    exitTerms: null,
    version: 2,
    createdAt: at,
    ...overrides,
  };
}

export const AGREEMENTS: Agreement[] = [
  agreementFixture(),
  agreementFixture({
    id: '10000000-0000-4000-8000-000000000002',
    ventureId: VENTURES[1]?.id ?? '',
    ventureName: '拾光书屋',
    partnerId: SOE_ID,
    partnerName: '东区城市建设投资公司',
    endsOn: addDays(today, 400),
    guaranteedMinRemittanceFen: 5_000_00,
  }),
];

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | null;
}

/**
 * The register's API over fixed data, recording every request. `answer` may answer a write its own way (a
 * refusal, a 409); otherwise a write answers the object it names unchanged.
 */
export function givenRegisterApi(
  options: {
    companies?: Company[];
    shareholdings?: Shareholdings;
    assets?: Asset[];
    ventures?: Venture[];
    partners?: Partner[];
    agreements?: Agreement[];
    answer?: (request: SeenRequest) => Response | null;
  } = {},
): SeenRequest[] {
  const seen: SeenRequest[] = [];
  const companies = options.companies ?? [companyFixture()];
  const assets = options.assets ?? ASSETS;
  const ventures = options.ventures ?? VENTURES;
  const partners = options.partners ?? PARTNERS;
  const agreements = options.agreements ?? AGREEMENTS;
  const shareholdings = options.shareholdings ?? shareholdingsFixture();
  const record = async (request: Request): Promise<SeenRequest> => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const entry = {
      method: request.method,
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
    seen.push(entry);
    return entry;
  };
  const notFound = () => HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
  const list = <T>(items: T[]) => HttpResponse.json({ items, total: items.length });
  const collection = <T extends { id: string }>(
    name: string,
    items: T[],
    filter: (item: T, q: URLSearchParams) => boolean,
  ) => [
    http.get(api(`/${name}`), async ({ request }) => {
      const { query } = await record(request);
      return list(items.filter((item) => filter(item, query)));
    }),
    http.get(api(`/${name}/:id`), async ({ request, params }) => {
      await record(request);
      const found = items.find((item) => item.id === params.id);
      return found ? HttpResponse.json(found) : notFound();
    }),
    http.post(api(`/${name}`), async ({ request }) => {
      const entry = await record(request);
      const special = options.answer?.(entry);
      if (special) return special;
      return HttpResponse.json({ ...items[0], ...entry.body }, { status: 201 });
    }),
    http.patch(api(`/${name}/:id`), async ({ request, params }) => {
      const entry = await record(request);
      const special = options.answer?.(entry);
      if (special) return special;
      const found = items.find((item) => item.id === params.id);
      return found ? HttpResponse.json({ ...found, ...entry.body }) : notFound();
    }),
  ];
  const param = (q: URLSearchParams, name: string) => q.get(name);
  server.use(
    ...collection(
      'companies',
      companies,
      (c, q) => !param(q, 'communityId') || c.communityId === param(q, 'communityId'),
    ),
    ...collection(
      'assets',
      assets,
      (a, q) =>
        (!param(q, 'communityId') || a.communityId === param(q, 'communityId')) &&
        (!param(q, 'kind') || a.kind === param(q, 'kind')) &&
        (!param(q, 'status') || a.status === param(q, 'status')),
    ),
    ...collection(
      'ventures',
      ventures,
      (v, q) =>
        (!param(q, 'communityId') || v.communityId === param(q, 'communityId')) &&
        (!param(q, 'category') || v.category === param(q, 'category')) &&
        (!param(q, 'status') || v.status === param(q, 'status')),
    ),
    ...collection('partners', partners, (p, q) => !param(q, 'kind') || p.kind === param(q, 'kind')),
    ...collection('agreements', agreements, (a, q) => {
      const days = param(q, 'expiringWithinDays');
      return (
        (!param(q, 'communityId') || a.communityId === param(q, 'communityId')) &&
        (!days || (a.endsOn >= today && a.endsOn <= addDays(today, Number(days))))
      );
    }),
    http.get(api('/companies/:id/shareholdings'), async ({ request, params }) => {
      await record(request);
      return params.id === shareholdings.companyId ? HttpResponse.json(shareholdings) : notFound();
    }),
    http.put(api('/companies/:id/shareholdings'), async ({ request }) => {
      const entry = await record(request);
      const special = options.answer?.(entry);
      if (special) return special;
      return HttpResponse.json({ ...shareholdings, version: shareholdings.version + 1 });
    }),
    http.get(api('/assets/:id/appraisals'), async ({ request, params }) => {
      await record(request);
      return list(APPRAISALS.filter((a) => a.assetId === params.id));
    }),
    http.post(api('/assets/:id/appraisals'), async ({ request }) => {
      const entry = await record(request);
      const special = options.answer?.(entry);
      if (special) return special;
      return HttpResponse.json({ ...APPRAISALS[0], ...entry.body }, { status: 201 });
    }),
  );
  return seen;
}
