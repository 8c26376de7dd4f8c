import type { ReportDetail, ReportListItem } from '@gongfu/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';
import { CANTEEN, historyFixture, MONTH, reportFixture } from '../reporting/testing/reporting-fixtures';
import { givenAttachmentsApi } from '../reports/testing/attachments-server';

interface Seen {
  lists: URLSearchParams[];
  posts: { path: string; body: Record<string, unknown>; idempotencyKey: string | null }[];
}

/** A report as the fake API holds it: the detail, with the list's own fields where a test sets them. */
type Held = ReportDetail & Partial<Omit<ReportListItem, keyof ReportDetail>>;

/** The list row of a held report: what the API adds to a report in the queue. */
const listItem = (r: Held): ReportListItem => {
  const { events: _events, postings: _postings, earlierUnapproved: _earlier, ...report } = r;
  return {
    dueDate: '2026-12-10',
    firstSubmittedAt: r.submittedAt,
    timeliness: r.submittedAt ? 'on_time' : null,
    reviewedByName: null,
    attachmentCount: 0,
    ...report,
  };
};

/** The review API over a fixed set of reports; records the list queries and the workflow posts it received. */
function givenReviewApi(reports: Held[], answer: (path: string) => Response | null = () => null): Seen {
  const seen: Seen = { lists: [], posts: [] };
  const byId = new Map(reports.map((r) => [r.id, r]));
  // the drawer lists each report's files: none here
  givenAttachmentsApi({ editable: false });
  server.use(
    http.get(api('/street-offices'), () => HttpResponse.json({ items: [], total: 0 })),
    http.get(api('/reports/locks'), () => HttpResponse.json({ items: [] })),
    http.get(api('/reports/history'), ({ request }) =>
      HttpResponse.json(historyFixture(new URL(request.url).searchParams.get('ventureId') ?? '', MONTH)),
    ),
    http.get(api('/reports'), ({ request }) => {
      const query = new URL(request.url).searchParams;
      seen.lists.push(query);
      const all = reports.filter((r) => r.status === (query.get('status') ?? r.status)).map(listItem);
      const pageSize = Number(query.get('pageSize') ?? 20);
      return HttpResponse.json({ items: all.slice(0, pageSize), total: all.length, page: 1, pageSize });
    }),
    http.get(api('/reports/:id/approval-preview'), ({ params }) =>
      HttpResponse.json({
        reportId: String(params.id),
        // the community holds 60 % of a 20,000 元 profit and the operator remitted 22,000 元
        profitFen: 2_000_000,
        communityProfitShareFen: 1_200_000,
        communityShareBp: 6000,
        remittanceReceivedFen: 2_200_000,
        distributableProfitFen: 3_400_000,
        postings: [
          {
            fundKind: 'governance_special',
            fundId: null,
            fundName: '社区治理专项资金',
            direction: 1,
            amountFen: 1_360_000,
          },
          {
            fundKind: 'reserve',
            fundId: null,
            fundName: '公积金（储备）',
            direction: 1,
            amountFen: 2_040_000,
          },
        ],
      }),
    ),
    http.get(api('/reports/:id'), ({ params }) => {
      const found = byId.get(String(params.id));
      return found
        ? HttpResponse.json(found)
        : HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
    }),
    http.post(api('/reports/:id/:action'), async ({ request, params }) => {
      const path = `${params.id}/${params.action}`;
      seen.posts.push({
        path,
        body: (await request.json()) as Record<string, unknown>,
        idempotencyKey: request.headers.get('idempotency-key'),
      });
      const special = answer(path);
      if (special) return special;
      const report = byId.get(String(params.id));
      const status = params.action === 'approve' ? 'approved' : 'returned';
      return HttpResponse.json({ ...report, status });
    }),
  );
  return seen;
}

const submitted = (overrides: Partial<ReportDetail> = {}) =>
  reportFixture({ status: 'submitted', submittedAt: '2026-12-02T03:00:00.000Z', ...overrides });

