import type { Community } from '@gongfu/contract';
import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { meAs, WANGJIANGJIE } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';

const SET: Community = {
  ...WANGJIANGJIE,
  responsibleOrg: '望江街社区居民委员会',
  feedbackChannel: '监督电话 0812-0000101',
};

/** The community as the API reads it (with its version), and every PATCH sent. */
function givenCommunity(community: Community, answer?: () => Response) {
  const patches: unknown[] = [];
  let current = { ...community, version: 7 };
  server.use(
    http.patch(api('/communities/:id'), async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      patches.push(body);
      if (answer) return answer();
      current = { ...current, ...body, version: current.version + 1 };
      return HttpResponse.json(current);
    }),
    http.get(api('/communities/:id'), () => HttpResponse.json(current)),
  );
  return patches;
}

describe('the community page sets what its public board says', () => {
  it('shows the organisation, the feedback channel and the board’s link', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE), [SET]);
    givenCommunity(SET);
    renderApp(`/communities/${WANGJIANGJIE.id}`);
    expect(await screen.findByText('监督电话 0812-0000101', {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getAllByText('望江街社区居民委员会').length).toBeGreaterThan(0);
    const link = `/board/${WANGJIANGJIE.districtId}/${WANGJIANGJIE.id}`;
    expect(screen.getByText(link)).toBeInTheDocument();
    expect(screen.getByText('公示栏').closest('a')?.getAttribute('href')).toBe(link);
  });

  it('the community admin sets both, with the version read; empty clears', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE), [WANGJIANGJIE]);
    const patches = givenCommunity(WANGJIANGJIE);
    const { user } = renderApp(`/communities/${WANGJIANGJIE.id}`);
    await user.click(await screen.findByText('设置公示信息', {}, { timeout: 30_000 }));
    await user.type(await screen.findByLabelText('负责单位'), '望江街社区居民委员会');
    await user.type(screen.getByLabelText('监督反馈渠道'), '监督电话 0812-0000101');
    await user.click(screen.getByText('保 存'));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toEqual({
      version: 7,
      responsibleOrg: '望江街社区居民委员会',
      feedbackChannel: '监督电话 0812-0000101',
    });
    expect(await screen.findByText('监督电话 0812-0000101')).toBeInTheDocument();
  });

  it('the API’s refusal of a field is shown on that field', async () => {
    givenSession(meAs('community_admin', WANGJIANGJIE), [SET]);
    const patches = givenCommunity(SET, () =>
      HttpResponse.json(
        errorBody('validation_failed', '请求内容有误', { feedbackChannel: '最多 200 个字符' }),
        { status: 400 },
      ),
    );
    const { user } = renderApp(`/communities/${WANGJIANGJIE.id}`);
    await user.click(await screen.findByText('设置公示信息', {}, { timeout: 30_000 }));
    await user.click(await screen.findByText('保 存'));
    expect(await screen.findByText('最多 200 个字符')).toBeInTheDocument();
    expect(patches).toHaveLength(1);
  });

  it('a read-only role sees the board’s details and no way to change them', async () => {
    givenSession(meAs('district_viewer'), [SET]);
    givenCommunity(SET);
    renderApp(`/communities/${WANGJIANGJIE.id}`);
    expect(await screen.findByText('监督电话 0812-0000101', {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.queryByText('设置公示信息')).toBeNull();
  });
});
