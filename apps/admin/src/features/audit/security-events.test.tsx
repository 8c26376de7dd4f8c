import type { SecurityEvent } from '@gongfu/contract';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, givenSession, server } from '../../testing/server';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.73 Safari/537.36';

function event(n: number): SecurityEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 11, 6, 12, 0) - n * 60_000).toISOString(),
    kind: 'login',
    outcome: 'success',
    email: `user${n}@dongqu.demo`,
    userId: null,
    districtId: null,
    address: '127.0.0.1',
    userAgent: CHROME_LINUX,
  };
}

describe('security events', () => {
  it('names the browser and system in words, and pages the list', async () => {
    givenSession(meAs('district_admin'));
    server.use(
      http.get(api('/security-events'), () =>
        HttpResponse.json({ items: Array.from({ length: 25 }, (_, i) => event(i + 1)) }),
      ),
    );
    const { user } = renderApp('/audit/security');
    expect(await screen.findByText('user1@dongqu.demo')).toBeInTheDocument();
    const rows = () => [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')];
    expect(within(rows()[0] as HTMLElement).getByText('Chrome 156 · Linux')).toBeInTheDocument();
    expect(screen.queryByText(CHROME_LINUX)).not.toBeInTheDocument();
    // twenty a page: the 21st on the second
    expect(rows()).toHaveLength(20);
    expect(screen.queryByText('user21@dongqu.demo')).not.toBeInTheDocument();
    await user.click(screen.getByRole('listitem', { name: '2' }));
    expect(await screen.findByText('user21@dongqu.demo')).toBeInTheDocument();
    expect(rows()).toHaveLength(5);
  });

  it('narrows to failed attempts and to one account', async () => {
    givenSession(meAs('district_admin'));
    const items = Array.from({ length: 6 }, (_, i) => event(i + 1)).map((e, i) =>
      i % 2 ? { ...e, outcome: 'wrong_password' as const } : e,
    );
    server.use(http.get(api('/security-events'), () => HttpResponse.json({ items })));
    const { user } = renderApp('/audit/security');
    expect(await screen.findByText('user1@dongqu.demo')).toBeInTheDocument();
    const rows = () => [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')];
    expect(rows()).toHaveLength(6);
    // each label travels with its select: the filters wrap between pairs (结果 sat alone at a phone's line end)
    for (const name of ['事件', '结果']) {
      const label = screen.getByText(name, { selector: 'label' });
      expect(label.parentElement).toContainElement(screen.getByLabelText(name));
      expect(label.parentElement).toHaveStyle({ display: 'inline-flex' });
    }
    await user.click(screen.getByLabelText('结果'));
    await user.click(await screen.findByText('失败', { selector: '.ant-select-item-option-content' }));
    expect(rows()).toHaveLength(3);
    expect(screen.queryByText('user1@dongqu.demo')).not.toBeInTheDocument();
    await user.type(screen.getByPlaceholderText('按登录邮箱查找'), 'user4{Enter}');
    expect(rows()).toHaveLength(1);
    expect(within(rows()[0] as HTMLElement).getByText('密码错误')).toBeInTheDocument();
  });
});
