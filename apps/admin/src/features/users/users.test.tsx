import type { DistrictUser } from '@gongfu/contract';
import { DISTRICT_GRANTABLE_ROLES, USER_STATUSES } from '@gongfu/domain';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { DISTRICT_ID, JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';
import { USER_ROLE_VALUES, USER_STATUS_VALUES, validateUsersSearch } from './search';

const SELF = '55555555-5555-4555-8555-555555555555';
const REPORTER = '66666666-6666-4666-8666-666666666666';
const FORMER = '77777777-7777-4777-8777-777777777777';
const OPERATOR = '99999999-9999-4999-8999-999999999999';
const SOE = { id: '44444444-4444-4444-8444-444444444444', name: '区属国企' };

function user(id: string, patch: Partial<DistrictUser>): DistrictUser {
  return {
    id,
    email: `${id.slice(0, 4)}@dongqu.demo`,
    displayName: '用户',
    status: 'active',
    disabledAt: null,
    lastLoginAt: null,
    createdAt: '2026-11-01T02:00:00.000Z',
    memberships: [],
    isSelf: false,
    mustChangePassword: false,
    ...patch,
  };
}

const USERS: DistrictUser[] = [
  user(SELF, {
    email: 'admin@dongqu.demo',
    displayName: '东区管理员',
    isSelf: true,
    lastLoginAt: '2026-12-04T01:30:00.000Z',
    memberships: [
      {
        id: 'a0000000-0000-4000-8000-000000000001',
        role: 'district_admin',
        districtId: DISTRICT_ID,
        communityId: null,
        communityName: null,
        partnerId: null,
        partnerName: null,
        createdAt: '2026-11-01T02:00:00.000Z',
      },
    ],
  }),
  user(REPORTER, {
    email: 'reporter@jinhui.demo',
    displayName: '金汇填报员',
    // invited, never logged in: the initial password is still the admin's
    mustChangePassword: true,
    memberships: [
      {
        id: 'a0000000-0000-4000-8000-000000000002',
        role: 'community_reporter',
        districtId: DISTRICT_ID,
        communityId: JINHUI.id,
        communityName: JINHUI.name,
        partnerId: null,
        partnerName: null,
        createdAt: '2026-11-01T02:00:00.000Z',
      },
    ],
  }),
  // reset, then disabled before its owner logged in: the flag stays, but the account cannot log in at all
  user(FORMER, {
    email: 'former@dongqu.demo',
    displayName: '已离职',
    status: 'disabled',
    mustChangePassword: true,
  }),
  user(OPERATOR, {
    email: 'soe@dongqu.demo',
    displayName: '国企运营专员',
    memberships: [
      {
        id: 'a0000000-0000-4000-8000-000000000004',
        role: 'partner_operator',
        districtId: DISTRICT_ID,
        communityId: null,
        communityName: null,
        partnerId: SOE.id,
        partnerName: SOE.name,
        createdAt: '2026-11-01T02:00:00.000Z',
      },
    ],
  }),
];

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

function givenUsersApi(options: { invite?: (body: unknown) => Response } = {}) {
  const seen: Seen[] = [];
  const note = async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    seen.push({
      method: request.method,
      path: url.pathname.replace('/api/v1', ''),
      query: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
    });
  };
  server.use(
    http.get(api('/users'), async ({ request }) => {
      await note(request);
      // the API's filters: a role, a community and a partner match one membership
      const url = new URL(request.url);
      const [status, role, communityId, partnerId] = ['status', 'role', 'communityId', 'partnerId'].map(
        (name) => url.searchParams.get(name),
      );
      const q = url.searchParams.get('q')?.toLowerCase();
      const items = USERS.filter((u) => !status || u.status === status)
        .filter((u) => !q || u.displayName.includes(q) || u.email.includes(q))
        .filter(
          (u) =>
            !(role || communityId || partnerId) ||
            u.memberships.some(
              (m) =>
                (!role || m.role === role) &&
                (!communityId || m.communityId === communityId) &&
                (!partnerId || m.partnerId === partnerId),
            ),
        );
      return HttpResponse.json({ items, total: items.length });
    }),
    http.post(api('/users'), async ({ request }) => {
      const body = (await request.clone().json()) as { email: string; displayName: string };
      await note(request);
      if (options.invite) return options.invite(body);
      const created = user('88888888-8888-4888-8888-888888888888', {
        email: body.email,
        displayName: body.displayName,
      });
      return HttpResponse.json({ user: created, initialPassword: 'k7mq-4xtp-9wre-hn3c' }, { status: 201 });
    }),
    http.post(api('/users/:id/disable'), async ({ request, params }) => {
      await note(request);
      const found = USERS.find((u) => u.id === params.id);
      return HttpResponse.json({ ...found, status: 'disabled' });
    }),
    http.post(api('/users/:id/reset-password'), async ({ request, params }) => {
      await note(request);
      const found = USERS.find((u) => u.id === params.id);
      return HttpResponse.json({ user: found, initialPassword: 'zz22-33yy-44xx-55ww' });
    }),
  );
  return seen;
}

