import { DEMO_IDS } from '@gongfu/db';
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
const DUKOU = 'dukou@dongqu.demo';
const WJJ = 'wangjiangjie@dongqu.demo';
const JINHUI = 'jinhui@dongqu.demo';

describe('give-back pledges', () => {
  it('the community records a cash pledge and its fulfilments; cash lands in the fund as a donation, once', async () => {
    const fund = await f.createFund(DUKOU, {
      kind: 'charity_common_prosperity',
      name: '渡口社区慈善共富基金',
    });
    const pledge = await f.post('/pledges', DUKOU, {
      partnerId: DEMO_IDS.autoAssociation,
      kind: 'cash',
      description: '汽车服务产业协会会员企业认捐慈善共富基金',
      amountFen: 5_000_000,
      dueOn: '2026-12-31',
      fundId: fund.id,
    });
    expect(pledge.status).toBe(201);
    expect(pledge.body).toMatchObject({ status: 'open', fulfilledFen: 0, communityId: DEMO_IDS.dukou });

    const first = await f.post(`/pledges/${pledge.body.id}/fulfilments`, DUKOU, {
      valueFen: 2_000_000,
      fulfilledOn: f.today(),
      description: '首笔捐款',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ fulfilledFen: 2_000_000, status: 'open' });
    const fulfilment = first.body.fulfilments[0];
    expect(fulfilment.ledgerEntryId).toBeTruthy();
    const entries = await f.get(`/funds/${fund.id}/entries`, DUKOU);
    expect(entries.body.items).toHaveLength(1);
    expect(entries.body.items[0]).toMatchObject({
      kind: 'donation',
      amountFen: 2_000_000,
      sourceType: 'pledge_fulfilment',
      sourceId: fulfilment.id,
    });
    const rest = await f.post(`/pledges/${pledge.body.id}/fulfilments`, DUKOU, {
      valueFen: 3_000_000,
      fulfilledOn: f.today(),
    });
    expect(rest.body).toMatchObject({ status: 'fulfilled', fulfilledFen: 5_000_000 });
    expect(await f.totals(fund.id)).toMatchObject({ balance: 5_000_000, sum: 5_000_000 });
    expect(await f.count('audit_log', 'entity_id', pledge.body.id)).toBe(3);
    // the log names the fund beside its id: the audit page reads it by name
    const entry = async (action: string) => {
      const log = await f.get(`/audit?entityId=${pledge.body.id}&action=${action}`, DUKOU);
      expect(log.status).toBe(200);
      return log.body.items as { before: unknown; after: unknown }[];
    };
    expect((await entry('pledge.create'))[0]?.after).toMatchObject({
      fundId: fund.id,
      fundName: '渡口社区慈善共富基金',
    });
    const fulfilments = await entry('pledge.record_fulfilment');
    expect(fulfilments).toHaveLength(2);
    for (const item of fulfilments)
      expect(item).toMatchObject({
        before: { fundId: fund.id, fundName: '渡口社区慈善共富基金' },
        after: { fundId: fund.id, fundName: '渡口社区慈善共富基金' },
      });
    expect(pledge.body).not.toHaveProperty('fundName');
  });

  it('an in-kind fulfilment records value but moves no money', async () => {
    const pledge = await f.post('/pledges', DUKOU, {
      partnerId: DEMO_IDS.autoAssociation,
      kind: 'infrastructure',
      description: '共建“共富广场”',
      amountFen: 800_000,
      dueOn: '2026-10-01',
    });
    expect(pledge.status).toBe(201);
    const done = await f.post(`/pledges/${pledge.body.id}/fulfilments`, DUKOU, {
      valueFen: 800_000,
      fulfilledOn: f.today(),
    });
    expect(done.body).toMatchObject({ status: 'fulfilled' });
    expect(done.body.fulfilments[0].ledgerEntryId).toBeNull();
  });

  it('validation: cash needs a fund; unknown partner and future dates are field errors', async () => {
    const noFund = await f.post('/pledges', DUKOU, {
      partnerId: DEMO_IDS.soe,
      kind: 'cash',
      description: 'x',
      amountFen: 100,
      dueOn: '2026-12-31',
    });
    expect(noFund.status).toBe(400);
    expect(noFund.body.error.fields).toHaveProperty('fundId');
    const unknown = await f.post('/pledges', DUKOU, {
      partnerId: '00000000-0000-4000-8000-000000000000',
      kind: 'service',
      description: 'x',
      amountFen: 0,
      dueOn: '2026-12-31',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty('partnerId');
    const p = await f.post('/pledges', DUKOU, {
      partnerId: DEMO_IDS.soe,
      kind: 'service',
      description: '志愿服务',
      amountFen: 100,
      dueOn: '2026-12-31',
    });
    const future = await f.post(`/pledges/${p.body.id}/fulfilments`, DUKOU, {
      valueFen: 1,
      fulfilledOn: '2999-01-01',
    });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toHaveProperty('fulfilledOn');
  });

  it('reach: the partner reads only its own pledges; other communities and districts get 404', async () => {
    const soePledge = await f.post('/pledges', 'jinhui@dongqu.demo', {
      partnerId: DEMO_IDS.soe,
      kind: 'service',
      description: '潮汐市场引导员',
      amountFen: 0,
      dueOn: '2026-12-31',
    });
    const otherPledge = await f.post('/pledges', 'jinhui@dongqu.demo', {
      partnerId: DEMO_IDS.tusStar,
      kind: 'service',
      description: '孵化辅导',
      amountFen: 0,
      dueOn: '2026-12-31',
    });
    expect((await f.get(`/pledges/${soePledge.body.id}`, 'soe@dongqu.demo')).status).toBe(200);
    expect((await f.get(`/pledges/${otherPledge.body.id}`, 'soe@dongqu.demo')).status).toBe(404);
    const list = await f.get('/pledges', 'soe@dongqu.demo');
    expect(list.body.items.every((p: { partnerId: string }) => p.partnerId === DEMO_IDS.soe)).toBe(true);
    // the partner records its own give-back, not another partner's
    const own = await f.post(`/pledges/${soePledge.body.id}/fulfilments`, 'soe@dongqu.demo', {
      valueFen: 1,
      fulfilledOn: f.today(),
    });
    expect(own.status).toBe(201);
    const others = await f.post(`/pledges/${otherPledge.body.id}/fulfilments`, 'soe@dongqu.demo', {
      valueFen: 1,
      fulfilledOn: f.today(),
    });
    expect(others.status).toBe(404);
    expect(await f.count('pledge_fulfilments', 'pledge_id', otherPledge.body.id)).toBe(0);
    for (const as of [WJJ, 'admin@xiqu.demo', 'geliping@xiqu.demo']) {
      expect((await f.get(`/pledges/${soePledge.body.id}`, as)).status).toBe(404);
      expect(
        (
          await f.post(`/pledges/${soePledge.body.id}/fulfilments`, as, {
            valueFen: 1,
            fulfilledOn: f.today(),
          })
        ).status,
        // a district admin may record no fulfilment anywhere: refused by role before any lookup
      ).toBe(as === 'admin@xiqu.demo' ? 403 : 404);
    }
    expect((await f.get(`/pledges/${soePledge.body.id}`, 'reporter@jinhui.demo')).status).toBe(403);
    expect(await f.count('pledge_fulfilments', 'pledge_id', soePledge.body.id)).toBe(1);
  });

  it('a partner declares a cash fulfilment; it counts only when the community confirms and books it, once', async () => {
    const fund = await f.createFund('jinhui@dongqu.demo', {
      kind: 'charity_common_prosperity',
      name: '金汇公益金',
    });
    const pledge = await f.post('/pledges', 'soe@dongqu.demo', {
      communityId: DEMO_IDS.jinhui,
      partnerId: DEMO_IDS.soe,
      kind: 'cash',
      description: '区属国企反哺社区改造',
      amountFen: 100_000,
      dueOn: '2026-12-31',
      fundId: fund.id,
    });
    expect(pledge.status).toBe(201);
    // a partner pledges only as itself
    const asOther = await f.post('/pledges', 'soe@dongqu.demo', {
      communityId: DEMO_IDS.jinhui,
      partnerId: DEMO_IDS.tusStar,
      kind: 'service',
      description: 'x',
      amountFen: 0,
      dueOn: '2026-12-31',
    });
    expect(asOther.status).toBe(404);

    const declared = await f.post(`/pledges/${pledge.body.id}/fulfilments`, 'soe@dongqu.demo', {
      valueFen: 100_000,
      fulfilledOn: f.today(),
    });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ status: 'open', fulfilledFen: 0 });
    const fulfilment = declared.body.fulfilments[0];
    expect(fulfilment).toMatchObject({ confirmed: false, ledgerEntryId: null });
    expect((await f.totals(fund.id)).balance).toBe(0);

    const confirmPath = `/pledges/${pledge.body.id}/fulfilments/${fulfilment.id}/confirm`;
    expect((await f.post(confirmPath, 'soe@dongqu.demo')).status).toBe(403);
    expect((await f.post(confirmPath, WJJ)).status).toBe(404);
    expect((await f.post(confirmPath, 'admin@xiqu.demo')).status).toBe(403);
    // the district reads the pledge but does not book into the community's fund
    expect((await f.post(confirmPath, 'admin@dongqu.demo')).status).toBe(403);
    expect((await f.get(`/pledges/${pledge.body.id}`, 'admin@dongqu.demo')).status).toBe(200);
    const confirmed = await f.post(confirmPath, 'jinhui@dongqu.demo');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'fulfilled', fulfilledFen: 100_000 });
    expect(confirmed.body.fulfilments[0].confirmed).toBe(true);
    const again = await f.post(confirmPath, 'jinhui@dongqu.demo');
    expect(again.status).toBe(409);
    expect(await f.totals(fund.id)).toMatchObject({ balance: 100_000, sum: 100_000 });
    expect(await f.count('ledger_entries', 'posting_key', `pledge-fulfilment:${fulfilment.id}`)).toBe(1);
  });
});

