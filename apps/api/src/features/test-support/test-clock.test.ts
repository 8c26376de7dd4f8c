import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deterministicId } from '@gongfu/db';
import { addDays, addMonths, shanghaiDateOf, shanghaiMonthOf } from '@gongfu/domain';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../boot';
import { clock, clockOffset, thisMonth, today } from '../../clock';
import { readEnv } from '../../env';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { fundsFixtures } from '../funds/test-fixtures';

const WJJ = 'wangjiangjie@dongqu.demo';
const realToday = () => shanghaiDateOf(new Date());

afterEach(() => clockOffset.reset());

describe('GONGFU_TEST_CLOCK=1: /api/test/clock moves the business clock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ testClock: true });
  });
  afterAll(async () => t?.close());
  const f = fundsFixtures(() => t);
  const move = (offsetDays: unknown, headers: Record<string, string> = {}) =>
    t.request('/api/test/clock', { method: 'POST', body: JSON.stringify({ offsetDays }), headers });

  it('sets (not adds) an offset in whole days; GET shows it; DELETE goes back to real time', async () => {
    const moved = await move(6);
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ offsetDays: 6, today: addDays(realToday(), 6) });
    expect(today()).toBe(addDays(realToday(), 6));
    expect(thisMonth()).toBe(shanghaiMonthOf(new Date(Date.now() + 6 * 86_400_000)));
    await move(6);
    expect((await (await t.request('/api/test/clock')).json()).offsetDays).toBe(6);
    expect((await move(-2)).status).toBe(200);
    expect(today()).toBe(addDays(realToday(), -2));
    const reset = await t.request('/api/test/clock', { method: 'DELETE' });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ offsetDays: 0, today: realToday() });
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it('refuses what is not a whole number of days within ten years, names the field, and leaves the clock', async () => {
    for (const bad of [1.5, '6', null, 3651, -3651]) {
      const res = await move(bad, { 'Accept-Language': 'en' });
      expect(res.status, String(bad)).toBe(400);
      expect(Object.keys((await res.json()).error.fields)).toEqual(['offsetDays']);
    }
    const malformed = await t.request('/api/test/clock', { method: 'POST', body: '{' });
    expect(malformed.status).toBe(400);
    expect(today()).toBe(realToday());
  });

  it('refuses a cross-site move like any other state change', async () => {
    const res = await move(6, { 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(today()).toBe(realToday());
  });

  it('a payout refused during disclosure goes through once the clock has passed its end, and the session survives', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 5_000);
    expect(p.disclosure.endsOn).toBe(addDays(realToday(), 4)); // 5 days, today included
    const early = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 5_000 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('proposal.disclosure_not_over');

    await move(5);
    expect((await f.get(`/proposals/${p.id}`, WJJ)).body).toMatchObject({
      status: 'disclosed',
      disclosure: { over: true },
    });
    const paid = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 5_000 });
    expect(paid.status).toBe(201);
    const entries = await f.get(`/funds/${fund.id}/entries`, WJJ);
    expect(entries.body.items.at(-1)).toMatchObject({
      kind: 'expenditure',
      amountFen: 5_000,
      balanceAfterFen: 5_000,
      month: thisMonth(),
    });

    // sessions keep real time: a year on the business clock logs nobody out
    await move(400);
    expect((await t.request('/api/v1/me', { as: WJJ })).status).toBe(200);
  });

  it('a disclosure started on the moved day starts that day (never "in the past")', async () => {
    const fund = await f.createFund(WJJ);
    const p = await f.approvedProposal(WJJ, fund.id, 1_000);
    await move(3);
    const res = await f.post(`/proposals/${p.id}/disclose`, WJJ, {});
    expect(res.status).toBe(200);
    expect(res.body.disclosure.startsOn).toBe(addDays(realToday(), 3));
    const backdated = await f.post(`/proposals/${p.id}/objections`, WJJ, {
      content: '异议',
      raisedOn: addDays(realToday(), 4),
    });
    expect(backdated.status).toBe(400); // a day after the moved today is still the future
  });

  it('a report month counts as "in the future" by the business clock', async () => {
    const next = addMonths(shanghaiMonthOf(new Date()), 1);
    const body = JSON.stringify({ ventureId: deterministicId('venture:jinhui-tidal-market'), month: next });
    const as = 'reporter@jinhui.demo';
    const early = await t.request('/api/v1/reports', { method: 'POST', body, as });
    expect(early.status).toBe(400);
    expect(Object.keys((await early.json()).error.fields)).toEqual(['month']);
    await move(32);
    expect((await t.request('/api/v1/reports', { method: 'POST', body, as })).status).toBe(201);
  });

  it('warnings are refreshed as of the moved today by default', async () => {
    await move(30);
    const res = await t.request('/api/v1/warnings/refresh', {
      method: 'POST',
      as: 'admin@dongqu.demo',
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect((await res.json()).asOf).toBe(addDays(realToday(), 30));
  });
});

describe('without GONGFU_TEST_CLOCK the route does not exist', () => {
  let t: TestApp;
  let adminDist: string;
  beforeAll(async () => {
    // with the built admin app served, so that a GET is not answered by its page either
    adminDist = mkdtempSync(join(tmpdir(), 'gongfu-admin-'));
    writeFileSync(join(adminDist, 'index.html'), '<!doctype html><title>admin</title>');
    t = await createTestApp({ adminDist });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(adminDist, { recursive: true, force: true });
  });

  it('GET, POST and DELETE /api/test/clock are 404 and the clock does not move', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await t.request('/api/test/clock', {
        method,
        ...(method === 'POST' ? { body: JSON.stringify({ offsetDays: 6 }) } : {}),
      });
      expect(res.status, method).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect(today()).toBe(realToday());
    // the admin's pages are still served
    expect((await t.request('/proposals/x')).status).toBe(200);
  });
});

describe('production never exposes it', () => {
  it('the server refuses to start with GONGFU_TEST_CLOCK=1 and NODE_ENV=production', () => {
    expect(() => readEnv({ NODE_ENV: 'production', GONGFU_TEST_CLOCK: '1' })).toThrow(/GONGFU_TEST_CLOCK/);
    expect(() => readEnv({ NODE_ENV: 'production', GONGFU_TEST_CLOCK: 'true' })).toThrow(/NODE_ENV/);
  });

  it('is off unless asked for, and only then handed to the app', () => {
    const logger = pino({ level: 'silent' });
    const handle = { db: {}, kind: 'pglite' } as unknown as Parameters<typeof createDeps>[1];
    expect(readEnv({}).GONGFU_TEST_CLOCK).toBe(false);
    expect(createDeps(readEnv({ NODE_ENV: 'production' }), handle, logger).testClock).toBe(false);
    expect(
      createDeps(readEnv({ NODE_ENV: 'production', GONGFU_TEST_CLOCK: '0' }), handle, logger).testClock,
    ).toBe(false);
    expect(createDeps(readEnv({ NODE_ENV: 'test', GONGFU_TEST_CLOCK: '1' }), handle, logger).testClock).toBe(
      true,
    );
  });
});
