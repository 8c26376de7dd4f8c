import type { ProposalStatus, Role } from '@gongfu/domain';
import { screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { errorBody, givenSession } from '../../testing/server';
import { fundFixture, givenFundsApi, PROPOSAL_ID, proposalFixture } from '../funds/testing/funds-fixtures';

const STEP_BUTTONS = ['录入议事结果', '开始公示', '登记异议', '支 出', '结 项', '修 改', '撤 回'];

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
    ['disclosure', ['登记异议', '支 出']],
    ['disclosed', ['支 出', '结 项']],
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

  it('a payout tried during 公示 is refused by the API, and its reason is shown', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const reason = '公示期至 2026-12-08 结束,期满后方可结束公示';
    const seen = givenFundsApi({
      proposals: [proposalFixture('disclosure')],
      answer: (r) =>
        r.path.endsWith('/payouts')
          ? HttpResponse.json(errorBody('proposal.disclosure_not_over', reason), { status: 409 })
          : null,
    });
    const { user } = renderApp(`/proposals/${PROPOSAL_ID}`);
    await user.click(await screen.findByRole('button', { name: '支 出' }));
    expect(await screen.findByText(/公示期满且无未处理的异议后才能支出/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('本次支出金额（元）'), '5000');
    await user.click(screen.getByRole('button', { name: /确认支出/ }));
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(screen.getByText('不能支出')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('the payout form stops at the approved amount still payable and at the fund’s balance', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const proposal = proposalFixture('paid_out', { paidFen: 1_000_000, remainingFen: 2_600_000 });
    const seen = givenFundsApi({ proposals: [proposal], fund: fundFixture({ balanceFen: 2_000_000 }) });
    const { user } = renderApp(`/proposals/${PROPOSAL_ID}`);
    await user.click(await screen.findByRole('button', { name: '支 出' }));
    expect(await screen.findByText('本次最多可支出 20,000.00 元')).toBeInTheDocument();
    const amount = screen.getByLabelText('本次支出金额（元）');

    await user.type(amount, '26000.01');
    await user.click(screen.getByRole('button', { name: /确认支出/ }));
    expect(await screen.findByText('超过尚可支出的批准金额 26,000.00 元')).toBeInTheDocument();
    await user.clear(amount);
    await user.type(amount, '20000.01');
    await user.click(screen.getByRole('button', { name: /确认支出/ }));
    expect(await screen.findByText('超过资金余额 20,000.00 元')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.clear(amount);
    await user.type(amount, '20000');
    await user.click(screen.getByRole('button', { name: /确认支出/ }));
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
    await user.click(await screen.findByRole('button', { name: '支 出' }));
    await user.type(await screen.findByLabelText('本次支出金额（元）'), '2000');
    await user.click(screen.getByRole('button', { name: /确认支出/ }));
    const error = await screen.findByText(message);
    expect(error.closest('.ant-form-item')?.textContent).toContain('本次支出金额');
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
