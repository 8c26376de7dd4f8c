import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { givenKpiApi } from '../../testing/kpi-server';
import { renderApp } from '../../testing/render-app';
import { errorBody, givenSession } from '../../testing/server';
import {
  AMBER_ID,
  dayDaysAgo,
  daysAgo,
  givenOversightApi,
  RED_ID,
  WARNINGS,
  warningFixture,
} from './testing/warnings-fixtures';

const lists = (seen: ReturnType<typeof givenOversightApi>) =>
  seen.filter((r) => r.method === 'GET' && r.path === '/warnings');
const rows = () => [...document.querySelectorAll('tr.warning-row')] as HTMLElement[];
const option = (text: string) => screen.findByText(text, { selector: '.ant-select-item-option-content' });
/** A Shanghai day as the list says it in Chinese (2026年11月10日), and its month (2026年11月). */
const zhDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const zhMonth = (date: string) => zhDay(date).replace(/\d+日$/, '');

describe('warnings', () => {
  afterEach(async () => {
    await changeLanguage('zh-CN');
  });

  it('lists severity (red / amber, in words too), rule, owner, age and status; open ones by default', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenOversightApi();
    renderApp('/warnings');
    await waitFor(() => expect(rows()).toHaveLength(2));
    const [red, amber] = rows() as [HTMLElement, HTMLElement];
    expect(within(red).getByText('红色预警').closest('[data-severity]')).toHaveAttribute(
      'data-severity',
      'red',
    );
    expect(within(red).getByText('红色预警').closest('.ant-tag')).toHaveClass('ant-tag-red');
    expect(within(red).getByText('月报逾期')).toBeInTheDocument();
    expect(within(red).getByText(JINHUI.name)).toBeInTheDocument();
    expect(within(red).getByText('项目：金汇养老服务站')).toBeInTheDocument();
    // how long the report has been overdue (since its due date), not since the check found it
    expect(within(red).getByText('14 天')).toBeInTheDocument();
    expect(
      within(red).getByText(`自 ${zhDay(dayDaysAgo(14))}起 · 发现于 ${zhDay(dayDaysAgo(12))}`),
    ).toBeInTheDocument();
    expect(within(red).getByText('待处理')).toBeInTheDocument();
    expect(within(amber).getByText('黄色预警').closest('[data-severity]')).toHaveAttribute(
      'data-severity',
      'amber',
    );
    expect(within(amber).getByText('资金闲置')).toBeInTheDocument();
    expect(within(amber).getByText('资金：社区治理专项资金')).toBeInTheDocument();
    // idle for over a year, found three days ago: its age is the fund's, said in months since the month it began
    expect(within(amber).getByText('13 个月')).toBeInTheDocument();
    expect(
      within(amber).getByText(`自 ${zhMonth(dayDaysAgo(400))}起 · 发现于 ${zhDay(dayDaysAgo(3))}`),
    ).toBeInTheDocument();
    expect(within(amber).queryByText('3 天')).toBeNull();

    const query = lists(seen)[0]?.query;
    expect(query?.get('status')).toBe('open');
    expect(query?.get('limit')).toBe('20');
    expect(query?.get('offset')).toBe('0');
  });

  it('filters and page live in the URL and go into the request', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenOversightApi({ total: 45 });
    const { user, router } = renderApp(`/warnings?severity=red&page=2&communityId=${JINHUI.id}`);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const first = lists(seen)[0]?.query;
    expect(first?.get('severity')).toBe('red');
    expect(first?.get('communityId')).toBe(JINHUI.id);
    expect(first?.get('offset')).toBe('20');
    expect(screen.getByText('共 45 条预警')).toBeInTheDocument();

    await user.click(screen.getByLabelText('预警规则'));
    await user.click(await option('上缴低于保底金额'));
    await waitFor(() =>
      expect(router.state.location.search).toEqual({
        severity: 'red',
        communityId: JINHUI.id,
        kind: 'remittance_below_minimum',
      }),
    );
    await waitFor(() => expect(lists(seen).at(-1)?.query.get('kind')).toBe('remittance_below_minimum'));
    expect(lists(seen).at(-1)?.query.get('offset')).toBe('0');

    await user.click(screen.getByLabelText('状态'));
    await user.click(await option('全部'));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ status: 'all' }));
    await waitFor(() => expect(lists(seen).at(-1)?.query.has('status')).toBe(false));

    await user.click(screen.getByTitle('3'));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ page: 3 }));
    await waitFor(() => expect(lists(seen).at(-1)?.query.get('offset')).toBe('40'));

    await user.click(screen.getByText('清除筛选'));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
  });

  it('a district admin runs the rules now and is told what they found; the list is read again', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenOversightApi();
    const { user } = renderApp('/warnings');
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const before = lists(seen).length;
    await user.click(screen.getByRole('button', { name: /重新检查预警/ }));
    expect(
      await screen.findByText('检查完成：新增 3 条，升级为红色 1 条，现有待处理 12 条'),
    ).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST' && r.path === '/warnings/refresh')).toHaveLength(1);
    await waitFor(() => expect(lists(seen).length).toBeGreaterThan(before));
  });

  it('a community role has no community filter: the API keeps it to its own', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE), [WANGJIANGJIE]);
    const seen = givenOversightApi({ warnings: [WARNINGS[1] as (typeof WARNINGS)[number]] });
    renderApp('/warnings?severity=amber');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.queryByLabelText('社区')).toBeNull();
    expect(lists(seen)[0]?.query.has('communityId')).toBe(false);
    // the rules are the district's to run
    expect(screen.queryByRole('button', { name: /重新检查预警/ })).toBeNull();
  });

  it('resolves with a note (required), sending the version the row was read at', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenOversightApi();
    const { user } = renderApp('/warnings');
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(within(rows()[0] as HTMLElement).getByText('处理'));
    const note = await screen.findByLabelText('处理说明');
    // the figures behind it
    expect(screen.getByText('报送截止日（每月）')).toBeInTheDocument();
    await user.click(screen.getByText('确认处理'));
    expect(await screen.findByText('请填写处理说明')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.type(note, '已电话督促，项目负责人承诺 3 日内补报');
    const before = lists(seen).length;
    await user.click(screen.getByText('确认处理'));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1));
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.path).toBe(`/warnings/${RED_ID}/resolve`);
    expect(post?.body).toEqual({ resolution: '已电话督促，项目负责人承诺 3 日内补报', version: 2 });
    expect(await screen.findByText('预警已处理')).toBeInTheDocument();
    // the list is read again
    await waitFor(() => expect(lists(seen).length).toBeGreaterThan(before));
  });

  it('shows the API’s refusal: already resolved (409) and out of reach (403), in its words', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE), [WANGJIANGJIE]);
    let status = 409;
    givenOversightApi({
      answer: (r) =>
        r.method === 'POST'
          ? status === 409
            ? HttpResponse.json(errorBody('warning_already_resolved', '该预警已处理，不能再次处理'), {
                status: 409,
              })
            : HttpResponse.json(errorBody('forbidden', '无权处理该预警'), { status: 403 })
          : null,
    });
    const { user } = renderApp('/warnings');
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(within(rows()[1] as HTMLElement).getByText('处理'));
    await user.type(await screen.findByLabelText('处理说明'), '已核实');
    await user.click(screen.getByText('确认处理'));
    expect(await screen.findByText('该预警已处理，不能再次处理')).toBeInTheDocument();
    expect(screen.getByText('该预警已被他人处理或修改，请重新读取后查看')).toBeInTheDocument();

    status = 403;
    await user.click(screen.getByText('确认处理'));
    expect(await screen.findByText('无权处理该预警')).toBeInTheDocument();
    expect(screen.getByText('未能处理')).toBeInTheDocument();
    // what was typed stays
    expect(screen.getByLabelText('处理说明')).toHaveValue('已核实');
  });

  it.each([
    ['district_viewer', undefined],
    ['community_reporter', WANGJIANGJIE],
    ['partner_operator', undefined],
  ] as const)('a %s reads warnings and sees no resolve button', async (role, community) => {
    givenSession(meAs(role, community));
    const seen = givenOversightApi();
    const { user } = renderApp('/warnings');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(within(rows()[0] as HTMLElement).queryByText('处理')).toBeNull();
    expect(within(rows()[1] as HTMLElement).queryByText('处理')).toBeNull();
    expect(screen.getByText('只读')).toBeInTheDocument();
    await user.click(within(rows()[1] as HTMLElement).getByText('查看'));
    expect(await screen.findByText('您当前的身份只能查看预警，不能处理。')).toBeInTheDocument();
    expect(screen.queryByLabelText('处理说明')).toBeNull();
    expect(screen.getByText('12,800.50 元')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('on a phone each warning is a card: severity and rule its title, 处理 in reach, the card opens it', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('district_admin'));
      givenOversightApi();
      const { user } = renderApp('/warnings');
      await waitFor(() => expect(document.querySelectorAll('.ant-card.warning-row')).toHaveLength(2));
      // no sideways-scrolling table with the action column off screen
      expect(document.querySelector('.ant-table')).toBeNull();
      const [red, amber] = [...document.querySelectorAll('.ant-card.warning-row')] as HTMLElement[];
      expect(red).toHaveClass('warning-red');
      const head = red?.querySelector('.ant-card-head') as HTMLElement;
      expect(within(head).getByText('红色预警')).toBeInTheDocument();
      expect(within(head).getByText('月报逾期')).toBeInTheDocument();
      // the other columns are the card's lines
      expect(within(red as HTMLElement).getByText(JINHUI.name)).toBeInTheDocument();
      expect(within(red as HTMLElement).getByText('14 天')).toBeInTheDocument();
      expect(within(red as HTMLElement).getByText('待处理')).toBeInTheDocument();
      await user.click(within(head).getByText('处理'));
      expect(await screen.findByLabelText('处理说明')).toBeInTheDocument();
      expect(screen.getByText('报送截止日（每月）')).toBeInTheDocument();

      // a tap anywhere on the card opens its warning as well
      await user.click(document.querySelector('.ant-drawer-close') as HTMLElement);
      await waitFor(() => expect(screen.queryByLabelText('处理说明')).toBeNull());
      await user.click(within(amber as HTMLElement).getByText('资金：社区治理专项资金'));
      expect(await screen.findByLabelText('处理说明')).toBeInTheDocument();
      expect(screen.getAllByText('资金闲置').length).toBeGreaterThan(1);
    } finally {
      window.innerWidth = width;
    }
  });

  it('a resolved warning shows how long its condition held, how soon after detection it was handled, and its resolution', async () => {
    givenSession(meAs('district_admin'));
    givenOversightApi({
      warnings: [
        warningFixture({
          status: 'resolved',
          resolution: '已补报',
          resolvedAt: new Date(Date.parse(WARNINGS[0]?.detectedAt ?? '') + 5 * 86_400_000).toISOString(),
        }),
      ],
    });
    const { user } = renderApp('/warnings?status=resolved');
    await waitFor(() => expect(rows()).toHaveLength(1));
    // overdue 14 days ago, found 12 days ago, resolved 5 days after that: it had held for 7 days
    expect(within(rows()[0] as HTMLElement).getByText('7 天')).toBeInTheDocument();
    expect(screen.getByText(`自 ${zhDay(dayDaysAgo(14))}起 · 发现后 5 天处理`)).toBeInTheDocument();
    await user.click(within(rows()[0] as HTMLElement).getByText('查看'));
    expect(await screen.findByText('已补报')).toBeInTheDocument();
    expect(screen.queryByLabelText('处理说明')).toBeNull();
  });

  it('says so when nothing is open, and when the list cannot be read', async () => {
    givenSession(meAs('district_admin'));
    givenOversightApi({ warnings: [] });
    const view = renderApp('/warnings');
    expect(await screen.findByText('没有待处理的预警')).toBeInTheDocument();
    view.unmount();
    givenOversightApi({
      answer: () => HttpResponse.json(errorBody('internal', '服务暂时不可用'), { status: 503 }),
    });
    renderApp('/warnings?severity=red');
    expect(await screen.findByText('服务暂时不可用')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /重\s*试/ })).toBeInTheDocument();
  });

  it('the cockpit counts open red and amber warnings and links here filtered', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi();
    const seen = givenOversightApi({
      answer: (r) =>
        r.path === '/warnings' && r.query.get('severity') === 'amber'
          ? HttpResponse.json({ items: [WARNINGS[1]], total: 7 })
          : null,
      warnings: [WARNINGS[0] as (typeof WARNINGS)[number]],
      total: 3,
    });
    renderApp('/kpis');
    const red = await screen.findByRole('link', { name: '查看红色预警：3' });
    expect(red).toHaveAttribute('href', '/warnings?severity=red');
    expect(await screen.findByRole('link', { name: '查看黄色预警：7' })).toHaveAttribute(
      'href',
      '/warnings?severity=amber',
    );
    expect(screen.getByRole('link', { name: JINHUI.name })).toHaveAttribute(
      'href',
      `/warnings?severity=red&communityId=${JINHUI.id}`,
    );
    // an overdue report names its month
    expect(screen.getByText('月报逾期 · 2026-10')).toBeInTheDocument();
    expect(lists(seen).every((r) => r.query.get('status') === 'open')).toBe(true);
    expect(AMBER_ID).toBeTruthy();
  });

  it('the cockpit’s first red warnings say how far each went (the rule names no threshold) and since when', async () => {
    givenSession(meAs('district_admin'));
    givenKpiApi();
    const idle = warningFixture({
      kind: 'fund_idle',
      subjectType: 'fund',
      detail: { fundName: '公积金', balanceFen: 1_000_000, lastOutflowMonth: '2024-09', idleMonths: 25 },
      // 775 days: 25 whole months and a few days, whichever months they are
      conditionSince: dayDaysAgo(775),
      detectedAt: daysAgo(0),
    });
    const fall = warningFixture({
      id: AMBER_ID,
      kind: 'revenue_drop',
      detail: { ventureName: '金汇潮汐市场', previousRevenueFen: 100_000_00, revenueFen: 40_000_00 },
      conditionSince: dayDaysAgo(40),
      detectedAt: daysAgo(4),
    });
    givenOversightApi({ warnings: [idle, fall], total: 2 });
    renderApp('/kpis');
    expect(await screen.findByText('资金闲置 · 25 个月')).toBeInTheDocument();
    // found today, idle since 2024: how long it has held, not 今天
    expect(screen.getByText(`已持续 25 个月（自 ${zhMonth(dayDaysAgo(775))}起）`)).toBeInTheDocument();
    expect(screen.getByText('营收环比大幅下降 · 60%')).toBeInTheDocument();
    expect(screen.getByText(`已持续 1 个月（自 ${zhMonth(dayDaysAgo(40))}起）`)).toBeInTheDocument();
  });

  it('the detail’s facts carry their units and name months in words (24 个月, 2024年9月), not bare figures', async () => {
    givenSession(meAs('district_admin'));
    const idle = warningFixture({
      kind: 'fund_idle',
      subjectType: 'fund',
      detail: { fundName: '公积金', balanceFen: 1_000_000, lastOutflowMonth: '2024-09', idleMonths: 25 },
      conditionSince: dayDaysAgo(775),
      detectedAt: daysAgo(0),
    });
    givenOversightApi({ warnings: [idle], total: 1 });
    const { user } = renderApp('/warnings');
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.click(within(rows()[0] as HTMLElement).getByText('处理'));
    const drawer = await screen.findByRole('dialog');
    const fact = (name: string) => within(drawer).getByText(name).closest('tr')?.textContent;
    expect(fact('闲置月数')).toBe('闲置月数25 个月');
    expect(fact('最近一次支出月份')).toBe('最近一次支出月份2024年9月');
  });

  it('the detail says how long the condition has held and since when, and when a check found it', async () => {
    givenSession(meAs('district_admin'));
    givenOversightApi();
    const { user } = renderApp('/warnings');
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(within(rows()[1] as HTMLElement).getByText('处理'));
    await screen.findByLabelText('处理说明');
    const drawer = screen.getByRole('dialog');
    expect(within(drawer).getByText('已持续').closest('tr')?.textContent).toBe(
      `已持续13 个月 · 自 ${zhMonth(dayDaysAgo(400))}起`,
    );
    expect(within(drawer).getByText('发现时间')).toBeInTheDocument();
  });

  it('orders by how long the condition has held on request, in the URL and the request', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenOversightApi();
    const { user, router } = renderApp('/warnings');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(lists(seen)[0]?.query.has('order')).toBe(false);
    await user.click(screen.getByLabelText('排序'));
    await user.click(await option('持续最久的在前'));
    await waitFor(() => expect(router.state.location.search).toEqual({ order: 'longest' }));
    await waitFor(() => expect(lists(seen).at(-1)?.query.get('order')).toBe('longest'));
    await user.click(screen.getByText('清除筛选'));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
  });

  it('in English: months and days with their plurals, since when, and when it was found', async () => {
    givenSession(meAs('district_admin'));
    givenOversightApi({
      warnings: [
        warningFixture({ conditionSince: dayDaysAgo(1), detectedAt: daysAgo(1) }),
        warningFixture({
          id: AMBER_ID,
          kind: 'fund_idle',
          severity: 'amber',
          subjectType: 'fund',
          detail: { fundName: 'Governance fund', balanceFen: 1_000_00, idleMonths: 1 },
          conditionSince: dayDaysAgo(40),
          detectedAt: daysAgo(0),
        }),
      ],
    });
    await changeLanguage('en');
    renderApp('/warnings');
    await waitFor(() => expect(rows()).toHaveLength(2));
    const [report, fund] = rows() as [HTMLElement, HTMLElement];
    expect(within(report).getByText('1 day')).toBeInTheDocument();
    const [y, m, d] = dayDaysAgo(1).split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    const short = day.toLocaleDateString('en-US', { month: 'short', timeZone: 'UTC' });
    // found the day it began: nothing more to say
    expect(within(report).getByText(`since ${d} ${short} ${y}`)).toBeInTheDocument();
    expect(within(fund).getByText('1 month')).toBeInTheDocument();
    expect(
      within(fund).getByText(/^since [A-Z][a-z]{2} \d{4} · detected \d{1,2} [A-Z][a-z]{2} \d{4}$/),
    ).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Duration' })).toBeInTheDocument();
  });
});
