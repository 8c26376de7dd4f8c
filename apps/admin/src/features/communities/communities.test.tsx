import type { Community } from '@gongfu/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { COMMUNITIES, JINHUI, meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';

function bodyRows() {
  return screen.getAllByRole('row').filter((row) => row.closest('tbody') && row.getAttribute('data-row-key'));
}

describe('communities list', () => {
  it('renders a row per community from the API, with formatted columns', async () => {
    givenSession(meAs('district_admin'));
    renderApp('/communities');
    expect(await screen.findByRole('cell', { name: '望江街社区' })).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(3);
    const jinhui = screen.getByRole('cell', { name: '金汇社区' }).closest('tr') as HTMLElement;
    expect(within(jinhui).getByText('村改居社区 · 2012')).toBeInTheDocument();
    expect(within(jinhui).getByText('8,930')).toBeInTheDocument();
    expect(within(jinhui).getByText('510402001002')).toBeInTheDocument();
    expect(screen.getByText('共 3 个社区')).toBeInTheDocument();
    // counts carry their unit in the column's title, as amounts carry 元
    expect(screen.getByRole('columnheader', { name: /常住人口（人）/ })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: /户数（户）/ })).toBeInTheDocument();
  });

  it('names the units of its counts in English too', async () => {
    givenSession(meAs('district_admin'));
    await changeLanguage('en');
    renderApp('/communities');
    expect(await screen.findByRole('columnheader', { name: /Population \(people\)/ })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: /^Households/ })).toBeInTheDocument();
    // 统计用区划代码: a division's code, not an administrator's
    expect(screen.getByRole('columnheader', { name: 'Division code' })).toBeInTheDocument();
  });

  it('on a phone each community is a card: name linked, kind, street office, figures; the export says 导出', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('district_admin'));
      const { user, router } = renderApp('/communities');
      const name = await screen.findByRole('link', { name: '金汇社区' });
      expect(document.querySelector('.ant-table')).toBeNull();
      const card = name.closest('.ant-card') as HTMLElement;
      expect(name).toHaveAttribute('href', `/communities/${JINHUI.id}`);
      expect(within(card).getByText('村改居社区 · 2012')).toBeInTheDocument();
      expect(within(card).getByText('炳草岗街道')).toBeInTheDocument();
      expect(within(card).getByText('常住人口（人）')).toBeInTheDocument();
      expect(within(card).getByText('8,930')).toBeInTheDocument();
      expect(within(card).getByText('3,105')).toBeInTheDocument();
      expect(within(card).getByText('510402001002')).toBeInTheDocument();
      expect(document.querySelectorAll('.ant-card .ant-card-head')).toHaveLength(3);
      const exporter = screen.getByRole('button', { name: '导出' });
      expect(exporter.textContent?.replace(/\s/g, '')).toBe('导出');
      // a card opens its community too
      await user.click(within(card).getByText('8,930'));
      await waitFor(() => expect(router.state.location.pathname).toBe(`/communities/${JINHUI.id}`));
    } finally {
      window.innerWidth = width;
    }
  });

  it('on a phone a search that finds nothing offers to clear it', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('district_admin'));
      const { user, router } = renderApp('/communities?q=不存在');
      expect(await screen.findByText('没有名称包含“不存在”的社区')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: '清除搜索' }));
      await waitFor(() => expect(router.state.location.search).toEqual({}));
      expect(await screen.findByRole('link', { name: '望江街社区' })).toBeInTheDocument();
    } finally {
      window.innerWidth = width;
    }
  });

  it('offers "新建社区" to a district admin but not to a community admin', async () => {
    givenSession(meAs('district_admin'));
    const admin = renderApp('/communities');
    expect(await screen.findByRole('button', { name: /新建社区/ })).toBeInTheDocument();
    admin.unmount();

    givenSession(meAs('community_admin', JINHUI), [JINHUI]);
    renderApp('/communities');
    expect(await screen.findByRole('cell', { name: '金汇社区' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /新建社区/ })).not.toBeInTheDocument();
  });

  it('filters by name from the URL and keeps the search box in the URL', async () => {
    givenSession(meAs('district_viewer'));
    const { user, router } = renderApp('/communities?q=金汇');
    expect(await screen.findByRole('cell', { name: '金汇社区' })).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(1);
    const box = screen.getByRole('searchbox', { name: '按社区名称搜索' });
    expect(box).toHaveValue('金汇');

    await user.clear(box);
    await user.type(box, '渡口');
    // the URL follows once typing pauses
    await waitFor(() => expect(router.state.location.search).toEqual({ q: '渡口' }));
    expect(bodyRows()).toHaveLength(1);
    expect(screen.getByRole('cell', { name: '渡口社区' })).toBeInTheDocument();
    expect(screen.queryByRole('cell', { name: '金汇社区' })).not.toBeInTheDocument();

    await user.clear(box);
    await user.type(box, '不存在');
    expect(await screen.findByText('没有名称包含“不存在”的社区')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '清除搜索' }));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    expect(box).toHaveValue('');
  });

  it('shows an empty state when there are no communities', async () => {
    givenSession(meAs('district_admin'), []);
    renderApp('/communities');
    expect(await screen.findByText('暂无社区')).toBeInTheDocument();
  });

  it('opens the detail page on a row click', async () => {
    givenSession(meAs('district_admin'));
    const { user, router } = renderApp('/communities');
    const row = (await screen.findByRole('cell', { name: '金汇社区' })).closest('tr') as HTMLElement;
    await user.click(within(row).getByText('8,930'));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/communities/${JINHUI.id}`));
    expect(await screen.findByRole('heading', { name: '金汇社区' })).toBeInTheDocument();
  });

  it('creates a community from the drawer, showing the server field errors first', async () => {
    givenSession(meAs('district_admin'));
    const bodies: unknown[] = [];
    let created: Community | undefined;
    server.use(
      http.get(api('/communities'), () => {
        const items = created ? [...COMMUNITIES, created] : COMMUNITIES;
        return HttpResponse.json({ items, total: items.length });
      }),
      http.post(api('/communities'), async ({ request }) => {
        const body = (await request.json()) as { name: string; adminCode: string | null };
        bodies.push(body);
        if (bodies.length === 1) {
          return HttpResponse.json(
            errorBody('validation_failed', '请求内容有误', { adminCode: '该区划代码已被使用' }),
            { status: 400 },
          );
        }
        created = {
          ...WANGJIANGJIE,
          id: '33333333-3333-4333-8333-000000000009',
          name: body.name,
          adminCode: body.adminCode,
        };
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    const { user } = renderApp('/communities');
    await user.click(await screen.findByRole('button', { name: /新建社区/ }));
    const drawer = await screen.findByRole('dialog');
    await user.type(within(drawer).getByLabelText('社区名称'), '炳草岗社区');
    await user.type(within(drawer).getByLabelText('统计用区划代码'), '510402001001');
    await user.click(within(drawer).getByRole('button', { name: /创\s*建/ }));

    expect(await within(drawer).findByText('该区划代码已被使用')).toBeInTheDocument();
    expect(within(drawer).getByRole('alert')).toHaveTextContent('请求内容有误');

    const code = within(drawer).getByLabelText('统计用区划代码');
    await user.clear(code);
    await user.type(code, '510402001004');
    await user.click(within(drawer).getByRole('button', { name: /创\s*建/ }));

    expect(await screen.findByRole('cell', { name: '炳草岗社区' })).toBeInTheDocument();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual({
      name: '炳草岗社区',
      streetOfficeId: null,
      adminCode: '510402001004',
      kind: 'urban',
      convertedYear: null,
      foundedOn: null,
      population: null,
      households: null,
      householdsWithSeniors: null,
    });
  });
});
