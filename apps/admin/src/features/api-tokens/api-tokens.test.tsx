import type { ApiToken } from '@gongfu/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';
import { VENTURES } from '../register/testing/register-fixtures';

const ERP = 'a1000000-0000-4000-8000-000000000001';
const OLD = 'a1000000-0000-4000-8000-000000000002';
const SECRET = 'gft_0b8f6a8e2c1d4f3a9e7b5c6d1a2b3c4d_abcdefghijklmnopqrstuvwxyz234567';

function token(id: string, patch: Partial<ApiToken>): ApiToken {
  return {
    id,
    name: '令牌',
    scopes: ['report:write'],
    communityId: JINHUI.id,
    partnerId: null,
    ventureId: null,
    ventureName: null,
    expiresAt: '2027-03-01T04:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    createdBy: '55555555-5555-4555-8555-555555555555',
    createdByName: '金汇社区 白诚云',
    status: 'active',
    ...patch,
  };
}

const TOKENS: ApiToken[] = [
  token(ERP, {
    name: '金汇 财务系统',
    scopes: ['report:write', 'report:read'],
    lastUsedAt: '2026-12-04T01:30:00.000Z',
  }),
  token(OLD, { name: '旧收银系统', status: 'revoked', revokedAt: '2026-12-02T02:00:00.000Z' }),
  token('a1000000-0000-4000-8000-000000000004', {
    name: '书屋 收银机',
    ventureId: VENTURES[1]?.id as string,
    ventureName: '拾光书屋',
  }),
];

interface Seen {
  method: string;
  path: string;
  body: unknown;
}

function givenTokensApi(options: { create?: (body: unknown) => Response } = {}) {
  const seen: Seen[] = [];
  const note = async (request: Request) => {
    const text = request.method === 'GET' ? '' : await request.clone().text();
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname.replace('/api/v1', ''),
      body: text ? JSON.parse(text) : undefined,
    });
  };
  server.use(
    // the ventures the membership reaches, for the venture Select
    http.get(api('/ventures'), async ({ request }) => {
      await note(request);
      return HttpResponse.json({ items: VENTURES, total: VENTURES.length });
    }),
    http.get(api('/api-tokens'), async ({ request }) => {
      await note(request);
      return HttpResponse.json({ items: TOKENS, total: TOKENS.length });
    }),
    http.post(api('/api-tokens'), async ({ request }) => {
      await note(request);
      const body = (await request.json()) as { name: string; scopes: ApiToken['scopes'] };
      if (options.create) return options.create(body);
      return HttpResponse.json(
        { apiToken: token('a1000000-0000-4000-8000-000000000003', body), token: SECRET },
        { status: 201 },
      );
    }),
    http.post(api('/api-tokens/:id/revoke'), async ({ request, params }) => {
      await note(request);
      const found = TOKENS.find((t) => t.id === params.id);
      return HttpResponse.json({ ...found, status: 'revoked' });
    }),
  );
  return seen;
}

const rowOf = (text: string) =>
  screen
    .getAllByText(text)
    .find((el) => el.closest('tr'))
    ?.closest('tr') as HTMLElement;

