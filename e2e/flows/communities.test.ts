/**
 * What a person does: log in and see the communities their role reaches, in the real product (API + built
 * admin on one port, embedded database with the demo district) driven through Debian's Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, screenshot } from '../support/browser';
import { fitsWidth, PHONE, toChinese, toEnglish } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function communityNames(page: Page): Promise<string[]> {
  await page.goto(`${baseUrl}/communities`);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor({ timeout: 20_000 });
  const names: string[] = [];
  for (const row of await rows.all()) {
    names.push(((await row.locator('td').first().textContent()) ?? '').trim());
  }
  return names.sort();
}

describe('logging in and seeing one’s communities', () => {
  it('a district admin sees every community of 东区, the source page’s three among them', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await logIn(page, baseUrl, 'admin@dongqu.demo');
    await page.goto(`${baseUrl}/communities`);
    // the demo district: the three communities of the source page and the generated ones around them
    const total = page.getByText(/共 \d+ 个社区/);
    await total.waitFor({ timeout: 20_000 });
    const count = Number((await total.textContent())?.match(/\d+/)?.[0]);
    expect(count).toBeGreaterThanOrEqual(33);
    // counts carry their unit in the column's title, as amounts carry 元
    await page.getByRole('columnheader', { name: /常住人口（人）/ }).waitFor();
    await page.getByRole('columnheader', { name: /户数（户）/ }).waitFor();
    await screenshot(page, 'district-admin-communities');
    for (const name of ['望江街社区', '金汇社区', '渡口社区']) {
      await page.getByPlaceholder('按社区名称搜索').fill(name);
      await page.getByPlaceholder('按社区名称搜索').press('Enter');
      await page
        .locator('.ant-table-tbody tr.ant-table-row', { hasText: name })
        .first()
        .waitFor({ timeout: 20_000 });
    }
    // nothing of the other district
    await page.getByPlaceholder('按社区名称搜索').fill('格里坪');
    await page.getByPlaceholder('按社区名称搜索').press('Enter');
    await page.locator('.ant-empty').first().waitFor({ timeout: 20_000 });

    // in English, and on a phone: the units in the titles too
    await page.getByPlaceholder('按社区名称搜索').fill('');
    await page.getByPlaceholder('按社区名称搜索').press('Enter');
    await toEnglish(page);
    await page.getByRole('columnheader', { name: /Population \(people\)/ }).waitFor({ timeout: 20_000 });
    await page.getByRole('columnheader', { name: /^Households/ }).waitFor();
    // 统计用区划代码 is a division's code, not an administrator's
    await page.getByRole('columnheader', { name: 'Division code' }).waitFor();
    await screenshot(page, 'district-admin-communities-en');
    // on a phone a card per community, its name a link, its kind and figures on it; nothing scrolls sideways
    await page.setViewportSize(PHONE);
    // loaded afresh at the phone's width, as a phone opens it (not a desk window narrowed under a mounted table)
    await page.reload();
    const cards = page.locator('.ant-card', { has: page.locator('a[href^="/communities/"]') });
    await cards.first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.ant-table').count()).toBe(0);
    await cards.first().getByText('Population (people)').waitFor();
    await cards.first().getByText('Division code').waitFor();
    // the export button says what it does, not only its icon
    expect((await page.locator('[data-export="communities"]').textContent())?.trim()).toBe('Export');
    await fitsWidth(page, { slack: 0, message: 'communities list, phone, en' });
    await screenshot(page, 'district-admin-communities-phone-en');
    await toChinese(page);
    await cards.first().getByText('常住人口（人）').waitFor({ timeout: 20_000 });
    expect((await page.locator('[data-export="communities"]').textContent())?.trim()).toBe('导出');
    await fitsWidth(page, { slack: 0, message: 'communities list, phone, zh' });
    await screenshot(page, 'district-admin-communities-phone-zh');
    // one community's card: its kind with the year it converted, its street office, its code
    await page.getByPlaceholder('按社区名称搜索').fill('渡口');
    await page.getByPlaceholder('按社区名称搜索').press('Enter');
    const dukou = page.locator('.ant-card', { has: page.getByRole('link', { name: '渡口社区' }) });
    await dukou.waitFor({ timeout: 20_000 });
    await dukou.getByText('村改居社区 · 2020').waitFor();
    await dukou.getByText('大渡口街道').waitFor();
    await dukou.getByText('510402002001').waitFor();
    // a card opens its community
    await dukou.getByText('常住人口（人）').click();
    await page.waitForURL(/\/communities\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await page.getByRole('heading', { name: '渡口社区' }).waitFor({ timeout: 20_000 });
    await context.close();
  });

  it('a community admin sees only their own community, and another community is not found', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await logIn(page, baseUrl, 'jinhui@dongqu.demo');
    expect(await communityNames(page)).toEqual(['金汇社区']);
    await screenshot(page, 'community-admin-communities');

    // another community's page, reached by its address, says it does not exist or is out of reach
    const admin = await browser.newContext();
    const login = await admin.request.post(`${baseUrl}/api/v1/auth/login`, {
      data: { email: 'admin@dongqu.demo', password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const all = (await (await admin.request.get(`${baseUrl}/api/v1/communities`)).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    const dukou = all.items.find((c) => c.name === '渡口社区');
    expect(dukou).toBeDefined();
    await admin.close();
    await page.goto(`${baseUrl}/communities/${dukou?.id}`);
    await page.getByText('社区不存在或无权访问').waitFor({ timeout: 20_000 });
    expect(await page.getByText('渡口社区').count()).toBe(0);
    await context.close();
  });

  it('without a session the admin sends you to the login page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/communities`);
    await page.waitForURL((url) => url.pathname.startsWith('/login'), { timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('redirect')).toContain('/communities');
    await context.close();
  });
});
