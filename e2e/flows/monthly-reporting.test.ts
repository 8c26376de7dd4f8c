/**
 * The whole monthly cycle in the browser, as the people who do it: Jinhui's company clerk fills the tidal market's
 * report on a phone, a figure is flagged and explained, and submits; the district returns it with a comment naming a
 * figure; the clerk fixes it and submits again; the district approves it after seeing what it will post; the fund's
 * ledger holds the allocation to the fen. Screenshots of the form (desk and phone), the queue and the drawer, in
 * zh-CN and en, are kept in e2e/test-results.
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

const VENTURE = '金汇潮汐市场';

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
/** The clerk's approved report: posted on the approval's day (the review drawer keeps its own wording). */
const POSTED_ZH = /^已(于 \d{4}-\d{2}-\d{2} )?计入社区基金$/;
const POSTED_EN = /^Booked to the community’s funds( on \d{4}-\d{2}-\d{2})?$/;

const session = (email: string, viewport: Viewport) => newSession(browser, baseUrl, email, { viewport });

/** Every tab of the page's tab bar in sight: none put behind the "···" menu. */
async function allTabsInSight(page: Page) {
  await expect(page.locator('.ant-tabs-nav-operations').getAttribute('class')).resolves.toContain(
    'ant-tabs-nav-operations-hidden',
  );
}

/** The drawer's figure table's headers each on one line. */
async function headersOnOneLine(drawer: Locator) {
  const headers = drawer.locator('.ant-table-thead th');
  await headers.first().waitFor();
  for (const th of await headers.all()) {
    // the text's own height (the row is as tall as its tallest header, whichever that is)
    const { lines, text } = await th.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const height = range.getBoundingClientRect().height;
      return { lines: height / Number.parseFloat(getComputedStyle(el).lineHeight), text: el.textContent };
    });
    expect(lines, `header "${text}"`).toBeLessThan(1.5);
  }
}

/** Not a pixel of sideways scroll. */
const noSidewaysScroll = (page: Page) => fitsWidth(page, { slack: 0 });

/** Resolves when the form has saved a draft whose body holds `fragment` (the server answered 200). */
function autosaved(page: Page, fragment: string) {
  return page.waitForResponse(
    (response) =>
      response.request().method() === 'PATCH' &&
      /\/api\/v1\/reports\/[0-9a-f-]+$/.test(response.url()) &&
      response.status() === 200 &&
      (response.request().postData() ?? '').includes(fragment),
    { timeout: 20_000 },
  );
}

async function submitReport(page: Page) {
  const dialog = await openSubmitConfirmation(page);
  await expect(dialog.textContent()).resolves.toContain(VENTURE);
  // the clerk leaves the service figures blank: the confirmation names them as sent as 0, and 提交审核 confirms it
  await expect(dialog.textContent()).resolves.toMatch(/以下 \d+ 项未填，将按 0 提交：/);
  await dialog.getByRole('button', { name: '提交审核' }).click();
  await page.getByText('已提交，等待区级审核').waitFor({ timeout: 20_000 });
}

async function openInQueue(page: Page) {
  await page.goto(`${baseUrl}/review?month=${MONTH}`);
  const row = page.locator('.ant-table-row', { hasText: VENTURE });
  await row.first().waitFor({ timeout: 30_000 });
  // the row's 操作 column says what a click does: 审核 for a report awaiting review
  await row
    .first()
    .getByRole('button', { name: `审核 ${VENTURE} · ${MONTH_ZH}` })
    .click();
  const drawer = page.locator('.ant-drawer').last();
  await drawer
    .getByText(new RegExp(`${VENTURE} · ${MONTH_ZH}`))
    .first()
    .waitFor({ timeout: 20_000 });
  return drawer;
}

