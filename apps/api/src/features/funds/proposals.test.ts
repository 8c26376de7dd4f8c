import { DEMO_IDS } from '@gongfu/db';
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
const DISTRICT = 'admin@dongqu.demo';

describe('the proposal workflow, step by step', () => {
  it('draft → deliberate (approved) → disclose → disclosed → payouts → closed, each step audited', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 200_000);
    const created = await f.post('/proposals', WJJ, {
      fundId: fund.id,
      title: '长者食堂',
      purpose: '“一老一小”服务闭环：长者食堂厨房设备',
      useCategory: 'elderly_care',
      amountFen: 120_000,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      communityId: DEMO_IDS.wangjiangjie,
      useCategory: 'elderly_care',
      closeResult: null,
      version: 1,
    });
    const id = created.body.id;

    const edited = await f.call('PATCH', `/proposals/${id}`, WJJ, { version: 1, amountFen: 100_000 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ amountFen: 100_000, version: 2 });
    const stale = await f.call('PATCH', `/proposals/${id}`, WJJ, { version: 1, title: '过期的修改' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');

    // paying a draft is an illegal transition
    expect((await f.post(`/proposals/${id}/payouts`, WJJ, { amountFen: 1 })).status).toBe(409);

    const decided = await f.post(`/proposals/${id}/deliberate`, WJJ, {
      version: 2,
      meetingOn: f.today(),
      eligibleVoters: 60,
      attendance: 40,
      votesFor: 25,
      votesAgainst: 10,
      votesAbstain: 5,
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', deliberation: { quorum: 31, votesFor: 25 } });

    // before disclosure: no payout
    expect((await f.post(`/proposals/${id}/payouts`, WJJ, { amountFen: 1 })).status).toBe(409);

    const disclosed = await f.post(`/proposals/${id}/disclose`, WJJ, { days: 7 });
    expect(disclosed.status).toBe(200);
    expect(disclosed.body.status).toBe('disclosure');
    expect(disclosed.body.disclosure).toMatchObject({ startsOn: f.today(), days: 7, over: false });

    // during disclosure: refused, nothing written
    const early = await f.post(`/proposals/${id}/payouts`, WJJ, { amountFen: 10_000 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('proposal.disclosure_not_over');
    expect((await f.totals(fund.id)).balance).toBe(200_000);

    f.travel(6); // today + 6 is the last of 7 days: still disclosure
    expect((await f.post(`/proposals/${id}/payouts`, WJJ, { amountFen: 10_000 })).status).toBe(409);
    f.travel(7);
    expect((await f.get(`/proposals/${id}`, WJJ)).body.status).toBe('disclosed');

    const first = await f.post(`/proposals/${id}/payouts`, WJJ, { amountFen: 60_000, memo: '首期设备款' });
    expect(first.status).toBe(201);
    expect(first.body.fundBalanceFen).toBe(140_000);
    expect(first.body.proposal).toMatchObject({ status: 'paid_out', paidFen: 60_000, remainingFen: 40_000 });
    // above the approved amount: refused, nothing written
    const over = await f.post(`/proposals/${id}/payouts`, WJJ, { amountFen: 40_001 });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('proposal.payout_exceeds_approved');
    // the district reads the payout's proposal but pays nothing: the community keeps its books
    expect((await f.post(`/proposals/${id}/payouts`, DISTRICT, { amountFen: 40_000 })).status).toBe(403);
    const second = await f.post(`/proposals/${id}/payouts`, WJJ, { amountFen: 40_000 });
    expect(second.status).toBe(201);
    expect(second.body.proposal.payouts).toHaveLength(2);

    const closed = await f.post(`/proposals/${id}/close`, WJJ, { result: '厨房设备已安装，长者食堂开餐' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeResult: '厨房设备已安装，长者食堂开餐' });
    expect((await f.post(`/proposals/${id}/payouts`, WJJ, { amountFen: 1 })).status).toBe(409);

    expect(await f.totals(fund.id)).toMatchObject({ balance: 100_000, sum: 100_000 });
    // create, update, deliberate, publish, 2 payouts, close
    expect(await f.count('audit_log', 'entity_id', id)).toBe(7);
    // a payout's entry keeps the proposal's own amount (requested) and logs the payout apart
    const log = await f.get(`/audit?entityId=${id}&action=proposal.pay_out`, WJJ);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { after: unknown }) => e.after)).toEqual([
      expect.objectContaining({
        amountFen: 100_000,
        paidFen: 100_000,
        payout: expect.objectContaining({ amountFen: 40_000, fundBalanceFen: 100_000 }),
      }),
      expect.objectContaining({
        amountFen: 100_000,
        paidFen: 60_000,
        payout: expect.objectContaining({ amountFen: 60_000, fundBalanceFen: 140_000 }),
      }),
    ]);
  });

  it('a vote without a majority rejects; below quorum nothing is decided (400 naming the field)', async () => {
    const fund = await f.createFund(WJJ);
    const p = await f.post('/proposals', WJJ, {
      fundId: fund.id,
      title: '否决',
      purpose: 'x',
      useCategory: 'environment',
      amountFen: 100,
    });
    const noQuorum = await f.post(`/proposals/${p.body.id}/deliberate`, WJJ, {
      meetingOn: f.today(),
      eligibleVoters: 50,
      attendance: 20,
      votesFor: 20,
      votesAgainst: 0,
      votesAbstain: 0,
    });
    expect(noQuorum.status).toBe(400);
    expect(noQuorum.body.error.code).toBe('proposal.quorum_not_met');
    expect(noQuorum.body.error.fields).toHaveProperty('attendance');
    expect((await f.get(`/proposals/${p.body.id}`, WJJ)).body.status).toBe('draft');

    const tooMany = await f.post(`/proposals/${p.body.id}/deliberate`, WJJ, {
      meetingOn: f.today(),
      quorum: 10,
      attendance: 12,
      votesFor: 10,
      votesAgainst: 5,
      votesAbstain: 0,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields).toHaveProperty('votesFor');

    const en = await f.post(
      `/proposals/${p.body.id}/deliberate`,
      WJJ,
      { meetingOn: '2999-01-01', quorum: 1, attendance: 1, votesFor: 1, votesAgainst: 0, votesAbstain: 0 },
      { 'Accept-Language': 'en' },
    );
    expect(en.status).toBe(400);
    expect(en.body.error.fields.meetingOn).toBe('The meeting cannot be in the future');

    const rejected = await f.post(`/proposals/${p.body.id}/deliberate`, WJJ, {
      meetingOn: f.today(),
      quorum: 10,
      attendance: 12,
      votesFor: 6,
      votesAgainst: 4,
      votesAbstain: 2,
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect((await f.post(`/proposals/${p.body.id}/disclose`, WJJ, {})).status).toBe(409);
  });

  it('disclosure is at least 5 days and never backdated', async () => {
    const fund = await f.createFund(WJJ);
    const p = await f.approvedProposal(WJJ, fund.id, 100);
    const short = await f.post(`/proposals/${p.id}/disclose`, WJJ, { days: 3 });
    expect(short.status).toBe(400);
    expect(short.body.error.fields).toHaveProperty('days');
    const past = await f.post(`/proposals/${p.id}/disclose`, WJJ, { startsOn: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(past.body.error.fields).toHaveProperty('startsOn');
    const ok = await f.post(`/proposals/${p.id}/disclose`, WJJ, {});
    expect(ok.body.disclosure.days).toBe(5);
  });

  it('an upheld objection sends the proposal back to draft: no payout, and it leaves the public board', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 5_000);
    const o1 = await f.post(`/proposals/${p.id}/objections`, WJJ, { content: '选址影响休息' });
    expect(o1.status).toBe(201);
    const o2 = await f.post(`/proposals/${p.id}/objections`, WJJ, { content: '价格偏高' });
    const objectionIds = o2.body.objections.map((o: { id: string }) => o.id);
    expect(objectionIds).toHaveLength(2);

    // a pending objection blocks the payout even after the period
    f.travel(6);
    const pending = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 1_000 });
    expect(pending.status).toBe(409);
    expect(pending.body.error.code).toBe('proposal.objections_pending');
    vi.restoreAllMocks();

    const upheld = await f.post(`/proposals/${p.id}/objections/${objectionIds[0]}/resolve`, WJJ, {
      upheld: true,
      resolution: '另行选址',
    });
    expect(upheld.status).toBe(200);
    expect(upheld.body.status).toBe('draft');
    expect(upheld.body.deliberation).toBeNull();
    expect(upheld.body.objections.map((o: { status: string }) => o.status)).toEqual(['upheld', 'superseded']);

    f.travel(6);
    const refused = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 1_000 });
    expect(refused.status).toBe(409);
    expect(await f.totals(fund.id)).toMatchObject({ balance: 10_000, sum: 10_000 });
    expect(await f.count('ledger_entries', 'proposal_id', p.id)).toBe(0);
  });

  it('a dismissed objection lets disclosure run its course', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 5_000);
    const o = await f.post(`/proposals/${p.id}/objections`, WJJ, { content: '疑问' });
    const objectionId = o.body.objections[0].id;
    const dismissed = await f.post(`/proposals/${p.id}/objections/${objectionId}/resolve`, WJJ, {
      upheld: false,
      resolution: '已当面解释',
    });
    expect(dismissed.body).toMatchObject({ status: 'disclosure' });
    const again = await f.post(`/proposals/${p.id}/objections/${objectionId}/resolve`, WJJ, {
      upheld: true,
      resolution: '改判',
    });
    expect(again.status).toBe(409);
    f.travel(6);
    expect((await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 5_000 })).status).toBe(201);
  });

  it('a payout above the fund balance is 409 with a clear message, and nothing is written', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 3_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 10_000);
    f.travel(6);
    const res = await t.request(`/api/v1/proposals/${p.id}/payouts`, {
      method: 'POST',
      as: WJJ,
      body: JSON.stringify({ amountFen: 5_000 }),
    });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe('fund.insufficient_balance');
    expect(body.error.message).toContain('余额 30.00 元');
    expect(body.error.message).toContain('50.00 元');
    const detail = await f.get(`/proposals/${p.id}`, WJJ);
    expect(detail.body).toMatchObject({ paidFen: 0, status: 'disclosed', payouts: [] });
    expect(await f.totals(fund.id)).toMatchObject({ balance: 3_000, sum: 3_000 });
  });
});

