import type { ReportHistory } from '@gongfu/contract';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, givenSession, server } from '../../testing/server';
import {
  formPath,
  givenReportingApi,
  historyFixture,
  MARKET,
  MONTH,
  REVIEWER_ID,
  reportFixture,
  statusRow,
} from './testing/reporting-fixtures';
import { autosaveTiming } from './use-autosave';

const input = (field: string) => document.getElementById(`figure-${field}`) as HTMLInputElement;
const type = (field: string, text: string) => fireEvent.change(input(field), { target: { value: text } });
// the footer's button (a closed confirmation may still be in the document)
const submitButton = () =>
  within(screen.getByRole('region', { name: '提交审核' })).getByRole('button', { name: '提交审核' });
const unitOf = (field: string) => document.getElementById(`figure-${field}-unit`)?.textContent;
/** The reference beside a figure once the history has come, and its lines (the month's, then the figure's). */
const historyHint = (field: string) =>
  waitFor(() => {
    const hint = document.getElementById(`figure-${field}-history`);
    expect(hint?.children.length).toBe(2);
    return hint as HTMLElement;
  });
const lines = (hint: HTMLElement) => Array.from(hint.children, (line) => line.textContent);
/** The 12 months' line beside a figure with its caption, once the history has come. */
const trendOf = (field: string) =>
  waitFor(() => {
    const trend = document.getElementById(`figure-${field}-trend`);
    expect(trend).not.toBeNull();
    return trend as HTMLElement;
  });
const STALE = '数值已修改，请确认情况说明仍然适用';
const explanationBox = () =>
  document.getElementById('figure-operatingCostFen-explanation') as HTMLTextAreaElement | null;
/** The tag beside the cost's 情况说明 label, in words (the tick by its label), or null when there is none. */
const explanationTag = () => {
  const tag = document.querySelector('label[for="figure-operatingCostFen-explanation"] .ant-tag');
  if (!tag) return null;
  return tag.querySelector('[aria-label]')?.getAttribute('aria-label') ?? tag.textContent;
};

const defaultTiming = { ...autosaveTiming };
beforeEach(() => {
  autosaveTiming.debounceMs = 200;
  Element.prototype.scrollIntoView = () => {};
  givenSession(meAs('community_reporter', JINHUI));
});
afterEach(async () => {
  Object.assign(autosaveTiming, defaultTiming);
  await changeLanguage('zh-CN');
});

function onServer(overrides: Parameters<typeof reportFixture>[0] = {}) {
  const report = reportFixture(overrides);
  const api = givenReportingApi({
    rows: [statusRow(MARKET, { status: 'draft', reportId: report.id, reportStatus: report.status })],
    reports: [report],
  });
  return { report, api };
}

/** The venture's history answered instead of the steady twelve approved months. */
function givenHistory(edit: (history: ReportHistory) => ReportHistory) {
  server.use(
    http.get(api('/reports/history'), () => HttpResponse.json(edit(historyFixture(MARKET.id, MONTH)))),
  );
}

describe('report form: units', () => {
  it('shows each figure’s unit once, inside its input, from the domain’s definitions', async () => {
    onServer();
    renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    expect(unitOf('revenueFen')).toBe('元');
    expect(unitOf('stableJobs')).toBe('个');
    expect(unitOf('residentsServed')).toBe('人');
    expect(unitOf('serviceTransactions')).toBe('人次');
    expect(unitOf('eldersServed')).toBe('人');
    expect(unitOf('childrenServed')).toBe('人');
    expect(unitOf('serviceRequests')).toBe('次');
    // the label names the figure; the unit is not repeated there
    expect(document.querySelector('label[for="figure-revenueFen"]')?.textContent).toBe('营业收入');
    // a screen reader hears the unit with the field
    expect(input('residentsServed')).toHaveAttribute(
      'aria-describedby',
      expect.stringContaining('figure-residentsServed-unit'),
    );
  });

  it('in English', async () => {
    await changeLanguage('en');
    onServer();
    renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    expect(unitOf('revenueFen')).toBe('yuan');
    expect(unitOf('stableJobs')).toBe('jobs');
    expect(unitOf('residentsServed')).toBe('people');
    expect(unitOf('serviceTransactions')).toBe('visits');
    expect(document.querySelector('label[for="figure-revenueFen"]')?.textContent).toBe('Operating revenue');
  });
});