describe('API 令牌', () => {
  it('lists the tokens with scopes, status, expiry, last use and creator; a revoked one offers nothing', async () => {
    givenSession(meAs('community_admin', JINHUI));
    givenTokensApi();
    renderApp('/admin/api-tokens');
    expect(await screen.findByText('金汇 财务系统', {}, { timeout: 30_000 })).toBeInTheDocument();
    const erp = rowOf('金汇 财务系统');
    expect(within(erp).getByText('创建和提交月报')).toBeInTheDocument();
    expect(within(erp).getByText('查看月报')).toBeInTheDocument();
    expect(within(erp).getByText('有效')).toBeInTheDocument();
    expect(within(erp).getByText('2026-12-04 09:30')).toBeInTheDocument();
    expect(within(erp).getByText('2027-03-01 12:00')).toBeInTheDocument();
    expect(within(erp).getByText('金汇社区 白诚云')).toBeInTheDocument();
    const old = rowOf('旧收银系统');
    expect(within(old).getByText('已撤销')).toBeInTheDocument();
    expect(within(old).getByText('从未使用')).toBeInTheDocument();
    // when it stopped working, beside its status (its expiry alone said nothing of that)
    expect(within(old).getByText('2026-12-02 10:00 撤销')).toBeInTheDocument();
    expect(within(old).queryByRole('button', { name: /撤销/ })).not.toBeInTheDocument();
    // a token for one venture names it; the others reach every venture
    expect(within(rowOf('书屋 收银机')).getByText('拾光书屋')).toBeInTheDocument();
    expect(within(erp).getByText('全部项目')).toBeInTheDocument();
    expect(screen.getByText('共 3 个令牌')).toBeInTheDocument();
  });

  it('creates a token: the contract’s schema first, then the API; the token is shown once with a copy button', async () => {
    givenSession(meAs('community_admin', JINHUI));
    const seen = givenTokensApi();
    const { user: u } = renderApp('/admin/api-tokens');
    await u.click(await screen.findByRole('button', { name: /新建令牌/ }, { timeout: 30_000 }));
    const dialog = await screen.findByRole('dialog', { name: '新建 API 令牌' });
    expect(within(dialog).getByText(/审批、拨付、用户与令牌管理一律不可用/)).toBeInTheDocument();
    await u.click(within(dialog).getByRole('button', { name: '创建令牌' }));
    expect(await within(dialog).findByText('必填')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);

    // least privilege: only reading is ticked until the admin ticks more
    expect(within(dialog).getByLabelText('查看月报')).toBeChecked();
    expect(within(dialog).getByLabelText('创建和提交月报')).not.toBeChecked();
    expect(within(dialog).getByLabelText('查看登记台账')).not.toBeChecked();
    await u.type(within(dialog).getByLabelText('名称'), '金汇 ERP');
    await u.click(within(dialog).getByLabelText('创建和提交月报'));
    await u.click(within(dialog).getByLabelText('查看登记台账'));
    await u.click(within(dialog).getByRole('button', { name: '创建令牌' }));
    const shown = await screen.findByRole('dialog', { name: '令牌已创建' });
    expect(within(shown).getByTestId('api-token')).toHaveTextContent(SECRET);
    // a block of its own that wraps anywhere inside its box, not inline <code> whose box the wrapped lines leave
    const box = within(shown).getByTestId('api-token');
    expect(box.tagName).toBe('DIV');
    expect(box.querySelector('code')).toBeNull();
    expect(box.style.wordBreak).toBe('break-all');
    expect(within(shown).getByText(/只显示这一次/)).toBeInTheDocument();
    expect(within(shown).getByRole('button', { name: /复制令牌/ })).toBeInTheDocument();
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      name: '金汇 ERP',
      scopes: ['report:write', 'report:read', 'register:read'],
      expiresInDays: 90,
    });
    await u.click(within(shown).getByRole('button', { name: '我已保存，关闭' }));
    await waitFor(() => expect(screen.queryByTestId('api-token')).not.toBeInTheDocument(), {
      timeout: 5_000,
    });
  });

  it('limits a token to one venture of the scope, chosen from its ventures', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenTokensApi();
    const { user: u } = renderApp('/admin/api-tokens');
    await u.click(await screen.findByRole('button', { name: /新建令牌/ }, { timeout: 30_000 }));
    const dialog = await screen.findByRole('dialog', { name: '新建 API 令牌' });
    expect(within(dialog).getByText(/令牌只能看到并填报这个项目/)).toBeInTheDocument();
    await u.type(within(dialog).getByLabelText('名称'), '书屋 收银机');
    await u.click(within(dialog).getByLabelText('项目'));
    // the scope's ventures, as the API lists them
    expect(
      await screen.findByText('望江街便民服务驿站', { selector: '.ant-select-item-option-content' }),
    ).toBeInTheDocument();
    await u.click(await screen.findByText('拾光书屋', { selector: '.ant-select-item-option-content' }));
    await u.click(within(dialog).getByRole('button', { name: '创建令牌' }));
    await screen.findByRole('dialog', { name: '令牌已创建' });
    expect(seen.some((r) => r.method === 'GET' && r.path === '/ventures')).toBe(true);
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({
      name: '书屋 收银机',
      scopes: ['report:read'],
      expiresInDays: 90,
      ventureId: VENTURES[1]?.id,
    });
  });

  it('shows the API’s refusal of a venture on the venture field', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE));
    const seen = givenTokensApi({
      create: (body) =>
        (body as { ventureId?: string }).ventureId
          ? HttpResponse.json(
              errorBody('validation_failed', '请求内容有误', {
                ventureId: '只能为本社区（或本运营方运营）的项目创建令牌',
              }),
              { status: 400 },
            )
          : HttpResponse.json(
              { apiToken: token('a1000000-0000-4000-8000-000000000005', {}), token: SECRET },
              { status: 201 },
            ),
    });
    const { user: u } = renderApp('/admin/api-tokens');
    await u.click(await screen.findByRole('button', { name: /新建令牌/ }, { timeout: 30_000 }));
    const dialog = await screen.findByRole('dialog', { name: '新建 API 令牌' });
    await u.type(within(dialog).getByLabelText('名称'), '某系统');
    await u.click(within(dialog).getByLabelText('项目'));
    await u.click(
      await screen.findByText('望江街便民服务驿站', { selector: '.ant-select-item-option-content' }),
    );
    await u.click(within(dialog).getByRole('button', { name: '创建令牌' }));
    const field = within(dialog).getByLabelText('项目').closest('.ant-form-item') as HTMLElement;
    expect(
      await within(field).findByText('只能为本社区（或本运营方运营）的项目创建令牌'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('api-token')).not.toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('puts the API’s field errors on their fields', async () => {
    givenSession(meAs('community_admin', JINHUI));
    givenTokensApi({
      create: () =>
        HttpResponse.json(errorBody('validation_failed', '请求内容有误', { name: '名称过长' }), {
          status: 400,
        }),
    });
    const { user: u } = renderApp('/admin/api-tokens');
    await u.click(await screen.findByRole('button', { name: /新建令牌/ }, { timeout: 30_000 }));
    const dialog = await screen.findByRole('dialog', { name: '新建 API 令牌' });
    await u.type(within(dialog).getByLabelText('名称'), '某系统');
    await u.click(within(dialog).getByRole('button', { name: '创建令牌' }));
    const name = within(dialog).getByLabelText('名称').closest('.ant-form-item') as HTMLElement;
    expect(await within(name).findByText('名称过长')).toBeInTheDocument();
    expect(screen.queryByTestId('api-token')).not.toBeInTheDocument();
  });

  it('revokes only after a confirmation', async () => {
    givenSession(meAs('community_admin', JINHUI));
    const seen = givenTokensApi();
    const { user: u } = renderApp('/admin/api-tokens');
    await screen.findByText('金汇 财务系统', {}, { timeout: 30_000 });
    await u.click(within(rowOf('金汇 财务系统')).getByRole('button', { name: /撤销 金汇 财务系统/ }));
    const confirm = await screen.findByRole('dialog', { name: /撤销令牌“金汇 财务系统”/ });
    expect(within(confirm).getByText(/立即无法访问/)).toBeInTheDocument();
    expect(seen.some((r) => r.path.endsWith('/revoke'))).toBe(false);
    await u.click(within(confirm).getByRole('button', { name: /^撤\s?销$/ }));
    await waitFor(() => expect(seen.some((r) => r.path === `/api-tokens/${ERP}/revoke`)).toBe(true));
  });

  it('the district admin sees and revokes but creates none', async () => {
    givenSession(meAs('district_admin'));
    givenTokensApi();
    renderApp('/admin/api-tokens');
    expect(await screen.findByText('金汇 财务系统', {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /新建令牌/ })).not.toBeInTheDocument();
    expect(within(rowOf('金汇 财务系统')).getByRole('button', { name: /撤销/ })).toBeInTheDocument();
  });

  it('speaks English', async () => {
    await changeLanguage('en');
    try {
      givenSession(meAs('partner_operator'));
      givenTokensApi();
      renderApp('/admin/api-tokens');
      expect(
        await screen.findByRole('heading', { name: 'API tokens' }, { timeout: 30_000 }),
      ).toBeInTheDocument();
      await screen.findAllByText('金汇 财务系统');
      expect(within(rowOf('金汇 财务系统')).getByText('Create and submit reports')).toBeInTheDocument();
      expect(within(rowOf('旧收银系统')).getByText('Revoked')).toBeInTheDocument();
      expect(within(rowOf('旧收银系统')).getByText('Revoked 2026-12-02 10:00')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: /New token/ })).toBeInTheDocument();
    } finally {
      await changeLanguage('zh-CN');
    }
  });
});
