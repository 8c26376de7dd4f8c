/**
 * Yearly KPI targets (issue 11, ADR 0017): the district admin opens 年度目标 from the side menu, sets this year's
 * operating-revenue target for the district and for two communities, and sees it on the cockpit — the card's
 * progress and the trend chart's goal line — and the ranking marking the communities below their target. Amounts are
 * typed in 万元, the unit of the last-year column beside them; a target far from last year asks to be confirmed.
 * Screenshots of the targets page, its confirmation and the cockpit on a desk (1440×900) and a phone (390×844),
 * zh-CN and en.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { DESK, fitsWidth, newSession, PHONE, toEnglish, type Viewport } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const session = (viewport: Viewport) => newSession(browser, baseUrl, 'admin@dongqu.demo', { viewport });

/** Each card's unit on one line ("10k yuan" broke in two beside a wide figure): an inline box per line. */
async function unitsWhole(page: Page) {
  const lines = await page
    .locator('[data-testid="kpi-value"] > .ant-typography-secondary')
    .evaluateAll((units) => units.map((u) => `${u.textContent}:${u.getClientRects().length}`));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(/:1$/);
}

async function chartText(page: Page, name: RegExp): Promise<string> {
  const figure = page.getByRole('figure', { name });
  await figure.locator('svg').first().waitFor({ state: 'attached', timeout: 30_000 });
  return (await figure.locator('svg').first().textContent()) ?? '';
}

