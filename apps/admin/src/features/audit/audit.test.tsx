import type { AuditEntry } from '@gongfu/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DISTRICT_ID, JINHUI, meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { givenSession } from '../../testing/server';
import { FUND_ID, fundFixture, givenFundsApi } from '../funds/testing/funds-fixtures';
import { givenOversightApi } from '../warnings/testing/warnings-fixtures';

const ACTOR = '55555555-5555-4555-8555-000000000009';
const PROPOSAL = '77777777-7777-4777-8777-000000000001';
const TITLE = '长者食堂（一期）用房改造';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'eeeeeeee-eeee-4eee-8eee-000000000001',
    districtId: DISTRICT_ID,
    communityId: WANGJIANGJIE.id,
    actorUserId: ACTOR,
    actorName: '望江街管理员',
    apiTokenName: null,
    action: 'proposal.pay_out',
    entityType: 'proposal',
    entityId: PROPOSAL,
    before: { title: TITLE, status: 'disclosed', paidFen: 0, version: 4 },
    after: { title: TITLE, status: 'paid_out', paidFen: 2_000_000, version: 5 },
    requestId: null,
    createdAt: '2026-11-28T06:05:00.000Z',
    ...overrides,
  };
}

const audits = (seen: ReturnType<typeof givenOversightApi>) =>
  seen.filter((r) => r.method === 'GET' && r.path === '/audit');
const rows = () => [...document.querySelectorAll('tr.ant-table-row')] as HTMLElement[];
const option = (text: string) => screen.findByText(text, { selector: '.ant-select-item-option-content' });

