import { DEMO_IDS, deterministicId, ledger, withTenantTransaction } from '@gongfu/db';
import { addDays, shanghaiDateOf } from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { fundsFixtures } from './test-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
afterEach(() => vi.restoreAllMocks());

const f = fundsFixtures(() => t);
const WJJ = 'wangjiangjie@dongqu.demo';

describe('POST /api/v1/funds', () => {
  it('a community admin creates a fund of their community, audited', async () => {
    const res = await f.post('/funds', WJJ, {
      kind: 'governance_special',
      name: '望江街社区治理专项资金',
      purpose: '社区集体经济盈利的 40% 计入，用于居民共议、专项共用',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      communityId: DEMO_IDS.wangjiangjie,
      kind: 'governance_special',
      balanceFen: 0,
      isPublic: true,
    });
    expect(await f.count('audit_log', 'entity_id', res.body.id)).toBe(1);
    // one fund per standard kind
    const again = await f.post('/funds', WJJ, { kind: 'governance_special', name: '第二个' });
    expect(again.status).toBe(409);
    expect(again.body.error.fields.kind).toBeDefined();
  });

  it('communities keep their own books: a district admin creates no fund, even naming the community (403)', async () => {
    const res = await f.post('/funds', 'admin@dongqu.demo', {
      communityId: DEMO_IDS.dukou,
      kind: 'charity_common_prosperity',
      name: '区里代建的基金',
    });
    expect(res.status).toBe(403);
    expect(
      (await f.post('/funds', 'admin@dongqu.demo', { kind: 'other', name: '区里代建的基金' })).status,
    ).toBe(403);
    expect(await f.count('funds', 'name', '区里代建的基金')).toBe(0);
    // the community's own admin does, naming its community or not
    const own = await f.post('/funds', 'dukou@dongqu.demo', {
      communityId: DEMO_IDS.dukou,
      kind: 'charity_common_prosperity',
      name: '渡口社区慈善共富基金',
    });
    expect(own.status).toBe(201);
    expect(own.body.communityId).toBe(DEMO_IDS.dukou);
  });

  it.each([
    ['viewer@dongqu.demo', 403],
    ['reporter@jinhui.demo', 403],
    ['soe@dongqu.demo', 403],
    ['platform@gongfu.demo', 403],
    [undefined, 401],
  ])('%s may not create funds (%i)', async (as, status) => {
    const res = await f.post('/funds', as, { kind: 'other', name: `不该出现 ${as}` });
    expect(res.status).toBe(status);
  });

  it('another community or another district is 404, and nothing is written', async () => {
    expect(
      (await f.post('/funds', WJJ, { communityId: DEMO_IDS.jinhui, kind: 'other', name: '越界' })).status,
    ).toBe(404);
    expect(
      (
        await f.post('/funds', 'geliping@xiqu.demo', {
          communityId: DEMO_IDS.jinhui,
          kind: 'other',
          name: '越界',
        })
      ).status,
    ).toBe(404);
    expect(await f.count('funds', 'name', '越界')).toBe(0);
  });

  it('invalid input names the fields, in zh-CN and en', async () => {
    const zh = await f.post('/funds', WJJ, { kind: 'savings', name: '' });
    expect(zh.status).toBe(400);
    expect(Object.keys(zh.body.error.fields).sort()).toEqual(['kind', 'name']);
    const en = await f.post('/funds', WJJ, { kind: 'other', name: '' }, { 'Accept-Language': 'en' });
    expect(en.body.error.fields.name).toBe('Must not be empty');
  });
});

