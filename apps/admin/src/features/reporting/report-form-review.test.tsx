import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { givenSession } from '../../testing/server';
import {
  formPath,
  givenReportingApi,
  MARKET,
  REVIEWER_ID,
  reportFixture,
  statusRow,
} from './testing/reporting-fixtures';
import { autosaveTiming } from './use-autosave';

const input = (field: string) => document.getElementById(`figure-${field}`) as HTMLInputElement;
const type = (field: string, text: string) => fireEvent.change(input(field), { target: { value: text } });

const defaultTiming = { ...autosaveTiming };
beforeEach(() => {
  autosaveTiming.debounceMs = 200;
  // jsdom lays nothing out: the footer's error list scrolls to a field
  Element.prototype.scrollIntoView = () => {};
  givenSession(meAs('community_reporter', JINHUI));
});
afterEach(() => Object.assign(autosaveTiming, defaultTiming));

function onServer(overrides: Parameters<typeof reportFixture>[0] = {}) {
  const report = reportFixture(overrides);
  const api = givenReportingApi({
    rows: [statusRow(MARKET, { status: 'draft', reportId: report.id, reportStatus: report.status })],
    reports: [report],
  });
  return { report, api };
}

describe('report form: plausibility and submit', () => {
  it('flags a figure outside the usual range, blocks submit until it is explained, then submits', async () => {
    const { api, report } = onServer();
    const { user } = renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    type('revenueFen', '98000');
    // the domain's rule with the 12-month history: the expected range formatted in 元, the value above it
    expect(
      await screen.findByText(/^高于该项目近 12 个月的常见范围（\d[\d,]*\.\d\d 元 – \d[\d,]*\.\d\d 元）$/),
    ).toBeInTheDocument();
    const explanation = document.getElementById('figure-revenueFen-explanation') as HTMLTextAreaElement;
    expect(explanation).toBeInTheDocument();

    await user.click(screen.getByText('提交审核'));
    expect(await screen.findByText('营业收入：请填写情况说明')).toBeInTheDocument();
    expect(screen.getByText('还有 1 处需要处理')).toBeInTheDocument();
    expect(api.transitions).toHaveLength(0);

    fireEvent.change(explanation, { target: { value: '国庆集市客流增加' } });
    await waitFor(() =>
      expect(api.patches.at(-1)).toMatchObject({
        revenueFen: 9_800_000,
        explanations: { revenueFen: '国庆集市客流增加' },
      }),
    );
    await user.click(screen.getByText('提交审核'));
    // the confirm dialog says what is sent: venture, month, key figures, flags with their explanations
    const dialog = (await screen.findAllByText('确认提交 2026年11月 月报？'))[0]?.closest(
      '.ant-modal',
    ) as HTMLElement;
    expect(within(dialog).getByText(/金汇社区 · 金汇潮汐市场 · 2026年11月/)).toBeInTheDocument();
    expect(within(dialog).getByText('营业收入：98,000.00 元')).toBeInTheDocument();
    expect(within(dialog).getByText('利润：56,000.00 元')).toBeInTheDocument();
    expect(within(dialog).getByText('营业收入 98,000.00 元：国庆集市客流增加')).toBeInTheDocument();
    await user.click(within(dialog).getByText('提交审核'));
    await waitFor(() => expect(api.transitions).toMatchObject([{ action: 'submit' }]));
    // read only afterwards
    expect(await screen.findByText('已提交，等待区级审核')).toBeInTheDocument();
    expect(input('revenueFen')).toHaveAttribute('readonly');
    expect(api.reports.get(report.id)?.status).toBe('submitted');
  });

  it('says 低于 for a figure below the usual range, not 超出', async () => {
    onServer();
    renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    type('residentsServed', '0');
    // the history's steady 2,600 with the spread's floor of 5 %: 2,210 – 2,990
    expect(await screen.findByText('低于该项目近 12 个月的常见范围（2,210 – 2,990）')).toBeInTheDocument();
    expect(screen.queryByText(/超出该项目/)).toBeNull();
  });

  it('puts a field error from a refused submit on its field', async () => {
    const { api } = onServer();
    api.submitFieldErrors = { remittanceReceivedFen: '实收上缴高于应缴，请填写说明' };
    const { user } = renderApp(formPath());
    await waitFor(() => expect(input('revenueFen')).toHaveValue('56,000.00'));
    await user.click(screen.getByText('提交审核'));
    const dialog = (await screen.findAllByText('确认提交 2026年11月 月报？'))[0]?.closest(
      '.ant-modal',
    ) as HTMLElement;
    await user.click(within(dialog).getByText('提交审核'));
    const error = await screen.findByText('实收上缴高于应缴，请填写说明', { selector: '[role="alert"]' });
    expect(error.id).toBe('figure-remittanceReceivedFen-error');
    expect(input('remittanceReceivedFen')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('report form: after review', () => {
  it('opens a returned report with the reviewer’s comment and the named figures highlighted', async () => {
    onServer({
      status: 'returned',
      reviewComment: '营业收入与台账不符，请核对',
      reviewedBy: REVIEWER_ID,
      returnedFields: ['revenueFen'],
    });
    renderApp(formPath());
    expect(await screen.findByText('该月报被退回，请修改后重新提交')).toBeInTheDocument();
    expect(screen.getByText('营业收入与台账不符，请核对')).toBeInTheDocument();
    expect(screen.getByText('审核人要求核对：营业收入')).toBeInTheDocument();
    // the field says it in words (and an icon), not in colour alone
    expect(document.getElementById('figure-revenueFen-returned')).toHaveTextContent('审核人要求核对此项');
    expect(input('revenueFen')).toHaveAttribute(
      'aria-describedby',
      expect.stringContaining('figure-revenueFen-returned'),
    );
    expect(document.getElementById('figure-operatingCostFen-returned')).toBeNull();
    expect(input('revenueFen')).not.toHaveAttribute('readonly');
  });

  it('shows what an approval posted, per fund, exact to the fen; amending asks a reason and opens the new revision', async () => {
    const { api, report } = onServer({
      status: 'approved',
      reviewedBy: REVIEWER_ID,
      reviewedAt: '2026-12-03T02:00:00.000Z',
      events: [
        ...reportFixture().events,
        {
          id: '99999999-8888-4888-8888-999999999991',
          action: 'approve',
          fromStatus: 'submitted',
          toStatus: 'approved',
          actorUserId: REVIEWER_ID,
          comment: null,
          // 2026-12-04 00:30 in Shanghai: the day the office read
          at: '2026-12-03T16:30:00.000Z',
        },
      ],
      postings: [
        {
          entryId: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000001',
          fundId: 'cccccccc-cccc-4ccc-8ccc-000000000001',
          fundKind: 'governance_special',
          kind: 'allocation',
          direction: 1,
          amountFen: 560_001,
          postingKey: null,
        },
        {
          entryId: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000002',
          fundId: 'cccccccc-cccc-4ccc-8ccc-000000000002',
          fundKind: 'reserve',
          kind: 'allocation',
          direction: 1,
          amountFen: 839_999,
          postingKey: null,
        },
      ],
    });
    const { user } = renderApp(formPath());
    expect(await screen.findByText('已审核通过')).toBeInTheDocument();
    // posted, not "to be posted", on the day of the approval
    expect(screen.getByText('已于 2026-12-04 计入社区基金')).toBeInTheDocument();
    expect(screen.queryByText('审核通过后计入社区基金')).toBeNull();
    expect(screen.getByText('社区治理专项资金')).toBeInTheDocument();
    expect(screen.getByText('+5,600.01 元')).toBeInTheDocument();
    expect(screen.getByText('公积金（储备）')).toBeInTheDocument();
    expect(screen.getByText('+8,399.99 元')).toBeInTheDocument();
    // their sum, and what it is: the clerk can check it against the report's profit and remittance
    expect(
      screen.getByText(/^合计 14,000\.00 元：可分配收益（利润中社区持股所得 \+ 实收上缴）/),
    ).toBeInTheDocument();
    expect(input('revenueFen')).toHaveAttribute('readonly');

    await user.click(screen.getByText('提交更正'));
    const dialog = (await screen.findByText('更正已审核的月报')).closest('.ant-modal') as HTMLElement;
    await user.click(within(dialog).getByRole('button', { name: '提交更正' }));
    expect(await within(dialog).findByText('请填写更正原因')).toBeInTheDocument();
    expect(api.transitions).toHaveLength(0);
    await user.type(within(dialog).getByLabelText('更正原因'), '成本漏记一笔');
    await user.click(within(dialog).getByRole('button', { name: '提交更正' }));
    await waitFor(() =>
      expect(api.transitions).toMatchObject([{ action: 'amend', body: { comment: '成本漏记一笔' } }]),
    );
    // the new draft revision opens, editable
    expect(await screen.findByText('第 2 版（更正）')).toBeInTheDocument();
    expect(screen.getByText('更正原因：成本漏记一笔')).toBeInTheDocument();
    await waitFor(() => expect(input('revenueFen')).not.toHaveAttribute('readonly'));
    expect(api.reports.get(report.id)?.status).toBe('approved');
  });

  it('says an approval with nothing to distribute posted nothing', async () => {
    onServer({ status: 'approved', reviewedBy: REVIEWER_ID, reviewedAt: '2026-12-03T02:00:00.000Z' });
    renderApp(formPath());
    expect(await screen.findByText('本月没有可分配的收益，未计入基金')).toBeInTheDocument();
    expect(screen.queryByText(/计入社区基金/)).toBeNull();
  });

  it('says when an approval posted, in English', async () => {
    await changeLanguage('en');
    try {
      onServer({
        status: 'locked',
        reviewedBy: REVIEWER_ID,
        // no approve event kept: the review's time says it
        reviewedAt: '2026-12-03T02:00:00.000Z',
        postings: [
          {
            entryId: 'bbbbbbbb-bbbb-4bbb-8bbb-000000000001',
            fundId: 'cccccccc-cccc-4ccc-8ccc-000000000001',
            fundKind: 'governance_special',
            kind: 'allocation',
            direction: 1,
            amountFen: 560_001,
            postingKey: null,
          },
        ],
      });
      renderApp(formPath());
      expect(await screen.findByText('Booked to the community’s funds on 2026-12-03')).toBeInTheDocument();
    } finally {
      await changeLanguage('zh-CN');
    }
  });
});