describe('the audit log', () => {
  it('reads the filters from the URL into the request, and shows who did what to which object, when', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenOversightApi({
      audit: { items: [entry()], nextCursor: null },
      actors: [{ userId: ACTOR, name: '望江街管理员', entries: 12 }],
    });
    const { user } = renderApp(
      `/audit?entityType=proposal&action=proposal.pay_out&from=2026-11-01&to=2026-11-30&actorUserId=${ACTOR}`,
    );
    await waitFor(() => expect(rows()).toHaveLength(1));
    const q = audits(seen)[0]?.query;
    expect(q?.get('entityType')).toBe('proposal');
    expect(q?.get('action')).toBe('proposal.pay_out');
    expect(q?.get('from')).toBe('2026-11-01');
    expect(q?.get('to')).toBe('2026-11-30');
    expect(q?.get('actorUserId')).toBe(ACTOR);
    expect(q?.get('limit')).toBe('50');
    const row = rows()[0] as HTMLElement;
    // to the second: entries of one minute in a readable order
    expect(within(row).getByText('2026-11-28 14:05:00')).toBeInTheDocument();
    expect(within(row).getByText('望江街管理员')).toBeInTheDocument();
    expect(within(row).getByText(WANGJIANGJIE.name)).toBeInTheDocument();
    expect(within(row).getByText('拨付')).toBeInTheDocument();
    expect(within(row).getByText('打开').closest('a')).toHaveAttribute('href', `/proposals/${PROPOSAL}`);
    // the object by its name, its id a hover away
    expect(within(row).getByText(TITLE)).toHaveAttribute('title', PROPOSAL);

    // the changes, field by field in words (the version is bookkeeping; an unchanged title is no change)
    await user.click(row.querySelector('.ant-table-row-expand-icon') as HTMLElement);
    const paid = (await screen.findByText('已拨付金额')).closest('tr') as HTMLElement;
    expect(within(paid).getByText('0.00 元')).toBeInTheDocument();
    expect(within(paid).getByText('20,000.00 元')).toBeInTheDocument();
    expect(screen.getByText('已拨付金额')).toHaveAttribute('title', 'paidFen');
    const status = screen.getByText('状态').closest('tr') as HTMLElement;
    expect(within(status).getByText('公示期满')).toBeInTheDocument();
    expect(within(status).getByText('已拨付')).toBeInTheDocument();
    expect(screen.queryByText('paid_out')).toBeNull();
    expect(screen.queryByText('version')).toBeNull();
  });

  it('names the API token a company system acted with (ADR 0026)', async () => {
    givenSession(meAs('district_admin'));
    givenOversightApi({
      audit: {
        items: [entry({ action: 'report.submit', entityType: 'report', apiTokenName: '金汇 ERP' })],
        nextCursor: null,
      },
      actors: [{ userId: ACTOR, name: '望江街管理员', entries: 1 }],
    });
    renderApp('/audit');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(
      within(rows()[0] as HTMLElement).getByText('望江街管理员 · 经 API 令牌“金汇 ERP”'),
    ).toBeInTheDocument();
  });

  it('says a warning was raised by the rules, in a check the admin ran, not by the admin by hand', async () => {
    givenSession(meAs('district_admin'));
    givenOversightApi({
      audit: {
        items: [entry({ action: 'warning.detect', entityType: 'warning', actorName: '东区管理员' })],
        nextCursor: null,
      },
      actors: [{ userId: ACTOR, name: '东区管理员', entries: 1 }],
    });
    renderApp('/audit');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(rows()[0] as HTMLElement).getByText('预警规则（东区管理员 发起检查）')).toBeInTheDocument();
  });

  it('names a report by community, venture and month; an entry that logged no name by its short id', async () => {
    givenSession(meAs('district_admin'));
    const REPORT = '3f2a91c0-1111-4111-8111-000000000001';
    const USER = '55555555-5555-4555-8555-000000000042';
    const report = {
      communityName: WANGJIANGJIE.name,
      ventureName: '长者食堂',
      month: '2026-10',
      revision: 1,
    };
    givenOversightApi({
      audit: {
        items: [
          entry({
            action: 'report.approve',
            entityType: 'monthly_report',
            entityId: REPORT,
            before: { ...report, status: 'submitted' },
            after: { ...report, status: 'approved' },
          }),
          entry({
            id: 'eeeeeeee-eeee-4eee-8eee-000000000004',
            action: 'membership.create',
            entityType: 'user',
            entityId: USER,
            before: null,
            after: { membershipId: 'm', role: 'district_viewer', communityId: null, partnerId: null },
          }),
        ],
        nextCursor: null,
      },
      actors: [{ userId: ACTOR, name: '望江街管理员', entries: 2 }],
    });
    const { user } = renderApp('/audit');
    await waitFor(() => expect(rows()).toHaveLength(2));
    const [approved, role] = rows() as [HTMLElement, HTMLElement];
    expect(within(approved).getByText(`${WANGJIANGJIE.name} · 长者食堂 · 2026-10`)).toHaveAttribute(
      'title',
      REPORT,
    );
    expect(within(role).getByText('55555555…').closest('[title]')).toHaveAttribute('title', USER);

    await user.click(approved.querySelector('.ant-table-row-expand-icon') as HTMLElement);
    const status = (await screen.findByText('状态')).closest('tr') as HTMLElement;
    expect(within(status).getByText('已报送')).toBeInTheDocument();
    expect(within(status).getByText('已审核')).toBeInTheDocument();
  });

  it('filters go into the URL and the request; a page is the API’s cursor, and back again', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenOversightApi({
      audit: (q) =>
        q.get('cursor') === 'page2'
          ? {
              items: [entry({ id: 'eeeeeeee-eeee-4eee-8eee-000000000002', action: 'fund.create' })],
              nextCursor: null,
            }
          : { items: [entry()], nextCursor: 'page2' },
      actors: [{ userId: ACTOR, name: '望江街管理员', entries: 12 }],
    });
    const { user, router } = renderApp('/audit');
    await waitFor(() => expect(rows()).toHaveLength(1));

    await user.click(screen.getByLabelText('操作人'));
    await user.click(await option('望江街管理员'));
    await waitFor(() => expect(router.state.location.search).toEqual({ actorUserId: ACTOR }));
    await waitFor(() => expect(audits(seen).at(-1)?.query.get('actorUserId')).toBe(ACTOR));

    await user.type(screen.getByLabelText('对象类型'), '资金');
    await user.click(await option('资金账户'));
    await waitFor(() =>
      expect(router.state.location.search).toEqual({ actorUserId: ACTOR, entityType: 'fund' }),
    );
    await user.click(screen.getByLabelText('操作'));
    await user.click(await option('新建资金账户'));
    await waitFor(() => expect(audits(seen).at(-1)?.query.get('action')).toBe('fund.create'));

    await user.type(screen.getByLabelText('对象编号'), `${FUND_ID}{Enter}`);
    await waitFor(() => expect(router.state.location.search).toMatchObject({ entityId: FUND_ID }));
    await waitFor(() => expect(audits(seen).at(-1)?.query.get('entityId')).toBe(FUND_ID));

    await user.click(screen.getByText('下一页'));
    await waitFor(() =>
      expect(router.state.location.search).toMatchObject({ cursor: 'page2', entityId: FUND_ID }),
    );
    await waitFor(() => expect(audits(seen).at(-1)?.query.get('cursor')).toBe('page2'));
    expect(await screen.findByText('新建资金账户', { selector: 'td' })).toBeInTheDocument();
    await user.click(screen.getByText('上一页'));
    await waitFor(() => expect(router.state.location.search).not.toHaveProperty('cursor'));

    await user.click(screen.getByText('清除筛选'));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
  });

  it('a district role narrows to one community; a community admin has no community filter', async () => {
    givenSession(meAs('district_viewer'));
    const seen = givenOversightApi({ audit: { items: [], nextCursor: null } });
    const view = renderApp(`/audit?communityId=${JINHUI.id}`);
    expect(await screen.findByText('没有符合条件的操作记录')).toBeInTheDocument();
    expect(audits(seen)[0]?.query.get('communityId')).toBe(JINHUI.id);
    expect(seen.find((r) => r.path === '/audit/actors')?.query.get('communityId')).toBe(JINHUI.id);
    view.unmount();

    givenSession(meAs('community_admin', WANGJIANGJIE), [WANGJIANGJIE]);
    const own = givenOversightApi({ audit: { items: [], nextCursor: null } });
    renderApp('/audit');
    expect(await screen.findByText('暂无操作记录')).toBeInTheDocument();
    expect(audits(own)[0]?.query.has('communityId')).toBe(false);
    expect(screen.queryByLabelText('社区')).toBeNull();
  });

  it('on a phone each entry is a card: time and action its title, the object’s links and the changes below', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('district_admin'));
      givenOversightApi({
        audit: {
          items: [
            entry(),
            entry({
              id: 'eeeeeeee-eeee-4eee-8eee-000000000003',
              action: 'fund.create',
              entityType: 'fund',
              entityId: FUND_ID,
              createdAt: '2026-11-27T01:00:00.000Z',
              before: null,
              after: { name: '社区治理专项资金', kind: 'governance', balanceFen: 0, a: 1, b: 2, c: 3 },
            }),
          ],
          nextCursor: 'page2',
        },
        actors: [{ userId: ACTOR, name: '望江街管理员', entries: 12 }],
      });
      const { user, router } = renderApp('/audit');
      const time = await screen.findByText('2026-11-28 14:05:00');
      const card = time.closest('.ant-card') as HTMLElement;
      const head = card.querySelector('.ant-card-head') as HTMLElement;
      expect(within(head).getByText('拨付')).toBeInTheDocument();
      expect(within(card).getByText('望江街管理员')).toBeInTheDocument();
      expect(within(card).getByText(WANGJIANGJIE.name)).toBeInTheDocument();
      expect(within(card).getByText('打开').closest('a')).toHaveAttribute('href', `/proposals/${PROPOSAL}`);
      // the changed fields at the card's foot, no expanding needed
      expect(within(card).getByText('20,000.00 元')).toBeInTheDocument();
      expect(within(card).getByText('已拨付金额')).toBeInTheDocument();
      expect(within(card).getByText('已拨付')).toBeInTheDocument();
      expect(document.querySelector('.ant-table')).toBeNull();
      // a creation lists every field: the first few, the rest a tap away
      const created = (await screen.findByText('新建资金账户')).closest('.ant-card') as HTMLElement;
      const fields = created.querySelector('.entry-changes') as HTMLElement;
      expect(within(fields).getByText('资金名称')).toBeInTheDocument();
      expect(within(fields).getByText('社区治理专项资金')).toBeInTheDocument();
      // the object's column names it too
      expect(within(created).getByText('社区治理专项资金', { selector: '[title]' })).toHaveAttribute(
        'title',
        FUND_ID,
      );
      expect(within(created).queryByText('c')).toBeNull();
      await user.click(within(created).getByText('查看全部 6 项变更'));
      expect(within(created).getByText('c')).toBeInTheDocument();

      await user.click(within(card).getByText('只看该对象'));
      await waitFor(() =>
        expect(router.state.location.search).toEqual({ entityType: 'proposal', entityId: PROPOSAL }),
      );
      // the cursor's own pager stays
      await user.click(screen.getByText('下一页'));
      await waitFor(() => expect(router.state.location.search).toMatchObject({ cursor: 'page2' }));
    } finally {
      window.innerWidth = width;
    }
  });

  it.each(['community_reporter', 'partner_operator'] as const)(
    'a %s (no audit:read) gets a refusal and sends no request',
    async (role) => {
      givenSession(meAs(role, role === 'community_reporter' ? WANGJIANGJIE : undefined));
      const seen = givenOversightApi();
      renderApp('/audit');
      expect(await screen.findByText('您当前的身份不能查看审计日志')).toBeInTheDocument();
      expect(seen).toHaveLength(0);
    },
  );
});

