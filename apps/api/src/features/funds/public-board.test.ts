import { DEMO_IDS } from '@gongfu/db';
import { addDays, addMonths, type LocalDate, monthOfDate } from '@gongfu/domain';
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
const MARKER = 'ZZ私密标记QX';

const board = (query = '', community: string = DEMO_IDS.wangjiangjie, district: string = DEMO_IDS.dongqu) =>
  t.request(`/api/public/communities/${community}/disclosure?district=${district}${query}`);

async function communityVersion(id: string) {
  const r = await sql<{
    version: number;
  }>`select version from communities where community_id = ${id}`.execute(t.handle.db);
  return r.rows[0]?.version ?? 0;
}

async function patchCommunity(id: string, as: string, body: Record<string, unknown>) {
  const res = await t.request(`/api/v1/communities/${id}`, {
    method: 'PATCH',
    as,
    body: JSON.stringify({ version: await communityVersion(id), ...body }),
  });
  return { status: res.status, body: await res.json() };
}

describe('the public board shows what is public and nothing else', () => {
  it('private fields seeded with a marker never reach the response', async () => {
    const open = await f.createFund(WJJ, { kind: 'other', name: '望江街公示测试基金' });
    const hidden = await f.createFund(WJJ, { kind: 'other', name: `${MARKER}内部基金`, isPublic: false });
    const memo = await f.post(`/funds/${open.id}/entries`, WJJ, {
      kind: 'donation',
      amountFen: 400_000,
      memo: `${MARKER}捐赠人私人备注`,
    });
    expect(memo.status).toBe(201);
    await f.donate(WJJ, hidden.id, 1_000);
    await f.post('/proposals', WJJ, {
      fundId: open.id,
      title: `${MARKER}草稿`,
      purpose: MARKER,
      useCategory: 'other',
      amountFen: 100,
    });
    const disclosed = await f.disclosedProposal(WJJ, open.id, 200_000, '楼道照明改造');
    await f.post(`/proposals/${disclosed.id}/objections`, WJJ, { content: `${MARKER}居民电话 13900000000` });
    const objection = (await f.get(`/proposals/${disclosed.id}`, WJJ)).body.objections[0];
    await f.post(`/proposals/${disclosed.id}/objections/${objection.id}/resolve`, WJJ, {
      upheld: false,
      resolution: `${MARKER}内部答复`,
    });
    f.travel(6);
    const payout = await f.post(`/proposals/${disclosed.id}/payouts`, WJJ, {
      amountFen: 50_000,
      memo: `${MARKER}发票待补`,
    });
    expect(payout.status).toBe(201);
    // what no route writes with a marker, planted in the database: minutes, a report's note, a partner's phone
    await sql`update proposals set minutes = ${MARKER}, minutes_file_name = ${`${MARKER}.pdf`}
              where proposal_id = ${disclosed.id}`.execute(t.handle.db);
    await sql`update monthly_reports set notes = ${MARKER} where community_id = ${DEMO_IDS.wangjiangjie}`.execute(
      t.handle.db,
    );
    await sql`update partners set contact_phone = ${MARKER}, contact_name = ${MARKER}
              where district_id = ${DEMO_IDS.dongqu}`.execute(t.handle.db);

    const res = await board();
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    // the board is not empty: the disclosed proposal and its payout are there
    const proposal = body.proposals.find((p: { id: string }) => p.id === disclosed.id);
    expect(proposal).toMatchObject({
      title: '楼道照明改造',
      useCategory: 'elderly_care',
      amountFen: 200_000,
      paidFen: 50_000,
      votesFor: 30,
      objectionsCount: 1,
      payouts: [{ amountFen: 50_000, paidOn: addDays(f.today() as LocalDate, 6) }],
      closeResult: null,
    });
    expect(body.funds.find((x: { id: string }) => x.id === open.id)).toMatchObject({ inflowFen: 400_000 });

    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(hidden.id);
    expect(text).not.toContain('13900000000');
    expect(text).not.toContain('@'); // no email, and no field a user wrote in it
    const wjj = await t.handle.db
      .selectFrom('users')
      .select(['user_id', 'display_name'])
      .where('email', '=', WJJ)
      .executeTakeFirstOrThrow();
    expect(text).not.toContain(wjj.user_id);
    expect(text).not.toContain(wjj.display_name);
  });

  it('a community given with another district is not found (404), as is an unknown one', async () => {
    expect((await board('', DEMO_IDS.xiquCommunity, DEMO_IDS.dongqu)).status).toBe(404);
    expect((await board('', DEMO_IDS.wangjiangjie, DEMO_IDS.xiqu)).status).toBe(404);
    const other = await board('', DEMO_IDS.xiquCommunity, DEMO_IDS.xiqu);
    expect(other.status).toBe(200);
    expect((await other.json()).community.name).toBe('格里坪社区');
  });
});

