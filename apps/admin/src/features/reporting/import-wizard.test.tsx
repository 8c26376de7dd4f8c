import type { ImportCheck, ImportResult } from '@gongfu/contract';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, givenSession, server } from '../../testing/server';
import { openReportMonth } from '../reports/format';
import { givenReportingApi, MARKET, statusRow } from './testing/reporting-fixtures';

const OPEN = openReportMonth();

const problem = (over: Partial<ImportCheck['problems'][number]>): ImportCheck['problems'][number] => ({
  sheet: '潮汐市场',
  row: 2,
  column: 'E',
  columnName: '营业收入（元）',
  code: 'import_bad_money',
  message: '“abc”不是有效金额：请填写不小于 0 的数字，单位为元，最多两位小数',
  blocks: ['draft', 'submit'],
  ...over,
});

const checkOf = (over: Partial<ImportCheck> = {}): ImportCheck => ({
  fileHash: 'a'.repeat(64),
  fileKind: 'xlsx',
  rows: 3,
  months: [OPEN],
  toCreate: 2,
  toUpdate: 1,
  unchangedDraft: 0,
  unchangedSubmit: 0,
  problems: [],
  canDraft: true,
  canSubmit: true,
  ...over,
});

const xlsx = (name = '月报.xlsx') => new File([new Uint8Array([0x50, 0x4b, 3, 4])], name);

interface Seen {
  checks: Array<{ type: string | null; size: number; language: string | null }>;
  imports: Array<{ mode: string | null; type: string | null }>;
}

function givenWorkbookApi(checks: ImportCheck[], result?: ImportResult): Seen {
  const seen: Seen = { checks: [], imports: [] };
  let n = 0;
  server.use(
    http.post(api('/reports/workbook/check'), async ({ request }) => {
      const body = await request.arrayBuffer();
      seen.checks.push({
        type: request.headers.get('content-type'),
        size: body.byteLength,
        language: request.headers.get('accept-language'),
      });
      const answer = checks[Math.min(n, checks.length - 1)] as ImportCheck;
      n += 1;
      return HttpResponse.json(answer);
    }),
    http.post(api('/reports/workbook/import'), ({ request }) => {
      seen.imports.push({
        mode: new URL(request.url).searchParams.get('mode'),
        type: request.headers.get('content-type'),
      });
      return HttpResponse.json(result);
    }),
  );
  return seen;
}

async function openWizard() {
  renderApp('/reporting');
  // the first render loads the page's chunk: on a loaded machine that takes longer than findBy's default second
  const button = await screen.findByRole('button', { name: /导入填好的文件/ }, { timeout: 15_000 });
  await userEvent.click(button);
  return screen.findByRole('dialog');
}

async function pick(dialog: HTMLElement, file: File) {
  const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
  await userEvent.upload(input, file);
}