describe('the monthly report cycle', () => {
  let clerk: { context: BrowserContext; page: Page };
  let district: { context: BrowserContext; page: Page };
  let reportId = '';

  beforeAll(async () => {
    clerk = await session('reporter@jinhui.demo', PHONE);
    district = await session('admin@dongqu.demo', DESK);
  });
  afterAll(async () => {
    await clerk?.context.close();
    await district?.context.close();
  });

  it('the clerk fills the report on a phone; a flagged figure is explained; it is submitted', async () => {
    const { page } = clerk;
    await page.goto(`${baseUrl}/reporting`);
    const owed = page.locator('.ant-list-item', { hasText: VENTURE }).first();
    await owed.waitFor({ timeout: 30_000 });
    await expect(owed.textContent()).resolves.toMatch(/还剩 \d+ 天|今天截止|已逾期 \d+ 天/);
    await noSidewaysScroll(page);
    await screenshot(page, 'reporting-todo-phone-zh');

    await owed.getByRole('button', { name: /填报/ }).click();
    await page.waitForURL((url) => url.pathname === '/reporting/form' && url.search.includes(MONTH));
    await page.getByRole('button', { name: /开始填报/ }).click();
    await page.locator('#figure-revenueFen').waitFor({ timeout: 20_000 });
    expect(await page.locator('#figure-revenueFen').getAttribute('inputmode')).toBe('decimal');

    // typed key by key, the figure is grouped as the hints beside it are; what is sent is fen
    await page.locator('#figure-revenueFen').pressSequentially('58000');
    await expect(page.locator('#figure-revenueFen').inputValue()).resolves.toBe('58,000');
    await page.locator('#figure-operatingCostFen').fill('0');
    await page.locator('#figure-stableJobs').fill('6');
    await page.locator('#figure-temporaryJobs').fill('3');
    await page.locator('#figure-remittanceDueFen').fill('20000');
    await page.locator('#figure-remittanceReceivedFen').fill('20000');
    await expect(page.locator('#figure-remittanceReceivedFen').inputValue()).resolves.toBe('20,000');
    // revenue without any cost: the domain's rule flags it while typing and asks why
    await page.getByText('有营业收入但运营成本为 0，全部收入将计为利润').waitFor({ timeout: 10_000 });
    // autosaved: the draft's PATCH carries the explanation, and the form says so
    const saved = autosaved(page, '场地由社区无偿提供');
    await page.locator('#figure-operatingCostFen-explanation').fill('场地由社区无偿提供，摊位费即收入');
    const body = (await saved).request().postData() ?? '';
    expect(body).toContain('"revenueFen":5800000');
    expect(body).toContain('"remittanceReceivedFen":2000000');
    await page
      .getByText(/已保存 \d\d:\d\d/)
      .first()
      .waitFor({ timeout: 20_000 });
    await noSidewaysScroll(page);
    await screenshot(page, 'report-form-phone-zh');

    reportId = await page.evaluate(async (month) => {
      const response = await fetch(`/api/v1/reports?month=${month}&current=true&pageSize=50`);
      const body = (await response.json()) as { items: { id: string; ventureName: string }[] };
      return body.items.find((r) => r.ventureName === '金汇潮汐市场')?.id ?? '';
    }, MONTH);
    expect(reportId).not.toBe('');

    await submitReport(page);
  });

  it('the district sees the flag and the explanation, and returns the report naming a figure', async () => {
    const { page } = district;
    const drawer = await openInQueue(page);
    await drawer.getByText('场地由社区无偿提供，摊位费即收入').first().waitFor();
    await screenshot(page, 'review-drawer-desk-zh');

    await drawer.getByRole('button', { name: /退\s*回/ }).click();
    // a return needs a comment
    await drawer.getByRole('button', { name: '确认退回' }).click();
    await drawer.getByText('请填写退回意见').waitFor();
    await drawer.locator('#return-comment').fill('运营成本为 0 不合理，请按实际填报水电与保洁费用');
    await drawer.locator('#return-fields').click();
    await page.locator('.ant-select-item-option', { hasText: '运营成本' }).click();
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('已退回给填报人').waitFor({ timeout: 20_000 });
  });

  it('the clerk sees the comment and the named figure, fixes it and submits again', async () => {
    const { page } = clerk;
    await page.goto(`${baseUrl}/reporting`);
    await page
      .getByText('运营成本为 0 不合理，请按实际填报水电与保洁费用')
      .first()
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '修改后重新提交' }).first().click();
    await page.getByText('该月报被退回，请修改后重新提交').waitFor({ timeout: 20_000 });
    await page.getByText('审核人要求核对此项').waitFor();
    // the 0 she typed comes back as 0, not as a blank to fill in (ADR 0042); what she never typed stays blank
    await expect(page.locator('#figure-operatingCostFen').inputValue()).resolves.toBe('0.00');
    await expect(page.locator('#figure-serviceRequests').inputValue()).resolves.toBe('');
    // pasted as written elsewhere, with its commas: kept, and saved to the fen
    const saved = autosaved(page, '"operatingCostFen":4123456');
    await page.locator('#figure-operatingCostFen').fill('41,234.56');
    await saved;
    await expect(page.locator('#figure-operatingCostFen').inputValue()).resolves.toBe('41,234.56');
    // the explanation was written for the 0: the form asks whether it still applies, and still asks after a reload
    // (the report now holds the new figure with the old explanation)
    const stale = page.getByText('数值已修改，请确认情况说明仍然适用');
    await stale.waitFor({ timeout: 10_000 });
    await page.reload();
    await stale.waitFor({ timeout: 30_000 });
    await expect(page.locator('#figure-operatingCostFen').inputValue()).resolves.toBe('41,234.56');
    // the line beside each figure says what it covers
    await page.locator('#figure-revenueFen-trend').getByText('近 12 个月').waitFor();
    await noSidewaysScroll(page);
    await screenshot(page, 'report-form-returned-phone-zh');

    // the form being filled, at a desk in both languages and on a phone in English: the reference beside a
    // figure says its month on one line (a narrow column once broke "(Sep / 2026)")
    const desk = await session('reporter@jinhui.demo', DESK);
    await desk.page.goto(page.url());
    const hint = desk.page.locator('#figure-revenueFen-history');
    await hint.getByText(/^最近审核通过：\d{4}年\d{1,2}月$/).waitFor({ timeout: 30_000 });
    await expect(desk.page.locator('#figure-revenueFen').inputValue()).resolves.toBe('58,000.00');
    // beside the latest month, the 12 months' line with its caption and range, on the same row
    const trend = desk.page.locator('#figure-revenueFen-trend');
    await trend.getByText('近 12 个月').waitFor();
    const [hintBox, trendBox] = await Promise.all([hint.boundingBox(), trend.boundingBox()]);
    expect(trendBox?.x ?? 0).toBeGreaterThan((hintBox?.x ?? 0) + (hintBox?.width ?? 0));
    expect(Math.abs((trendBox?.y ?? 0) - (hintBox?.y ?? 0))).toBeLessThan(8);
    await noSidewaysScroll(desk.page);
    await screenshot(desk.page, 'report-form-returned-desk-zh');
    await toEnglish(desk.page);
    const english = hint.getByText(/^Last approved: [A-Z][a-z]{2} \d{4}$/);
    await english.waitFor({ timeout: 20_000 });
    const lineHeight = await english.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
    expect((await english.boundingBox())?.height ?? 0).toBeLessThan(lineHeight * 1.5);
    await screenshot(desk.page, 'report-form-returned-desk-en');
    await desk.context.close();
    const phone = await session('reporter@jinhui.demo', PHONE);
    await preferEnglish(phone.page);
    await phone.page.goto(page.url());
    await phone.page
      .locator('#figure-revenueFen-history')
      .getByText(/^Last approved: /)
      .waitFor({ timeout: 30_000 });
    await noSidewaysScroll(phone.page);
    await screenshot(phone.page, 'report-form-returned-phone-en');
    await phone.context.close();

    await submitReport(page);
  });

  it('the district approves after seeing what it will post; the ledger holds it to the fen', async () => {
    const { page } = district;
    await page.goto(`${baseUrl}/review`);
    await page.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    await noSidewaysScroll(page);
    await screenshot(page, 'review-queue-desk-zh');
    // submitted minutes ago: the 已等待 column answers how long, under a day
    await page.goto(`${baseUrl}/review?month=${MONTH}`);
    await page
      .locator('.ant-table-row', { hasText: VENTURE })
      .first()
      .getByRole('cell', { name: '不足 1 天' })
      .waitFor({ timeout: 30_000 });
    // flagged (its cost below the usual range): its greyed checkbox says on hover why it is not bulk approved
    const flaggedBox = page
      .locator('.ant-table-row', { hasText: VENTURE })
      .first()
      .locator('.ant-table-selection-column .ant-checkbox-wrapper');
    await expect(flaggedBox.locator('input').isDisabled()).resolves.toBe(true);
    await flaggedBox.hover();
    await page.getByRole('tooltip').getByText('有需关注项，请逐份打开审核').waitFor({ timeout: 10_000 });
    await screenshot(page, 'review-queue-month-desk-zh');
    await page.mouse.move(0, 0);

    const drawer = await openInQueue(page);
    // on a loaded CI machine the drawer's body can still be settling (its queries answering) when the first click
    // lands, and the click is lost with the re-render: press again until the preview opens, as a person would
    const preview = drawer.getByText('审核通过后将计入');
    for (let attempt = 0; attempt < 3 && !(await preview.isVisible()); attempt++) {
      await drawer.getByRole('button', { name: '审核通过' }).click();
      await preview.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await preview.waitFor();
    // the distributable amount with its parts (profit, the community's share, the remittance)
    await drawer
      .locator('tr', { hasText: '可分配收益（持股所得 + 上缴，计入社区资金）' })
      .getByText(/^[\d,]+\.\d\d 元$/)
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'review-approve-preview-desk-zh');
    const previewed = await page.evaluate(async (id) => {
      const response = await fetch(`/api/v1/reports/${id}/approval-preview`);
      return ((await response.json()) as { postings: { fundKind: string; amountFen: number }[] }).postings;
    }, reportId);
    expect(previewed.length).toBeGreaterThan(0);
    await drawer.getByRole('button', { name: '确认审核通过' }).click();
    await page.getByText('已审核通过').first().waitFor({ timeout: 20_000 });

    // what approval posted is what the preview said, and each fund's ledger holds it
    const ledger = await page.evaluate(async (id) => {
      const report = (await (await fetch(`/api/v1/reports/${id}`)).json()) as {
        status: string;
        postings: { fundId: string; fundKind: string; amountFen: number; entryId: string }[];
      };
      const entries = [];
      for (const posting of report.postings) {
        const body = (await (await fetch(`/api/v1/funds/${posting.fundId}/entries`)).json()) as {
          items: { id: string; amountFen: number }[];
        };
        entries.push(body.items.find((entry) => entry.id === posting.entryId)?.amountFen ?? null);
      }
      return { status: report.status, postings: report.postings, entries };
    }, reportId);
    expect(ledger.status).toBe('approved');
    expect(ledger.postings.map((p) => ({ fundKind: p.fundKind, amountFen: p.amountFen }))).toEqual(
      previewed.map((p) => ({ fundKind: p.fundKind, amountFen: p.amountFen })),
    );
    expect(ledger.entries).toEqual(ledger.postings.map((p) => p.amountFen));
  });

  it('the clerk sees the approved report with what it posted; desk and English screenshots', async () => {
    const { page } = clerk;
    await page.reload();
    // an approved report says what was posted, and when (not "will be posted on approval")
    await page.getByText(POSTED_ZH).waitFor({ timeout: 30_000 });
    await noSidewaysScroll(page);
    await screenshot(page, 'report-form-approved-phone-zh');

    const desk = await session('reporter@jinhui.demo', DESK);
    await desk.page.goto(page.url());
    await desk.page.getByText(POSTED_ZH).waitFor({ timeout: 30_000 });
    await screenshot(desk.page, 'report-form-approved-desk-zh');
    await toEnglish(desk.page);
    await desk.page.getByText(POSTED_EN).waitFor({ timeout: 20_000 });
    await screenshot(desk.page, 'report-form-approved-desk-en');
    await desk.context.close();

    await page.getByRole('button', { name: '打开菜单' }).waitFor();
    await preferEnglish(page);
    await page.reload();
    await page.getByText(POSTED_EN).waitFor({ timeout: 30_000 });
    await noSidewaysScroll(page);
    await screenshot(page, 'report-form-approved-phone-en');
  });

  it('the district’s queue and drawer in English, and on a phone', async () => {
    const { page } = district;
    await preferEnglish(page);
    await page.goto(`${baseUrl}/review?tab=approved&month=${MONTH}`);
    const row = page.locator('.ant-table-row', { hasText: VENTURE }).first();
    await row.waitFor({ timeout: 30_000 });
    await screenshot(page, 'review-queue-desk-en');
    // an approved report is read, not reviewed: its action says View
    await row.getByRole('button', { name: `View ${VENTURE} · ` }).click();
    const deskDrawer = page.locator('.ant-drawer');
    await deskDrawer.getByText(POSTED_EN).waitFor();
    await screenshot(page, 'review-drawer-desk-en');
    await headersOnOneLine(deskDrawer);

    const phone = await session('admin@dongqu.demo', PHONE);
    const phoneQueue = async (language: 'zh' | 'en') => {
      const item = phone.page.locator('.ant-list-item', { hasText: VENTURE }).first();
      await item.waitFor({ timeout: 30_000 });
      // the approver, as the desk's column says
      await item.getByText(language === 'zh' ? /^审核人：/ : /^By /).waitFor();
      await allTabsInSight(phone.page);
      await noSidewaysScroll(phone.page);
      await screenshot(phone.page, `review-queue-phone-${language}`);
      await item.getByRole('button', { name: new RegExp(`^${VENTURE} · `) }).click();
      const drawer = phone.page.locator('.ant-drawer');
      const figures = drawer.getByText(language === 'zh' ? '本月数据' : 'This month’s figures');
      await figures.waitFor({ timeout: 20_000 });
      await figures.scrollIntoViewIfNeeded();
      await screenshot(phone.page, `review-drawer-phone-${language}`);
      // a phone lists the figures, each on a line of its own with its comparison: nothing scrolls sideways
      await drawer.locator('.review-figure').first().waitFor();
      const body = drawer.locator('.ant-drawer-body');
      const overflow = await body.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, 'the drawer scrolls sideways').toBeLessThanOrEqual(0);
      expect(await drawer.locator('.ant-table-thead th', { hasText: /中位数|median/ }).count()).toBe(0);
    };
    await phone.page.goto(`${baseUrl}/review?tab=approved&month=${MONTH}`);
    await phoneQueue('zh');
    await preferEnglish(phone.page);
    await phone.page.goto(`${baseUrl}/review?tab=approved&month=${MONTH}`);
    await phoneQueue('en');
    await phone.context.close();
  });
});
