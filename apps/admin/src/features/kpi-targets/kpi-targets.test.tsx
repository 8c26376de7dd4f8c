import { type KpiRanking, type KpiSeries, KpiTargetList, KpiTargetsUpdate } from '@gongfu/contract';
import {
  KPI_DEFINITIONS,
  KPI_TARGET_KEYS,
  kpiTargetKind,
  kpiTargetRange,
  kpiTargetUnit,
} from '@gongfu/domain';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { echarts } from '../../lib/echarts';
import { changeLanguage } from '../../lib/i18n';
import { COMMUNITIES, DUKOU, JINHUI, meAs } from '../../testing/fixtures';
import { kpiOverview, kpiRanking, kpiSeries } from '../../testing/kpi-fixtures';
import { conforms, givenKpiApi } from '../../testing/kpi-server';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-28T12:00:00+08:00') });
});
afterEach(async () => {
  vi.useRealTimers();
  await changeLanguage('zh-CN');
});

const TARGET_ID = '44444444-4444-4444-8444-000000000001';
const ADMIN_ID = '55555555-5555-4555-8555-000000000001';

function targetList(editable: boolean, communities = COMMUNITIES): KpiTargetList {
  return {
    year: 2026,
    kpis: KPI_TARGET_KEYS.map((key) => {
      const definition = KPI_DEFINITIONS[key];
      return {
        key,
        definition,
        kind: kpiTargetKind(definition),
        unit: kpiTargetUnit(definition),
        ...kpiTargetRange(definition),
      };
    }),
    communities: communities.map((c) => ({ communityId: c.id, name: c.name })),
    targets: [
      {
        targetId: TARGET_ID,
        communityId: null,
        kpi: 'operating_revenue',
        value: 3_000_000_000,
        version: 2,
        updatedAt: '2026-11-20T02:00:00.000Z',
        updatedBy: ADMIN_ID,
      },
    ],
    // 2025 as the API reads it: the district's revenue 2,850 万元, 金汇's 70.12 万元, 渡口's nothing reported
    lastYear: {
      year: 2025,
      through: '2025-12',
      actuals: [
        { communityId: null, kpi: 'operating_revenue', value: 2_850_000_000 },
        { communityId: null, kpi: 'reporting_rate', value: 9120 },
        { communityId: null, kpi: 'stable_jobs', value: 195 },
        { communityId: JINHUI.id, kpi: 'operating_revenue', value: 70_120_000 },
        { communityId: JINHUI.id, kpi: 'stable_jobs', value: 6 },
        { communityId: DUKOU.id, kpi: 'operating_revenue', value: null },
        { communityId: DUKOU.id, kpi: 'stable_jobs', value: null },
      ],
    },
    editable,
  };
}

/** The targets endpoints; PUT answers with `answer` or the list, and the bodies it received are returned. */
function givenTargetsApi(list: KpiTargetList, answer?: () => HttpResponse<never>) {
  const puts: KpiTargetsUpdate[] = [];
  server.use(
    http.get(api('/kpis/targets'), ({ request }) => {
      expect(new URL(request.url).searchParams.get('year')).toBe(String(list.year));
      return HttpResponse.json(conforms(KpiTargetList, list));
    }),
    http.put(api('/kpis/targets'), async ({ request }) => {
      const body = conforms(KpiTargetsUpdate, await request.json());
      puts.push(body);
      return answer ? answer() : HttpResponse.json(list);
    }),
  );
  return puts;
}

