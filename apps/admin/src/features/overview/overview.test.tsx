import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { givenSession } from '../../testing/server';

describe('overview', () => {
  it('welcomes a district admin with their membership and draws the communities-by-kind chart', async () => {
    givenSession(meAs('district_admin'));
    renderApp('/');
    expect(await screen.findByText('东区管理员，您好')).toBeInTheDocument();
    expect(screen.getAllByText('区级管理员').length).toBeGreaterThan(0);
    const figure = await screen.findByRole('figure', { name: '社区类型分布' });
    // ECharts drew an SVG, and described it for screen readers (aria.enabled)
    await waitFor(() => expect(figure.querySelector('svg')).not.toBeNull());
    expect(figure.querySelector('[aria-label]')?.getAttribute('aria-label')).toMatch(/城市社区/);
    expect(screen.queryByRole('link', { name: /查看 金汇社区/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /打开指标驾驶舱/ }).closest('a')).toHaveAttribute(
      'href',
      '/kpis',
    );
  });

  it('offers the KPI cockpit only to roles that read KPIs', async () => {
    givenSession(meAs('community_reporter', JINHUI), [JINHUI]);
    renderApp('/');
    expect(await screen.findByRole('button', { name: '查看 金汇社区' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /打开指标驾驶舱/ })).not.toBeInTheDocument();
  });

  it('gives a community admin a link to their community', async () => {
    givenSession(meAs('community_admin', JINHUI), [JINHUI]);
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: '查看 金汇社区' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/communities/${JINHUI.id}`));
  });

  it('shows a platform admin no community data (and asks the API for none)', async () => {
    givenSession(meAs('platform_admin'));
    renderApp('/');
    expect(await screen.findByText(/平台管理员负责开通区县/)).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: /社区/ })).not.toBeInTheDocument();
  });
});
