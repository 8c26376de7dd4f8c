import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';

const DESK_WIDTH = window.innerWidth;
afterEach(() => {
  window.innerWidth = DESK_WIDTH;
});

describe('the app frame', () => {
  it('on a phone the menu is a drawer behind a button, and opening a page closes it', async () => {
    window.innerWidth = 390;
    givenSession(meAs('district_admin'));
    const { user, router } = renderApp('/');
    const open = await screen.findByRole('button', { name: '打开菜单' });
    // no rail of icons eating the width
    expect(document.querySelector('.ant-layout-sider')).toBeNull();
    expect(screen.queryByRole('menuitem', { name: /社区/ })).not.toBeInTheDocument();

    await user.click(open);
    await user.click(await screen.findByRole('link', { name: '社区' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/communities'));
    await waitFor(() => expect(document.querySelector('.ant-drawer-open')).toBeNull());
  });

  it('a password an admin set: the change page alone, no menu to go elsewhere, the field asks for the given one', async () => {
    const me = meAs('community_reporter');
    givenSession({ ...me, user: { ...me.user, mustChangePassword: true } });
    const { router } = renderApp('/reporting');
    expect(await screen.findByLabelText('管理员设置的初始密码')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/password');
    expect(document.querySelector('.ant-layout-sider')).toBeNull();
    expect(screen.queryByRole('menuitem', { name: /月报/ })).not.toBeInTheDocument();
    // the user menu stays: logging out is always possible
    expect(screen.getByRole('button', { name: '用户菜单' })).toBeInTheDocument();
  });

  it('on a desk the menu is the side bar, without a menu button', async () => {
    givenSession(meAs('district_admin'));
    renderApp('/');
    expect(await screen.findByRole('menuitem', { name: /社区/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '打开菜单' })).not.toBeInTheDocument();
  });

  it('a path the app does not know shows the app’s own not-found page inside the frame, with a way back', async () => {
    givenSession(meAs('community_admin'));
    renderApp('/no-such-page');
    expect(await screen.findByText('页面不存在')).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: /工作台/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '返回工作台' })).toBeInTheDocument();
  });

  it('a page the role may not open says so, with no useless retry', async () => {
    givenSession(meAs('community_reporter'));
    server.use(
      http.get(api('/communities/:id'), () =>
        HttpResponse.json(errorBody('forbidden', '当前角色无权执行此操作'), { status: 403 }),
      ),
    );
    renderApp('/communities/00000000-0000-4000-8000-000000000001');
    expect(await screen.findByText('无权访问此页面')).toBeInTheDocument();
    expect(screen.getByText(/您当前的身份（社区填报员）不能打开此页面/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '重试' })).not.toBeInTheDocument();
  });
});
