/**
 * A district admin downloads the cockpit's ranking as Excel and the communities as CSV from the 导出 buttons (the
 * workbook opens with exceljs and holds the ranking's rows; the CSV starts with the BOM and reads in Chinese), then
 * opens the monthly bulletin (月度简报) and prints it to PDF with Chromium (kept in e2e/test-results with the
 * screenshots: desktop and phone, zh-CN and en).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifactsDir, launchBrowser, logIn, screenshot } from '../support/browser';
import { DESK, fitsWidth, PHONE, toChinese, toEnglish } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: DESK, acceptDownloads: true });
  page = await context.newPage();
  await logIn(page, baseUrl, 'admin@dongqu.demo');
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function download(view: string, format: 'Excel（.xlsx）' | 'CSV（UTF-8）') {
  await page.locator(`[data-export="${view}"]`).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByText(format).click()]);
  const path = join(artifactsDir, file.suggestedFilename());
  mkdirSync(artifactsDir, { recursive: true });
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

describe('exports', () => {
  it('downloads the ranking as a workbook that opens with exceljs and equals the ranking', async () => {
    const latest = (await (await page.request.get(`${baseUrl}/api/v1/kpis/latest-month`)).json()) as {
      dataDate: string;
    };
    const month = latest.dataDate;
    await page.goto(`${baseUrl}/kpis?tab=ranking&month=${month}`);
    await page.locator('[data-export="kpi-ranking"]').waitFor({ timeout: 30_000 });
    await page.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'exports-cockpit-ranking-desktop-zh');
    const { name, bytes } = await download('kpi-ranking', 'Excel（.xlsx）');
    expect(name).toMatch(/^社区排名-\d{4}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['社区排名', '统计口径']);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const query = new URLSearchParams({
      kpi: 'operating_revenue',
      period: 'month',
      ...(month ? { month } : {}),
    });
    const ranking = (await (await page.request.get(`${baseUrl}/api/v1/kpis/ranking?${query}`)).json()) as {
      items: Array<{ communityName: string; value: number | null }>;
    };
    const names: string[] = [];
    // the table starts under its header row (排名, 社区, …), below the title, data date and filters
    let header = 0;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === '排名') header = row.number;
      else if (header > 0) names.push(String(row.getCell(2).value));
    });
    expect(ranking.items.length).toBeGreaterThan(30);
    expect(names).toEqual(ranking.items.map((item) => item.communityName));
  });

  it('downloads the communities as CSV with the BOM, Chinese intact', async () => {
    await page.goto(`${baseUrl}/communities`);
    await page.locator('[data-export="communities"]').waitFor({ timeout: 30_000 });
    await screenshot(page, 'exports-communities-desktop-zh');
    const { bytes } = await download('communities', 'CSV（UTF-8）');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^社区,街道,/);
    expect(text).toContain('金汇社区');
  });

  it('downloads the register’s ventures with the status filter, and the audit log, as CSV', async () => {
    await page.goto(`${baseUrl}/register/ventures?status=operating`);
    await page.locator('tr.ant-table-row').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'exports-ventures-desktop-zh');
    const ventures = await download('ventures', 'CSV（UTF-8）');
    expect([...ventures.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = ventures.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(header).toMatch(/^社区,项目,类别,/);
    expect(rows.length).toBeGreaterThan(0);
    // the page's filter is the file's: every venture in it is operating
    const status = (header ?? '').split(',').indexOf('状态');
    for (const row of rows) expect(row.split(',')[status]).toBe('运营中');

    await page.goto(`${baseUrl}/audit`);
    await page.locator('[data-export="audit"]').waitFor({ timeout: 30_000 });
    // the button says it exports the filter (every page of it), not the page on screen
    await page.getByRole('button', { name: '导出当前筛选结果' }).waitFor();
    await page.locator('tr.ant-table-row').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'exports-audit-desktop-zh');
    const audit = await download('audit', 'CSV（UTF-8）');
    expect([...audit.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = audit.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^时间,操作人,操作,对象类型,对象,对象编号,/);
    expect(lines.length).toBeGreaterThan(1);
    // the demo's warnings, detected at its start: in words as on the screen, not warning.detect / warning
    expect(lines.some((line) => line.includes(',生成预警,预警,'))).toBe(true);
    expect(lines.some((line) => line.includes(',warning.detect,'))).toBe(false);

    // on a phone, in English: the button is its icon beside the page's title
    await page.setViewportSize(PHONE);
    await toEnglish(page);
    await page.getByRole('button', { name: 'Export' }).first().waitFor({ timeout: 20_000 });
    // its name still says it exports the filter, where only its icon shows
    await page.getByRole('button', { name: 'Export filtered entries' }).waitFor();
    await screenshot(page, 'exports-audit-phone-en');
    await page.goto(`${baseUrl}/register/ventures?status=operating`);
    await page.locator('tr.ant-table-row, .ant-list-item, .ant-card').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-export="ventures"]').waitFor({ timeout: 30_000 });
    await screenshot(page, 'exports-ventures-phone-en');
    await toChinese(page);
    await page.setViewportSize(DESK);
  });
});

/**
 * On a phone the headline table's four columns fit the sheet (no column cut off at the screen's edge, as "vs last
 * year" was in English), and the longest KPI name (give-back, cash + in kind) takes at most 5 lines.
 */
