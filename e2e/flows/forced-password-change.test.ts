/**
 * The forced password change (ADR 0025): an account the district admin invited logs in with the initial password,
 * lands on 修改密码 and cannot go elsewhere until it has chosen its own; a weak password is refused with the field
 * named; after the change the app opens, the initial password no longer works, and the district admin reads the
 * login and the change under 安全事件. Screenshots desk and phone, Chinese and English.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logIn, screenshot } from '../support/browser';
import { DESK, newSession, PHONE, preferEnglish } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');
const JINHUI = 'jinhui';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** Invites an account through the API as the district admin; its email and the initial password shown once. */
async function invite(admin: BrowserContext, tag: string) {
  const email = `pw.${tag}.${Date.now()}@dongqu.demo`;
  const communities = await admin.request.get(`${baseUrl}/api/v1/communities`);
  const items = ((await communities.json()) as { items: Array<{ id: string; name: string }> }).items;
  const jinhui = items.find((c) => c.name.includes('金汇'));
  expect(jinhui, JINHUI).toBeDefined();
  const res = await admin.request.post(`${baseUrl}/api/v1/users`, {
    data: {
      displayName: `改密${tag}`,
      email,
      memberships: [{ role: 'community_reporter', communityId: jinhui?.id }],
    },
  });
  expect(res.status()).toBe(201);
  return { email, password: ((await res.json()) as { initialPassword: string }).initialPassword };
}