describe('yearly targets page', () => {
  it('shows the district’s targets in 万元, as last year’s column, and saves a changed one exactly in fen', async () => {
    givenSession(meAs('district_admin'));
    const puts = givenTargetsApi(targetList(true));
    const { user } = renderApp('/kpis/targets?year=2026');
    // the first render of the file loads the page's chunk and antd's table and inputs: slow on a loaded machine
    const revenue = await screen.findByLabelText('经营收入 · 年度目标', {}, { timeout: 30_000 });
    // 3,000,000,000 fen = 3,000 万元, in the unit of the last-year column beside it (2,850.00 万元)
    expect(revenue).toHaveValue('3000');
    expect(within(rowOf('经营收入 · 年度目标')).getByTestId('target-unit')).toHaveTextContent(/^万元$/);
    expect(within(rowOf('月报报送率 · 年度目标')).getByTestId('target-unit')).toHaveTextContent(/^%$/);
    expect(within(rowOf('稳定就业岗位 · 年度目标')).getByTestId('target-unit')).toHaveTextContent(/^个$/);
    // typed in the column's own unit: nothing to read back
    expect(screen.queryByTestId('amount-hint')).toBeNull();
    expect(screen.getByRole('heading', { name: '年度指标目标' })).toBeInTheDocument();
    expect(screen.getAllByText('全年累计').length).toBeGreaterThan(3);
    expect(screen.getByText('不应超过（越低越好）')).toBeInTheDocument();
    // unset, a KPI says what the cockpit measures it against meanwhile: deliberation coverage its own 100 %
    expect(screen.getByLabelText('议事覆盖率 · 年度目标')).toHaveAttribute(
      'placeholder',
      '未设定（按指标口径 100.0%）',
    );
    expect(screen.getByLabelText('稳定就业岗位 · 年度目标')).toHaveAttribute('placeholder', '未设定');

    await user.clear(revenue);
    await user.click(revenue);
    // 3,200 万元 and 50 fen: as fine as a target goes
    await user.paste('3200.00005');
    const rate = screen.getByLabelText('月报报送率 · 年度目标');
    await user.click(rate);
    await user.paste('95.5');
    // on a desk too the save is in the bar fixed to the window's bottom (Ant Design Pro's FooterToolbar)
    const bar = screen.getByRole('region', { name: '保存目标' });
    expect(within(bar).getByTestId('changed-count')).toHaveTextContent('已修改 2 项');
    await user.click(within(bar).getByRole('button', { name: '保存目标' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    // near last year (1.1 times): saved without asking
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(puts[0]).toEqual({
      year: 2026,
      changes: expect.arrayContaining([
        { communityId: null, kpi: 'operating_revenue', value: 3_200_000_050, version: 2 },
        { communityId: null, kpi: 'reporting_rate', value: 9550 },
      ]),
    });
    expect(await screen.findByText('已保存目标 2 项')).toBeInTheDocument();
  });

  it('on a phone the save stays in reach under nineteen cards: a bar fixed to the bottom counting the changed rows', async () => {
    givenSession(meAs('district_admin'));
    const puts = givenTargetsApi(targetList(true));
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      const { user } = renderApp('/kpis/targets?year=2026');
      const revenue = await screen.findByLabelText('经营收入 · 年度目标', {}, { timeout: 30_000 });
      // one card a KPI
      expect(revenue.closest('.ant-table')).toBeNull();
      expect(revenue.closest('.ant-card')).not.toBeNull();
      const bar = screen.getByRole('region', { name: '保存目标' });
      expect(bar).toHaveStyle({ position: 'fixed', bottom: '0px' });
      expect(within(bar).getByTestId('changed-count')).toHaveTextContent(/^尚无修改$/);
      expect(within(bar).getByRole('button', { name: '保存目标' })).toBeDisabled();
      // the page's one save button is the bar's
      expect(screen.getAllByRole('button', { name: '保存目标' })).toHaveLength(1);
      await user.clear(revenue);
      await user.paste('3100');
      await user.click(screen.getByLabelText('稳定就业岗位 · 年度目标'));
      await user.paste('200');
      await user.click(screen.getByLabelText('月报报送率 · 年度目标'));
      await user.paste('95');
      expect(within(bar).getByTestId('changed-count')).toHaveTextContent(/^已修改 3 项$/);
      // typed back to what is stored: no longer a change
      await user.clear(revenue);
      await user.paste('3000');
      expect(within(bar).getByTestId('changed-count')).toHaveTextContent(/^已修改 2 项$/);
      await changeLanguage('en');
      const barEn = screen.getByRole('region', { name: 'Save targets' });
      expect(within(barEn).getByTestId('changed-count')).toHaveTextContent(/^2 changed$/);
      await user.click(within(barEn).getByRole('button', { name: 'Save targets' }));
      await waitFor(() => expect(puts).toHaveLength(1));
      expect(puts[0]?.changes).toHaveLength(2);
      expect(await screen.findByText('2 targets saved')).toBeInTheDocument();
    } finally {
      window.innerWidth = width;
    }
  });

  it('refuses what is not a target before sending, and puts the API’s field error on its field', async () => {
    givenSession(meAs('district_admin'));
    const puts = givenTargetsApi(
      targetList(true),
      () =>
        HttpResponse.json(
          errorBody('validation_failed', '请求内容有误，请检查标出的字段', {
            'changes.0.value': '数量目标应为 1 至 10 亿之间的整数',
          }),
          { status: 400 },
        ) as unknown as HttpResponse<never>,
    );
    const { user } = renderApp('/kpis/targets?year=2026');
    const rate = await screen.findByLabelText('月报报送率 · 年度目标');
    await user.click(rate);
    await user.paste('120');
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('全区 · 月报报送率：应大于 0，且不超过 100%')).toBeInTheDocument();
    // finer than a fen (0.000001 万元) is refused, not rounded, and says so naming the field
    const revenue = screen.getByLabelText('经营收入 · 年度目标');
    await user.clear(revenue);
    await user.paste('3000.1234567');
    expect(revenue).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(rowOf('经营收入 · 年度目标')).getByText(
        '全区 · 经营收入：金额最多精确到分，即万元小数点后 6 位',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存目标' }));
    expect(
      await screen.findByText('请修正 2 项目标：全区 · 月报报送率、全区 · 经营收入'),
    ).toBeInTheDocument();
    expect(puts).toHaveLength(0);
    await user.clear(revenue);
    await user.paste('3000');
    await user.clear(rate);
    const jobs = screen.getByLabelText('稳定就业岗位 · 年度目标');
    await user.click(jobs);
    await user.paste('40');
    await user.click(screen.getByRole('button', { name: '保存目标' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(await screen.findByText('数量目标应为 1 至 10 亿之间的整数')).toBeInTheDocument();
    expect(jobs).toHaveAttribute('aria-invalid', 'true');
  });

  it('sets one KPI for every community at once (by KPI), and names the community in the request', async () => {
    givenSession(meAs('district_admin'));
    const puts = givenTargetsApi(targetList(true));
    const { user } = renderApp('/kpis/targets?year=2026&view=kpi&kpi=stable_jobs');
    const jinhui = await screen.findByRole('textbox', { name: `${JINHUI.name} · 年度目标` });
    expect(screen.getByLabelText('全区 · 年度目标')).toBeInTheDocument();
    await user.click(jinhui);
    await user.paste('12');
    await user.type(screen.getByRole('textbox', { name: `${DUKOU.name} · 年度目标` }), '8');
    await user.click(screen.getByRole('button', { name: '保存目标' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]?.changes).toEqual(
      expect.arrayContaining([
        { communityId: JINHUI.id, kpi: 'stable_jobs', value: 12 },
        { communityId: DUKOU.id, kpi: 'stable_jobs', value: 8 },
      ]),
    );
  });

  it('says when someone changed the targets meanwhile (409)', async () => {
    givenSession(meAs('district_admin'));
    givenTargetsApi(
      targetList(true),
      () =>
        HttpResponse.json(errorBody('stale_version', '数据已被他人修改'), {
          status: 409,
        }) as unknown as HttpResponse<never>,
    );
    const { user } = renderApp('/kpis/targets?year=2026');
    await user.type(await screen.findByLabelText('净利润 · 年度目标'), '100');
    await user.click(screen.getByRole('button', { name: '保存目标' }));
    expect(await screen.findByText(/目标已被他人修改/)).toBeInTheDocument();
  });

  it('is read only for the district viewer, in English too', async () => {
    await changeLanguage('en');
    givenSession(meAs('district_viewer'));
    givenTargetsApi(targetList(false));
    renderApp('/kpis/targets?year=2026');
    const revenue = await screen.findByLabelText('Operating revenue · Yearly target');
    expect(revenue).toBeDisabled();
    expect(screen.getByText('Read only: yearly targets are set by the district admins')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save targets' })).not.toBeInTheDocument();
  });
});

/** The table row (or phone card) of a field, found by the field's label. */
function rowOf(label: string): HTMLElement {
  const row = screen.getByLabelText(label).closest<HTMLElement>('tr, .ant-card');
  if (!row) throw new Error(`no row for ${label}`);
  return row;
}

describe('last year’s actual beside each target', () => {
  it('shows it in the cockpit’s units, and — where there is none', async () => {
    givenSession(meAs('district_admin'));
    givenTargetsApi(targetList(true));
    renderApp('/kpis/targets?year=2026');
    await screen.findByLabelText('经营收入 · 年度目标', {}, { timeout: 30_000 });
    expect(screen.getByRole('columnheader', { name: '上年实际（2025 年）' })).toBeInTheDocument();
    expect(within(rowOf('经营收入 · 年度目标')).getByTestId('last-year')).toHaveTextContent('2,850.00 万元');
    expect(within(rowOf('月报报送率 · 年度目标')).getByTestId('last-year')).toHaveTextContent('91.2%');
    expect(within(rowOf('稳定就业岗位 · 年度目标')).getByTestId('last-year')).toHaveTextContent('195');
    // a KPI the API gave nothing for
    expect(within(rowOf('净利润 · 年度目标')).getByTestId('last-year')).toHaveTextContent(/^—$/);
    // the stored 3,000 万元 against 2,850 万元: close, no warning
    expect(screen.queryByTestId('target-warning')).toBeNull();
  });

  it('a running year says how far its actual goes', async () => {
    givenSession(meAs('district_admin'));
    const list = targetList(true);
    givenTargetsApi({ ...list, year: 2027, lastYear: { ...list.lastYear, year: 2026, through: '2026-10' } });
    const { user } = renderApp('/kpis/targets?year=2027');
    const revenue = await screen.findByLabelText('经营收入 · 年度目标', {}, { timeout: 30_000 });
    expect(within(rowOf('经营收入 · 年度目标')).getByTestId('last-year')).toHaveTextContent(
      '2,850.00 万元截至 2026-10',
    );
    // a flow is compared at its full-year pace: 2,850 万元 in ten months is 3,420 万元 a year
    await user.clear(revenue);
    await user.paste('20000');
    expect(within(rowOf('经营收入 · 年度目标')).getByTestId('target-warning')).toHaveTextContent(
      '是上年实际折合全年（3,420.00 万元）的 5.8 倍，请核对',
    );
    // a stock is its level: 195 jobs in October, 900 is 4.6 times that
    const jobs = screen.getByLabelText('稳定就业岗位 · 年度目标');
    await user.click(jobs);
    await user.paste('900');
    expect(within(rowOf('稳定就业岗位 · 年度目标')).queryByTestId('target-warning')).toBeNull();
  });

  it('warns as one types a target far from it, and asks to confirm it on saving (仍然保存 / 返回修改)', async () => {
    givenSession(meAs('district_admin'));
    const puts = givenTargetsApi(targetList(true));
    const { user } = renderApp('/kpis/targets?year=2026&view=kpi&kpi=operating_revenue');
    const jinhui = await screen.findByRole(
      'textbox',
      { name: `${JINHUI.name} · 年度目标` },
      { timeout: 30_000 },
    );
    // 1 亿 (10,000 万元) where last year was 70.12 万元: a zero or four too many
    await user.click(jinhui);
    await user.paste('10000');
    const warning = within(rowOf(`${JINHUI.name} · 年度目标`)).getByTestId('target-warning');
    expect(warning).toHaveTextContent('是上年实际（70.12 万元）的 143 倍，请核对');
    expect(jinhui).not.toHaveAttribute('aria-invalid');
    // a sane target: no warning
    await user.clear(jinhui);
    await user.paste('80');
    expect(within(rowOf(`${JINHUI.name} · 年度目标`)).queryByTestId('target-warning')).toBeNull();
    // one far below: 70 元 (a 万元 figure typed as 元)
    await user.clear(jinhui);
    await user.paste('0.007');
    expect(within(rowOf(`${JINHUI.name} · 年度目标`)).getByTestId('target-warning')).toHaveTextContent(
      '仅为上年实际（70.12 万元）的 0.01%，请核对',
    );
    // no actual last year (渡口): nothing to compare with
    const dukou = screen.getByRole('textbox', { name: `${DUKOU.name} · 年度目标` });
    await user.click(dukou);
    await user.paste('10000');
    expect(within(rowOf(`${DUKOU.name} · 年度目标`)).queryByTestId('target-warning')).toBeNull();
    // the district's own, 31,350 万元 against 2,850 万元: 11 times
    const district = screen.getByRole('textbox', { name: '全区 · 年度目标' });
    await user.clear(district);
    await user.paste('31350');

    // saving asks first, listing each far target with last year's actual and how many times it is
    await user.clear(jinhui);
    await user.paste('10000');
    await user.click(screen.getByRole('button', { name: '保存目标' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.querySelector('.ant-modal-confirm-title')).toHaveTextContent(
      /^2 项目标与上年实际相差较大，仍要保存吗？$/,
    );
    const listed = within(within(dialog).getByTestId('far-targets')).getAllByRole('row');
    expect(listed.map((row) => row.textContent)).toEqual([
      '名称上年实际目标相当于上年',
      `${JINHUI.name} · 经营收入70.12 万元10,000 万元143 倍`,
      '全区 · 经营收入2,850.00 万元31,350 万元11 倍',
    ]);
    expect(puts).toHaveLength(0);
    // 返回修改: nothing is sent, the fields keep what was typed
    await user.click(within(dialog).getByRole('button', { name: '返回修改' }));
    expect(puts).toHaveLength(0);
    expect(jinhui).toHaveValue('10000');
    // 仍然保存: a bold plan is the district's to make
    await user.click(screen.getByRole('button', { name: '保存目标' }));
    // (the closed confirm stays in jsdom's page, its motion never ends: the new one is the last)
    const again = await waitFor(() => {
      const dialogs = screen.getAllByRole('dialog');
      expect(dialogs).toHaveLength(2);
      return dialogs.at(-1) as HTMLElement;
    });
    await user.click(within(again).getByRole('button', { name: '仍然保存' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]?.changes).toEqual(
      expect.arrayContaining([
        { communityId: null, kpi: 'operating_revenue', value: 31_350_000_000, version: 2 },
        { communityId: JINHUI.id, kpi: 'operating_revenue', value: 10_000_000_000 },
        { communityId: DUKOU.id, kpi: 'operating_revenue', value: 10_000_000_000 },
      ]),
    );
    expect(await screen.findByText('已保存目标 3 项')).toBeInTheDocument();
  });

  it('a rate gets no ratio rule, only the fraction-for-percent slip; in English too', async () => {
    await changeLanguage('en');
    givenSession(meAs('district_admin'));
    givenTargetsApi(targetList(true));
    const { user } = renderApp('/kpis/targets?year=2026');
    const rate = await screen.findByLabelText('Reporting rate · Yearly target', {}, { timeout: 30_000 });
    // 15 % against last year's 91.2 %: a low goal, but a goal
    await user.click(rate);
    await user.paste('15');
    expect(screen.queryByTestId('target-warning')).toBeNull();
    await user.clear(rate);
    await user.paste('0.95');
    expect(within(rowOf('Reporting rate · Yearly target')).getByTestId('target-warning')).toHaveTextContent(
      "Far below last year's actual (91.2%): rates are typed in percent (95 for 95%), please check",
    );
    // a count far above: 40 times the district's 195 jobs
    const jobs = screen.getByLabelText('Stable jobs · Yearly target');
    await user.click(jobs);
    await user.paste('7800');
    expect(within(rowOf('Stable jobs · Yearly target')).getByTestId('target-warning')).toHaveTextContent(
      "40× last year's actual (195 jobs): please check",
    );
    expect(screen.getByRole('columnheader', { name: 'Last year (2025)' })).toBeInTheDocument();
    // money typed in 10k yuan (as the cockpit's columns name 万元): the same figure as in Chinese; English reads
    // amounts in yuan, so the field reads it back as the last-year column does
    const revenue = within(rowOf('Operating revenue · Yearly target'));
    expect(revenue.getByTestId('target-unit')).toHaveTextContent(/^10k yuan$/);
    expect(screen.getByLabelText('Operating revenue · Yearly target')).toHaveValue('3000');
    expect(revenue.getByTestId('last-year')).toHaveTextContent(/^28,500,000 yuan$/);
    expect(revenue.getByTestId('amount-hint')).toHaveTextContent(/^= 30,000,000 yuan$/);
    // both far targets asked about on saving, in English
    await user.click(screen.getByRole('button', { name: 'Save targets' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.querySelector('.ant-modal-confirm-title')).toHaveTextContent(
      /^2 targets are far from last year's actual\. Save anyway\?$/,
    );
    const listed = within(within(dialog).getByTestId('far-targets')).getAllByRole('row');
    expect(listed.map((row) => row.textContent)).toEqual([
      'Target forLast yearTargetOf last year',
      // below last year, a share of it: 1%, not 0.01×
      'District · Reporting rate91.2%0.95%1%',
      'District · Stable jobs195 jobs7,800 jobs40×',
    ]);
    expect(within(dialog).getByRole('button', { name: 'Go back and edit' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save anyway' })).toBeInTheDocument();
  });
});

function card(key: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-kpi="${key}"]`);
  if (!found) throw new Error(`no card for ${key}`);
  return found;
}

describe('targets on the cockpit', () => {
  const progress = {
    year: 2026,
    communityId: null,
    kind: 'flow' as const,
    value: 3_000_000_000,
    through: '2026-10',
    actual: { value: 2_400_000_000, numerator: 2_400_000_000, denominator: null },
    expected: 2_500_000_000,
    progressBp: 8000,
    belowTarget: true,
  };

  it('a card shows progress to its yearly target, behind in words and colour', async () => {
    givenSession(meAs('district_admin'));
    const overview = kpiOverview();
    givenKpiApi({
      overview: () => ({
        ...overview,
        items: overview.items.map((item) =>
          item.key === 'operating_revenue' ? { ...item, target: progress } : item,
        ),
      }),
    });
    renderApp('/kpis?month=2026-10');
    const target = await within(await waitFor(() => card('operating_revenue'))).findByTestId('kpi-target');
    expect(target).toHaveTextContent('全区年度目标 3,000.00 万元');
    // the card's figure is the month's: the year to date the progress is of is named
    expect(target).toHaveTextContent('年初至今 2,400.00 万元，完成 80.0% · 落后于目标');
    expect(target).toHaveTextContent('按进度应达 2,500.00 万元（截至 2026-10）');
    expect(within(target).getByRole('progressbar', { name: '年度目标完成度 80.0%' })).toBeInTheDocument();
    // a KPI without a target keeps its definition's own (deliberation coverage: 100 %)
    expect(within(card('deliberation_coverage')).getByText('目标 100.0%')).toBeInTheDocument();
  });

  it('the trend chart draws the goal line, a flow’s monthly pace, per year', async () => {
    givenSession(meAs('district_admin'));
    const base = kpiSeries();
    const series = (): KpiSeries => ({
      ...base,
      series: base.series.map((s) => ({
        ...s,
        goals: [
          { year: 2025, from: '2025-11', to: '2025-12', target: 2_400_000_000, value: 200_000_000 },
          { year: 2026, from: '2026-01', to: '2026-10', target: 3_000_000_000, value: 250_000_000 },
        ],
      })),
    });
    givenKpiApi({ series });
    renderApp('/kpis?month=2026-10&kpi=operating_revenue');
    const figure = await screen.findByRole('figure', { name: /趋势 · 经营收入/ });
    await waitFor(() => expect(figure.querySelector('svg')).not.toBeNull());
    const chart = echarts.getInstanceByDom(figure.querySelector('div') as HTMLDivElement);
    if (!chart) throw new Error('no trend chart');
    const [line] = chart.getOption().series as Array<{
      markLine: { data: Array<Array<{ name?: string; coord: unknown[] }> | { xAxis: string }> };
    }>;
    // the goal segments (the fixture's month still in review adds its upright mark, apart)
    const goals = (line?.markLine.data ?? []).filter((item) => Array.isArray(item));
    expect(goals.map(([start, end]) => [start?.name, start?.coord, end?.coord])).toEqual([
      ['月均目标 200.00 万元', ['2025-11', 200], ['2025-12', 200]],
      ['月均目标 250.00 万元', ['2026-01', 250], ['2026-10', 250]],
    ]);
    // the label is drawn on the chart itself
    await waitFor(() => expect(figure.textContent).toContain('月均目标 250.00 万元'));
  });

  it('the ranking marks communities below their target, with a legend, in English too', async () => {
    await changeLanguage('en');
    givenSession(meAs('district_admin'));
    const base = kpiRanking();
    const ranking = (): KpiRanking => ({
      ...base,
      items: base.items.map((item, i) => ({
        ...item,
        target:
          i === 3
            ? null
            : {
                ...progress,
                communityId: item.communityId,
                value: 10_000_000,
                progressBp: i === 0 ? 15_311 : 6547,
                belowTarget: i !== 0,
              },
      })),
    });
    givenKpiApi({ ranking });
    renderApp('/kpis?month=2026-10&tab=ranking');
    const legend = await screen.findByTestId('ranking-target-legend');
    expect(legend).toHaveTextContent('Below target 2 / 3');
    expect(legend).toHaveTextContent('Red: the year to date through 2026-10');
    const rows = await screen.findAllByRole('row');
    const row = (name: string) => rows.find((r) => within(r).queryByText(name)) as HTMLElement;
    expect(within(row(JINHUI.name)).getByText('✓ On track')).toBeInTheDocument();
    expect(within(row(DUKOU.name)).getByText('▼ Below target')).toBeInTheDocument();
    expect(within(row('城西社区')).getByText('No target')).toBeInTheDocument();
    // the chart's bar of a community below target is red
    const figure = await screen.findByRole('figure', { name: /Operating revenue/ });
    const chart = echarts.getInstanceByDom(figure.querySelector('div') as HTMLDivElement);
    if (!chart) throw new Error('no ranking chart');
    const [bars] = chart.getOption().series as Array<{
      data: Array<number | { itemStyle?: { color: string } }>;
    }>;
    expect(bars?.data.filter((d) => typeof d === 'object' && d.itemStyle?.color)).toHaveLength(2);
  });
});
