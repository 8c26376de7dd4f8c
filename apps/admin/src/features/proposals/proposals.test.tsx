import type { ProposalStatus, Role } from '@gongfu/domain';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { errorBody, givenSession } from '../../testing/server';
import { fundFixture, givenFundsApi, PROPOSAL_ID, proposalFixture } from '../funds/testing/funds-fixtures';
import { eventsOf } from './components/history-drawer';

const OBJECTION_ID = 'cccccccc-cccc-4ccc-8ccc-000000000001';

const STEP_BUTTONS = ['录入议事结果', '开始公示', '登记异议', '拨 付', '结 项', '修 改', '撤 回'];

/** The step buttons on the page, by their text (antd puts a space between two CJK characters). */
async function stepButtons(): Promise<string[]> {
  await screen.findByRole('button', { name: /操作记录/ });
  return STEP_BUTTONS.filter((name) => screen.queryByRole('button', { name }) !== null);
}

function open(role: Role, status: ProposalStatus, overrides = {}) {
  givenSession(meAs(role, role.startsWith('community') ? WANGJIANGJIE : undefined));
  const seen = givenFundsApi({ proposals: [proposalFixture(status, overrides)] });
  return { seen, ...renderApp(`/proposals/${PROPOSAL_ID}`) };
}

describe('the proposal’s steps', () => {
  it.each<[ProposalStatus, string[]]>([
    ['draft', ['录入议事结果', '修 改', '撤 回']],
    ['approved', ['开始公示']],
    ['disclosure', ['登记异议', '拨 付']],
    ['disclosed', ['拨 付', '结 项']],
    ['closed', []],
  ])(
    'a community admin on a %s proposal gets exactly the steps the workflow allows',
    async (status, expected) => {
      open('community_admin', status);
      expect(await stepButtons()).toEqual(expected);
    },
  );

  it('district roles read every step and take none (communities keep their own books)', async () => {
    const view = open('district_admin', 'disclosed');
    expect(await stepButtons()).toEqual([]);
    expect(screen.getByText('只读')).toBeInTheDocument();
    view.unmount();
    open('district_viewer', 'approved');
    expect(await stepButtons()).toEqual([]);
  });

  it('in English the steps are stages, as 提议 议事 公示 拨付 结项: an open proposal does not read "Closed"', async () => {
    await changeLanguage('en');
    try {
      open('community_admin', 'disclosure');
      await screen.findByRole('button', { name: /History/ }, { timeout: 30_000 });
      const titles = Array.from(document.querySelectorAll('.ant-steps-item-title')).map(
        (el) => el.textContent,
      );
      expect(titles).toEqual(['Proposal', 'Deliberation', 'Disclosure', 'Payout', 'Close-out']);
    } finally {
      await changeLanguage('zh-CN');
    }
  });

  it('during 公示 the payout button is off and says until when', async () => {
    const { user } = open('community_admin', 'disclosure');
    const button = await screen.findByRole('button', { name: '拨 付' });
    expect(button).toBeDisabled();
    // a disabled button takes no pointer events: its tooltip answers on the wrapper antd puts around it
    await user.hover(button.parentElement as HTMLElement);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('公示期至 2026-12-08 止，期满后方可拨付');
    // none received yet is not none received during the period
    expect(screen.getByText('截至目前未收到异议（公示至 2026-12-08）')).toBeInTheDocument();
    expect(screen.queryByText('公示期内未收到异议')).toBeNull();
  });

  it('a payout the API refuses (the server’s clock has the period still running) shows its reason', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const reason = '公示期至 2026-12-08 止，期满后方可结束公示、拨付';
    const seen = givenFundsApi({
      // the browser thinks the period over; the server does not
      proposals: [
        proposalFixture('disclosure', {
          disclosure: { startsOn: '2026-12-04', endsOn: '2026-12-08', days: 5, over: true },
        }),
      ],
      answer: (r) =>
        r.path.endsWith('/payouts')
          ? HttpResponse.json(errorBody('proposal.disclosure_not_over', reason), { status: 409 })
          : null,
    });
    const { user } = renderApp(`/proposals/${PROPOSAL_ID}`);
    await user.click(await screen.findByRole('button', { name: '拨 付' }));
    expect(await screen.findByText(/公示期满且无未处理的异议后才能拨付/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('本次拨付金额（元）'), '5000');
    await user.click(screen.getByRole('button', { name: /确认拨付/ }));
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(screen.getByText('不能拨付')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('the payout form stops at the approved amount still payable and at the fund’s balance', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const proposal = proposalFixture('paid_out', { paidFen: 1_000_000, remainingFen: 2_600_000 });
    const seen = givenFundsApi({ proposals: [proposal], fund: fundFixture({ balanceFen: 2_000_000 }) });
    const { user } = renderApp(`/proposals/${PROPOSAL_ID}`);
    await user.click(await screen.findByRole('button', { name: '拨 付' }));
    expect(await screen.findByText('本次最多可拨付 20,000.00 元')).toBeInTheDocument();
    const amount = screen.getByLabelText('本次拨付金额（元）');

    await user.type(amount, '26000.01');
    await user.click(screen.getByRole('button', { name: /确认拨付/ }));
    expect(await screen.findByText('超过尚可拨付的批准金额 26,000.00 元')).toBeInTheDocument();
    await user.clear(amount);
    await user.type(amount, '20000.01');
    await user.click(screen.getByRole('button', { name: /确认拨付/ }));
    expect(await screen.findByText('超过资金余额 20,000.00 元')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.clear(amount);
    await user.type(amount, '20000');
    await user.click(screen.getByRole('button', { name: /确认拨付/ }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1));
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ amountFen: 2_000_000, version: proposal.version });
    expect(post?.idempotencyKey).toBeTruthy();
  });

  it('the API’s refusal of an amount (the balance moved meanwhile) lands on the amount field', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const message = '资金余额 5000.00 元不足以支出 20000.00 元';
    givenFundsApi({
      proposals: [proposalFixture('disclosed')],
      answer: (r) =>
        r.path.endsWith('/payouts')
          ? HttpResponse.json(errorBody('fund.insufficient_balance', message), { status: 409 })
          : null,
    });
    const { user } = renderApp(`/proposals/${PROPOSAL_ID}`);
    await user.click(await screen.findByRole('button', { name: '拨 付' }));
    await user.type(await screen.findByLabelText('本次拨付金额（元）'), '2000');
    await user.click(screen.getByRole('button', { name: /确认拨付/ }));
    const error = await screen.findByText(message);
    expect(error.closest('.ant-form-item')?.textContent).toContain('本次拨付金额');
  });

  it('a stale edit (409) is said plainly, keeps what was typed, and reloads on request', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenFundsApi({
      proposals: [proposalFixture('draft')],
      answer: (r) =>
        r.method === 'PATCH'
          ? HttpResponse.json(errorBody('stale_version', '数据已被他人修改'), { status: 409 })
          : null,
    });
    const { user } = renderApp(`/proposals/${PROPOSAL_ID}`);
    await user.click(await screen.findByRole('button', { name: '修 改' }));
    const title = await screen.findByLabelText('项目名称');
    await user.clear(title);
    await user.type(title, '长者食堂(一期)');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('内容已被他人更新')).toBeInTheDocument();
    expect(screen.getByLabelText('项目名称')).toHaveValue('长者食堂(一期)');
    expect(seen.find((r) => r.method === 'PATCH')?.body).toMatchObject({
      version: 3,
      title: '长者食堂(一期)',
    });

    const reads = seen.filter((r) => r.method === 'GET' && r.path === `/proposals/${PROPOSAL_ID}`).length;
    await user.click(screen.getByRole('button', { name: '重新读取' }));
    await waitFor(() =>
      expect(seen.filter((r) => r.method === 'GET' && r.path === `/proposals/${PROPOSAL_ID}`).length).toBe(
        reads + 1,
      ),
    );
  });
});

