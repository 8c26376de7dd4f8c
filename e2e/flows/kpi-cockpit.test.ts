/**
 * What a district policy office does each month: open the KPI cockpit, read the headline figures, change the
 * period, open the ranking and the reporting matrix — in the real product (API + built admin, embedded
 * database with the demo district) driven through Debian's Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logIn, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** Waits until the ECharts figure has drawn an SVG with shapes beyond its axes (series, nodes, cells). */
async function chartDrawn(page: Page, name: string, minShapes = 4) {
  const figure = page.getByRole('figure', { name });
  await figure.locator('svg').first().waitFor({ state: 'attached', timeout: 30_000 });
  await expect
    .poll(() => figure.locator('svg path, svg rect').count(), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(minShapes);
  return figure;
}

async function cardValue(page: Page, kpi: string): Promise<string> {
  const value = page.locator(`[data-kpi="${kpi}"] [data-testid="kpi-value"]`);
  await value.waitFor({ timeout: 30_000 });
  return ((await value.textContent()) ?? '').trim();
}

/** "1,408.92万元" → 1408.92 */
function numberIn(text: string): number {
  return Number(text.replace(/[^\d.-]/g, ''));
}

describe('the district KPI cockpit', () => {
  it('a district admin reads real figures, changes the period and opens the ranking', async () => {
    // reduced motion: the charts are drawn at once, so a screenshot never catches one growing into place
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1600, height: 1000 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await logIn(page, baseUrl, 'admin@dongqu.demo');

    // from the menu, like a person
    await page.locator('.ant-menu').getByRole('link', { name: '指标驾驶舱' }).click();
    await page.waitForURL((url) => url.pathname === '/kpis', { timeout: 20_000 });
    await page
      .getByText(/统计范围：攀枝花市东区|统计范围：东区/)
      .first()
      .waitFor({ timeout: 30_000 });

    // the demo district's last full month: revenue in 万元, jobs and the reporting rate are real figures
    const revenue = await cardValue(page, 'operating_revenue');
    expect(revenue).toMatch(/^[\d,]+\.\d{2}万元$/);
    expect(numberIn(revenue)).toBeGreaterThan(0);
    expect(numberIn(await cardValue(page, 'stable_jobs'))).toBeGreaterThan(0);
    expect(await cardValue(page, 'reporting_rate')).toMatch(/^\d+\.\d%$/);
    const changes = page.locator('[data-kpi="operating_revenue"] [data-tone]');
    expect(await changes.count()).toBe(2);
    // October's reports are not all approved yet in the demo: the cockpit says how many count
    const review = page.getByText(/^本期应报月报 \d+ 份，其中 \d+ 份已审核通过$/);
    await review.waitFor({ timeout: 30_000 });
    const [due, approved] = ((await review.textContent()) ?? '').match(/\d+/g)?.map(Number) ?? [];
    expect(approved).toBeLessThan(due as number);
    // so revenue, summed from the approved reports, is not compared as if final (no "下降 53.0%")
    expect(await changes.first().textContent()).toBe('环比 待审核，暂不可比');
    await chartDrawn(page, '趋势 · 经营收入');
    await screenshot(page, 'kpi-cockpit-month');

    // the quarter: a new period label, and the quarter's revenue is at least the month's
    await page.getByText('季度', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('period') === 'quarter', { timeout: 20_000 });
    await page
      .getByText(/年第\d季度/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, {
      timeout: 30_000,
    });
    const quarterRevenue = await cardValue(page, 'operating_revenue');
    expect(numberIn(quarterRevenue)).toBeGreaterThanOrEqual(numberIn(revenue));
    // the month picker in words, as the quarter's title (2026年第4季度 · 2026年10月), not 2026-10
    expect(await page.locator('[data-period-picker] .ant-picker input').inputValue()).toMatch(
      /^\d{4}年\d{1,2}月$/,
    );
    await screenshot(page, 'kpi-cockpit-quarter');

    // a KPI from its card, then the ranking of the communities by it, with the median
    await page.locator('[data-kpi="net_profit"]').click();
    await page.getByRole('tab', { name: '社区排名' }).click();
    // a bar per community (the demo district has dozens)
    const ranking = await chartDrawn(page, '净利润 社区排名', 33);
    expect(await ranking.textContent()).toMatch(/中位数/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBeGreaterThanOrEqual(33);
    expect((await rows.first().locator('td').first().textContent())?.trim()).toBe('1');
    // every row on the page, none hidden in a box of its own: the table's body does not scroll, the last
    // community is reached by scrolling the page
    const body = page.locator('.ant-table-body').first();
    expect(await body.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
    await rows.last().scrollIntoViewIfNeeded();
    expect(await rows.last().isVisible()).toBe(true);
    // back to the top: a full-page picture taken scrolled down draws the sticky headers mid-page
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'kpi-cockpit-ranking');

    // the first-ranked community opens its own page
    const first = rows.first().locator('td').nth(1);
    const name = ((await first.textContent()) ?? '').trim();
    await first.getByRole('link').click();
    await page.waitForURL((url) => url.pathname.startsWith('/communities/'), { timeout: 20_000 });
    await page.getByRole('heading', { name }).waitFor({ timeout: 20_000 });
    await page.goBack();

    // the reporting matrix: every community × twelve months, and who to chase
    await page.getByRole('tab', { name: '报送情况' }).click();
    // a cell per community and month
    await chartDrawn(page, '社区 × 月份 报送情况热力图', 33 * 12);
    await page
      .getByText(/需催报的社区|没有缺报或退回的社区/)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'kpi-cockpit-reporting');

    // funds: the Sankey of the year
    await page.getByRole('tab', { name: '资金与结构' }).click();
    await page.getByText('年度', { exact: true }).click();
    // the year's answer, not the quarter's still on screen while it loads (the screenshot caught it greyed)
    await page.getByText('2026年', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.locator('.ant-spin-blur').waitFor({ state: 'detached', timeout: 30_000 });
    await chartDrawn(page, '资金流向桑基图');
    await chartDrawn(page, '经营模式（按营业收入）');
    await screenshot(page, 'kpi-cockpit-funds');
    await context.close();
  });

  it('a community admin sees the cockpit of their own community, without a ranking', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await logIn(page, baseUrl, 'jinhui@dongqu.demo');
    await page.goto(`${baseUrl}/kpis`);
    await page.getByText('统计范围：金汇社区', { exact: false }).first().waitFor({ timeout: 30_000 });
    expect(numberIn(await cardValue(page, 'operating_revenue'))).toBeGreaterThanOrEqual(0);
    expect(await page.getByRole('tab', { name: '社区排名' }).count()).toBe(0);
    await screenshot(page, 'kpi-cockpit-community');
    await context.close();
  });
});
