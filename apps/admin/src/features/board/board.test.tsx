import type { PublicDisclosure } from '@gongfu/contract';
import { fenToChineseCapital } from '@gongfu/domain';
import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { shanghaiToday } from '../../lib/shanghai-time';
import { DISTRICT_ID, meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { errorBody, givenSession, server } from '../../testing/server';
import { FUND_ID as ADMIN_FUND_ID, fundFixture, givenFundsApi } from '../funds/testing/funds-fixtures';

const MARKER = 'ZZ私密标记QX';
const PROPOSAL_ID = '44444444-4444-4444-8444-000000000001';
const FUND_ID = '55555555-5555-4555-8555-000000000001';

/**
 * The API's board, plus fields the public API never sends, each carrying a marker: were the page to render whatever it
 * is given, the marker would show.
 */
function boardFixture(overrides: Partial<PublicDisclosure> = {}): PublicDisclosure {
  const leaked = { memo: MARKER, minutes: MARKER, createdBy: MARKER, email: `${MARKER}@example.com` };
  return {
    community: {
      id: WANGJIANGJIE.id,
      name: '望江街社区',
      responsibleOrg: '望江街社区居民委员会',
      feedbackChannel: '监督电话 0812-0000101',
      ...leaked,
    },
    period: { from: '2026-01-01', to: '2026-12-04' },
    dataDate: '2026-12-04',
    funds: [
      {
        id: FUND_ID,
        kind: 'governance_special',
        name: '望江街社区治理专项资金',
        purpose: null,
        balanceFen: 8_400_000,
        profitShareBp: 4000,
        openingFen: 2_000_000,
        inflowFen: 10_000_000,
        outflowFen: 3_600_050,
        closingFen: 8_399_950,
        entries: [],
        ...leaked,
      },
    ],
    proposals: [
      {
        id: PROPOSAL_ID,
        title: '长者食堂运营补贴',
        purpose: '为 80 岁以上老人提供助餐补贴',
        useCategory: 'elderly_care',
        amountFen: 3_600_050,
        paidFen: 3_600_050,
        status: 'paid_out',
        fundId: FUND_ID,
        fundName: '望江街社区治理专项资金',
        meetingOn: '2026-11-20',
        eligibleVoters: 50,
        attendance: 37,
        quorum: 26,
        votesFor: 30,
        votesAgainst: 5,
        votesAbstain: 2,
        disclosureStartsOn: '2026-11-21',
        disclosureEndsOn: '2026-11-25',
        objectionsCount: 1,
        payouts: [
          {
            amountFen: 3_600_050,
            month: '2026-11',
            paidOn: '2026-11-28',
            createdAt: '2026-11-28T02:00:00.000Z',
          },
        ],
        closeResult: null,
        ...leaked,
      },
    ],
    ...overrides,
  } as PublicDisclosure;
}

function givenBoard(board: PublicDisclosure | { status: number; body: ReturnType<typeof errorBody> }) {
  const seen: URL[] = [];
  server.use(
    http.get('*/api/public/communities/:id/disclosure', ({ request }) => {
      const url = new URL(request.url);
      seen.push(url);
      if ('status' in board) return HttpResponse.json(board.body, { status: board.status });
      return HttpResponse.json(board);
    }),
  );
  return seen;
}

const boardPath = `/board/${DISTRICT_ID}/${WANGJIANGJIE.id}`;

describe('the public board (公示栏), no login', () => {
  it('shows the community, the period, the numbered items, the funds, what happened after the vote and the feedback channel', async () => {
    const seen = givenBoard(boardFixture());
    // no session handlers: a request for /me or any other API would fail the test (onUnhandledRequest: 'error')
    const { container } = renderApp(`${boardPath}?from=2026-01&to=2026-12`);
    expect(
      await screen.findByRole('heading', { level: 1, name: '望江街社区居民公示栏' }),
    ).toBeInTheDocument();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.searchParams.get('district')).toBe(DISTRICT_ID);
    expect(seen[0]?.searchParams.get('from')).toBe('2026-01');
    expect(seen[0]?.searchParams.get('to')).toBe('2026-12');

    expect(screen.getByText('2026-01-01 至 2026-12-04')).toBeInTheDocument();
    const table = container.querySelector('.board-table');
    expect(table?.textContent).toContain('长者食堂运营补贴');
    expect(table?.textContent).toContain('36,000.50');
    expect(table?.textContent).toContain(fenToChineseCapital(3_600_050));
    expect(table?.textContent).toContain('2026-11-20 居民会议表决：同意 30、反对 5、弃权 2');
    expect(table?.textContent).toContain('应到 50 人，实到 37 人');
    expect(table?.textContent).toContain('望江街社区居民委员会');
    expect(table?.querySelector('tbody tr td')?.textContent).toBe('1');
    expect(screen.getByText('本期收入').closest('.ant-card')?.textContent).toContain('100,000.00');
    // the share the rule gives the fund: two funds with the same share show the same figures, and say why
    expect(screen.getByText('按收益分配规则，社区集体经济收益的 40% 计入本资金')).toBeInTheDocument();
    expect(screen.getByText(/2026-11-28 拨付 36,000\.50/)).toBeInTheDocument();
    expect(screen.getByText(/监督电话 0812-0000101/)).toBeInTheDocument();
    expect(container.textContent).toContain('数据截至：2026-12-04');
    expect(container.querySelector('.board-qr')).not.toBeNull();
    // the closing line paper carries: who posts it, room for the seal, the day (Shanghai), no leading zeros
    const [year, month, day] = shanghaiToday().split('-').map(Number);
    expect(screen.getByTestId('board-signature')).toHaveTextContent(
      `望江街社区居民委员会（盖章）${year}年${month}月${day}日`,
    );

    expect(container.innerHTML).not.toContain(MARKER);
  });

  it('a wrong link (404) says the board is not found, and asks no retry', async () => {
    const seen = givenBoard({ status: 404, body: errorBody('not_found', '未找到') });
    renderApp(boardPath);
    expect(await screen.findByText('未找到该社区的公示栏，请核对链接。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /重试/ })).toBeNull();
    expect(seen).toHaveLength(1);
  });

  it('an empty period says so; no feedback channel set says where to turn', async () => {
    givenBoard(
      boardFixture({
        proposals: [],
        community: { id: WANGJIANGJIE.id, name: '望江街社区', responsibleOrg: null, feedbackChannel: null },
      }),
    );
    renderApp(boardPath);
    expect(await screen.findByText('本期间没有经居民议事通过并公示的项目。')).toBeInTheDocument();
    expect(screen.getByText('本社区尚未设置反馈渠道，请向社区居民委员会反映。')).toBeInTheDocument();
    expect(screen.getByText('未设置')).toBeInTheDocument();
  });

  it('switches to English', async () => {
    const board = boardFixture();
    const [paid] = board.proposals;
    // a second payout: the list of them is joined in the reader's punctuation
    if (paid)
      paid.payouts = [
        ...paid.payouts,
        { amountFen: 100_000, month: '2026-12', paidOn: '2026-12-02', createdAt: '2026-12-02T02:00:00.000Z' },
      ];
    givenBoard(board);
    const { user, container } = renderApp(boardPath);
    await screen.findByRole('heading', { level: 1, name: '望江街社区居民公示栏' });
    await user.click(screen.getByRole('button', { name: /English/ }));
    await waitFor(() => expect(container.textContent).toContain('What happened after the vote'));
    expect(container.textContent).toContain(
      'Residents’ meeting on 2026-11-20: 30 for, 5 against, 2 abstaining',
    );
    // capital numerals are for Chinese paper only
    expect(container.textContent).not.toContain(fenToChineseCapital(3_600_050));
    // no Chinese punctuation in English words (the community's own names hold none here)
    expect(container.textContent).toMatch(/paid out; 2026-12-02: /);
    expect(container.textContent).toContain(
      'By the distribution rule, 40% of the community’s business income goes into this fund',
    );
    // the disclosure's days stay whole on a phone ("2026-" / "11-25" before)
    const nowrap = [...container.querySelectorAll<HTMLElement>('span')].filter(
      (el) => el.style.whiteSpace === 'nowrap',
    );
    expect(nowrap.map((el) => el.textContent)).toEqual(expect.arrayContaining(['2026-11-21', '2026-11-25']));
    expect(container.textContent).not.toMatch(/[：；，（）]/);
  });
});

describe('the way there from the admin', () => {
  it('a public fund’s page links to its community’s board; a non-public one does not', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    givenFundsApi();
    const view = renderApp(`/funds/${ADMIN_FUND_ID}`);
    const link = (await screen.findByText('公示栏', {}, { timeout: 30_000 })).closest('a');
    const fund = fundFixture();
    expect(link?.getAttribute('href')).toBe(`/board/${fund.districtId}/${fund.communityId}`);
    expect(link?.getAttribute('target')).toBe('_blank');
    view.unmount();
    givenFundsApi({ fund: fundFixture({ isPublic: false }) });
    renderApp(`/funds/${ADMIN_FUND_ID}`);
    // the page is there (its ledger), without the link
    await screen.findByText('企业捐赠', {}, { timeout: 30_000 });
    expect(screen.queryByText('公示栏')).toBeNull();
  });
});
