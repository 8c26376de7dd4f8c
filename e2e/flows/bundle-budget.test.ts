/**
 * The login page is the first thing a clerk on a phone loads: it must ship at most 250 KB of JavaScript, gzip.
 * Measured in the browser (every script the page actually requests until it is idle, lazily loaded chunks
 * included), each body gzipped as a server would send it.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser';

const baseUrl = inject('baseUrl');
const LOGIN_BUDGET_BYTES = 250 * 1024;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('the login route’s JavaScript', () => {
  it('stays within 250 KB gzip', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (!type.includes('javascript')) return;
      const body = await response.body().catch(() => null);
      if (body) scripts.set(response.url(), gzipSync(body, { level: 9 }).byteLength);
    });
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await page.getByPlaceholder('请输入邮箱').waitFor();
    const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
    const listing = [...scripts].map(
      ([url, size]) => `${new URL(url).pathname} ${(size / 1024).toFixed(1)} KB`,
    );
    console.log(
      `login route: ${(total / 1024).toFixed(1)} KB gzip in ${scripts.size} scripts\n${listing.join('\n')}`,
    );
    expect(scripts.size).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(LOGIN_BUDGET_BYTES);
    await context.close();
  });
});