describe('yearly KPI targets', () => {
  it('the district admin sets a target and sees the goal line on the cockpit', async () => {
    const { context, page } = await session(DESK);
    // under 系统管理 with the district's other settings (the group is open by default)
    const admin = page.locator('.ant-menu-submenu', { hasText: '系统管理' });
    await admin.getByRole('link', { name: '年度目标' }).click();
    await page.waitForURL(/\/kpis\/targets/, { timeout: 20_000 });
    const revenue = page.getByLabel('经营收入 · 年度目标');
    await revenue.waitFor({ timeout: 30_000 });
    // typed in 万元, the unit of the last-year column beside it: 3,000 万元 for the district's year, a monthly pace
    // of 250.00 万元
    const revenueRow = page.locator('tr', { has: revenue });
    expect(await revenueRow.getByTestId('target-unit').textContent()).toBe('万元');
    expect(await revenueRow.getByTestId('last-year').textContent()).toMatch(/万元/);
    await revenue.fill('3000');
    // the save sits in the bar fixed to the window's bottom, with what it will save
    const bar = page.getByRole('region', { name: '保存目标' });
    expect(await bar.getByTestId('changed-count').textContent()).toBe('已修改 1 项');
    await bar.getByRole('button', { name: '保存目标' }).click();
    await page.getByText('已保存目标 1 项').waitFor({ timeout: 20_000 });
    expect(await revenue.inputValue()).toBe('3000');
    expect(await bar.getByTestId('changed-count').textContent()).toBe('尚无修改');
    await screenshot(page, 'kpi-targets-desk-zh');

    // one KPI for several communities at once: two community targets, one far above its figures (1 亿, typed as
    // 10000 万元) and one far below (1 万元)
    await page.getByText('按指标设定').click();
    await page.getByLabel('金汇社区 · 年度目标').fill('10000');
    await page.getByLabel('望江街社区 · 年度目标').fill('1');
    // 金汇's last year was some 40 万元: the page warns under the field as it is typed;
    // in January, before December's reports are due, last year is compared at its full-year pace (折合全年)
    const jinhuiRow = page.locator('tr', { has: page.getByLabel('金汇社区 · 年度目标') });
    expect(await jinhuiRow.getByTestId('last-year').textContent()).toMatch(/万元/);
    const warning = jinhuiRow.getByTestId('target-warning');
    await warning.waitFor({ timeout: 10_000 });
    expect(await warning.textContent()).toMatch(
      /^是上年实际(折合全年)?（[\d,.]+ 万元）的 [\d,]+ 倍，请核对$/,
    );
    // saving asks first, listing each far target: 名称, 上年实际, 目标, 相当于上年
    await page.getByRole('region', { name: '保存目标' }).getByRole('button', { name: '保存目标' }).click();
    const confirm = page.getByRole('dialog');
    await confirm
      .locator('.ant-modal-confirm-title', { hasText: /项目标与上年实际相差较大，仍要保存吗？/ })
      .waitFor({ timeout: 10_000 });
    const listed = await confirm.getByTestId('far-targets').locator('tbody tr').allTextContents();
    expect(listed).toContainEqual(
      expect.stringMatching(/^金汇社区 · 经营收入[\d,.]+ 万元(（折合全年）)?10,000 万元[\d,]+ 倍$/),
    );
    // below last year, a share of it (3.1%), not "0.031 倍"
    expect(listed).toContainEqual(
      expect.stringMatching(/^望江街社区 · 经营收入[\d,.]+ 万元(（折合全年）)?1 万元[\d.]+%$/),
    );
    await screenshot(page, 'kpi-targets-confirm-desk-zh');
    await confirm.getByRole('button', { name: '仍然保存' }).click();
    await page.getByText('已保存目标 2 项').waitFor({ timeout: 20_000 });
    await screenshot(page, 'kpi-targets-by-kpi-desk-zh');

    // the cockpit: the card's progress and the trend's goal line
    await page.getByRole('link', { name: '查看指标驾驶舱' }).click();
    await page.waitForURL((url) => url.pathname === '/kpis', { timeout: 20_000 });
    const target = page.locator('[data-kpi="operating_revenue"] [data-testid="kpi-target"]');
    await target.waitFor({ timeout: 30_000 });
    expect(await target.textContent()).toContain('全区年度目标 3,000.00 万元');
    expect(await target.textContent()).toMatch(/完成 [\d.]+%/);
    await expect
      .poll(() => chartText(page, /趋势 · 经营收入/), { timeout: 30_000 })
      .toContain('月均目标 250.00 万元');
    await screenshot(page, 'kpi-targets-cockpit-desk-zh');

    // the ranking of the year marks 金汇 below its target and 望江街 on track
    await page.getByRole('tab', { name: '社区排名' }).click();
    const legend = page.getByTestId('ranking-target-legend');
    await legend.waitFor({ timeout: 30_000 });
    expect(await legend.textContent()).toContain('低于目标 1 / 2');
    await expect
      .poll(async () => (await page.locator('tr', { hasText: '金汇社区' }).first().textContent()) ?? '')
      .toContain('低于目标');
    expect(await page.locator('tr', { hasText: '望江街社区' }).first().textContent()).toContain('达到进度');
    await screenshot(page, 'kpi-targets-ranking-desk-zh');

    await toEnglish(page);
    await page
      .getByTestId('ranking-target-legend')
      .getByText(/Below target/)
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'kpi-targets-ranking-desk-en');
    await page.getByRole('tab', { name: 'KPIs' }).click();
    await expect
      .poll(() => chartText(page, /Trend · Operating revenue/), { timeout: 30_000 })
      .toContain('Monthly target 2,500,000 yuan');
    await unitsWhole(page);
    await screenshot(page, 'kpi-targets-cockpit-desk-en');
    await page.goto(`${baseUrl}/kpis/targets`);
    const revenueEn = page.getByLabel('Operating revenue · Yearly target');
    await revenueEn.waitFor({ timeout: 30_000 });
    // the same 3000 as in Chinese, in 10k yuan, read back in yuan as English reads amounts
    const revenueEnRow = page.locator('tr', { has: revenueEn });
    expect(await revenueEn.inputValue()).toBe('3000');
    expect(await revenueEnRow.getByTestId('target-unit').textContent()).toBe('10k yuan');
    expect(await revenueEnRow.getByTestId('amount-hint').textContent()).toBe('= 30,000,000 yuan');
    await screenshot(page, 'kpi-targets-desk-en');
    await context.close();
  });

  it('on a phone the targets page and the card’s progress fit the width, in Chinese and English', async () => {
    const { context, page } = await session(PHONE);
    await page.goto(`${baseUrl}/kpis/targets`);
    const revenue = page.getByLabel('经营收入 · 年度目标');
    await revenue.waitFor({ timeout: 30_000 });
    expect(await revenue.inputValue()).toBe('3000');
    // the save bar stays in the window, not after the page's nineteen cards
    const bar = page.getByRole('region', { name: '保存目标' });
    const inWindow = async () => {
      const box = await bar.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height + 1;
    };
    expect(await inWindow()).toBe(true);
    await fitsWidth(page);
    await screenshot(page, 'kpi-targets-phone-zh');
    // a far target on a phone: the count in the bar, the confirmation, 返回修改 (nothing saved)
    await revenue.fill('300000');
    expect(await bar.getByTestId('changed-count').textContent()).toBe('已修改 1 项');
    await bar.getByRole('button', { name: '保存目标' }).click();
    const confirm = page.getByRole('dialog');
    await confirm
      .locator('.ant-modal-confirm-title', { hasText: /仍要保存吗？/ })
      .waitFor({ timeout: 10_000 });
    // one entry a target on a phone, not a four-column table
    expect(await confirm.getByTestId('far-targets').locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^全区 · 经营收入上年实际 [\d,.]+ 万元目标 300,000 万元相当于上年 [\d,]+ 倍$/),
    ]);
    await fitsWidth(page);
    await screenshot(page, 'kpi-targets-confirm-phone-zh');
    await confirm.getByRole('button', { name: '返回修改' }).click();
    await confirm.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await revenue.inputValue()).toBe('300000');
    await page.reload();
    await revenue.waitFor({ timeout: 30_000 });
    expect(await revenue.inputValue()).toBe('3000');
    await page.goto(`${baseUrl}/kpis`);
    const target = page.locator('[data-kpi="operating_revenue"] [data-testid="kpi-target"]');
    await target.waitFor({ timeout: 30_000 });
    await target.scrollIntoViewIfNeeded();
    await fitsWidth(page);
    await unitsWhole(page);
    await screenshot(page, 'kpi-targets-cockpit-phone-zh');
    await toEnglish(page);
    await target.getByText(/District yearly target/).waitFor({ timeout: 20_000 });
    await fitsWidth(page);
    await unitsWhole(page);
    await screenshot(page, 'kpi-targets-cockpit-phone-en');
    await page.goto(`${baseUrl}/kpis/targets`);
    const revenueEn = page.getByLabel('Operating revenue · Yearly target');
    await revenueEn.waitFor({ timeout: 30_000 });
    const barEn = page.getByRole('region', { name: 'Save targets' });
    await revenueEn.fill('300000');
    expect(await barEn.getByTestId('changed-count').textContent()).toBe('1 changed');
    await fitsWidth(page);
    await screenshot(page, 'kpi-targets-phone-en');
    await barEn.getByRole('button', { name: 'Save targets' }).click();
    const confirmEn = page.getByRole('dialog');
    await confirmEn
      .locator('.ant-modal-confirm-title', { hasText: /Save anyway\?/ })
      .waitFor({ timeout: 10_000 });
    await fitsWidth(page);
    await screenshot(page, 'kpi-targets-confirm-phone-en');
    await confirmEn.getByRole('button', { name: 'Go back and edit' }).click();
    await context.close();
  });
});
