import type { Fund, LedgerEntry, Pledge, PledgeDetail, ProposalDetail } from '@gongfu/contract';
import { availableProposalActions, type ProposalStatus, shanghaiDateOf } from '@gongfu/domain';
import { HttpResponse, http } from 'msw';
import { DISTRICT_ID, WANGJIANGJIE } from '../../../testing/fixtures';
import { api, errorBody, server } from '../../../testing/server';

export const FUND_ID = '66666666-6666-4666-8666-000000000001';
export const PROPOSAL_ID = '77777777-7777-4777-8777-000000000001';
export const PAID_PROPOSAL_ID = '77777777-7777-4777-8777-000000000002';

export function fundFixture(overrides: Partial<Fund> = {}): Fund {
  return {
    id: FUND_ID,
    districtId: DISTRICT_ID,
    communityId: WANGJIANGJIE.id,
    kind: 'governance_special',
    name: '社区治理专项资金',
    purpose: '用于居民共议项目',
    isPublic: true,
    balanceFen: 950_000,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

let entrySeq = 0;
function entry(
  kind: LedgerEntry['kind'],
  direction: 1 | -1,
  amountFen: number,
  balanceAfterFen: number,
  month: string,
  extra: Partial<LedgerEntry> = {},
): LedgerEntry {
  entrySeq += 1;
  return {
    id: `88888888-8888-4888-8888-${String(entrySeq).padStart(12, '0')}`,
    fundId: FUND_ID,
    kind,
    direction,
    amountFen,
    balanceAfterFen,
    month,
    proposalId: null,
    reversesEntryId: null,
    reversedByEntryId: null,
    sourceType: 'manual',
    sourceId: null,
    memo: null,
    // the API's rule: only an expenditure has a payout day, by default its booking day
    paidOn: kind === 'expenditure' ? `${month}-15` : null,
    createdBy: null,
    createdAt: `${month}-15T02:00:00.000Z`,
    ...extra,
  };
}

/** Oldest first, as the API books them: +10,000.00, +500.00, −3,000.00 (a payout paid 5 days before it was booked), +2,000.00 → 9,500.00. */
export const ENTRIES: LedgerEntry[] = [
  entry('allocation', 1, 1_000_000, 1_000_000, '2026-01', {
    memo: '拾光书屋 2026-01',
    sourceType: 'monthly_report',
  }),
  entry('donation', 1, 50_000, 1_050_000, '2026-02', { memo: '企业捐赠' }),
  // typed in on 03-15 for money that left on 03-10: the ledger names both days
  entry('expenditure', -1, 300_000, 750_000, '2026-03', {
    proposalId: PAID_PROPOSAL_ID,
    sourceType: 'proposal',
    paidOn: '2026-03-10',
  }),
  entry('grant', 1, 200_000, 950_000, '2026-04', { memo: '街道补助' }),
];

/** A proposal in `status`, with the actions the domain's workflow allows there (as the API reports them). */
export function proposalFixture(
  status: ProposalStatus,
  overrides: Partial<ProposalDetail> = {},
): ProposalDetail {
  const decided = !['draft', 'deliberation', 'withdrawn'].includes(status);
  const disclosed = ['disclosure', 'disclosed', 'paid_out', 'closed'].includes(status);
  return {
    id: PROPOSAL_ID,
    districtId: DISTRICT_ID,
    communityId: WANGJIANGJIE.id,
    fundId: FUND_ID,
    title: '长者食堂(一期)用房改造',
    purpose: '为辖区老人提供助餐服务',
    useCategory: 'elderly_care',
    amountFen: 3_600_000,
    paidFen: 0,
    remainingFen: status === 'disclosed' ? 3_600_000 : 0,
    status,
    deliberation: decided
      ? {
          meetingOn: '2026-11-20',
          eligibleVoters: 60,
          attendance: 49,
          quorum: 31,
          votesFor: 43,
          votesAgainst: 2,
          votesAbstain: 4,
          minutes: '表决通过',
          minutesFileName: null,
        }
      : null,
    disclosure: disclosed
      ? { startsOn: '2026-12-04', endsOn: '2026-12-08', days: 5, over: status !== 'disclosure' }
      : null,
    closeResult: status === 'closed' ? '长者食堂已开餐' : null,
    availableActions: availableProposalActions(status),
    version: 3,
    createdBy: null,
    createdAt: '2026-10-28T02:00:00.000Z',
    updatedAt: '2026-12-04T02:00:00.000Z',
    objections: [],
    payouts: [],
    ...overrides,
  };
}

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | null;
  idempotencyKey: string | null;
}

/**
 * The funds and proposals API over fixed data; records every request. `answer` may answer a write its own
 * way (a refusal, a 409); otherwise writes answer the proposal unchanged.
 */
export function givenFundsApi(
  options: {
    fund?: Fund;
    entries?: LedgerEntry[];
    proposals?: ProposalDetail[];
    pledges?: PledgeDetail[];
    answer?: (request: SeenRequest) => Response | null;
  } = {},
): SeenRequest[] {
  const seen: SeenRequest[] = [];
  const fund = options.fund ?? fundFixture();
  const entries = options.entries ?? ENTRIES;
  const proposals = options.proposals ?? [];
  const pledges = options.pledges ?? [];
  const record = async (request: Request): Promise<SeenRequest> => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const seenRequest = {
      method: request.method,
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
      idempotencyKey: request.headers.get('idempotency-key'),
    };
    seen.push(seenRequest);
    return seenRequest;
  };
  const notFound = () => HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
  server.use(
    http.get(api('/funds'), async ({ request }) => {
      await record(request);
      return HttpResponse.json({ items: [fund], total: 1 });
    }),
    http.get(api('/funds/:id'), async ({ request, params }) => {
      await record(request);
      return params.id === fund.id ? HttpResponse.json(fund) : notFound();
    }),
    // the API's filters, in short: kind, booking days (Asia/Shanghai), order, limit / offset, the filter's totals
    http.get(api('/funds/:id/entries'), async ({ request }) => {
      const { query } = await record(request);
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 500);
      const from = query.get('from');
      const to = query.get('to');
      const day = (e: LedgerEntry) => shanghaiDateOf(new Date(e.createdAt));
      const matching = entries.filter(
        (e) =>
          (!query.get('kind') || e.kind === query.get('kind')) &&
          (!from || day(e) >= from) &&
          (!to || day(e) <= to),
      );
      const ordered = query.get('order') === 'desc' ? [...matching].reverse() : matching;
      const inflowFen = matching.filter((e) => e.direction === 1).reduce((s, e) => s + e.amountFen, 0);
      const outflowFen = matching.filter((e) => e.direction === -1).reduce((s, e) => s + e.amountFen, 0);
      const before = entries.filter((e) => from && day(e) < from).at(-1);
      const until = entries.filter((e) => !to || day(e) <= to).at(-1);
      return HttpResponse.json({
        fund,
        items: ordered.slice(offset, offset + limit),
        total: matching.length,
        totals: {
          inflowFen,
          outflowFen,
          netFen: inflowFen - outflowFen,
          openingBalanceFen: before?.balanceAfterFen ?? 0,
          closingBalanceFen: until?.balanceAfterFen ?? 0,
        },
        entriesSumFen: fund.balanceFen,
      });
    }),
    http.post(api('/funds/:id/entries'), async ({ request }) => {
      const seenRequest = await record(request);
      const special = options.answer?.(seenRequest);
      if (special) return special;
      return HttpResponse.json(
        { ...entries[1], amountFen: Number(seenRequest.body?.amountFen ?? 0) },
        { status: 201 },
      );
    }),
    http.get(api('/proposals'), async ({ request }) => {
      await record(request);
      return HttpResponse.json({ items: proposals, total: proposals.length });
    }),
    http.get(api('/proposals/:id'), async ({ request, params }) => {
      await record(request);
      const found = proposals.find((p) => p.id === params.id);
      return found ? HttpResponse.json(found) : notFound();
    }),
    http.post(api('/proposals'), async ({ request }) => {
      const seenRequest = await record(request);
      const special = options.answer?.(seenRequest);
      if (special) return special;
      return HttpResponse.json({ ...proposalFixture('draft'), ...seenRequest.body }, { status: 201 });
    }),
    http.post(api('/proposals/:id/*'), async ({ request, params }) => {
      const seenRequest = await record(request);
      const special = options.answer?.(seenRequest);
      if (special) return special;
      const found = proposals.find((p) => p.id === params.id);
      if (seenRequest.path.endsWith('/payouts')) {
        return HttpResponse.json(
          { proposal: found, entryId: ENTRIES[2]?.id, fundBalanceFen: 0 },
          { status: 201 },
        );
      }
      return HttpResponse.json(found);
    }),
    http.patch(api('/proposals/:id'), async ({ request, params }) => {
      const seenRequest = await record(request);
      const special = options.answer?.(seenRequest);
      if (special) return special;
      return HttpResponse.json(proposals.find((p) => p.id === params.id));
    }),
    http.get(api('/audit'), async ({ request }) => {
      await record(request);
      return HttpResponse.json({ items: [], nextCursor: null });
    }),
    http.get(api('/pledges'), async ({ request }) => {
      await record(request);
      const sum = (pick: (p: PledgeDetail) => number) => pledges.reduce((s, p) => s + pick(p), 0);
      return HttpResponse.json({
        items: pledges,
        total: pledges.length,
        totals: {
          amountFen: sum((p) => p.amountFen),
          fulfilledFen: sum((p) => p.fulfilledFen),
          outstandingFen: sum((p) => p.outstandingFen),
          awaitingConfirmationFen: sum((p) => p.awaitingConfirmationFen),
        },
      });
    }),
    http.get(api('/pledges/:id'), async ({ request, params }) => {
      await record(request);
      const found = pledges.find((p) => p.id === params.id);
      return found ? HttpResponse.json(found) : notFound();
    }),
    http.post(api('/pledges/:id/fulfilments'), async ({ request, params }) => {
      const seenRequest = await record(request);
      const special = options.answer?.(seenRequest);
      if (special) return special;
      return HttpResponse.json(
        pledges.find((p) => p.id === params.id),
        { status: 201 },
      );
    }),
    http.post(api('/pledges/:id/fulfilments/:fid/confirm'), async ({ request, params }) => {
      await record(request);
      const found = pledges.find((p) => p.id === params.id);
      return HttpResponse.json(
        found ? { ...found, fulfilments: found.fulfilments.map((f) => ({ ...f, confirmed: true })) } : null,
      );
    }),
  );
  return seen;
}

export const PLEDGE_ID = '99999999-9999-4999-8999-000000000001';

export function pledgeFixture(overrides: Partial<Pledge> = {}): PledgeDetail {
  return {
    id: PLEDGE_ID,
    districtId: DISTRICT_ID,
    communityId: WANGJIANGJIE.id,
    partnerId: 'aaaaaaaa-aaaa-4aaa-8aaa-000000000001',
    partnerName: '攀钢集团',
    kind: 'cash',
    description: '每年捐赠慈善共富基金',
    amountFen: 5_000_000,
    dueOn: '2099-12-31',
    fundId: FUND_ID,
    status: 'open',
    fulfilledFen: 2_000_000,
    outstandingFen: 3_000_000,
    awaitingConfirmationFen: 1_000_000,
    overdue: false,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    fulfilments: [
      {
        id: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000001',
        pledgeId: PLEDGE_ID,
        partnerId: 'aaaaaaaa-aaaa-4aaa-8aaa-000000000001',
        valueFen: 1_000_000,
        fulfilledOn: '2026-06-01',
        description: '上半年',
        ledgerEntryId: null,
        confirmed: false,
        createdAt: '2026-06-01T00:00:00.000Z',
      },
    ],
    ...overrides,
  };
}
