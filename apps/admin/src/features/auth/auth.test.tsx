import type { LoginBody } from '@gongfu/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenNoSession, givenSession, server } from '../../testing/server';

describe('login', () => {
  it('sends a visitor without a session to the login page, remembering where they were going', async () => {
    givenNoSession();
    const { router } = renderApp('/communities?q=望江');
    expect(await screen.findByRole('button', { name: /登\s*录/ })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    const { redirect } = router.state.location.search as { redirect?: string };
    expect(decodeURIComponent(redirect ?? '')).toBe('/communities?q=望江');
  });

  it('logs in with a demo account and goes to the page asked for', async () => {
    givenNoSession();
    const requests: { body: LoginBody; language: string | null; type: string | null }[] = [];
    server.use(
      http.post(api('/auth/login'), async ({ request }) => {
        requests.push({
          body: (await request.json()) as LoginBody,
          language: request.headers.get('accept-language'),
          type: request.headers.get('content-type'),
        });
        // from now on the session exists
        givenSession(meAs('district_admin'));
        return HttpResponse.json(meAs('district_admin'));
      }),
    );
    const { user, router } = renderApp('/login?redirect=%2Fcommunities');

    await user.click(await screen.findByText(/演示账号/));
    await user.click(await screen.findByText('admin@dongqu.demo'));
    expect(screen.getByLabelText('邮箱')).toHaveValue('admin@dongqu.demo');
    await user.click(screen.getByRole('button', { name: /登\s*录/ }));

    expect(await screen.findByRole('cell', { name: '望江街社区' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/communities');
    expect(requests).toEqual([
      {
        body: { email: 'admin@dongqu.demo', password: 'gongfu-demo-2026' },
        language: 'zh-CN',
        type: 'application/json',
      },
    ]);
  });

  it("shows the server's message when the credentials are wrong, and stays on the page", async () => {
    givenNoSession();
    server.use(
      http.post(api('/auth/login'), () =>
        HttpResponse.json(errorBody('invalid_credentials', '邮箱或密码不正确'), { status: 401 }),
      ),
    );
    const { user, router } = renderApp('/login');

    await user.type(await screen.findByLabelText('邮箱'), 'admin@dongqu.demo');
    await user.type(screen.getByLabelText('密码'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: /登\s*录/ }));

    expect(await screen.findByRole('alert')).toHaveTextContent('邮箱或密码不正确');
    expect(router.state.location.pathname).toBe('/login');
  });

  it('maps validation errors from the server onto the form fields', async () => {
    server.use(
      http.post(api('/auth/login'), () =>
        HttpResponse.json(errorBody('validation_failed', '请求内容有误', { email: '邮箱地址无效' }), {
          status: 400,
        }),
      ),
    );
    const { user } = renderApp('/login');
    await user.type(await screen.findByLabelText('邮箱'), 'a@b.cd');
    await user.type(screen.getByLabelText('密码'), 'x');
    await user.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('邮箱地址无效')).toBeInTheDocument();
  });

  it('validates the form in the current language before calling the API', async () => {
    const { user } = renderApp('/login');
    await user.click(await screen.findByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('请输入邮箱')).toBeInTheDocument();
    expect(screen.getByText('请输入密码')).toBeInTheDocument();
    // no request was made: msw would have failed the test on an unhandled request
  });

  it('logs out through the API and returns to the login page', async () => {
    givenSession(meAs('district_admin'));
    let loggedOut = false;
    server.use(
      http.post(api('/auth/logout'), () => {
        loggedOut = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    // what the report form kept on this shared computer, and something that is not ours
    localStorage.setItem('gongfu.report-draft.r1', '{"version":1}');
    localStorage.setItem('gongfu.report-explained.r1', '{}');
    localStorage.setItem('another-site.setting', 'kept');
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: '用户菜单' }));
    await user.click(await screen.findByText('退出登录'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(loggedOut).toBe(true);
    // the next person to log in finds none of the last one's figures; nothing else is touched
    expect(localStorage.getItem('gongfu.report-draft.r1')).toBeNull();
    expect(localStorage.getItem('gongfu.report-explained.r1')).toBeNull();
    expect(localStorage.getItem('another-site.setting')).toBe('kept');
    expect(within(document.body).queryByText('东区管理员')).not.toBeInTheDocument();
  });
});