describe('report form: blank figures', () => {
  it('counts the blanks beside submit, names them when submitting, and sends them as 0', async () => {
    const { api } = onServer({ temporaryJobs: 0, serviceTransactions: 0 });
    // no history: no blank is flagged, so nothing but this asks about them
    givenHistory((h) => ({ ...h, months: h.months.map((m) => ({ ...m, status: null, figures: null })) }));
    const { user } = renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    expect(input('temporaryJobs')).toHaveValue('');
    expect(await screen.findByText('还有 2 项未填，提交时按 0 计')).toBeInTheDocument();

    // a draft with blanks still saves
    type('stableJobs', '7');
    await waitFor(() => expect(api.patches).toHaveLength(1));
    expect(api.patches[0]).toMatchObject({ stableJobs: 7, temporaryJobs: 0, serviceTransactions: 0 });

    await user.click(submitButton());
    let dialog = (await screen.findAllByText('确认提交 2026年11月 月报？'))[0]?.closest(
      '.ant-modal',
    ) as HTMLElement;
    expect(within(dialog).getByText('以下 2 项未填，将按 0 提交：')).toBeInTheDocument();
    expect(within(dialog).getByText('临时就业岗位、服务人次')).toBeInTheDocument();
    // going back leads to the first blank
    await user.click(within(dialog).getByRole('button', { name: '返回填写' }));
    await waitFor(() => expect(document.activeElement).toBe(input('temporaryJobs')));
    expect(api.transitions).toHaveLength(0);

    type('temporaryJobs', '3');
    expect(await screen.findByText('还有 1 项未填，提交时按 0 计')).toBeInTheDocument();
    await waitFor(() => expect(api.patches.at(-1)).toMatchObject({ temporaryJobs: 3 }));
    await user.click(submitButton());
    await waitFor(() =>
      expect(
        screen.getAllByText('确认提交 2026年11月 月报？').some((e) => e.closest('.ant-modal') !== dialog),
      ).toBe(true),
    );
    dialog = screen
      .getAllByText('确认提交 2026年11月 月报？')
      .map((e) => e.closest('.ant-modal') as HTMLElement)
      .find((e) => e !== dialog) as HTMLElement;
    expect(within(dialog).getByText('以下 1 项未填，将按 0 提交：')).toBeInTheDocument();
    expect(within(dialog).getByText('服务人次')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '提交审核' }));
    await waitFor(() => expect(api.transitions).toMatchObject([{ action: 'submit' }]));
  });

  it('a typed 0 is saved as typed and comes back as 0, not as a blank (ADR 0042)', async () => {
    const { api } = onServer({
      temporaryJobs: 0,
      serviceTransactions: 0,
      eldersServed: 0,
      typedZeros: ['eldersServed'],
    });
    givenHistory((h) => ({ ...h, months: h.months.map((m) => ({ ...m, status: null, figures: null })) }));
    renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    // the 0 typed before shows as 0; the zeros never typed stay blank
    expect(input('eldersServed')).toHaveValue('0');
    expect(input('temporaryJobs')).toHaveValue('');
    expect(input('serviceTransactions')).toHaveValue('');
    expect(await screen.findByText('还有 2 项未填，提交时按 0 计')).toBeInTheDocument();

    type('temporaryJobs', '0');
    expect(await screen.findByText('还有 1 项未填，提交时按 0 计')).toBeInTheDocument();
    await waitFor(() => expect(api.patches).toHaveLength(1));
    expect(api.patches[0]).toMatchObject({
      temporaryJobs: 0,
      serviceTransactions: 0,
      typedZeros: ['temporaryJobs', 'eldersServed'],
    });
  });

  it('asks nothing more when every figure is filled', async () => {
    const { api } = onServer();
    const { user } = renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    expect(screen.queryByText(/项未填/)).toBeNull();
    await user.click(submitButton());
    const dialog = (await screen.findAllByText('确认提交 2026年11月 月报？'))[0]?.closest(
      '.ant-modal',
    ) as HTMLElement;
    expect(within(dialog).queryByText(/项未填/)).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: '提交审核' }));
    await waitFor(() => expect(api.transitions).toMatchObject([{ action: 'submit' }]));
  });

  it('in English', async () => {
    await changeLanguage('en');
    onServer({ temporaryJobs: 0 });
    givenHistory((h) => ({ ...h, months: h.months.map((m) => ({ ...m, status: null, figures: null })) }));
    const { user } = renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    expect(await screen.findByText('1 left blank, sent as 0 when you submit')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit for review' }));
    expect(await screen.findByText('Left blank, sent as 0 (1):')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back to the form' })).toBeInTheDocument();
  });
});

