import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';
import { saveBlob } from '../exports/download';
import { openReportMonth } from '../reports/format';
import { givenReportingApi, MARKET, statusRow } from './testing/reporting-fixtures';

// the template is saved the way the exports and the attachments are: observed here, not clicked through jsdom
vi.mock('../exports/download', async (original) => ({
  ...(await original<typeof import('../exports/download')>()),
  saveBlob: vi.fn(),
}));

const OPEN = openReportMonth();

beforeEach(() => {
  givenSession(meAs('community_reporter', JINHUI));
  givenReportingApi({ month: OPEN, rows: [statusRow(MARKET)] });
});
afterEach(() => vi.mocked(saveBlob).mockReset());

describe('the Excel template download', () => {
  it('saves the month’s template through saveBlob under the API’s name, asked in the UI’s language', async () => {
    const asked: Request[] = [];
    server.use(
      http.get(api('/reports/workbook/template'), ({ request }) => {
        asked.push(request);
        return new HttpResponse(new Uint8Array([80, 75, 3, 4]), {
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(`月报模板-${OPEN}.xlsx`)}`,
          },
        });
      }),
    );
    const { user } = renderApp('/reporting');
    await user.click(await screen.findByRole('button', { name: /下载模板/ }));
    await waitFor(() => expect(saveBlob).toHaveBeenCalledTimes(1));
    const [blob, name] = vi.mocked(saveBlob).mock.calls[0] ?? [];
    expect(name).toBe(`月报模板-${OPEN}.xlsx`);
    expect(new Uint8Array(await (blob as Blob).arrayBuffer())).toEqual(new Uint8Array([80, 75, 3, 4]));
    expect(new URL(asked[0]?.url ?? '').searchParams.get('month')).toBe(OPEN);
    expect(asked[0]?.headers.get('accept-language')).toBe('zh-CN');
    expect(await screen.findByText(`已下载 月报模板-${OPEN}.xlsx`)).toBeInTheDocument();
  });

  it('names the membership chosen in this tab, as every request does (ADR 0043)', async () => {
    const chosen = meAs('community_reporter', JINHUI).activeMembershipId;
    window.sessionStorage.setItem('gongfu.actingMembership', chosen);
    const asked: Request[] = [];
    server.use(
      http.get(api('/reports/workbook/template'), ({ request }) => {
        asked.push(request);
        return new HttpResponse(new Uint8Array([80, 75, 3, 4]));
      }),
    );
    const { user } = renderApp('/reporting');
    await user.click(await screen.findByRole('button', { name: /下载模板/ }));
    await waitFor(() => expect(saveBlob).toHaveBeenCalledTimes(1));
    expect(asked[0]?.headers.get('x-gongfu-membership')).toBe(chosen);
  });

  it('saves nothing when the API refuses, and says why', async () => {
    server.use(
      http.get(api('/reports/workbook/template'), () =>
        HttpResponse.json(errorBody('forbidden', '无权下载该月模板'), { status: 403 }),
      ),
    );
    const { user } = renderApp('/reporting');
    await user.click(await screen.findByRole('button', { name: /下载模板/ }));
    expect(await screen.findByText('无权下载该月模板')).toBeInTheDocument();
    expect(saveBlob).not.toHaveBeenCalled();
  });
});
