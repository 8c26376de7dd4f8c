import type { Membership } from '@gongfu/contract';
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { givenSession } from '../../testing/server';
import { openReportMonth } from '../reports/format';
import {
  CANTEEN,
  givenReportingApi,
  MARKET,
  REVIEWER_ID,
  reportFixture,
  shanghaiDatePlus,
  statusRow,
} from './testing/reporting-fixtures';

const OPEN = openReportMonth();

describe('reporting to-do', () => {
  beforeEach(() => givenSession(meAs('community_reporter', JINHUI)));

  it('lists what the open month owes with the deadline, drafts, and returned reports with the comment', async () => {
    const draft = reportFixture({ month: '2026-09' }, CANTEEN);
    const returned = reportFixture({
      month: '2026-10',
      status: 'returned',
      reviewComment: '运营成本缺少票据',
      reviewedBy: REVIEWER_ID,
    });
    givenReportingApi({
      month: OPEN,
      rows: [statusRow(MARKET, { dueDate: shanghaiDatePlus(5) }), statusRow(CANTEEN, { status: 'on_time' })],
      reports: [draft, returned],
    });
    const { router } = renderApp('/reporting');
    expect(await screen.findByText('本月应报')).toBeInTheDocument();
    expect(await screen.findByText('金汇潮汐市场')).toBeInTheDocument();
    // the deadline in words and an icon, not colour alone
    expect(screen.getByText('还剩 5 天')).toBeInTheDocument();
    expect(screen.getByText('待填报')).toBeInTheDocument();
    // a venture already reported is not owed
    expect(screen.queryByText('望江街长者食堂')).toBeNull();
    expect(await screen.findByText('望江街长者食堂 · 2026年9月')).toBeInTheDocument();
    expect(await screen.findByText('金汇潮汐市场 · 2026年10月')).toBeInTheDocument();
    expect(screen.getByText(/运营成本缺少票据/)).toBeInTheDocument();

    screen.getByText('填报').closest('a')?.click();
    await waitFor(() => expect(router.state.location.pathname).toBe('/reporting/form'));
    expect(router.state.location.search).toMatchObject({ ventureId: MARKET.id, month: OPEN });
  });

  it('says a report is overdue in words', async () => {
    givenReportingApi({
      month: OPEN,
      rows: [statusRow(MARKET, { status: 'missing', dueDate: shanghaiDatePlus(-3) })],
    });
    renderApp('/reporting');
    expect(await screen.findByText('已逾期 3 天')).toBeInTheDocument();
    expect(screen.getByText('逾期未报')).toBeInTheDocument();
  });

  it('says when everything is in, and that nothing waits', async () => {
    givenReportingApi({ month: OPEN, rows: [statusRow(MARKET, { status: 'on_time' })] });
    renderApp('/reporting');
    expect(await screen.findByText('本月月报已全部报送')).toBeInTheDocument();
    expect(await screen.findByText('没有未完成的草稿')).toBeInTheDocument();
    expect(screen.getByText('没有被退回的月报')).toBeInTheDocument();
  });
});

describe('menu', () => {
  it('gives a partner operator overview, reporting and the KPIs of its ventures, across communities', async () => {
    const me = meAs('partner_operator');
    const partner: Membership = {
      ...(me.memberships[0] as Membership),
      partnerId: 'dddddddd-dddd-4ddd-8ddd-000000000001',
      partnerName: '德汇社区服务公司',
    };
    givenSession({ ...me, memberships: [partner], activeMembershipId: partner.id });
    givenReportingApi({
      month: OPEN,
      rows: [statusRow(MARKET), statusRow(CANTEEN)],
    });
    renderApp('/reporting');
    expect(await screen.findByText('金汇社区')).toBeInTheDocument();
    expect(screen.getByText('望江街社区')).toBeInTheDocument();
    const menu = document.querySelector('.ant-menu') as HTMLElement;
    expect(menu).toHaveTextContent('工作台');
    expect(menu).toHaveTextContent('月报填报');
    expect(menu).not.toHaveTextContent('社区');
    expect(menu).toHaveTextContent('指标驾驶舱'); // issue 12: partners read the KPIs of the ventures they operate
  });
});