describe('the disclosure period (起止日期)', () => {
  it('defaults to the last 12 months up to the data date', async () => {
    const body = await (await board()).json();
    const today = f.today() as LocalDate;
    expect(body.dataDate).toBe(today);
    expect(body.period).toEqual({ from: `${addMonths(monthOfDate(today), -11)}-01`, to: today });
  });

  it('takes months or days; inflows, outflows, entries and proposals follow it', async () => {
    const fund = await f.createFund(WJJ, { kind: 'other', name: '起止日期测试基金' });
    await f.donate(WJJ, fund.id, 30_000);
    const p = await f.disclosedProposal(WJJ, fund.id, 10_000, '起止日期测试项目');
    const today = f.today() as LocalDate;
    const fundOf = (body: { funds: { id: string }[] }) => body.funds.find((x) => x.id === fund.id);

    const past = await (await board('&from=2020-01&to=2020-12')).json();
    expect(past.period).toEqual({ from: '2020-01-01', to: '2020-12-31' });
    expect(fundOf(past)).toMatchObject({
      openingFen: 0,
      inflowFen: 0,
      outflowFen: 0,
      closingFen: 0,
      entries: [],
    });
    expect(past.proposals.map((x: { id: string }) => x.id)).not.toContain(p.id);

    const day = await (await board(`&from=${today}&to=${today}`)).json();
    expect(fundOf(day)).toMatchObject({
      openingFen: 0,
      inflowFen: 30_000,
      closingFen: 30_000,
      balanceFen: 30_000,
    });
    expect(day.proposals.map((x: { id: string }) => x.id)).toContain(p.id);

    const after = await (await board(`&from=${addDays(today, 1)}&to=${addDays(today, 40)}`)).json();
    // money booked before the period is its opening balance; the proposal is still under way, so it stays
    expect(fundOf(after)).toMatchObject({ openingFen: 30_000, inflowFen: 0, closingFen: 30_000 });
    expect(after.proposals.map((x: { id: string }) => x.id)).toContain(p.id);
  });

  it('each fund says its share of the income under the rule in force at the period’s end', async () => {
    const kinds = ['governance_special', 'reserve', 'charity_common_prosperity'] as const;
    const ids = await Promise.all(
      kinds.map((kind) => f.createFund(WJJ, { kind, name: `分配比例测试 ${kind}` })),
    );
    const shares = async (query = '') => {
      const body = (await (await board(query)).json()) as {
        funds: { id: string; profitShareBp: number | null }[];
      };
      return ids.map((fund) => body.funds.find((x) => x.id === fund.id)?.profitShareBp);
    };
    // no rule yet: approvals post everything to the reserve (the default split), and the board says so
    expect(await shares()).toEqual([0, 10_000, null]);
    const thisMonth = monthOfDate(f.today() as LocalDate);
    const rule = await f.post('/distribution-rules', 'admin@dongqu.demo', {
      communityId: DEMO_IDS.wangjiangjie,
      effectiveFrom: thisMonth,
      governanceFundBp: 4000,
      reserveBp: 3000,
      otherBp: 3000,
    });
    expect(rule.status).toBe(201);
    // "盈利的 40% 计入社区治理专项资金"; a charity fund is fed by donations, not by the rule
    expect(await shares()).toEqual([4000, 3000, null]);
    // a board of a period that ended before the rule keeps the split of its time
    const lastMonth = addMonths(thisMonth, -1);
    expect(await shares(`&from=${lastMonth}&to=${lastMonth}`)).toEqual([0, 10_000, null]);
  });

  it('a bound that is no month or day, or a reversed period, is a 400 naming the field', async () => {
    const fields = async (q: string) => Object.keys((await (await board(q)).json()).error.fields);
    expect((await board('&from=2026-13')).status).toBe(400);
    expect(await fields('&from=2026-13')).toEqual(['from']);
    expect(await fields('&to=2026-02-30')).toEqual(['to']);
    expect(await fields('&from=yesterday')).toEqual(['from']);
    expect(await fields('&from=2026-06&to=2026-05')).toEqual(['to']);
    expect((await board('&from=2026-06&to=2026-06')).status).toBe(200);
  });
});

