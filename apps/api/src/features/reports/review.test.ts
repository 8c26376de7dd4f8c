import { DEMO_IDS } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ADMIN, fundsOf, monthsAgo, REPORTER, reportApi, VENTURES } from './test-helpers';

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

const WANG = 'wangjiangjie@dongqu.demo';
const VIEWER = 'viewer@dongqu.demo';
const XIQU = 'admin@xiqu.demo';
const DUKOU = 'dukou@dongqu.demo';

const usual = { revenueFen: 1_000_000, operatingCostFen: 600_000, stableJobs: 4, residentsServed: 300 };
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const get = (path: string, as: string, headers: Record<string, string> = {}) =>
  t.request(path, { as, headers });

/** An approved report of the reading room for `month`. */
async function approved(month: string, figures: Record<string, unknown> = usual) {
  const r = await api.created(WANG, { ventureId: VENTURES.readingRoom, month, ...figures });
  await api.ok(WANG, r.id, 'submit');
  return api.ok(ADMIN, r.id, 'approve');
}

describe('plausibility on submit', () => {
  const month = monthsAgo(2);
  let id: string;

  beforeAll(async () => {
    // eight approved months of the reading room, ¥10,000 a month
    for (let n = 10; n >= 3; n--) await approved(monthsAgo(n));
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
      ...usual,
      revenueFen: 10_000_000,
      operatingCostFen: 6_000_000,
    });
    id = r.id;
    const zh = await json(await api.act(WANG, id, 'submit'));
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('report_explanation_required');
    expect(zh.body.error.message).toContain('2 项');
    expect(zh.body.error.fields).toEqual({
      revenueFen: '超出本项目近 12 个月的常见范围，请填写情况说明',
      operatingCostFen: '超出本项目近 12 个月的常见范围，请填写情况说明',
    });
    const en = await json(await api.act(WANG, id, 'submit', undefined, { 'Accept-Language': 'en' }));
    expect(en.body.error.fields.revenueFen).toBe(
      'Outside this venture’s usual range of the last 12 months; please explain',
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
    expect(preview.distributableProfitFen).toBe(600_003);
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

  it('is out of reach for another community and another district (404)', async () => {
    const r = await api.created(REPORTER, {
      ventureId: VENTURES.tidalMarket,
      month: monthsAgo(20),
      revenueFen: 900_000,
      operatingCostFen: 500_000,
    });
    await api.ok(REPORTER, r.id, 'submit');
    expect((await get(`/api/v1/reports/${r.id}/approval-preview`, ADMIN)).status).toBe(200);
    for (const who of [WANG, DUKOU, XIQU]) {
      expect((await get(`/api/v1/reports/${r.id}/approval-preview`, who)).status).toBe(404);
    }
    for (const who of [WANG, XIQU]) {
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
    const other = (await json(await get('/api/v1/reports?pageSize=500', XIQU))).body;
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
      as: XIQU,
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
    const open = await api.create(WANG, { ventureId: VENTURES.readingRoom, month, ...usual });
    expect(open.status).toBe(201);

    const status = (
      await json(await get(`/api/v1/reports/status?month=${month}&communityId=${DEMO_IDS.dukou}`, ADMIN))
    ).body;
    for (const row of status.items) expect(row.locked).toBe(true);
  });

  it('a district-wide lock closes every community; each scope sees the locks that concern it', async () => {
    const month2 = monthsAgo(26);
    const draft = await api.created(WANG, { ventureId: VENTURES.readingRoom, month: month2, ...usual });
    const res = await t.request('/api/v1/reports/locks', {
      method: 'POST',
      as: ADMIN,
      body: JSON.stringify({ month: month2 }),
    });
    expect(res.status).toBe(201);
    const edit = await json(await api.patch(WANG, draft.id, { version: draft.version, stableJobs: 5 }));
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toContain(`${month2} 已锁定`);
    expect((await api.act(WANG, draft.id, 'submit')).status).toBe(409);

    const wang = (await json(await get('/api/v1/reports/locks', WANG))).body.items;
    expect(wang.map((l: { month: string; communityId: string | null }) => [l.month, l.communityId])).toEqual([
      [month2, null],
    ]);
    const dukou = (await json(await get('/api/v1/reports/locks', DUKOU))).body.items;
    expect(dukou).toHaveLength(2);
    expect((await json(await get('/api/v1/reports/locks', XIQU))).body.items).toEqual([]);
  });
});