/** A report approved on 12-05 at 14:20 (Shanghai) by 李审核, submitted three days before. */
function approvedByLi(extra: Parameters<typeof reportFixture>[0] = {}) {
  return {
    ...reportFixture({
      status: 'approved',
      submittedAt: '2026-12-02T03:00:00.000Z',
      reviewedAt: '2026-12-05T06:20:00.000Z',
      ...extra,
    }),
    reviewedByName: '李审核',
  };
}

describe('the review queue', () => {
  it('lists submitted reports with the filters in the request and the tab in the URL', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenReviewApi([submitted(), reportFixture({ status: 'returned' }, CANTEEN)]);
    const { user, router } = renderApp(`/review?month=${MONTH}`);
    expect(await screen.findByRole('cell', { name: '金汇潮汐市场' })).toBeInTheDocument();
    const first = seen.lists.find((q) => q.get('pageSize') === '20');
    expect(first?.get('status')).toBe('submitted');
    expect(first?.get('current')).toBe('true');
    expect(first?.get('month')).toBe(MONTH);
    expect(first?.get('pageSize')).toBe('20');

    await user.click(screen.getByRole('tab', { name: '已退回' }));
    expect(await screen.findByRole('cell', { name: '望江街长者食堂' })).toBeInTheDocument();
    expect(
      seen.lists
        .filter((q) => q.get('pageSize') === '20')
        .at(-1)
        ?.get('status'),
    ).toBe('returned');
    expect(router.state.location.search).toMatchObject({ tab: 'returned', month: MONTH });
  });

  it('filters by a community’s venture, sent to the API and kept in the URL', async () => {
    givenSession(meAs('district_admin'));
    const report = submitted();
    const seen = givenReviewApi([report]);
    server.use(
      http.get(api('/ventures'), () =>
        HttpResponse.json({ items: [{ id: report.ventureId, name: '金汇潮汐市场' }], total: 1 }),
      ),
    );
    renderApp(`/review?communityId=${report.communityId}&ventureId=${report.ventureId}`);
    expect(await screen.findByRole('cell', { name: '金汇潮汐市场' })).toBeInTheDocument();
    // the table's list and the waiting tab's count both carry the filters
    expect(seen.lists.length).toBeGreaterThan(0);
    for (const query of seen.lists) {
      expect(query.get('ventureId')).toBe(report.ventureId);
      expect(query.get('communityId')).toBe(report.communityId);
    }
  });

  it('a return needs a comment, and sends the figures the reviewer names', async () => {
    givenSession(meAs('district_admin'));
    const report = submitted();
    const seen = givenReviewApi([report]);
    const { user } = renderApp(`/review?report=${report.id}`);
    await user.click(await screen.findByRole('button', { name: /退\s*回/ }));
    await user.click(screen.getByRole('button', { name: '确认退回' }));
    expect(await screen.findByText('请填写退回意见')).toBeInTheDocument();
    expect(seen.posts).toHaveLength(0);

    await user.type(screen.getByLabelText('退回意见'), '运营成本请附票据');
    await user.click(screen.getByLabelText('需要核对的数据项（可选）'));
    await user.click(await screen.findByText('运营成本', { selector: '.ant-select-item-option-content' }));
    await user.click(screen.getByRole('button', { name: '确认退回' }));
    await waitFor(() => expect(seen.posts).toHaveLength(1));
    expect(seen.posts[0]).toMatchObject({
      path: `${report.id}/return`,
      body: { comment: '运营成本请附票据', fields: ['operatingCostFen'], version: report.version },
    });
  });

  it('approving shows what it will post first, then posts once with an Idempotency-Key', async () => {
    givenSession(meAs('district_admin'));
    const report = submitted();
    const seen = givenReviewApi([report]);
    const { user } = renderApp(`/review?report=${report.id}`);
    await user.click(await screen.findByRole('button', { name: /审核通过/ }));
    // the parts of the distributable amount, so that the reviewer sees where it comes from
    const parts = within(
      (await screen.findByText('可分配收益（持股所得 + 上缴，计入社区资金）')).closest(
        'table',
      ) as HTMLElement,
    );
    const row = (label: string) => parts.getByText(label).closest('tr')?.textContent;
    expect(row('本月利润（收入 − 成本）')).toContain('20,000.00 元');
    expect(row('社区持股所得（利润 × 持股 60%）')).toContain('12,000.00 元');
    expect(row('运营方实际上缴')).toContain('22,000.00 元');
    expect(row('可分配收益（持股所得 + 上缴，计入社区资金）')).toContain('34,000.00 元');
    expect(screen.queryByText(/本月亏损/)).not.toBeInTheDocument();
    expect(screen.getByText('社区治理专项资金')).toBeInTheDocument();
    expect(screen.getByText('+13,600.00 元')).toBeInTheDocument();
    expect(seen.posts).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: /确认审核通过/ }));
    await waitFor(() => expect(seen.posts).toHaveLength(1));
    expect(seen.posts[0]?.path).toBe(`${report.id}/approve`);
    expect(seen.posts[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('in a loss month the preview says why only the remittance is distributed', async () => {
    givenSession(meAs('district_admin'));
    const report = submitted();
    givenReviewApi([report]);
    server.use(
      http.get(api('/reports/:id/approval-preview'), ({ params }) =>
        HttpResponse.json({
          reportId: String(params.id),
          profitFen: -500_000,
          communityProfitShareFen: -500_000,
          communityShareBp: 10_000,
          remittanceReceivedFen: 400_000,
          distributableProfitFen: 400_000,
          postings: [
            {
              fundKind: 'reserve',
              fundId: null,
              fundName: '公积金（储备）',
              direction: 1,
              amountFen: 400_000,
            },
          ],
        }),
      ),
    );
    const { user } = renderApp(`/review?report=${report.id}`);
    await user.click(await screen.findByRole('button', { name: /审核通过/ }));
    const distributable = await screen.findByText('可分配收益（持股所得 + 上缴，计入社区资金）');
    expect(distributable.closest('tr')?.textContent).toContain('4,000.00 元');
    expect(screen.getByText('社区持股所得（利润 × 持股 100%）').closest('tr')?.textContent).toContain(
      '-5,000.00 元',
    );
    expect(screen.getByText(/本月亏损/)).toBeInTheDocument();
  });

  it('a figure with two flags is named once, its rules side by side and its explanation once', async () => {
    givenSession(meAs('district_admin'));
    const report = submitted({
      operatingCostFen: 0,
      flags: [
        {
          field: 'operatingCostFen',
          rule: 'outlier',
          value: 0,
          expectedLow: 100,
          expectedHigh: 300,
          reference: 200,
        },
        {
          field: 'operatingCostFen',
          rule: 'cost_missing',
          value: 0,
          expectedLow: null,
          expectedHigh: null,
          reference: null,
        },
      ],
      explanations: { operatingCostFen: '场地由社区无偿提供' },
    });
    givenReviewApi([report]);
    renderApp(`/review?report=${report.id}`);
    const explanation = await screen.findByText('场地由社区无偿提供');
    const entry = explanation.closest('.ant-card-body > div > div') as HTMLElement;
    expect(within(entry).getByText(/低于该项目近 12 个月的常见范围/)).toBeInTheDocument();
    expect(within(entry).getByText(/有营业收入但运营成本为 0/)).toBeInTheDocument();
    // once in the flags card (the figures table names it again, with its tag)
    expect(screen.getAllByText('场地由社区无偿提供')).toHaveLength(1);
  });

  it('a viewer reads the report without any action', async () => {
    givenSession(meAs('district_viewer'));
    const report = submitted();
    givenReviewApi([report]);
    renderApp(`/review?report=${report.id}`);
    expect(await screen.findByText('只读：您的角色不能审核')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /审核通过/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /退\s*回/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /锁定月份/ })).not.toBeInTheDocument();
  });

  it('bulk approval shows each result; one refusal does not hide the others', async () => {
    givenSession(meAs('district_admin'));
    const a = submitted();
    const c = reportFixture({ status: 'submitted' }, CANTEEN);
    const seen = givenReviewApi([a, c], (path) =>
      path === `${c.id}/approve`
        ? HttpResponse.json(errorBody('report_self_review', '不能审核自己填报或报送的报表'), { status: 403 })
        : null,
    );
    const { user } = renderApp(`/review?month=${MONTH}`);
    await screen.findByRole('cell', { name: '金汇潮汐市场' });
    const checkboxes = document.querySelectorAll<HTMLInputElement>('.ant-table-row input[type="checkbox"]');
    expect(checkboxes).toHaveLength(2);
    for (const box of checkboxes) await user.click(box);
    await user.click(await screen.findByRole('button', { name: '批量审核通过' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getAllByText('社区治理专项资金')).toHaveLength(2));
    await user.click(within(dialog).getByRole('button', { name: '批量审核通过' }));
    expect(await screen.findByText('1 份已通过，1 份未通过')).toBeInTheDocument();
    expect(screen.getByText('未通过：不能审核自己填报或报送的报表')).toBeInTheDocument();
    expect(seen.posts.map((p) => p.path).sort()).toEqual([`${a.id}/approve`, `${c.id}/approve`].sort());
  });

  it('a flagged report cannot be bulk approved', async () => {
    givenSession(meAs('district_admin'));
    givenReviewApi([
      submitted({
        flags: [
          { field: 'revenueFen', rule: 'outlier', value: 1, expectedLow: 2, expectedHigh: 3, reference: 2 },
        ],
      }),
    ]);
    const { user } = renderApp(`/review?month=${MONTH}`);
    expect(await screen.findByText('1 项需关注')).toBeInTheDocument();
    // the disabled box says why: in its name for a screen reader, and in a tooltip on hover
    const box = screen.getByRole('checkbox', {
      name: '金汇潮汐市场 · 2026年11月：有需关注项，请逐份打开审核',
    });
    expect(box).toBeDisabled();
    await user.hover(box.closest('.ant-checkbox-wrapper')?.parentElement as HTMLElement);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('有需关注项，请逐份打开审核');
  });

  it('a flagged report’s greyed box says why in English too', async () => {
    givenSession(meAs('district_admin'));
    await changeLanguage('en');
    try {
      givenReviewApi([
        submitted({
          flags: [
            { field: 'revenueFen', rule: 'outlier', value: 1, expectedLow: 2, expectedHigh: 3, reference: 2 },
          ],
        }),
      ]);
      const { user } = renderApp(`/review?month=${MONTH}`);
      const box = await screen.findByRole('checkbox', {
        name: '金汇潮汐市场 · Nov 2026: has flags to check; open it and review it on its own',
      });
      expect(box).toBeDisabled();
      await user.hover(box.closest('.ant-checkbox-wrapper')?.parentElement as HTMLElement);
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        'Has flags to check: open it and review it on its own',
      );
    } finally {
      await changeLanguage('zh-CN');
    }
  });

  it('each row has a visible action, at the right, that opens the drawer', async () => {
    givenSession(meAs('district_admin'));
    const report = submitted();
    givenReviewApi([report]);
    const { user, router } = renderApp(`/review?month=${MONTH}`);
    expect(await screen.findByRole('columnheader', { name: '操作' })).toBeInTheDocument();
    const before = router.history.length;
    await user.click(screen.getByRole('button', { name: '审核 金汇潮汐市场 · 2026年11月' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ report: report.id }));
    expect(await screen.findByRole('button', { name: /审核通过/ })).toBeInTheDocument();
    // one step in the history (the row's own click is not run as well): Back closes the drawer
    expect(router.history.length).toBe(before + 1);
  });

  it('a report not awaiting review, or a viewer, gets 查看 rather than 审核', async () => {
    givenSession(meAs('district_viewer'));
    const report = submitted();
    givenReviewApi([
      report,
      { ...reportFixture({ status: 'approved' }), id: '88888888-8888-4888-8888-0000000000aa' },
    ]);
    const { user, router } = renderApp(`/review?month=${MONTH}`);
    await user.click(await screen.findByRole('button', { name: '查看 金汇潮汐市场 · 2026年11月' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ report: report.id }));
    expect(screen.queryByRole('button', { name: /^审核 / })).not.toBeInTheDocument();
  });

  it('the waiting tab has no status column (every row is 已提交); the others do', async () => {
    givenSession(meAs('district_admin'));
    givenReviewApi([submitted(), reportFixture({ status: 'approved' }, CANTEEN)]);
    const { user } = renderApp(`/review?month=${MONTH}`);
    await screen.findByRole('cell', { name: '金汇潮汐市场' });
    expect(screen.queryByRole('columnheader', { name: '状态' })).not.toBeInTheDocument();
    expect(screen.queryByText('已提交')).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: '已通过' }));
    expect(await screen.findByRole('columnheader', { name: '状态' })).toBeInTheDocument();
    const row = screen.getByRole('cell', { name: '望江街长者食堂' }).closest('tr') as HTMLElement;
    expect(within(row).getByText('已通过')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: '查看 望江街长者食堂 · 2026年11月' })).toBeInTheDocument();
  });

  it('names a locked month as the month filter does', async () => {
    givenSession(meAs('district_admin'));
    givenReviewApi([submitted()]);
    server.use(
      http.get(api('/reports/locks'), () =>
        HttpResponse.json({
          items: [
            {
              id: '99999999-9999-4999-8999-000000000001',
              districtId: '11111111-1111-4111-8111-111111111111',
              communityId: null,
              month: '2026-10',
              lockedBy: '11111111-1111-4111-8111-111111111112',
              lockedAt: '2026-11-20T02:00:00.000Z',
            },
          ],
        }),
      ),
    );
    renderApp(`/review?month=${MONTH}`);
    expect(await screen.findByText('2026年10月（全区）')).toBeInTheDocument();
    expect(screen.queryByText(/2026-10/)).not.toBeInTheDocument();
  });

  it('locking a month with reviews pending shows the server’s reason', async () => {
    givenSession(meAs('district_admin'));
    givenReviewApi([]);
    server.use(
      http.post(api('/reports/locks'), () =>
        HttpResponse.json(
          errorBody('report_lock_reviews_pending', '2026年10月还有 3 份报表待审核，请审核完毕后再锁定'),
          {
            status: 409,
          },
        ),
      ),
    );
    const { user } = renderApp('/review');
    await user.click(await screen.findByRole('button', { name: /锁定月份/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /确认锁定/ }));
    expect(await screen.findByText('2026年10月还有 3 份报表待审核，请审核完毕后再锁定')).toBeInTheDocument();
  });
});