describe('Excel import wizard', () => {
  afterEach(async () => {
    await changeLanguage('zh-CN');
  });
  beforeEach(() => {
    givenSession(meAs('community_reporter', JINHUI));
    givenReportingApi({ month: OPEN, rows: [statusRow(MARKET)] });
  });

  it('shows every problem by sheet, row and column, then imports a corrected file as submitted', async () => {
    const seen = givenWorkbookApi(
      [
        checkOf({
          problems: [
            problem({}),
            problem({
              row: 3,
              column: 'G',
              columnName: '运营成本（元）',
              code: 'import_explanation_missing',
              message: '运营成本：有营收但无运营成本，提交前须在“情况说明”中说明原因（可先保存为草稿）',
              blocks: ['submit'],
            }),
            problem({
              sheet: '长者食堂',
              row: null,
              column: null,
              columnName: null,
              message: '缺少“月份”列，请使用模板的列',
            }),
          ],
          canDraft: false,
          canSubmit: false,
        }),
        checkOf(),
      ],
      {
        mode: 'submit',
        fileHash: 'a'.repeat(64),
        created: 2,
        updated: 1,
        submitted: 3,
        unchanged: 0,
        reports: [],
      },
    );
    const dialog = await openWizard();
    await pick(dialog, xlsx());

    expect(await within(dialog).findByText('发现 2 个问题，请在 Excel 中修改后重新上传')).toBeInTheDocument();
    expect(within(dialog).getByText('有 1 个问题须在提交前处理，可先导入为草稿')).toBeInTheDocument();
    const table = within(dialog).getByRole('table');
    const rows = [...table.querySelectorAll<HTMLElement>('tbody tr.ant-table-row')];
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      [
        '潮汐市场',
        '2',
        'E 营业收入（元）',
        '“abc”不是有效金额：请填写不小于 0 的数字，单位为元，最多两位小数',
      ],
      [
        '潮汐市场',
        '3',
        'G 运营成本（元）',
        '提交时运营成本：有营收但无运营成本，提交前须在“情况说明”中说明原因（可先保存为草稿）',
      ],
      ['长者食堂', '整个工作表', '', '缺少“月份”列，请使用模板的列'],
    ]);
    expect(within(dialog).getByRole('button', { name: '下一步' })).toBeDisabled();
    // jsdom's XMLHttpRequest re-encodes a File's bytes; a real browser sends them as they are (the e2e flow)
    expect(seen.checks[0]?.size).toBeGreaterThan(0);
    expect(seen.checks[0]).toMatchObject({
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      language: 'zh-CN',
    });

    await userEvent.click(within(dialog).getByRole('button', { name: '重新上传' }));
    await pick(await screen.findByRole('dialog'), xlsx('月报-改.xlsx'));
    expect(await within(dialog).findByText('全部数据通过检查')).toBeInTheDocument();
    expect(within(dialog).getByText('共 3 行：新建 2 份，更新 1 份草稿')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: '下一步' }));
    await userEvent.click(within(dialog).getByRole('radio', { name: /直接提交审核/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: '导入 3 份报表' }));
    expect(await within(dialog).findByText('导入完成')).toBeInTheDocument();
    expect(within(dialog).getByText('新建 2 份，更新 1 份，提交 3 份，未变 0 份')).toBeInTheDocument();
    expect(seen.imports).toEqual([
      { mode: 'submit', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ]);
  });

  it('offers drafts only when flagged figures lack explanations, and sends a CSV as text/csv', async () => {
    const seen = givenWorkbookApi(
      [
        checkOf({
          problems: [
            problem({ code: 'import_explanation_missing', message: '运营成本：……', blocks: ['submit'] }),
          ],
          canSubmit: false,
        }),
      ],
      {
        mode: 'draft',
        fileHash: 'a'.repeat(64),
        created: 2,
        updated: 1,
        submitted: 0,
        unchanged: 0,
        reports: [],
      },
    );
    const dialog = await openWizard();
    await pick(dialog, new File(['系统编号,月份\n'], 'reports.csv'));
    await userEvent.click(await within(dialog).findByRole('button', { name: '下一步' }));
    expect(within(dialog).getByRole('radio', { name: /直接提交审核/ })).toBeDisabled();
    expect(within(dialog).getByText('存在需说明的异常数据，不能直接提交')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: '导入 3 份报表' }));
    expect(await within(dialog).findByText('导入完成')).toBeInTheDocument();
    expect(seen.checks[0]?.type).toBe('text/csv');
    expect(seen.imports[0]?.mode).toBe('draft');
  });

  it('refuses a file that is neither .xlsx nor .csv before sending it, and says what the API refused', async () => {
    const seen = givenWorkbookApi([checkOf()]);
    server.use(
      http.post(api('/reports/workbook/check'), () =>
        HttpResponse.json(
          {
            error: {
              code: 'workbook_unsafe',
              message: '文件解压后过大或结构异常（疑似压缩炸弹），已拒绝读取',
            },
          },
          { status: 422 },
        ),
      ),
    );
    const dialog = await openWizard();
    // the input's accept attribute would hide it in a browser; a drop can still bring one
    await userEvent.upload(
      dialog.querySelector('input[type="file"]') as HTMLInputElement,
      new File(['x'], 'a.pdf'),
      {
        applyAccept: false,
      },
    );
    expect(await within(dialog).findByText('只能上传 .xlsx 或 .csv 文件')).toBeInTheDocument();
    expect(seen.checks).toHaveLength(0);
    await pick(dialog, xlsx());
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('疑似压缩炸弹');
  });

  it('speaks English', async () => {
    let language: string | null = null;
    const seenLanguage = () => language;
    server.use(
      http.post(api('/reports/workbook/check'), ({ request }) => {
        language = request.headers.get('accept-language');
        // one of each: English reads them singular (it once read "1 new reports")
        return HttpResponse.json(checkOf({ rows: 2, toCreate: 1, toUpdate: 1 }));
      }),
    );
    await changeLanguage('en');
    renderApp('/reporting');
    expect(await screen.findByText('Fill in with Excel')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Download template/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Import a filled file/ }));
    const dialog = await screen.findByRole('dialog');
    await pick(dialog, xlsx());
    expect(await within(dialog).findByText('Every row passed the checks')).toBeInTheDocument();
    expect(within(dialog).getByText('Rows: 2 (1 new report, 1 draft updated)')).toBeInTheDocument();
    expect(seenLanguage()).toBe('en');
  });
});
