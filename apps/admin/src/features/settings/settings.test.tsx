import type { DistributionRule } from '@gongfu/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { settingsEn } from '../../i18n/settings.en';
import { settingsZhCN } from '../../i18n/settings.zh-cn';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';
import { givenSettingsApi, RULES, SETTINGS } from './testing/settings-fixtures';

const patches = (seen: ReturnType<typeof givenSettingsApi>) =>
  seen.filter((r) => r.method === 'PATCH' && r.path === '/district/settings');
const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('district settings page', () => {
  it('shows the due day, the reporting start and every threshold with its unit; a change is saved with the version', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenSettingsApi();
    const { user } = renderApp('/admin/settings');
    expect(await screen.findByRole('heading', { name: '区级设置' })).toBeInTheDocument();
    await waitFor(() => expect(field('月报截止日').value).toBe('10'));
    expect(screen.getByText(/本区开始在平台上填报月报的第一个月/)).toBeInTheDocument();
    expect(field('红色预警 · 月报逾期').value).toBe('15');
    // percentages as a person writes them: 30 %, not 30.00 %
    expect(field('黄色预警 · 营收环比大幅下降').value).toBe('30');
    expect(field('红色预警 · 营收环比大幅下降').value).toBe('50');
    expect(field('黄色预警 · 资金闲置').value).toBe('12');
    expect(field('红色预警 · 上缴低于保底金额').value).toBe('50');
    // units beside the inputs
    expect(screen.getAllByText('个月').length).toBeGreaterThan(0);

    await user.clear(field('黄色预警 · 营收环比大幅下降'));
    await user.type(field('黄色预警 · 营收环比大幅下降'), '20');
    await user.clear(field('月报截止日'));
    await user.type(field('月报截止日'), '15');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(patches(seen)).toHaveLength(1));
    expect(patches(seen)[0]?.body).toEqual({
      version: SETTINGS.version,
      reportDueDay: 15,
      reportingStartMonth: '2024-11',
      warningThresholds: { ...SETTINGS.warningThresholds, revenueDropBp: 2000 },
    });
    expect(await screen.findByText('已保存')).toBeInTheDocument();
  });

  it('the due day’s example is the month just ended in China, on a browser still on last month', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'UTC';
    // 01:30 on 1 December in China; 30 November, 17:30 on the browser's own clock
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-30T17:30:00Z') });
    try {
      givenSession(meAs('district_admin'));
      givenSettingsApi();
      renderApp('/admin/settings');
      expect(
        await screen.findByText('例如设为 10 日：2026-11 的月报最迟于 2026-12-10（含当日）提交。'),
      ).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
      process.env.TZ = zone;
    }
  });

  it('a red step milder than amber is refused as typed, and nothing is sent', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenSettingsApi();
    const { user } = renderApp('/admin/settings');
    await waitFor(() => expect(field('黄色预警 · 资金闲置').value).toBe('12'));
    await user.clear(field('黄色预警 · 资金闲置'));
    await user.type(field('黄色预警 · 资金闲置'), '36');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('红色预警的阈值不能比黄色预警更宽松')).toBeInTheDocument();
    expect(patches(seen)).toHaveLength(0);
  });

  it('the API’s field refusal lands on its input; a stale version says so with a way to reload', async () => {
    givenSession(meAs('district_admin'));
    givenSettingsApi();
    server.use(
      http.patch(api('/district/settings'), () =>
        HttpResponse.json(
          errorBody('validation_failed', '请求内容有误，请检查标出的字段', {
            'warningThresholds.pledgeOverdueRedDays': '不能大于 730',
          }),
          { status: 400 },
        ),
      ),
    );
    const { user } = renderApp('/admin/settings');
    await waitFor(() => expect(field('红色预警 · 反哺承诺逾期未兑现').value).toBe('90'));
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('不能大于 730')).toBeInTheDocument();

    server.use(
      http.patch(api('/district/settings'), () =>
        HttpResponse.json(errorBody('stale_version', '数据已被他人修改，请刷新后重试'), { status: 409 }),
      ),
    );
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('数据已被他人修改，请刷新后重试')).toBeInTheDocument();
    expect(within(alert).getByRole('button', { name: /重新读取|刷新|reload/i })).toBeInTheDocument();
  });

  it('a district viewer reads the settings, read only', async () => {
    givenSession(meAs('district_viewer'));
    givenSettingsApi();
    renderApp('/admin/settings');
    await waitFor(() => expect(field('月报截止日').value).toBe('10'));
    expect(field('月报截止日')).toBeDisabled();
    expect(field('红色预警 · 月报逾期')).toBeDisabled();
    expect(screen.getByText('只读')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '保存设置' })).not.toBeInTheDocument();
  });

  it('reads in English', async () => {
    givenSession(meAs('district_admin'));
    givenSettingsApi();
    await changeLanguage('en');
    renderApp('/admin/settings');
    expect(await screen.findByRole('heading', { name: 'District settings' })).toBeInTheDocument();
    await waitFor(() => expect(field('Red · Monthly report overdue').value).toBe('15'));
    // the rules as an English product names them, each step read with its rule: "Fund unspent · for 12 months"
    expect(field('Amber · Revenue down sharply on last month').value).toBe('30');
    expect(field('Red · Fund unspent').value).toBe('24');
    expect(field('Red · Pledge past its due date').value).toBe('90');
    const step = (rule: string) => document.querySelector(`[data-rule="${rule}"]`) as HTMLElement;
    expect(within(step('revenueDrop')).getAllByText('more than')).toHaveLength(2);
    expect(within(step('fundIdle')).getAllByText('for')).toHaveLength(2);
    expect(within(step('pledgeOverdue')).getByText('Once overdue')).toBeInTheDocument();
    expect(within(step('remittance')).getByText('Below the minimum')).toBeInTheDocument();
    expect(screen.queryByText(/down over|Fund idle|Give-back pledge overdue/)).toBeNull();
  });

  it('the Chinese strings quote one way (“”), as the rest of the product', () => {
    const texts = (node: unknown): string[] =>
      typeof node === 'string' ? [node] : Object.values(node as object).flatMap(texts);
    const zh = texts(settingsZhCN);
    expect(zh.filter((text) => /[「」『』]/.test(text))).toEqual([]);
    expect(zh.some((text) => text.includes('在“预警”页点击“重新检查预警”'))).toBe(true);
    // the English keeps its own curly quotes
    expect(texts(settingsEn).some((text) => text.includes('“Check warnings now”'))).toBe(true);
  });

  it('a share in basis points reads without trailing zeros, typed to the basis point at most', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenSettingsApi({
      settings: { ...SETTINGS, warningThresholds: { ...SETTINGS.warningThresholds, revenueDropBp: 1250 } },
    });
    const { user } = renderApp('/admin/settings');
    await waitFor(() => expect(field('黄色预警 · 营收环比大幅下降').value).toBe('12.5'));
    const red = field('红色预警 · 上缴低于保底金额');
    await user.clear(red);
    await user.type(red, '62.50');
    // as typed while typing; as a person writes it once left
    expect(red.value).toBe('62.50');
    await user.tab();
    expect(red.value).toBe('62.5');
    await user.clear(red);
    await user.type(red, '33.333');
    await user.tab();
    expect(red.value).toBe('33.33');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(patches(seen)).toHaveLength(1));
    expect(patches(seen)[0]?.body).toMatchObject({
      warningThresholds: { revenueDropBp: 1250, remittanceRedBp: 3333 },
    });
  });
});

