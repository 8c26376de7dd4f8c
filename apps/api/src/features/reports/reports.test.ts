import { DEMO_IDS, deterministicId, withTenantTransaction } from '@gongfu/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  ADMIN,
  auditActions,
  currentMonth,
  ledgerCount,
  monthsAgo,
  REPORTER,
  reportApi,
  SOE,
  VENTURES,
} from './test-helpers';

let t: TestApp;
let api: ReturnType<typeof reportApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = reportApi(t);
});
afterAll(async () => t?.close());

const figures = {
  revenueFen: 2_600_000,
  operatingCostFen: 600_000,
  stableJobs: 6,
  temporaryJobs: 12,
  residentsServed: 3100,
  serviceTransactions: 8800,
  eldersServed: 900,
  childrenServed: 300,
  remittanceDueFen: 2_000_000,
  remittanceReceivedFen: 2_000_000,
  serviceRequests: 40,
  requestsWithinPromise: 38,
  notes: '潮汐市场 夜市摊位 96 个',
};

describe('the workflow, role by role', () => {
  it('a reporter drafts, edits and submits; the district returns it; the reporter fixes it; the district approves and locks', async () => {
    const month = monthsAgo(1);
    const draft = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month, ...figures });
    expect(draft).toMatchObject({
      status: 'draft',
      revision: 1,
      communityId: DEMO_IDS.jinhui,
      ventureName: '金汇潮汐市场',
      revenueFen: 2_600_000,
      requestsWithinPromise: 38,
      version: 1,
    });

    const edited = await api.patch(REPORTER, draft.id, { version: 1, stableJobs: 7 });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ stableJobs: 7, revenueFen: 2_600_000, version: 2 });

    const submitted = await api.ok(REPORTER, draft.id, 'submit');
    expect(submitted).toMatchObject({
      status: 'submitted',
      submittedBy: deterministicId(`user:${REPORTER}`),
    });

    const returned = await api.ok(ADMIN, draft.id, 'return', { comment: '营业成本缺少明细' });
    expect(returned).toMatchObject({ status: 'returned', reviewComment: '营业成本缺少明细' });

    // a returned report is editable again, then resubmitted
    const fixed = await api.patch(REPORTER, draft.id, {
      version: returned.version,
      operatingCostFen: 650_000,
    });
    expect(fixed.status).toBe(200);
    await api.ok(REPORTER, draft.id, 'submit');

    const approved = await api.ok(ADMIN, draft.id, 'approve');
    expect(approved).toMatchObject({ status: 'approved', reviewedBy: deterministicId(`user:${ADMIN}`) });
    expect(approved.postings.length).toBeGreaterThan(0);

    const locked = await api.ok(ADMIN, draft.id, 'lock');
    expect(locked.status).toBe('locked');

    const detail = await (await api.get(REPORTER, draft.id)).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'edit',
      'submit',
      'return',
      'edit',
      'submit',
      'approve',
      'lock',
    ]);
    expect(detail.events[3]).toMatchObject({
      fromStatus: 'submitted',
      toStatus: 'returned',
      comment: '营业成本缺少明细',
      actorUserId: deterministicId(`user:${ADMIN}`),
    });
    // what the approval booked is part of the report: the reporter sees it (not the rest of the ledger)
    expect(detail.postings.length).toBeGreaterThan(0);
    for (const posting of detail.postings)
      expect(posting).toMatchObject({ kind: 'allocation', direction: 1 });
    expect((await t.request('/api/v1/funds', { as: REPORTER })).status).toBe(403);
    expect(await auditActions(t, draft.id)).toEqual([
      'report.create',
      'report.update',
      'report.submit',
      'report.return',
      'report.update',
      'report.submit',
      'report.approve',
      'report.lock',
    ]);
  });

  it('the SOE partner reports on the venture it operates; the community admin on its own', async () => {
    const month = monthsAgo(2);
    const byPartner = await api.created(SOE, {
      ventureId: VENTURES.tidalMarket,
      month,
      revenueFen: 100,
      operatingCostFen: 60,
    });
    expect((await api.ok(SOE, byPartner.id, 'submit')).status).toBe('submitted');
    expect((await api.ok(ADMIN, byPartner.id, 'approve')).status).toBe('approved');

    const byCommunity = await api.created('wangjiangjie@dongqu.demo', {
      ventureId: VENTURES.readingRoom,
      month,
    });
    expect(byCommunity).toMatchObject({ revenueFen: 0, status: 'draft' });
    expect((await api.ok('wangjiangjie@dongqu.demo', byCommunity.id, 'submit')).status).toBe('submitted');
  });

  it('lists reports in scope with filters', async () => {
    const all = await (await t.request('/api/v1/reports', { as: ADMIN })).json();
    expect(all.total).toBeGreaterThanOrEqual(3);
    const jinhui = await (
      await t.request(`/api/v1/reports?communityId=${DEMO_IDS.jinhui}&status=approved`, { as: ADMIN })
    ).json();
    expect(jinhui.items.length).toBeGreaterThan(0);
    for (const r of jinhui.items)
      expect(r).toMatchObject({ communityId: DEMO_IDS.jinhui, status: 'approved' });

    const wang = await (await t.request('/api/v1/reports', { as: 'wangjiangjie@dongqu.demo' })).json();
    expect(wang.items.map((r: { communityId: string }) => r.communityId)).toEqual(
      wang.items.map(() => DEMO_IDS.wangjiangjie),
    );
    const soe = await (await t.request('/api/v1/reports', { as: SOE })).json();
    expect(new Set(soe.items.map((r: { ventureId: string }) => r.ventureId))).toEqual(
      new Set([VENTURES.tidalMarket]),
    );
    const byMonth = await (
      await t.request(`/api/v1/reports?month=${monthsAgo(2)}&ventureId=${VENTURES.readingRoom}`, {
        as: ADMIN,
      })
    ).json();
    expect(byMonth.total).toBe(1);
    expect((await t.request('/api/v1/reports', { as: 'admin@xiqu.demo' }).then((r) => r.json())).total).toBe(
      0,
    );
    const bad = await t.request('/api/v1/reports?month=2025-13&status=nope', { as: ADMIN });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['month', 'status']);
  });
});

