/**
 * The resident co-deliberation cycle in the browser, as 望江街社区's office runs it: the elderly-canteen proposal
 * against the governance fund, the residents' vote recorded from the paper minutes, public disclosure, a payout tried
 * before the disclosure period ends (refused, the reason shown), the server's clock moved past the period (the
 * injected clock, never in production, instead of sleeping), the payout, and the ledger and balance to the fen.
 * Screenshots of the workplace, the proposal and the ledger in zh-CN and en are kept in e2e/test-results.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { DESK, fitsWidth, newSession, PHONE, preferEnglish } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');
const TITLE = '望江街长者食堂助餐补贴（e2e）';
const AMOUNT_YUAN = '36000.50';
const AMOUNT_FEN = 3_600_050;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let proposalUrl = '';

async function moveClock(offsetDays: number) {
  const res = await fetch(`${baseUrl}/api/test/clock`, {
    method: offsetDays === 0 ? 'DELETE' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(offsetDays === 0 ? {} : { body: JSON.stringify({ offsetDays }) }),
  });
  expect(res.ok, `clock → +${offsetDays} days`).toBe(true);
}

/** Picks an option of the antd Select labelled `label`. */
async function choose(scope: Page | ReturnType<Page['locator']>, label: string, option: string | RegExp) {
  await scope.getByLabel(label).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

/** The fund balance as the fund's page shows it, in fen. */
async function governanceFund(): Promise<{ id: string; balanceFen: number }> {
  const res = await page.request.get(`${baseUrl}/api/v1/funds`);
  const body = (await res.json()) as { items: Array<{ id: string; kind: string; balanceFen: number }> };
  const fund = body.items.find((f) => f.kind === 'governance_special');
  expect(fund, 'Wangjiangjie has a governance fund').toBeDefined();
  return { id: fund?.id ?? '', balanceFen: fund?.balanceFen ?? 0 };
}

beforeAll(async () => {
  browser = await launchBrowser();
  ({ context, page } = await newSession(browser, baseUrl, 'wangjiangjie@dongqu.demo', { viewport: DESK }));
});
afterAll(async () => {
  await moveClock(0).catch(() => undefined); // the other flows share the server: back to real time
  await context?.close();
  await browser?.close();
});

describe("望江街社区's elderly-canteen proposal, from proposal to payout", () => {
  let balanceBefore = 0;
  let fundId = '';

  it('the workplace opens on the to-dos and the community’s place in the district', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByText('本月待办').waitFor({ timeout: 30_000 });
    await page.getByText('本社区在全区的位置').waitFor();
    await page
      .getByText(/^\d+\/\d+$/)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'community-home-desk-zh');
  });

  it('the office proposes the canteen subsidy against the governance fund', async () => {
    const fund = await governanceFund();
    fundId = fund.id;
    balanceBefore = fund.balanceFen;
    expect(balanceBefore).toBeGreaterThan(AMOUNT_FEN);

    await page.goto(`${baseUrl}/proposals`);
    await page.getByRole('button', { name: /新建议事项目/ }).click();
    const drawer = page.locator('.ant-drawer').last();
    await choose(drawer, '资金来源', /治理/);
    await choose(drawer, '用途类别', '为老服务');
    await drawer.getByLabel('项目名称').fill(TITLE);
    await drawer
      .getByLabel('用途说明')
      .fill('为辖区 80 岁以上独居老人提供午餐助餐补贴，每餐补贴 5 元，为期一年。');
    await drawer.getByLabel('申请金额').fill(AMOUNT_YUAN);
    await drawer.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/proposals\/[0-9a-f-]{36}/, { timeout: 20_000 });
    proposalUrl = page.url();
    await page.getByText(TITLE).first().waitFor();
  });

  it('records the residents’ vote from the paper minutes, then starts the disclosure', async () => {
    await page.getByRole('button', { name: '录入议事结果' }).click();
    const drawer = page.locator('.ant-drawer').last();
    const today = await page.evaluate(() =>
      new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }),
    );
    await drawer.getByLabel('议事日期').fill(today);
    await drawer.getByLabel('议事日期').press('Enter');
    await drawer.getByLabel('应到人数（有表决权）').fill('45');
    await drawer.getByLabel('实到人数').fill('38');
    await drawer.getByLabel('赞成票').fill('35');
    await drawer.getByLabel('反对票').fill('2');
    await drawer.getByLabel('弃权票').fill('1');
    await drawer
      .getByLabel('会议记录', { exact: true })
      .fill('居民议事会在社区活动室召开，讨论长者食堂助餐补贴。');
    await drawer.getByLabel('会议记录扫描件').fill('2026-12-望江街议事会记录.pdf');
    await drawer.getByRole('button', { name: '保存表决结果' }).click();
    await page.getByText('已录入：表决通过').waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: '开始公示' }).first().click();
    const disclosure = page.locator('.ant-drawer').last();
    await disclosure.getByRole('button', { name: '开始公示' }).click();
    await page.getByText('已开始公示').waitFor({ timeout: 20_000 });
    await page.getByText(/公示中，截止/).waitFor();
    await screenshot(page, 'proposal-disclosure-desk-zh');
  });

  it('before the disclosure period ends the payout is off, says until when, and the API refuses one', async () => {
    const payOut = page.getByRole('button', { name: /^拨\s*付$/ });
    expect(await payOut.isDisabled()).toBe(true);
    await payOut.locator('..').hover();
    await page
      .getByRole('tooltip')
      .getByText(/公示期至 .+ 止，期满后方可拨付/)
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'proposal-payout-refused-desk-zh');
    // a client that posts anyway is refused with the reason
    const refused = await page.evaluate(async (url) => {
      const id = url.split('/').pop();
      const response = await fetch(`/api/v1/proposals/${id}/payouts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ amountFen: 1_000_000 }),
      });
      return { status: response.status, body: (await response.json()) as { error: { message: string } } };
    }, proposalUrl);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/公示/);
    // nothing left the fund
    expect((await governanceFund()).balanceFen).toBe(balanceBefore);
  });

  it('after the period (the clock moved 8 days) the payout goes through and the ledger shows it to the fen', async () => {
    await moveClock(8);
    // the browser's calendar moves with the server's, so the payout date defaults to the server's today
    await context.clock.setFixedTime(new Date(Date.now() + 8 * 86_400_000));
    await page.goto(proposalUrl);
    await page
      .getByText(/公示期满/)
      .first()
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /^拨\s*付$/ }).click();
    const drawer = page.locator('.ant-drawer').last();
    await drawer.getByLabel('本次拨付金额（元）').fill(AMOUNT_YUAN);
    await drawer.getByLabel('摘要').fill('长者食堂助餐补贴第一期');
    await drawer.getByRole('button', { name: '确认拨付' }).click();
    await page
      .getByText(/已拨付 .*36,000\.50/)
      .first()
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'proposal-paid-desk-zh');

    expect((await governanceFund()).balanceFen).toBe(balanceBefore - AMOUNT_FEN);
    await page.goto(`${baseUrl}/funds/${fundId}`);
    const row = page.locator('.ant-table-row', { hasText: '长者食堂助餐补贴第一期' }).first();
    await row.waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toContain('36,000.50');
    await screenshot(page, 'fund-ledger-desk-zh');
  });

  it('the same pages in English and on a phone', async () => {
    const { context: en, page: enPage } = await newSession(browser, baseUrl, 'wangjiangjie@dongqu.demo', {
      locale: 'en',
      viewport: DESK,
    });
    await preferEnglish(enPage);
    for (const [path, name, text] of [
      ['/', 'community-home-desk-en', 'To do this month'],
      // the fund's own name, as the community registered it, once the fund has loaded
      [new URL(proposalUrl).pathname, 'proposal-desk-en', '社区治理专项资金'],
      [`/funds/${fundId}`, 'fund-ledger-desk-en', '长者食堂助餐补贴第一期'],
    ] as const) {
      await enPage.goto(`${baseUrl}${path}`);
      await enPage.getByText(text).first().waitFor({ timeout: 30_000 });
      if (path === '/')
        await enPage
          .getByText(/^\d+\/\d+$/)
          .first()
          .waitFor({ timeout: 30_000 });
      await screenshot(enPage, name);
    }
    await en.close();

    const { context: phone, page: phonePage } = await newSession(
      browser,
      baseUrl,
      'wangjiangjie@dongqu.demo',
      { viewport: PHONE },
    );
    for (const [path, name, text] of [
      ['/', 'community-home-phone-zh', '本月待办'],
      [new URL(proposalUrl).pathname, 'proposal-phone-zh', TITLE],
      [`/funds/${fundId}`, 'fund-ledger-phone-zh', '长者食堂助餐补贴第一期'],
    ] as const) {
      await phonePage.goto(`${baseUrl}${path}`);
      await phonePage.getByText(text).first().waitFor({ timeout: 30_000 });
      if (path === '/')
        await phonePage
          .getByText(/^\d+\/\d+$/)
          .first()
          .waitFor({ timeout: 30_000 });
      await fitsWidth(phonePage, { slack: 0, message: `${path} fits 390 px` });
      await screenshot(phonePage, name);
    }
    await phone.close();
  });
});
