import type { Me, Membership } from '@gongfu/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { DUKOU, JINHUI, meAs, membership } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';

const DESK_WIDTH = window.innerWidth;
afterEach(() => {
  window.innerWidth = DESK_WIDTH;
});

const AT_JINHUI: Membership = {
  ...membership('community_reporter', JINHUI),
  id: '44444444-4444-4444-8444-00000000000a',
};
const AT_DUKOU: Membership = {
  ...membership('community_reporter', DUKOU),
  id: '44444444-4444-4444-8444-00000000000b',
};
const HEADER = 'x-gongfu-membership';

/**
 * A clerk who reports for two communities. The API acts under the membership the request names, else the first,
 * and refuses one that is not the user's, as the server does (middleware/session.ts); every request's header is
 * recorded.
 */
function givenTwoMemberships() {
  const base = meAs('community_reporter', JINHUI);
  const me: Me = { ...base, memberships: [AT_JINHUI, AT_DUKOU], activeMembershipId: AT_JINHUI.id };
  givenSession(me, [JINHUI, DUKOU]);
  const sent: { path: string; membership: string | null }[] = [];
  server.events.on('request:start', ({ request }) => {
    sent.push({
      path: new URL(request.url).pathname.replace('/api/v1', ''),
      membership: request.headers.get(HEADER),
    });
  });
  server.use(
    // every request names a membership of the user's or is refused, as the server does
    http.all(api('/*'), ({ request }) => {
      const wanted = request.headers.get(HEADER);
      if (wanted && !me.memberships.some((m) => m.id === wanted)) {
        return HttpResponse.json(errorBody('membership_not_found', '所选身份不存在或已被收回，请刷新页面'), {
          status: 403,
        });
      }
      return undefined;
    }),
    http.get(api('/me'), ({ request }) => {
      const wanted = request.headers.get(HEADER);
      const acting = wanted ? me.memberships.find((m) => m.id === wanted) : me.memberships[0];
      if (!acting) return HttpResponse.json(errorBody('membership_not_found', '无此身份'), { status: 403 });
      return HttpResponse.json({ ...me, activeMembershipId: acting.id });
    }),
    http.get(api('/reports/status'), ({ request }) =>
      HttpResponse.json({
        month: new URL(request.url).searchParams.get('month') ?? '',
        dueDate: '2026-12-10',
        items: [],
        total: 0,
      }),
    ),
    http.get(api('/warnings'), () => HttpResponse.json({ items: [], total: 0 })),
  );
  /** the district withdraws a membership while the clerk's tab is open */
  const withdraw = (id: string) => {
    me.memberships = me.memberships.filter((m) => m.id !== id);
  };
  return Object.assign(sent, { withdraw });
}

afterEach(() => server.events.removeAllListeners());