/** An instant `days` whole days before now: the same Shanghai time of day, so that many Shanghai days ago. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('what the queue tells a reviewer with a backlog', () => {
  it('the waiting tab counts its reports on every tab: its own total, elsewhere one small request', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenReviewApi([
      submitted(),
      reportFixture({ status: 'submitted', submittedAt: daysAgo(1) }, CANTEEN),
      reportFixture({ status: 'approved', submittedAt: daysAgo(9), reviewedAt: daysAgo(2) }),
    ]);
    const { user } = renderApp(`/review?month=${MONTH}`);
    expect(await screen.findByRole('tab', { name: '待审核（2）' })).toBeInTheDocument();
    // on the waiting tab its own list says the count: no second request for it
    expect(seen.lists.filter((q) => q.get('pageSize') === '1')).toEqual([]);
    await user.click(screen.getByRole('tab', { name: '已通过' }));
    await screen.findByRole('columnheader', { name: '审核通过时间' });
    expect(await screen.findByRole('tab', { name: '待审核（2）' })).toBeInTheDocument();
    // elsewhere the count is one row of the waiting tab; no tab but the open one is listed in full
    const counts = seen.lists.filter((q) => q.get('pageSize') === '1');
    expect(counts.length).toBeGreaterThan(0);
    for (const q of counts) expect(q.get('status')).toBe('submitted');
    expect(seen.lists.filter((q) => q.get('pageSize') === '20').map((q) => q.get('status'))).not.toContain(
      'returned',
    );
  });

  it('says how long each report has waited and tags one submitted after its due day', async () => {
    givenSession(meAs('district_admin'));
    givenReviewApi([
      reportFixture({ status: 'submitted', submittedAt: daysAgo(3) }),
      {
        ...reportFixture({ status: 'submitted', submittedAt: new Date().toISOString() }, CANTEEN),
        timeliness: 'late',
        dueDate: '2026-12-10',
        firstSubmittedAt: '2026-12-12T01:30:00.000Z',
      },
    ]);
    const { user } = renderApp(`/review?month=${MONTH}`);
    const market = (await screen.findByRole('cell', { name: '金汇潮汐市场' })).closest('tr') as HTMLElement;
    const canteen = screen.getByRole('cell', { name: '望江街长者食堂' }).closest('tr') as HTMLElement;
    expect(screen.getByRole('columnheader', { name: '已等待' })).toBeInTheDocument();
    expect(within(market).getByText('3 天')).toBeInTheDocument();
    // submitted today: the column asks how long, and the answer is under a day
    expect(within(canteen).getByText('不足 1 天')).toBeInTheDocument();
    expect(within(canteen).queryByText('今天提交')).not.toBeInTheDocument();
    expect(within(market).queryByText('逾期报送')).not.toBeInTheDocument();
    await user.hover(within(canteen).getByText('逾期报送'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      '截止日期 2026-12-10，首次报送于 2026-12-12 09:30',
    );
  });

  it('marks the reports that carry files, with how many', async () => {
    givenSession(meAs('district_admin'));
    givenReviewApi([{ ...submitted(), attachmentCount: 3 }, reportFixture({ status: 'submitted' }, CANTEEN)]);
    renderApp(`/review?month=${MONTH}`);
    const name = await screen.findByText('金汇潮汐市场');
    const market = name.closest('tr') as HTMLElement;
    const canteen = screen.getByText('望江街长者食堂').closest('tr') as HTMLElement;
    // a tag of its own that says what the count is, apart from the venture's name
    const tag = within(market).getByText('附件 3 份').closest('.ant-tag') as HTMLElement;
    expect(tag).not.toBeNull();
    expect(name.textContent).toBe('金汇潮汐市场');
    expect(name.contains(tag)).toBe(false);
    expect(within(canteen).queryByText(/附件/)).not.toBeInTheDocument();
  });

  it('says the files and the wait on a phone, and in English', async () => {
    givenSession(meAs('district_admin'));
    givenReviewApi([
      {
        ...reportFixture({ status: 'submitted', submittedAt: new Date().toISOString() }),
        attachmentCount: 2,
      },
    ]);
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      renderApp(`/review?month=${MONTH}`);
      const item = (await screen.findByText(/^金汇潮汐市场 · /)).closest('.ant-list-item') as HTMLElement;
      expect(within(item).getByText('附件 2 份').closest('.ant-tag')).not.toBeNull();
      expect(within(item).getByText('已等待：不足 1 天')).toBeInTheDocument();
      await changeLanguage('en');
      expect(await within(item).findByText('Attachments: 2')).toBeInTheDocument();
      expect(within(item).getByText('Waiting: < 1 day')).toBeInTheDocument();
    } finally {
      window.innerWidth = width;
      await changeLanguage('zh-CN');
    }
  });

  it('on a phone the approved tab says who approved it, as the desk does', async () => {
    givenSession(meAs('district_admin'));
    givenReviewApi([approvedByLi()]);
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      renderApp(`/review?tab=approved&month=${MONTH}`);
      const item = (await screen.findByText(/^金汇潮汐市场 · /)).closest('.ant-list-item') as HTMLElement;
      expect(within(item).getByText('审核通过时间：2026-12-05 14:20')).toBeInTheDocument();
      expect(within(item).getByText('审核人：李审核')).toBeInTheDocument();
      expect(within(item).getByText(/^[\d,]+\.\d\d 元$/)).toBeInTheDocument();
      await changeLanguage('en');
      expect(await within(item).findByText('By 李审核')).toBeInTheDocument();
    } finally {
      window.innerWidth = width;
      await changeLanguage('zh-CN');
    }
  });

  it('the approved tab shows when and by whom, and flags as explained', async () => {
    givenSession(meAs('district_admin'));
    givenReviewApi([
      approvedByLi({
        flags: [
          { field: 'revenueFen', rule: 'outlier', value: 1, expectedLow: 2, expectedHigh: 3, reference: 2 },
        ],
      }),
    ]);
    renderApp(`/review?tab=approved&month=${MONTH}`);
    const row = (await screen.findByRole('cell', { name: '金汇潮汐市场' })).closest('tr') as HTMLElement;
    expect(screen.getByRole('columnheader', { name: '审核通过时间' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: /提交时间/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: '已等待' })).not.toBeInTheDocument();
    expect(within(row).getByText('2026-12-05 14:20')).toBeInTheDocument();
    expect(within(row).getByText('审核人：李审核')).toBeInTheDocument();
    expect(within(row).getByText('1 项已说明')).toBeInTheDocument();
    expect(within(row).queryByText(/需关注/)).not.toBeInTheDocument();
    // an approved report has no checkbox to bulk approve it again
    expect(within(row).queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('in English', async () => {
    givenSession(meAs('district_admin'));
    await changeLanguage('en');
    try {
      givenReviewApi([
        reportFixture({ status: 'submitted', submittedAt: daysAgo(1) }),
        { ...reportFixture({ status: 'submitted', submittedAt: daysAgo(12) }, CANTEEN), timeliness: 'late' },
        {
          ...reportFixture(
            { status: 'submitted', submittedAt: new Date().toISOString() },
            { ...CANTEEN, id: '77777777-7777-4777-8777-000000000003', name: '望江街便民洗衣房' },
          ),
          attachmentCount: 1,
        },
      ]);
      renderApp(`/review?month=${MONTH}`);
      expect(await screen.findByRole('tab', { name: 'To review (3)' })).toBeInTheDocument();
      expect(screen.getByText('1 day')).toBeInTheDocument();
      expect(screen.getByText('12 days')).toBeInTheDocument();
      expect(screen.getByText('< 1 day')).toBeInTheDocument();
      expect(screen.getByText('Attachments: 1').closest('.ant-tag')).not.toBeNull();
      expect(screen.getByText('Late')).toBeInTheDocument();
    } finally {
      await changeLanguage('zh-CN');
    }
  });
});

describe('the drawer’s comparison', () => {
  it('heads the latest column with its month', async () => {
    givenSession(meAs('district_admin'));
    const report = submitted();
    givenReviewApi([report]);
    renderApp(`/review?report=${report.id}`);
    // the history fixture's months are approved up to the month before
    expect(await screen.findByRole('columnheader', { name: '2026年10月（最近通过）' })).toBeInTheDocument();
  });

  it('on a phone lists each figure with this month’s value beside its name and the comparison beneath, no sideways table', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('district_admin'));
      const report = submitted();
      givenReviewApi([report]);
      renderApp(`/review?report=${report.id}`);
      const drawer = await screen.findByRole('dialog');
      // the history fixture's months are approved up to the month before
      await waitFor(
        () => {
          const lines = within(drawer).getAllByText(/^近 12 月中位数：/);
          expect(lines.length).toBeGreaterThan(3);
          expect(lines[0]?.closest('.review-figure')?.textContent).toMatch(/2026年10月（最近通过）：/);
        },
        { timeout: 10_000 },
      );
      expect(within(drawer).queryByRole('columnheader', { name: '近 12 月中位数' })).not.toBeInTheDocument();
    } finally {
      window.innerWidth = width;
    }
  });

  it('warns of an earlier month not yet approved, and opens it', async () => {
    givenSession(meAs('district_admin'));
    const earlier = reportFixture({ status: 'submitted', month: '2026-10' });
    const report = submitted({
      earlierUnapproved: [
        { month: '2026-09', reportId: reportFixture().id, status: 'returned' },
        { month: '2026-10', reportId: earlier.id, status: 'submitted' },
      ],
    });
    givenReviewApi([report, earlier]);
    const { user, router } = renderApp(`/review?report=${report.id}`);
    expect(
      await screen.findByText('该项目 2026年9月（已退回）、2026年10月（待审核） 的月报尚未审核通过'),
    ).toBeInTheDocument();
    await user.click(screen.getByText('查看 2026年10月'));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ report: earlier.id }));
  });

  it('has nothing to warn of when the earlier months are approved', async () => {
    givenSession(meAs('district_admin'));
    const report = submitted({ earlierUnapproved: [] });
    givenReviewApi([report]);
    renderApp(`/review?report=${report.id}`);
    await screen.findByRole('button', { name: /审核通过/ });
    expect(screen.queryByText(/尚未审核通过/)).not.toBeInTheDocument();
  });
});