describe('report form: the reference beside each figure', () => {
  it('says it is the latest approved month, which skips a month still under review', async () => {
    onServer();
    // October was submitted and awaits review: its figures are not in the history
    givenHistory((h) => ({
      ...h,
      months: h.months.map((m) =>
        m.month === '2026-10' ? { ...m, status: 'submitted' as const, figures: null } : m,
      ),
    }));
    renderApp(formPath());
    const hint = await historyHint('revenueFen');
    expect(lines(hint)).toEqual(['最近审核通过：2026年9月', '56,000.00 元']);
    // the month is never broken inside, whatever the column's width
    expect(within(hint).getByText('2026年9月')).toHaveStyle({ whiteSpace: 'nowrap' });
  });

  it('in English, where the month and the figure wrap only between them', async () => {
    await changeLanguage('en');
    onServer();
    renderApp(formPath());
    const hint = await historyHint('stableJobs');
    expect(lines(hint)).toEqual(['Last approved: Oct 2026', '6']);
    expect(within(hint).getByText('Oct 2026')).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(lines(await historyHint('revenueFen'))).toEqual(['Last approved: Oct 2026', '57,500.00 yuan']);
  });

  it('says what the line beside a figure covers, with the lowest and highest of its months at a desk', async () => {
    onServer();
    renderApp(formPath());
    const trend = await trendOf('revenueFen');
    // the line is drawn for the eye only; its words say what it is
    expect(trend.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    // the fixture's months wobble ¥1,500 around ¥56,000
    expect(lines(trend.lastElementChild as HTMLElement)).toEqual(['近 12 个月', '54,500.00 – 57,500.00 元']);
    expect(lines((await trendOf('stableJobs')).lastElementChild as HTMLElement)).toEqual([
      '近 12 个月',
      '各月均为 6',
    ]);
    // beside the latest approved month, not under it: the row's right half is the reference's
    expect(document.getElementById('figure-revenueFen-history')?.nextElementSibling).toBe(trend);
  });

  it('in English, and on a phone with the caption only (no room for the range)', async () => {
    await changeLanguage('en');
    onServer();
    let view = renderApp(formPath());
    expect(lines((await trendOf('revenueFen')).lastElementChild as HTMLElement)).toEqual([
      'Last 12 months',
      '54,500.00 – 57,500.00 yuan',
    ]);
    expect(lines((await trendOf('stableJobs')).lastElementChild as HTMLElement)).toEqual([
      'Last 12 months',
      '6 every month',
    ]);
    view.unmount();
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      view = renderApp(formPath());
      const trend = await trendOf('revenueFen');
      expect(lines(trend.lastElementChild as HTMLElement)).toEqual(['Last 12 months']);
      // first on a phone, the latest month beside it
      expect(trend.nextElementSibling).toBe(document.getElementById('figure-revenueFen-history'));
    } finally {
      view.unmount();
      window.innerWidth = width;
    }
  });
});

