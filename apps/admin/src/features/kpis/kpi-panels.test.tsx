import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { echarts } from '../../lib/echarts';
import { changeLanguage } from '../../lib/i18n';
import { DUKOU, JINHUI, meAs } from '../../testing/fixtures';
import {
  approvedReportingMatrix,
  emptyFundFlow,
  fundFlow,
  kpiRanking,
  rankedAtZero,
  reportingMatrix,
} from '../../testing/kpi-fixtures';
import { givenKpiApi, kpiError } from '../../testing/kpi-server';
import { renderApp } from '../../testing/render-app';
import { givenSession } from '../../testing/server';

// the demo's "today": October 2026 is the latest month with reports (only Date is faked, timers run)
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-28T12:00:00+08:00') });
});
afterEach(() => {
  vi.useRealTimers();
});

async function chartDrawn(name: string | RegExp) {
  const figure = await screen.findByRole('figure', { name });
  await waitFor(() => expect(figure.querySelector('svg')).not.toBeNull());
  return figure;
}

function spokenDescription(figure: HTMLElement): string {
  return figure.querySelector('[aria-label]')?.getAttribute('aria-label') ?? '';
}

function statistic(title: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>('.ant-statistic')].find(
    (element) => element.querySelector('.ant-statistic-title')?.textContent === title,
  );
  if (!found) throw new Error(`no statistic titled ${title}`);
  return found;
}

const NO_OFFICE = { streetOfficeId: null, streetOfficeName: null, target: null };