async function headlineFits(language: string) {
  const table = page.locator('.bulletin-sheet .bulletin-table').first();
  const { overflow, columns } = await table.evaluate((el) => ({
    overflow: el.scrollWidth - (el.parentElement?.clientWidth ?? 0),
    columns: [...el.querySelectorAll('thead th')].filter((th) => (th as HTMLElement).offsetWidth > 0).length,
  }));
  expect(overflow, `${language}: the headline table runs past the sheet`).toBeLessThanOrEqual(0);
  expect(columns).toBe(4);
  const giveBack = page.locator('.bulletin-sheet tr[data-kpi="give_back"] th');
  if ((await giveBack.count()) > 0) {
    const lines = await giveBack.evaluate((el) => {
      const line = Number.parseFloat(getComputedStyle(el).lineHeight);
      return Math.round(el.getBoundingClientRect().height / line);
    });
    expect(lines, `${language}: the give-back name`).toBeLessThanOrEqual(5);
  }
}

/**
 * In print, the ranking's headings (数值（万元） too, beside a tie), places, names and amounts (and the fund tables'
 * amounts) each take one line; a line naming communities awaiting review may wrap.
 */
async function printedCellsUnbroken() {
  const broken = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '.bulletin-ranking th, .bulletin-ranking td:first-child, .bulletin-compact td:last-child:not(.bulletin-awaiting), .bulletin-name',
      ),
    ]
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => {
        // one line box: every fragment of the text (the raised * of a provisional place aside) at the same height
        const tops = new Set<number>();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement?.closest('sup')) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const rect of range.getClientRects()) tops.add(Math.round(rect.bottom));
        }
        return tops.size > 1;
      })
      .map((el) => el.textContent),
  );
  expect(broken).toEqual([]);
}

/** No table of the sheet runs past its section (English's wider figures ran the bottom five off the page). */
async function tablesContained(where: string) {
  const over = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.bulletin-sheet .bulletin-table')]
      .filter((table) => {
        const section = table.closest('.bulletin-section');
        return section && table.getBoundingClientRect().right > section.getBoundingClientRect().right + 0.5;
      })
      .map((table) => table.querySelector('caption')?.textContent ?? table.className),
  );
  expect(over, where).toEqual([]);
}

describe('the monthly bulletin', () => {
  it('shows the month on a desktop and a phone, in Chinese and English', async () => {
    await page.goto(`${baseUrl}/kpis`);
    await page.getByRole('button', { name: /月度简报/ }).click();
    await page.waitForURL(/\/kpis\/bulletin/);
    const sheet = page.locator('.bulletin-sheet');
    await sheet.locator('tr[data-kpi="operating_revenue"]').waitFor({ timeout: 30_000 });
    await sheet.locator('figure svg').first().waitFor();
    await sheet.getByRole('heading', { name: /四、预警/ }).waitFor();
    // a month not yet wholly approved says how many of its due reports are (the demo's latest month is such a
    // month or not: the line follows the API's reporting matrix either way)
    const { expected, approved } = await page.evaluate(async () => {
      const latest = await (await fetch('/api/v1/kpis/latest-month')).json();
      const month = latest.month ?? latest.dataDate;
      const matrix = await (await fetch(`/api/v1/kpis/reporting-matrix?from=${month}&to=${month}`)).json();
      let expected = 0;
      let approved = 0;
      for (const c of matrix.cells) {
        expected += c.expected;
        approved += c.approved;
      }
      return { expected, approved };
    });
    const provisional = sheet.locator('.bulletin-provisional');
    if (approved < expected) {
      expect(await provisional.textContent()).toBe(
        `截至数据日期，本月应报 ${expected} 份，已审核通过 ${approved} 份；数字可能变动`,
      );
    } else {
      expect(await provisional.count()).toBe(0);
    }
    await screenshot(page, 'bulletin-desktop-zh');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    await fitsWidth(page, { slack: 0 });
    await screenshot(page, 'bulletin-phone-zh');
    await headlineFits('zh');
    await toEnglish(page);
    await page.getByText('1. Headline figures').waitFor();
    await headlineFits('en');
    await screenshot(page, 'bulletin-phone-en');
    await page.setViewportSize(DESK);
    await page.waitForTimeout(300);
    await tablesContained('desktop, English');
    await screenshot(page, 'bulletin-desktop-en');
    await toChinese(page);
    await page.getByText('一、主要指标').waitFor();
  });

  it('prints on one A4 page without the app’s menu, saved as PDF', async () => {
    await page.emulateMedia({ media: 'print' });
    // the width A4 leaves inside the print CSS's 15 mm margins (180 mm ≈ 680 px): the screenshot is laid out as
    // the PDF's page is (the page's margin itself is only in the PDF)
    await page.setViewportSize({ width: 680, height: 1123 });
    await page.waitForTimeout(300);
    expect(await page.locator('.bulletin-toolbar').isVisible()).toBe(false);
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(
      await page
        .getByText(/数据截至/)
        .first()
        .isVisible(),
    ).toBe(true);
    // the under-review line is part of the printed page (when the month has one)
    const provisional = page.locator('.bulletin-provisional');
    if ((await provisional.count()) > 0) expect(await provisional.isVisible()).toBe(true);
    await printedCellsUnbroken();
    await screenshot(page, 'bulletin-print-zh');
    mkdirSync(artifactsDir, { recursive: true });
    const path = join(artifactsDir, 'bulletin.pdf');
    await page.pdf({ path, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pdf = readFileSync(path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
    await tablesContained('print, Chinese');

    // the English sheet, laid out as printed: its longer units and names stay on the page and unbroken too
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESK);
    await toEnglish(page);
    await page.getByText('1. Headline figures').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 680, height: 1123 });
    await page.waitForTimeout(300);
    await printedCellsUnbroken();
    await tablesContained('print, English');
    await screenshot(page, 'bulletin-print-en');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESK);
    await toChinese(page);
    await page.getByText('一、主要指标').waitFor();
  });
});
