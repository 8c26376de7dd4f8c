import { AuditPage, Warning, WarningList } from '@gongfu/contract';
import { shanghaiDateOf } from '@gongfu/domain';
import { HttpResponse, http } from 'msw';
import { DISTRICT_ID, JINHUI, WANGJIANGJIE } from '../../../testing/fixtures';
import { conforms } from '../../../testing/kpi-server';
import { api, server } from '../../../testing/server';

export const RED_ID = 'cccccccc-cccc-4ccc-8ccc-000000000001';
export const AMBER_ID = 'cccccccc-cccc-4ccc-8ccc-000000000002';
const DAY = 86_400_000;

/** An instant `days` days before now (ages are counted from the clock). */
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** The Shanghai day `days` days before now: when a condition began (ages are counted from it). */
export const dayDaysAgo = (days: number) => shanghaiDateOf(new Date(Date.now() - days * DAY));

export function warningFixture(overrides: Partial<Warning> = {}): Warning {
  return conforms(Warning, {
    id: RED_ID,
    districtId: DISTRICT_ID,
    communityId: JINHUI.id,
    communityName: JINHUI.name,
    kind: 'report_overdue',
    severity: 'red',
    subjectType: 'venture',
    subjectId: 'dddddddd-dddd-4ddd-8ddd-000000000001',
    period: '2026-10',
    detail: {
      ventureId: 'dddddddd-dddd-4ddd-8ddd-000000000001',
      ventureName: '金汇养老服务站',
      timeliness: 'missing',
      dueDay: 10,
      firstSubmittedAt: null,
    },
    status: 'open',
    ownerUserId: null,
    resolution: null,
    // overdue for 14 days, found by a check 12 days ago
    conditionSince: dayDaysAgo(14),
    detectedAt: daysAgo(12),
    resolvedAt: null,
    resolvedBy: null,
    version: 2,
    ...overrides,
  });
}

export const WARNINGS: Warning[] = [
  warningFixture(),
  warningFixture({
    id: AMBER_ID,
    communityId: WANGJIANGJIE.id,
    communityName: WANGJIANGJIE.name,
    kind: 'fund_idle',
    severity: 'amber',
    subjectType: 'fund',
    subjectId: '66666666-6666-4666-8666-000000000001',
    period: '2025-09',
    detail: {
      fundId: '66666666-6666-4666-8666-000000000001',
      fundName: '社区治理专项资金',
      balanceFen: 1_280_050,
      lastOutflowMonth: '2025-09',
      idleMonths: 13,
    },
    // idle for 13 whole months (400 days is 13 months and a few days, whichever months they are), found 3 days ago
    conditionSince: dayDaysAgo(400),
    detectedAt: daysAgo(3),
    version: 1,
  }),
];

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | null;
}

/**
 * The warnings and audit endpoints for msw. Lists answer what they are given (a test checks the request's params,
 * not a re-implementation of the API's filters); `answer` can take over any request (a refusal).
 */
export function givenOversightApi(
  options: {
    warnings?: Warning[];
    total?: number;
    audit?: AuditPage | ((query: URLSearchParams) => AuditPage);
    actors?: { userId: string; name: string | null; entries: number }[];
    answer?: (request: SeenRequest) => Response | null;
  } = {},
): SeenRequest[] {
  const seen: SeenRequest[] = [];
  const record = async (request: Request): Promise<SeenRequest> => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const entry: SeenRequest = {
      method: request.method,
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
    seen.push(entry);
    return entry;
  };
  const warnings = options.warnings ?? WARNINGS;
  server.use(
    http.get(api('/warnings'), async ({ request }) => {
      const r = await record(request);
      const special = options.answer?.(r);
      if (special) return special;
      return HttpResponse.json(
        conforms(WarningList, { items: warnings, total: options.total ?? warnings.length }),
      );
    }),
    http.post(api('/warnings/refresh'), async ({ request }) => {
      const r = await record(request);
      const special = options.answer?.(r);
      if (special) return special;
      return HttpResponse.json({ asOf: '2026-11-28', created: 3, escalated: 1, open: 12, note: '' });
    }),
    http.post(api('/warnings/:id/resolve'), async ({ request, params }) => {
      const r = await record(request);
      const special = options.answer?.(r);
      if (special) return special;
      const found = warnings.find((w) => w.id === params.id);
      return HttpResponse.json({
        ...found,
        status: 'resolved',
        resolution: r.body?.resolution,
        resolvedAt: new Date().toISOString(),
        version: (found?.version ?? 1) + 1,
      });
    }),
    http.get(api('/audit'), async ({ request }) => {
      const r = await record(request);
      const special = options.answer?.(r);
      if (special) return special;
      const page =
        typeof options.audit === 'function'
          ? options.audit(r.query)
          : (options.audit ?? { items: [], nextCursor: null });
      return HttpResponse.json(conforms(AuditPage, page));
    }),
    http.get(api('/audit/actors'), async ({ request }) => {
      await record(request);
      return HttpResponse.json({ items: options.actors ?? [] });
    }),
  );
  return seen;
}
