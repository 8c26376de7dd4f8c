import { DEMO_IDS, deterministicId, ledger, withTenantTransaction } from '@gongfu/db';
import { REPORT_FIGURE_FIELDS } from '@gongfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  ADMIN,
  auditActions,
  fundsOf,
  ledgerCount,
  monthsAgo,
  REPORTER,
  reportApi,
  seedJinhuiCompany,
  VENTURES,
  WANG,
} from './test-helpers';

let t: TestApp;
let api: ReturnType<typeof reportApi>;
const RULE_FROM = monthsAgo(30);
const LATER_RULE_FROM = monthsAgo(2);

beforeAll(async () => {
  t = await createTestApp();
  api = reportApi(t);
});
afterAll(async () => t?.close());

const createRule = (as: string, body: Record<string, unknown>) =>
  api.post('/api/v1/distribution-rules', as, body);

/** A Wangjiangjie service-station report for `month`, submitted by its community admin. */
async function submittedReport(month: string, money: Record<string, number>) {
  // the service station runs on volunteers: no operating cost, which the plausibility rule asks to explain
  const r = await api.created(WANG, {
    ventureId: VENTURES.serviceStation,
    month,
    ...money,
    explanations: { operatingCostFen: '志愿者运营，场地由社区提供，本月无运营成本' },
  });
  await api.ok(WANG, r.id, 'submit');
  return r as { id: string };
}

describe('distribution rules', () => {
  it('a district admin sets Wangjiangjie’s 40 % rule, versioned and effective from a month', async () => {
    const res = await createRule(ADMIN, {
      communityId: DEMO_IDS.wangjiangjie,
      effectiveFrom: RULE_FROM,
      governanceFundBp: 4000,
      reserveBp: 5000,
      otherBp: 1000,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ version: 1, governanceFundBp: 4000, effectiveFrom: RULE_FROM });
    const later = await createRule(ADMIN, {
      communityId: DEMO_IDS.wangjiangjie,
      effectiveFrom: LATER_RULE_FROM,
      governanceFundBp: 10000,
      reserveBp: 0,
      otherBp: 0,
    });
    expect(later.status).toBe(201);
    const created = await later.json();
    expect(created.version).toBe(2);
    expect(await auditActions(t, created.id)).toEqual(['distribution_rule.create']);

    const list = await (
      await t.request(`/api/v1/distribution-rules?communityId=${DEMO_IDS.wangjiangjie}`, { as: WANG })
    ).json();
    expect(list.items.map((r: { effectiveFrom: string }) => r.effectiveFrom)).toEqual([
      LATER_RULE_FROM,
      RULE_FROM,
    ]);
    const other = await (
      await t.request(`/api/v1/distribution-rules?communityId=${DEMO_IDS.wangjiangjie}`, {
        as: 'jinhui@dongqu.demo',
      })
    ).json();
    expect(other.total).toBe(0);
    expect(
      (await (await t.request('/api/v1/distribution-rules', { as: 'admin@xiqu.demo' })).json()).total,
    ).toBe(0);
  });

  it('shares must sum to 10,000 bp (400 naming the three fields)', async () => {
    const res = await createRule(ADMIN, {
      communityId: DEMO_IDS.jinhui,
      effectiveFrom: RULE_FROM,
      governanceFundBp: 4000,
      reserveBp: 4000,
      otherBp: 1000,
    });
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields).sort()).toEqual([
      'governanceFundBp',
      'otherBp',
      'reserveBp',
    ]);
    const bad = await createRule(ADMIN, { communityId: DEMO_IDS.jinhui, effectiveFrom: '2026-13' });
    expect(bad.status).toBe(400);
  });

  it('a second rule for the same month is 409; other roles 403; another district 404', async () => {
    const body = {
      communityId: DEMO_IDS.wangjiangjie,
      effectiveFrom: RULE_FROM,
      governanceFundBp: 3000,
      reserveBp: 7000,
      otherBp: 0,
    };
    const dup = await createRule(ADMIN, body);
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.fields).toHaveProperty('effectiveFrom');
    for (const email of [WANG, 'viewer@dongqu.demo', REPORTER, 'soe@dongqu.demo']) {
      expect((await createRule(email, { ...body, effectiveFrom: monthsAgo(40) })).status).toBe(403);
    }
    expect((await createRule('admin@xiqu.demo', { ...body, effectiveFrom: monthsAgo(40) })).status).toBe(404);
    expect((await t.request('/api/v1/distribution-rules', { as: 'soe@dongqu.demo' })).status).toBe(403);
  });
});