describe('communities keep their own books: the district reads pledges, writes none', () => {
  it('a district admin reads every pledge of the district (200) and gets 403 on each write', async () => {
    const fund = await f.createFund(JINHUI, { kind: 'other', name: '金汇共建基金' });
    const pledge = await f.post('/pledges', JINHUI, {
      partnerId: DEMO_IDS.tusStar,
      kind: 'cash',
      description: '协会会员企业认捐',
      amountFen: 10_000,
      dueOn: '2026-12-31',
      fundId: fund.id,
    });
    expect(pledge.status).toBe(201);
    const declared = await f.post('/pledges', 'soe@dongqu.demo', {
      communityId: DEMO_IDS.jinhui,
      partnerId: DEMO_IDS.soe,
      kind: 'cash',
      description: '国企认捐',
      amountFen: 5_000,
      dueOn: '2026-12-31',
      fundId: fund.id,
    });
    expect(declared.status).toBe(201);
    const declaredFulfilment = await f.post(`/pledges/${declared.body.id}/fulfilments`, 'soe@dongqu.demo', {
      valueFen: 5_000,
      fulfilledOn: f.today(),
    });
    const fulfilmentId = declaredFulfilment.body.fulfilments[0].id;

    for (const as of ['admin@dongqu.demo', 'viewer@dongqu.demo']) {
      expect((await f.get(`/pledges/${pledge.body.id}`, as)).status).toBe(200);
      const list = await f.get(`/pledges?communityId=${DEMO_IDS.jinhui}`, as);
      expect(list.status).toBe(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual(
        expect.arrayContaining([pledge.body.id, declared.body.id]),
      );
      const writes = [
        await f.post('/pledges', as, {
          communityId: DEMO_IDS.jinhui,
          partnerId: DEMO_IDS.tusStar,
          kind: 'service',
          description: '区里代录',
          amountFen: 0,
          dueOn: '2026-12-31',
        }),
        await f.post(`/pledges/${pledge.body.id}/fulfilments`, as, { valueFen: 1, fulfilledOn: f.today() }),
        await f.post(`/pledges/${declared.body.id}/fulfilments/${fulfilmentId}/confirm`, as),
      ];
      expect(
        writes.map((w) => w.status),
        as,
      ).toEqual([403, 403, 403]);
    }
    expect(await f.count('pledges', 'description', '区里代录')).toBe(0);
    expect(await f.count('pledge_fulfilments', 'pledge_id', pledge.body.id)).toBe(0);
    expect((await f.totals(fund.id)).balance).toBe(0);
    // the community admin confirms what the partner declared
    expect(
      (await f.post(`/pledges/${declared.body.id}/fulfilments/${fulfilmentId}/confirm`, JINHUI)).status,
    ).toBe(200);
    expect((await f.totals(fund.id)).balance).toBe(5_000);
  });
});

describe('GET /api/v1/pledges: what is outstanding, for the workspace', () => {
  it('each pledge says what is outstanding, awaiting confirmation and overdue; the list filters and sums', async () => {
    const fund = await f.createFund(JINHUI, { kind: 'other', name: '金汇反哺基金' });
    const pledge = (body: Record<string, unknown>, as = JINHUI) =>
      f.post('/pledges', as, {
        communityId: DEMO_IDS.jinhui,
        partnerId: DEMO_IDS.soe,
        kind: 'cash',
        description: '区属国企反哺',
        fundId: fund.id,
        ...body,
      });
    const late = await pledge({ amountFen: 10_000, dueOn: '2026-01-31', description: '已逾期的认捐' });
    const declared = await pledge({ amountFen: 8_000, dueOn: '2099-12-31' }, 'soe@dongqu.demo');
    const done = await pledge({ kind: 'service', amountFen: 3_000, dueOn: '2026-01-31', fundId: null });
    await f.post(`/pledges/${late.body.id}/fulfilments`, JINHUI, { valueFen: 4_000, fulfilledOn: f.today() });
    await f.post(`/pledges/${declared.body.id}/fulfilments`, 'soe@dongqu.demo', {
      valueFen: 5_000,
      fulfilledOn: f.today(),
    });
    await f.post(`/pledges/${done.body.id}/fulfilments`, JINHUI, { valueFen: 3_000, fulfilledOn: f.today() });

    const list = await f.get(`/pledges?fundId=${fund.id}`, JINHUI);
    expect(list.status).toBe(200);
    const byId = new Map(list.body.items.map((p: { id: string }) => [p.id, p]));
    expect(byId.get(late.body.id)).toMatchObject({
      status: 'open',
      fulfilledFen: 4_000,
      outstandingFen: 6_000,
      awaitingConfirmationFen: 0,
      overdue: true,
    });
    expect(byId.get(declared.body.id)).toMatchObject({
      fulfilledFen: 0,
      outstandingFen: 8_000,
      awaitingConfirmationFen: 5_000,
      overdue: false,
    });
    expect(byId.has(done.body.id)).toBe(false); // no fund
    expect(list.body.totals).toEqual({
      amountFen: 18_000,
      fulfilledFen: 4_000,
      outstandingFen: 14_000,
      awaitingConfirmationFen: 5_000,
    });
    const doneDetail = await f.get(`/pledges/${done.body.id}`, JINHUI);
    expect(doneDetail.body).toMatchObject({ status: 'fulfilled', outstandingFen: 0, overdue: false });

    const overdue = await f.get(`/pledges?communityId=${DEMO_IDS.jinhui}&overdue=true`, JINHUI);
    expect(overdue.body.items.map((p: { id: string }) => p.id)).toContain(late.body.id);
    expect(overdue.body.items.every((p: { overdue: boolean }) => p.overdue)).toBe(true);
    const fulfilled = await f.get('/pledges?status=fulfilled', JINHUI);
    expect(fulfilled.body.items.map((p: { id: string }) => p.id)).toContain(done.body.id);
    expect(fulfilled.body.items.every((p: { status: string }) => p.status === 'fulfilled')).toBe(true);
    expect((await f.get('/pledges?overdue=maybe', JINHUI)).status).toBe(400);

    // the district reads the same figures; other communities and districts see none of it
    const district = await f.get(`/pledges?fundId=${fund.id}`, 'admin@dongqu.demo');
    expect(district.body.totals.outstandingFen).toBe(14_000);
    for (const as of [WJJ, 'admin@xiqu.demo', 'geliping@xiqu.demo']) {
      const other = await f.get(`/pledges?fundId=${fund.id}&communityId=${DEMO_IDS.jinhui}`, as);
      expect(other.body, as).toMatchObject({ items: [], total: 0, totals: { amountFen: 0 } });
    }
  });

  it('a pledge becomes overdue when the business clock passes its due day', async () => {
    const p = await f.post('/pledges', JINHUI, {
      partnerId: DEMO_IDS.tusStar,
      kind: 'service',
      description: '孵化辅导',
      amountFen: 1_000,
      dueOn: f.today(),
    });
    expect((await f.get(`/pledges/${p.body.id}`, JINHUI)).body.overdue).toBe(false);
    f.travel(1);
    expect((await f.get(`/pledges/${p.body.id}`, JINHUI)).body.overdue).toBe(true);
  });
});

describe('GET /api/public/communities/{id}/disclosure', () => {
  const board = (community: string, district: string = DEMO_IDS.dongqu) =>
    t.request(`/api/public/communities/${community}/disclosure?district=${district}`);

  it('shows public funds, their entries and disclosed proposals — and nothing else', async () => {
    const open = await f.createFund(WJJ, { kind: 'governance_special', name: '望江街社区治理专项资金' });
    const hidden = await f.createFund(WJJ, { kind: 'reserve', name: '内部储备金', isPublic: false });
    await f.donate(WJJ, open.id, 500_000);
    await f.donate(WJJ, hidden.id, 77_777);
    const draft = await f.post('/proposals', WJJ, {
      fundId: open.id,
      title: '草稿项目不公开',
      purpose: '尚未议事',
      useCategory: 'governance',
      amountFen: 100,
    });
    const rejected = await f.post('/proposals', WJJ, {
      fundId: open.id,
      title: '被否决的项目',
      purpose: 'x',
      useCategory: 'other',
      amountFen: 100,
    });
    await f.post(`/proposals/${rejected.body.id}/deliberate`, WJJ, {
      meetingOn: f.today(),
      quorum: 3,
      attendance: 3,
      votesFor: 1,
      votesAgainst: 2,
      votesAbstain: 0,
    });
    await f.post(`/proposals/${rejected.body.id}/close`, WJJ, { result: '未通过，结项' });
    const approvedOnly = await f.approvedProposal(WJJ, open.id, 1_000, '已通过未公示');
    const disclosed = await f.disclosedProposal(WJJ, open.id, 300_000, '长者食堂');
    await f.post(`/proposals/${disclosed.id}/objections`, WJJ, {
      content: '居民张某某（电话 13800000000）认为选址不妥',
    });
    const objection = (await f.get(`/proposals/${disclosed.id}`, WJJ)).body.objections[0];
    await f.post(`/proposals/${disclosed.id}/objections/${objection.id}/resolve`, WJJ, {
      upheld: false,
      resolution: '内部备注：已电话沟通',
    });
    f.travel(6);
    await f.post(`/proposals/${disclosed.id}/payouts`, WJJ, {
      amountFen: 120_000,
      memo: '内部备注：发票待补',
    });
    // read on the moved day: the payout is booked then, and the default period ends on the data date

    const res = await board(DEMO_IDS.wangjiangjie);
    expect(res.status).toBe(200);
    const body = await res.json();
    const text = JSON.stringify(body);

    expect(body.community).toEqual({
      id: DEMO_IDS.wangjiangjie,
      name: '望江街社区',
      responsibleOrg: '望江街社区居民委员会',
      feedbackChannel: expect.stringContaining('0812-0000101'),
    });
    expect(body.funds.map((x: { id: string }) => x.id)).toContain(open.id);
    expect(body.funds.map((x: { id: string }) => x.id)).not.toContain(hidden.id);
    const fund = body.funds.find((x: { id: string }) => x.id === open.id);
    expect(fund).toMatchObject({ balanceFen: 380_000, inflowFen: 500_000, outflowFen: 120_000 });
    expect(fund.entries.map((e: { kind: string }) => e.kind)).toEqual(['donation', 'expenditure']);

    const ids = body.proposals.map((p: { id: string }) => p.id);
    expect(ids).toEqual([disclosed.id]);
    expect(ids).not.toContain(draft.body.id);
    expect(ids).not.toContain(rejected.body.id);
    expect(ids).not.toContain(approvedOnly.id);
    expect(body.proposals[0]).toMatchObject({
      title: '长者食堂',
      status: 'paid_out',
      votesFor: 30,
      votesAgainst: 5,
      votesAbstain: 2,
      objectionsCount: 1,
      paidFen: 120_000,
      fundName: '望江街社区治理专项资金',
      payouts: [{ amountFen: 120_000 }],
    });

    for (const secret of [
      hidden.id,
      '内部储备金',
      '77777',
      '草稿项目不公开',
      '被否决的项目',
      '已通过未公示',
      '内部备注',
      '13800000000',
      '居民代表会议纪要',
      '@',
      'createdBy',
      'userId',
      'memo',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    const users = await f.count('users', 'email', 'wangjiangjie@dongqu.demo');
    expect(users).toBe(1);
    const wjjUserId = (
      await t.handle.db
        .selectFrom('users')
        .select('user_id')
        .where('email', '=', 'wangjiangjie@dongqu.demo')
        .executeTakeFirstOrThrow()
    ).user_id;
    expect(text).not.toContain(wjjUserId);
  });

  it('needs no login, and shows nothing of a community through a wrong district or an unknown id (404)', async () => {
    expect((await board(DEMO_IDS.jinhui)).status).toBe(200);
    expect((await board(DEMO_IDS.xiquCommunity)).status).toBe(404); // right id, wrong district
    expect((await board(DEMO_IDS.xiquCommunity, DEMO_IDS.xiqu)).status).toBe(200);
    expect((await board('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await t.request(`/api/public/communities/not-a-uuid/disclosure?district=${DEMO_IDS.dongqu}`);
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(['id']);
    const noDistrict = await t.request(`/api/public/communities/${DEMO_IDS.jinhui}/disclosure`);
    expect(noDistrict.status).toBe(400);
    expect(Object.keys((await noDistrict.json()).error.fields)).toEqual(['district']);
  });

  it('another community’s board does not show this community’s funds', async () => {
    const fund = await f.createFund(WJJ, { name: '只属于望江街' });
    const res = await board(DEMO_IDS.dukou);
    expect(JSON.stringify(await res.json())).not.toContain(fund.id);
  });
});
