/**
 * A clerk who reports for two communities (the district gave one account two memberships) switches between them
 * from the header (ADR 0043): what it reads is the community chosen's, and only its. On a phone the
 * memberships are in the user menu. Screenshots at desk and phone, zh-CN and en, in e2e/test-results.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logIn, screenshot } from '../support/browser';
import { DESK, newSession, PHONE, toEnglish, type Viewport } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const EMAIL = 'two-communities@dongqu.demo';
const PASSWORD = 'Two-communities-2026';

/** The district admin gives one account a reporter's membership in 金汇 and in 渡口; its password is then chosen. */
async function givenClerkOfTwoCommunities() {
  const { context, page } = await newSession(browser, baseUrl, 'admin@dongqu.demo');
  const communities = (await (await page.request.get(`${baseUrl}/api/v1/communities`)).json()) as {
    items: Array<{ id: string; name: string }>;
  };
  const idOf = (name: string) => communities.items.find((c) => c.name === name)?.id;
  const invited = await page.request.post(`${baseUrl}/api/v1/users`, {
    data: {
      displayName: '两社区填报员',
      email: EMAIL,
      memberships: [
        { role: 'community_reporter', communityId: idOf('金汇社区') },
        { role: 'community_reporter', communityId: idOf('渡口社区') },
      ],
    },
  });
  expect(invited.status()).toBe(201);
  const { initialPassword } = (await invited.json()) as { initialPassword: string };
  await context.close();

  const own = await browser.newContext();
  expect(
    (
      await own.request.post(`${baseUrl}/api/v1/auth/login`, {
        data: { email: EMAIL, password: initialPassword },
      })
    ).ok(),
  ).toBe(true);
  const changed = await own.request.post(`${baseUrl}/api/v1/auth/password`, {
    data: { currentPassword: initialPassword, newPassword: PASSWORD },
  });
  expect(changed.ok()).toBe(true);
  await own.close();
}

async function clerkSession(viewport: Viewport, locale = 'zh-CN') {
  const context = await browser.newContext({ locale, reducedMotion: 'reduce', viewport });
  const page = await context.newPage();
  await logIn(page, baseUrl, EMAIL, { password: PASSWORD });
  return { context, page };
}

/**
 * What the communities page lists for the clerk: its community only, read under the membership acted for. (Not the
 * reporting to-do list: the other flows, sharing this server, file and import the month's reports, which empties it.)
 */
async function communitiesListed(page: Page, expected: string) {
  await page.goto(`${baseUrl}/communities`);
  const content = page.locator('.ant-layout-content');
  await expect.poll(async () => (await content.textContent()) ?? '', { timeout: 30_000 }).toContain(expected);
  return (await content.textContent()) ?? '';
}

const PLACES = [{ community: '金汇社区' }, { community: '渡口社区' }] as const;

