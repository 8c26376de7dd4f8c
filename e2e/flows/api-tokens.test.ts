/**
 * API 令牌 as a community office and its company system do it (issue 15, ADR 0026): 金汇's admin creates a token for
 * the company's accounting system and copies it off the screen once; the system — plain HTTP with the bearer, as in
 * docs/api-tokens.md — reads its ventures, drafts and submits a monthly report; the list shows the token's last use;
 * approving with the token is refused; the admin revokes it after a confirmation and the system is refused at once.
 * /api/docs offers the bearer scheme and tries an operation with it. Screenshots desk and phone, Chinese and English.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logIn, screenshot } from '../support/browser';
import { DESK, fitsWidth, newSession, PHONE, preferEnglish } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');
const ADMIN = 'jinhui@dongqu.demo';
/** the report's figures: money in fen, counts */
const FIGURES = /(Fen|Jobs|Served|Transactions|Requests|Promise)$/;
let browser: Browser;
let token = '';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** The company system: plain HTTP with its bearer, no cookie. */
function system(path: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${baseUrl}/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function openTokens(page: Page) {
  await page.goto(`${baseUrl}/admin/api-tokens`);
  await page.locator('.ant-table, .ant-card, .ant-empty').first().waitFor({ timeout: 30_000 });
}

describe('API tokens', () => {
  it('a company system submits its monthly report with a token the community admin created and then revokes', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: DESK, reducedMotion: 'reduce' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const page = await context.newPage();
    await logIn(page, baseUrl, ADMIN);
    // (the menu item's icon adds its own name: match the words)
    await page
      .locator('.ant-menu')
      .getByRole('link', { name: /API 令牌/ })
      .click();
    await page.waitForURL(/\/admin\/api-tokens/);
    await page.getByText('还没有 API 令牌').first().waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: /新建令牌/ }).click();
    const dialog = page.getByRole('dialog', { name: '新建 API 令牌' });
    await dialog.getByLabel('名称').fill('金汇 财务系统');
    // read only unless asked: the company's system files reports, so its token may
    await dialog.getByLabel('创建和提交月报').check();
    await dialog.getByLabel('查看登记台账').check();
    await page.waitForTimeout(500); // the dialog's zoom-in (antd animates whatever the motion setting)
    await screenshot(page, 'api-tokens-create-desk-zh');
    await dialog.getByRole('button', { name: '创建令牌' }).click();

    const shown = page.getByTestId('api-token');
    await shown.waitFor({ timeout: 30_000 });
    token = ((await shown.textContent()) ?? '').trim();
    expect(token).toMatch(/^gft_[0-9a-f]{32}_[a-z2-7]{32}$/);
    // the token wraps inside its own box, which stays inside the dialog (it ran to the dialog's edge before)
    const fits = await shown.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const body = el.closest('.ant-modal-body')?.getBoundingClientRect();
      return { overflow: el.scrollWidth - el.clientWidth, inside: !!body && box.right <= body.right + 0.5 };
    });
    expect(fits).toEqual({ overflow: 0, inside: true });
    await page.getByRole('button', { name: /复制令牌/ }).click();
    await page.getByRole('button', { name: /已复制/ }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshot(page, 'api-tokens-shown-desk-zh');
    await page.getByRole('button', { name: '我已保存，关闭' }).click();
    await expect(shown.count()).resolves.toBe(0);
    const row = page.locator('.ant-table-row', { hasText: '金汇 财务系统' });
    await row.getByText('从未使用').waitFor({ timeout: 30_000 });

    // the company system at work: its ventures, a draft, the submission
    const ventures = (await (await system('/v1/ventures')).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    expect(ventures.items.length).toBeGreaterThan(0);
    const venture = ventures.items[0] as { id: string };
    const existing = (await (await system(`/v1/reports?ventureId=${venture.id}&pageSize=500`)).json()) as {
      items: Array<{ id: string; month: string }>;
    };
    const taken = new Set(existing.items.map((r) => r.month));
    // the latest month before this one without a report of the venture
    let month = '';
    for (let back = 1; back < 36 && !month; back++) {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - back);
      const candidate = d.toISOString().slice(0, 7);
      if (!taken.has(candidate)) month = candidate;
    }
    // figures like the venture's latest month (its system would send its own books), so nothing needs explaining
    const latest = existing.items.sort((a, b) => b.month.localeCompare(a.month))[0];
    const previous = latest
      ? ((await (await system(`/v1/reports/${latest.id}`)).json()) as Record<string, unknown>)
      : {};
    const figures = Object.fromEntries(
      Object.entries(previous).filter(([key, value]) => FIGURES.test(key) && typeof value === 'number'),
    );
    const created = await system('/v1/reports', {
      method: 'POST',
      body: { ventureId: venture.id, month, ...figures },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const report = (await created.json()) as { id: string };
    const submitted = await system(`/v1/reports/${report.id}/submit`, { method: 'POST' });
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    expect(((await submitted.json()) as { status: string }).status).toBe('submitted');
    // what it may not do
    const approve = await system(`/v1/reports/${report.id}/approve`, { method: 'POST', body: {} });
    expect(approve.status).toBe(403);
    expect((await system('/v1/users')).status).toBe(403);

    // the list shows the use
    await openTokens(page);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.getByText('从未使用').count()).resolves.toBe(0);
    await screenshot(page, 'api-tokens-desk-zh');

    // revoked after a confirmation: refused at once
    await row.getByRole('button', { name: /撤销/ }).click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: '撤销令牌“金汇 财务系统”' });
    await page.waitForTimeout(300);
    await screenshot(page, 'api-tokens-revoke-desk-zh');
    await confirm.getByRole('button', { name: /撤\s?销/ }).click();
    await row.locator('.ant-tag', { hasText: '已撤销' }).waitFor({ timeout: 30_000 });
    expect((await system('/v1/reports')).status).toBe(401);
    await context.close();
  });

  it('/api/docs takes a token and tries an operation with it', async () => {
    // a fresh token for the docs (the first was revoked)
    const { context, page } = await newSession(browser, baseUrl, ADMIN, { viewport: DESK });
    const made = await page.request.post(`${baseUrl}/api/v1/api-tokens`, {
      data: { name: '文档试用', scopes: ['report:read'], expiresInDays: 1 },
    });
    expect(made.status()).toBe(201);
    const docsToken = ((await made.json()) as { token: string }).token;
    await page.goto(`${baseUrl}/api/docs`);
    await page
      .getByRole('button', { name: /Authorize/ })
      .first()
      .click({ timeout: 30_000 });
    const auth = page.locator('.auth-container', { hasText: 'apiToken' });
    await auth.locator('input').fill(docsToken);
    await auth.locator('button.authorize').click();
    await screenshot(page, 'api-docs-authorize');
    await auth.locator('button.btn-done').click();
    const op = page.locator('#operations-reports-getReports');
    await op.locator('.opblock-summary').click();
    await op.getByRole('button', { name: 'Try it out' }).click();
    await op.getByRole('button', { name: 'Execute' }).click();
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 30_000 });
    expect((await status.textContent())?.trim()).toBe('200');
    await expect(op.locator('.curl-command, .request-url').first().textContent()).resolves.toBeTruthy();
    expect(await op.locator('.curl-command').textContent()).toContain('Authorization: Bearer gft_');
    await context.close();
  });

  it('the page on a phone and in English', async () => {
    for (const [viewport, lang, name] of [
      [PHONE, 'zh-CN', 'api-tokens-phone-zh'],
      [DESK, 'en', 'api-tokens-desk-en'],
      [PHONE, 'en', 'api-tokens-phone-en'],
    ] as const) {
      const { context, page } = await newSession(browser, baseUrl, ADMIN, { locale: lang, viewport });
      if (lang === 'en') await preferEnglish(page);
      await openTokens(page);
      await page.getByText('金汇 财务系统').first().waitFor({ timeout: 30_000 });
      await page
        .getByText(lang === 'en' ? 'Revoked' : '已撤销')
        .first()
        .waitFor({ timeout: 30_000 });
      // nothing wider than the screen
      await fitsWidth(page, { slack: 0 });
      await screenshot(page, name);
      if (viewport === PHONE) {
        await page.getByRole('button', { name: lang === 'en' ? /New token/ : /新建令牌/ }).click();
        await page
          .getByRole('dialog')
          .getByLabel(lang === 'en' ? 'Name' : '名称')
          .waitFor();
        await page.waitForTimeout(500);
        await screenshot(page, `api-tokens-create-${name.replace('api-tokens-', '')}`);
      }
      await context.close();
    }
  });
});