/** The table row holding the text (the header names the logged-in user too). */
const rowOf = (text: string) =>
  screen
    .getAllByText(text)
    .find((el) => el.closest('tr'))
    ?.closest('tr') as HTMLElement;

/** The menu item (open menu) whose words are these. */
const menuItem = (text: string) =>
  screen
    .getAllByText(text, { selector: '.ant-dropdown-menu-title-content' })
    .at(-1)
    ?.closest('.ant-dropdown-menu-item') as HTMLElement;

/** Opens a row's 更多 menu and reads its items' words, in order. */
async function menuOf(u: ReturnType<typeof renderApp>['user'], name: string): Promise<string[]> {
  await u.click(within(rowOf(name)).getByRole('button', { name: new RegExp(`更多 ${name}`) }));
  const menu = await waitFor(() => {
    const open = [...document.querySelectorAll('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu')];
    const last = open.at(-1);
    if (!last) throw new Error('no open menu');
    return last as HTMLElement;
  });
  return [
    ...menu.querySelectorAll(':scope > .ant-dropdown-menu-item, :scope > .ant-dropdown-menu-submenu'),
  ].map((item) => item.querySelector('.ant-dropdown-menu-title-content')?.textContent ?? '');
}

describe('用户与权限', () => {
  it('lists the district’s accounts with roles, status and last login; search and status live in the URL and the request', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenUsersApi();
    const { user: u, router } = renderApp('/admin/users?status=active');
    expect(await screen.findByText('金汇填报员', {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(seen.some((r) => r.path === '/users' && r.query.get('status') === 'active')).toBe(true);
    expect(screen.queryByText('已离职')).not.toBeInTheDocument();
    // an account whose password is still the one an admin set says so beside its status; others do not
    expect(within(rowOf('金汇填报员')).getByText('在用')).toBeInTheDocument();
    expect(within(rowOf('金汇填报员')).getByText('待改密')).toBeInTheDocument();
    expect(within(rowOf('东区管理员')).queryByText('待改密')).not.toBeInTheDocument();
    expect(within(rowOf('金汇填报员')).getByText('社区填报员 · 金汇社区')).toBeInTheDocument();
    expect(within(rowOf('金汇填报员')).getByText('从未登录')).toBeInTheDocument();
    expect(within(rowOf('东区管理员')).getByText('本人')).toBeInTheDocument();
    expect(within(rowOf('东区管理员')).getByText('2026-12-04 09:30')).toBeInTheDocument();
    // an email wraps after its '@' and dots only, never inside a word
    const email = within(rowOf('金汇填报员')).getByText('reporter@jinhui.demo');
    expect(email.innerHTML).toBe('reporter@<wbr>jinhui.<wbr>demo');
    expect(email).toHaveStyle({ wordBreak: 'normal', overflowWrap: 'break-word' });
    // no 停用 / 启用 button on any row: both live in the row's 更多 menu
    expect(screen.queryByRole('button', { name: /^[停启]\s?用$/ })).not.toBeInTheDocument();
    // one's own row offers no disable
    expect(await menuOf(u, '东区管理员')).not.toContain('停用');

    await u.click(screen.getByLabelText('状态'));
    await u.click(await screen.findByText('已停用', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(router.state.location.search).toEqual({ status: 'disabled' }));
    expect(await screen.findByText('已离职')).toBeInTheDocument();
    // a disabled account is enabled from its 更多 menu, last, not in red
    expect((await menuOf(u, '已离职')).at(-1)).toBe('启用');
    expect(menuItem('启用')).not.toHaveClass('ant-dropdown-menu-item-danger');
    await u.keyboard('{Escape}');
    // a disabled account cannot log in: its status alone, no 待改密
    expect(within(rowOf('已离职')).getByText('已停用')).toBeInTheDocument();
    expect(within(rowOf('已离职')).queryByText('待改密')).not.toBeInTheDocument();

    await u.type(screen.getByLabelText('搜索'), 'former{Enter}');
    await waitFor(() => expect(router.state.location.search).toEqual({ status: 'disabled', q: 'former' }));
    await waitFor(() => expect(seen.at(-1)?.query.get('q')).toBe('former'));
  });

  it('narrows to a role and to a community or partner through the API, the URL holding both', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenUsersApi();
    const { user: u, router } = renderApp('/admin/users?role=community_reporter');
    expect(await screen.findByText('金汇填报员', {}, { timeout: 30_000 })).toBeInTheDocument();
    // the API filters: the page shows what it answers
    const asked = () =>
      seen.filter((r) => r.path === '/users').map((r) => Object.fromEntries(r.query.entries()));
    expect(asked()).toContainEqual({ role: 'community_reporter' });
    expect(screen.queryByText('东区管理员', { selector: 'tr *' })).toBeNull();
    expect(screen.getByText('共 1 个账号')).toBeInTheDocument();
    await u.click(screen.getByLabelText('角色'));
    await u.click(await screen.findByText('区级管理员', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(router.state.location.search).toEqual({ role: 'district_admin' }));
    expect(await screen.findByText('东区管理员', { selector: 'tr *' })).toBeInTheDocument();
    expect(screen.queryByText('金汇填报员', { selector: 'tr *' })).toBeNull();
    expect(asked()).toContainEqual({ role: 'district_admin' });
    // the picker offers the places every account of the district holds roles in, not only the listed ones'
    await u.click(screen.getByLabelText('社区 / 合作方'));
    await u.click(await screen.findByText(JINHUI.name, { selector: '.ant-select-item-option-content' }));
    await waitFor(() =>
      expect(router.state.location.search).toEqual({ role: 'district_admin', communityId: JINHUI.id }),
    );
    expect(await screen.findByText('没有符合条件的账号')).toBeInTheDocument();
    expect(asked()).toContainEqual({ role: 'district_admin', communityId: JINHUI.id });

    // a partner instead: the community goes, the partner comes, by name in the picker
    await u.click(screen.getByLabelText('角色'));
    await u.click(await screen.findByText('全部角色', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(router.state.location.search).toEqual({ communityId: JINHUI.id }));
    await u.click(screen.getByLabelText('社区 / 合作方'));
    await u.click(await screen.findByText(SOE.name, { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(router.state.location.search).toEqual({ partnerId: SOE.id }));
    expect(await screen.findByText('国企运营专员', { selector: 'tr *' })).toBeInTheDocument();
    expect(screen.queryByText('金汇填报员', { selector: 'tr *' })).toBeNull();
    expect(asked()).toContainEqual({ partnerId: SOE.id });
  });

  it('on a phone each account is a card: a disabled one shows 已停用 only, 停用 is in 更多, and the export says 导出', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      givenSession(meAs('district_admin'));
      const seen = givenUsersApi();
      const { user: u } = renderApp('/admin/users');
      const former = await screen.findByText('已离职', {}, { timeout: 30_000 });
      expect(document.querySelector('.ant-table')).toBeNull();
      const card = former.closest('.ant-card') as HTMLElement;
      expect(within(card).getByText('已停用')).toBeInTheDocument();
      expect(within(card).queryByText('待改密')).not.toBeInTheDocument();
      const reporter = screen.getByText('金汇填报员').closest('.ant-card') as HTMLElement;
      expect(within(reporter).getByText('待改密')).toBeInTheDocument();
      // the card's top right holds 更多 alone: a red 停用 there was one tap from a mistake
      const head = reporter.querySelector('.ant-card-extra') as HTMLElement;
      expect(
        within(head)
          .getAllByRole('button')
          .map((b) => b.textContent?.replace(/\s/g, '')),
      ).toEqual(['更多']);
      // 停用 is the menu's last item, in red, and still asks first
      await u.click(within(reporter).getByRole('button', { name: /更多 金汇填报员/ }));
      await waitFor(() => expect(menuItem('停用')).toHaveClass('ant-dropdown-menu-item-danger'));
      await u.click(menuItem('停用'));
      const confirm = await screen.findByRole('dialog', { name: /停用 金汇填报员/ });
      expect(within(confirm).getByText(/立即退出所有已登录的设备/)).toBeInTheDocument();
      expect(seen.some((r) => r.path.endsWith('/disable'))).toBe(false);
      // the same word as on a desk
      const exporter = screen.getByRole('button', { name: '导出' });
      expect(exporter).toHaveAttribute('data-export', 'users');
      expect(exporter.textContent?.replace(/\s/g, '')).toBe('导出');
    } finally {
      window.innerWidth = width;
    }
  });

  it('an old link’s unit= becomes communityId= or partnerId=, by what the id names', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenUsersApi();
    // the place is told from the accounts' roles, which the page loads anyway: no list of communities or partners
    const lookedUp: string[] = [];
    server.use(
      http.get(api('/partners'), ({ request }) => {
        lookedUp.push(new URL(request.url).pathname);
        return HttpResponse.json({ items: [{ id: SOE.id, name: SOE.name }], total: 1 });
      }),
      http.get(api('/communities'), ({ request }) => {
        lookedUp.push(new URL(request.url).pathname);
        return HttpResponse.json({ items: [JINHUI], total: 1 });
      }),
    );
    const asked = () =>
      seen.filter((r) => r.path === '/users').map((r) => Object.fromEntries(r.query.entries()));
    const community = renderApp(`/admin/users?unit=${JINHUI.id}&status=active`);
    await waitFor(
      () =>
        expect(community.router.state.location.search).toEqual({ status: 'active', communityId: JINHUI.id }),
      { timeout: 30_000 },
    );
    expect(await screen.findByText('金汇填报员', { selector: 'tr *' })).toBeInTheDocument();
    expect(screen.queryByText('国企运营专员', { selector: 'tr *' })).toBeNull();
    expect(asked()).toContainEqual({ status: 'active', communityId: JINHUI.id });
    community.unmount();

    const partner = renderApp(`/admin/users?unit=${SOE.id}`);
    await waitFor(() => expect(partner.router.state.location.search).toEqual({ partnerId: SOE.id }));
    expect(await screen.findByText('国企运营专员', { selector: 'tr *' })).toBeInTheDocument();
    expect(screen.queryByText('金汇填报员', { selector: 'tr *' })).toBeNull();
    partner.unmount();

    // an id that names neither: no place to filter by
    const nowhere = renderApp('/admin/users?unit=12345678-1234-4234-8234-123456789abc');
    await waitFor(() => expect(nowhere.router.state.location.search).toEqual({}));
    expect(await screen.findByText('国企运营专员', { selector: 'tr *' })).toBeInTheDocument();
    expect(lookedUp).toEqual([]);
  });

  it('names the chosen community from the URL before the picker is opened', async () => {
    givenSession(meAs('district_admin'));
    givenUsersApi();
    renderApp(`/admin/users?communityId=${JINHUI.id}`);
    expect(await screen.findByText('金汇填报员', {}, { timeout: 30_000 })).toBeInTheDocument();
    const picker = screen.getByLabelText('社区 / 合作方').closest('.ant-select') as HTMLElement;
    expect(within(picker).getByText(JINHUI.name)).toBeInTheDocument();
    expect(screen.queryByText('国企运营专员', { selector: 'tr *' })).toBeNull();
  });

  it('adds a user: the contract’s schema first, then the API; the initial password is shown once with a copy button', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenUsersApi();
    const { user: u } = renderApp('/admin/users');
    await u.click(await screen.findByRole('button', { name: /新建账号/ }, { timeout: 30_000 }));
    const drawer = await screen.findByRole('dialog', { name: '新建账号' });
    // the admin learns before creating that the first login asks for a new password
    expect(
      within(drawer).getByText('对方首次登录时须先修改此初始密码，改密后方可使用系统。'),
    ).toBeInTheDocument();
    // nothing typed: the fields say so and nothing is sent
    await u.click(within(drawer).getByRole('button', { name: '创建账号' }));
    expect(await within(drawer).findAllByText('必填')).not.toHaveLength(0);
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);

    await u.type(within(drawer).getByLabelText('姓名'), '新同事');
    await u.type(within(drawer).getByLabelText('登录邮箱'), 'new@dongqu.demo');
    await u.click(within(drawer).getByLabelText('角色'));
    await u.click(await screen.findByText('社区填报员', { selector: '.ant-select-item-option-content' }));
    // a community role asks for its community
    await u.click(within(drawer).getByRole('button', { name: '创建账号' }));
    expect(await within(drawer).findByText('请选择社区')).toBeInTheDocument();
    await u.click(within(drawer).getByLabelText('社区'));
    await u.click(await screen.findByText('金汇社区', { selector: '.ant-select-item-option-content' }));
    await u.click(within(drawer).getByRole('button', { name: '创建账号' }));

    const modal = await screen.findByRole('dialog', { name: '账号已创建' });
    expect(within(modal).getByTestId('initial-password')).toHaveTextContent('k7mq-4xtp-9wre-hn3c');
    expect(within(modal).getByText(/只显示这一次/)).toBeInTheDocument();
    // the account is flagged to change it (ADR 0025): the admin can say so
    expect(within(modal).getByText('对方首次登录时须修改此密码。')).toBeInTheDocument();
    expect(within(modal).getByRole('button', { name: /复制密码/ })).toBeInTheDocument();
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      displayName: '新同事',
      email: 'new@dongqu.demo',
      memberships: [{ role: 'community_reporter', communityId: JINHUI.id }],
    });
    await u.click(within(modal).getByRole('button', { name: '我已记下，关闭' }));
    await waitFor(() => expect(screen.queryByTestId('initial-password')).not.toBeInTheDocument(), {
      timeout: 5_000,
    });
  });

  it('puts the API’s field errors on their fields', async () => {
    givenSession(meAs('district_admin'));
    givenUsersApi({
      invite: () =>
        HttpResponse.json(errorBody('conflict', '与现有数据冲突', { email: '该登录邮箱已被使用' }), {
          status: 409,
        }),
    });
    const { user: u } = renderApp('/admin/users');
    await u.click(await screen.findByRole('button', { name: /新建账号/ }, { timeout: 30_000 }));
    const drawer = await screen.findByRole('dialog');
    await u.type(within(drawer).getByLabelText('姓名'), '重复');
    await u.type(within(drawer).getByLabelText('登录邮箱'), 'reporter@jinhui.demo');
    await u.click(within(drawer).getByLabelText('角色'));
    await u.click(await screen.findByText('区级查看员', { selector: '.ant-select-item-option-content' }));
    await u.click(within(drawer).getByRole('button', { name: '创建账号' }));
    const email = within(drawer).getByLabelText('登录邮箱').closest('.ant-form-item') as HTMLElement;
    expect(await within(email).findByText('该登录邮箱已被使用')).toBeInTheDocument();
    expect(screen.queryByTestId('initial-password')).not.toBeInTheDocument();
  });

  it('disables from 更多 after a confirm, and resets a password showing the new one once', async () => {
    givenSession(meAs('district_admin'));
    const seen = givenUsersApi();
    const { user: u } = renderApp('/admin/users');
    await screen.findByText('金汇填报员', {}, { timeout: 30_000 });
    // on a desk as on a phone: the row's last menu item, in red, under a line
    const items = await menuOf(u, '金汇填报员');
    expect(items.at(-1)).toBe('停用');
    expect(menuItem('停用')).toHaveClass('ant-dropdown-menu-item-danger');
    expect(menuItem('停用').previousElementSibling).toHaveClass('ant-dropdown-menu-item-divider');
    await u.click(menuItem('停用'));
    const confirm = await screen.findByRole('dialog', { name: /停用 金汇填报员/ });
    expect(within(confirm).getByText(/立即退出所有已登录的设备/)).toBeInTheDocument();
    expect(seen.some((r) => r.path.endsWith('/disable'))).toBe(false);
    await u.click(within(confirm).getByRole('button', { name: /^停\s?用$/ }));
    await waitFor(() => expect(seen.some((r) => r.path === `/users/${REPORTER}/disable`)).toBe(true));

    await u.click(within(rowOf('金汇填报员')).getByRole('button', { name: /更多 金汇填报员/ }));
    await u.click(await screen.findByText('重置密码', { selector: '.ant-dropdown-menu-title-content' }));
    // (the closing confirm stays in jsdom's page, its motion never ends: find the new one by its words)
    const reset = await waitFor(() => {
      const found = screen
        .getAllByRole('dialog')
        .find((d) => d.textContent?.includes('重置 金汇填报员 的密码'));
      if (!found) throw new Error('no reset confirm');
      return found;
    });
    await u.click(within(reset).getByRole('button', { name: '重置密码' }));
    expect(await screen.findByTestId('initial-password')).toHaveTextContent('zz22-33yy-44xx-55ww');
    expect(screen.getByText('密码已重置')).toBeInTheDocument();
    expect(screen.getByText('对方下次登录时须修改此密码。')).toBeInTheDocument();
    expect(seen.some((r) => r.path === `/users/${REPORTER}/reset-password`)).toBe(true);
  });

  it('speaks English', async () => {
    await changeLanguage('en');
    try {
      givenSession(meAs('district_admin'));
      givenUsersApi();
      const { user: u } = renderApp('/admin/users');
      expect(
        await screen.findByRole('heading', { name: 'Users & access' }, { timeout: 30_000 }),
      ).toBeInTheDocument();
      await screen.findAllByText('金汇填报员');
      expect(within(rowOf('金汇填报员')).getByText('Never')).toBeInTheDocument();
      expect(within(rowOf('金汇填报员')).getByText('Password change due')).toBeInTheDocument();
      await u.click(screen.getByRole('button', { name: /Add user/ }));
      const drawer = await screen.findByRole('dialog', { name: 'Add user' });
      expect(
        within(drawer).getByText(
          'At their first login they must change this initial password before they can use the system.',
        ),
      ).toBeInTheDocument();
    } finally {
      await changeLanguage('zh-CN');
    }
  });

  it('a role that may not administer users sees the API’s refusal', async () => {
    givenSession(meAs('district_viewer'));
    server.use(
      http.get(api('/users'), () =>
        HttpResponse.json(errorBody('forbidden', '当前角色无权执行此操作'), { status: 403 }),
      ),
    );
    renderApp('/admin/users');
    expect(await screen.findByText('当前角色无权执行此操作', {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /新建账号/ })).not.toBeInTheDocument();
  });
});