describe('approving posts the distribution', () => {
  it('Wangjiangjie: 40 % of the community’s income to the governance fund; the parts sum exactly to the whole', async () => {
    // a venture without a company: the community holds all of it; profit 600,001 fen
    const r = await submittedReport(monthsAgo(10), { revenueFen: 1_000_001, operatingCostFen: 400_000 });
    const res = await api.act(ADMIN, r.id, 'approve');
    expect(res.status).toBe(200);
    const approved = await res.json();
    const posted = Object.fromEntries(
      approved.postings.map((p: { fundKind: string; amountFen: number }) => [p.fundKind, p.amountFen]),
    );
    // largest remainder: 240,000.4 / 300,000.5 / 60,000.1 → the odd fen goes to the reserve
    expect(posted).toEqual({ governance_special: 240_000, reserve: 300_001, other: 60_000 });
    expect(posted.governance_special + posted.reserve + posted.other).toBe(600_001);

    const funds = await fundsOf(t, DEMO_IDS.wangjiangjie);
    expect(funds.governance_special).toEqual({ balance: 240_000, entries: 240_000, n: 1 });
    expect(funds.reserve).toEqual({ balance: 300_001, entries: 300_001, n: 1 });
    expect(funds.other).toEqual({ balance: 60_000, entries: 60_000, n: 1 });
  });

  it('the rule of the report’s month applies, not a later one', async () => {
    const before = await fundsOf(t, DEMO_IDS.wangjiangjie);
    const early = await submittedReport(monthsAgo(9), { revenueFen: 100_000 });
    const late = await submittedReport(LATER_RULE_FROM, { revenueFen: 100_000 });
    await api.ok(ADMIN, early.id, 'approve');
    await api.ok(ADMIN, late.id, 'approve');
    const after = await fundsOf(t, DEMO_IDS.wangjiangjie);
    // early: 40,000 / 50,000 / 10,000; late: all 100,000 to governance
    expect(after.governance_special?.balance).toBe(
      (before.governance_special?.balance ?? 0) + 40_000 + 100_000,
    );
    expect(after.reserve?.balance).toBe((before.reserve?.balance ?? 0) + 50_000);
    expect(after.other?.balance).toBe((before.other?.balance ?? 0) + 10_000);
  });

  it('Jinhui: the company’s shares and the remittance; with no rule, the default sends it all to the reserve', async () => {
    await seedJinhuiCompany(t);
    const r = await api.created(REPORTER, {
      ventureId: VENTURES.tidalMarket,
      month: monthsAgo(10),
      revenueFen: 2_600_000,
      operatingCostFen: 600_000,
      remittanceDueFen: 2_000_000,
      remittanceReceivedFen: 2_000_000,
    });
    await api.ok(REPORTER, r.id, 'submit');
    await api.ok(ADMIN, r.id, 'approve');
    // community: 60 % of 2,000,000 profit + 2,000,000 remittance
    const funds = await fundsOf(t, DEMO_IDS.jinhui);
    expect(funds).toEqual({ reserve: { balance: 3_200_000, entries: 3_200_000, n: 1 } });
  });

  it('approving twice: the second is 409 and the ledger is unchanged', async () => {
    const r = await submittedReport(monthsAgo(11), { revenueFen: 500_000 });
    await api.ok(ADMIN, r.id, 'approve');
    const before = await fundsOf(t, DEMO_IDS.wangjiangjie);
    const again = await api.act(ADMIN, r.id, 'approve');
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('report_is_approved');
    expect(await fundsOf(t, DEMO_IDS.wangjiangjie)).toEqual(before);
    expect(await ledgerCount(t, r.id)).toBe(3);
  });

  it('Idempotency-Key on approve: the same request replays the answer, another body with it is 422', async () => {
    const r = await submittedReport(monthsAgo(12), { revenueFen: 300_000 });
    const headers = { 'Idempotency-Key': `approve-${r.id}` };
    const first = await api.act(ADMIN, r.id, 'approve', { comment: '同意' }, headers);
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    const before = await fundsOf(t, DEMO_IDS.wangjiangjie);

    const replay = await api.act(ADMIN, r.id, 'approve', { comment: '同意' }, headers);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    const replayed = await replay.json();

    const reused = await api.act(ADMIN, r.id, 'approve', { comment: '另一个' }, headers);
    expect(reused.status).toBe(422);
    expect((await reused.json()).error.code).toBe('idempotency_key_reused');

    expect(await fundsOf(t, DEMO_IDS.wangjiangjie)).toEqual(before);
    expect(await ledgerCount(t, r.id)).toBe(3);
    // the replay is the first answer itself (not, say, that answer as a JSON string)
    expect(replayed).toEqual(firstBody);
  });

  it('10 simultaneous approvals of one report post its distribution once', async () => {
    const r = await submittedReport(monthsAgo(13), { revenueFen: 1_234_567, operatingCostFen: 4_567 });
    await t.cookieOf(ADMIN);
    const before = await fundsOf(t, DEMO_IDS.wangjiangjie);
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.act(ADMIN, r.id, 'approve')));
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const res of responses.filter((x) => x.status === 409)) {
      expect(['report_is_approved', 'stale_version']).toContain((await res.json()).error.code);
    }
    // profit 1,230,000: 492,000 / 615,000 / 123,000
    const after = await fundsOf(t, DEMO_IDS.wangjiangjie);
    expect(after.governance_special?.balance).toBe((before.governance_special?.balance ?? 0) + 492_000);
    expect(after.reserve?.balance).toBe((before.reserve?.balance ?? 0) + 615_000);
    expect(after.other?.balance).toBe((before.other?.balance ?? 0) + 123_000);
    for (const fund of Object.values(after)) expect(fund.balance).toBe(fund.entries);
    expect(await ledgerCount(t, r.id)).toBe(3);
    const detail = await (await api.get(ADMIN, r.id)).json();
    expect(detail.events.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(1);
  });
});