describe('a clerk of two communities', () => {
  beforeAll(givenClerkOfTwoCommunities, 60_000);

  it('switches from the header and reads the community chosen, and only it', async () => {
    const { context, page } = await clerkSession(DESK);
    const switcher = page.getByRole('button', { name: '切换身份' });
    await switcher.waitFor({ timeout: 20_000 });
    // the server acts under the account's first membership until one is chosen
    const startsAtFirst = ((await switcher.textContent()) ?? '').includes(PLACES[0].community);
    const [from, to] = startsAtFirst ? PLACES : [PLACES[1], PLACES[0]];
    expect(await communitiesListed(page, from.community)).not.toContain(to.community);

    await switcher.click();
    const choice = page.getByRole('menuitem', { name: new RegExp(`${to.community} · 社区填报员`) });
    await choice.waitFor();
    await screenshot(page, 'membership-switch-desk-zh');
    await choice.click();
    await page.getByText(`已切换为：${to.community} · 社区填报员`).waitFor({ timeout: 20_000 });
    await expect.poll(() => switcher.textContent(), { timeout: 20_000 }).toContain(to.community);
    expect(await communitiesListed(page, to.community)).not.toContain(from.community);
    await page.goto(`${baseUrl}/reporting`);
    await page.getByText('Excel 批量填报').waitFor({ timeout: 30_000 });
    await screenshot(page, 'membership-switched-reporting-desk-zh');

    // a reload in this tab stays where it was
    await page.reload();
    await expect.poll(() => switcher.textContent(), { timeout: 20_000 }).toContain(to.community);

    await toEnglish(page);
    await page.getByRole('button', { name: 'Switch membership' }).click();
    await page
      .getByRole('menuitem', { name: new RegExp(`${from.community} · Community reporter`) })
      .waitFor();
    await screenshot(page, 'membership-switch-desk-en');
    await context.close();
  });

  it('on a phone the memberships are in the user menu, the active one marked', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { context, page } = await clerkSession(PHONE, locale);
      if (locale === 'en') await toEnglish(page);
      const userMenu = page.getByRole('button', { name: locale === 'en' ? 'User menu' : '用户菜单' });
      // the header has no room for the membership: the user menu's button says where the clerk acts
      await expect.poll(() => userMenu.textContent(), { timeout: 20_000 }).toMatch(/社区/);
      await userMenu.click();
      const other = page.locator('.ant-dropdown-menu-item:not(.ant-dropdown-menu-item-selected)', {
        hasText: /社区 · /,
      });
      await other.waitFor({ timeout: 20_000 });
      expect(await page.locator('.ant-dropdown-menu-item-selected', { hasText: /社区 · / }).count()).toBe(1);
      await screenshot(page, `membership-switch-phone-${locale === 'en' ? 'en' : 'zh'}`);
      const chosen = ((await other.textContent()) ?? '').split(' · ')[0];
      const to = PLACES.find((place) => place.community === chosen);
      await other.click();
      expect(await communitiesListed(page, to?.community ?? '')).not.toContain(
        PLACES.find((place) => place !== to)?.community,
      );
      expect(await userMenu.textContent()).toContain(chosen);
      await context.close();
    }
  });

  // last: it takes a membership away from the flow's own account
  it('a membership withdrawn while the tab acts under it: the next page says so and carries on under the other', async () => {
    const { context, page } = await clerkSession(DESK);
    const switcher = page.getByRole('button', { name: '切换身份' });
    await switcher.waitFor({ timeout: 20_000 });
    const me = (await page.evaluate(async () => (await fetch('/api/v1/me')).json())) as {
      user: { id: string };
      memberships: Array<{ id: string; communityName: string | null }>;
    };
    // act under the membership that is not the account's first, then the district takes it away
    const [first, second] = me.memberships;
    await switcher.click();
    await page.getByRole('menuitem', { name: new RegExp(`${second?.communityName} · 社区填报员`) }).click();
    await expect.poll(() => switcher.textContent(), { timeout: 20_000 }).toContain(second?.communityName);
    const admin = await newSession(browser, baseUrl, 'admin@dongqu.demo');
    const removed = await admin.page.request.delete(
      `${baseUrl}/api/v1/users/${me.user.id}/memberships/${second?.id}`,
    );
    expect(removed.status()).toBe(200);
    await admin.context.close();

    // the next page the clerk opens (in the app, not by reloading it) is refused for that membership
    await page.getByRole('menuitem', { name: '月报填报' }).click();
    await page.getByText('此身份已被收回').waitFor({ timeout: 30_000 });
    await page.getByText(`“${second?.communityName} · 社区填报员”`, { exact: false }).waitFor();
    await screenshot(page, 'membership-withdrawn-desk-zh');
    await page.getByRole('button', { name: '以其他身份继续' }).click();
    // one membership left: no switch, the header says where the clerk now acts
    await page.getByLabel('当前身份').waitFor({ timeout: 20_000 });
    await expect
      .poll(async () => (await page.getByLabel('当前身份').textContent()) ?? '', { timeout: 20_000 })
      .toContain(first?.communityName ?? '');
    expect(await switcher.count()).toBe(0);
    expect(await communitiesListed(page, first?.communityName ?? '')).not.toContain(second?.communityName);
    await context.close();
  });
});