describe('a person with two memberships', () => {
  it('switches from the header; every request after it names the membership chosen, and the header says it', async () => {
    const sent = givenTwoMemberships();
    const { user } = renderApp('/');
    const switcher = await screen.findByRole('button', { name: '切换身份' });
    expect(within(switcher).getByText('东区 / 金汇社区')).toBeInTheDocument();
    expect(sent.every((request) => request.membership === null)).toBe(true);

    await user.click(switcher);
    await user.click(await screen.findByRole('menuitem', { name: /渡口社区 · 社区填报员/ }));

    expect(await screen.findByText('已切换为：渡口社区 · 社区填报员')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(screen.getByRole('button', { name: '切换身份' })).getByText('东区 / 渡口社区'),
      ).toBeInTheDocument(),
    );
    const after = sent.slice(sent.findIndex((request) => request.membership !== null));
    expect(after.map((request) => request.path)).toEqual(expect.arrayContaining(['/me', '/reports/status']));
    expect(after.every((request) => request.membership === AT_DUKOU.id)).toBe(true);
    // the tab keeps it: a reload acts under it again
    expect(window.sessionStorage.getItem('gongfu.actingMembership')).toBe(AT_DUKOU.id);
  });

  it('a membership chosen before and since withdrawn: the first one, without an error page', async () => {
    window.sessionStorage.setItem('gongfu.actingMembership', '44444444-4444-4444-8444-0000000000ff');
    const sent = givenTwoMemberships();
    renderApp('/');
    const switcher = await screen.findByRole('button', { name: '切换身份' });
    expect(within(switcher).getByText('东区 / 金汇社区')).toBeInTheDocument();
    expect(sent[0]).toEqual({ path: '/me', membership: '44444444-4444-4444-8444-0000000000ff' });
    expect(window.sessionStorage.getItem('gongfu.actingMembership')).toBeNull();
    expect(
      sent.filter((request) => request.path !== '/me' || request.membership !== null).length,
    ).toBeGreaterThan(0);
    expect(sent.slice(1).every((request) => request.membership === null)).toBe(true);
  });

  it('a membership withdrawn while the tab acts under it: the next page says so, names it, and carries on under the first', async () => {
    window.sessionStorage.setItem('gongfu.actingMembership', AT_DUKOU.id);
    const sent = givenTwoMemberships();
    const { user, router } = renderApp('/');
    const switcher = await screen.findByRole('button', { name: '切换身份' });
    expect(within(switcher).getByText('东区 / 渡口社区')).toBeInTheDocument();

    sent.withdraw(AT_DUKOU.id);
    const before = sent.length;
    // a page not read before (the home page's answers are cached)
    await router.navigate({ to: '/communities/$communityId', params: { communityId: DUKOU.id } });
    expect(await screen.findByText('此身份已被收回')).toBeInTheDocument();
    expect(screen.getByText(/“渡口社区 · 社区填报员”/)).toBeInTheDocument();
    // nothing is retried by itself under another membership
    expect(sent.slice(before).every((request) => request.membership === AT_DUKOU.id)).toBe(true);

    await user.click(screen.getByRole('button', { name: '以其他身份继续' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: '切换身份' })).not.toBeInTheDocument());
    expect(await screen.findByLabelText('当前身份')).toHaveTextContent('金汇社区');
    expect(window.sessionStorage.getItem('gongfu.actingMembership')).toBeNull();
    const refused = sent.findLastIndex((request) => request.membership === AT_DUKOU.id);
    expect(sent.slice(refused + 1).every((request) => request.membership === null)).toBe(true);
  });

  it('a membership withdrawn while the tab acts under it: a page whose panels ask for their own answers shows the same page instead', async () => {
    window.sessionStorage.setItem('gongfu.actingMembership', AT_DUKOU.id);
    const sent = givenTwoMemberships();
    const { router } = renderApp('/');
    await screen.findByRole('button', { name: '切换身份' });
    sent.withdraw(AT_DUKOU.id);
    const before = sent.length;
    // a page whose answers come to its panels (not its loader), as the to-do list's do
    await router.navigate({ to: '/reporting' });
    expect(await screen.findByText('此身份已被收回')).toBeInTheDocument();
    expect(sent.slice(before).every((request) => request.membership === AT_DUKOU.id)).toBe(true);
  });

  it('on a phone the memberships are in the user menu, the active one marked', async () => {
    window.innerWidth = 390;
    const sent = givenTwoMemberships();
    const { user } = renderApp('/');
    const button = await screen.findByRole('button', { name: '用户菜单' });
    // the header has no room for the membership: the button says where the clerk acts
    expect(button).toHaveTextContent('金汇社区');
    await user.click(button);
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByText('切换身份')).toBeInTheDocument();
    const active = within(menu).getByRole('menuitem', { name: /金汇社区 · 社区填报员/ });
    expect(active).toHaveClass('ant-dropdown-menu-item-selected');
    await user.click(within(menu).getByRole('menuitem', { name: /渡口社区 · 社区填报员/ }));
    await waitFor(() => expect(sent.some((request) => request.membership === AT_DUKOU.id)).toBe(true));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: '用户菜单' })).toHaveTextContent('渡口社区'),
    );
  });

  it('one membership: nothing to switch, the header only says where and as what', async () => {
    givenSession(meAs('community_reporter', JINHUI), [JINHUI]);
    server.use(
      http.get(api('/reports/status'), () =>
        HttpResponse.json({ month: '', dueDate: '', items: [], total: 0 }),
      ),
      http.get(api('/warnings'), () => HttpResponse.json({ items: [], total: 0 })),
    );
    const { user } = renderApp('/');
    expect(await screen.findByLabelText('当前身份')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '切换身份' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '用户菜单' }));
    expect(await screen.findByRole('menuitem', { name: /退出登录/ })).toBeInTheDocument();
    expect(screen.queryByText('切换身份')).not.toBeInTheDocument();
  });
});