describe('caching: Cache-Control and an ETag', () => {
  it('answers 304 to a matching If-None-Match, and a new ETag once the data change', async () => {
    const first = await board();
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await t.request(
      `/api/public/communities/${DEMO_IDS.wangjiangjie}/disclosure?district=${DEMO_IDS.dongqu}`,
      { headers: { 'If-None-Match': tag ?? '' } },
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');

    const fund = await f.createFund(WJJ, { kind: 'other', name: 'ETag 测试基金' });
    const changed = await t.request(
      `/api/public/communities/${DEMO_IDS.wangjiangjie}/disclosure?district=${DEMO_IDS.dongqu}`,
      { headers: { 'If-None-Match': tag ?? '' } },
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    expect(await changed.text()).toContain(fund.id);
  });
});

describe('the responsible organisation and feedback channel, per community', () => {
  it('the community admin sets them; the board and the community read them back', async () => {
    const res = await patchCommunity(DEMO_IDS.wangjiangjie, WJJ, {
      responsibleOrg: '望江街社区居委会（测试）',
      feedbackChannel: '监督电话 0812-0000999',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      responsibleOrg: '望江街社区居委会（测试）',
      feedbackChannel: '监督电话 0812-0000999',
    });
    const body = await (await board()).json();
    expect(body.community).toMatchObject({
      responsibleOrg: '望江街社区居委会（测试）',
      feedbackChannel: '监督电话 0812-0000999',
    });
    // another community's board does not carry them
    expect(await (await board('', DEMO_IDS.jinhui)).text()).not.toContain('0812-0000999');
    const cleared = await patchCommunity(DEMO_IDS.wangjiangjie, WJJ, { feedbackChannel: null });
    expect(cleared.body.feedbackChannel).toBeNull();
    expect((await (await board()).json()).community.feedbackChannel).toBeNull();
  });

  it('another community or district changes nothing (404); the district admin may set them', async () => {
    const before = await communityVersion(DEMO_IDS.jinhui);
    for (const as of [WJJ, 'admin@xiqu.demo', 'geliping@xiqu.demo']) {
      const res = await patchCommunity(DEMO_IDS.jinhui, as, { feedbackChannel: '外来修改' });
      expect(res.status, as).toBe(404);
    }
    expect(await communityVersion(DEMO_IDS.jinhui)).toBe(before);
    expect(await (await board('', DEMO_IDS.jinhui)).text()).not.toContain('外来修改');
    const byDistrict = await patchCommunity(DEMO_IDS.jinhui, 'admin@dongqu.demo', {
      responsibleOrg: '金汇社区居民委员会',
    });
    expect(byDistrict.status).toBe(200);
  });

  it('an empty or over-long value is a 400 naming the field', async () => {
    const empty = await patchCommunity(DEMO_IDS.dukou, 'dukou@dongqu.demo', { responsibleOrg: '  ' });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.error.fields)).toEqual(['responsibleOrg']);
    const long = await patchCommunity(DEMO_IDS.dukou, 'dukou@dongqu.demo', {
      feedbackChannel: '电'.repeat(201),
    });
    expect(long.status).toBe(400);
    expect(Object.keys(long.body.error.fields)).toEqual(['feedbackChannel']);
  });
});
