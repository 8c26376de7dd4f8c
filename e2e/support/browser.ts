import { mkdirSync } from 'node:fs';

import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumPath } from './env';

/** Debian's Chromium, started with the flags that work on these machines (no network but loopback). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    headless: true,
  });
}

export const artifactsDir = resolve(import.meta.dirname, '../test-results');

export async function screenshot(page: Page, name: string) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  // a drawer sliding in or a menu fading out is caught half-way otherwise: let the finite CSS animations and
  // transitions end first (a spinner's never does; at most 2 s, then the picture as it is)
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  );
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const DEMO_PASSWORD = 'gongfu-demo-2026';

/**
 * Signs in through the login page and waits to leave it: a demo account unless a password is given (an invited
 * account's initial one, say), waiting up to `timeout` ms.
 */
export async function logIn(
  page: Page,
  baseUrl: string,
  email: string,
  { password = DEMO_PASSWORD, timeout = 20_000 }: { password?: string; timeout?: number } = {},
) {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('请输入邮箱').fill(email);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout });
}
