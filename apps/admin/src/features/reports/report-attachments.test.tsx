import type { ReportDetail, ReportListItem } from '@gongfu/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { changeLanguage } from '../../lib/i18n';
import { JINHUI, meAs } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { api, errorBody, givenSession, server } from '../../testing/server';
import {
  formPath,
  givenReportingApi,
  historyFixture,
  MARKET,
  MONTH,
  reportFixture,
  statusRow,
} from '../reporting/testing/reporting-fixtures';
import { attachmentFixture, givenAttachmentsApi, PDF_BYTES } from './testing/attachments-server';

const MB = 1024 * 1024;

/** The attachments card, once its list has loaded (its title carries the count). */
async function attachmentsCard(count: number): Promise<HTMLElement> {
  // 附件（2/20） while files can be added, 附件（2） when the list is read only
  const title = await screen.findByText(new RegExp(`^附件（${count}(/20)?）$`));
  return title.closest('.ant-card') as HTMLElement;
}
const fileInput = (card: HTMLElement) => card.querySelector('input[type="file"]') as HTMLInputElement | null;
/** The line under a file's name: its size, who uploaded it and when. */
const meta = (card: HTMLElement, name: string) =>
  within(card).getByText(name).parentElement?.querySelector('div')?.textContent;
/** Files as a user picks them ("all files" in the picker) or drops them: the accept list filters nothing. */
const choose = (input: HTMLInputElement, files: File[]) => fireEvent.change(input, { target: { files } });

function draftOnServer(overrides: Partial<ReportDetail> = {}) {
  const report = reportFixture(overrides);
  givenReportingApi({
    rows: [statusRow(MARKET, { status: 'draft', reportId: report.id, reportStatus: report.status })],
    reports: [report],
  });
  return report;
}