describe('report form: an explanation after its figure changed', () => {
  it('warns under the explanation until it is rewritten or confirmed, and blocks nothing', async () => {
    // a cost below the usual range (¥35,700 – ¥48,300), explained
    const { api } = onServer({
      operatingCostFen: 3_000_000,
      explanations: { operatingCostFen: '本月房租减免' },
    });
    const { user } = renderApp(formPath());
    const explanation = await waitFor(() => {
      const box = document.getElementById('figure-operatingCostFen-explanation');
      expect(box).toHaveValue('本月房租减免');
      return box as HTMLTextAreaElement;
    });
    expect(screen.queryByText('数值已修改，请确认情况说明仍然适用')).toBeNull();

    // corrected, still outside the range: the old explanation would satisfy the flag unread
    type('operatingCostFen', '29000');
    expect(await screen.findByText('数值已修改，请确认情况说明仍然适用')).toBeInTheDocument();
    expect(explanation).toHaveAttribute('aria-describedby', 'figure-operatingCostFen-explanation-stale');
    await waitFor(() => expect(api.patches.at(-1)).toMatchObject({ operatingCostFen: 2_900_000 }));

    // the clerk says it still applies
    await user.click(screen.getByRole('button', { name: '仍然适用' }));
    expect(screen.queryByText('数值已修改，请确认情况说明仍然适用')).toBeNull();

    // changed again, then the explanation rewritten for it
    type('operatingCostFen', '28000');
    expect(await screen.findByText('数值已修改，请确认情况说明仍然适用')).toBeInTheDocument();
    fireEvent.change(explanation, { target: { value: '本月房租减免两千元' } });
    await waitFor(() => expect(screen.queryByText('数值已修改，请确认情况说明仍然适用')).toBeNull());
    // the same figure written otherwise is no change
    type('operatingCostFen', '28,000.00');
    expect(screen.queryByText('数值已修改，请确认情况说明仍然适用')).toBeNull();

    // nothing blocked: submit goes ahead
    await user.click(submitButton());
    expect((await screen.findAllByText('确认提交 2026年11月 月报？')).length).toBeGreaterThan(0);
  });

  it('asks also when the new figure clears the flag, and after a reload, until it is confirmed', async () => {
    // the clerk's case: a cost of 0 explained (revenue without cost is flagged), then the real cost typed in,
    // which is inside the usual range (¥35,700 – ¥48,300): the flag goes, the explanation would go on unread
    const { api, report } = onServer({
      operatingCostFen: 0,
      typedZeros: ['operatingCostFen'],
      explanations: { operatingCostFen: '场地由社区无偿提供' },
    });
    let view = renderApp(formPath());
    await waitFor(() => expect(explanationBox()).toHaveValue('场地由社区无偿提供'));
    expect(explanationTag()).toBe('已说明');
    expect(screen.queryByText(STALE)).toBeNull();

    type('operatingCostFen', '41,234.56');
    expect(await screen.findByText(STALE)).toBeInTheDocument();
    expect(screen.queryByText(/有营业收入但运营成本为 0/)).toBeNull();
    // no longer ticked, still in sight, and named beside submit
    expect(explanationBox()).toHaveValue('场地由社区无偿提供');
    expect(explanationTag()).toBe('待确认');
    expect(screen.getByText('有 1 项情况说明待确认')).toBeInTheDocument();
    // the explanation still goes with the new figure (the API is not asked to judge it)
    await waitFor(() =>
      expect(api.patches.at(-1)).toMatchObject({
        operatingCostFen: 4_123_456,
        explanations: { operatingCostFen: '场地由社区无偿提供' },
      }),
    );

    // the report now holds the new figure with the old explanation: a reload still asks
    view.unmount();
    cleanup();
    view = renderApp(formPath());
    await waitFor(() => expect(input('operatingCostFen')).toHaveValue('41,234.56'));
    expect(await screen.findByText(STALE)).toBeInTheDocument();

    // confirmed: asked no more, here or after the next reload; the explanation stays in sight, unticked (no flag)
    await view.user.click(screen.getByRole('button', { name: '仍然适用' }));
    expect(screen.queryByText(STALE)).toBeNull();
    expect(screen.queryByText(/项情况说明待确认/)).toBeNull();
    expect(explanationBox()).toHaveValue('场地由社区无偿提供');
    expect(explanationTag()).toBeNull();
    view.unmount();
    cleanup();
    renderApp(formPath());
    await waitFor(() => expect(explanationBox()).toHaveValue('场地由社区无偿提供'));
    expect(screen.queryByText(STALE)).toBeNull();
    expect(api.reports.get(report.id)?.operatingCostFen).toBe(4_123_456);
  });

  it('asks on a returned report whose figure moved from the one submitted, on any device', async () => {
    // submitted with a cost of 0 and its explanation, returned, the real cost typed in elsewhere and saved: this
    // device kept nothing, the report's flags still say what the explanation was submitted with
    const { api } = onServer({
      status: 'returned',
      reviewedBy: REVIEWER_ID,
      reviewComment: '运营成本为 0 不合理',
      returnedFields: ['operatingCostFen'],
      operatingCostFen: 4_123_456,
      residentsServed: 0,
      explanations: { operatingCostFen: '场地由社区无偿提供', residentsServed: '本月停业装修' },
      flags: [
        {
          field: 'operatingCostFen',
          rule: 'cost_missing',
          value: 0,
          expectedLow: null,
          expectedHigh: null,
          reference: 5_600_000,
        },
        {
          field: 'residentsServed',
          rule: 'outlier',
          value: 0,
          expectedLow: 2_400,
          expectedHigh: 2_800,
          reference: 2_600,
        },
      ],
    });
    const { user } = renderApp(formPath());
    expect(await screen.findByText(STALE)).toBeInTheDocument();
    expect(explanationTag()).toBe('待确认');
    // a figure left blank and explained when submitted keeps its flag in sight beside its explanation (0 was
    // submitted, 0 it is: nothing to ask)
    expect(input('residentsServed')).toHaveValue('');
    await waitFor(() =>
      expect(document.getElementById('figure-residentsServed-flag')).toHaveTextContent(
        /低于该项目近 12 个月/,
      ),
    );
    expect(document.getElementById('figure-residentsServed-explanation')).toHaveValue('本月停业装修');
    expect(screen.getAllByText(STALE)).toHaveLength(1);

    // confirmed here: not asked again on this device
    await user.click(screen.getByRole('button', { name: '仍然适用' }));
    expect(screen.queryByText(STALE)).toBeNull();
    cleanup();
    renderApp(formPath());
    await waitFor(() => expect(explanationBox()).toHaveValue('场地由社区无偿提供'));
    expect(screen.queryByText(STALE)).toBeNull();
    expect(api.patches).toHaveLength(0);
  });

  it('keeps what each explanation answers on this device while the report can change, and drops it once approved', async () => {
    const { report } = onServer({ explanations: { operatingCostFen: '本月房租减免' } });
    const key = `gongfu.report-explained.${report.id}`;
    let view = renderApp(formPath());
    await waitFor(() => expect(window.localStorage.getItem(key)).not.toBeNull());
    expect(JSON.parse(window.localStorage.getItem(key) ?? '{}')).toEqual({
      operatingCostFen: { figure: '42,000.00', explanation: '本月房租减免' },
    });
    view.unmount();
    cleanup();
    const approved = onServer({ status: 'approved', explanations: { operatingCostFen: '本月房租减免' } });
    window.localStorage.setItem(`gongfu.report-explained.${approved.report.id}`, '{"operatingCostFen":{}}');
    view = renderApp(formPath());
    await waitFor(() =>
      expect(window.localStorage.getItem(`gongfu.report-explained.${approved.report.id}`)).toBeNull(),
    );
  });

  it('lets an explanation no flag asks for any more be removed', async () => {
    const { api } = onServer({
      operatingCostFen: 0,
      typedZeros: ['operatingCostFen'],
      explanations: { operatingCostFen: '场地由社区无偿提供' },
    });
    const { user } = renderApp(formPath());
    await waitFor(() => expect(explanationBox()).toHaveValue('场地由社区无偿提供'));
    type('operatingCostFen', '41234.56');
    await user.click(await screen.findByRole('button', { name: '不再适用，删除' }));
    expect(explanationBox()).toBeNull();
    expect(screen.queryByText(STALE)).toBeNull();
    await waitFor(() =>
      expect(api.patches.at(-1)).toMatchObject({ operatingCostFen: 4_123_456, explanations: {} }),
    );
  });

  it('asks again after a conflict’s latest keeps the same explanation', async () => {
    // another window saved the new figure with the old explanation: loading it does not take the question away
    const { api, report } = onServer({
      operatingCostFen: 0,
      typedZeros: ['operatingCostFen'],
      explanations: { operatingCostFen: '场地由社区无偿提供' },
    });
    const { user } = renderApp(formPath());
    await waitFor(() => expect(explanationBox()).toHaveValue('场地由社区无偿提供'));
    api.patchFailures.push(409);
    type('operatingCostFen', '41234.56');
    expect((await screen.findAllByText('此月报已在其他窗口或由他人修改')).length).toBeGreaterThan(0);
    const stored = api.reports.get(report.id);
    if (stored) api.reports.set(report.id, { ...stored, operatingCostFen: 4_123_456, version: 2 });
    await user.click(screen.getAllByRole('button', { name: '载入最新内容' })[0] as HTMLElement);
    await user.click(await screen.findByRole('button', { name: '替换为最新内容' }));
    await waitFor(() => expect(input('operatingCostFen')).toHaveValue('41,234.56'));
    expect(await screen.findByText(STALE)).toBeInTheDocument();
  });

  it('in English', async () => {
    await changeLanguage('en');
    onServer({ operatingCostFen: 3_000_000, explanations: { operatingCostFen: 'Rent waived' } });
    renderApp(formPath());
    await waitFor(() =>
      expect(document.getElementById('figure-operatingCostFen-explanation')).toHaveValue('Rent waived'),
    );
    type('operatingCostFen', '29000');
    expect(
      await screen.findByText('The figure changed: check the explanation still applies'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'It still applies' })).toBeInTheDocument();
    expect(explanationTag()).toBe('To confirm');
    expect(screen.getByText('1 explanation to check')).toBeInTheDocument();
    // still flagged: an explanation is wanted, so it is rewritten rather than removed
    expect(screen.queryByRole('button', { name: 'No longer applies: remove it' })).toBeNull();
    type('operatingCostFen', '42000');
    expect(await screen.findByRole('button', { name: 'No longer applies: remove it' })).toBeInTheDocument();
  });
});