describe('fund entries', () => {
  it('inflows are booked with a running balance; balance equals the sum of entries', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 50_000);
    const grant = await f.post(`/funds/${fund.id}/entries`, WJJ, {
      kind: 'grant',
      amountFen: 25_000,
      memo: '街道补助',
    });
    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({
      kind: 'grant',
      direction: 1,
      amountFen: 25_000,
      balanceAfterFen: 75_000,
    });
    const list = await f.get(`/funds/${fund.id}/entries`, WJJ);
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { balanceAfterFen: number }) => e.balanceAfterFen)).toEqual([
      50_000, 75_000,
    ]);
    expect(list.body.fund.balanceFen).toBe(75_000);
    expect(list.body.entriesSumFen).toBe(75_000);
    const funds = await f.get('/funds', WJJ);
    expect(funds.body.items.find((x: { id: string }) => x.id === fund.id).balanceFen).toBe(75_000);
  });

  it('an expenditure (or allocation) is refused here: money leaves only through a proposal payout', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const res = await f.post(`/funds/${fund.id}/entries`, WJJ, { kind: 'expenditure', amountFen: 100 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ledger_kind_not_allowed');
    expect(res.body.error.fields.kind).toBe('资金只能通过议事项目拨付');
    expect(
      (await f.post(`/funds/${fund.id}/entries`, WJJ, { kind: 'allocation', amountFen: 100 })).status,
    ).toBe(400);
    expect((await f.totals(fund.id)).balance).toBe(10_000);
    expect(await f.count('ledger_entries', 'fund_id', fund.id)).toBe(1);
  });

  it('a donation needs an amount, a reversal the entry it reverses', async () => {
    const fund = await f.createFund(WJJ);
    const res = await f.post(`/funds/${fund.id}/entries`, WJJ, { kind: 'donation' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('amountFen');
    const rev = await f.post(`/funds/${fund.id}/entries`, WJJ, { kind: 'reversal' });
    expect(rev.status).toBe(400);
    expect(rev.body.error.fields).toHaveProperty('reversesEntryId');
  });

  it('the community reverses its own entry once; a reversal that would overdraw is refused', async () => {
    const fund = await f.createFund(WJJ);
    const donation = await f.donate(WJJ, fund.id, 30_000);
    // the district reads the books but does not correct them
    expect(
      (
        await f.post(`/funds/${fund.id}/entries`, 'admin@dongqu.demo', {
          kind: 'reversal',
          reversesEntryId: donation.id,
        })
      ).status,
    ).toBe(403);
    const rev = await f.post(`/funds/${fund.id}/entries`, WJJ, {
      kind: 'reversal',
      reversesEntryId: donation.id,
    });
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({
      kind: 'reversal',
      direction: -1,
      amountFen: 30_000,
      balanceAfterFen: 0,
    });
    const twice = await f.post(`/funds/${fund.id}/entries`, WJJ, {
      kind: 'reversal',
      reversesEntryId: donation.id,
    });
    expect(twice.status).toBe(409);
    const ofReversal = await f.post(`/funds/${fund.id}/entries`, WJJ, {
      kind: 'reversal',
      reversesEntryId: rev.body.id,
    });
    expect(ofReversal.status).toBe(400);
    // a donation of 100 then reversing a spent-down donation: balance would go negative
    const d2 = await f.donate(WJJ, fund.id, 5_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 5_000);
    f.travel(6);
    expect((await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 5_000 })).status).toBe(201);
    const overdraw = await f.post(`/funds/${fund.id}/entries`, WJJ, {
      kind: 'reversal',
      reversesEntryId: d2.id,
    });
    expect(overdraw.status).toBe(409);
    expect(overdraw.body.error.code).toBe('fund.insufficient_balance');
    const totals = await f.totals(fund.id);
    expect(totals).toMatchObject({ balance: 0, sum: 0 });
  });

  it('an allocation is not reversed by hand: its report is amended (the district’s approval stays the report’s)', async () => {
    const fund = await f.createFund(WJJ);
    const scope = {
      kind: 'district' as const,
      districtId: DEMO_IDS.dongqu,
      userId: deterministicId('user:admin@dongqu.demo'),
    };
    const posted = await withTenantTransaction(t.handle.db, scope, (trx) =>
      ledger.postLedgerEntry(trx, {
        districtId: DEMO_IDS.dongqu,
        communityId: DEMO_IDS.wangjiangjie,
        fundId: fund.id,
        kind: 'allocation',
        direction: 1,
        amountFen: 40_000,
        month: '2026-01',
        sourceType: 'monthly_report',
        memo: '40% 计入治理专项资金',
      }),
    );
    if (!posted.posted) throw new Error('allocation not posted');
    const res = await f.post(
      `/funds/${fund.id}/entries`,
      WJJ,
      { kind: 'reversal', reversesEntryId: posted.entryId },
      { 'Accept-Language': 'en' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields.reversesEntryId).toBe('An allocation is corrected by amending its report');
    expect(await f.totals(fund.id)).toMatchObject({ balance: 40_000, sum: 40_000 });
  });

  it('reads: viewers read, reporters and partners may not (403), another community or district 404', async () => {
    const fund = await f.createFund(WJJ, { isPublic: false });
    expect((await f.get(`/funds/${fund.id}`, 'viewer@dongqu.demo')).status).toBe(200);
    expect((await f.get(`/funds/${fund.id}/entries`, 'admin@dongqu.demo')).status).toBe(200);
    expect((await f.get(`/funds/${fund.id}`, 'reporter@jinhui.demo')).status).toBe(403);
    expect((await f.get('/funds', 'soe@dongqu.demo')).status).toBe(403);
    for (const as of ['jinhui@dongqu.demo', 'admin@xiqu.demo', 'geliping@xiqu.demo']) {
      expect((await f.get(`/funds/${fund.id}`, as)).status).toBe(404);
      expect((await f.get(`/funds/${fund.id}/entries`, as)).status).toBe(404);
      const list = await f.get('/funds', as);
      expect(list.body.items.some((x: { id: string }) => x.id === fund.id)).toBe(false);
    }
    expect((await f.get(`/funds/${fund.id}`)).status).toBe(401);
    expect(
      (await f.post(`/funds/${fund.id}/entries`, 'jinhui@dongqu.demo', { kind: 'donation', amountFen: 1 }))
        .status,
    ).toBe(404);
    expect(
      (await f.post(`/funds/${fund.id}/entries`, 'geliping@xiqu.demo', { kind: 'donation', amountFen: 1 }))
        .status,
    ).toBe(404);
    expect(await f.count('ledger_entries', 'fund_id', fund.id)).toBe(0);
  });
});

