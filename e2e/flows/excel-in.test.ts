/**
 * Excel in, in the browser as 望江街's community admin: downloads the month's template from the monthly reporting
 * page, fills a figure with exceljs (as a clerk would in Excel), uploads it to the wizard, reads the dry run, imports
 * the rows as drafts and sees the result; then uploads the same file again (nothing changes). Screenshots of the card,
 * the problems table and the result on a desk (1440×900) and a phone (390×844), in zh-CN and en, go to
 * e2e/test-results.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { DESK, fitsWidth, newSession, PHONE, preferEnglish, type Viewport } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const AS = 'wangjiangjie@dongqu.demo';

async function session(viewport: Viewport, locale: 'zh-CN' | 'en') {
  const { context, page } = await newSession(browser, baseUrl, AS, {
    locale,
    viewport,
    acceptDownloads: true,
  });
  if (locale === 'en') await preferEnglish(page);
  await page.goto(`${baseUrl}/reporting`);
  return { context, page };
}

/** The template through the page's own button, as a workbook. */
async function downloadTemplate(page: Page, button: RegExp) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return { workbook, name: download.suggestedFilename() };
}

/** Fills the first venture row's revenue and cost (a figure typed in Excel); returns how many rows were filled. */
function fillFirstRow(workbook: ExcelJS.Workbook): number {
  for (const sheet of workbook.worksheets.slice(1)) {
    const header = sheet.getRow(1);
    const columnOf = (title: RegExp) => {
      let found = 0;
      header.eachCell((cell, n) => {
        if (!found && title.test(String(cell.value))) found = n;
      });
      return found;
    };
    const revenue = columnOf(/^(营业收入|Revenue)/);
    const cost = columnOf(/^(运营成本|Operating cost)/);
    if (sheet.rowCount >= 2 && revenue && cost) {
      sheet.getRow(2).getCell(revenue).value = 8888.5;
      sheet.getRow(2).getCell(cost).value = 5000;
      return 1;
    }
  }
  return 0;
}

async function upload(page: Page, bytes: Buffer, name: string) {
  await page
    .locator('input[type="file"]')
    .last()
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
}

describe('Excel in', () => {
  it('downloads the template, imports a filled figure as a draft, and the same file again changes nothing (zh-CN, desk)', async () => {
    const { context, page } = await session(DESK, 'zh-CN');
    await page.getByText('Excel 批量填报').waitFor();
    await page
      .locator('.ant-skeleton')
      .first()
      .waitFor({ state: 'detached', timeout: 20_000 })
      .catch(() => undefined);
    await screenshot(page, 'excel-in-card-desk-zh');
    const { workbook, name } = await downloadTemplate(page, /下载模板/);
    expect(name).toMatch(/^月报填报模板-\d{4}-\d{2}\.xlsx$/);
    expect(workbook.worksheets[0]?.name).toBe('填报说明');
    expect(fillFirstRow(workbook)).toBe(1);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    await page.getByRole('button', { name: /导入填好的文件/ }).click();
    await upload(page, bytes, name);
    // the figure may be flagged against the venture's history (a submit would need an explanation): drafts pass
    await page.getByText('共 1 行：新建 1 份，更新 0 份草稿').waitFor({ timeout: 30_000 });
    await screenshot(page, 'excel-in-check-desk-zh');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('radio', { name: /保存为草稿/ }).check();
    await page.getByRole('button', { name: /导入 1 份报表/ }).click();
    await page.getByText('导入完成').waitFor({ timeout: 30_000 });
    await screenshot(page, 'excel-in-result-desk-zh');
    await page.getByRole('button', { name: /完\s*成/ }).click();
    await page.goto(`${baseUrl}/reporting`);

    // the same file again: the check says it was imported, and importing changes nothing
    await page.getByRole('button', { name: /导入填好的文件/ }).click();
    await upload(page, bytes, name);
    await page.getByText(/此前已从同一文件导入/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('radio', { name: /保存为草稿/ }).check();
    await page.getByRole('button', { name: /导入 0 份报表/ }).click();
    await page.getByText('新建 0 份，更新 0 份，提交 0 份，未变 1 份').waitFor({ timeout: 30_000 });
    await context.close();
  });

  it('lists the problems of a bad file by sheet, row and column on a phone and a desk, in both languages', async () => {
    for (const [viewport, locale, tag] of [
      [PHONE, 'zh-CN', 'phone-zh'],
      [PHONE, 'en', 'phone-en'],
      [DESK, 'en', 'desk-en'],
    ] as const) {
      const { context, page } = await session(viewport, locale);
      const download = locale === 'en' ? /Download template/ : /下载模板/;
      await page.getByRole('button', { name: download }).waitFor();
      await page
        .locator('.ant-skeleton')
        .first()
        .waitFor({ state: 'detached', timeout: 20_000 })
        .catch(() => undefined);
      await screenshot(page, `excel-in-card-${tag}`);
      const { workbook, name } = await downloadTemplate(page, download);
      const sheet = workbook.worksheets[1];
      if (!sheet) throw new Error('no data sheet');
      // the template's columns: community, venture, month, then each figure after last month's (E revenue, G cost)
      sheet.getRow(2).getCell(5).value = 'abc';
      sheet.getRow(2).getCell(7).value = { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue;
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      await page
        .getByRole('button', { name: locale === 'en' ? /Import a filled file/ : /导入填好的文件/ })
        .click();
      await upload(page, bytes, name);
      await page.locator('.ant-alert-error').first().waitFor({ timeout: 30_000 });
      // each count with its own noun: "1 new report", never "1 new reports"
      const summary = page.getByText(
        locale === 'en' ? /^Rows: \d+ \(/ : /^共 \d+ 行：新建 \d+ 份，更新 \d+ 份草稿$/,
      );
      const said = (await summary.textContent()) ?? '';
      if (locale === 'en') {
        expect(said).toMatch(/^Rows: \d+ \(\d+ new reports?, \d+ drafts? updated\)$/);
        expect(said).not.toMatch(
          /\b1 (new reports|drafts updated)\b|\b(?!1\b)\d+ (new report|draft updated)\b/,
        );
      }
      await screenshot(page, `excel-in-problems-${tag}`);
      await fitsWidth(page, { slack: 0 });
      await context.close();
    }
  });
});