describe('amendments', () => {
  it('keep the history and post only the difference, up or down', async () => {
    const month = monthsAgo(14);
    // profit 600,001 → 240,000 / 300,001 / 60,000
    const r1 = await submittedReport(month, { revenueFen: 1_000_001, operatingCostFen: 400_000 });
    await api.ok(ADMIN, r1.id, 'approve');
    const base = await fundsOf(t, DEMO_IDS.wangjiangjie);

    const noComment = await api.act(WANG, r1.id, 'amend', {});
    expect(noComment.status).toBe(400);
    expect((await noComment.json()).error.fields).toHaveProperty('comment');
    expect((await api.act(ADMIN, r1.id, 'amend', { comment: '更正' })).status).toBe(403);

    const amended = await api.act(WANG, r1.id, 'amend', { comment: '收入漏记一笔' });
    expect(amended.status).toBe(201);
    const r2 = await amended.json();
    expect(r2).toMatchObject({ revision: 2, amendsReportId: r1.id, status: 'draft', revenueFen: 1_000_001 });
    // the approved figures were confirmed: the correction's zeros are figures, not blanks (ADR 0042)
    const zeros = REPORT_FIGURE_FIELDS.filter((field) => r2[field] === 0);
    expect(zeros.length).toBeGreaterThan(0);
    expect(r2.typedZeros).toEqual(zeros);
    // only the latest revision can be amended; the approved one stays as it was
    const twice = await api.act(WANG, r1.id, 'amend', { comment: '再改' });
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.code).toBe('report_has_newer_revision');
    expect((await api.patch(WANG, r1.id, { version: 1, revenueFen: 1 })).status).toBe(409);

    // profit 700,001 → 280,000 / 350,001 / 70,000: +40,000 / +50,000 / +10,000
    expect((await api.patch(WANG, r2.id, { version: r2.version, revenueFen: 1_100_001 })).status).toBe(200);
    await api.ok(WANG, r2.id, 'submit');
    const approved2 = await api.ok(ADMIN, r2.id, 'approve');
    expect(
      approved2.postings.map((p: { fundKind: string; kind: string; amountFen: number }) => [
        p.fundKind,
        p.kind,
        p.amountFen,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['governance_special', 'allocation', 40_000],
        ['reserve', 'allocation', 50_000],
        ['other', 'allocation', 10_000],
      ]),
    );
    expect(approved2.postings).toHaveLength(3);
    let funds = await fundsOf(t, DEMO_IDS.wangjiangjie);
    expect(funds.governance_special?.balance).toBe((base.governance_special?.balance ?? 0) + 40_000);
    expect(funds.reserve?.balance).toBe((base.reserve?.balance ?? 0) + 50_000);

    const first = await (await api.get(ADMIN, r1.id)).json();
    expect(first).toMatchObject({ status: 'approved', supersededById: r2.id, revenueFen: 1_000_001 });
    expect(first.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'approve',
      'amend',
    ]);
    expect(first.events[3].comment).toBe('收入漏记一笔');
    expect(first.postings).toHaveLength(3);

    // profit 500,001 → 200,000 / 250,001 / 50,000: reversals of 80,000 / 100,000 / 20,000
    const r3 = await api.ok(WANG, r2.id, 'amend', { comment: '成本漏记' });
    await api.patch(WANG, r3.id, { version: r3.version, revenueFen: 900_001 });
    await api.ok(WANG, r3.id, 'submit');
    const approved3 = await api.ok(ADMIN, r3.id, 'approve');
    expect(
      approved3.postings.map(
        (p: { fundKind: string; kind: string; direction: number; amountFen: number }) => [
          p.fundKind,
          p.kind,
          p.direction,
          p.amountFen,
        ],
      ),
    ).toEqual(
      expect.arrayContaining([
        ['governance_special', 'reversal', -1, 80_000],
        ['reserve', 'reversal', -1, 100_000],
        ['other', 'reversal', -1, 20_000],
      ]),
    );
    funds = await fundsOf(t, DEMO_IDS.wangjiangjie);
    expect(funds.governance_special?.balance).toBe((base.governance_special?.balance ?? 0) - 40_000);
    expect(funds.reserve?.balance).toBe((base.reserve?.balance ?? 0) - 50_000);
    expect(funds.other?.balance).toBe((base.other?.balance ?? 0) - 10_000);
    for (const fund of Object.values(funds)) expect(fund.balance).toBe(fund.entries);

    const revisions = await (
      await t.request(`/api/v1/reports?ventureId=${VENTURES.serviceStation}&month=${month}`, { as: WANG })
    ).json();
    expect(revisions.items.map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [1, 'approved'],
      [2, 'approved'],
      [3, 'approved'],
    ]);
    expect(revisions.items.map((r: { supersededById: string | null }) => r.supersededById)).toEqual([
      r2.id,
      r3.id,
      null,
    ]);
  });

  it('an amendment that would take back money a fund has already spent is refused, and nothing changes', async () => {
    const DUKOU = 'dukou@dongqu.demo';
    const month = monthsAgo(15);
    // Dukou has no rule: the default puts everything into the reserve
    const r1 = await api.created(DUKOU, {
      ventureId: VENTURES.helpDesk,
      month,
      revenueFen: 100_000,
      explanations: { operatingCostFen: '帮办服务由志愿者承担，无运营成本' },
    });
    await api.ok(DUKOU, r1.id, 'submit');
    await api.ok(ADMIN, r1.id, 'approve');
    const reserve = (await fundsOf(t, DEMO_IDS.dukou)).reserve;
    expect(reserve?.balance).toBe(100_000);
    // 90,000 of it is spent
    await withTenantTransaction(
      t.handle.db,
      { kind: 'district', userId: deterministicId(`user:${ADMIN}`), districtId: DEMO_IDS.dongqu },
      async (trx) => {
        const fundId = await ledger.ensureFund(trx, {
          districtId: DEMO_IDS.dongqu,
          communityId: DEMO_IDS.dukou,
          kind: 'reserve',
          name: '公积金',
        });
        const spent = await ledger.postLedgerEntry(trx, {
          districtId: DEMO_IDS.dongqu,
          communityId: DEMO_IDS.dukou,
          fundId,
          kind: 'expenditure',
          direction: -1,
          amountFen: 90_000,
          month,
        });
        expect(spent.posted).toBe(true);
      },
    );
    const r2 = await api.ok(DUKOU, r1.id, 'amend', { comment: '收入记错' });
    await api.patch(DUKOU, r2.id, { version: r2.version, revenueFen: 0 });
    await api.ok(DUKOU, r2.id, 'submit');
    const before = await fundsOf(t, DEMO_IDS.dukou);
    const res = await api.act(ADMIN, r2.id, 'approve');
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('distribution_insufficient_balance');
    expect(await fundsOf(t, DEMO_IDS.dukou)).toEqual(before);
    expect(before.reserve).toEqual({ balance: 10_000, entries: 10_000, n: 2 });
    expect((await (await api.get(ADMIN, r2.id)).json()).status).toBe('submitted');
    expect(await ledgerCount(t, r2.id)).toBe(0);
  });
});
