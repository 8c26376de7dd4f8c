import type {
  Report,
  ReportDetail,
  ReportHistory,
  ReportStatusOverview,
  ReportStatusRow,
  ReportUpdate,
} from '@gongfu/contract';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_COUNT,
  addMonths,
  type Month,
  REPORT_FIGURE_FIELDS,
  type ReportFigures,
} from '@gongfu/domain';
import { HttpResponse, http } from 'msw';
import { DISTRICT_ID, JINHUI, STREET_OFFICE_ID, WANGJIANGJIE } from '../../../testing/fixtures';
import { api, errorBody, server } from '../../../testing/server';

export const MONTH = '2026-11';
export const USER_ID = '55555555-5555-4555-8555-555555555555';
export const REVIEWER_ID = '66666666-6666-4666-8666-666666666666';

export const MARKET = {
  id: '77777777-7777-4777-8777-000000000001',
  name: '金汇潮汐市场',
  community: JINHUI,
};
export const CANTEEN = {
  id: '77777777-7777-4777-8777-000000000002',
  name: '望江街长者食堂',
  community: WANGJIANGJIE,
};
type Venture = typeof MARKET;

/** A steady month of the market: ¥56,000 revenue, ¥42,000 cost, 6 stable jobs… */
export const STEADY: ReportFigures = {
  revenueFen: 5_600_000,
  operatingCostFen: 4_200_000,
  stableJobs: 6,
  temporaryJobs: 3,
  residentsServed: 2600,
  serviceTransactions: 3300,
  eldersServed: 400,
  childrenServed: 150,
  remittanceDueFen: 2_000_000,
  remittanceReceivedFen: 2_000_000,
  serviceRequests: 40,
  requestsWithinPromise: 38,
};

let counter = 0;
const id = (prefix: string) => `${prefix}-8888-4888-8888-${String(++counter).padStart(12, '0')}`;

export function reportFixture(
  overrides: Partial<ReportDetail> = {},
  venture: Venture = MARKET,
): ReportDetail {
  return {
    id: id('88888888'),
    districtId: DISTRICT_ID,
    communityId: venture.community.id,
    communityName: venture.community.name,
    streetOfficeId: STREET_OFFICE_ID,
    ventureId: venture.id,
    ventureName: venture.name,
    month: MONTH,
    revision: 1,
    amendsReportId: null,
    supersededById: null,
    status: 'draft',
    ...STEADY,
    notes: null,
    explanations: {},
    flags: [],
    returnedFields: [],
    typedZeros: [],
    submittedAt: null,
    submittedBy: null,
    reviewedAt: null,
    reviewedBy: null,
    reviewComment: null,
    version: 1,
    createdBy: USER_ID,
    createdAt: '2026-12-02T01:00:00.000Z',
    updatedAt: '2026-12-02T01:00:00.000Z',
    events: [
      {
        id: id('99999999'),
        action: 'create',
        fromStatus: null,
        toStatus: 'draft',
        actorUserId: USER_ID,
        comment: null,
        at: '2026-12-02T01:00:00.000Z',
      },
    ],
    postings: [],
    ...overrides,
  };
}

/** Twelve approved months of steady figures before `month` (small wobbles, so the outlier range is narrow). */
export function historyFixture(ventureId: string, month: string = MONTH): ReportHistory {
  return {
    ventureId,
    month,
    months: Array.from({ length: 12 }, (_, i) => {
      const m = addMonths(month as Month, i - 12);
      const wobble = (i % 3) - 1; // -1, 0, 1
      return {
        month: m,
        reportId: id('aaaaaaaa'),
        status: 'approved' as const,
        figures: {
          ...STEADY,
          revenueFen: STEADY.revenueFen + wobble * 150_000,
          operatingCostFen: STEADY.operatingCostFen + wobble * 100_000,
        },
      };
    }),
  };
}

/** A date `days` from today in Asia/Shanghai (YYYY-MM-DD). */
export function shanghaiDatePlus(days: number): string {
  const now = new Date(Date.now() + days * 86_400_000);
  return now.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
}

export function statusRow(venture: Venture, overrides: Partial<ReportStatusRow> = {}): ReportStatusRow {
  return {
    ventureId: venture.id,
    ventureName: venture.name,
    communityId: venture.community.id,
    communityName: venture.community.name,
    streetOfficeId: STREET_OFFICE_ID,
    locked: false,
    expected: true,
    status: 'not_due',
    reportId: null,
    reportStatus: null,
    submittedAt: null,
    dueDate: shanghaiDatePlus(5),
    ...overrides,
  };
}

const summary = (detail: ReportDetail): Report => {
  const { events: _events, postings: _postings, ...report } = detail;
  return report;
};

export interface ReportingServer {
  /** The reports the fake API holds, by id (tests change them to play another tab or a reviewer). */
  reports: Map<string, ReportDetail>;
  /** Every PATCH body received, in order. */
  patches: ReportUpdate[];
  /** Every transition received: action and body. */
  transitions: { action: string; body: unknown }[];
  /** When set, the next PATCHes answer with this instead (one entry per request; 'network' drops the connection). */
  patchFailures: ('network' | 409)[];
  /** When set, the next submit answers 400 with these field messages. */
  submitFieldErrors: Record<string, string> | null;
}

/**
 * A small stateful reports API for the clerk's pages: status rows of the month, lists, details, the 12-month
 * history, PATCH with version checks (409 when stale), create, submit and amend.
 */
