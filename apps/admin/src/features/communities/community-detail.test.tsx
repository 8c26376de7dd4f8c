import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { givenSession } from '../../testing/server';

describe('community detail', () => {
  it('shows every field of the community, with breadcrumbs back to the list', async () => {
    givenSession(meAs('district_viewer'));
    renderApp(`/communities/${JINHUI.id}`);
    expect(await screen.findByRole('heading', { name: '金汇社区' })).toBeInTheDocument();
    for (const text of [
      '村改居社区',
      '2012',
      '510402001002',
      '2012-09-01',
      '8,930',
      '3,105',
      '940',
      '炳草岗街道',
    ]) {
      expect(screen.getAllByText(text).length).toBeGreaterThan(0);
    }
    const breadcrumb = document.querySelector('.ant-breadcrumb') as HTMLElement;
    expect(within(breadcrumb).getByRole('link', { name: '社区' })).toHaveAttribute('href', '/communities');
    expect(within(breadcrumb).getByText('金汇社区')).toBeInTheDocument();
  });

  it('answers a 404 with "社区不存在或无权访问"', async () => {
    givenSession(meAs('community_admin', JINHUI), [JINHUI]);
    renderApp('/communities/33333333-3333-4333-8333-0000000000ff');
    expect(await screen.findByText('社区不存在或无权访问')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /返回社区列表/ })).toHaveAttribute('href', '/communities');
  });

  it('does not ask the API about an id that cannot exist', async () => {
    givenSession(meAs('district_admin'));
    renderApp('/communities/not-a-uuid');
    expect(await screen.findByText('社区不存在或无权访问')).toBeInTheDocument();
  });
});