describe('KPI cockpit: ranking', () => {
  it('ranks the communities with the median marked, and links each to its page', async () => {
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi();
    const { user, router } = renderApp('/kpis?month=2026-10&period=quarter&tab=ranking');
    const figure = await chartDrawn('经营收入 社区排名');
    expect(spokenDescription(figure)).toMatch(/金汇社区/);
    // the median the API computed, in 万元, as a statistic and as the chart's mark line
    expect(screen.getAllByText('4.72 万元').length).toBeGreaterThan(0);
    expect(figure.textContent).toMatch(/中位数 4\.72 万元/);
    expect(requests.find((r) => r.endpoint === 'ranking')?.query).toEqual({
      kpi: 'operating_revenue',
      period: 'quarter',
      month: '2026-10',
    });

    const rows = [...document.querySelectorAll<HTMLElement>('.ant-table-tbody tr[data-row-key]')];
    expect(rows.map((row) => row.querySelector('td:nth-child(2)')?.textContent)).toEqual([
      '金汇社区',
      '望江街社区',
      '渡口社区',
      '城西社区',
    ]);
    // every community on the page: no body of fixed height to scroll (a 640 px box showed 12–17 of 36 with
    // nothing saying more were inside it), the header row sticky instead
    const body = document.querySelector<HTMLElement>('.ant-table-body');
    expect(body?.style.maxHeight ?? '').toBe('');
    expect(body?.style.overflowY ?? '').not.toBe('scroll');
    expect(document.querySelector('.ant-table-sticky-holder')).not.toBeNull();
    expect(within(rows[0] as HTMLElement).getByText(/高于中位数/)).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText(/低于中位数/)).toBeInTheDocument();

    await user.click(within(rows[2] as HTMLElement).getByRole('link', { name: '渡口社区' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/communities/${DUKOU.id}`));
  });

  it('names the top and bottom three when there are enough communities, and lists the unranked last', async () => {
    givenSession(meAs('district_admin'));
    const base = kpiRanking();
    const more = [rankedAtZero(5), rankedAtZero(6)];
    givenKpiApi({
      reportingMatrix: (q) => approvedReportingMatrix(q.from, q.to),
      ranking: () => ({
        ...base,
        items: [
          ...base.items,
          ...more,
          {
            ...NO_OFFICE,
            rank: null,
            communityId: '33333333-3333-4333-8333-000000000020',
            communityName: '新建社区',
            value: null,
            numerator: 0,
            denominator: null,
          },
        ],
      }),
    });
    renderApp('/kpis?month=2026-10&tab=ranking');
    const top = await screen.findByLabelText('前三名（红榜）');
    expect(top).toHaveTextContent('1. 金汇社区 15.31 万元');
    // in the unit of the whole list, so that the two lists compare at a glance
    expect(screen.getByLabelText('后三名（黑榜）')).toHaveTextContent('6. 社区6 0.00 万元');
    expect(screen.getByText('6 / 7')).toBeInTheDocument();
    expect(screen.getByText('不参与排名')).toBeInTheDocument();
  });

  it('puts a tie for last on the black list whole, not the three whose names sort last', async () => {
    givenSession(meAs('district_admin'));
    const base = kpiRanking();
    // five communities tied at 0 after the fixture's four
    const tied = [5, 6, 7, 8, 9].map((n) => rankedAtZero(5, n));
    givenKpiApi({ ranking: () => ({ ...base, items: [...base.items, ...tied] }) });
    const { user } = renderApp('/kpis?month=2026-10&tab=ranking');
    const bottom = await screen.findByLabelText('后三名（黑榜）');
    expect(bottom).toHaveTextContent('5. 社区5、社区6、社区7 等 5 个社区（并列） 0.00 万元');
    expect(bottom.querySelectorAll('.ant-tag')).toHaveLength(1);
    // every name a hover away
    await user.hover(within(bottom).getByText(/等 5 个社区/));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('社区5、社区6、社区7、社区8、社区9');
    expect(screen.getByLabelText('前三名（红榜）').querySelectorAll('.ant-tag')).toHaveLength(3);
  });

  it('in English a tie counts the names it leaves out', async () => {
    await changeLanguage('en');
    try {
      givenSession(meAs('district_admin'));
      const base = kpiRanking();
      const tied = [5, 6, 7, 8, 9].map((n) => rankedAtZero(5, n));
      givenKpiApi({ ranking: () => ({ ...base, items: [...base.items, ...tied] }) });
      renderApp('/kpis?month=2026-10&tab=ranking');
      const bottom = await screen.findByLabelText('Bottom three', {}, { timeout: 30_000 });
      expect(bottom).toHaveTextContent('5. 社区5, 社区6, 社区7 and 2 more (tied) 0 yuan');
    } finally {
      await changeLanguage('zh-CN');
    }
  });

  it('names a community whose reports await the district’s review greyed in its place, unjudged; a missing report is judged', async () => {
    givenSession(meAs('district_admin'));
    const base = kpiRanking();
    const more = [rankedAtZero(5), rankedAtZero(6), rankedAtZero(7)];
    const requests = givenKpiApi({
      ranking: () => ({ ...base, items: [...base.items, ...more] }),
      reportingMatrix: (q) => {
        const matrix = reportingMatrix(q.from, q.to);
        // every report of the fixture's communities approved; 社区6's two received and awaiting review; 社区5's
        // one report not filed
        const approvedCells = matrix.cells.map((c) => ({ ...c, approved: c.expected }));
        const template = approvedCells[0] as (typeof approvedCells)[number];
        const awaiting = {
          ...template,
          communityId: more[1]?.communityId as string,
          expected: 2,
          received: 2,
          onTime: 2,
          approved: 0,
        };
        const missing = {
          ...template,
          communityId: more[0]?.communityId as string,
          state: 'missing' as const,
          expected: 1,
          received: 0,
          receivedOnTime: 0,
          onTime: 0,
          missing: 1,
          approved: 0,
        };
        return { ...matrix, cells: [...approvedCells, awaiting, missing] };
      },
    });
    renderApp('/kpis?month=2026-10&tab=ranking');
    const bottom = await screen.findByLabelText('后三名（黑榜）');
    // the wait is the reviewers': 社区6 is not judged until its reports are reviewed (ADR 0039) — named greyed in
    // its place, so that the list reads 4, 5, 6, 7 (it read 4, 5, 7, explained only by a line under the lists)
    const waiting = await within(bottom).findByText('6. 社区6：待区级审核，暂不列榜');
    expect(waiting.closest('.ant-tag')).toBeNull();
    expect([...bottom.querySelectorAll('.ant-tag')].map((tag) => tag.textContent)).toEqual([
      '4. 城西社区 0.00 万元',
      // a report not filed is the community's own: 社区5 stays, marked
      '5. 社区5（审核未完） 0.00 万元',
      '7. 社区7 0.00 万元',
    ]);
    expect(bottom.textContent).toMatch(/^后三名（黑榜）：4\. .*5\. .*6\. .*7\. /);
    expect(screen.queryByText(/月报正待区级审核/)).toBeNull();
    expect(screen.getByLabelText('前三名（红榜）')).not.toHaveTextContent('审核未完');
    expect(screen.getByText(/^标有“审核未完”的社区/)).toBeInTheDocument();
    // in the table, how many of its reports count
    const row = screen.getByRole('link', { name: '社区6' }).closest('tr') as HTMLElement;
    expect(within(row).getByText('0/2 份已审核')).toBeInTheDocument();
    const jinhui = screen.getByRole('link', { name: JINHUI.name }).closest('tr') as HTMLElement;
    expect(within(jinhui).queryByText(/份已审核/)).toBeNull();
    // the notice above the tabs asked for the same months: one request serves both
    expect(requests.filter((r) => r.endpoint === 'reporting-matrix').map((r) => r.query)).toEqual([
      { from: '2026-10', to: '2026-10' },
    ]);
  });

  it('shows the reason when the ranking fails', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi({ ranking: () => kpiError(404, 'not_found', '未找到') });
    renderApp('/kpis?month=2026-10&tab=ranking');
    expect(await screen.findByText('未找到')).toBeInTheDocument();
    expect(screen.getByText('数据加载失败')).toBeInTheDocument();
  });
});

describe('KPI cockpit: reporting', () => {
  it('draws community × month and names the communities to chase for the chosen month', async () => {
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi();
    renderApp('/kpis?month=2026-10&tab=reporting');
    const figure = await chartDrawn('社区 × 月份 报送情况热力图');
    // spoken in words: the range, the communities, and how the chosen month went
    expect(spokenDescription(figure)).toContain(
      '2025-11 至 2026-10，3 个社区；2026-10：按时 1，逾期 0，退回 1，缺报 1',
    );
    // the legend names every state in words
    for (const state of ['按时', '逾期', '退回', '缺报']) expect(figure.textContent).toContain(state);
    // the panel's twelve months (beside the review-coverage notice's month, asked for first)
    expect(requests.filter((r) => r.endpoint === 'reporting-matrix').map((r) => r.query)).toContainEqual({
      from: '2025-11',
      to: '2026-10',
    });
    expect(screen.getByText('每月 10 日前报送上月月报')).toBeInTheDocument();
    // the month's counters are counts of reports, and say so
    const expected = screen.getByText('应报').closest('.ant-statistic');
    expect(expected?.textContent).toMatch(/^应报\d+份$/);

    const chase = screen.getByLabelText('2026-10 需催报的社区');
    expect(chase).toHaveTextContent('金汇社区 · 缺报 2');
    expect(chase).toHaveTextContent('渡口社区 · 退回 2 份');
    // the header counts the month's reports, the heatmap's totals its cells (community-months): each says which
    expect(statistic('退回')).toHaveTextContent(/^退回2份$/);
    expect(screen.getByText('退回 1 个社区·月')).toBeInTheDocument();
    expect(chase).not.toHaveTextContent('望江街社区');
    expect(within(chase).getByRole('link', { name: /金汇社区/ })).toHaveAttribute(
      'href',
      `/communities/${JINHUI.id}`,
    );
  });
});

describe('KPI cockpit: funds and mix', () => {
  it('draws the fund flow as a Sankey with its totals, and the operating and price-tier mix', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi();
    renderApp('/kpis?month=2026-10&period=year&tab=funds');
    const sankey = await chartDrawn('资金流向桑基图');
    expect(spokenDescription(sankey)).not.toBe('');
    expect(sankey.textContent).toContain('社区治理专项资金');
    // sources, funds, use categories and uses each keep their column, even a fund nothing was spent from
    const chart = echarts.getInstanceByDom(sankey.querySelector('div') as HTMLDivElement);
    if (!chart) throw new Error('no Sankey instance');
    const [series] = chart.getOption().series as { data: { name: string; depth: number }[] }[];
    expect(Object.fromEntries(series?.data.map((node) => [node.name, node.depth]) ?? [])).toEqual({
      'source:donation': 0,
      'source:profit:tidal_market': 0,
      'fund:charity_common_prosperity': 1,
      'fund:governance_special': 1,
      'fund:reserve': 1,
      'category:elderly_care': 2,
      'category:unlinked': 2,
      'use:proposal:77777777-7777-4777-8777-000000000003': 3,
      'use:unlinked': 3,
    });
    expect(statistic('期间流入')).toHaveTextContent('28.00万元');
    expect(statistic('期间流出')).toHaveTextContent('14.30万元');
    const models = await chartDrawn('经营模式（按营业收入）');
    expect(models.textContent).toContain('集体自营');
    const tiers = await chartDrawn('价格档次（按服务笔数）');
    expect(tiers.textContent).toContain('公益（免费）');
  });

  it('names the period as written in English, not as a number with grouped digits (2,026)', async () => {
    await changeLanguage('en');
    try {
      givenSession(meAs('district_admin'));
      givenKpiApi();
      renderApp('/kpis?month=2026-10&period=year&tab=funds');
      await chartDrawn('Fund flow Sankey diagram');
      expect(statistic('Period')).toHaveTextContent(/^Period2026$/);
    } finally {
      await changeLanguage('zh-CN');
    }
  });

  it('on a phone lists the flow column by column instead of a Sankey whose names would overlap', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('district_admin'));
      givenKpiApi();
      renderApp('/kpis?month=2026-10&period=year&tab=funds');
      const list = await screen.findByRole('list', { name: '资金流向桑基图' });
      expect(screen.queryByRole('figure', { name: '资金流向桑基图' })).toBeNull();
      const columns = within(list)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('strong')?.textContent);
      expect(columns).toEqual(['资金来源', '资金账户', '用途类别', '拨付项目']);
      // a fund says what came in and what went out, not one figure that reads as its balance
      const fund = within(list).getByText('社区治理专项资金').nextElementSibling as HTMLElement;
      expect(fund.textContent).toMatch(/^流入 .+元支出 .+元$/);
      // one unit down each column
      for (const item of within(list).getAllByRole('listitem')) {
        const units = new Set(
          [...item.querySelectorAll('dd')].flatMap((dd) => dd.textContent?.match(/万元|(?<!万)元/g) ?? []),
        );
        expect(units.size).toBe(1);
      }
    } finally {
      window.innerWidth = width;
    }
  });

  it('says when no money moved, and explains a fund flow the scope cannot see', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi({ fundFlow: (q) => emptyFundFlow('month', q.month) });
    const view = renderApp('/kpis?month=2026-10&tab=funds');
    expect(await screen.findByText('所选期间没有资金流动')).toBeInTheDocument();
    view.unmount();

    givenSession(meAs('community_admin', JINHUI), [JINHUI]);
    givenKpiApi({
      fundFlow: (q) => ({
        ...fundFlow('month', q.month),
        available: false,
        unavailableReason: { code: 'outside_partner_scope', message: '合作运营方不查看社区资金' },
        nodes: [],
        links: [],
        inflowFen: 0,
        outflowFen: 0,
      }),
    });
    renderApp('/kpis?month=2026-10&tab=funds');
    expect(await screen.findByText('合作运营方不查看社区资金')).toBeInTheDocument();
    expect(screen.getByText('该指标在当前范围不可用')).toBeInTheDocument();
  });
});
