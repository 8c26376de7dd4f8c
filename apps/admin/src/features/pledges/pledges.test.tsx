import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { givenSession } from '../../testing/server';
import { givenFundsApi, PLEDGE_ID, pledgeFixture } from '../funds/testing/funds-fixtures';

describe('pledges', () => {
  it('shows pledged, fulfilled and outstanding; records a fulfilment (a cash one becomes the fund’s donation)', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenFundsApi({ pledges: [pledgeFixture()] });
    const { user } = renderApp('/pledges');
    const row = (await screen.findByText('攀钢集团')).closest('tr') as HTMLElement;
    expect(within(row).getByText('50,000.00')).toBeInTheDocument();
    expect(within(row).getByText('20,000.00')).toBeInTheDocument();
    expect(within(row).getByText('30,000.00')).toBeInTheDocument();
    // cash a partner declared and the community has not confirmed yet
    expect(within(row).getByText('待确认 10,000.00')).toBeInTheDocument();
    expect(within(row).getByText('履约中')).toBeInTheDocument();

    await user.click(within(row).getByText('登记履约'));
    expect(await screen.findByText(/登记后即作为捐赠记入/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('到账金额（元）'), '30000');
    await user.click(screen.getByText(/^登\s*记$/, { selector: 'button span' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST')).toBe(true));
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.path).toBe(`/pledges/${PLEDGE_ID}/fulfilments`);
    expect(post?.body).toMatchObject({ valueFen: 3_000_000 });
    expect(post?.idempotencyKey).toBeTruthy();
  });

  it('the community confirms a fulfilment a partner declared', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenFundsApi({ pledges: [pledgeFixture()] });
    const { user } = renderApp(`/pledges?pledge=${PLEDGE_ID}`);
    await user.click(await screen.findByText('确认到账'));
    await waitFor(() => expect(seen.some((r) => r.path.endsWith('/confirm'))).toBe(true));
    expect(await screen.findByText('已入账')).toBeInTheDocument();
  });

  it('a district viewer reads the pledges and can neither record nor confirm', async () => {
    givenSession(meAs('district_viewer'));
    givenFundsApi({ pledges: [pledgeFixture()] });
    renderApp(`/pledges?pledge=${PLEDGE_ID}`);
    expect(await screen.findByText('待社区确认')).toBeInTheDocument();
    // text queries: role queries over a whole antd page are very slow in jsdom
    expect(screen.queryByText('确认到账')).not.toBeInTheDocument();
    expect(screen.queryByText('登记履约')).not.toBeInTheDocument();
    expect(screen.queryByText('登记承诺')).not.toBeInTheDocument();
  });
});