describe('creating and editing', () => {
  it('one report per venture and month: the second is 409', async () => {
    const month = monthsAgo(3);
    await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month });
    const again = await api.create(SOE, { ventureId: VENTURES.tidalMarket, month });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('report_exists');
  });

  it('validation names each field, in Chinese by default and English on request', async () => {
    const res = await api.create(REPORTER, {
      ventureId: 'nope',
      month: '2025-13',
      revenueFen: -1,
      stableJobs: 1.5,
    });
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields).sort()).toEqual([
      'month',
      'revenueFen',
      'stableJobs',
      'ventureId',
    ]);

    const zh = await api.create(REPORTER, {
      ventureId: VENTURES.tidalMarket,
      month: monthsAgo(4),
      serviceRequests: 5,
      requestsWithinPromise: 6,
    });
    expect(zh.status).toBe(400);
    expect((await zh.json()).error.fields).toEqual({
      requestsWithinPromise: '承诺时限内响应数不能超过服务请求数',
    });
    const en = await api.create(
      REPORTER,
      { ventureId: VENTURES.tidalMarket, month: monthsAgo(4), serviceRequests: 5, requestsWithinPromise: 6 },
      { 'Accept-Language': 'en' },
    );
    expect((await en.json()).error.fields.requestsWithinPromise).toBe(
      'Must not exceed the number of service requests',
    );

    const future = await api.create(REPORTER, { ventureId: VENTURES.tidalMarket, month: '2999-01' });
    expect(future.status).toBe(400);
    expect((await future.json()).error.fields).toHaveProperty('month');

    const unknown = await api.create(REPORTER, {
      ventureId: VENTURES.tidalMarket,
      month: monthsAgo(4),
      bogus: 1,
    });
    expect(unknown.status).toBe(400);
  });

  it('an edit carries the version read: a stale one is 409 and changes nothing', async () => {
    const r = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: monthsAgo(5) });
    expect((await api.patch(REPORTER, r.id, { version: 1, revenueFen: 10 })).status).toBe(200);
    const stale = await api.patch(REPORTER, r.id, { version: 1, revenueFen: 20 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('stale_version');
    expect((await (await api.get(REPORTER, r.id)).json()).revenueFen).toBe(10);
    const missing = await api.patch(REPORTER, r.id, { revenueFen: 20 });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fields).toHaveProperty('version');
    // an edit that breaks a rule across fields names the field, whatever was sent
    const subset = await api.patch(REPORTER, r.id, {
      version: 2,
      residentsServed: 10,
      eldersServed: 8,
      childrenServed: 5,
    });
    expect(subset.status).toBe(400);
    expect(Object.keys((await subset.json()).error.fields).sort()).toEqual([
      'childrenServed',
      'eldersServed',
    ]);
  });
});

