/**
 * What the browser flows share beyond the browser itself: the two screens they look at, a signed-in session, the
 * switch to English, and the check that a page fits its screen's width.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { logIn } from './browser';

export type Viewport = { width: number; height: number };

/** A desk's screen. */
export const DESK: Viewport = { width: 1440, height: 900 };
/** A phone's screen. */
export const PHONE: Viewport = { width: 390, height: 844 };

/**
 * A fresh browser context signed in as a demo account, with its page. In Chinese with reduced motion unless the
 * options (those of `browser.newContext`) say otherwise; `reducedMotion: null` leaves the browser's own setting.
 */
export async function newSession(
  browser: Browser,
  baseUrl: string,
  email: string,
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext({ locale: 'zh-CN', reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  await logIn(page, baseUrl, email);
  return { context, page };
}

/** Switches the app to English with the header's language button. */
export async function toEnglish(page: Page) {
  await page
    .getByRole('button', { name: /English/ })
    .first()
    .click();
}

/** Switches the app back to Chinese with the header's language button. */
export async function toChinese(page: Page) {
  await page.getByRole('button', { name: /中文/ }).first().click();
}

/** Makes the app English from its next load on (it keeps the reader's choice in localStorage). */
export async function preferEnglish(page: Page) {
  await page.evaluate(() => localStorage.setItem('gongfu.language', 'en'));
}

/**
 * No sideways scroll on the page itself (a table may scroll inside its own box): the document at most `slack`
 * pixels wider than the window (1 unless told; 0 for not a pixel more).
 */
export async function fitsWidth(
  page: Page,
  { slack = 1, message }: { slack?: number; message?: string } = {},
) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, message).toBeLessThanOrEqual(slack);
}
