import { DistributionPreview, DistributionRule, DistrictSettings } from '@gongfu/contract';
import { WARNING_THRESHOLDS } from '@gongfu/domain';
import { HttpResponse, http } from 'msw';
import { DISTRICT_ID, JINHUI } from '../../../testing/fixtures';
import { conforms } from '../../../testing/kpi-server';
import { api, errorBody, server } from '../../../testing/server';

export const SETTINGS: DistrictSettings = conforms(DistrictSettings, {
  districtId: DISTRICT_ID,
  name: '攀枝花市东区',
  reportDueDay: 10,
  reportingStartMonth: '2024-11',
  warningThresholds: { ...WARNING_THRESHOLDS },
  version: 3,
});

export const RULES: DistributionRule[] = [
  conforms(DistributionRule, {
    id: 'eeeeeeee-eeee-4eee-8eee-000000000002',
    districtId: DISTRICT_ID,
    communityId: JINHUI.id,
    effectiveFrom: '2025-06',
    version: 2,
    governanceFundBp: 5000,
    reserveBp: 3000,
    otherBp: 2000,
    createdBy: '55555555-5555-4555-8555-000000000001',
    createdByName: '东区社区经济办 管理员',
    createdAt: '2025-05-20T02:00:00.000Z',
  }),
  conforms(DistributionRule, {
    id: 'eeeeeeee-eeee-4eee-8eee-000000000001',
    districtId: DISTRICT_ID,
    communityId: JINHUI.id,
    effectiveFrom: '2024-01',
    version: 1,
    governanceFundBp: 4000,
    reserveBp: 6000,
    otherBp: 0,
    // set before the platform kept who: no setter
    createdBy: null,
    createdByName: null,
    createdAt: '2023-12-20T02:00:00.000Z',
  }),
];

/** The preview the fake API answers: posted under 50/30/20, proposed by the shares asked (one report of 1,000,000 fen). */
export function previewFor(g: number, r: number, o: number): DistributionPreview {
  const proposed = [Math.round(g * 100), Math.round(r * 100), 0];
  proposed[2] = 1_000_000 - (proposed[0] ?? 0) - (proposed[1] ?? 0);
  void o;
  const posted = [500_000, 300_000, 200_000];
  const funds = (['governance_special', 'reserve', 'other'] as const).map((fundKind, i) => ({
    fundKind,
    postedFen: posted[i] as number,
    proposedFen: proposed[i] as number,
    differenceFen: (proposed[i] as number) - (posted[i] as number),
  }));
  return conforms(DistributionPreview, {
    communityId: JINHUI.id,
    month: '2026-10',
    ruleInForce: {
      id: RULES[0]?.id,
      version: 2,
      effectiveFrom: '2025-06',
      governanceFundBp: 5000,
      reserveBp: 3000,
      otherBp: 2000,
    },
    proposed: { governanceFundBp: g, reserveBp: r, otherBp: o },
    reports: [
      {
        reportId: 'ffffffff-ffff-4fff-8fff-000000000001',
        ventureId: 'dddddddd-dddd-4ddd-8ddd-000000000001',
        ventureName: '金汇潮汐夜市',
        revision: 1,
        distributableFen: 1_000_000,
        funds,
      },
    ],
    totals: { distributableFen: 1_000_000, funds },
  });
}

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** The settings and rules API, recording what the page asked. */
export function givenSettingsApi(options: { settings?: DistrictSettings; rules?: DistributionRule[] } = {}) {
  const seen: Seen[] = [];
  let settings = options.settings ?? SETTINGS;
  const record = async (request: Request) => {
    const url = new URL(request.url);
    const body = request.method === 'GET' ? undefined : await request.clone().json();
    seen.push({
      method: request.method,
      path: url.pathname.replace('/api/v1', ''),
      query: url.searchParams,
      body,
    });
    return { url, body };
  };
  server.use(
    http.get(api('/district/settings'), async ({ request }) => {
      await record(request);
      return HttpResponse.json(settings);
    }),
    http.patch(api('/district/settings'), async ({ request }) => {
      const { body } = await record(request);
      const patch = body as { version: number; reportDueDay?: number; warningThresholds?: object };
      if (patch.version !== settings.version) {
        return HttpResponse.json(errorBody('stale_version', '数据已被他人修改，请刷新后重试'), {
          status: 409,
        });
      }
      settings = {
        ...settings,
        ...(patch.reportDueDay ? { reportDueDay: patch.reportDueDay } : {}),
        warningThresholds: { ...settings.warningThresholds, ...patch.warningThresholds },
        version: settings.version + 1,
      };
      return HttpResponse.json(settings);
    }),
    http.get(api('/distribution-rules/preview'), async ({ request }) => {
      const { url } = await record(request);
      const bp = (name: string) => Number(url.searchParams.get(name));
      return HttpResponse.json(previewFor(bp('governanceFundBp'), bp('reserveBp'), bp('otherBp')));
    }),
    http.get(api('/distribution-rules'), async ({ request }) => {
      await record(request);
      const rules = options.rules ?? RULES;
      return HttpResponse.json({ items: rules, total: rules.length });
    }),
    http.post(api('/distribution-rules'), async ({ request }) => {
      const { body } = await record(request);
      return HttpResponse.json(
        { ...RULES[0], ...(body as object), id: 'eeeeeeee-eeee-4eee-8eee-000000000003', version: 3 },
        { status: 201 },
      );
    }),
  );
  return seen;
}