describe('who may do what', () => {
  it.each([
    ['viewer@dongqu.demo', 403],
    ['reporter@jinhui.demo', 403],
    ['soe@dongqu.demo', 403],
    ['platform@gongfu.demo', 403],
    // communities keep their own books: the district reads them and writes none (refused by role)
    [DISTRICT, 403],
    ['admin@xiqu.demo', 403],
    ['jinhui@dongqu.demo', 404],
    ['geliping@xiqu.demo', 404],
    [undefined, 401],
  ])('%s → %i on every write of a Wangjiangjie proposal, and nothing changes', async (as, status) => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 5_000);
    f.travel(6);
    const writes: Array<[string, unknown]> = [
      [`/proposals/${p.id}/payouts`, { amountFen: 1_000 }],
      [`/proposals/${p.id}/objections`, { content: '越权异议', raisedOn: f.today() }],
      [`/proposals/${p.id}/close`, { result: '越权结项' }],
      [
        `/proposals/${p.id}/deliberate`,
        { meetingOn: f.today(), quorum: 1, attendance: 1, votesFor: 1, votesAgainst: 0, votesAbstain: 0 },
      ],
      [`/proposals/${p.id}/disclose`, {}],
    ];
    for (const [path, body] of writes) expect((await f.post(path, as, body)).status, path).toBe(status);
    expect(
      (await f.call('PATCH', `/proposals/${p.id}`, as, { version: p.version, title: '越权' })).status,
    ).toBe(status);
    for (const [objection, body] of [
      [`/proposals/${p.id}/objections/${crypto.randomUUID()}/resolve`, { upheld: false, resolution: '越权' }],
      [`/proposals/${p.id}/withdraw`, {}],
    ] as const) {
      expect((await f.post(objection, as, body)).status, objection).toBe(status);
    }
    expect(
      (
        await f.post('/proposals', as, {
          fundId: fund.id,
          title: '越权',
          purpose: '越权',
          useCategory: 'other',
          amountFen: 1,
        })
      ).status,
    ).toBe(status === 404 ? 400 : status); // another community names a fund it cannot see: a field error
    const read = await f.get(`/proposals/${p.id}`, as);
    const readsDistrict = as === 'viewer@dongqu.demo' || as === DISTRICT;
    expect(read.status).toBe(readsDistrict ? 200 : as === 'admin@xiqu.demo' ? 404 : status);
    vi.restoreAllMocks();
    const after = await f.get(`/proposals/${p.id}`, WJJ);
    expect(after.body).toMatchObject({ version: p.version, paidFen: 0, objections: [] });
    expect(await f.totals(fund.id)).toMatchObject({ balance: 10_000 });
  });

  it('a district admin reads every community’s proposals, with their deliberation and payouts, but runs none', async () => {
    const fund = await f.createFund('jinhui@dongqu.demo');
    await f.donate('jinhui@dongqu.demo', fund.id, 5_000);
    const p = await f.disclosedProposal('jinhui@dongqu.demo', fund.id, 1_000);
    f.travel(6);
    expect(
      (await f.post(`/proposals/${p.id}/payouts`, 'jinhui@dongqu.demo', { amountFen: 400 })).status,
    ).toBe(201);
    const read = await f.get(`/proposals/${p.id}`, DISTRICT);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      communityId: DEMO_IDS.jinhui,
      status: 'paid_out',
      paidFen: 400,
      deliberation: { votesFor: 30 },
      payouts: [{ amountFen: 400 }],
    });
    const list = await f.get(`/proposals?communityId=${DEMO_IDS.jinhui}`, DISTRICT);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect((await f.get(`/funds/${fund.id}/entries`, DISTRICT)).status).toBe(200);
    expect((await f.post(`/proposals/${p.id}/payouts`, DISTRICT, { amountFen: 100 })).status).toBe(403);
    expect(
      (await f.post(`/funds/${fund.id}/entries`, DISTRICT, { kind: 'grant', amountFen: 1 })).status,
    ).toBe(403);
    expect((await f.get(`/proposals/${p.id}`, WJJ)).status).toBe(404);
    expect(await f.totals(fund.id)).toMatchObject({ balance: 4_600, sum: 4_600 });
  });

  it('a proposal cannot draw on a fund outside the caller’s reach', async () => {
    const jinhuiFund = await f.createFund('jinhui@dongqu.demo');
    const res = await f.post('/proposals', WJJ, {
      fundId: jinhuiFund.id,
      title: 'x',
      purpose: 'x',
      useCategory: 'other',
      amountFen: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('fundId');
    expect(
      (await f.get('/proposals', WJJ)).body.items.some((x: { fundId: string }) => x.fundId === jinhuiFund.id),
    ).toBe(false);
  });
  it('its audit entries name its fund beside the fund’s id, the old and the new one when it moves', async () => {
    const first = await f.createFund(WJJ, { name: '社区微更新基金' });
    const second = await f.createFund(WJJ, { name: '邻里互助基金' });
    const created = await f.post('/proposals', WJJ, {
      fundId: first.id,
      title: '楼道照明',
      purpose: '更换楼道感应灯',
      useCategory: 'environment',
      amountFen: 50_000,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const moved = await f.call('PATCH', `/proposals/${id}`, WJJ, { version: 1, fundId: second.id });
    expect(moved.status).toBe(200);
    const decided = await f.post(`/proposals/${id}/deliberate`, WJJ, {
      version: 2,
      meetingOn: f.today(),
      eligibleVoters: 50,
      attendance: 37,
      votesFor: 30,
      votesAgainst: 5,
      votesAbstain: 2,
    });
    expect(decided.status).toBe(200);
    // the API's answer stays the contract's proposal: the name is the log's alone
    expect(decided.body).not.toHaveProperty('fundName');

    const entry = async (action: string) => {
      const log = await f.get(`/audit?entityId=${id}&action=${action}`, WJJ);
      expect(log.status).toBe(200);
      expect(log.body.items).toHaveLength(1);
      return log.body.items[0] as { before: unknown; after: unknown };
    };
    expect((await entry('proposal.create')).after).toMatchObject({
      fundId: first.id,
      fundName: '社区微更新基金',
    });
    expect(await entry('proposal.update')).toMatchObject({
      before: { fundId: first.id, fundName: '社区微更新基金' },
      after: { fundId: second.id, fundName: '邻里互助基金' },
    });
    expect(await entry('proposal.record_deliberation')).toMatchObject({
      before: { fundId: second.id, fundName: '邻里互助基金' },
      after: { fundId: second.id, fundName: '邻里互助基金' },
    });
  });
});

describe('payouts under concurrency and retries', () => {
  it('50 simultaneous payouts against one fund never overdraw it; the balance equals the sum of entries', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    // five proposals on the same fund, each approved for 4,000: together they ask for more than the fund holds
    const proposals: Array<{ id: string }> = [];
    for (let i = 0; i < 5; i++) proposals.push(await f.disclosedProposal(WJJ, fund.id, 4_000, `并发 ${i}`));
    f.travel(6);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        f.post(`/proposals/${proposals[i % 5]?.id}/payouts`, WJJ, { amountFen: 300 }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const paid = statuses.filter((s) => s === 201).length;
    expect(paid).toBe(33); // 33 × 300 = 9,900 ≤ 10,000 < 34 × 300
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error.code).toBe('fund.insufficient_balance');
    }
    const totals = await f.totals(fund.id);
    expect(totals).toEqual({ balance: 100, sum: 100, minRunning: expect.any(Number) });
    expect(totals.balance).toBe(10_000 - paid * 300);
    for (const p of proposals) {
      const detail = await f.get(`/proposals/${p.id}`, WJJ);
      expect(detail.body.paidFen).toBeLessThanOrEqual(4_000);
      expect(detail.body.paidFen).toBe(detail.body.payouts.length * 300);
    }
  });

  it('50 simultaneous payouts of one proposal never pay above its approved amount', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 100_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 2_000);
    f.travel(6);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 150 })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(13); // 13 × 150 = 1,950
    expect(
      results
        .filter((r) => r.status === 409)
        .every((r) => r.body.error.code === 'proposal.payout_exceeds_approved'),
    ).toBe(true);
    expect(await f.totals(fund.id)).toMatchObject({ balance: 100_000 - 1_950, sum: 100_000 - 1_950 });
  });

  it('a payout retried with the same Idempotency-Key is answered once; another body with that key is 422', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 5_000);
    f.travel(6);
    const key = { 'Idempotency-Key': `payout-${p.id}` };
    const first = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 1_000 }, key);
    const again = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 1_000 }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 2_000 }, key);
    expect(other.status).toBe(422);
    expect(await f.count('ledger_entries', 'proposal_id', p.id)).toBe(1);
    expect(await f.totals(fund.id)).toMatchObject({ balance: 9_000, sum: 9_000 });
  });

  it('reversing a payout gives the money back to the fund and the proposal', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 5_000);
    f.travel(6);
    const paid = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 5_000 });
    const rev = await f.post(`/funds/${fund.id}/entries`, WJJ, {
      kind: 'reversal',
      reversesEntryId: paid.body.entryId,
    });
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({ direction: 1, balanceAfterFen: 10_000 });
    const detail = await f.get(`/proposals/${p.id}`, WJJ);
    expect(detail.body).toMatchObject({ paidFen: 0, remainingFen: 5_000 });
    expect(detail.body.payouts[0].reversed).toBe(true);
  });
});