describe('use category, paper minutes, payout date and close result', () => {
  const option = (text: string) => screen.findByText(text, { selector: '.ant-select-item-option-content' });

  it('a new proposal names its use category; the API gets it with the draft', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenFundsApi({ proposals: [] });
    const { user } = renderApp('/proposals');
    await user.click(await screen.findByRole('button', { name: /新建议事项目/ }));
    await user.type(await screen.findByLabelText('项目名称'), '长者食堂');
    await user.type(screen.getByLabelText('用途说明'), '为辖区老人提供助餐服务');
    await user.type(screen.getByLabelText('申请金额'), '36000');
    await user.click(screen.getByRole('button', { name: /保存草稿/ }));
    // required: nothing is sent without it
    expect(await screen.findByText('用途类别', { selector: 'label' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByLabelText('用途类别').closest('.ant-form-item')?.textContent).toContain('必填'),
    );
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByLabelText('用途类别'));
    await user.click(await option('为老服务'));
    await user.click(screen.getByRole('button', { name: /保存草稿/ }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(seen.find((r) => r.method === 'POST')?.body).toMatchObject({
      title: '长者食堂',
      useCategory: 'elderly_care',
      amountFen: 3_600_000,
    });
  });

  it('from the charity fund, governance and "other" cannot be chosen; the API’s refusal lands on the field', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const reason = '慈善共富基金不能支付社区治理或未列明的“其他”用途';
    const seen = givenFundsApi({
      proposals: [],
      fund: fundFixture({ kind: 'charity_common_prosperity', name: '慈善共富基金' }),
      answer: (r) =>
        r.method === 'POST' && r.path === '/proposals'
          ? HttpResponse.json(
              errorBody('proposal.use_category_banned', '不能用于此用途', { useCategory: reason }),
              { status: 400 },
            )
          : null,
    });
    const { user } = renderApp('/proposals');
    await user.click(await screen.findByRole('button', { name: /新建议事项目/ }));
    await user.type(await screen.findByLabelText('项目名称'), '议事会办公用品');
    await user.type(screen.getByLabelText('用途说明'), '议事会运转');
    await user.type(screen.getByLabelText('申请金额'), '100');
    expect(await screen.findByText('慈善共富基金不能用于：社区治理、其他')).toBeInTheDocument();
    await user.click(screen.getByLabelText('用途类别'));
    const governance = await option('社区治理');
    expect(governance.closest('.ant-select-item-option')).toHaveClass('ant-select-item-option-disabled');
    await user.click(await option('困难帮扶'));
    await user.click(screen.getByRole('button', { name: /保存草稿/ }));
    const error = await screen.findByText(reason);
    expect(error.closest('.ant-form-item')?.textContent).toContain('用途类别');
    expect(seen.find((r) => r.method === 'POST')?.body).toMatchObject({ useCategory: 'hardship_relief' });
  });

  it('a meeting typed in from paper sends the scanned minutes’ file name apart from the minutes', async () => {
    const { seen, user } = open('community_admin', 'draft');
    await user.click(await screen.findByRole('button', { name: '录入议事结果' }));
    await user.type(await screen.findByLabelText('应到人数（有表决权）'), '60');
    await user.type(screen.getByLabelText('实到人数'), '49');
    await user.clear(screen.getByLabelText('赞成票'));
    await user.type(screen.getByLabelText('赞成票'), '43');
    await user.type(screen.getByLabelText('会议记录'), '表决通过');
    await user.type(screen.getByLabelText('会议记录扫描件'), '2026-11-20 居民议事会记录.pdf');
    await user.click(screen.getByLabelText('议事日期'));
    await user.click(await screen.findByText('今天'));
    await user.click(screen.getByRole('button', { name: /保存表决结果/ }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(seen.find((r) => r.method === 'POST')?.body).toMatchObject({
      minutes: '表决通过',
      minutesFileName: '2026-11-20 居民议事会记录.pdf',
    });
  });

  it('the page shows the category, the minutes’ file, each payout’s date apart from its booking, and the result', async () => {
    open('community_admin', 'closed', {
      deliberation: { ...proposalFixture('closed').deliberation, minutesFileName: '议事会记录-20261120.pdf' },
      paidFen: 3_600_000,
      payouts: [
        {
          entryId: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000009',
          amountFen: 3_600_000,
          month: '2026-12',
          paidOn: '2026-11-28',
          memo: '厨房设备',
          reversed: false,
          createdAt: '2026-12-03T02:00:00.000Z',
        },
      ],
    });
    expect(await screen.findByText('为老服务')).toBeInTheDocument();
    expect(screen.getByText('议事会记录-20261120.pdf')).toBeInTheDocument();
    expect(screen.getByText('长者食堂已开餐')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '2026-11-28' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '2026-12-03' })).toBeInTheDocument();
  });

  it('the days of instants (proposed, closed, booked) are Shanghai days, not the UTC date of the timestamp', async () => {
    open('community_admin', 'closed', {
      createdAt: '2026-10-27T17:30:00.000Z', // 2026-10-28 01:30 in China
      updatedAt: '2026-12-05T16:10:00.000Z', // 2026-12-06 00:10
      paidFen: 3_600_000,
      payouts: [
        {
          entryId: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000009',
          amountFen: 3_600_000,
          month: '2026-12',
          paidOn: '2026-12-03',
          memo: '厨房设备',
          reversed: false,
          createdAt: '2026-12-03T16:30:00.000Z', // booked 2026-12-04 00:30
        },
      ],
    });
    expect(await screen.findByText('2026-10-28')).toBeInTheDocument();
    expect(screen.getByText('2026-12-06')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '2026-12-04' })).toBeInTheDocument();
    expect(screen.queryByText('2026-10-27')).toBeNull();
  });

  it('the milestones are in time order across time zones: an objection after midnight comes after that day’s start', () => {
    const t = ((key: string) => key) as unknown as Parameters<typeof eventsOf>[1];
    const proposal = proposalFixture('disclosure', {
      disclosure: { startsOn: '2026-12-05', endsOn: '2026-12-09', days: 5, over: false },
      objections: [
        {
          id: OBJECTION_ID,
          proposalId: PROPOSAL_ID,
          content: '价格偏高',
          raisedOn: '2026-12-05',
          status: 'pending',
          resolution: null,
          createdAt: '2026-12-04T16:30:00.000Z', // 2026-12-05 00:30 in China, after 公示 began at 00:00
        },
      ],
    });
    expect(
      eventsOf(proposal, t)
        .map((e) => e.key)
        .slice(0, 2),
    ).toEqual([`objection-${OBJECTION_ID}`, 'disclosure']);
  });

  it('a payout sends the day the money left (empty: the server’s today); the API’s refusal of it lands on the field', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const reason = '拨付日期不能晚于今天';
    const seen = givenFundsApi({
      proposals: [proposalFixture('disclosed')],
      answer: (r) =>
        r.path.endsWith('/payouts')
          ? HttpResponse.json(
              errorBody('proposal.payout_date_in_future', '拨付日期晚于今天', { paidOn: reason }),
              {
                status: 400,
              },
            )
          : null,
    });
    const { user } = renderApp(`/proposals/${PROPOSAL_ID}`);
    await user.click(await screen.findByRole('button', { name: '拨 付' }));
    await user.type(await screen.findByLabelText('本次拨付金额（元）'), '2000');
    // left empty: the server's today (its clock decides, as for the booking)
    await user.click(screen.getByRole('button', { name: /确认拨付/ }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(seen.find((r) => r.method === 'POST')?.body).not.toHaveProperty('paidOn');
    const error = await screen.findByText(reason);
    expect(error.closest('.ant-form-item')?.textContent).toContain('拨付日期');
    // a day picked is sent as the day the money left
    await user.click(screen.getByLabelText('拨付日期'));
    await user.click(await screen.findByText('今天'));
    await user.click(screen.getByRole('button', { name: /确认拨付/ }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(2));
    const body = seen.filter((r) => r.method === 'POST')[1]?.body;
    expect(body?.paidOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(String(body?.paidOn).slice(0, 7)).toBe(body?.month);
  });

  it('closing asks for the result: none typed, nothing sent; typed, it goes with the close', async () => {
    const { seen, user } = open('community_admin', 'disclosed');
    await user.click(await screen.findByRole('button', { name: '结 项' }));
    await user.click(await screen.findByRole('button', { name: /确认结项/ }));
    await waitFor(() =>
      expect(screen.getByLabelText('结项结果').closest('.ant-form-item')?.textContent).toContain('必填'),
    );
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.type(screen.getByLabelText('结项结果'), '居民另议，未动用资金');
    await user.click(screen.getByRole('button', { name: /确认结项/ }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1));
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.path).toBe(`/proposals/${PROPOSAL_ID}/close`);
    expect(post?.body).toEqual({ version: 3, result: '居民另议，未动用资金' });
  });

  it('on a phone the payouts and the objections are cards, every column a labelled line, 处理 in reach', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      const view = open('community_admin', 'disclosure', {
        objections: [
          {
            id: OBJECTION_ID,
            proposalId: PROPOSAL_ID,
            content: '价格偏高',
            raisedOn: '2026-12-05',
            status: 'pending',
            resolution: null,
            createdAt: '2026-12-05T02:00:00.000Z',
          },
        ],
      });
      const objection = (await screen.findByText('价格偏高')).closest('.ant-card') as HTMLElement;
      expect(within(objection).getByText('2026-12-05')).toBeInTheDocument();
      expect(within(objection).getByText('待处理')).toBeInTheDocument();
      expect(within(objection).getByText('异议内容')).toBeInTheDocument();
      expect(objection.querySelector('.ant-card-extra')?.textContent).toBe('处 理');
      expect(document.querySelector('.ant-table')).toBeNull();
      view.unmount();

      open('community_admin', 'closed', {
        paidFen: 3_600_000,
        payouts: [
          {
            entryId: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000009',
            amountFen: 3_600_000,
            month: '2026-12',
            paidOn: '2026-11-28',
            memo: '厨房设备',
            reversed: false,
            createdAt: '2026-12-03T02:00:00.000Z',
          },
        ],
      });
      const payout = (await screen.findByText('厨房设备')).closest('.ant-card') as HTMLElement;
      expect(payout.querySelector('.ant-card-head')?.textContent).toBe('2026-11-28');
      expect(within(payout).getByText('记账日期')).toBeInTheDocument();
      expect(within(payout).getByText('2026-12-03')).toBeInTheDocument();
      expect(within(payout).getByText('拨付金额（元）')).toBeInTheDocument();
      expect(within(payout).getByText('36,000.00')).toBeInTheDocument();
      expect(document.querySelector('.ant-table')).toBeNull();
    } finally {
      window.innerWidth = width;
    }
  });
});
