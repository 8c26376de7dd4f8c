import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { givenSession } from '../../testing/server';
import { FUND_ID, givenFundsApi, PLEDGE_ID, pledgeFixture } from './testing/funds-fixtures';

// A browser on UTC (as in CI) at 01:30 on 1 December in China: its own clock still says 30 November, 17:30.
// The server books by the Shanghai calendar, so the forms must default to December and to the 1st.
const NIGHT = new Date('2026-11-30T17:30:00Z');

const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterAll(() => {
  process.env.TZ = zone;
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NIGHT });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('money forms count the day in Asia/Shanghai', () => {
  it('runs where the browser’s own calendar is still on the day before', () => {
    expect(new Date().getDate()).toBe(30);
  });

  it('an inflow is booked in this month as China counts it', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenFundsApi();
    const { user } = renderApp(`/funds/${FUND_ID}`);
    await user.click(await screen.findByRole('button', { name: /登记收入/ }));
    await user.type(await screen.findByLabelText('金额（元）'), '100');
    await user.type(screen.getByLabelText('摘要'), 'night shift');
    await user.click(screen.getByRole('button', { name: /^登\s*记$/ }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST')).toBe(true));
    expect(seen.find((r) => r.method === 'POST')?.body).toMatchObject({
      month: '2026-12',
      amountFen: 10_000,
    });
  });

  it('a pledge’s fulfilment defaults to today in China, and today may be picked', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenFundsApi({ pledges: [pledgeFixture()] });
    const { user } = renderApp('/pledges');
    const row = (await screen.findByText('攀钢集团')).closest('tr') as HTMLElement;
    await user.click(within(row).getByText('登记履约'));
    await user.type(await screen.findByLabelText('到账金额（元）'), '30000');
    await user.click(screen.getByText(/^登\s*记$/, { selector: 'button span' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST')).toBe(true));
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.path).toBe(`/pledges/${PLEDGE_ID}/fulfilments`);
    expect(post?.body).toMatchObject({ fulfilledOn: '2026-12-01' });
  });
});