describe('use category, paper minutes, payout date and close result (ADR 0014)', () => {
  const DUKOU = 'dukou@dongqu.demo';
  async function charityFund() {
    const funds = await f.get('/funds', DUKOU);
    const fund = funds.body.items.find((x: { kind: string }) => x.kind === 'charity_common_prosperity');
    return (fund ??
      (await f.createFund(DUKOU, { kind: 'charity_common_prosperity', name: '慈善共富基金' }))) as {
      id: string;
    };
  }

  it('the category is required and from the closed list (400 naming the field, in the user’s language)', async () => {
    const fund = await f.createFund(WJJ);
    const before = await f.count('proposals', 'fund_id', fund.id);
    const missing = await f.post('/proposals', WJJ, {
      fundId: fund.id,
      title: 't',
      purpose: 'p',
      amountFen: 1,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('useCategory');
    const unknown = await f.post(
      '/proposals',
      WJJ,
      { fundId: fund.id, title: 't', purpose: 'p', useCategory: 'banquet', amountFen: 1 },
      { 'Accept-Language': 'en' },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty('useCategory');
    expect(await f.count('proposals', 'fund_id', fund.id)).toBe(before);
  });

  it('the charity fund pays for no governance or unstated use: 400 with the domain’s reason on useCategory, nothing written', async () => {
    const fund = await charityFund();
    for (const useCategory of ['governance', 'other']) {
      const res = await f.post('/proposals', DUKOU, {
        fundId: fund.id,
        title: '议事会办公用品',
        purpose: '社区议事会运转',
        useCategory,
        amountFen: 1_000,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('proposal.use_category_banned');
      expect(res.body.error.message).toContain('慈善共富基金');
      expect(res.body.error.fields.useCategory).toBe('慈善共富基金不能支付社区治理或未列明的“其他”用途');
    }
    const en = await f.post(
      '/proposals',
      DUKOU,
      { fundId: fund.id, title: 'x', purpose: 'x', useCategory: 'governance', amountFen: 1_000 },
      { 'Accept-Language': 'en' },
    );
    expect(en.body.error.fields.useCategory).toBe(
      'The charity fund cannot pay for community governance or an unstated “other” use',
    );
    expect(await f.count('proposals', 'title', '议事会办公用品')).toBe(0);
    // a named public-welfare use is paid from it
    const ok = await f.post('/proposals', DUKOU, {
      fundId: fund.id,
      title: '困难家庭助学',
      purpose: '慈善共富基金资助困难家庭学生',
      useCategory: 'hardship_relief',
      amountFen: 1_000,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.useCategory).toBe('hardship_relief');
    // nor can a draft be edited into a banned category, or a governance draft moved onto the charity fund
    const edited = await f.call('PATCH', `/proposals/${ok.body.id}`, DUKOU, {
      version: 1,
      useCategory: 'other',
    });
    expect(edited.status).toBe(400);
    expect(edited.body.error.fields).toHaveProperty('useCategory');
    const govFund = await f.createFund(DUKOU);
    const gov = await f.post('/proposals', DUKOU, {
      fundId: govFund.id,
      title: '议事会场地布置',
      purpose: '议事会',
      useCategory: 'governance',
      amountFen: 500,
    });
    expect(gov.status).toBe(201);
    const moved = await f.call('PATCH', `/proposals/${gov.body.id}`, DUKOU, { version: 1, fundId: fund.id });
    expect(moved.status).toBe(400);
    expect(moved.body.error.code).toBe('proposal.use_category_banned');
    expect((await f.get(`/proposals/${gov.body.id}`, DUKOU)).body).toMatchObject({
      fundId: govFund.id,
      version: 1,
    });
    const recategorised = await f.call('PATCH', `/proposals/${ok.body.id}`, DUKOU, {
      version: 1,
      useCategory: 'child_care',
    });
    expect(recategorised.body).toMatchObject({ useCategory: 'child_care', version: 2 });
  });

  it('a meeting recorded on paper notes the scanned minutes’ file name; a path is refused', async () => {
    const fund = await f.createFund(WJJ);
    const p = await f.post('/proposals', WJJ, {
      fundId: fund.id,
      title: '楼道照明',
      purpose: '感应灯',
      useCategory: 'public_facilities',
      amountFen: 1_000,
    });
    const vote = {
      meetingOn: f.today(),
      quorum: 3,
      attendance: 5,
      votesFor: 4,
      votesAgainst: 1,
      votesAbstain: 0,
    };
    const path = await f.post(`/proposals/${p.body.id}/deliberate`, WJJ, {
      ...vote,
      minutesFileName: 'C:\\扫描\\议事会记录.pdf',
    });
    expect(path.status).toBe(400);
    expect(path.body.error.fields).toHaveProperty('minutesFileName');
    const paper = await f.post(`/proposals/${p.body.id}/deliberate`, WJJ, {
      ...vote,
      minutes: '纸质会议记录录入',
      minutesFileName: '望江街议事会记录-20261204.pdf',
    });
    expect(paper.status).toBe(200);
    expect(paper.body.deliberation).toMatchObject({
      minutes: '纸质会议记录录入',
      minutesFileName: '望江街议事会记录-20261204.pdf',
    });
    expect((await f.get(`/proposals/${p.body.id}`, WJJ)).body.deliberation.minutesFileName).toBe(
      '望江街议事会记录-20261204.pdf',
    );
  });

  it('the payout date: today by default, never after today, never after the booking month; the payout shows it', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 6_000);
    f.travel(40);
    const { today, thisMonth } = await import('./clock');
    const future = await f.post(`/proposals/${p.id}/payouts`, WJJ, {
      amountFen: 1_000,
      paidOn: addDaysTo(today(), 1),
    });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('proposal.payout_date_in_future');
    expect(future.body.error.fields.paidOn).toBe('拨付日期不能晚于今天');
    const beforeMonth = await f.post(`/proposals/${p.id}/payouts`, WJJ, {
      amountFen: 1_000,
      month: previousMonth(thisMonth()),
      paidOn: today(),
    });
    expect(beforeMonth.status).toBe(400);
    expect(beforeMonth.body.error.fields).toHaveProperty('paidOn');
    expect(await f.count('ledger_entries', 'proposal_id', p.id)).toBe(0);

    const byDefault = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 1_000 });
    expect(byDefault.status).toBe(201);
    // booked today for money that left last week (the community enters the day it left)
    const lastWeek = addDaysTo(today(), -7);
    const late = await f.post(`/proposals/${p.id}/payouts`, WJJ, {
      amountFen: 2_000,
      month: thisMonth(),
      paidOn: lastWeek,
    });
    expect(late.status).toBe(201);
    expect(late.body.proposal.payouts.map((x: { paidOn: string }) => x.paidOn)).toEqual([today(), lastWeek]);
    // the fund's ledger names the same days (the public board lists payouts by them); a donation has none
    const entries = await f.get(`/funds/${fund.id}/entries`, WJJ);
    expect(entries.status).toBe(200);
    expect(
      entries.body.items.map((e: { kind: string; paidOn: string | null }) => [e.kind, e.paidOn]),
    ).toEqual([
      ['donation', null],
      ['expenditure', today()],
      ['expenditure', lastWeek],
    ]);
  });

  it('deliberation coverage counts a payout by the day the money left, not the day it was booked', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 6_000);
    f.travel(10); // disclosure (5 days from today) is over
    // paid during disclosure, booked after it ended: not backed
    const early = await f.post(`/proposals/${p.id}/payouts`, WJJ, {
      amountFen: 1_000,
      paidOn: p.disclosure.endsOn,
    });
    expect(early.status).toBe(201);
    const { today } = await import('./clock');
    const onTime = await f.post(`/proposals/${p.id}/payouts`, WJJ, { amountFen: 2_000, paidOn: today() });
    expect(onTime.status).toBe(201);
    const r = await sql<{ expenditure: string; backed: string }>`
      select sum(expenditure_fen)::text as expenditure, sum(backed_expenditure_fen)::text as backed
      from kpi_fund_months where fund_id = ${fund.id}`.execute(t.handle.db);
    expect(r.rows[0]).toEqual({ expenditure: '3000', backed: '2000' });
  });

  it('a close carries its result; without one it is refused and the proposal stays open', async () => {
    const fund = await f.createFund(WJJ);
    await f.donate(WJJ, fund.id, 10_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 1_000);
    f.travel(6);
    const none = await f.post(`/proposals/${p.id}/close`, WJJ, { result: '   ' });
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toHaveProperty('result');
    expect((await f.get(`/proposals/${p.id}`, WJJ)).body).toMatchObject({
      status: 'disclosed',
      closeResult: null,
    });
    const closed = await f.post(`/proposals/${p.id}/close`, WJJ, { result: '居民另议，未动用资金，结项' });
    expect(closed.body).toMatchObject({ status: 'closed', closeResult: '居民另议，未动用资金，结项' });
  });
});

function addDaysTo(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