describe('the history drawer', () => {
  it('on a fund’s page: its audit trail one click away', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenFundsApi({ fund: fundFixture() });
    const { user } = renderApp(`/funds/${FUND_ID}`);
    await user.click(await screen.findByText('操作记录'));
    await waitFor(() =>
      expect(
        seen.find((r) => r.path === '/audit' && r.query.get('entityType') === 'fund')?.query.get('entityId'),
      ).toBe(FUND_ID),
    );
    expect(await screen.findByText('暂无操作记录')).toBeInTheDocument();
    expect(screen.getByText('在审计日志中查看').closest('a')).toHaveAttribute(
      'href',
      `/audit?entityType=fund&entityId=${FUND_ID}`,
    );
  });

  it('on a community’s page; a role without the audit log is told so and asks nothing', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenOversightApi({
      audit: {
        items: [entry({ action: 'community.update', entityType: 'community', entityId: JINHUI.id })],
        nextCursor: null,
      },
    });
    const view = renderApp(`/communities/${JINHUI.id}`);
    await view.user.click(await screen.findByText('操作记录'));
    expect(await screen.findByText('修改社区')).toBeInTheDocument();
    expect(audits(seen)[0]?.query.get('entityId')).toBe(JINHUI.id);
    view.unmount();

    givenSession(meAs('community_reporter', JINHUI), [JINHUI]);
    const none = givenOversightApi();
    const { user } = renderApp(`/communities/${JINHUI.id}`);
    await user.click(await screen.findByText('操作记录'));
    expect(await screen.findByText('您当前的身份不能查看审计日志')).toBeInTheDocument();
    expect(none).toHaveLength(0);
  });
});
