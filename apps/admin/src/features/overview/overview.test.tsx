import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { meAs } from '../../testing/fixtures';
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

  it('shows a platform admin no community data (and asks the API for none)', async () => {
    givenSession(meAs('platform_admin'));
    renderApp('/');
    expect(await screen.findByText(/平台管理员负责开通区县/)).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: /社区/ })).not.toBeInTheDocument();
    // no kpi:read, no cockpit
    expect(screen.queryByRole('button', { name: /打开指标驾驶舱/ })).not.toBeInTheDocument();
  });
});