const previews = (seen: ReturnType<typeof givenSettingsApi>) =>
  seen.filter((r) => r.method === 'GET' && r.path === '/distribution-rules/preview');

describe('distribution rules page', () => {
  it('shows the community’s rule in force and its history; a district admin changes a share, sees the preview and saves a version', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenSettingsApi();
    const { user } = renderApp(`/admin/distribution-rules?communityId=${JINHUI.id}`);
    const inForce = await screen.findByTestId('rule-in-force');
    await waitFor(() => expect(within(inForce).getByText('50%')).toBeInTheDocument());
    // months as the period picker names them, never the wire's 2025-06
    expect(within(inForce).getByText('自 2025年6月 起生效')).toBeInTheDocument();
    expect(document.querySelectorAll('tr.rule-row')).toHaveLength(2);
    expect(screen.getByText('现行')).toBeInTheDocument();
    expect(screen.getByText('已被替代')).toBeInTheDocument();
    // who set each version (设置人): the API's name; a version carried over from before the platform has no
    // setter, and says so rather than naming anyone or showing a blank
    expect(screen.getByRole('columnheader', { name: '设置人' })).toBeInTheDocument();
    const [latest, first] = Array.from(document.querySelectorAll<HTMLElement>('tr.rule-row'));
    expect(within(latest as HTMLElement).getByText('东区社区经济办 管理员')).toBeInTheDocument();
    expect((first as HTMLElement).lastElementChild?.textContent).toBe('上线前已设定');
    expect((latest as HTMLElement).firstElementChild?.textContent).toBe('2025年6月');
    expect(seen.find((r) => r.path === '/distribution-rules')?.query.get('communityId')).toBe(JINHUI.id);

    await user.click(screen.getByRole('button', { name: /调整分配比例/ }));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByTestId('share-sum')).toHaveTextContent('合计 100%');
    // the rule in force previewed first: no difference
    await waitFor(() => expect(previews(seen).length).toBeGreaterThan(0));
    expect(previews(seen)[0]?.query.get('governanceFundBp')).toBe('5000');

    const governance = within(drawer).getByLabelText('社区治理专项资金比例');
    await user.clear(governance);
    await user.type(governance, '60');
    expect(within(drawer).getByTestId('share-sum')).toHaveTextContent('合计 110%，超出 10%');
    const reserve = within(drawer).getByLabelText('公积金（储备）比例');
    await user.clear(reserve);
    await user.type(reserve, '20');
    expect(within(drawer).getByTestId('share-sum')).toHaveTextContent('合计 100%');
    await waitFor(() =>
      expect(previews(seen).at(-1)?.query.toString()).toBe(
        `communityId=${JINHUI.id}&governanceFundBp=6000&reserveBp=2000&otherBp=2000`,
      ),
    );
    const totals = within(drawer).getByTestId('preview-totals');
    await waitFor(() => expect(within(totals).getByText('6,000.00')).toBeInTheDocument());
    expect(within(totals).getByText('5,000.00')).toBeInTheDocument();
    expect(within(totals).getByText('+1,000.00')).toBeInTheDocument();
    expect(within(totals).getByText('-1,000.00')).toBeInTheDocument();
    expect(within(drawer).getByText('按 2026-10 已审核月报试算')).toBeInTheDocument();

    await user.click(within(drawer).getByRole('button', { name: '保存新版本' }));
    await waitFor(() => expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1));
    const body = seen.find((r) => r.method === 'POST')?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      communityId: JINHUI.id,
      governanceFundBp: 6000,
      reserveBp: 2000,
      otherBp: 2000,
    });
    // the suggested month is after the last approved month (2026-10) and not before this month
    expect(String(body.effectiveFrom) > '2026-10').toBe(true);
  });

  it('a share of the rule in force starts its input as a person writes it (12.5, not 12.50)', async () => {
    givenSession(meAs('district_admin'));
    const [latest, first] = RULES as [DistributionRule, DistributionRule];
    givenSettingsApi({
      rules: [{ ...latest, governanceFundBp: 3750, reserveBp: 5000, otherBp: 1250 }, first],
    });
    const { user } = renderApp(`/admin/distribution-rules?communityId=${JINHUI.id}`);
    await user.click(await screen.findByRole('button', { name: /调整分配比例/ }));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByLabelText('社区治理专项资金比例')).toHaveValue('37.5');
    expect(within(drawer).getByLabelText('其他资金比例')).toHaveValue('12.5');
    expect(within(drawer).getByTestId('share-sum')).toHaveTextContent('合计 100%');
  });

  it('the API’s refusal of the month lands on it', async () => {
    givenSession(meAs('district_admin'));
    givenSettingsApi();
    server.use(
      http.post(api('/distribution-rules'), () =>
        HttpResponse.json(
          errorBody('conflict', '与现有数据冲突', { effectiveFrom: '该社区在此月份已有生效的分配规则' }),
          { status: 409 },
        ),
      ),
    );
    const { user } = renderApp(`/admin/distribution-rules?communityId=${JINHUI.id}`);
    await user.click(await screen.findByRole('button', { name: /调整分配比例/ }));
    const drawer = await screen.findByRole('dialog');
    await user.click(within(drawer).getByRole('button', { name: '保存新版本' }));
    expect(await within(drawer).findByText('该社区在此月份已有生效的分配规则')).toBeInTheDocument();
  });

  it('a community admin reads its own community’s rule and cannot change it; a district role first picks a community', async () => {
    givenSession(meAs('community_admin', JINHUI));
    const seen = givenSettingsApi();
    renderApp('/admin/distribution-rules');
    const inForce = await screen.findByTestId('rule-in-force');
    await waitFor(() => expect(within(inForce).getByText('30%')).toBeInTheDocument());
    expect(seen.find((r) => r.path === '/distribution-rules')?.query.get('communityId')).toBe(JINHUI.id);
    expect(screen.queryByRole('button', { name: /调整分配比例/ })).not.toBeInTheDocument();
    expect(screen.getByText('只读')).toBeInTheDocument();
    // the setter is a district official, not named to a community: no blank 设置人 column
    expect(screen.getByRole('columnheader', { name: '设置时间' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: '设置人' })).toBeNull();
  });

  it('reads in English, with who set each version', async () => {
    givenSession(meAs('district_viewer'));
    const [latest, first] = RULES as [DistributionRule, DistributionRule];
    // shares as a person writes them: 12.5%, not 12.50%
    givenSettingsApi({
      rules: [{ ...latest, governanceFundBp: 3750, reserveBp: 5000, otherBp: 1250 }, first],
    });
    await changeLanguage('en');
    renderApp(`/admin/distribution-rules?communityId=${JINHUI.id}`);
    expect(await screen.findByRole('columnheader', { name: 'Set by' })).toBeInTheDocument();
    const row = document.querySelector<HTMLElement>('tr.rule-row') as HTMLElement;
    expect(within(row).getByText('东区社区经济办 管理员')).toBeInTheDocument();
    const rows = document.querySelectorAll<HTMLElement>('tr.rule-row');
    expect((rows[1] as HTMLElement).lastElementChild?.textContent).toBe('Set before go-live');
    expect(within(row).getByText('37.5%')).toBeInTheDocument();
    expect(within(row).getByText('12.5%')).toBeInTheDocument();
    expect(within(screen.getByTestId('rule-in-force')).getByText('12.5%')).toBeInTheDocument();
  });

  it('a set-by name the API withholds from a rule that has a setter still reads as unknown, not as initial data', async () => {
    givenSession(meAs('district_admin'));
    const [latest, first] = RULES as [DistributionRule, DistributionRule];
    givenSettingsApi({ rules: [{ ...latest, createdByName: null }, first] });
    renderApp(`/admin/distribution-rules?communityId=${JINHUI.id}`);
    await screen.findByRole('columnheader', { name: '设置人' });
    const [set, initial] = Array.from(document.querySelectorAll<HTMLElement>('tr.rule-row'));
    expect((set as HTMLElement).lastElementChild?.textContent).toBe('—');
    expect((initial as HTMLElement).lastElementChild?.textContent).toBe('上线前已设定');
  });

  it('on a phone the shares in force are one a line, their figures right-aligned in one column, zh and en', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('district_admin'));
      givenSettingsApi();
      renderApp(`/admin/distribution-rules?communityId=${JINHUI.id}`);
      const inForce = await screen.findByTestId('rule-in-force');
      await waitFor(() => expect(within(inForce).getByText('50%')).toBeInTheDocument());
      const labels = within(inForce).getAllByRole('term');
      const figures = within(inForce).getAllByRole('definition');
      expect(labels.map((l) => l.textContent)).toEqual(['社区治理专项资金', '公积金（储备）', '其他资金']);
      expect(figures.map((f) => f.textContent)).toEqual(['50%', '30%', '20%']);
      // label and figure side by side on one grid line: the name's length no longer moves its figure
      const list = labels[0]?.parentElement as HTMLElement;
      expect(list.style.display).toBe('grid');
      expect(list.style.gridTemplateColumns).toBe('1fr auto');
      for (const figure of figures) {
        expect(figure.parentElement).toBe(list);
        expect(figure.style.textAlign).toBe('right');
      }

      await changeLanguage('en');
      await waitFor(() =>
        expect(
          within(inForce)
            .getAllByRole('term')
            .map((l) => l.textContent),
        ).toEqual(['Community-governance special fund', 'Reserve', 'Other fund']),
      );
    } finally {
      window.innerWidth = width;
    }
  });

  it('on a phone the history’s versions are cards set in from the card around them; on a desk the table runs edge to edge', async () => {
    const width = window.innerWidth;
    const bodyOfHistory = async () => {
      const history = await screen.findByTestId('rule-history');
      return history.querySelector(':scope > .ant-card-body') as HTMLElement;
    };
    try {
      window.innerWidth = 390;
      givenSession(meAs('district_admin'));
      givenSettingsApi();
      const phone = renderApp(`/admin/distribution-rules?communityId=${JINHUI.id}`);
      const body = await bodyOfHistory();
      await waitFor(() => expect(body.querySelectorAll('.ant-card.rule-row')).toHaveLength(2));
      // no padding of the page's own: the card's (antd's 24 px, which jsdom does not lay out) sets the versions in;
      // flush to its edges they read as one block
      expect(body.style.padding).toBe('');
      phone.unmount();

      window.innerWidth = 1024;
      renderApp(`/admin/distribution-rules?communityId=${JINHUI.id}`);
      const desk = await bodyOfHistory();
      await waitFor(() => expect(desk.querySelectorAll('tr.rule-row')).toHaveLength(2));
      expect(desk.style.padding).toBe('0px');
    } finally {
      window.innerWidth = width;
    }
  });

  it('a district admin without a community chosen is asked to pick one', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenSettingsApi();
    renderApp('/admin/distribution-rules');
    expect(await screen.findByText('请先选择一个社区，查看并调整它的分配规则。')).toBeInTheDocument();
    expect(seen.filter((r) => r.path === '/distribution-rules')).toHaveLength(0);
  });
});
