import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { givenSession } from '../../testing/server';
import { formPath, givenReportingApi, MARKET, reportFixture, statusRow } from './testing/reporting-fixtures';
import { autosaveTiming } from './use-autosave';

const input = (field: string) => document.getElementById(`figure-${field}`) as HTMLInputElement;
const type = (field: string, text: string) => fireEvent.change(input(field), { target: { value: text } });

const defaultTiming = { ...autosaveTiming };
beforeEach(() => {
  autosaveTiming.debounceMs = 300;
  autosaveTiming.retryDelaysMs = [50, 50];
  givenSession(meAs('community_reporter', JINHUI));
});
afterEach(() => Object.assign(autosaveTiming, defaultTiming));

function draftOnServer(overrides: Parameters<typeof reportFixture>[0] = {}) {
  const report = reportFixture(overrides);
  const api = givenReportingApi({
    rows: [statusRow(MARKET, { status: 'draft', reportId: report.id, reportStatus: 'draft' })],
    reports: [report],
  });
  return { report, api };
}

describe('report form', () => {
  it('starts a draft when the venture has none for the month', async () => {
    const api = givenReportingApi({ rows: [statusRow(MARKET)] });
    const { user } = renderApp(formPath());
    expect(await screen.findByText('金汇潮汐市场 尚未填报 2026年11月 的月报。')).toBeInTheDocument();
    await user.click(screen.getByText('开始填报 2026年11月 月报'));
    await waitFor(() => expect(input('revenueFen')).toBeInTheDocument());
    expect(api.reports.size).toBe(1);
    // a new draft is blank, each field labelled, money typed in 元
    expect(screen.getByLabelText(/营业收入/)).toHaveAttribute('inputmode', 'decimal');
    expect(screen.getByLabelText('稳定就业岗位')).toHaveAttribute('inputmode', 'numeric');
    expect(input('revenueFen')).toHaveValue('');
    // and shows no grey 0 that would look like a typed zero
    expect(input('revenueFen')).not.toHaveAttribute('placeholder');
    expect(input('stableJobs')).not.toHaveAttribute('placeholder');
  });

  it('saves a field left blank as 0, and shows a saved 0 of a draft as blank', async () => {
    const { api } = draftOnServer({ temporaryJobs: 0 });
    renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    expect(input('temporaryJobs')).toHaveValue('');
    type('stableJobs', '');
    await waitFor(() => expect(api.patches).toHaveLength(1));
    expect(api.patches[0]).toMatchObject({ stableJobs: 0, temporaryJobs: 0, revenueFen: 5_600_000 });
  });

  it('autosaves after a pause in typing: the figures in fen, with the version read', async () => {
    const { api } = draftOnServer();
    renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    // the deadline counts down beside the save state
    expect(screen.getByText('还剩 5 天')).toBeInTheDocument();
    type('revenueFen', '57123.4');
    expect(await screen.findAllByText('有未保存的修改')).not.toHaveLength(0);
    await waitFor(() => expect(api.patches).toHaveLength(1));
    expect(api.patches[0]).toMatchObject({ version: 1, revenueFen: 5_712_340, operatingCostFen: 4_200_000 });
    await waitFor(() => expect(screen.getAllByText(/^已保存 \d\d:\d\d$/).length).toBeGreaterThan(0));
    expect(window.localStorage.getItem(`gongfu.report-draft.${[...api.reports.keys()][0]}`)).toBeNull();
    // the next save carries the version the server answered
    type('stableJobs', '7');
    await waitFor(() => expect(api.patches).toHaveLength(2));
    expect(api.patches[1]).toMatchObject({ version: 2, stableJobs: 7 });
  });

  it('groups the figures in thousands as they are typed or pasted; the API still gets fen and counts', async () => {
    const { api } = draftOnServer();
    const { user } = renderApp(formPath());
    // as saved: grouped, as the hints beside the fields read
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    expect(input('serviceTransactions')).toHaveValue('3,300');
    // typed key by key: the commas come as the digits do, and the caret stays after the last one
    await user.clear(input('revenueFen'));
    await user.type(input('revenueFen'), '58000');
    expect(input('revenueFen')).toHaveValue('58,000');
    // typed in the middle: the caret keeps its place among the digits
    await user.type(input('revenueFen'), '12', { initialSelectionStart: 2, initialSelectionEnd: 2 });
    expect(input('revenueFen')).toHaveValue('5,812,000');
    type('residentsServed', '12000');
    expect(input('residentsServed')).toHaveValue('12,000');
    await waitFor(() =>
      expect(api.patches.at(-1)).toMatchObject({ revenueFen: 581_200_000, residentsServed: 12_000 }),
    );
    // pasted as a figure is written elsewhere: kept as it is, saved the same
    await user.clear(input('revenueFen'));
    await user.paste('58,000.00');
    expect(input('revenueFen')).toHaveValue('58,000.00');
    await waitFor(() => expect(api.patches.at(-1)).toMatchObject({ revenueFen: 5_800_000 }));
    // a typed 0 is still a 0, not a blank (ADR 0042)
    type('temporaryJobs', '0');
    expect(input('temporaryJobs')).toHaveValue('0');
    await waitFor(() =>
      expect(api.patches.at(-1)).toMatchObject({ temporaryJobs: 0, typedZeros: ['temporaryJobs'] }),
    );
  });

  it('says when the draft was last saved by the Shanghai clock, whatever the browser’s time zone', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      // 01:00 UTC is 09:00 in China, where the reporter is
      draftOnServer({ updatedAt: '2026-12-02T01:00:00.000Z' });
      renderApp(formPath());
      await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
      expect(screen.getAllByText('已保存 09:00').length).toBeGreaterThan(0);
    } finally {
      process.env.TZ = zone;
    }
  });

  it('marks a figure that does not parse and does not save it', async () => {
    const { api } = draftOnServer();
    renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    type('revenueFen', '12.345');
    expect(await screen.findByText('请输入金额（元），最多两位小数')).toBeInTheDocument();
    expect(input('revenueFen')).toHaveAttribute('aria-invalid', 'true');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(api.patches).toHaveLength(0);
  });

  it('tries a dropped connection again and saves once it is back', async () => {
    const { api } = draftOnServer();
    api.patchFailures.push('network', 'network');
    renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    type('revenueFen', '57000');
    await waitFor(() => expect(api.patches).toHaveLength(1));
    expect(api.patches[0]).toMatchObject({ version: 1, revenueFen: 5_700_000 });
    await waitFor(() => expect(screen.getAllByText(/^已保存 \d\d:\d\d$/).length).toBeGreaterThan(0));
  });

  it('keeps the typed figures when the connection stays down, says so, and saves on retry', async () => {
    const { api, report } = draftOnServer();
    api.patchFailures.push('network', 'network', 'network');
    const { user } = renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    type('revenueFen', '57000');
    expect(
      (await screen.findAllByText('网络中断，修改已保留在本机，恢复后将自动保存')).length,
    ).toBeGreaterThan(0);
    expect(input('revenueFen')).toHaveValue('57,000');
    expect(api.patches).toHaveLength(0);
    // kept on this device until the server has them
    expect(JSON.parse(window.localStorage.getItem(`gongfu.report-draft.${report.id}`) ?? '{}')).toMatchObject(
      {
        version: 1,
        values: { figures: { revenueFen: '57,000' } },
      },
    );
    await user.click(screen.getAllByText('重新保存')[0] as HTMLElement);
    await waitFor(() => expect(api.patches).toHaveLength(1));
    expect(api.patches[0]).toMatchObject({ revenueFen: 5_700_000 });
    await waitFor(() => expect(window.localStorage.getItem(`gongfu.report-draft.${report.id}`)).toBeNull());
  });

  it('restores values typed before a reload, and says so', async () => {
    const report = reportFixture();
    window.localStorage.setItem(
      `gongfu.report-draft.${report.id}`,
      JSON.stringify({
        version: 1,
        values: {
          figures: { ...figuresText(report), stableJobs: '9' },
          notes: '',
          explanations: {},
        },
      }),
    );
    const api = givenReportingApi({ rows: [statusRow(MARKET, { reportId: report.id })], reports: [report] });
    renderApp(formPath());
    expect(await screen.findByText('已恢复上次未保存的填写内容')).toBeInTheDocument();
    expect(input('stableJobs')).toHaveValue('9');
    await waitFor(() => expect(api.patches).toHaveLength(1));
    expect(api.patches[0]).toMatchObject({ version: 1, stableJobs: 9 });
  });

  it('does not save restored values over a version the server moved on from', async () => {
    const report = reportFixture({ version: 3, stableJobs: 7 });
    window.localStorage.setItem(
      `gongfu.report-draft.${report.id}`,
      JSON.stringify({
        version: 2,
        values: { figures: { ...figuresText(report), stableJobs: '9' }, notes: '', explanations: {} },
      }),
    );
    const api = givenReportingApi({ rows: [statusRow(MARKET, { reportId: report.id })], reports: [report] });
    renderApp(formPath());
    expect(await screen.findByText('已恢复上次未保存的填写内容')).toBeInTheDocument();
    expect((await screen.findAllByText('此月报已在其他窗口或由他人修改')).length).toBeGreaterThan(0);
    expect(input('stableJobs')).toHaveValue('9');
    expect(api.patches).toHaveLength(0);
    expect(api.reports.get(report.id)?.stableJobs).toBe(7);
  });

  it('answers a 409 by saying so, overwriting nothing, and loads the latest only when asked', async () => {
    const { api, report } = draftOnServer();
    const { user } = renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    // another tab saves first
    const other = api.reports.get(report.id);
    if (!other) throw new Error('no report');
    api.reports.set(report.id, { ...other, revenueFen: 6_100_000, version: 2 });
    type('revenueFen', '57000');
    expect((await screen.findAllByText('此月报已在其他窗口或由他人修改')).length).toBeGreaterThan(0);
    expect(api.patches).toHaveLength(0);
    expect(api.reports.get(report.id)?.revenueFen).toBe(6_100_000);
    expect(input('revenueFen')).toHaveValue('57,000');
    // typing on saves nothing while in conflict
    type('stableJobs', '8');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.patches).toHaveLength(0);
    // loading the latest first shows what would be replaced
    await user.click(screen.getAllByText('载入最新内容')[0] as HTMLElement);
    expect(await screen.findByText('以下您填写的内容将被最新内容替换：')).toBeInTheDocument();
    expect(screen.getByText('您的填写：57,000')).toBeInTheDocument();
    expect(screen.getByText('最新：61,000.00')).toBeInTheDocument();
    await user.click(screen.getByText('替换为最新内容'));
    await waitFor(() => expect(input('revenueFen')).toHaveValue('61,000.00'));
    expect(input('stableJobs')).toHaveValue('6');
    expect(screen.queryByText('此月报已在其他窗口或由他人修改')).toBeNull();
  });
});

function figuresText(report: ReturnType<typeof reportFixture>) {
  return {
    revenueFen: (report.revenueFen / 100).toFixed(2),
    operatingCostFen: (report.operatingCostFen / 100).toFixed(2),
    stableJobs: String(report.stableJobs),
    temporaryJobs: String(report.temporaryJobs),
    residentsServed: String(report.residentsServed),
    serviceTransactions: String(report.serviceTransactions),
    eldersServed: String(report.eldersServed),
    childrenServed: String(report.childrenServed),
    remittanceDueFen: (report.remittanceDueFen / 100).toFixed(2),
    remittanceReceivedFen: (report.remittanceReceivedFen / 100).toFixed(2),
    serviceRequests: String(report.serviceRequests),
    requestsWithinPromise: String(report.requestsWithinPromise),
  };
}