describe('a typed 0 is kept apart from a blank (ADR 0042)', () => {
  it('a draft remembers which zeros were typed; a figure that is not 0 never counts as one', async () => {
    const r = await api.created(REPORTER, {
      ventureId: VENTURES.tidalMarket,
      month: monthsAgo(12),
      revenueFen: 0,
      stableJobs: 3,
      typedZeros: ['revenueFen', 'stableJobs', 'temporaryJobs', 'temporaryJobs'],
    });
    // stableJobs is 3: filled, whatever the list said; temporaryJobs once
    expect(r.typedZeros).toEqual(['revenueFen', 'temporaryJobs']);
    expect((await (await api.get(REPORTER, r.id)).json()).typedZeros).toEqual([
      'revenueFen',
      'temporaryJobs',
    ]);

    // an edit that does not name the set keeps it, less what is no longer 0
    const kept = await api.patch(REPORTER, r.id, { version: 1, revenueFen: 1200 });
    expect((await kept.json()).typedZeros).toEqual(['temporaryJobs']);
    // an edit that names it replaces it
    const replaced = await api.patch(REPORTER, r.id, {
      version: 2,
      revenueFen: 0,
      typedZeros: ['revenueFen', 'eldersServed'],
    });
    expect((await replaced.json()).typedZeros).toEqual(['revenueFen', 'eldersServed']);
    // submitting changes nothing of it (a blank is still counted as 0)
    const submitted = await api.ok(REPORTER, r.id, 'submit');
    expect(submitted).toMatchObject({
      typedZeros: ['revenueFen', 'eldersServed'],
      revenueFen: 0,
      childrenServed: 0,
    });

    const unknownField = await api.patch(REPORTER, r.id, { version: 3, typedZeros: ['bogus'] });
    expect(unknownField.status).toBe(400);
    expect((await unknownField.json()).error.fields).toHaveProperty(['typedZeros.0']);
  });
});

