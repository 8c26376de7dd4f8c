import type { Agreement, KpiStanding, Warning } from '@gongfu/contract';
import { addDays, addMonths, KPI_DEFINITIONS, shanghaiDateOf } from '@gongfu/domain';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, givenSession, server } from '../../testing/server';
import { proposalFixture } from '../funds/testing/funds-fixtures';
import { CANTEEN, MARKET, statusRow } from '../reporting/testing/reporting-fixtures';
import { monthLabel, openReportMonth } from '../reports/format';

function standing(overrides: Partial<Record<string, { value: number | null; rank: number | null }>> = {}) {
  const keys = ['community_income', 'stable_jobs', 'residents_served', 'on_time_rate'] as const;
  const defaults = {
    community_income: { value: 2_000_000, rank: 8 },
    stable_jobs: { value: 6, rank: 3 },
    residents_served: { value: 1200, rank: 20 },
    on_time_rate: { value: null, rank: null },
  };
  return {
    communityId: JINHUI.id,
    period: {
      kind: 'ytd',
      key: '2026-YTD-10',
      from: '2026-01',
      to: '2026-10',
      label: { 'zh-CN': '2026年1–10月', en: 'Jan–Oct 2026' },
    },
    dataDate: '2026-10',
    through: '2026-10',
    nothingDue: false,
    items: keys.map((key) => {
      const { value, rank } = overrides[key] ?? defaults[key];
      return {
        key,
        definition: KPI_DEFINITIONS[key],
        value,
        numerator: value ?? 0,
        denominator: null,
        rank,
        of: 36,
      };
    }),
  } satisfies KpiStanding;
}

function warning(severity: 'red' | 'amber'): Warning {
  return {
    id: crypto.randomUUID(),
    districtId: JINHUI.districtId,
    communityId: JINHUI.id,
    communityName: JINHUI.name,
    kind: 'report_overdue',
    severity,
    subjectType: 'venture',
    subjectId: MARKET.id,
    period: '2026-10',
    detail: {},
    status: 'open',
    ownerUserId: null,
    resolution: null,
    detectedAt: '2026-11-16T00:00:00Z',
    conditionSince: '2026-11-10',
    resolvedAt: null,
    resolvedBy: null,
    version: 1,
  };
}

/** The workplace's API: every list it reads, recording what it was asked. */
function givenHomeApi({ reporter = false } = {}) {
  const asked: string[] = [];
  const record = (request: Request) => {
    const url = new URL(request.url);
    asked.push(`${url.pathname.replace('/api/v1', '')}${url.search}`);
  };
  server.use(
    http.get(api('/reports/status'), ({ request }) => {
      record(request);
      const month = new URL(request.url).searchParams.get('month') ?? '';
      const rows = [
        statusRow(MARKET, { status: 'missing' }),
        statusRow({ ...CANTEEN, community: JINHUI }, { status: 'returned' }),
      ];
      return HttpResponse.json({ month, dueDate: '2026-12-10', items: rows, total: rows.length });
    }),
    http.get(api('/warnings'), ({ request }) => {
      record(request);
      return HttpResponse.json({ items: [warning('red'), warning('amber')], total: 2 });
    }),
  );
  if (reporter) return asked;
  server.use(
    http.get(api('/kpis/latest-month'), ({ request }) => {
      record(request);
      return HttpResponse.json({ month: '2026-10', dataDate: '2026-10', latestApprovedMonth: '2026-09' });
    }),
    http.get(api('/kpis/standing'), ({ request }) => {
      record(request);
      return HttpResponse.json(standing());
    }),
    http.get(api('/proposals'), ({ request }) => {
      record(request);
      const status = new URL(request.url).searchParams.get('status');
      const items =
        status === 'deliberation'
          ? [proposalFixture('deliberation', { title: '长者食堂助餐补贴' })]
          : status === 'disclosed'
            ? [proposalFixture('disclosed'), proposalFixture('disclosed')]
            : [];
      return HttpResponse.json({ items, total: items.length });
    }),
    http.get(api('/agreements'), ({ request }) => {
      record(request);
      return HttpResponse.json({
        items: [
          { ventureName: '金汇潮汐市场', endsOn: '2027-01-31' },
          { ventureName: '便民服务站', endsOn: '2027-02-15' },
        ],
        total: 2,
      });
    }),
  );
  return asked;
}

