/**
 * 用户与权限 as a district office does it: the district admin invites a colleague, reads the initial password off
 * the screen once, the colleague logs in with it; the admin disables them and the colleague's open session is
 * refused on its next request. The admin exports the accounts (导出) as CSV: the disabled colleague's row
 * says so, its role in words, and no password is in the file. Screenshots of the users page and the platform's
 * districts page, desk and phone, in Chinese and English.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logIn, screenshot } from '../support/browser';
import { DESK, fitsWidth, newSession, PHONE, preferEnglish } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const EMAIL = `zhangwei.${Date.now()}@dongqu.demo`;
const NAME = '张伟';

async function openUsers(page: Page, search = '') {
  await page.goto(`${baseUrl}/admin/users${search}`);
  await page.locator('.ant-table-row, .ant-card').first().waitFor({ timeout: 30_000 });
}

describe('user administration', () => {
  it('invites a user who logs in with the shown password; disabling them ends their open session', async () => {
    const { context: admin, page } = await newSession(browser, baseUrl, 'admin@dongqu.demo', {
      viewport: DESK,
      acceptDownloads: true,
    });
    // the menu's entry, under 系统管理
    await page.getByRole('menuitem', { name: /系统管理/ }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: '用户与权限' }).click();
    await page.waitForURL(/\/admin\/users/);
    await page.locator('.ant-table-row', { hasText: 'reporter@jinhui.demo' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'users-desk-zh');

    await page.getByRole('button', { name: /新建账号/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('姓名').fill(NAME);
    await drawer.getByLabel('登录邮箱').fill(EMAIL);
    await drawer.getByLabel('角色').click();
    await page.locator('.ant-select-item-option', { hasText: '社区填报员' }).click();
    await drawer.getByLabel('社区').click();
    await drawer.getByLabel('社区').fill('金汇');
    // the search narrows the list as it re-renders: pick with the keyboard (a click could land between renders)
    await page.locator('.ant-select-item-option-active', { hasText: '金汇社区' }).waitFor();
    await drawer.getByLabel('社区').press('Enter');
    await drawer.locator('.ant-select-content', { hasText: '金汇社区' }).waitFor({ timeout: 10_000 });
    // before creating, the admin learns the first login asks for a new password
    await drawer.getByText('对方首次登录时须先修改此初始密码').waitFor();
    await page.waitForTimeout(500); // the drawer's slide-in (antd animates whatever the motion setting)
    await screenshot(page, 'users-invite-drawer-desk-zh');
    await drawer.getByRole('button', { name: '创建账号' }).click();

    const shown = page.getByTestId('initial-password');
    await shown.waitFor({ timeout: 30_000 });
    const password = ((await shown.textContent()) ?? '').trim();
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await screenshot(page, 'users-password-modal-desk-zh');
    await page.getByRole('button', { name: '我已记下，关闭' }).click();
    await expect(shown.count()).resolves.toBe(0);

    // the colleague logs in with it, on a phone
    const colleague = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, reducedMotion: 'reduce' });
    const theirs = await colleague.newPage();
    await logIn(theirs, baseUrl, EMAIL, { password, timeout: 30_000 });
    const me = await theirs.request.get(`${baseUrl}/api/v1/me`);
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { memberships: Array<{ role: string }> }).memberships[0]?.role).toBe(
      'community_reporter',
    );

    // the admin sees the login and disables the account
    await openUsers(page, `?q=${encodeURIComponent(EMAIL)}`);
    const row = page.locator('.ant-table-row', { hasText: EMAIL });
    await row.waitFor({ timeout: 30_000 });
    // logged in, the initial password not yet changed
    await row.locator('.ant-tag', { hasText: '待改密' }).waitFor({ timeout: 30_000 });
    // 停用 is in the row's 更多 menu, in red at its foot (no red button on every row), and asks first
    expect(await row.getByRole('button', { name: /停\s?用/ }).count()).toBe(0);
    await row.getByRole('button', { name: new RegExp(`更多 ${NAME}`) }).click();
    const disable = page.locator('.ant-dropdown:visible .ant-dropdown-menu-item-danger', { hasText: '停用' });
    await disable.waitFor();
    await screenshot(page, 'users-more-menu-desk-zh');
    await disable.click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: `停用 ${NAME}` });
    await confirm.getByRole('button', { name: /停\s?用/ }).click();
    await row.locator('.ant-tag', { hasText: '已停用' }).waitFor({ timeout: 30_000 });
    // a disabled account cannot log in: no 待改密 beside its status
    expect(await row.locator('.ant-tag', { hasText: '待改密' }).count()).toBe(0);

    // the colleague's open session is refused on its next request; the app sends them to log in
    const after = await theirs.request.get(`${baseUrl}/api/v1/me`);
    expect(after.status()).toBe(401);
    await theirs.goto(`${baseUrl}/reporting`);
    await theirs.waitForURL(/\/login/, { timeout: 30_000 });
    // and the password no longer opens a session
    const again = await theirs.request.post(`${baseUrl}/api/v1/auth/login`, {
      data: { email: EMAIL, password },
    });
    expect(again.status()).toBe(401);
    await colleague.close();

    // the account list for an inspection (等保): the list's search travels with the export, one row per role
    await page.locator('[data-export="users"]').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByText('CSV（UTF-8）').click()]);
    expect(file.suggestedFilename()).toMatch(/^用户与权限-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path()) as string);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = csv.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(header).toBe(
      '姓名,登录邮箱,角色,所属社区 / 合作方,授权时间,状态,需改密,停用时间,最近登录,创建时间,账号编号',
    );
    expect(lines).toHaveLength(1);
    const cells = (lines[0] ?? '').split(',');
    expect(cells.slice(0, 4)).toEqual([NAME, EMAIL, '社区填报员', '金汇社区']);
    expect(cells[5]).toBe('已停用');
    // the colleague logged in with the initial password and never chose one, but disabled cannot change it
    // (the page shows no 待改密 for a disabled account either)
    expect(cells[6]).toBe('否');
    expect(cells[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // the colleague did log in
    expect(cells[8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(csv.toString('utf8')).not.toContain(password);

    // the account's history, one click away
    await row.getByRole('button', { name: new RegExp(`更多 ${NAME}`) }).click();
    await page.locator('.ant-dropdown-menu-title-content', { hasText: '操作记录' }).click();
    const history = page.getByRole('dialog');
    await history.getByText('停用账号').first().waitFor({ timeout: 30_000 });
    // what the step changed, in words: the field's name and its values, not the API's codes
    await history.getByRole('button', { name: '查看变更' }).first().click();
    const status = history.locator('tr', { hasText: '状态' }).first();
    await status.waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toMatch(/在用.*已停用/);
    await screenshot(page, 'users-history-desk-zh');
    await admin.close();
  });

  it('the users page on a phone and in English', async () => {
    const { context: phone, page } = await newSession(browser, baseUrl, 'admin@dongqu.demo', {
      viewport: PHONE,
    });
    await openUsers(page);
    await page.getByText('reporter@jinhui.demo').first().waitFor({ timeout: 30_000 });
    // the export button says 导出, as on a desk
    expect((await page.locator('[data-export="users"]').textContent())?.trim()).toBe('导出');
    await fitsWidth(page, { slack: 0, message: 'users page, phone, zh' });
    await screenshot(page, 'users-phone-zh');
    // a card's top right holds 更多 alone; 停用 is in its menu, in red
    const card = page.locator('.ant-card', { hasText: 'reporter@jinhui.demo' });
    expect(await card.locator('.ant-card-extra').getByRole('button').count()).toBe(1);
    await card.getByRole('button', { name: /更多/ }).click();
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item-danger', { hasText: '停用' }).waitFor();
    await screenshot(page, 'users-more-menu-phone-zh');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /新建账号/ }).click();
    await page.getByRole('dialog').getByLabel('姓名').waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'users-invite-drawer-phone-zh');
    await page.keyboard.press('Escape');

    // an old link's unit= (a community's id here) keeps its filter: the URL says communityId= instead
    const all = (await (await page.request.get(`${baseUrl}/api/v1/communities`)).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    const jinhui = all.items.find((c) => c.name === '金汇社区');
    expect(jinhui).toBeDefined();
    await page.goto(`${baseUrl}/admin/users?unit=${jinhui?.id}`);
    await page.waitForURL((url) => url.searchParams.get('communityId') === jinhui?.id, { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.has('unit')).toBe(false);
    await page.getByText('reporter@jinhui.demo').first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('admin@dongqu.demo', { exact: true }).count()).toBe(0);
    await phone.close();

    for (const [viewport, name] of [
      [DESK, 'users-desk-en'],
      [PHONE, 'users-phone-en'],
    ] as const) {
      const { context: en, page: enPage } = await newSession(browser, baseUrl, 'admin@dongqu.demo', {
        locale: 'en',
        viewport,
      });
      await preferEnglish(enPage);
      await openUsers(enPage);
      await enPage.getByText('Users & access').first().waitFor({ timeout: 30_000 });
      await enPage.getByText('reporter@jinhui.demo').first().waitFor({ timeout: 30_000 });
      await screenshot(enPage, name);
      await en.close();
    }
  });

  it('the platform opens a district with its first admin', async () => {
    for (const [viewport, lang, suffix] of [
      [DESK, 'zh-CN', 'desk-zh'],
      [PHONE, 'zh-CN', 'phone-zh'],
      [DESK, 'en', 'desk-en'],
      [PHONE, 'en', 'phone-en'],
    ] as const) {
      const { context, page } = await newSession(browser, baseUrl, 'platform@gongfu.demo', {
        locale: lang,
        viewport,
      });
      if (lang === 'en') await preferEnglish(page);
      await page.goto(`${baseUrl}/admin/districts`);
      await page.getByText('攀枝花市西区').first().waitFor({ timeout: 30_000 });
      await screenshot(page, `districts-${suffix}`);
      await context.close();
    }
    const { context, page } = await newSession(browser, baseUrl, 'platform@gongfu.demo', { viewport: DESK });
    await page.goto(`${baseUrl}/admin/districts`);
    await page.getByRole('button', { name: /开通区县/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('区县名称').fill('攀枝花市仁和区');
    await drawer.getByLabel('行政区划代码').fill('510411');
    await drawer.getByLabel('首位管理员姓名').fill('仁和区管理员');
    const adminEmail = `admin.${Date.now()}@renhe.demo`;
    await drawer.getByLabel('首位管理员登录邮箱').fill(adminEmail);
    await drawer.getByRole('button', { name: /开\s?通/ }).click();
    const shown = page.getByTestId('initial-password');
    await shown.waitFor({ timeout: 30_000 });
    const password = ((await shown.textContent()) ?? '').trim();
    // the dialog confirms the district, not only an account
    expect(await page.getByRole('dialog', { name: '区县已开通，首位管理员账号已创建' }).count()).toBe(1);
    await screenshot(page, 'districts-created-desk-zh');
    const login = await context.request.post(`${baseUrl}/api/v1/auth/login`, {
      data: { email: adminEmail, password },
    });
    expect(login.status()).toBe(200);
    await context.close();
  });
});