describe('every illegal transition is refused with a code naming the status', () => {
  // a report in each status, for the tidal market in months of its own
  const made: Record<string, { id: string }> = {};
  beforeAll(async () => {
    /** a report `steps` along the way draft → submitted → returned | approved → locked */
    const reach = async (n: number, steps: Array<[string, string, string?]>) => {
      const r = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: monthsAgo(20 + n) });
      for (const [as, action, comment] of steps)
        await api.ok(as, r.id, action, comment ? { comment } : undefined);
      return r;
    };
    made.draft = await reach(0, []);
    made.submitted = await reach(1, [[REPORTER, 'submit']]);
    made.returned = await reach(2, [
      [REPORTER, 'submit'],
      [ADMIN, 'return', '请补充'],
    ]);
    made.approved = await reach(3, [
      [REPORTER, 'submit'],
      [ADMIN, 'approve'],
    ]);
    made.locked = await reach(4, [
      [REPORTER, 'submit'],
      [ADMIN, 'approve'],
      [ADMIN, 'lock'],
    ]);
  });

  // who may attempt each action at all (so the refusal is about the status, not the role)
  const ACTOR = {
    submit: REPORTER,
    amend: REPORTER,
    edit: REPORTER,
    return: ADMIN,
    approve: ADMIN,
    lock: ADMIN,
  };
  const ILLEGAL: Array<[string, keyof typeof ACTOR]> = [
    ['draft', 'return'],
    ['draft', 'approve'],
    ['draft', 'lock'],
    ['draft', 'amend'],
    ['submitted', 'submit'],
    ['submitted', 'edit'],
    ['submitted', 'lock'],
    ['submitted', 'amend'],
    ['returned', 'return'],
    ['returned', 'approve'],
    ['returned', 'lock'],
    ['returned', 'amend'],
    ['approved', 'submit'],
    ['approved', 'edit'],
    ['approved', 'return'],
    ['approved', 'approve'],
    ['locked', 'submit'],
    ['locked', 'edit'],
    ['locked', 'return'],
    ['locked', 'approve'],
    ['locked', 'lock'],
    ['locked', 'amend'], // the period is closed: a correction goes into a later month (domain rule)
  ];

  it.each(ILLEGAL)('%s → %s is 409, and nothing changes', async (status, action) => {
    const id = made[status]?.id as string;
    const before = await (await api.get(ADMIN, id)).json();
    const entries = await ledgerCount(t, id);
    const res =
      action === 'edit'
        ? await api.patch(ACTOR[action], id, { version: before.version, revenueFen: 1 })
        : await api.act(ACTOR[action], id, action, { comment: '理由' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe(`report_is_${status}`);
    const after = await (await api.get(ADMIN, id)).json();
    expect(after).toEqual(before);
    expect(await ledgerCount(t, id)).toBe(entries);
  });

  it('the error says the status in words', async () => {
    const res = await api.act(ADMIN, made.approved?.id as string, 'approve', undefined, {
      'Accept-Language': 'en',
    });
    expect((await res.json()).error.message).toMatch(/approved/);
  });
});

describe('reviews', () => {
  let roleCase = 0;
  it('a return needs a comment (400 naming comment), and nothing changes', async () => {
    const r = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: monthsAgo(6) });
    await api.ok(REPORTER, r.id, 'submit');
    for (const body of [undefined, {}, { comment: '   ' }]) {
      const res = await api.act(ADMIN, r.id, 'return', body);
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields).toEqual({ comment: '请填写说明' });
    }
    expect((await (await api.get(ADMIN, r.id)).json()).status).toBe('submitted');
  });

  it.each([
    ['viewer@dongqu.demo', 'approve'],
    ['viewer@dongqu.demo', 'lock'],
    [REPORTER, 'approve'],
    [REPORTER, 'return'],
    ['jinhui@dongqu.demo', 'approve'],
    [SOE, 'approve'],
  ])('%s may not %s (403)', async (email, action) => {
    roleCase += 1;
    const r = await api.created(REPORTER, {
      ventureId: VENTURES.tidalMarket,
      month: monthsAgo(40 + roleCase),
    });
    await api.ok(REPORTER, r.id, 'submit');
    const res = await api.act(email, r.id, action, { comment: 'x' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    expect((await (await api.get(ADMIN, r.id)).json()).status).toBe('submitted');
  });

  it('a district admin may not create, edit or submit reports (403); no session is 401', async () => {
    const res = await api.create(ADMIN, { ventureId: VENTURES.tidalMarket, month: monthsAgo(7) });
    expect(res.status).toBe(403);
    expect(
      (await api.create(undefined, { ventureId: VENTURES.tidalMarket, month: monthsAgo(7) })).status,
    ).toBe(401);
    const r = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: monthsAgo(7) });
    expect((await api.act(ADMIN, r.id, 'submit')).status).toBe(403);
    expect((await api.patch(ADMIN, r.id, { version: 1, revenueFen: 1 })).status).toBe(403);
    expect((await api.act(undefined, r.id, 'submit')).status).toBe(401);
    expect((await api.get(undefined, r.id)).status).toBe(401);
  });
});

