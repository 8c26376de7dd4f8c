/**
 * A monthly report's evidence in the browser (ADR 0041): Dukou's community clerk starts the help desk's report,
 * attaches a scanned invoice and a photo of the books, sees a renamed program refused before a byte is sent, and
 * submits; the files are then the report's (no uploader, no delete). The district's reviewer sees them counted in the
 * review queue (a paper clip and the count on the report's row) and opens them in the review drawer: the PDF in a tab
 * of its own, the bytes as uploaded. Screenshots of the form (desk and phone), the queue and the drawer, in zh-CN and
 * en, are kept in e2e/test-results.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import {
  DESK,
  fitsWidth,
  newSession,
  PHONE,
  preferEnglish,
  toChinese,
  toEnglish,
  type Viewport,
} from '../support/flow-helpers';
import { openSubmitConfirmation } from '../support/report-form';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const CLERK = 'dukou@dongqu.demo';
const VENTURE = '帮办服务站';

/** The month being filed now: the one before today's in Asia/Shanghai. */
function openMonth(): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  const index = year * 12 + (month - 1) - 1;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
const MONTH = openMonth();
const MONTH_ZH = `${Number(MONTH.slice(0, 4))}年${Number(MONTH.slice(5))}月`;

const INVOICE = {
  name: `${MONTH} 帮办服务站水电费发票.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% 渡口社区 ${MONTH} 水电费发票\n%%EOF\n`),
};
// a real 1×1 PNG: the browser can show it
const PHOTO = {
  name: '台账照片.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
};
// a Windows program renamed as a PDF
const RENAMED = { name: '收据.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03\x00') };

const session = (email: string, viewport: Viewport) => newSession(browser, baseUrl, email, { viewport });

/** The attachments card of the page (the form's, or the drawer's). */
function attachmentsCard(scope: Page | Locator) {
  // a `has` locator is matched inside each card: it is built from the page, not from the scope
  const page = 'page' in scope ? scope.page() : scope;
  return scope
    .locator('.ant-card')
    .filter({ has: page.locator('.ant-card-head-title', { hasText: /^(附件|Attachments)/ }) });
}

/** The upload requests the page sends, by the file name they carry. */
function uploadsOf(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'POST' && /\/api\/v1\/reports\/[0-9a-f-]+\/attachments$/.test(url.pathname)) {
      names.push(url.searchParams.get('fileName') ?? '');
    }
  });
  return names;
}

