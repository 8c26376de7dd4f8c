import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { echarts } from '../../lib/echarts';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs } from '../../testing/fixtures';
import {
  approvedReportingMatrix,
  emptyRatioSeries,
  kpiOverview,
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

const COCKPIT = '/kpis?month=2026-10';

function card(key: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-kpi="${key}"]`);
  if (!found) throw new Error(`no card for ${key}`);
  return found;
}

/** The 环比 and 同比 lines of a card (those with something to compare). */
function changes(element: HTMLElement): HTMLElement[] {
  return [...element.querySelectorAll<HTMLElement>('[data-tone]')];
}

/** The period bar's month field. */
function monthPicker(): HTMLInputElement {
  const found = document.querySelector<HTMLInputElement>('[data-period-picker] .ant-picker input');
  if (!found) throw new Error('no month picker');
  return found;
}

async function chartDrawn(name: string | RegExp) {
  const figure = await screen.findByRole('figure', { name });
  await waitFor(() => expect(figure.querySelector('svg')).not.toBeNull());
  return figure;
}

describe('KPI cockpit', () => {
  it('opens on the newest month with approved figures when the URL names none', async () => {
    // early December: November's reports are hardly in, October is the newest month whose figures count
    vi.setSystemTime(new Date('2026-12-04T10:00:00+08:00'));
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi({ latestMonth: '2026-10' });
    renderApp('/kpis');
    expect(await screen.findByText('统计范围：东区 · 2026年10月')).toBeInTheDocument();
    expect(requests.find((r) => r.endpoint === 'overview')?.query.month).toBe('2026-10');
    // the answer's data date (数据截至) is printed with the figures
    expect(screen.getByText('数据截至 2026-10')).toBeInTheDocument();
  });

  it('a running quarter runs through the answer’s data date, not last month by the clock, before the due day', async () => {
    // 4 December: November's reports are not due until the 10th, so the data date is still October
    vi.setSystemTime(new Date('2026-12-04T10:00:00+08:00'));
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi();
    renderApp('/kpis?period=quarter&month=2026-10');
    expect(await screen.findByText('2026年第4季度尚未结束，数据截至 2026-10')).toBeInTheDocument();
    expect(screen.getByText('数据截至 2026-10')).toBeInTheDocument();
    // the review-coverage notice counts the months that are due, not November's
    await screen.findByText(/^本期应报月报/);
    expect(requests.filter((r) => r.endpoint === 'reporting-matrix').map((r) => r.query)).toContainEqual({
      from: '2026-10',
      to: '2026-10',
    });
  });

  it('asks for the open tab’s figures before its page’s code has mounted, once each, under the panels’ own keys', async () => {
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi();
    renderApp(COCKPIT);
    await chartDrawn(/趋势/);
    const overview = requests.filter((r) => r.endpoint === 'overview');
    const series = requests.filter((r) => r.endpoint === 'series');
    // from the route's loader, not from the panels after the page (antd, ECharts) arrived
    expect(overview.map((r) => r.pageMounted)).toEqual([false]);
    expect(series.map((r) => r.pageMounted)).toEqual([false]);
    // and the review-coverage notice's month, above the tabs
    expect(
      requests.filter((r) => r.endpoint === 'reporting-matrix').map((r) => [r.query, r.pageMounted]),
    ).toEqual([[{ from: '2026-10', to: '2026-10' }, false]]);
    // the trend panel's own request would have been a second one had the loader asked with other parameters
    expect(series[0]?.query).toEqual({
      kpi: 'operating_revenue',
      from: '2025-11',
      to: '2026-10',
      groupBy: 'district',
    });
  });

  it('asks for the ranking first on the ranking tab', async () => {
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi();
    renderApp(`${COCKPIT}&tab=ranking`);
    await screen.findByText('统计范围：东区 · 2026年10月');
    await waitFor(() => expect(requests.filter((r) => r.endpoint === 'ranking')).toHaveLength(1));
    expect(requests.find((r) => r.endpoint === 'ranking')?.pageMounted).toBe(false);
  });

  it('shows a district admin every KPI with its unit and changes coloured by the KPI’s direction', async () => {
    givenSession(meAs('district_admin'));
    // a month whose reports are all approved: its changes are judged
    const requests = givenKpiApi({ reportingMatrix: (q) => approvedReportingMatrix(q.from, q.to) });
    renderApp(COCKPIT);
    expect(await screen.findByText('统计范围：东区 · 2026年10月')).toBeInTheDocument();
    expect(
      within(card('operating_revenue')).getByRole('button', { name: '查看 经营收入 的趋势与排名' }),
    ).toBeInTheDocument();
    expect(screen.getByText('统计范围：东区 · 2026年10月')).toBeInTheDocument();
    expect(screen.getByText('环比对照 2026年9月，同比对照 2025年10月')).toBeInTheDocument();

    // amounts in 万元 from integer fen; revenue fell: higher is better, so "变差", with an arrow and words
    const revenue = card('operating_revenue');
    expect(revenue).toBe(screen.getByRole('group', { name: '经营收入' }));
    expect(screen.getByRole('group', { name: '有集体收入社区占比' })).toBeInTheDocument();
    expect(within(revenue).getByTestId('kpi-value')).toHaveTextContent('140.89万元');
    const [previous, lastYear] = changes(revenue);
    expect(previous).toHaveTextContent('环比 下降 48.7% · 变差');
    expect(previous).toHaveAttribute('data-tone', 'worse');
    expect(lastYear).toHaveTextContent('同比 下降 43.3% · 变差');

    // the idle ratio rose: lower is better, so the same arrow up is "变差"; percentage points for ratios
    const idle = card('fund_idle_ratio');
    expect(within(idle).getByTestId('kpi-value')).toHaveTextContent('170.7%');
    expect(changes(idle)[0]).toHaveTextContent('环比 上升 10.8 个百分点 · 变差');
    // the welfare share rose: higher is better
    expect(changes(card('public_welfare_share'))[0]).toHaveTextContent('环比 上升 6.8 个百分点 · 向好');
    // the fund balance is for reference: a change, no verdict
    const [balance] = changes(card('fund_balance'));
    expect(balance).toHaveTextContent('环比 上升 2.5%');
    expect(balance).toHaveAttribute('data-tone', 'neutral');
    // counts carry their unit; 0 ÷ 0 is no value, with its target still shown
    expect(within(card('stable_jobs')).getByTestId('kpi-value')).toHaveTextContent('195个');
    const coverage = card('deliberation_coverage');
    expect(within(coverage).getByTestId('kpi-value')).toHaveTextContent('—');
    expect(within(coverage).getByText('本期基数为 0，不计算比率')).toBeInTheDocument();
    expect(within(coverage).getByText('目标 100.0%')).toBeInTheDocument();
    // give-back says what it is made of: cash, and in kind at its declared value (each a KPI of its own)
    const giveBack = card('give_back');
    expect(giveBack).toBe(screen.getByRole('group', { name: '企业反哺兑现额（现金＋实物估值）' }));
    expect(within(giveBack).getByTestId('kpi-parts')).toHaveTextContent(
      '其中 反哺兑现·现金 3,000.00 元；反哺兑现·实物（申报估值） 2,000.00 元',
    );
    expect(within(card('give_back_in_kind')).getByTestId('kpi-value')).toHaveTextContent('2,000.00元');
    expect(within(card('operating_revenue')).queryByTestId('kpi-parts')).not.toBeInTheDocument();

    // the trend of the selected KPI, over the twelve months up to the chosen one
    const trend = await chartDrawn('趋势 · 经营收入');
    expect(trend.querySelector('[aria-label]')?.getAttribute('aria-label')).toMatch(/全区/);
    expect(requests.map((r) => r.endpoint).sort()).toEqual(['overview', 'reporting-matrix', 'series']);
    expect(requests.find((r) => r.endpoint === 'series')?.query).toEqual({
      kpi: 'operating_revenue',
      from: '2025-11',
      to: '2026-10',
      groupBy: 'district',
    });
  });

  it('says how many of the period’s reports are approved, so a low latest month is not read as a downturn', async () => {
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi();
    const { user, router } = renderApp(COCKPIT);
    // October: 6 reports due, 1 approved, 1 awaiting review and 2 returned, 2 not received
    expect(await screen.findByText('本期应报月报 6 份，其中 1 份已审核通过')).toBeInTheDocument();
    expect(
      screen.getByText(
        '待审核或被退回 3 份，未报送 2 份。营收、利润等指标只计审核通过的月报，报送和审核完成前数值偏低。',
      ),
    ).toBeInTheDocument();
    expect(requests.find((r) => r.endpoint === 'reporting-matrix')?.query).toEqual({
      from: '2026-10',
      to: '2026-10',
    });
    await user.click(screen.getByRole('button', { name: '查看报送情况' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ tab: 'reporting' }));
    // already there: no button to go there
    expect(screen.getByText('本期应报月报 6 份，其中 1 份已审核通过')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '查看报送情况' })).not.toBeInTheDocument();
  });

  it('says nothing of review when every report due in the period is approved', async () => {
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi({
      reportingMatrix: (q) => {
        const matrix = reportingMatrix(q.from, q.to);
        const cells = matrix.cells.map((c) => ({
          ...c,
          state: 'on_time' as const,
          expected: 2,
          received: 2,
          receivedOnTime: 2,
          approved: 2,
          onTime: 2,
          late: 0,
          missing: 0,
          returned: 0,
        }));
        return { ...matrix, cells };
      },
    });
    const { queryClient } = renderApp(COCKPIT);
    await chartDrawn('趋势 · 经营收入');
    // the period's matrix has arrived (and was rendered from): still no notice
    await waitFor(() =>
      expect(
        queryClient.getQueryCache().findAll({ queryKey: ['kpis', 'reporting-matrix'] })[0]?.state.status,
      ).toBe('success'),
    );
    expect(requests.find((r) => r.endpoint === 'reporting-matrix')?.query).toEqual({
      from: '2026-10',
      to: '2026-10',
    });
    expect(screen.queryByText(/已审核通过/)).not.toBeInTheDocument();
  });

  it('asks for another period when the period changes, and keeps the choice in the URL', async () => {
    givenSession(meAs('district_viewer'));
    const requests = givenKpiApi({
      overview: (q) => kpiOverview(q.period as 'quarter', q.month, { scale: 3 }),
    });
    const { user, router } = renderApp(COCKPIT);
    expect(await screen.findByText('统计范围：东区 · 2026年10月')).toBeInTheDocument();

    await user.click(screen.getByText('季度'));
    expect(await screen.findByText('统计范围：东区 · 2026年第4季度')).toBeInTheDocument();
    expect(router.state.location.search).toMatchObject({ period: 'quarter', month: '2026-10' });
    // the month picker says its month in words, as the title does, not as the URL's 2026-10
    expect(monthPicker()).toHaveValue('2026年10月');
    expect(requests.filter((r) => r.endpoint === 'overview').map((r) => r.query)).toEqual([
      { period: 'month', month: '2026-10' },
      { period: 'quarter', month: '2026-10' },
    ]);
    await waitFor(() =>
      expect(within(card('operating_revenue')).getByTestId('kpi-value')).toHaveTextContent('422.68万元'),
    );
    // Q4 runs through October: compared on the same months, which are named (not the whole of Q3)
    expect(screen.getByText('环比对照 2026年7月，同比对照 2025年10月')).toBeInTheDocument();
    // the quarter runs past the latest month with reports: the comparison is flagged, not silently shown
    expect(screen.getByText('2026年第4季度尚未结束，数据截至 2026-10')).toBeInTheDocument();

    await user.click(screen.getByText('月度'));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ period: 'month' }));
    await screen.findByText('统计范围：东区 · 2026年10月');
    expect(screen.queryByText(/尚未结束/)).not.toBeInTheDocument();
  });

  it('selects a KPI from its card for the trend, and splits the trend by street office', async () => {
    givenSession(meAs('district_admin'));
    const requests = givenKpiApi();
    const { user, router } = renderApp(COCKPIT);
    await screen.findByText('统计范围：东区 · 2026年10月');
    // role queries over the whole page are slow with antd in jsdom (see testing/setup.ts): ask within the card
    const select = within(card('net_profit')).getByRole('button', { name: '查看 净利润 的趋势与排名' });
    await user.click(select);
    await chartDrawn('趋势 · 净利润');
    expect(router.state.location.search).toMatchObject({ kpi: 'net_profit' });
    expect(select).toHaveAttribute('aria-pressed', 'true');
    expect(within(card('operating_revenue')).getByRole('button', { name: /经营收入/ })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await user.click(screen.getByText('按街道'));
    await waitFor(() =>
      expect(requests.at(-1)).toEqual({
        endpoint: 'series',
        query: { kpi: 'net_profit', from: '2025-11', to: '2026-10', groupBy: 'street_office' },
        // asked by the trend panel, on the page
        pageMounted: true,
      }),
    );
    const figure = await chartDrawn('趋势 · 净利润');
    await waitFor(() =>
      expect(figure.querySelector('[aria-label]')?.getAttribute('aria-label')).toMatch(/炳草岗街道/),
    );
  });

  it('shows the server’s message with a retry when the KPIs fail, and the figures after the retry', async () => {
    givenSession(meAs('district_admin'));
    let calls = 0;
    givenKpiApi({
      overview: (q) => {
        calls += 1;
        return calls === 1
          ? kpiError(503, 'unavailable', '统计服务繁忙，请稍后再试')
          : kpiOverview('month', q.month);
      },
    });
    const { user } = renderApp(COCKPIT);
    expect(await screen.findByText('统计服务繁忙，请稍后再试')).toBeInTheDocument();
    expect(screen.getByText('数据加载失败')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /重\s*试/ }));
    expect(await screen.findByText('统计范围：东区 · 2026年10月')).toBeInTheDocument();
    expect(
      within(card('operating_revenue')).getByRole('button', { name: '查看 经营收入 的趋势与排名' }),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('says so when the trend has nothing to draw, and explains a KPI the scope cannot have', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi({
      overview: (q) => kpiOverview('month', q.month, { unavailable: { give_back: '该指标不能按项目拆分' } }),
      series: () => emptyRatioSeries(),
    });
    renderApp(`${COCKPIT}&kpi=deliberation_coverage`);
    expect(await screen.findByText('所选期间没有数据')).toBeInTheDocument();
    const giveBack = card('give_back');
    expect(within(giveBack).getByText('该指标不能按项目拆分')).toBeInTheDocument();
    expect(within(giveBack).queryByText(/环比/)).not.toBeInTheDocument();
  });

  it('a year compares with the year before once, not twice', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi();
    renderApp(`${COCKPIT}&period=year`);
    // the year runs through October: both compare with January to October of the year before
    expect(await screen.findByText('环比、同比均对照 2025年1–10月')).toBeInTheDocument();
    expect(screen.queryByText(/环比对照 2025年/)).toBeNull();
  });

  it('while the month’s reports are in review, holds a report-built comparison back instead of stating a fall', async () => {
    givenSession(meAs('district_admin'));
    // the fixture's month: one community missing, one returned, one report awaiting review
    givenKpiApi();
    renderApp(COCKPIT);
    const [previous, lastYear] = await waitFor(() => {
      const found = changes(card('operating_revenue'));
      expect(found[0]).toHaveTextContent('待审核');
      return found;
    });
    // a sum of the approved reports so far against a final month is no change: not "下降 48.7%" (nor, with nothing
    // approved yet, "下降 100.0%")
    expect(previous?.textContent).toBe('环比 待审核，暂不可比');
    expect(previous).toHaveAttribute('data-tone', 'neutral');
    expect(lastYear?.textContent).toBe('同比 待审核，暂不可比');
    expect(card('operating_revenue').textContent).not.toMatch(/%/);
    // a fund KPI does not come from the reports: still judged
    expect(changes(card('fund_idle_ratio'))[0]).toHaveTextContent('环比 上升 10.8 个百分点 · 变差');
    expect(screen.getByText(/本期应报月报/)).toBeInTheDocument();
  });

  it('is in the menu of a district admin and speaks English with English units', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi();
    await changeLanguage('en');
    renderApp(COCKPIT);
    expect(await screen.findByText('Scope: 东区 · Oct 2026')).toBeInTheDocument();
    expect(
      within(card('operating_revenue')).getByRole('button', {
        name: 'Show the trend and ranking of Operating revenue',
      }),
    ).toBeInTheDocument();
    expect(document.querySelector('.ant-menu a[href="/kpis"]')).toHaveTextContent('KPI dashboard');
    const revenue = card('operating_revenue');
    // English has no 万: the amount in whole yuan, not "140.89 10k yuan"
    expect(within(revenue).getByTestId('kpi-value')).toHaveTextContent('1,408,918yuan');
    // the fixture's month still has reports in review: its report-built changes are stated, not judged
    expect(changes(revenue)[0]).toHaveTextContent('vs previous awaiting review, not comparable yet');
    // the give-back total names its parts: cash, and in kind at its declared value
    expect(within(card('give_back')).getByTestId('kpi-parts')).toHaveTextContent(
      /^Of which Give-back in cash .+; Give-back in kind \(declared value\) .+$/,
    );
    expect(screen.getByText('Scope: 东区 · Oct 2026')).toBeInTheDocument();
    expect(monthPicker()).toHaveValue('Oct 2026');
    expect(screen.getByText('Year to date')).toBeInTheDocument();
  });
});

describe('KPI cockpit trend while a month is in review', () => {
  /** the trend's first line's upright marks (category months) */
  async function reviewMarks() {
    const figure = await screen.findByRole('figure', { name: /趋势 · 经营收入/ });
    await waitFor(() => expect(figure.querySelector('svg')).not.toBeNull());
    const chart = echarts.getInstanceByDom(figure.querySelector('div') as HTMLDivElement);
    if (!chart) throw new Error('no trend chart');
    const [line] = chart.getOption().series as Array<{ markLine?: { data: unknown[] } }>;
    return (line?.markLine?.data ?? []).filter(
      (item): item is { xAxis: string; label: { formatter: string; align?: string } } =>
        !Array.isArray(item) && typeof (item as { xAxis?: unknown }).xAxis === 'string',
    );
  }

  it('marks the month whose reports are not all approved, where the line falls', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi();
    renderApp(`${COCKPIT}&kpi=operating_revenue`);
    await waitFor(async () => expect(await reviewMarks()).toHaveLength(1));
    const [mark] = await reviewMarks();
    expect(mark?.xAxis).toBe('2026-10');
    expect(mark?.label.formatter).toBe('审核未完');
    // the last month: the text ends at the line, inside the chart (centred, half of it was cut off)
    expect(mark?.label.align).toBe('right');
    // the line is dashed into it, and a note under the chart says why and how far review has come
    expect(screen.getByTestId('trend-review-note')).toHaveTextContent(
      /^- - 虚线、空心点：审核未完的月份，只计审核通过的月报，数值偏低（2026-10 已审核 \d+\/6 份）$/,
    );
  });

  it('marks nothing when every due report is approved', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi({ reportingMatrix: (q) => approvedReportingMatrix(q.from, q.to) });
    const { queryClient } = renderApp(`${COCKPIT}&kpi=operating_revenue`);
    await screen.findByRole('figure', { name: /趋势 · 经营收入/ });
    // the period's matrix has arrived (and was rendered from): still no mark
    await waitFor(() =>
      expect(
        queryClient.getQueryCache().findAll({ queryKey: ['kpis', 'reporting-matrix'] })[0]?.state.status,
      ).toBe('success'),
    );
    expect(await reviewMarks()).toEqual([]);
  });
});

describe('KPI cockpit on a phone', () => {
  it('shows the first KPIs and the selected one, the rest a tap away', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('district_admin'));
      givenKpiApi();
      const { user } = renderApp(`${COCKPIT}&kpi=fund_balance`);
      await screen.findByRole('group', { name: '经营收入' });
      const cards = () => document.querySelectorAll('[data-kpi]');
      const all = kpiOverview().items.length;
      // six first, and the selected fund balance wherever it stands
      expect(cards()).toHaveLength(7);
      expect(screen.getByRole('group', { name: '资金余额' })).toBeInTheDocument();
      const more = screen.getByRole('button', { name: `展开全部 ${all} 项指标（另有 ${all - 7} 项）` });
      expect(more).toHaveAttribute('aria-expanded', 'false');
      await user.click(more);
      expect(cards()).toHaveLength(all);
      await user.click(screen.getByRole('button', { name: '收 起' }));
      expect(cards()).toHaveLength(7);
    } finally {
      window.innerWidth = width;
    }
  });
});

describe('KPI cockpit by role', () => {
  it("names a partner's scope as the ventures it runs, not its district", async () => {
    const me = meAs('partner_operator');
    const membership = { ...me.memberships[0], partnerId: crypto.randomUUID(), partnerName: '东区国投' };
    givenSession({ ...me, memberships: [membership as (typeof me.memberships)[number]] });
    givenKpiApi();
    renderApp(COCKPIT);
    expect(await screen.findByText('统计范围：东区 · 东区国投运营的项目 · 2026年10月')).toBeInTheDocument();
  });

  it('shows a community admin their community: no ranking tab, no split by street office', async () => {
    givenSession(meAs('community_admin', JINHUI), [JINHUI]);
    givenKpiApi();
    renderApp(COCKPIT);
    expect(await screen.findByText('统计范围：金汇社区 · 2026年10月')).toBeInTheDocument();
    expect(screen.getByText('指标概览')).toBeInTheDocument();
    expect(screen.getByText('报送情况')).toBeInTheDocument();
    expect(screen.queryByText('社区排名')).not.toBeInTheDocument();
    expect(screen.getByText('按经营模式')).toBeInTheDocument();
    expect(screen.queryByText('按街道')).not.toBeInTheDocument();
    // its total is its own, not the district's
    expect(screen.getByText('本社区')).toBeInTheDocument();
    expect(screen.queryByText('全区')).not.toBeInTheDocument();
    // a KPI that compares communities is no figure of one community's
    expect(screen.getByRole('group', { name: '经营收入' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: '有集体收入社区占比' })).not.toBeInTheDocument();
  });

  it.each([
    ['platform_admin', meAs('platform_admin')],
    ['community_reporter', meAs('community_reporter', JINHUI)],
  ] as const)(
    'tells a %s the cockpit is not theirs, without asking the API for figures',
    async (_role, me) => {
      givenSession(me, [JINHUI]);
      const requests = givenKpiApi();
      renderApp(COCKPIT);
      expect(await screen.findByText('您当前的身份不查看区级指标')).toBeInTheDocument();
      expect(screen.queryByText('指标驾驶舱', { selector: 'a' })).not.toBeInTheDocument();
      expect(requests).toEqual([]);
    },
  );
});