describe('out of scope is 404, and nothing changes', () => {
  let jinhuiReport: { id: string };
  let wangReport: { id: string };
  beforeAll(async () => {
    jinhuiReport = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: monthsAgo(8) });
    await api.ok(REPORTER, jinhuiReport.id, 'submit');
    wangReport = await api.created('wangjiangjie@dongqu.demo', {
      ventureId: VENTURES.serviceStation,
      month: monthsAgo(8),
    });
  });

  it.each([
    ['wangjiangjie@dongqu.demo', 'jinhui', 'get'],
    ['wangjiangjie@dongqu.demo', 'jinhui', 'submit'],
    ['dukou@dongqu.demo', 'jinhui', 'patch'],
    [REPORTER, 'wang', 'get'],
    [REPORTER, 'wang', 'submit'],
    [SOE, 'wang', 'get'], // the SOE operates nothing in Wangjiangjie
    [SOE, 'wang', 'patch'],
    ['admin@xiqu.demo', 'jinhui', 'get'],
    ['admin@xiqu.demo', 'jinhui', 'approve'],
    ['admin@xiqu.demo', 'jinhui', 'return'],
    ['geliping@xiqu.demo', 'wang', 'submit'],
  ])('%s → %s report: %s is 404', async (email, which, op) => {
    const id = which === 'jinhui' ? jinhuiReport.id : wangReport.id;
    const before = await (await api.get(ADMIN, id)).json();
    const res =
      op === 'get'
        ? await api.get(email, id)
        : op === 'patch'
          ? await api.patch(email, id, { version: before.version, revenueFen: 5 })
          : await api.act(email, id, op, { comment: '越权' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    expect(await (await api.get(ADMIN, id)).json()).toEqual(before);
  });

  it.each([
    ['wangjiangjie@dongqu.demo', VENTURES.tidalMarket],
    [REPORTER, VENTURES.readingRoom],
    [SOE, VENTURES.helpDesk],
    ['geliping@xiqu.demo', VENTURES.tidalMarket],
    [REPORTER, VENTURES.xiquCanteen],
  ])('%s cannot report on venture %s (404)', async (email, ventureId) => {
    const res = await api.create(email, { ventureId, month: monthsAgo(9) });
    expect(res.status).toBe(404);
  });
});

describe('an approver never approves their own report', () => {
  it('the same person as reporter and as district admin: 403 report_self_review', async () => {
    // admin@dongqu.demo also holds a reporter membership in Jinhui (set up here, used with the header)
    const adminUser = deterministicId(`user:${ADMIN}`);
    const districtScope = { kind: 'district', userId: adminUser, districtId: DEMO_IDS.dongqu } as const;
    const reporterMembership = await withTenantTransaction(t.handle.db, districtScope, (trx) =>
      trx
        .insertInto('memberships')
        .values({
          district_id: DEMO_IDS.dongqu,
          user_id: adminUser,
          role: 'community_reporter',
          community_id: DEMO_IDS.jinhui,
        })
        .returning('membership_id')
        .executeTakeFirstOrThrow(),
    );
    const adminMembership = await withTenantTransaction(t.handle.db, districtScope, (trx) =>
      trx
        .selectFrom('memberships')
        .select('membership_id')
        .where('user_id', '=', adminUser)
        .where('role', '=', 'district_admin')
        .executeTakeFirstOrThrow(),
    );
    const asReporter = { 'X-Gongfu-Membership': reporterMembership.membership_id };
    const asAdmin = { 'X-Gongfu-Membership': adminMembership.membership_id };

    const created = await api.create(
      ADMIN,
      { ventureId: VENTURES.tidalMarket, month: monthsAgo(10) },
      asReporter,
    );
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await api.act(ADMIN, id, 'submit', undefined, asReporter)).status).toBe(200);

    for (const action of ['approve', 'return']) {
      const res = await api.act(ADMIN, id, action, { comment: '自审' }, asAdmin);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('report_self_review');
    }
    expect(await ledgerCount(t, id)).toBe(0);
    expect((await (await api.get(ADMIN, id)).json()).status).toBe('submitted');

    // someone else's report the same admin may approve
    const other = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: monthsAgo(11) });
    await api.ok(REPORTER, other.id, 'submit');
    expect((await api.act(ADMIN, other.id, 'approve', undefined, asAdmin)).status).toBe(200);
  });
});

it('the current month may be reported; the next may not', async () => {
  const res = await api.create('dukou@dongqu.demo', { ventureId: VENTURES.helpDesk, month: currentMonth() });
  expect(res.status).toBe(201);
});
