import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, givenSession, server } from '../../testing/server';
import { givenRegisterApi } from '../register/testing/register-fixtures';
import { givenOversightApi } from '../warnings/testing/warnings-fixtures';

afterEach(() => vi.restoreAllMocks());

/** Answers every export with a small file and records what was asked; the download itself is observed. */
function givenExports() {
  const asked: URL[] = [];
  server.use(
    http.get(api('/exports/:view'), ({ request }) => {
      asked.push(new URL(request.url));
      return new HttpResponse('\uFEFFa\r\n', {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="gongfu-export.csv"; filename*=UTF-8''${encodeURIComponent('导出.csv')}`,
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

async function exportCsv(view: string, user: ReturnType<typeof renderApp>['user']) {
  const button = await waitFor(() => {
    const found = document.querySelector<HTMLButtonElement>(`[data-export="${view}"]`);
    expect(found).not.toBeNull();
    return found as HTMLButtonElement;
  });
  await user.click(button);
  await user.click(await screen.findByText('CSV（UTF-8）'));
  expect(await screen.findByText('已导出 导出.csv')).toBeInTheDocument();
}

describe('the audit log and the register lists export with their filters', () => {
  it('the audit log: its filters, never the page’s cursor', async () => {
    givenSession(meAs('district_admin'));
    givenOversightApi({ audit: { items: [], nextCursor: null }, actors: [] });
    const { asked, names } = givenExports();
    const { user } = renderApp(
      `/audit?entityType=proposal&action=proposal.pay_out&from=2026-11-01&to=2026-11-30&communityId=${JINHUI.id}&cursor=WyIyMDI2LTExIl0`,
    );
    // the button says what it exports: the current filter, every page of it (not the page on screen)
    const button = await screen.findByRole('button', { name: '导出当前筛选结果' });
    expect(button).toHaveAttribute('data-export', 'audit');
    expect(button).toHaveAttribute('title', '按当前筛选条件导出全部记录（所有页，不只是本页）');
    await exportCsv('audit', user);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.pathname).toBe('/api/v1/exports/audit');
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({
      entityType: 'proposal',
      action: 'proposal.pay_out',
      from: '2026-11-01',
      to: '2026-11-30',
      communityId: JINHUI.id,
      format: 'csv',
    });
    expect(names).toEqual(['导出.csv']);
  });

  it('the audit log’s export says it exports the filter, in English too', async () => {
    givenSession(meAs('district_admin'));
    givenOversightApi({ audit: { items: [], nextCursor: null }, actors: [] });
    await changeLanguage('en');
    renderApp('/audit');
    const button = await screen.findByRole('button', { name: 'Export filtered entries' });
    expect(button).toHaveAttribute(
      'title',
      'Exports every entry matching the current filters (all pages, not just this one)',
    );
  });

  it.each([
    [
      'ventures',
      `/register/ventures?communityId=${JINHUI.id}&category=elderly_canteen&status=operating`,
      {
        communityId: JINHUI.id,
        category: 'elderly_canteen',
        status: 'operating',
      },
    ],
    ['companies', `/register/companies?communityId=${JINHUI.id}`, { communityId: JINHUI.id }],
    [
      'assets',
      `/register/assets?kind=premises&status=equity_contributed`,
      {
        kind: 'premises',
        status: 'equity_contributed',
      },
    ],
    ['partners', '/register/partners?kind=soe', { kind: 'soe' }],
    [
      'agreements',
      `/register/agreements?communityId=${JINHUI.id}&expiring=true`,
      {
        communityId: JINHUI.id,
        expiringWithinDays: '90',
      },
    ],
  ] as const)('the register’s %s list', async (view, path, filters) => {
    givenSession(meAs('district_admin'));
    givenRegisterApi();
    const { asked } = givenExports();
    const { user } = renderApp(path);
    await exportCsv(view, user);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.pathname).toBe(`/api/v1/exports/${view}`);
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({ ...filters, format: 'csv' });
  });

  it('a community admin’s register export names no community: the API scopes it to theirs', async () => {
    givenSession(meAs('community_admin', JINHUI));
    givenRegisterApi();
    const { asked } = givenExports();
    const { user } = renderApp('/register/companies');
    await exportCsv('companies', user);
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({ format: 'csv' });
  });
});