describe('forced password change', () => {
  const cases = [
    { lang: 'zh-CN', viewport: DESK, suffix: 'desk-zh' },
    { lang: 'zh-CN', viewport: PHONE, suffix: 'phone-zh' },
    { lang: 'en', viewport: DESK, suffix: 'desk-en' },
    { lang: 'en', viewport: PHONE, suffix: 'phone-en' },
  ] as const;

  for (const { lang, viewport, suffix } of cases) {
    it(`an invited user changes the initial password first (${suffix})`, async () => {
      const { context: adminContext, page: adminPage } = await newSession(
        browser,
        baseUrl,
        'admin@dongqu.demo',
        { viewport: DESK },
      );
      const account = await invite(adminContext, suffix);

      const context = await browser.newContext({ locale: lang, viewport, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await logIn(page, baseUrl, account.email, { password: account.password, timeout: 30_000 });
      if (lang === 'en') {
        await preferEnglish(page);
        await page.reload();
      }
      await page.waitForURL(/\/account\/password/, { timeout: 30_000 });
      const t =
        lang === 'en'
          ? {
              title: 'Change password',
              current: 'Password your administrator gave you',
              next: 'New password',
              confirm: 'Confirm new password',
              rule: 'At least 10 characters, with letters and digits',
              wrong: 'This password is wrong',
              done: 'Password changed',
            }
          : {
              title: '修改密码',
              current: '管理员设置的初始密码',
              next: '新密码',
              confirm: '确认新密码',
              rule: '至少 10 位，须同时包含字母和数字',
              wrong: '密码不正确',
              done: '密码已修改',
            };
      await page
        .getByText(lang === 'en' ? /An administrator set your password/ : /您的密码由管理员设置/)
        .waitFor();
      await screenshot(page, `password-forced-${suffix}`);

      // nowhere else until done: a page typed into the address bar comes back here
      await page.goto(`${baseUrl}/reporting`);
      await page.waitForURL(/\/account\/password/, { timeout: 30_000 });
      const refused = await page.request.get(`${baseUrl}/api/v1/ventures`);
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        'password_change_required',
      );

      // a weak password is refused by the form; a wrong current one by the API, the field named
      await page.getByLabel(t.current, { exact: true }).fill('not-the-initial-1');
      await page.getByLabel(t.next, { exact: true }).fill('short');
      await page.getByLabel(t.confirm, { exact: true }).fill('short');
      await page
        .getByRole('button', { name: t.title === '修改密码' ? /确认修改/ : /Change password/ })
        .click();
      await page.locator('.ant-form-item-explain-error', { hasText: t.rule }).waitFor();
      const newPassword = `river-${Date.now()}-pw`;
      await page.getByLabel(t.next, { exact: true }).fill(newPassword);
      await page.getByLabel(t.confirm, { exact: true }).fill(newPassword);
      await page
        .getByRole('button', { name: t.title === '修改密码' ? /确认修改/ : /Change password/ })
        .click();
      await page.locator('.ant-form-item-explain-error', { hasText: t.wrong }).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500); // antd fades the message in whatever the motion setting
      // the refusal leaves the button as it was: enabled, and (the pointer moved off, as a person's would) not in
      // its paler hover colour, which read in a still picture as disabled
      const submit = page.getByRole('button', {
        name: t.title === '修改密码' ? /确认修改/ : /Change password/,
      });
      expect(await submit.isEnabled()).toBe(true);
      await page.mouse.move(0, 0);
      // the message sits apart from the next field's label, not against it
      const wrongBox = await page.locator('.ant-form-item-explain-error', { hasText: t.wrong }).boundingBox();
      const nextLabel = await page.locator('label', { hasText: t.next }).first().boundingBox();
      expect(nextLabel && wrongBox && nextLabel.y - (wrongBox.y + wrongBox.height)).toBeGreaterThanOrEqual(8);
      await screenshot(page, `password-errors-${suffix}`);

      await page.getByLabel(t.current, { exact: true }).fill(account.password);
      await page
        .getByRole('button', { name: t.title === '修改密码' ? /确认修改/ : /Change password/ })
        .click();
      await page.getByText(t.done).waitFor({ timeout: 30_000 });
      await page.waitForURL((url) => !url.pathname.startsWith('/account/password'), { timeout: 30_000 });
      expect((await page.request.get(`${baseUrl}/api/v1/ventures`)).status()).toBe(200);
      const old = await page.request.post(`${baseUrl}/api/v1/auth/login`, {
        data: { email: account.email, password: account.password },
      });
      expect(old.status()).toBe(401);
      await context.close();

      // the district admin reads the login and the change under 安全事件
      await adminPage.goto(`${baseUrl}/audit/security`);
      await adminPage
        .locator('.ant-table-row', { hasText: account.email })
        .first()
        .waitFor({ timeout: 30_000 });
      expect(
        await adminPage.locator('.ant-table-row', { hasText: account.email }).count(),
      ).toBeGreaterThanOrEqual(3);
      if (suffix === 'desk-zh') await screenshot(adminPage, 'security-events-desk-zh');
      await adminContext.close();
    });
  }

  it('the demo logins are not forced; 修改密码 is in the user menu; 安全事件 on a phone and in English', async () => {
    const { context, page } = await newSession(browser, baseUrl, 'admin@dongqu.demo', { viewport: PHONE });
    expect(new URL(page.url()).pathname).not.toMatch(/account\/password/);
    await page.goto(`${baseUrl}/audit/security`);
    await page.locator('.ant-card', { hasText: 'admin@dongqu.demo' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'security-events-phone-zh');
    // on a loaded CI machine the page can still be settling (the security events answering) when the menu opens,
    // and the item's click is lost with the re-render: open the menu and choose again, as a person would
    for (let attempt = 0; attempt < 3 && !/account\/password/.test(page.url()); attempt++) {
      await page.getByRole('button', { name: '用户菜单' }).click();
      await page
        .getByRole('menuitem', { name: '修改密码' })
        .click({ timeout: 10_000 })
        .catch(() => undefined);
      await page.waitForURL(/\/account\/password/, { timeout: 10_000 }).catch(() => undefined);
    }
    await page.waitForURL(/\/account\/password/);
    await page.getByText('修改后，其他设备上的登录将失效。').waitFor();
    await screenshot(page, 'password-menu-phone-zh');
    await context.close();

    const { context: en, page: enPage } = await newSession(browser, baseUrl, 'admin@dongqu.demo', {
      locale: 'en',
      viewport: DESK,
    });
    await preferEnglish(enPage);
    await enPage.goto(`${baseUrl}/audit/security`);
    await enPage.getByText('Security events').first().waitFor({ timeout: 30_000 });
    await enPage.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    await screenshot(enPage, 'security-events-desk-en');
    await en.close();
  });
});
