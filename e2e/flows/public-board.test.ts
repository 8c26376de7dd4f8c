/**
 * A resident opens a community's public board (公示栏) from its link on a phone, without logging in, reads a disclosed
 * proposal of the demo district, switches to English and back, and prints the board to PDF with Chromium (kept in
 * e2e/test-results with the screenshots, zh-CN and en).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifactsDir, launchBrowser, logIn, screenshot } from '../support/browser';
import { fitsWidth, PHONE, toChinese, toEnglish } from '../support/flow-helpers';

const baseUrl = inject('baseUrl');

interface Board {
  community: { name: string };
  proposals: Array<{ title: string; status: string; votesFor: number | null }>;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The board's link, as a community would print it, and a proposal it discloses. */
let link = '';
let communityName = '';
let proposalTitle = '';
/** Every text the community and its proposals registered (names, the feedback channel…): data, in its own words. */
let boardData: string[] = [];
const apiCalls: string[] = [];

/** The public board of a community as anyone reads it: no cookie. */
async function publicBoard(districtId: string, communityId: string, query = ''): Promise<Board | null> {
  const res = await fetch(
    `${baseUrl}/api/public/communities/${communityId}/disclosure?district=${districtId}${query}`,
  );
  return res.ok ? ((await res.json()) as Board) : null;
}

beforeAll(async () => {
  browser = await launchBrowser();
  // the district office looks up its communities; the resident never logs in
  const office = await browser.newContext({ locale: 'zh-CN' });
  const officePage = await office.newPage();
  await logIn(officePage, baseUrl, 'admin@dongqu.demo');
  const list = (await (await officePage.request.get(`${baseUrl}/api/v1/communities`)).json()) as {
    items: Array<{ id: string; districtId: string; name: string }>;
  };
  await office.close();
  // the story communities first; the default period (the last 12 months), else a wider one
  const ordered = [...list.items].sort(
    (a, b) => Number(b.name === '望江街社区') - Number(a.name === '望江街社区'),
  );
  for (const query of ['', '&from=2020-01']) {
    for (const c of ordered) {
      const board = await publicBoard(c.districtId, c.id, query);
      const disclosed = board?.proposals.find((p) => p.votesFor !== null);
      if (board && disclosed) {
        const search = query ? `?${query.slice(1)}` : '';
        link = `${baseUrl}/board/${c.districtId}/${c.id}${search}`;
        communityName = board.community.name;
        proposalTitle = disclosed.title;
        boardData = (JSON.stringify(board).match(/"(?:[^"\\]|\\.)*"/g) ?? []).map(
          (quoted) => JSON.parse(quoted) as string,
        );
        break;
      }
    }
    if (link) break;
  }
  expect(link, 'a demo community discloses a proposal').not.toBe('');

  context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, reducedMotion: 'reduce' });
  page = await context.newPage();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) apiCalls.push(path);
  });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('the public board on a phone, without logging in', () => {
  it('opens from its link and shows the disclosed proposal, the vote and the feedback channel', async () => {
    await page.goto(link);
    await page
      .getByRole('heading', { level: 1, name: `${communityName}居民公示栏` })
      .waitFor({ timeout: 30_000 });
    // the numbered items are cards on a phone
    await page.locator('.board-cards').getByText(proposalTitle).first().waitFor();
    await page.getByText('三、表决之后：项目进展').waitFor();
    await page.getByText('监督与反馈').waitFor();
    await page
      .locator('.board-after')
      .getByText(/居民会议表决：同意 \d+/)
      .first()
      .waitFor();
    // the QR code is for the printed notice: a resident on a phone is already where it leads
    expect(await page.locator('.board-qr').isVisible()).toBe(false);
    expect(page.url()).toContain('/board/');
    // only the public API: no session asked for, nothing behind login
    expect(apiCalls.length).toBeGreaterThan(0);
    expect(apiCalls.every((p) => p.startsWith('/api/public/'))).toBe(true);
    // no sideways scrolling at 390 px
    await fitsWidth(page, { slack: 0 });
    await screenshot(page, 'public-board-phone-zh');
  });

  it('reads in English, and back in Chinese', async () => {
    await toEnglish(page);
    await page.getByText('What happened after the vote').waitFor();
    await screenshot(page, 'public-board-phone-en');
    // English words with English punctuation: no Chinese colon or semicolon outside the community's own data
    let words = (await page.locator('#root').textContent()) ?? '';
    for (const data of boardData.filter((text) => /[：；]/.test(text))) words = words.replaceAll(data, '');
    expect(words.match(/.{0,20}[：；].{0,20}/g) ?? []).toEqual([]);
    await toChinese(page);
    await page.getByText('三、表决之后：项目进展').waitFor();
  });

  it('prints on A4: the numbered table with capital numerals and the data date, no buttons', async () => {
    await page.emulateMedia({ media: 'print' });
    // the screenshot at an A4 sheet's CSS width (210 mm); page.pdf lays the page out on A4 by itself
    await page.setViewportSize({ width: 794, height: 1123 });
    const table = page.locator('.board-table');
    await table.waitFor();
    expect(await table.isVisible()).toBe(true);
    expect(await table.getByText(proposalTitle).first().isVisible()).toBe(true);
    expect(await page.locator('.board-capital').first().isVisible()).toBe(true);
    expect(await page.locator('.board-capital').first().textContent()).toMatch(/[壹贰叁肆伍陆柒捌玖零]/);
    expect(await page.locator('.board-toolbar').isVisible()).toBe(false);
    await page.locator('.board-qr canvas, .board-qr svg').first().waitFor();
    expect(
      await page
        .getByText(/数据截至/)
        .first()
        .isVisible(),
    ).toBe(true);
    await screenshot(page, 'public-board-print-zh');

    mkdirSync(artifactsDir, { recursive: true });
    const path = join(artifactsDir, 'public-board.pdf');
    await page.pdf({ path, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pdf = readFileSync(path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(PHONE);
  });
});
