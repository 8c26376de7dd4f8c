/**
 * `pnpm bench`'s cockpit figure (issue 14): a district admin's first load of the KPI cockpit in Debian's
 * Chromium, measured from the page's own performance entries — every request of the page (documents, scripts,
 * styles, API answers), the bytes that crossed the wire (transferSize: compressed, headers included) and when
 * the last KPI answer arrived after navigation start. A fresh browser context: nothing cached.
 * Usage: node e2e/bench/cockpit-first-load.mjs <base url> <email> <password>; prints one line of JSON.
 */
import { chromium } from 'playwright-core';

const [base, email, password] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
  ],
});
try {
  const login = await browser.newContext();
  const response = await login.request.post(`${base}/api/v1/auth/login`, {
    data: { email, password },
    headers: { origin: base },
  });
  if (!response.ok()) throw new Error(`login: ${response.status()}`);
  const cookies = await login.cookies();
  await login.close();

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies(cookies);
  const page = await context.newPage();
  // networkidle alone is not enough: on a busy machine the app's boot can leave the network quiet for 500 ms before
  // its first request. The overview answer first, then the quiet after the cockpit's other requests.
  const overview = page.waitForResponse((r) => r.url().includes('/api/v1/kpis/overview'), {
    timeout: 60_000,
  });
  await page.goto(`${base}/kpis`);
  await overview;
  await page.waitForLoadState('networkidle');
  const figures = await page.evaluate(() => {
    const resources = performance.getEntriesByType('resource');
    const navigation = performance.getEntriesByType('navigation')[0];
    const kpis = resources.filter((r) => r.name.includes('/api/v1/kpis/'));
    return {
      requests: resources.length + 1,
      transferredBytes: resources.reduce((sum, r) => sum + r.transferSize, navigation?.transferSize ?? 0),
      decodedBytes: resources.reduce((sum, r) => sum + r.decodedBodySize, navigation?.decodedBodySize ?? 0),
      kpiRequests: kpis.length,
      lastKpiMs: kpis.length ? Math.max(...kpis.map((r) => r.responseEnd)) : null,
    };
  });
  console.log(JSON.stringify(figures));
} finally {
  await browser.close();
}