describe('the accounts’ export (导出)', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Answers the export with a small file and records what was asked; the download itself is observed. */
  function givenExports() {
    const asked: URL[] = [];
    server.use(
      http.get(api('/exports/:view'), ({ request }) => {
        asked.push(new URL(request.url));
        return new HttpResponse('\uFEFFa\r\n', {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="gongfu-users.csv"; filename*=UTF-8''${encodeURIComponent('用户与权限.csv')}`,
          },
        });
      }),
    );
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:export'), revokeObjectURL: vi.fn() });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    return { asked, names };
  }

  it('exports the accounts with every filter of the list: search, status, role, community (not the page)', async () => {
    givenSession(meAs('district_admin'));
    givenUsersApi();
    const { asked, names } = givenExports();
    const { user: u } = renderApp(
      `/admin/users?q=jinhui&status=active&role=community_reporter&communityId=${JINHUI.id}&page=2`,
    );
    // 导出, as on a phone and as every list's export; what the file holds on hover
    const button = await screen.findByRole('button', { name: '导出' }, { timeout: 30_000 });
    expect(button).toHaveAttribute('data-export', 'users');
    expect(button.textContent?.replace(/\s/g, '')).toBe('导出');
    expect(button).toHaveAttribute(
      'title',
      '按当前搜索、状态、角色和社区 / 合作方导出本区账号及其全部角色（每个角色一行，不含密码）',
    );
    await u.click(button);
    await u.click(await screen.findByText('CSV（UTF-8）'));
    expect(await screen.findByText('已导出 用户与权限.csv')).toBeInTheDocument();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.pathname).toBe('/api/v1/exports/users');
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({
      q: 'jinhui',
      status: 'active',
      role: 'community_reporter',
      communityId: JINHUI.id,
      format: 'csv',
    });
    expect(names).toEqual(['用户与权限.csv']);
  });

  it('a partner chosen travels as partnerId', async () => {
    givenSession(meAs('district_admin'));
    givenUsersApi();
    const { asked } = givenExports();
    const { user: u } = renderApp(`/admin/users?partnerId=${SOE.id}`);
    expect(
      await screen.findByText('国企运营专员', { selector: 'tr *' }, { timeout: 30_000 }),
    ).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: '导出' }));
    await u.click(await screen.findByText('Excel（.xlsx）'));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({ partnerId: SOE.id, format: 'xlsx' });
  });

  it('without filters, as Excel, and says so in English', async () => {
    await changeLanguage('en');
    try {
      givenSession(meAs('district_admin'));
      givenUsersApi();
      const { asked } = givenExports();
      const { user: u } = renderApp('/admin/users');
      const button = await screen.findByRole('button', { name: 'Export' }, { timeout: 30_000 });
      expect(button).toHaveAttribute(
        'title',
        'Exports the district’s accounts matching the search, status, role and community / partner, with all their roles (one row per role, no passwords)',
      );
      await u.click(button);
      await u.click(await screen.findByText('Excel (.xlsx)'));
      await waitFor(() => expect(asked).toHaveLength(1));
      expect(asked[0]?.pathname).toBe('/api/v1/exports/users');
      expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({ format: 'xlsx' });
    } finally {
      await changeLanguage('zh-CN');
    }
  });

  it('is not offered to a role that may not read the accounts', async () => {
    givenSession(meAs('district_viewer'));
    server.use(
      http.get(api('/users'), () =>
        HttpResponse.json(errorBody('forbidden', '当前角色无权执行此操作'), { status: 403 }),
      ),
    );
    renderApp('/admin/users');
    expect(await screen.findByText('当前角色无权执行此操作', {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(document.querySelector('[data-export="users"]')).toBeNull();
  });
});

describe('the users page’s URL', () => {
  it('keeps the domain’s statuses and drops anything else', () => {
    expect([...USER_STATUS_VALUES]).toEqual([...USER_STATUSES]);
    expect([...USER_ROLE_VALUES]).toEqual([...DISTRICT_GRANTABLE_ROLES]);
    expect(validateUsersSearch({ role: 'community_admin', communityId: JINHUI.id })).toEqual({
      role: 'community_admin',
      communityId: JINHUI.id,
    });
    expect(validateUsersSearch({ partnerId: SOE.id })).toEqual({ partnerId: SOE.id });
    // one place at a time, as the picker chooses it: the community when both are given
    expect(validateUsersSearch({ communityId: JINHUI.id, partnerId: SOE.id })).toEqual({
      communityId: JINHUI.id,
    });
    expect(
      validateUsersSearch({ role: 'platform_admin', communityId: 'x', partnerId: 'y', unit: 'z' }),
    ).toEqual({});
    // an old link's place, either kind: kept for the page to look up, unless the URL already says which
    expect(validateUsersSearch({ unit: SOE.id, status: 'active' })).toEqual({
      unit: SOE.id,
      status: 'active',
    });
    expect(validateUsersSearch({ unit: SOE.id, communityId: JINHUI.id })).toEqual({ communityId: JINHUI.id });
    expect(validateUsersSearch({ status: 'disabled', q: '  张 ', page: '3' })).toEqual({
      status: 'disabled',
      q: '张',
      page: 3,
    });
    expect(validateUsersSearch({ status: 'gone', q: '', page: 'x' })).toEqual({});
  });
});
