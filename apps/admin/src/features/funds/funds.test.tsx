import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { JINHUI, meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { errorBody, givenSession } from '../../testing/server';
import {
  ENTRIES,
  FUND_ID,
  fundFixture,
  givenFundsApi,
  PAID_PROPOSAL_ID,
  proposalFixture,
  type SeenRequest,
} from './testing/funds-fixtures';

const totals = () => screen.getByRole('group', { name: '筛选范围合计' });
/** The ledger's body rows (antd adds a hidden measuring row to a scrolling table). */
const ledgerRows = () =>
  Array.from(document.querySelectorAll<HTMLElement>('.ant-table-tbody tr.ant-table-row'));
/** The journal's page requests (the charts read the whole ledger oldest first: those are left out). */
const pageRequests = (seen: SeenRequest[]) =>
  seen.filter((r) => r.path === `/funds/${FUND_ID}/entries` && r.query.get('order') === 'desc');

describe('the fund ledger', () => {
  it('lists entries newest first with the balance after each, the API’s totals, and no spend button', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const paid = proposalFixture('paid_out', { id: PAID_PROPOSAL_ID, title: '绘本角改造' });
    const seen = givenFundsApi({ proposals: [paid] });
    renderApp(`/funds/${FUND_ID}`);

    // the first render loads the route's chunks: give it time
    expect(await screen.findByText('企业捐赠', {}, { timeout: 30_000 })).toBeInTheDocument();
    const rows = ledgerRows();
    // newest first: the grant, then the payout, the donation, the allocation — each with its running balance
    expect(rows.map((row) => row.querySelectorAll('td').item(6).textContent)).toEqual([
      '9,500.00',
      '7,500.00',
      '10,500.00',
      '10,000.00',
    ]);
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: '绘本角改造' })).toBeInTheDocument();
    // the payout's own day beside its booking day (the public board lists it by the former); other kinds have none
    expect(rows[1]?.querySelectorAll('td').item(0).textContent).toBe('2026-03-15拨付于 2026-03-10');
    expect(rows[0]?.querySelectorAll('td').item(0).textContent).toBe('2026-04-15');
    // an approved report's allocation says what it is in the reader's language; its memo only names the source
    const allocation = rows[3]?.querySelectorAll('td').item(3);
    expect(allocation?.textContent).toBe('收益分配：拾光书屋 2026-01');
    // its month kept on one line: on a phone it wrapped as "2026-" / "07"
    expect(allocation?.querySelector('span[style*="nowrap"]')?.textContent).toBe('2026-01');
    expect(within(totals()).getByText('12,500.00 元')).toBeInTheDocument();
    expect(within(totals()).getByText('3,000.00 元')).toBeInTheDocument();
    // one page of 20, newest first, from the start
    const first = pageRequests(seen)[0];
    expect(Object.fromEntries(first?.query ?? [])).toEqual({ order: 'desc', limit: '20', offset: '0' });
    expect(screen.getByRole('button', { name: /登记收入/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /支\s*出/ })).not.toBeInTheDocument();
  });

  it('sends the filters in the URL to the API; the totals are the filter’s, with the balance before and after', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenFundsApi();
    const { user, router } = renderApp(`/funds/${FUND_ID}?from=2026-02-01&to=2026-03-31`);

    expect(await screen.findByRole('cell', { name: '企业捐赠' })).toBeInTheDocument();
    expect(pageRequests(seen)[0]?.query.get('from')).toBe('2026-02-01');
    expect(pageRequests(seen)[0]?.query.get('to')).toBe('2026-03-31');
    expect(ledgerRows()).toHaveLength(2);
    expect(within(totals()).getByText('500.00 元')).toBeInTheDocument();
    expect(within(totals()).getByText('期初余额')).toBeInTheDocument();
    expect(within(totals()).getByText('10,000.00 元')).toBeInTheDocument();
    expect(within(totals()).getByText('7,500.00 元')).toBeInTheDocument();

    await user.click(screen.getByLabelText('类型'));
    await user.click(await screen.findByText('捐赠', { selector: '.ant-select-item-option-content' }));
    await waitFor(() =>
      expect(router.state.location.search).toMatchObject({ kind: 'donation', from: '2026-02-01' }),
    );
    await waitFor(() => expect(pageRequests(seen).at(-1)?.query.get('kind')).toBe('donation'));
    await waitFor(() => expect(ledgerRows()).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
    await waitFor(() => expect(ledgerRows()).toHaveLength(ENTRIES.length));
  });

  it('pages on the server: the page in the URL is the request’s offset', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const many = Array.from({ length: 45 }, (_, i) => ({
      ...(ENTRIES[1] as (typeof ENTRIES)[number]),
      id: `88888888-8888-4888-8888-${String(1000 + i).padStart(12, '0')}`,
      amountFen: 100,
      balanceAfterFen: 100 * (i + 1),
      memo: `捐赠 ${i + 1}`,
    }));
    const seen = givenFundsApi({ entries: many, fund: fundFixture({ balanceFen: 4_500 }) });
    const { user, router } = renderApp(`/funds/${FUND_ID}?page=2`);
    expect(await screen.findByText('捐赠 25')).toBeInTheDocument();
    expect(pageRequests(seen)[0]?.query.get('offset')).toBe('20');
    expect(screen.getByText('共 45 笔')).toBeInTheDocument();
    await user.click(screen.getByTitle('3'));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ page: 3 }));
    expect(await screen.findByText('捐赠 5')).toBeInTheDocument();
    expect(pageRequests(seen).at(-1)?.query.get('offset')).toBe('40');
  });

  it('a district viewer picks the community (in the URL and the request) and sees no write button', async () => {
    givenSession(meAs('district_viewer'));
    const seen = givenFundsApi();
    const list = renderApp(`/funds?communityId=${JINHUI.id}`);
    expect(await screen.findByRole('link', { name: '社区治理专项资金' })).toBeInTheDocument();
    expect(seen.find((r) => r.path === '/funds')?.query.get('communityId')).toBe(JINHUI.id);
    expect(screen.getByText('只读')).toBeInTheDocument();

    list.unmount();
    renderApp(`/funds/${FUND_ID}`);
    expect(await screen.findByRole('cell', { name: '企业捐赠' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /登记收入/ })).not.toBeInTheDocument();
  });

  it('records an inflow with the contract’s schema and shows the server’s field error on its field', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenFundsApi({
      answer: (r) =>
        r.body?.memo === 'dup'
          ? HttpResponse.json(
              errorBody('validation_failed', '请求数据有误', { amountFen: '金额超出可处理范围' }),
              {
                status: 400,
              },
            )
          : null,
    });
    const { user } = renderApp(`/funds/${FUND_ID}`);
    await user.click(await screen.findByRole('button', { name: /登记收入/ }));
    await user.click(await screen.findByRole('button', { name: /^登\s*记$/ }));
    expect(await screen.findByText('必填')).toBeInTheDocument();

    await user.type(screen.getByLabelText('金额（元）'), '1280.5');
    await user.type(screen.getByLabelText('摘要'), 'dup');
    await user.click(screen.getByRole('button', { name: /^登\s*记$/ }));
    expect(await screen.findByText('金额超出可处理范围')).toBeInTheDocument();
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ kind: 'donation', amountFen: 128_050, memo: 'dup' });
    expect(post?.idempotencyKey).toBeTruthy();
  });
});