describe('GET /api/v1/funds/{id}/entries: filters and totals for the ledger screen', () => {
  const day = (n: number) => addDays(shanghaiDateOf(new Date()), n);
  let fund: { id: string };
  let ids: string[];

  beforeAll(async () => {
    fund = await f.createFund(WJJ);
    const donation = await f.donate(WJJ, fund.id, 50_000);
    const grant = await f.post(`/funds/${fund.id}/entries`, WJJ, { kind: 'grant', amountFen: 20_000 });
    const p = await f.disclosedProposal(WJJ, fund.id, 30_000);
    f.travel(6);
    const paid = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 30_000 });
    vi.restoreAllMocks();
    ids = [donation.id, grant.body.id, paid.body.entryId];
    // booked 10, 5 and 2 days ago (the owner connection: entries are append-only for everyone else)
    for (const [id, n] of [
      [ids[0], -10],
      [ids[1], -5],
      [ids[2], -2],
    ] as const) {
      await sql`update ledger_entries set created_at = ${`${day(n)}T12:00:00+08:00`}::timestamptz
                 where entry_id = ${id}`.execute(t.handle.db);
    }
  });

  const ledger = async (query = '', as = WJJ) => f.get(`/funds/${fund.id}/entries${query}`, as);

  it('without filters: every entry with its running balance, and totals that add up to the balance', async () => {
    const res = await ledger();
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { id: string }) => e.id)).toEqual(ids);
    expect(res.body.items.map((e: { balanceAfterFen: number }) => e.balanceAfterFen)).toEqual([
      50_000, 70_000, 40_000,
    ]);
    expect(res.body.total).toBe(3);
    expect(res.body.totals).toEqual({
      inflowFen: 70_000,
      outflowFen: 30_000,
      netFen: 40_000,
      openingBalanceFen: 0,
      closingBalanceFen: 40_000,
    });
    expect(res.body.entriesSumFen).toBe(res.body.fund.balanceFen);
  });

  it('by kind: only that kind, each entry keeping the fund’s running balance', async () => {
    const res = await ledger('?kind=grant');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ kind: 'grant', balanceAfterFen: 70_000 });
    expect(res.body.total).toBe(1);
    expect(res.body.totals).toMatchObject({ inflowFen: 20_000, outflowFen: 0, closingBalanceFen: 40_000 });
    const out = await ledger('?kind=expenditure');
    expect(out.body.items.map((e: { id: string }) => e.id)).toEqual([ids[2]]);
    expect(out.body.totals).toMatchObject({ inflowFen: 0, outflowFen: 30_000, netFen: -30_000 });
  });

  it('by booking day (whole Shanghai days, both ends included): opening and closing balances around it', async () => {
    const middle = await ledger(`?from=${day(-6)}&to=${day(-3)}`);
    expect(middle.body.items.map((e: { id: string }) => e.id)).toEqual([ids[1]]);
    expect(middle.body.totals).toMatchObject({ openingBalanceFen: 50_000, closingBalanceFen: 70_000 });
    const sinceDay = await ledger(`?from=${day(-5)}`);
    expect(sinceDay.body.items.map((e: { id: string }) => e.id)).toEqual([ids[1], ids[2]]);
    expect(sinceDay.body.totals).toEqual({
      inflowFen: 20_000,
      outflowFen: 30_000,
      netFen: -10_000,
      openingBalanceFen: 50_000,
      closingBalanceFen: 40_000,
    });
    const untilDay = await ledger(`?to=${day(-10)}`);
    expect(untilDay.body.items.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
    expect(untilDay.body.totals).toMatchObject({ openingBalanceFen: 0, closingBalanceFen: 50_000 });
    const both = await ledger(`?kind=donation&from=${day(-6)}`);
    expect(both.body).toMatchObject({ items: [], total: 0 });
    expect(both.body.totals).toMatchObject({ openingBalanceFen: 50_000, closingBalanceFen: 40_000 });
  });

  it('newest first, paged; totals cover every page', async () => {
    const res = await ledger('?order=desc&limit=2');
    expect(res.body.items.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[1]]);
    expect(res.body.total).toBe(3);
    const next = await ledger('?order=desc&limit=2&offset=2');
    expect(next.body.items.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
    expect(next.body.totals.netFen).toBe(40_000);
  });

  it('refuses a reversed range, an unknown kind and a bad date, naming the field', async () => {
    const reversed = await ledger(`?from=${day(-1)}&to=${day(-3)}`);
    expect(reversed.status).toBe(400);
    expect(Object.keys(reversed.body.error.fields)).toEqual(['to']);
    expect(Object.keys((await ledger('?kind=bonus')).body.error.fields)).toEqual(['kind']);
    expect(Object.keys((await ledger('?from=2026-13-01')).body.error.fields)).toEqual(['from']);
  });

  it('the district reads it filtered; another community or district gets 404 whatever the filters', async () => {
    const district = await ledger('?kind=grant', 'admin@dongqu.demo');
    expect(district.status).toBe(200);
    expect(district.body.total).toBe(1);
    for (const as of ['jinhui@dongqu.demo', 'admin@xiqu.demo', 'geliping@xiqu.demo']) {
      expect((await ledger(`?kind=grant&from=${day(-30)}`, as)).status, as).toBe(404);
    }
  });
});
