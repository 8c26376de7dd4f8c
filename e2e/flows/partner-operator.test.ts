/**
 * The district SOE's operations officer, who runs ventures in several communities: the workplace lists each venture
 * with the agreement it signed and the month's report, one click from its form; the agreements page holds its own
 * agreements only; the cockpit says its figures are those of its ventures. Screenshots at desk and phone, zh-CN and
 * en, in e2e/test-results.
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

const SOE = '东区国有资产经营公司（区属国企）';

const session = (viewport: Viewport) => newSession(browser, baseUrl, 'soe@dongqu.demo', { viewport });

/** The ventures card's rows once its agreements are in (a row's term line). */
async function ventureRows(page: Page, title: RegExp) {
  const card = page.locator('.ant-card').filter({ has: page.getByText(title) });
  await expect
    .poll(() => card.getByText(/^(协议期限|Agreement)/).count(), { timeout: 20_000 })
    .toBeGreaterThan(0);
  return card.locator('.ant-list-item');
}

describe('an operator partner at work', () => {
  it('sees the ventures it runs across communities, with what it signed and the month’s report', async () => {
    const { context, page } = await session(DESK);
    await expect
      .poll(() => page.getByRole('heading', { name: `${SOE} 工作台` }).count(), { timeout: 20_000 })
      .toBe(1);
    const rows = await ventureRows(page, /我方运营的项目/);
    // the district SOE runs the tidal market in 金汇 and ventures in other communities too
    expect(await rows.count()).toBeGreaterThan(1);
    const market = rows.filter({ hasText: '金汇潮汐市场' });
    await expect
      .poll(() => market.getByText('金汇社区 · 固定费用 8,000.00 元/月 · 保底上缴 20,000.00 元/月').count(), {
        timeout: 20_000,
      })
      .toBe(1);
    const communities = new Set(
      (await rows.locator('.ant-list-item-meta-description').allInnerTexts()).map(
        (text) => text.split(' · ')[0],
      ),
    );
    expect(communities.size).toBeGreaterThan(1);
    // the to-dos name this month's reports and the warnings about its ventures
    await expect
      .poll(() => page.getByText(/月报(还有 \d+ 份待报|已全部提交)/).count(), { timeout: 20_000 })
      .toBe(1);
    await screenshot(page, 'partner-home-desk-zh');

    // its agreements, and no other partner's: the same ventures as the workplace, each with its community
    const ventures: string[] = [];
    for (const row of await rows.all()) {
      ventures.push(
        ((await row.locator('.ant-list-item-meta-title span').first().textContent()) ?? '').trim(),
      );
    }
    await page.getByRole('link', { name: '查看运营协议' }).click();
    await page.waitForURL(/\/register\/agreements/);
    const agreementRows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => agreementRows.count(), { timeout: 20_000 }).toBe(ventures.length);
    const agreed = await agreementRows.locator('td:first-child').allTextContents();
    expect([...agreed].sort()).toEqual([...ventures].sort());
    expect(await page.getByRole('tab').allTextContents()).toEqual(['经营项目', '运营协议', '合作方']);
    // the market's fixed fee is per month and it has no profit share: 不适用, not 0.00%
    const marketAgreement = agreementRows.filter({ hasText: '金汇潮汐市场' });
    expect(await marketAgreement.getByText('不适用').count()).toBe(1);
    expect(await marketAgreement.getByText('8,000.00 元').count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: '固定费用（元/月）' }).count()).toBe(1);
    // its menu has no register: the breadcrumb names where it came from, its workplace, as the menu marks it
    const breadcrumb = page.locator('.ant-breadcrumb');
    expect(await breadcrumb.getByText('登记台账').count()).toBe(0);
    expect((await page.locator('.ant-menu-item-selected').textContent())?.trim()).toBe('工作台');
    await screenshot(page, 'partner-agreements-desk-zh');

    // the ventures it runs, a tab away
    await page.getByRole('tab', { name: '经营项目' }).click();
    await page.waitForURL(/\/register\/ventures/);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'partner-register-ventures-desk-zh');

    // a venture's form from the workplace, which the breadcrumb leads back to
    await breadcrumb.getByRole('link', { name: '工作台' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const first = (await ventureRows(page, /我方运营的项目/)).first();
    const name = (await first.locator('.ant-list-item-meta-title span').first().textContent())?.trim() ?? '';
    await first.getByRole('link').click();
    await page.waitForURL(/\/reporting\/form\?/);
    await expect.poll(() => page.getByText(name).count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // the cockpit says whose figures these are
    await page.goto(`${baseUrl}/kpis`);
    await expect
      .poll(() => page.getByText(/统计范围：攀枝花市东区 · .+运营的项目/).count(), { timeout: 20_000 })
      .toBe(1);
    await context.close();
  });

  it('on a phone, in Chinese and English, the workplace fits the width', async () => {
    const { context, page } = await session(PHONE);
    await ventureRows(page, /我方运营的项目/);
    await fitsWidth(page);
    await screenshot(page, 'partner-home-phone-zh');
    await toEnglish(page);
    await ventureRows(page, /Ventures we operate/);
    await expect
      .poll(() => page.getByText(/guaranteed 20,000.00 yuan\/month/).count(), { timeout: 20_000 })
      .toBe(1);
    await fitsWidth(page);
    await screenshot(page, 'partner-home-phone-en');
    await context.close();
  });

  it('in English at a desk', async () => {
    const { context, page } = await session(DESK);
    await toEnglish(page);
    await ventureRows(page, /Ventures we operate/);
    await screenshot(page, 'partner-home-desk-en');
    await page.getByRole('link', { name: 'View operator agreements' }).click();
    await page.waitForURL(/\/register\/agreements/);
    const market = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '金汇潮汐市场' });
    await expect.poll(() => market.getByText('n/a').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('.ant-breadcrumb').getByRole('link', { name: 'Overview' }).count()).toBe(1);
    await screenshot(page, 'partner-agreements-desk-en');
    await context.close();
  });
});