beforeEach(() => {
  givenSession(meAs('community_reporter', JINHUI));
  // jsdom has no object URLs; the links to them are what a test reads
  URL.createObjectURL = vi.fn(() => 'blob:http://localhost/attachment');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => vi.restoreAllMocks());

describe('attachments on the clerk’s report form', () => {
  it('lists the files: kind, name, size, who uploaded them (我 for oneself) and when, by the Beijing clock', async () => {
    const report = draftOnServer();
    givenAttachmentsApi({
      items: [
        attachmentFixture({ reportId: report.id }),
        attachmentFixture({
          reportId: report.id,
          fileName: '台账照片.jpg',
          kind: 'image',
          mediaType: 'image/jpeg',
          byteSize: Math.round(2.5 * MB),
          uploadedByUserId: meAs('community_reporter', JINHUI).user.id,
          uploadedByName: '测试用户',
          // 16:05 UTC is 00:05 the next day in Beijing
          uploadedAt: '2026-12-02T16:05:00.000Z',
        }),
      ],
    });
    renderApp(formPath());
    const card = await attachmentsCard(2);
    const inCard = within(card);
    expect(inCard.getByText('2026年11月发票.pdf')).toHaveAttribute(
      'href',
      expect.stringMatching(new RegExp(`/api/v1/reports/${report.id}/attachments/`)),
    );
    expect(meta(card, '2026年11月发票.pdf')).toBe('85 KB · 上传人：张会计 · 2026-12-02 09:30');
    expect(inCard.getByText('台账照片.jpg')).toBeInTheDocument();
    expect(meta(card, '台账照片.jpg')).toBe('2.5 MB · 上传人：我 · 2026-12-03 00:05');
    expect(inCard.getByLabelText('PDF 文件')).toBeInTheDocument();
    expect(inCard.getByLabelText('图片')).toBeInTheDocument();
    // editable: what is accepted, the drop zone and a delete per file
    expect(
      inCard.getByText(
        '支持 PDF、JPG、PNG、WebP、Word（.docx）、Excel（.xlsx），单个不超过 10 MB，最多 20 个',
      ),
    ).toBeInTheDocument();
    expect(inCard.getByText('拖拽文件到此处或点击上传')).toBeInTheDocument();
    expect(fileInput(card)).toHaveAttribute('accept', '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx');
    expect(inCard.getByLabelText('删除附件“2026年11月发票.pdf”')).toBeInTheDocument();
  });

  it('uploads the raw bytes with the name in the query, and lists the new file', async () => {
    const report = draftOnServer();
    const files = givenAttachmentsApi();
    renderApp(formPath());
    const card = await attachmentsCard(0);
    const input = fileInput(card);
    if (!input) throw new Error('no uploader');
    choose(input, [new File([PDF_BYTES], '11月 会议纪要（扫描件）.pdf', { type: 'application/pdf' })]);

    expect(await within(card).findByText('11月 会议纪要（扫描件）.pdf')).toBeInTheDocument();
    expect(await screen.findByText('附件（1/20）')).toBeInTheDocument();
    expect(files.uploads).toEqual([
      {
        reportId: report.id,
        fileName: '11月 会议纪要（扫描件）.pdf',
        contentType: 'application/pdf',
        bytes: [...PDF_BYTES],
      },
    ]);
    expect(meta(card, '11月 会议纪要（扫描件）.pdf')).toMatch(
      /^1 KB · 上传人：我 · \d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
  });

  it('shows the API’s reason for a refused upload, and does not list the file', async () => {
    draftOnServer();
    const files = givenAttachmentsApi();
    files.refuseNext = {
      status: 422,
      code: 'attachment_content_mismatch',
      message: '“扫描件.pdf”不是有效的文件，可能已损坏或被改过名，请重新扫描或导出后再上传',
    };
    renderApp(formPath());
    const card = await attachmentsCard(0);
    choose(fileInput(card) as HTMLInputElement, [new File([PDF_BYTES], '扫描件.pdf')]);

    expect(
      await within(card).findByText(
        '“扫描件.pdf”未能上传：“扫描件.pdf”不是有效的文件，可能已损坏或被改过名，请重新扫描或导出后再上传',
      ),
    ).toBeInTheDocument();
    expect(files.uploads).toHaveLength(1);
    expect(within(card).queryByText('扫描件.pdf')).toBeNull();
    expect(screen.getByText('附件（0/20）')).toBeInTheDocument();
  });

  it('refuses in the browser, without a request, a type not accepted, a file over 10 MB and a renamed file', async () => {
    draftOnServer();
    const files = givenAttachmentsApi();
    // any request to upload, whichever handler would answer it
    let posted = 0;
    const count = ({ request }: { request: Request }) => {
      if (request.method === 'POST' && request.url.includes('/attachments')) posted += 1;
    };
    server.events.on('request:start', count);
    onTestFinished(() => server.events.removeListener('request:start', count));
    renderApp(formPath());
    const card = await attachmentsCard(0);
    const big = new File([PDF_BYTES], '全年台账.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 12 * MB });
    choose(fileInput(card) as HTMLInputElement, [
      new File(['MZ'], '工资表.xls', { type: 'application/vnd.ms-excel' }),
      big,
      // a program renamed: the name says PDF, the first bytes do not
      new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], '发票.pdf', { type: 'application/pdf' }),
    ]);

    expect(await within(card).findByText('有 3 个文件未能上传')).toBeInTheDocument();
    expect(
      await within(card).findByText(
        '“工资表.xls”不能上传：只支持 PDF、图片（JPG、PNG、WebP）、Word（.docx）和 Excel（.xlsx）文件，旧版 .doc、.xls 请先另存为 .docx、.xlsx',
      ),
    ).toBeInTheDocument();
    expect(
      within(card).getByText('“全年台账.pdf”（12.0 MB）超过 10 MB 上限，请压缩或拆分后再上传'),
    ).toBeInTheDocument();
    expect(
      await within(card).findByText(
        '“发票.pdf”不是有效的文件，可能已损坏或被改过名，请重新扫描或导出后再上传',
      ),
    ).toBeInTheDocument();
    expect(files.uploads).toHaveLength(0);
    expect(posted).toBe(0);
    expect(screen.getByText('附件（0/20）')).toBeInTheDocument();
  });

  it('asks before deleting a file, then removes it', async () => {
    const report = draftOnServer();
    const mine = attachmentFixture({ reportId: report.id, fileName: '收据.png', kind: 'image' });
    const files = givenAttachmentsApi({ items: [mine] });
    const { user } = renderApp(formPath());
    const card = await attachmentsCard(1);

    await user.click(within(card).getByLabelText('删除附件“收据.png”'));
    const confirm = (await screen.findByText('确定删除附件“收据.png”？')).closest(
      '.ant-popover',
    ) as HTMLElement;
    // asking deletes nothing
    expect(files.deletes).toHaveLength(0);
    await user.click(within(confirm).getByText(/^删\s*除$/));

    await waitFor(() => expect(files.deletes).toEqual([mine.id]));
    expect(await screen.findByText('已删除附件“收据.png”')).toBeInTheDocument();
    expect(await screen.findByText('附件（0/20）')).toBeInTheDocument();
    expect(within(card).queryByText('收据.png')).toBeNull();
  });

  it('once the report is submitted: the files open, but there is no uploader and no delete', async () => {
    const report = draftOnServer({ status: 'submitted', submittedAt: '2026-12-03T01:00:00.000Z' });
    const file = attachmentFixture({ reportId: report.id });
    const files = givenAttachmentsApi({ items: [file], editable: false });
    const tab = {
      location: { href: '' },
      opener: {},
      document: { title: '', body: { textContent: '' } },
      close: vi.fn(),
    };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const { user } = renderApp(formPath());
    const card = await attachmentsCard(1);
    expect(within(card).getByText('2026年11月发票.pdf')).toBeInTheDocument();
    expect(fileInput(card)).toBeNull();
    expect(within(card).queryByText('拖拽文件到此处或点击上传')).toBeNull();
    expect(within(card).queryByText(/^支持 PDF/)).toBeNull();
    expect(within(card).queryByLabelText('删除附件“2026年11月发票.pdf”')).toBeNull();
    // the clerk is told how a forgotten file can still be added
    expect(
      within(card).getByText('月报提交后附件不能增删；需要补充时，请联系区社区经济办退回月报后再上传'),
    ).toBeInTheDocument();

    // a PDF opens in a tab of its own, from the bytes fetched with the session
    await user.click(within(card).getByText('2026年11月发票.pdf'));
    await waitFor(() => expect(tab.location.href).toBe('blob:http://localhost/attachment'));
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(files.downloads).toEqual([file.id]);
    expect(tab.opener).toBeNull();
  });

  it('saves a Word file under its own name rather than opening a tab', async () => {
    const report = draftOnServer();
    const doc = attachmentFixture({
      reportId: report.id,
      fileName: '居民议事会会议记录.docx',
      kind: 'word',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    givenAttachmentsApi({ items: [doc] });
    const open = vi.spyOn(window, 'open');
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      if (this.download) saved.push(this.download);
    });
    const { user } = renderApp(formPath());
    const card = await attachmentsCard(1);
    await user.click(within(card).getByText('居民议事会会议记录.docx'));
    await waitFor(() => expect(saved).toEqual(['居民议事会会议记录.docx']));
    expect(open).not.toHaveBeenCalled();
  });

  it('says why a file cannot be opened', async () => {
    const report = draftOnServer();
    givenAttachmentsApi({ items: [attachmentFixture({ reportId: report.id, fileName: '已删除.pdf' })] });
    server.use(
      http.get(api('/reports/:id/attachments/:attachmentId'), () =>
        HttpResponse.json(errorBody('not_found', '附件不存在或已被删除'), { status: 404 }),
      ),
    );
    const tab = {
      location: { href: '' },
      opener: {},
      document: { title: '', body: { textContent: '' } },
      close: vi.fn(),
    };
    vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const { user } = renderApp(formPath());
    const card = await attachmentsCard(1);
    await user.click(within(card).getByText('已删除.pdf'));
    expect(await screen.findByText('无法打开“已删除.pdf”：附件不存在或已被删除')).toBeInTheDocument();
    expect(tab.close).toHaveBeenCalled();
  });

  it('speaks English', async () => {
    await changeLanguage('en');
    try {
      const report = draftOnServer();
      givenAttachmentsApi({ items: [attachmentFixture({ reportId: report.id })] });
      renderApp(formPath());
      const card = (await screen.findByText('Attachments (1/20)')).closest('.ant-card') as HTMLElement;
      expect(
        within(card).getByText(
          'PDF, JPG, PNG, WebP, Word (.docx) and Excel (.xlsx), up to 10 MB each, at most 20',
        ),
      ).toBeInTheDocument();
      expect(meta(card, '2026年11月发票.pdf')).toBe('85 KB · uploaded by 张会计 on 2026-12-02 09:30');
      choose(fileInput(card) as HTMLInputElement, [new File(['x'], 'notes.txt')]);
      expect(
        await within(card).findByText(
          '“notes.txt” cannot be uploaded: only PDF, images (JPG, PNG, WebP), Word (.docx) and Excel (.xlsx) files are accepted; save an old .doc or .xls as .docx or .xlsx first',
        ),
      ).toBeInTheDocument();
    } finally {
      await changeLanguage('zh-CN');
    }
  });
});

describe('attachments in the review drawer', () => {
  /** The review page around one report, enough for its drawer. */
  function givenReview(report: ReportDetail) {
    const item: ReportListItem = {
      ...(({ events: _e, postings: _p, earlierUnapproved: _u, ...rest }) => rest)(report),
      dueDate: '2026-12-10',
      firstSubmittedAt: report.submittedAt,
      timeliness: 'on_time',
      reviewedByName: null,
      attachmentCount: 0,
    };
    server.use(
      http.get(api('/street-offices'), () => HttpResponse.json({ items: [], total: 0 })),
      http.get(api('/reports/locks'), () => HttpResponse.json({ items: [] })),
      http.get(api('/reports/history'), () => HttpResponse.json(historyFixture(report.ventureId, MONTH))),
      http.get(api('/reports'), () => HttpResponse.json({ items: [item], total: 1, page: 1, pageSize: 20 })),
      http.get(api('/reports/:id/approval-preview'), () =>
        HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 }),
      ),
      http.get(api('/reports/:id'), () => HttpResponse.json(report)),
    );
  }

  it('shows the files for the reviewer to open, read only', async () => {
    givenSession(meAs('district_admin'));
    const report = reportFixture({ status: 'submitted', submittedAt: '2026-12-02T03:00:00.000Z' });
    givenReview(report);
    givenAttachmentsApi({
      editable: false,
      items: [
        attachmentFixture({ reportId: report.id }),
        attachmentFixture({
          reportId: report.id,
          fileName: '11月收支明细.xlsx',
          kind: 'excel',
          byteSize: 3 * MB + 200 * 1024,
        }),
      ],
    });
    renderApp(`/review?report=${report.id}`);
    const card = await attachmentsCard(2);
    expect(card.closest('.ant-drawer')).not.toBeNull();
    expect(within(card).getByText('2026年11月发票.pdf')).toBeInTheDocument();
    expect(within(card).getByText('11月收支明细.xlsx')).toBeInTheDocument();
    expect(meta(card, '11月收支明细.xlsx')).toBe('3.2 MB · 上传人：张会计 · 2026-12-02 09:30');
    expect(within(card).getByLabelText('Excel 表格')).toBeInTheDocument();
    expect(fileInput(card)).toBeNull();
    expect(within(card).queryByLabelText(/^删除附件/)).toBeNull();
    // the reviewer is not told to ask the district to return it
    expect(within(card).queryByText(/月报提交后附件不能增删/)).toBeNull();
  });

  it('says in one quiet line that there are none', async () => {
    givenSession(meAs('district_admin'));
    const report = reportFixture({ status: 'submitted', submittedAt: '2026-12-02T03:00:00.000Z' });
    givenReview(report);
    givenAttachmentsApi({ editable: false });
    renderApp(`/review?report=${report.id}`);
    const card = await attachmentsCard(0);
    expect(within(card).getByText('无附件')).toBeInTheDocument();
    expect(fileInput(card)).toBeNull();
  });
});
