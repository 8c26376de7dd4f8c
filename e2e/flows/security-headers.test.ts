/**
 * The admin app and the API docs run under the server's Content-Security-Policy (issue 13 item 5): a district
 * admin and a community admin go through the main pages, a resident opens a public board, and the docs render
 * Swagger UI with its operations — with no CSP violation reported, neither as a `securitypolicyviolation` event
 * nor in the console. The page must also actually render (a blocked script would leave it blank).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logIn } from '../support/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface Watched {
  context: BrowserContext;
  page: Page;
  violations: string[];
}

/** A page whose CSP violations (events and console lines) are collected. */
async function watchedPage(): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const violations: string[] = [];
  await context.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    if (/Content Security Policy|unsafe-eval|unsafe-inline/i.test(error.message))
      violations.push(`error: ${error.message}`);
  });
  return { context, page, violations };
}

async function visit(page: Page, path: string) {
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  // something rendered inside the app's root, not a blank page
  await page.locator('#root *').first().waitFor({ timeout: 20_000 });
}

describe('the Content-Security-Policy in Chromium', () => {
  it('the server sends it on the admin’s HTML and the docs', async () => {
    for (const path of ['/login', '/api/docs']) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('a district admin’s pages: no violation', async () => {
    const w = await watchedPage();
    await logIn(w.page, baseUrl, 'admin@dongqu.demo');
    for (const path of [
      '/',
      '/kpis',
      '/communities',
      '/review',
      '/warnings',
      '/audit',
      '/funds',
      '/proposals',
      '/register',
      '/admin/users',
      '/admin/settings',
    ]) {
      await visit(w.page, path);
    }
    expect(w.violations).toEqual([]);
    await w.context.close();
  });

  it('a community admin’s pages and a public board: no violation', async () => {
    const w = await watchedPage();
    await logIn(w.page, baseUrl, 'wangjiangjie@dongqu.demo');
    for (const path of ['/', '/reporting', '/funds', '/proposals', '/pledges', '/register/assets']) {
      await visit(w.page, path);
    }
    const me = (await (await w.page.request.get(`${baseUrl}/api/v1/me`)).json()) as {
      memberships: Array<{ districtId: string; communityId: string | null }>;
    };
    const membership = me.memberships[0];
    expect(membership?.communityId).toBeTruthy();
    await visit(w.page, `/board/${membership?.districtId}/${membership?.communityId}`);
    expect(w.violations).toEqual([]);
    await w.context.close();
  });

  it('the API docs render Swagger UI with its operations: no violation', async () => {
    const w = await watchedPage();
    await w.page.goto(`${baseUrl}/api/docs`, { waitUntil: 'networkidle' });
    // 1.7 MB of Swagger UI parsing a 230 KB document: seconds on a loaded machine
    await w.page.locator('.swagger-ui .info .title').waitFor({ timeout: 90_000 });
    expect(await w.page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(20);
    // open one operation: its schema view renders too
    await w.page.locator('.swagger-ui .opblock-summary').first().click();
    await w.page.locator('.swagger-ui .opblock-body').first().waitFor();
    expect(w.violations).toEqual([]);
    await w.context.close();
  });
});