describe('the community workplace', () => {
  it("shows a community admin this month's to-dos, its place in the district and the way into its books", async () => {
    givenSession(meAs('community_admin', JINHUI), [JINHUI]);
    const asked = givenHomeApi();
    renderApp('/');
    expect(await screen.findByText('金汇社区 工作台')).toBeInTheDocument();
    const todo = (await screen.findByText('本月待办')).closest('.ant-card') as HTMLElement;
    expect(await within(todo).findByText(/月报还有 2 份待报，截止 2026-12-10/)).toBeInTheDocument();
    expect(within(todo).getByText('1 份月报被退回，待修改后重新提交')).toBeInTheDocument();
    expect(await within(todo).findByText('1 个议事项目等待居民表决')).toBeInTheDocument();
    // one proposal waiting: its own page is one click away
    expect(within(todo).getByRole('link', { name: '长者食堂助餐补贴' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/proposals\//),
    );
    expect(within(todo).getByText('2 个项目公示期满，可以拨付')).toBeInTheDocument();
    expect(
      await within(todo).findByText('2 份运营协议 90 天内到期，最早为“金汇潮汐市场”（2027-01-31）'),
    ).toBeInTheDocument();
    expect(within(todo).getByText('2 条预警待处理')).toBeInTheDocument();
    // each to-do leads where it is done: a red warning among them opens the red ones
    expect(within(todo).getByRole('link', { name: '去处理' })).toHaveAttribute(
      'href',
      '/warnings?severity=red',
    );
    expect(within(todo).getByRole('link', { name: '查看协议' })).toHaveAttribute(
      'href',
      '/register/agreements?expiring=true',
    );

    const place = (await screen.findByText('本社区在全区的位置')).closest('.ant-card') as HTMLElement;
    expect(await within(place).findByText('8/36')).toBeInTheDocument();
    expect(within(place).getByText('3/36')).toBeInTheDocument();
    expect(within(place).getByText('本期无数据，不参与排名')).toBeInTheDocument();
    expect(within(place).getByText('数据截至 2026-10')).toBeInTheDocument();
    // year to date at the data date, the district's newest month with every report due
    await waitFor(() => expect(asked).toContain('/kpis/standing?period=ytd&month=2026-10'));
    expect(asked).toContain('/agreements?expiringWithinDays=90');
    expect(asked).toContain('/warnings?status=open&limit=5');

    const shortcuts = (await screen.findByText('常用入口')).closest('.ant-card') as HTMLElement;
    expect(within(shortcuts).getByRole('link', { name: /月报填报/ })).toHaveAttribute('href', '/reporting');
    expect(within(shortcuts).getByRole('link', { name: /资金/ })).toHaveAttribute('href', '/funds');
  });

  it('gives a community reporter the to-dos of its role only (no figures, no proposals, no agreements)', async () => {
    givenSession(meAs('community_reporter', JINHUI), [JINHUI]);
    const asked = givenHomeApi({ reporter: true });
    renderApp('/');
    expect(await screen.findByText(/月报还有 2 份待报/)).toBeInTheDocument();
    expect(await screen.findByText('2 条预警待处理')).toBeInTheDocument();
    expect(screen.queryByText('本社区在全区的位置')).not.toBeInTheDocument();
    // msw fails any request without a handler: the reporter's page asked only for what its role may read
    expect(asked.every((path) => path.startsWith('/reports/status') || path.startsWith('/warnings'))).toBe(
      true,
    );
  });

  it('speaks English', async () => {
    window.localStorage.setItem('gongfu.language', 'en');
    givenSession(meAs('community_admin', JINHUI), [JINHUI]);
    givenHomeApi();
    const { i18n } = await import('../../lib/i18n');
    await i18n.changeLanguage('en');
    renderApp('/');
    const todo = (await screen.findByText('To do this month')).closest('.ant-card') as HTMLElement;
    // one of a thing reads as one, more as many
    expect(
      await within(todo).findByText('1 report returned, to be fixed and resubmitted'),
    ).toBeInTheDocument();
    expect(within(todo).getByText(/^2 reports for .+ still owed, due 2026-12-10$/)).toBeInTheDocument();
    expect(await within(todo).findByText('1 proposal waiting for the residents’ vote')).toBeInTheDocument();
    expect(
      within(todo).getByText('2 proposals past their disclosure period, ready to pay'),
    ).toBeInTheDocument();
    expect(within(todo).getByText('2 open warnings')).toBeInTheDocument();
    expect(await screen.findByText('Standing in the district')).toBeInTheDocument();
    expect(await screen.findByText('8/36')).toBeInTheDocument();
  });
});

describe("the operator partner's workplace", () => {
  const SOE = { partnerId: '88888888-8888-4888-8888-000000000001', partnerName: '东区国投' };
  function agreement(venture: typeof MARKET, overrides: Partial<Agreement> = {}): Agreement {
    return {
      id: crypto.randomUUID(),
      districtId: JINHUI.districtId,
      communityId: venture.community.id,
      ventureId: venture.id,
      ventureName: venture.name,
      partnerId: SOE.partnerId,
      partnerName: SOE.partnerName,
      startsOn: '2024-01-01',
      endsOn: '2099-12-31',
      terms: 'profit_split',
      operatorShareBp: 3000,
      feeFen: 0,
      guaranteedMinRemittanceFen: 2_000_000,
      exitTerms: null,
      version: 1,
      createdAt: '2024-01-01T00:00:00Z',
      ...overrides,
    };
  }

  function givenPartner(expiring: Agreement[] = []) {
    const me = meAs('partner_operator');
    const membership = { ...me.memberships[0], ...SOE } as (typeof me.memberships)[number];
    givenSession({ ...me, memberships: [membership] });
    const asked: string[] = [];
    server.use(
      http.get(api('/reports/status'), ({ request }) => {
        const url = new URL(request.url);
        asked.push(`${url.pathname.replace('/api/v1', '')}${url.search}`);
        // the open month; the month before it has the market's report still missing
        const rows =
          url.searchParams.get('month') === openReportMonth()
            ? [
                statusRow(MARKET, {
                  status: 'on_time',
                  reportId: crypto.randomUUID(),
                  reportStatus: 'submitted',
                }),
                statusRow(CANTEEN, {
                  status: 'returned',
                  reportId: crypto.randomUUID(),
                  reportStatus: 'returned',
                }),
              ]
            : [statusRow(MARKET, { status: 'missing' }), statusRow(CANTEEN, { status: 'on_time' })];
        return HttpResponse.json({
          month: url.searchParams.get('month'),
          dueDate: '2026-12-10',
          items: rows,
          total: 2,
        });
      }),
      http.get(api('/agreements'), ({ request }) => {
        const url = new URL(request.url);
        asked.push(`${url.pathname.replace('/api/v1', '')}${url.search}`);
        // all of the partner's: the ventures card shows them, the to-dos count the expiring ones among them
        const items = [
          agreement(MARKET, { endsOn: '2023-12-31', startsOn: '2021-01-01', guaranteedMinRemittanceFen: 1 }),
          agreement(MARKET),
          ...expiring,
        ];
        return HttpResponse.json({ items, total: items.length });
      }),
      http.get(api('/warnings'), () => HttpResponse.json({ items: [warning('red')], total: 1 })),
    );
    return asked;
  }

  it('lists the ventures it runs in every community, with the agreement it signed and the month’s report', async () => {
    const asked = givenPartner();
    renderApp('/');
    expect(await screen.findByText('东区国投 工作台')).toBeInTheDocument();
    const ventures = (await screen.findByText(/我方运营的项目/)).closest('.ant-card') as HTMLElement;
    const market = (await within(ventures).findByText('金汇潮汐市场')).closest('li') as HTMLElement;
    expect(within(market).getByText('按时报送')).toBeInTheDocument();
    // the running agreement, not the ended one before it: its terms with what they come to, a month's fee per month
    expect(await within(market).findByTestId('venture-terms')).toHaveTextContent(
      '金汇社区 · 利润分成 30.00% · 保底上缴 20,000.00 元/月',
    );
    expect(within(market).getByText('2024-01-01 ~ 2099-12-31')).toBeInTheDocument();

    expect(
      within(ventures).getByText(/标签为\d{4}年\d{1,2}月月报的状态，截止 2026-12-10/),
    ).toBeInTheDocument();
    expect(within(market).getByRole('link', { name: /查看 金汇潮汐市场/ })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/reporting\/form\?ventureId=77777777-7777-4777-8777-000000000001&month=/),
    );
    // the month before, still missing: the reason the district sees the market overdue, one click from its form
    const previous = addMonths(openReportMonth(), -1);
    const overdue = await within(market).findByText(`${monthLabel(previous, 'zh-CN')}月报逾期未报`);
    expect(overdue.closest('a')).toHaveAttribute(
      'href',
      `/reporting/form?ventureId=${MARKET.id}&month=${previous}`,
    );
    // a venture with no agreement on record says so; its returned report is to fill in again
    const canteen = within(ventures).getByText('望江街长者食堂').closest('li') as HTMLElement;
    expect(within(canteen).getByText('已退回')).toBeInTheDocument();
    expect(within(canteen).getByText('未登记运营协议')).toBeInTheDocument();
    expect(within(canteen).queryByText(/逾期未报|被退回待改/)).toBeNull();
    expect(within(canteen).getByRole('link', { name: /填报 望江街长者食堂/ })).toBeInTheDocument();
    expect(within(ventures).getByRole('link', { name: '查看运营协议' })).toHaveAttribute(
      'href',
      '/register/agreements',
    );

    const todo = (await screen.findByText('本月待办')).closest('.ant-card') as HTMLElement;
    expect(await within(todo).findByText(/月报还有 1 份待报，截止 2026-12-10/)).toBeInTheDocument();
    expect(within(todo).getByText('1 份月报被退回，待修改后重新提交')).toBeInTheDocument();
    expect(await within(todo).findByText('1 条预警待处理')).toBeInTheDocument();
    expect(asked).toContain(`/agreements?partnerId=${SOE.partnerId}`);
    // no community figures, no proposals: msw would fail a request the partner's page has no handler for
    expect(screen.queryByText('本社区在全区的位置')).not.toBeInTheDocument();
  });

  it('says what each agreement comes to: a fixed fee per month, an agreed share even when 0, no term it lacks', async () => {
    givenPartner([
      agreement(CANTEEN, {
        terms: 'fee_and_split',
        feeFen: 500_000,
        operatorShareBp: 0,
        guaranteedMinRemittanceFen: 0,
      }),
    ]);
    renderApp('/');
    const ventures = (await screen.findByText(/我方运营的项目/)).closest('.ant-card') as HTMLElement;
    const canteen = (await within(ventures).findByText('望江街长者食堂')).closest('li') as HTMLElement;
    // no guaranteed remittance: none said
    const line = await within(canteen).findByTestId('venture-terms');
    await waitFor(() =>
      expect(line).toHaveTextContent(/^望江街社区 · 固定费用 5,000.00 元\/月 \+ 利润分成 0.00%$/),
    );
    // on a phone the line breaks between its pieces, never inside an amount and its unit
    expect(within(line).getByText('固定费用 5,000.00 元/月')).toHaveStyle({ whiteSpace: 'nowrap' });
    const market = within(ventures).getByText('金汇潮汐市场').closest('li') as HTMLElement;
    expect(within(market).queryByText(/固定费用/)).toBeNull();
  });

  it('reads its agreements once: the to-dos count the expiring ones from the ventures card’s list', async () => {
    const today = shanghaiDateOf(new Date());
    const asked = givenPartner([
      // the canteen's agreement ends within 90 days; one ending later and one ended are not counted
      agreement(CANTEEN, { endsOn: addDays(today, 30) }),
      agreement(CANTEEN, { endsOn: addDays(today, 120) }),
      agreement(CANTEEN, { startsOn: '2020-01-01', endsOn: addDays(today, -1) }),
    ]);
    renderApp('/');
    const todo = (await screen.findByText('本月待办')).closest('.ant-card') as HTMLElement;
    expect(
      await within(todo).findByText(
        `1 份运营协议 90 天内到期，最早为“望江街长者食堂”（${addDays(today, 30)}）`,
      ),
    ).toBeInTheDocument();
    expect(within(todo).getByRole('link', { name: '查看协议' })).toHaveAttribute(
      'href',
      '/register/agreements?expiring=true',
    );
    const ventures = (await screen.findByText(/我方运营的项目/)).closest('.ant-card') as HTMLElement;
    expect(await within(ventures).findByText(`2024-01-01 ~ ${addDays(today, 30)}`)).toBeInTheDocument();
    expect(await within(todo).findByText('1 条预警待处理')).toBeInTheDocument();
    expect(asked.filter((path) => path.startsWith('/agreements'))).toEqual([
      `/agreements?partnerId=${SOE.partnerId}`,
    ]);
  });
});
