import { DEMO_IDS, deterministicId, withTenantTransaction } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  ADMIN,
  fundsOf,
  monthsAgo,
  REPORTER,
  reportApi,
  SOE,
  USUAL_FIGURES,
  VENTURES,
  WANG,
  XIQU_ADMIN,
} from './test-helpers';

/** A month as the API's messages write it: 2026年10月, Oct 2026. */
const monthText = (month: string, lang: 'zh-CN' | 'en') => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const en = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return lang === 'zh-CN' ? `${year}年${number}月` : `${en[number - 1]} ${year}`;
};

/**
 * The browser's reporting cycle on the API: plausibility flags the API finds again on submit, explanations, the
 * figures a reviewer names on return, the venture's history, the approval's preview, the paged queue and period locks.
 */
let t: TestApp;
let api: ReturnType<typeof reportApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = reportApi(t);
});
afterAll(async () => t?.close());

const VIEWER = 'viewer@dongqu.demo';
const DUKOU = 'dukou@dongqu.demo';

const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const get = (path: string, as: string, headers: Record<string, string> = {}) =>
  t.request(path, { as, headers });

describe('plausibility on submit', () => {
  const month = monthsAgo(2);
  let id: string;

  beforeAll(async () => {
    // eight approved months of the reading room, ¥10,000 a month
    for (let n = 10; n >= 3; n--) await api.approved(WANG, ADMIN, VENTURES.readingRoom, monthsAgo(n));
  });

  it('serves the venture’s approved figures of the 12 months before a month, oldest first', async () => {
    const { status, body } = await json(
      await get(`/api/v1/reports/history?ventureId=${VENTURES.readingRoom}&month=${month}`, WANG),
    );
    expect(status).toBe(200);
    expect(body.months).toHaveLength(12);
    expect(body.months[0].month).toBe(monthsAgo(14));
    expect(body.months.at(-1).month).toBe(monthsAgo(3));
    const known = body.months.filter((m: { figures: unknown }) => m.figures !== null);
    expect(known).toHaveLength(8);
    expect(known[0].figures).toMatchObject({ revenueFen: 1_000_000, stableJobs: 4 });
  });

  it('refuses a figure far outside the usual range without an explanation, naming the field (zh-CN and en)', async () => {
    const r = await api.created(WANG, {
      ventureId: VENTURES.readingRoom,
      month,
      ...USUAL_FIGURES,
      revenueFen: 10_000_000,
      operatingCostFen: 6_000_000,
    });
    id = r.id;
    const zh = await json(await api.act(WANG, id, 'submit'));
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('report_explanation_required');
    expect(zh.body.error.message).toContain('2 项');
    expect(zh.body.error.fields).toEqual({
      // the domain's wording of the flag, with the range the figure left (as the form says it)
      revenueFen: '高于该项目近 12 个月的常见范围（8,500.00 元 – 11,500.00 元），请填写情况说明',
      operatingCostFen: '高于该项目近 12 个月的常见范围（5,100.00 元 – 6,900.00 元），请填写情况说明',
    });
    const en = await json(await api.act(WANG, id, 'submit', undefined, { 'Accept-Language': 'en' }));
    expect(en.body.error.fields.revenueFen).toBe(
      'Above this venture’s usual range of the last 12 months (8,500.00 yuan – 11,500.00 yuan); please explain',
    );
    // nothing changed: still a draft without flags
    const after = (await json(await api.get(WANG, id))).body;
    expect(after).toMatchObject({ status: 'draft', flags: [], version: 1 });
  });

  it('a blank explanation does not count; with both explained it goes through and keeps its flags', async () => {
    const blank = await api.patch(WANG, id, {
      version: 1,
      explanations: { revenueFen: '暑期读书会', operatingCostFen: ' ' },
    });
    expect(blank.status).toBe(400); // the contract refuses a blank explanation, naming it
    expect((await blank.json()).error.fields).toHaveProperty(['explanations.operatingCostFen']);
    const half = await json(
      await api.patch(WANG, id, { version: 1, explanations: { revenueFen: '暑期读书会' } }),
    );
    expect(half.status).toBe(200);
    const refused = await json(await api.act(WANG, id, 'submit'));
    expect(Object.keys(refused.body.error.fields)).toEqual(['operatingCostFen']);

    const explanations = { revenueFen: '暑期读书会门票收入', operatingCostFen: '读书会场地与讲师费用' };
    await api.patch(WANG, id, { version: half.body.version, explanations });
    const submitted = await api.ok(WANG, id, 'submit');
    expect(submitted.status).toBe('submitted');
    expect(submitted.explanations).toEqual(explanations);
    expect(submitted.flags.map((f: { field: string; rule: string }) => [f.field, f.rule])).toEqual([
      ['revenueFen', 'outlier'],
      ['operatingCostFen', 'outlier'],
    ]);
    const revenue = submitted.flags[0];
    expect(revenue.reference).toBe(1_000_000);
    expect(revenue.expectedHigh).toBeLessThan(10_000_000);
  });

  it('the queue filters by flags', async () => {
    const flagged = (await json(await get(`/api/v1/reports?flagged=true&current=true`, ADMIN))).body;
    expect(flagged.items.map((r: { id: string }) => r.id)).toEqual([id]);
    const clean = (await json(await get(`/api/v1/reports?flagged=false&status=submitted`, ADMIN))).body;
    expect(clean.items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('a return names figures; the reporter sees them; a resubmission clears them', async () => {
    const bad = await json(await api.act(ADMIN, id, 'return', { comment: '请核对', fields: ['nope'] }));
    expect(bad.status).toBe(400);
    const returned = await api.ok(ADMIN, id, 'return', {
      comment: '收入与成本请附读书会票据',
      fields: ['revenueFen', 'operatingCostFen', 'revenueFen'],
    });
    expect(returned).toMatchObject({
      status: 'returned',
      returnedFields: ['revenueFen', 'operatingCostFen'],
    });
    const seen = (await json(await api.get(WANG, id))).body;
    expect(seen.returnedFields).toEqual(['revenueFen', 'operatingCostFen']);
    const again = await api.ok(WANG, id, 'submit');
    expect(again).toMatchObject({ status: 'submitted', returnedFields: [] });
  });
});

describe('the approval preview', () => {
  it('shows exactly what approval then posts: Wangjiangjie’s 40 % to its governance fund, to the fen', async () => {
    const rule = await t.request('/api/v1/distribution-rules', {
      method: 'POST',
      as: ADMIN,
      body: JSON.stringify({
        communityId: DEMO_IDS.wangjiangjie,
        effectiveFrom: monthsAgo(40),
        governanceFundBp: 4000,
        reserveBp: 5000,
        otherBp: 1000,
      }),
    });
    expect(rule.status).toBe(201);
    const r = await api.created(WANG, {
      ventureId: VENTURES.serviceStation,
      month: monthsAgo(20),
      revenueFen: 1_000_003,
      operatingCostFen: 400_000,
    });
    // a draft has nothing to preview
    expect((await api.get(ADMIN, r.id)).status).toBe(200);
    expect((await t.request(`/api/v1/reports/${r.id}/approval-preview`, { as: ADMIN })).status).toBe(409);
    await api.ok(WANG, r.id, 'submit');
    const before = await fundsOf(t, DEMO_IDS.wangjiangjie);
    const preview = (await json(await get(`/api/v1/reports/${r.id}/approval-preview`, ADMIN))).body;
    // the parts the reviewer reads: the service station is the community's own, and remitted nothing
    expect(preview).toMatchObject({
      profitFen: 600_003,
      communityProfitShareFen: 600_003,
      communityShareBp: 10_000,
      remittanceReceivedFen: 0,
      distributableProfitFen: 600_003,
    });
    // largest remainder: 240,001.2 / 300,001.5 / 60,000.3 → the odd fen to the reserve
    expect(preview.postings).toEqual([
      expect.objectContaining({ fundKind: 'governance_special', direction: 1, amountFen: 240_001 }),
      expect.objectContaining({ fundKind: 'reserve', direction: 1, amountFen: 300_002 }),
      expect.objectContaining({ fundKind: 'other', direction: 1, amountFen: 60_000 }),
    ]);
    // the preview wrote nothing
    expect(await fundsOf(t, DEMO_IDS.wangjiangjie)).toEqual(before);

    const done = await api.ok(ADMIN, r.id, 'approve');
    const posted = done.postings.map((p: { fundKind: string; amountFen: number; fundId: string }) => ({
      fundKind: p.fundKind,
      amountFen: p.amountFen,
    }));
    expect(posted).toEqual(
      preview.postings.map((p: { fundKind: string; amountFen: number }) => ({
        fundKind: p.fundKind,
        amountFen: p.amountFen,
      })),
    );
    const governance = preview.postings[0];
    if (governance.fundId) expect(done.postings[0].fundId).toBe(governance.fundId);
  });

  it('in a loss month splits only the remittance: the loss lowers the community’s share, not its funds', async () => {
    const r = await api.created(WANG, {
      ventureId: VENTURES.serviceStation,
      month: monthsAgo(21),
      revenueFen: 300_000,
      operatingCostFen: 500_000,
      remittanceDueFen: 120_000,
      remittanceReceivedFen: 120_000,
    });
    await api.ok(WANG, r.id, 'submit');
    const preview = (await json(await get(`/api/v1/reports/${r.id}/approval-preview`, ADMIN))).body;
    expect(preview).toMatchObject({
      profitFen: -200_000,
      communityProfitShareFen: -200_000,
      remittanceReceivedFen: 120_000,
      distributableProfitFen: 120_000,
    });
    const total = preview.postings.reduce((sum: number, p: { amountFen: number }) => sum + p.amountFen, 0);
    expect(total).toBe(120_000);
  });

  it('is out of reach for another community and another district (404)', async () => {
    const r = await api.created(REPORTER, {
      ventureId: VENTURES.tidalMarket,
      month: monthsAgo(20),
      revenueFen: 900_000,
      operatingCostFen: 500_000,
    });
    await api.ok(REPORTER, r.id, 'submit');
    expect((await get(`/api/v1/reports/${r.id}/approval-preview`, ADMIN)).status).toBe(200);
    for (const who of [WANG, DUKOU, XIQU_ADMIN]) {
      expect((await get(`/api/v1/reports/${r.id}/approval-preview`, who)).status).toBe(404);
    }
    for (const who of [WANG, XIQU_ADMIN]) {
      const res = await get(
        `/api/v1/reports/history?ventureId=${VENTURES.tidalMarket}&month=${monthsAgo(1)}`,
        who,
      );
      expect(res.status).toBe(404);
    }
  });
});

describe('the queue: pages, sort and filters', () => {
  it('pages never overlap and the total counts every match', async () => {
    const all = (await json(await get('/api/v1/reports?pageSize=500', ADMIN))).body;
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(4);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 3); page++) {
      const body = (
        await json(await get(`/api/v1/reports?pageSize=3&page=${page}&sort=communityName`, ADMIN))
      ).body;
      expect(body).toMatchObject({ total: all.total, page, pageSize: 3 });
      seen.push(...body.items.map((r: { id: string }) => r.id));
    }
    expect(new Set(seen).size).toBe(all.total);
    const names = (
      await json(await get('/api/v1/reports?pageSize=500&sort=-communityName', ADMIN))
    ).body.items.map((r: { communityName: string }) => r.communityName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('filters by street office and names the community on every row', async () => {
    const offices = (await json(await get('/api/v1/street-offices', ADMIN))).body.items as { id: string }[];
    for (const office of offices) {
      const body = (await json(await get(`/api/v1/reports?streetOfficeId=${office.id}&pageSize=500`, ADMIN)))
        .body;
      for (const r of body.items) expect(r.streetOfficeId).toBe(office.id);
    }
    const mine = (await json(await get('/api/v1/reports?pageSize=500', WANG))).body;
    expect(mine.items.length).toBeGreaterThan(0);
    for (const r of mine.items) expect(r).toMatchObject({ communityName: '望江街社区' });
    const other = (await json(await get('/api/v1/reports?pageSize=500', XIQU_ADMIN))).body;
    expect(other.items.some((r: { communityId: string }) => r.communityId === DEMO_IDS.wangjiangjie)).toBe(
      false,
    );
  });

  it('the status overview filters missing reports and names communities', async () => {
    const month = monthsAgo(1);
    const body = (await json(await get(`/api/v1/reports/status?month=${month}&status=missing`, ADMIN))).body;
    for (const row of body.items)
      expect(row).toMatchObject({ status: 'missing', expected: true, locked: false });
    const one = (
      await json(await get(`/api/v1/reports/status?month=${month}&communityId=${DEMO_IDS.dukou}`, ADMIN))
    ).body;
    expect(one.items.length).toBeGreaterThan(0);
    for (const row of one.items)
      expect(row).toMatchObject({ communityId: DEMO_IDS.dukou, communityName: '渡口社区' });
  });
});

describe('period locks', () => {
  const month = monthsAgo(25);

  it('only a district admin locks, only a month that has ended', async () => {
    for (const who of [VIEWER, WANG, REPORTER]) {
      const res = await t.request('/api/v1/reports/locks', {
        method: 'POST',
        as: who,
        body: JSON.stringify({ month }),
      });
      expect(res.status).toBe(403);
    }
    const future = await t.request('/api/v1/reports/locks', {
      method: 'POST',
      as: ADMIN,
      body: JSON.stringify({ month: monthsAgo(0) }),
    });
    expect(future.status).toBe(400);
    const foreign = await t.request('/api/v1/reports/locks', {
      method: 'POST',
      as: XIQU_ADMIN,
      body: JSON.stringify({ month, communityId: DEMO_IDS.dukou }),
    });
    expect(foreign.status).toBe(404);
  });

  it('is refused while reports of the month await review; then locks the approved ones, and the month is closed', async () => {
    const submitted = await api.created(DUKOU, {
      ventureId: VENTURES.helpDesk,
      month,
      revenueFen: 200_000,
      operatingCostFen: 150_000,
    });
    await api.ok(DUKOU, submitted.id, 'submit');
    const lock = (body: Record<string, unknown>) =>
      t.request('/api/v1/reports/locks', { method: 'POST', as: ADMIN, body: JSON.stringify(body) });
    const pending = await json(await lock({ month, communityId: DEMO_IDS.dukou }));
    expect(pending.status).toBe(409);
    expect(pending.body.error.message).toContain('1 份报表待审核');

    await api.ok(ADMIN, submitted.id, 'approve');
    const done = await json(await lock({ month, communityId: DEMO_IDS.dukou }));
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ lockedReports: 1, lock: { month, communityId: DEMO_IDS.dukou } });
    expect((await json(await api.get(DUKOU, submitted.id))).body.status).toBe('locked');
    expect((await lock({ month, communityId: DEMO_IDS.dukou })).status).toBe(409);

    // nothing of the month changes any more: a new report, an amendment
    const create = await json(
      await api.create(DUKOU, { ventureId: VENTURES.microPark, month, revenueFen: 1, operatingCostFen: 1 }),
    );
    expect(create.status).toBe(409);
    expect(create.body.error.code).toBe('report_period_locked');
    // another community's month stays open
    const open = await api.create(WANG, { ventureId: VENTURES.readingRoom, month, ...USUAL_FIGURES });
    expect(open.status).toBe(201);

    const status = (
      await json(await get(`/api/v1/reports/status?month=${month}&communityId=${DEMO_IDS.dukou}`, ADMIN))
    ).body;
    for (const row of status.items) expect(row.locked).toBe(true);
  });

  it('a district-wide lock closes every community; each scope sees the locks that concern it', async () => {
    const month2 = monthsAgo(26);
    const draft = await api.created(WANG, {
      ventureId: VENTURES.readingRoom,
      month: month2,
      ...USUAL_FIGURES,
    });
    const res = await t.request('/api/v1/reports/locks', {
      method: 'POST',
      as: ADMIN,
      body: JSON.stringify({ month: month2 }),
    });
    expect(res.status).toBe(201);
    const edit = await json(await api.patch(WANG, draft.id, { version: draft.version, stableJobs: 5 }));
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toContain(`${monthText(month2, 'zh-CN')}已锁定`);
    expect((await api.act(WANG, draft.id, 'submit')).status).toBe(409);

    const wang = (await json(await get('/api/v1/reports/locks', WANG))).body.items;
    expect(wang.map((l: { month: string; communityId: string | null }) => [l.month, l.communityId])).toEqual([
      [month2, null],
    ]);
    const dukou = (await json(await get('/api/v1/reports/locks', DUKOU))).body.items;
    expect(dukou).toHaveLength(2);
    expect((await json(await get('/api/v1/reports/locks', XIQU_ADMIN))).body.items).toEqual([]);
  });
});

describe('period locks: the edges', () => {
  const lock = (as: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.request('/api/v1/reports/locks', { method: 'POST', as, headers, body: JSON.stringify(body) });

  it('the partner operator and the platform may not lock (403); an unknown community is 404', async () => {
    const month = monthsAgo(27);
    expect((await lock(SOE, { month })).status).toBe(403);
    expect((await lock('platform@gongfu.demo', { month })).status).toBe(403);
    expect((await lock(ADMIN, { month, communityId: crypto.randomUUID() })).status).toBe(404);
    expect((await lock(ADMIN, { month, communityId: 'nope' })).status).toBe(400);
    expect((await lock(ADMIN, { month: '2026-13' })).status).toBe(400);
    expect((await lock(ADMIN, { month, extra: 1 })).status).toBe(400);
  });

  it('a district-wide lock counts the reports awaiting review in every community (message in en too)', async () => {
    const month = monthsAgo(28);
    const dukou = await api.created(DUKOU, { ventureId: VENTURES.helpDesk, month, ...USUAL_FIGURES });
    await api.ok(DUKOU, dukou.id, 'submit');
    const wang = await api.created(WANG, { ventureId: VENTURES.serviceStation, month, ...USUAL_FIGURES });
    await api.ok(WANG, wang.id, 'submit');
    const refused = await json(await lock(ADMIN, { month }, { 'Accept-Language': 'en' }));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'report_lock_reviews_pending',
      message: `${monthText(month, 'en')} still has 2 report(s) awaiting review; review them before locking`,
    });
    // one community's lock counts only its own
    const one = await json(await lock(ADMIN, { month, communityId: DEMO_IDS.dukou }));
    expect(one.body.error.message).toContain('1 份报表待审核');

    // a returned report does not await review: it may be locked as it stands
    await api.ok(ADMIN, dukou.id, 'return', { comment: '请补充台账', fields: ['revenueFen'] });
    await api.ok(ADMIN, wang.id, 'approve');
    const community = await json(await lock(ADMIN, { month, communityId: DEMO_IDS.dukou }));
    expect(community.status).toBe(201);
    expect(community.body.lockedReports).toBe(0);
    // the district-wide lock after a community's: it locks what is left
    const all = await json(await lock(ADMIN, { month }));
    expect(all.status).toBe(201);
    expect(all.body).toMatchObject({ lockedReports: 1, lock: { communityId: null, month } });
    expect((await lock(ADMIN, { month })).status).toBe(409);
    expect((await lock(ADMIN, { month, communityId: DEMO_IDS.wangjiangjie })).status).toBe(409);

    // the returned report cannot be resubmitted or edited; the locked one cannot be amended
    const resubmit = await json(await api.act(DUKOU, dukou.id, 'submit'));
    expect(resubmit).toMatchObject({ status: 409, body: { error: { code: 'report_period_locked' } } });
    const current = (await json(await api.get(DUKOU, dukou.id))).body;
    expect(current).toMatchObject({ status: 'returned', returnedFields: ['revenueFen'] });
    const edit = await json(await api.patch(DUKOU, dukou.id, { version: current.version, revenueFen: 1 }));
    expect(edit).toMatchObject({ status: 409, body: { error: { code: 'report_period_locked' } } });
    const amend = await json(await api.act(WANG, wang.id, 'amend', { comment: '收入更正' }));
    expect(amend.status).toBe(409);
    const en = await json(
      await api.create(
        WANG,
        { ventureId: VENTURES.readingRoom, month, ...USUAL_FIGURES },
        { 'Accept-Language': 'en' },
      ),
    );
    expect(en.body.error.message).toBe(
      `${monthText(month, 'en')} is locked: its reports can no longer be created, edited, submitted or amended`,
    );

    // each scope lists the locks that concern it; the month filter
    const soe = (await json(await get(`/api/v1/reports/locks?month=${month}`, SOE))).body.items;
    expect(soe.map((l: { communityId: string | null }) => l.communityId)).toEqual([null]);
    const admin = (await json(await get(`/api/v1/reports/locks?month=${month}`, ADMIN))).body.items;
    expect(admin).toHaveLength(2);
    expect((await json(await get(`/api/v1/reports/locks?month=${monthsAgo(29)}`, ADMIN))).body.items).toEqual(
      [],
    );
    expect((await get('/api/v1/reports/locks?month=2026-1', ADMIN)).status).toBe(400);
  });

  it('a lock and a submission racing each other: never both (the month is held while either decides)', async () => {
    for (let n = 30; n < 36; n++) {
      const month = monthsAgo(n);
      const draft = await api.created(DUKOU, { ventureId: VENTURES.microPark, month, ...USUAL_FIGURES });
      const [locked, submitted] = await Promise.all([
        lock(ADMIN, { month, communityId: DEMO_IDS.dukou }),
        api.act(DUKOU, draft.id, 'submit'),
      ]);
      const outcome = [locked.status, submitted.status].sort().join('/');
      expect(['200/409', '201/409']).toContain(outcome);
      const after = (await json(await api.get(ADMIN, draft.id))).body;
      if (locked.status === 201) expect(after.status).toBe('draft');
      else expect(after.status).toBe('submitted');
    }
  });
});

describe('explanations', () => {
  it('are stored on create, replaced as a set on edit, and copied into an amendment', async () => {
    const month = monthsAgo(36);
    const r = await api.created(WANG, {
      ventureId: VENTURES.serviceStation,
      month,
      revenueFen: 500_000,
      operatingCostFen: 0,
      explanations: { operatingCostFen: '场地与人员由社区提供', revenueFen: '含一次性活动收入' },
    });
    expect(r.explanations).toEqual({
      operatingCostFen: '场地与人员由社区提供',
      revenueFen: '含一次性活动收入',
    });
    // an edit without explanations keeps them; with them replaces the whole set
    const kept = await json(await api.patch(WANG, r.id, { version: r.version, temporaryJobs: 2 }));
    expect(Object.keys(kept.body.explanations)).toHaveLength(2);
    const replaced = await json(
      await api.patch(WANG, r.id, {
        version: kept.body.version,
        explanations: { operatingCostFen: '场地与人员由社区无偿提供' },
      }),
    );
    expect(replaced.body.explanations).toEqual({ operatingCostFen: '场地与人员由社区无偿提供' });
    const unknown = await api.patch(WANG, r.id, {
      version: replaced.body.version,
      explanations: { profitFen: '?' },
    });
    expect(unknown.status).toBe(400);

    const submitted = await api.ok(WANG, r.id, 'submit');
    expect(submitted.flags).toEqual([
      {
        field: 'operatingCostFen',
        rule: 'cost_missing',
        value: 0,
        expectedLow: null,
        expectedHigh: null,
        reference: 500_000,
      },
    ]);
    await api.ok(ADMIN, r.id, 'approve');
    const amendment = (await json(await api.act(WANG, r.id, 'amend', { comment: '成本补录' }))).body;
    expect(amendment).toMatchObject({
      revision: 2,
      status: 'draft',
      explanations: { operatingCostFen: '场地与人员由社区无偿提供' },
      flags: [],
    });
  });

  it('remittance above what was due is flagged and needs its explanation too', async () => {
    const r = await api.created(REPORTER, {
      ventureId: VENTURES.tidalMarket,
      month: monthsAgo(37),
      revenueFen: 5_800_000,
      operatingCostFen: 3_000_000,
      remittanceDueFen: 2_000_000,
      remittanceReceivedFen: 2_500_000,
    });
    const refused = await json(
      await api.act(REPORTER, r.id, 'submit', undefined, { 'Accept-Language': 'en' }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'report_explanation_required',
      fields: { remittanceReceivedFen: 'More received than due (20,000.00 yuan); please explain' },
    });
    expect(refused.body.error.message).toBe('1 figure(s) look unusual; explain each one before submitting');
  });
});

describe('history, amendments and the partner operator', () => {
  it('an approved amendment replaces the revision it corrects in the history; drafts are not history', async () => {
    const month = monthsAgo(38);
    const first = await api.created(WANG, {
      ventureId: VENTURES.serviceStation,
      month,
      revenueFen: 300_000,
      operatingCostFen: 200_000,
    });
    await api.ok(WANG, first.id, 'submit');
    await api.ok(ADMIN, first.id, 'approve');
    const url = `/api/v1/reports/history?ventureId=${VENTURES.serviceStation}&month=${monthsAgo(37)}`;
    const before = (await json(await get(url, WANG))).body.months.at(-1);
    expect(before).toMatchObject({ month, reportId: first.id, status: 'approved' });
    expect(before.figures.revenueFen).toBe(300_000);

    const second = (await json(await api.act(WANG, first.id, 'amend', { comment: '收入漏记' }))).body;
    await api.patch(WANG, second.id, { version: second.version, revenueFen: 350_000 });
    // a draft amendment is not yet the month's figures
    expect((await json(await get(url, WANG))).body.months.at(-1).figures.revenueFen).toBe(300_000);
    await api.ok(WANG, second.id, 'submit');
    await api.ok(ADMIN, second.id, 'approve');
    const after = (await json(await get(url, ADMIN))).body.months.at(-1);
    expect(after).toMatchObject({ reportId: second.id, status: 'approved' });
    expect(after.figures.revenueFen).toBe(350_000);
    // a month without an approved report is null
    expect((await json(await get(url, WANG))).body.months[0]).toMatchObject({
      reportId: null,
      status: null,
      figures: null,
    });
    // the approval preview of an approved report: 409, nothing to preview
    expect((await get(`/api/v1/reports/${second.id}/approval-preview`, ADMIN)).status).toBe(409);
    expect((await get(`/api/v1/reports/${crypto.randomUUID()}/approval-preview`, ADMIN)).status).toBe(404);
    expect((await get('/api/v1/reports/history?month=2026-01', ADMIN)).status).toBe(400);
  });

  it('the partner operator reports only on ventures it operates, even in a community where it operates one', async () => {
    // a second venture in Jinhui, run by the community itself
    const own = await withTenantTransaction(
      t.handle.db,
      { kind: 'district', districtId: DEMO_IDS.dongqu, userId: deterministicId('user:admin@dongqu.demo') },
      (trx) =>
        trx
          .insertInto('ventures')
          .values({
            district_id: DEMO_IDS.dongqu,
            community_id: DEMO_IDS.jinhui,
            name: '金汇便民维修点',
            category: 'service_station',
            operator_partner_id: null,
            company_id: null,
            premises_asset_id: null,
            started_on: null,
            promised_response_minutes: null,
          })
          .returning('venture_id')
          .executeTakeFirstOrThrow(),
    );
    const month = monthsAgo(39);
    expect((await api.create(SOE, { ventureId: own.venture_id, month })).status).toBe(404);
    const r = await api.created(REPORTER, { ventureId: own.venture_id, month, ...USUAL_FIGURES });
    expect((await api.get(SOE, r.id)).status).toBe(404);
    expect((await api.patch(SOE, r.id, { version: r.version, revenueFen: 1 })).status).toBe(404);
    expect((await api.act(SOE, r.id, 'submit')).status).toBe(404);
    expect(
      (await get(`/api/v1/reports/history?ventureId=${own.venture_id}&month=${month}`, SOE)).status,
    ).toBe(404);
    const list = (await json(await get(`/api/v1/reports?ventureId=${own.venture_id}`, SOE))).body;
    expect(list).toMatchObject({ items: [], total: 0 });
    // and the SOE's own venture is its to report on
    expect(
      (await get(`/api/v1/reports/history?ventureId=${VENTURES.tidalMarket}&month=${month}`, SOE)).status,
    ).toBe(200);
    const status = (await json(await get(`/api/v1/reports/status?month=${month}`, SOE))).body.items;
    expect(status.map((row: { ventureId: string }) => row.ventureId)).toEqual([VENTURES.tidalMarket]);
    // the reporter of Jinhui, as before, not a venture of another community
    expect((await api.get(REPORTER, r.id)).status).toBe(200);
  });
});

describe('the queue: months, defaults and the status overview', () => {
  it('filters a span of months; defaults to page 1 of 50; a page past the end is empty with the same total', async () => {
    const from = monthsAgo(14);
    const to = monthsAgo(3);
    const span = (
      await json(await get(`/api/v1/reports?monthFrom=${from}&monthTo=${to}&pageSize=500`, ADMIN))
    ).body;
    expect(span.items.length).toBeGreaterThan(0);
    for (const r of span.items) {
      expect(r.month >= from && r.month <= to).toBe(true);
    }
    const first = (await json(await get('/api/v1/reports', ADMIN))).body;
    expect(first).toMatchObject({ page: 1, pageSize: 50 });
    const past = (await json(await get('/api/v1/reports?page=999', ADMIN))).body;
    expect(past).toMatchObject({ items: [], total: first.total, page: 999 });
    const ascending = (
      await json(await get('/api/v1/reports?sort=month&pageSize=500', ADMIN))
    ).body.items.map((r: { month: string }) => r.month);
    expect(ascending).toEqual([...ascending].sort());
    const bySubmission = (await json(await get('/api/v1/reports?sort=-submittedAt&pageSize=500', ADMIN))).body
      .items;
    const times = bySubmission.map((r: { submittedAt: string | null }) => r.submittedAt);
    const submittedTimes = times.filter((s: string | null) => s !== null);
    expect(times.slice(0, submittedTimes.length)).toEqual(submittedTimes); // never-submitted last
    expect(submittedTimes).toEqual([...submittedTimes].sort().reverse());
    for (const bad of ['page=0', 'pageSize=501', 'sort=amount', 'flagged=yes', 'monthFrom=2026-1']) {
      expect((await get(`/api/v1/reports?${bad}`, ADMIN)).status, bad).toBe(400);
    }
  });

  it('the status overview filters by street office and status and says whether the month is locked', async () => {
    const month = monthsAgo(28); // locked for the whole district above
    const offices = (await json(await get('/api/v1/street-offices', ADMIN))).body.items as { id: string }[];
    let seen = 0;
    for (const office of offices) {
      const rows = (
        await json(await get(`/api/v1/reports/status?month=${month}&streetOfficeId=${office.id}`, ADMIN))
      ).body.items;
      for (const row of rows) expect(row).toMatchObject({ streetOfficeId: office.id, locked: true });
      seen += rows.length;
    }
    expect(seen).toBeGreaterThan(0);
    const returned = (await json(await get(`/api/v1/reports/status?month=${month}&status=returned`, ADMIN)))
      .body;
    expect(returned.items.map((row: { ventureId: string }) => row.ventureId)).toEqual([VENTURES.helpDesk]);
    expect(returned.total).toBe(1);
    const open = (await json(await get(`/api/v1/reports/status?month=${monthsAgo(29)}`, ADMIN))).body.items;
    for (const row of open) expect(row.locked).toBe(false);
  });
});

describe('months a client may send', () => {
  it('a month before 2000 is a 400 naming the month, never a 500', async () => {
    const ventureId = VENTURES.readingRoom;
    for (const month of ['1000-05', '0000-01', '1999-12']) {
      const history = await json(
        await get(`/api/v1/reports/history?ventureId=${ventureId}&month=${month}`, WANG),
      );
      expect(history.status, month).toBe(400);
      expect(history.body.error.fields.month).toBe('月份不能早于 2000 年 1 月');
      expect((await api.create(WANG, { ventureId, month })).status, month).toBe(400);
      expect((await get(`/api/v1/reports/status?month=${month}`, ADMIN)).status, month).toBe(400);
      const lock = await t.request('/api/v1/reports/locks', {
        method: 'POST',
        as: ADMIN,
        body: JSON.stringify({ month }),
      });
      expect(lock.status, month).toBe(400);
    }
    // the queue's month filters only filter: no report, no error
    const list = await json(await get('/api/v1/reports?monthFrom=0000-01&monthTo=1000-05', ADMIN));
    expect(list).toMatchObject({ status: 200, body: { items: [], total: 0 } });
    expect((await get('/api/v1/reports?monthFrom=2026-10&monthTo=2026-01', ADMIN)).status).toBe(200);
    expect((await get('/api/v1/reports/locks?month=0000-01', ADMIN)).status).toBe(200);
  });
});
