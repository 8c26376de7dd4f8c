/**
 * A community admin who types another community's address sees a not-found page and none of its data: every route
 * of the community workspace, with real ids of another community of the same district (金汇社区) and of another
 * district (格里坪社区), opened as 望江街社区's admin. The ids are read through the API as each district's admin.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, screenshot } from '../support/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

interface Foreign {
  name: string;
  communityId: string;
  fundId: string | undefined;
  companyId: string | undefined;
  assetId: string | undefined;
  ventureId: string | undefined;
  proposalId: string | undefined;
}

/** The API as one demo account: its session cookie from a real login. */
async function apiAs(email: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, { headers: { cookie } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
}

type List = { items: Array<{ id: string; name?: string }> };

async function foreignOf(adminEmail: string, communityName: string): Promise<Foreign> {
  const get = await apiAs(adminEmail);
  const communities = await get<List>('/communities?pageSize=100');
  const community = communities.items.find((c) => c.name === communityName);
  expect(community, communityName).toBeDefined();
  const communityId = community?.id ?? '';
  const first = async (path: string) => (await get<List>(path)).items[0]?.id;
  return {
    name: communityName,
    communityId,
    fundId: await first(`/funds?communityId=${communityId}`),
    companyId: await first(`/companies?communityId=${communityId}`),
    assetId: await first(`/assets?communityId=${communityId}`),
    ventureId: await first(`/ventures?communityId=${communityId}`),
    // a proposal of any other community of that district, when the community itself has none
    proposalId: (await first(`/proposals?communityId=${communityId}`)) ?? (await first('/proposals')),
  };
}

function addressesOf(f: Foreign): string[] {
  const byId = [
    `/communities/${f.communityId}`,
    f.fundId ? `/funds/${f.fundId}` : undefined,
    f.proposalId ? `/proposals/${f.proposalId}` : undefined,
    f.companyId ? `/register/companies/${f.companyId}` : undefined,
    f.assetId ? `/register/assets/${f.assetId}` : undefined,
    f.ventureId ? `/reporting/form?ventureId=${f.ventureId}&month=2026-10` : undefined,
  ];
  const byCommunity = [
    '/funds',
    '/proposals',
    '/pledges',
    '/register/companies',
    '/register/assets',
    '/register/ventures',
    '/register/agreements',
    '/warnings',
  ].map((path) => `${path}?communityId=${f.communityId}`);
  const addresses = [...byId, ...byCommunity].filter((a): a is string => Boolean(a));
  console.log(`${f.name}: ${addresses.length} addresses`);
  return addresses;
}

let sameDistrict: Foreign;
let otherDistrict: Foreign;

beforeAll(async () => {
  browser = await launchBrowser();
  sameDistrict = await foreignOf('admin@dongqu.demo', '金汇社区');
  otherDistrict = await foreignOf('admin@xiqu.demo', '格里坪社区');
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await logIn(page, baseUrl, 'wangjiangjie@dongqu.demo');
});
afterAll(async () => browser?.close());

describe("望江街社区's admin typing another community's addresses", () => {
  it.each([
    ['another community of the district', () => sameDistrict],
    ['a community of another district', () => otherDistrict],
  ])('sees not-found and no data for %s', async (_, foreign) => {
    const f = foreign();
    const failures: string[] = [];
    for (const address of addressesOf(f)) {
      await page.goto(`${baseUrl}${address}`);
      await page.waitForLoadState('networkidle');
      const text = (await page.locator('body').textContent()) ?? '';
      const notFound = /页面不存在|不存在或无权访问/.test(text);
      if (!notFound) failures.push(`${address}: no not-found page`);
      if (text.includes(f.name)) failures.push(`${address}: shows ${f.name}`);
    }
    if (failures.length) await screenshot(page, `workspace-isolation-failure-${f.name}`);
    expect(failures).toEqual([]);
  });
});