describe('a report’s attachments', () => {
  let clerk: { context: BrowserContext; page: Page };
  let district: { context: BrowserContext; page: Page };
  let reportId = '';

  beforeAll(async () => {
    clerk = await session(CLERK, DESK);
    district = await session('admin@dongqu.demo', DESK);
  });
  afterAll(async () => {
    await clerk?.context.close();
    await district?.context.close();
  });

  it('the clerk attaches an invoice and a photo to the draft; a renamed program is refused before it is sent', async () => {
    const { page } = clerk;
    const uploads = uploadsOf(page);
    await page.goto(`${baseUrl}/reporting`);
    const owed = page.locator('.ant-list-item', { hasText: VENTURE }).first();
    await owed.waitFor({ timeout: 30_000 });
    await owed.getByRole('button', { name: /填报/ }).click();
    await page.waitForURL((url) => url.pathname === '/reporting/form' && url.search.includes(MONTH));
    await page.getByRole('button', { name: /开始填报/ }).click();
    await page.locator('#figure-revenueFen').waitFor({ timeout: 20_000 });
    await page.locator('#figure-revenueFen').fill('12000');
    await page.locator('#figure-operatingCostFen').fill('8000');
    await page.locator('#figure-stableJobs').fill('2');

    const card = attachmentsCard(page);
    await card
      .getByText('支持 PDF、JPG、PNG、WebP、Word（.docx）、Excel（.xlsx），单个不超过 10 MB，最多 20 个')
      .waitFor({ timeout: 20_000 });
    await card.locator('input[type="file"]').setInputFiles([INVOICE, PHOTO]);
    await card.getByRole('link', { name: `打开“${INVOICE.name}”` }).waitFor({ timeout: 30_000 });
    await card.getByRole('link', { name: `打开“${PHOTO.name}”` }).waitFor({ timeout: 30_000 });
    await card.locator('.ant-card-head-title', { hasText: '附件（2/20）' }).waitFor();
    await expect(card.textContent()).resolves.toMatch(/1 KB · 上传人：我 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    await card.locator('input[type="file"]').setInputFiles([RENAMED]);
    await card
      .getByText('“收据.pdf”不是有效的文件，可能已损坏或被改过名，请重新扫描或导出后再上传')
      .waitFor({ timeout: 10_000 });
    expect(uploads.sort()).toEqual([INVOICE.name, PHOTO.name].sort());

    reportId = await page.evaluate(async (month) => {
      const response = await fetch(`/api/v1/reports?month=${month}&current=true&pageSize=50`);
      const body = (await response.json()) as { items: { id: string; ventureName: string }[] };
      return body.items.find((r) => r.ventureName === '帮办服务站')?.id ?? '';
    }, MONTH);
    expect(reportId).not.toBe('');
    const stored = await page.evaluate(async (id) => {
      const body = (await (await fetch(`/api/v1/reports/${id}/attachments`)).json()) as {
        items: { fileName: string; byteSize: number }[];
      };
      return body.items.map((a) => [a.fileName, a.byteSize]);
    }, reportId);
    expect(stored).toEqual([
      [INVOICE.name, INVOICE.buffer.length],
      [PHOTO.name, PHOTO.buffer.length],
    ]);
    await fitsWidth(page, { slack: 0 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-attachments-form-desk-zh');

    // the same form in English, then back to Chinese for the submission
    await toEnglish(page);
    await card
      .locator('.ant-card-head-title', { hasText: 'Attachments (2/20)' })
      .waitFor({ timeout: 10_000 });
    await card.getByRole('link', { name: new RegExp(PHOTO.name) }).waitFor();
    await fitsWidth(page, { slack: 0 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-attachments-form-desk-en');
    await toChinese(page);
    await card.locator('.ant-card-head-title', { hasText: '附件（2/20）' }).waitFor({ timeout: 10_000 });
  });

  it('submitted, the files are the report’s: no uploader, no delete', async () => {
    const { page } = clerk;
    const dialog = await openSubmitConfirmation(page, '本月水电费上涨，已附发票');
    await dialog.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('已提交，等待区级审核').waitFor({ timeout: 20_000 });
    const card = attachmentsCard(page);
    await card.getByRole('link', { name: `打开“${INVOICE.name}”` }).waitFor({ timeout: 20_000 });
    await expect.poll(() => card.locator('input[type="file"]').count(), { timeout: 10_000 }).toBe(0);
    // and the card says how a forgotten file can still be added
    await card.getByText('月报提交后附件不能增删；需要补充时，请联系区社区经济办退回月报后再上传').waitFor();
    expect(await card.getByRole('button', { name: /删除附件/ }).count()).toBe(0);

    // on a phone, in both languages
    const phone = await session(CLERK, PHONE);
    await phone.page.goto(`${baseUrl}/reporting/form?ventureId=${await ventureIdOf(page)}&month=${MONTH}`);
    const phoneCard = attachmentsCard(phone.page);
    await phoneCard.getByRole('link', { name: `打开“${INVOICE.name}”` }).waitFor({ timeout: 30_000 });
    await fitsWidth(phone.page, { slack: 0 });
    await phoneCard.scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'report-attachments-form-phone-zh');
    await toEnglish(phone.page);
    await phoneCard.getByRole('link', { name: new RegExp(INVOICE.name) }).waitFor();
    await phone.page
      .locator('.ant-card-head-title', { hasText: /^Attachments/ })
      .waitFor({ timeout: 10_000 });
    await fitsWidth(phone.page, { slack: 0 });
    await phoneCard.scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'report-attachments-form-phone-en');
    await phone.context.close();
  });

  it('the district reviewer opens them in the review drawer: the PDF in a tab, the bytes as uploaded', async () => {
    const { page, context } = district;
    await page.goto(`${baseUrl}/review?month=${MONTH}`);
    const row = page.locator('.ant-table-row', { hasText: VENTURE });
    await row.first().waitFor({ timeout: 30_000 });
    // the queue tags the report that carries files with how many
    await row.first().locator('.ant-tag', { hasText: '附件 2 份' }).waitFor({ timeout: 20_000 });
    await fitsWidth(page);
    await screenshot(page, 'report-attachments-queue-desk-zh');
    await row.first().click();
    const drawer = page.locator('.ant-drawer').last();
    await drawer
      .getByText(new RegExp(`${VENTURE} · ${MONTH_ZH}`))
      .first()
      .waitFor({ timeout: 20_000 });
    const card = attachmentsCard(drawer);
    const link = card.getByRole('link', { name: `打开“${INVOICE.name}”` });
    await link.waitFor({ timeout: 20_000 });
    await card.locator('.ant-card-head-title', { hasText: '附件（2）' }).waitFor();
    // the reviewer reads; nothing here adds or removes
    expect(await card.locator('input[type="file"]').count()).toBe(0);
    expect(await card.getByRole('button', { name: /删除附件/ }).count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-attachments-drawer-desk-zh');

    const [tab] = await Promise.all([context.waitForEvent('page', { timeout: 20_000 }), link.click()]);
    await expect.poll(() => tab.url(), { timeout: 20_000 }).toMatch(/^blob:/);
    // the tab holds a PDF (Chromium's viewer), and what the API serves is the bytes the clerk uploaded
    await expect
      .poll(() => tab.evaluate(() => document.contentType), { timeout: 20_000 })
      .toBe('application/pdf');
    const served = await page.evaluate(async (id) => {
      const list = (await (await fetch(`/api/v1/reports/${id}/attachments`)).json()) as {
        items: { id: string; fileName: string }[];
      };
      const invoice = list.items.find((a) => a.fileName.endsWith('水电费发票.pdf'));
      const response = await fetch(`/api/v1/reports/${id}/attachments/${invoice?.id}`);
      return {
        type: response.headers.get('content-type'),
        bytes: Array.from(new Uint8Array(await response.arrayBuffer())),
      };
    }, reportId);
    expect(served.type).toBe('application/pdf');
    expect(Buffer.from(served.bytes).equals(INVOICE.buffer)).toBe(true);
    await tab.close();

    // in English: the drawer covers the header's language button, so the reader's choice is set and the page read again
    await preferEnglish(page);
    await page.goto(`${baseUrl}/review?month=${MONTH}`);
    await row.first().waitFor({ timeout: 30_000 });
    await row.first().locator('.ant-tag', { hasText: 'Attachments: 2' }).waitFor({ timeout: 20_000 });
    await fitsWidth(page);
    await screenshot(page, 'report-attachments-queue-desk-en');
    await row.first().click();
    const english = attachmentsCard(page.locator('.ant-drawer').last());
    await english
      .locator('.ant-card-head-title', { hasText: 'Attachments (2)' })
      .waitFor({ timeout: 20_000 });
    await english.getByRole('link', { name: new RegExp(PHOTO.name) }).waitFor();
    await english.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-attachments-drawer-desk-en');
  });
});

/** The help desk's venture id, as the clerk's API answers it. */
async function ventureIdOf(page: Page): Promise<string> {
  return page.evaluate(async (month) => {
    const response = await fetch(`/api/v1/reports?month=${month}&current=true&pageSize=50`);
    const body = (await response.json()) as { items: { ventureId: string; ventureName: string }[] };
    return body.items.find((r) => r.ventureName === '帮办服务站')?.ventureId ?? '';
  }, MONTH);
}