export function givenReportingApi({
  rows,
  reports = [],
  month = MONTH,
  dueDate,
}: {
  rows: ReportStatusRow[];
  reports?: ReportDetail[];
  month?: string;
  dueDate?: string;
}): ReportingServer {
  const state: ReportingServer = {
    reports: new Map(reports.map((r) => [r.id, r])),
    patches: [],
    transitions: [],
    patchFailures: [],
    submitFieldErrors: null,
  };
  const overview = (asked: string): ReportStatusOverview => ({
    month: asked,
    dueDate: dueDate ?? rows[0]?.dueDate ?? shanghaiDatePlus(5),
    items: asked === month ? rows : rows.map((row) => ({ ...row, reportId: null, status: 'not_due' })),
    total: rows.length,
  });
  const bump = (report: ReportDetail, changes: Partial<ReportDetail>, action: string): ReportDetail => {
    const next: ReportDetail = {
      ...report,
      ...changes,
      version: report.version + 1,
      updatedAt: new Date().toISOString(),
      events: [
        ...report.events,
        {
          id: id('99999999'),
          action,
          fromStatus: report.status,
          toStatus: changes.status ?? report.status,
          actorUserId: USER_ID,
          comment: null,
          at: new Date().toISOString(),
        },
      ],
    };
    state.reports.set(next.id, next);
    return next;
  };

  server.use(
    // the ventures the session reaches: those of the month's rows (the form asks before it opens a link)
    http.get(api('/ventures/:id'), ({ params }) => {
      const row = rows.find((r) => r.ventureId === params.id);
      return row
        ? HttpResponse.json({ id: row.ventureId, name: row.ventureName })
        : HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
    }),
    http.get(api('/reports/status'), ({ request }) => {
      const asked = new URL(request.url).searchParams.get('month') ?? month;
      return HttpResponse.json(overview(asked));
    }),
    http.get(api('/reports/history'), ({ request }) => {
      const params = new URL(request.url).searchParams;
      return HttpResponse.json(
        historyFixture(params.get('ventureId') ?? MARKET.id, params.get('month') ?? MONTH),
      );
    }),
    http.get(api('/reports'), ({ request }) => {
      const params = new URL(request.url).searchParams;
      let items = [...state.reports.values()];
      for (const key of ['status', 'ventureId', 'month'] as const) {
        const value = params.get(key);
        if (value) items = items.filter((r) => r[key] === value);
      }
      if (params.get('current') === 'true') {
        items = items.filter(
          (r) =>
            !items.some((o) => o.ventureId === r.ventureId && o.month === r.month && o.revision > r.revision),
        );
      }
      return HttpResponse.json({ items: items.map(summary), total: items.length, page: 1, pageSize: 50 });
    }),
    // no attachments unless a test gives some (see reports/testing/attachments-server.ts); editable as the API says
    http.get(api('/reports/:id/attachments'), ({ params }) => {
      const status = state.reports.get(String(params.id))?.status;
      return HttpResponse.json({
        items: [],
        editable: status === 'draft' || status === 'returned',
        maxBytes: ATTACHMENT_MAX_BYTES,
        maxCount: ATTACHMENT_MAX_COUNT,
      });
    }),
    http.get(api('/reports/:id'), ({ params }) => {
      const found = state.reports.get(String(params.id));
      return found
        ? HttpResponse.json(found)
        : HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
    }),
    http.post(api('/reports'), async ({ request }) => {
      const body = (await request.json()) as { ventureId: string; month: string };
      const venture = body.ventureId === CANTEEN.id ? CANTEEN : MARKET;
      const zero = Object.fromEntries(REPORT_FIGURE_FIELDS.map((f) => [f, 0])) as unknown as ReportFigures;
      const created = reportFixture({ ...zero, month: body.month }, venture);
      state.reports.set(created.id, created);
      return HttpResponse.json(created, { status: 201 });
    }),
    http.patch(api('/reports/:id'), async ({ params, request }) => {
      const body = (await request.json()) as ReportUpdate;
      const failure = state.patchFailures.shift();
      if (failure === 'network') return HttpResponse.error();
      const report = state.reports.get(String(params.id));
      if (!report) return HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
      if (failure === 409 || body.version !== report.version) {
        return HttpResponse.json(errorBody('stale_version', '数据已被他人修改，请刷新后重试'), {
          status: 409,
        });
      }
      state.patches.push(body);
      const { version: _version, ...changes } = body;
      return HttpResponse.json(bump(report, changes as Partial<ReportDetail>, 'edit'));
    }),
    http.post(api('/reports/:id/:action'), async ({ params, request }) => {
      const action = String(params.action);
      const body = (await request.json()) as { version?: number; comment?: string };
      state.transitions.push({ action, body });
      const report = state.reports.get(String(params.id));
      if (!report) return HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
      if (action === 'submit') {
        if (state.submitFieldErrors) {
          return HttpResponse.json(
            errorBody('report_explanation_required', '有需要说明的数据', state.submitFieldErrors),
            { status: 400 },
          );
        }
        return HttpResponse.json(bump(report, { status: 'submitted', submittedBy: USER_ID }, 'submit'));
      }
      if (action === 'amend') {
        const amendment = reportFixture({
          ...summary(report),
          id: id('88888888'),
          revision: report.revision + 1,
          amendsReportId: report.id,
          status: 'draft',
          postings: [],
          version: 1,
          events: [
            {
              id: id('99999999'),
              action: 'amend',
              fromStatus: null,
              toStatus: 'draft',
              actorUserId: USER_ID,
              comment: body.comment ?? null,
              at: new Date().toISOString(),
            },
          ],
        });
        state.reports.set(amendment.id, amendment);
        return HttpResponse.json(amendment, { status: 201 });
      }
      return HttpResponse.json(errorBody('illegal', '不允许'), { status: 409 });
    }),
  );
  return state;
}

export const formPath = (ventureId: string = MARKET.id, month: string = MONTH) =>
  `/reporting/form?ventureId=${ventureId}&month=${month}`;
