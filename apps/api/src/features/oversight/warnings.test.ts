/**
 * Warnings through HTTP on a real database. The rows they are computed from (ventures, reports,
 * agreements, funds, pledges) are written directly in a district-scoped transaction, so these tests do
 * not depend on the endpoints other features are building.
 */
import { type DbScope, DEMO_IDS, deterministicId, withTenantTransaction } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;

const D = DEMO_IDS.dongqu;
const dongqu: DbScope = {
  kind: 'district',
  userId: deterministicId('user:admin@dongqu.demo'),
  districtId: D,
};
const ids = {
  ventureA: deterministicId('test:warnings:venture-a'), // Jinhui, operated by the SOE
  ventureB: deterministicId('test:warnings:venture-b'), // Wangjiangjie, no operator
  agreementA: deterministicId('test:warnings:agreement-a'),
  fundIdle: deterministicId('test:warnings:fund-idle'), // Wangjiangjie
  fundBusy: deterministicId('test:warnings:fund-busy'), // Jinhui
  fundReserve: deterministicId('test:warnings:fund-reserve'), // Wangjiangjie, as untouched as fundIdle
  pledgeOpen: deterministicId('test:warnings:pledge-open'), // Dukou
  pledgeDone: deterministicId('test:warnings:pledge-done'), // Dukou
};

async function seedFacts() {
  await withTenantTransaction(t.handle.db, dongqu, async (trx) => {
    // the demo's own ventures start this month, so they expect no report yet
    await trx
      .updateTable('ventures')
      .set({ started_on: '2026-11-01' })
      .where('district_id', '=', D)
      .execute();
    await trx
      .insertInto('ventures')
      .values([
        {
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          venture_id: ids.ventureA,
          name: '测试潮汐夜市',
          category: 'tidal_market',
          operator_partner_id: DEMO_IDS.soe,
          started_on: '2026-08-01',
        },
        {
          district_id: D,
          community_id: DEMO_IDS.wangjiangjie,
          venture_id: ids.ventureB,
          name: '测试书屋',
          category: 'reading_room',
          started_on: '2026-10-01',
        },
      ])
      .execute();
    await trx
      .insertInto('operator_agreements')
      .values({
        district_id: D,
        community_id: DEMO_IDS.jinhui,
        agreement_id: ids.agreementA,
        venture_id: ids.ventureA,
        partner_id: DEMO_IDS.soe,
        starts_on: '2026-01-01',
        ends_on: '2026-12-20',
        terms: 'fee_and_split',
        guaranteed_min_remittance_fen: 2_000_000,
      })
      .execute();
    const report = (
      month: string,
      submittedAt: string | null,
      status: string,
      revenue: number,
      received: number,
    ) => ({
      district_id: D,
      community_id: DEMO_IDS.jinhui,
      venture_id: ids.ventureA,
      month,
      status,
      revenue_fen: revenue,
      remittance_received_fen: received,
      submitted_at: submittedAt,
    });
    await trx
      .insertInto('monthly_reports')
      .values([
        // on time, at the minimum
        report('2026-08', '2026-09-05T10:00:00+08:00', 'approved', 100_000_00, 2_000_000),
        // late (due 2026-10-10), revenue down 40 %, remittance below the minimum
        report('2026-09', '2026-10-15T10:00:00+08:00', 'approved', 60_000_00, 1_500_000),
        // 2026-10: no report at all → missing
      ])
      .execute();
    await trx
      .insertInto('monthly_reports')
      .values({
        district_id: D,
        community_id: DEMO_IDS.wangjiangjie,
        venture_id: ids.ventureB,
        month: '2026-10',
        status: 'submitted',
        submitted_at: '2026-11-03T09:00:00+08:00',
      })
      .execute();
    await trx
      .insertInto('funds')
      .values([
        {
          district_id: D,
          community_id: DEMO_IDS.wangjiangjie,
          fund_id: ids.fundIdle,
          kind: 'other',
          name: '测试闲置基金',
          balance_fen: 500_000,
        },
        {
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          fund_id: ids.fundBusy,
          kind: 'other',
          name: '测试常用基金',
          balance_fen: 400_000,
        },
        {
          district_id: D,
          community_id: DEMO_IDS.wangjiangjie,
          fund_id: ids.fundReserve,
          kind: 'reserve',
          name: '测试公积金',
          balance_fen: 500_000,
        },
      ])
      .execute();
    await trx
      .insertInto('ledger_entries')
      .values([
        {
          district_id: D,
          community_id: DEMO_IDS.wangjiangjie,
          fund_id: ids.fundIdle,
          kind: 'grant',
          direction: 1,
          amount_fen: 500_000,
          month: '2025-06',
        },
        {
          district_id: D,
          community_id: DEMO_IDS.wangjiangjie,
          fund_id: ids.fundReserve,
          kind: 'grant',
          direction: 1,
          amount_fen: 500_000,
          month: '2025-06',
        },
        {
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          fund_id: ids.fundBusy,
          kind: 'grant',
          direction: 1,
          amount_fen: 500_000,
          month: '2025-06',
        },
        {
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          fund_id: ids.fundBusy,
          kind: 'expenditure',
          direction: -1,
          amount_fen: 100_000,
          month: '2026-05',
        },
      ])
      .execute();
    await trx
      .insertInto('pledges')
      .values([
        {
          district_id: D,
          community_id: DEMO_IDS.dukou,
          pledge_id: ids.pledgeOpen,
          partner_id: DEMO_IDS.autoAssociation,
          kind: 'cash',
          description: '测试捐赠（未兑现）',
          amount_fen: 100_000,
          due_on: '2026-10-31',
        },
        {
          district_id: D,
          community_id: DEMO_IDS.dukou,
          pledge_id: ids.pledgeDone,
          partner_id: DEMO_IDS.autoAssociation,
          kind: 'cash',
          description: '测试捐赠（已兑现）',
          amount_fen: 100_000,
          due_on: '2026-10-31',
        },
      ])
      .execute();
    await trx
      .insertInto('pledge_fulfilments')
      .values({
        district_id: D,
        community_id: DEMO_IDS.dukou,
        pledge_id: ids.pledgeDone,
        partner_id: DEMO_IDS.autoAssociation,
        value_fen: 100_000,
        fulfilled_on: '2026-10-20',
      })
      .execute();
  });
}

const post = (path: string, as: string | undefined, body?: unknown, headers: Record<string, string> = {}) =>
  t.request(path, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers,
    ...(as ? { as } : {}),
  });
const patch = (path: string, as: string, body: unknown, headers: Record<string, string> = {}) =>
  t.request(path, { method: 'PATCH', body: JSON.stringify(body), headers, as });

type WarningJson = {
  id: string;
  kind: string;
  severity: string;
  subjectId: string;
  period: string;
  status: string;
  version: number;
  communityId: string;
  ownerUserId: string | null;
  resolution: string | null;
  detail: Record<string, unknown>;
  detectedAt: string;
  conditionSince: string;
};

async function listAs(as: string, query = ''): Promise<WarningJson[]> {
  const res = await t.request(`/api/v1/warnings?limit=500${query}`, { as });
  expect(res.status).toBe(200);
  return (await res.json()).items;
}

const ours = new Set<string>(Object.values(ids));
const mine = (items: WarningJson[]) => items.filter((w) => ours.has(w.subjectId));
const key = (w: WarningJson) => `${w.kind} ${w.period} ${w.severity}`;

async function auditCount(action: string) {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from audit_log where action = ${action}`.execute(t.handle.db);
  return r.rows[0]?.n ?? 0;
}
async function warningCount() {
  const r = await sql<{ n: number }>`select count(*)::int as n from warnings`.execute(t.handle.db);
  return r.rows[0]?.n ?? 0;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedFacts();
});
afterAll(async () => t?.close());

describe('POST /api/v1/warnings/refresh', () => {
  it('only district admins may recompute (403), and nothing is stored', async () => {
    for (const email of [
      'viewer@dongqu.demo',
      'jinhui@dongqu.demo',
      'reporter@jinhui.demo',
      'soe@dongqu.demo',
      'platform@gongfu.demo',
    ]) {
      const res = await post('/api/v1/warnings/refresh', email, { asOf: '2026-11-28' });
      expect(res.status, email).toBe(403);
    }
    expect(await warningCount()).toBe(0);
    expect((await post('/api/v1/warnings/refresh', undefined, {})).status).toBe(401);
  });

  it('a bad date is a 400 naming asOf, in Chinese and English', async () => {
    const zh = await post('/api/v1/warnings/refresh', 'admin@dongqu.demo', { asOf: '2026-13-01' });
    expect(zh.status).toBe(400);
    expect((await zh.json()).error.fields).toHaveProperty('asOf');
    const en = await post(
      '/api/v1/warnings/refresh',
      'admin@dongqu.demo',
      { asOf: 'soon' },
      { 'Accept-Language': 'en' },
    );
    expect((await en.json()).error.fields.asOf).toMatch(/date/);
  });

  it('computes every rule, stores each once, escalates amber to red, and audits what it stored', async () => {
    // as of 2026-10-01 the agreement has 80 days left: amber
    const early = await post('/api/v1/warnings/refresh', 'admin@dongqu.demo', { asOf: '2026-10-01' });
    expect(early.status).toBe(200);
    const earlyBody = await early.json();
    expect(earlyBody.asOf).toBe('2026-10-01');
    expect(earlyBody.note).toMatch(/不会自动关闭/);
    const agreementEarly = mine(await listAs('admin@dongqu.demo')).find(
      (w) => w.kind === 'agreement_expiring',
    );
    expect(agreementEarly?.severity).toBe('amber');

    const res = await post(
      '/api/v1/warnings/refresh',
      'admin@dongqu.demo',
      { asOf: '2026-11-28' },
      { 'Accept-Language': 'en' },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.escalated).toBe(1);
    expect(body.note).toMatch(/not closed automatically/);

    const found = mine(await listAs('admin@dongqu.demo'));
    expect(found.map(key).sort()).toEqual(
      [
        'agreement_expiring 2026-12-20 red', // 22 days left
        'fund_idle 2025-06 amber', // no outflow since the first inflow, 2025-06
        'pledge_overdue 2026-10-31 amber', // nothing fulfilled, 28 days late
        'remittance_below_minimum 2026-09 amber', // ¥15,000 of a ¥20,000 minimum
        'report_overdue 2026-10 red', // missing, due 2026-11-10
        'revenue_drop 2026-09 amber', // −40 %
      ].sort(),
    );
    // 2026-09's report was submitted late (2026-10-15, due 2026-10-10): the on-time rate counts it, no warning
    expect(found.some((w) => w.kind === 'report_overdue' && w.period === '2026-09')).toBe(false);
    // neither the on-time report, the busy fund, the reserve (kept by design) nor the fulfilled pledge raised anything
    expect(
      found.some((w) => [ids.ventureB, ids.fundBusy, ids.fundReserve, ids.pledgeDone].includes(w.subjectId)),
    ).toBe(false);
    const agreement = found.find((w) => w.kind === 'agreement_expiring');
    expect(agreement?.id).toBe(agreementEarly?.id);
    expect(agreement?.version).toBe(2);
    expect(agreement?.detail).toMatchObject({ daysLeft: 22, ventureId: ids.ventureA });
    // stored as JSON objects on both databases, not as JSON strings
    const kinds = await sql<{ t: string }>`select distinct jsonb_typeof(detail) as t from warnings`.execute(
      t.handle.db,
    );
    expect(kinds.rows).toEqual([{ t: 'object' }]);
    expect(await auditCount('warning.escalate')).toBe(1);
    // each stored warning was audited once, by whom and with what
    const detected = await sql<{ entity_id: string; actor_user_id: string }>`
      select entity_id, actor_user_id from audit_log where action = 'warning.detect'`.execute(t.handle.db);
    for (const w of found) {
      const entries = detected.rows.filter((r) => r.entity_id === w.id);
      expect(entries, key(w)).toHaveLength(1);
      expect(entries[0]?.actor_user_id).toBe(deterministicId('user:admin@dongqu.demo'));
    }
  });

  it('dates each warning from the day its condition began, not from the check that found it', async () => {
    const since = Object.fromEntries(
      mine(await listAs('admin@dongqu.demo')).map((w) => [`${w.kind} ${w.period}`, w.conditionSince]),
    );
    expect(since).toEqual({
      // the deadline it missed: 2026-10's report was due on the 10th of November (days since = days overdue)
      'report_overdue 2026-10': '2026-11-10',
      // no outflow since its first inflow in 2025-06: idle from that month's last day, as the rule counts it
      'fund_idle 2025-06': '2025-06-30',
      // the month of the figures, on its last day
      'revenue_drop 2026-09': '2026-09-30',
      'remittance_below_minimum 2026-09': '2026-09-30',
      // ends 2026-12-20: within the district's 90 days from 2026-09-21 (found by the check of 2026-10-01)
      'agreement_expiring 2026-12-20': '2026-09-21',
      // its due date
      'pledge_overdue 2026-10-31': '2026-10-31',
    });
    // every one was found by a check run today (the tests' clock), long after its condition began
    for (const w of mine(await listAs('admin@dongqu.demo'))) {
      expect(w.detectedAt.slice(0, 10) > w.conditionSince, `${w.kind}`).toBe(true);
    }
    // one warning read alone says the same
    const idle = mine(await listAs('admin@dongqu.demo', '&kind=fund_idle'))[0];
    const one = await t.request(`/api/v1/warnings/${idle?.id}`, { as: 'wangjiangjie@dongqu.demo' });
    expect((await one.json()).conditionSince).toBe('2025-06-30');
  });

  it('orders by the condition’s start after severity: the most recent first, or the longest-held on request', async () => {
    const amber = (items: WarningJson[]) =>
      mine(items)
        .filter((w) => w.severity === 'amber')
        .map((w) => w.kind);
    const newest = amber(await listAs('admin@dongqu.demo'));
    expect(newest[0]).toBe('pledge_overdue'); // since 2026-10-31
    expect(newest.at(-1)).toBe('fund_idle'); // since 2025-06-30
    const longest = amber(await listAs('admin@dongqu.demo', '&order=longest'));
    expect(longest[0]).toBe('fund_idle');
    expect(longest.at(-1)).toBe('pledge_overdue');
    const bad = await t.request('/api/v1/warnings?order=sideways', { as: 'admin@dongqu.demo' });
    expect(Object.keys((await bad.json()).error.fields)).toEqual(['order']);
  });

  it('is idempotent: a second run stores nothing new', async () => {
    const before = await warningCount();
    const res = await post('/api/v1/warnings/refresh', 'admin@dongqu.demo', { asOf: '2026-11-28' });
    expect(await res.json()).toMatchObject({ created: 0, escalated: 0 });
    expect(await warningCount()).toBe(before);
  });

  it('leaves a warning open when its condition no longer holds (a person resolves it)', async () => {
    await withTenantTransaction(t.handle.db, dongqu, (trx) =>
      trx
        .insertInto('monthly_reports')
        .values({
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          venture_id: ids.ventureA,
          month: '2026-10',
          status: 'submitted',
          submitted_at: '2026-11-27T10:00:00+08:00',
        })
        .execute(),
    );
    const res = await post('/api/v1/warnings/refresh', 'admin@dongqu.demo', { asOf: '2026-11-29' });
    expect((await res.json()).created).toBe(0);
    const missing = mine(await listAs('admin@dongqu.demo')).find(
      (w) => w.kind === 'report_overdue' && w.period === '2026-10',
    );
    expect(missing).toMatchObject({ status: 'open', severity: 'red' });
  });
});

describe('GET /api/v1/warnings', () => {
  it.each([
    ['admin@dongqu.demo', 6],
    ['viewer@dongqu.demo', 6],
    ['jinhui@dongqu.demo', 4], // venture A's three, and its agreement
    ['reporter@jinhui.demo', 4],
    ['wangjiangjie@dongqu.demo', 1], // the idle fund
    ['dukou@dongqu.demo', 1], // the pledge
    ['soe@dongqu.demo', 4], // the venture it operates and that venture's agreement, nothing else
    ['admin@xiqu.demo', 0],
  ])('%s sees %i of them, all in scope', async (email, count) => {
    const items = await listAs(email);
    expect(mine(items)).toHaveLength(count);
    if (email === 'admin@xiqu.demo')
      expect(items.every((w) => w.communityId === DEMO_IDS.xiquCommunity)).toBe(true);
  });

  it('the platform operator gets 403, no session 401', async () => {
    expect((await t.request('/api/v1/warnings', { as: 'platform@gongfu.demo' })).status).toBe(403);
    expect((await t.request('/api/v1/warnings')).status).toBe(401);
  });

  it('filters by status, severity, kind and community', async () => {
    const red = mine(await listAs('admin@dongqu.demo', '&severity=red'));
    expect(red.map((w) => w.kind).sort()).toEqual(['agreement_expiring', 'report_overdue']);
    const funds = mine(await listAs('admin@dongqu.demo', '&kind=fund_idle'));
    expect(funds).toHaveLength(1);
    const wang = await listAs('admin@dongqu.demo', `&communityId=${DEMO_IDS.wangjiangjie}`);
    expect(wang.every((w) => w.communityId === DEMO_IDS.wangjiangjie)).toBe(true);
    // a community role filtering for another community gets nothing, not that community's warnings
    expect(await listAs('wangjiangjie@dongqu.demo', `&communityId=${DEMO_IDS.jinhui}`)).toEqual([]);
    expect(mine(await listAs('admin@dongqu.demo', '&status=resolved'))).toEqual([]);
    const bad = await t.request('/api/v1/warnings?severity=purple&kind=nope', { as: 'admin@dongqu.demo' });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['kind', 'severity']);
  });
});

describe('one warning: read, assign, resolve', () => {
  async function warningOf(kind: string, period: string) {
    const w = mine(await listAs('admin@dongqu.demo')).find((x) => x.kind === kind && x.period === period);
    if (!w) throw new Error(`no ${kind} ${period}`);
    return w;
  }

  it('GET /warnings/{id}: in scope 200, out of scope 404', async () => {
    const w = await warningOf('fund_idle', '2025-06'); // Wangjiangjie's
    expect((await t.request(`/api/v1/warnings/${w.id}`, { as: 'wangjiangjie@dongqu.demo' })).status).toBe(
      200,
    );
    for (const email of ['jinhui@dongqu.demo', 'soe@dongqu.demo', 'admin@xiqu.demo', 'geliping@xiqu.demo']) {
      expect((await t.request(`/api/v1/warnings/${w.id}`, { as: email })).status, email).toBe(404);
    }
  });

  it('PATCH sets the owner (district admins), with a version', async () => {
    const w = await warningOf('pledge_overdue', '2026-10-31');
    const owner = deterministicId('user:dukou@dongqu.demo');
    expect(
      (
        await patch(`/api/v1/warnings/${w.id}`, 'dukou@dongqu.demo', {
          ownerUserId: owner,
          version: w.version,
        })
      ).status,
    ).toBe(403);
    expect(
      (await patch(`/api/v1/warnings/${w.id}`, 'admin@xiqu.demo', { ownerUserId: null, version: w.version }))
        .status,
    ).toBe(404);
    const stranger = await patch(`/api/v1/warnings/${w.id}`, 'admin@dongqu.demo', {
      ownerUserId: deterministicId('user:admin@xiqu.demo'),
      version: w.version,
    });
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).error.fields.ownerUserId).toBe('该用户不是本区的用户');
    const ok = await patch(`/api/v1/warnings/${w.id}`, 'admin@dongqu.demo', {
      ownerUserId: owner,
      version: w.version,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ownerUserId: owner, version: w.version + 1 });
    const stale = await patch(`/api/v1/warnings/${w.id}`, 'admin@dongqu.demo', {
      ownerUserId: null,
      version: w.version,
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('stale_version');
    expect(await auditCount('warning.assign')).toBe(1);
  });

  it('resolve needs a resolution text: 400 naming `resolution`, in both languages', async () => {
    const w = await warningOf('revenue_drop', '2026-09');
    const zh = await post(`/api/v1/warnings/${w.id}/resolve`, 'jinhui@dongqu.demo', { version: w.version });
    expect(zh.status).toBe(400);
    expect((await zh.json()).error.fields.resolution).toBe('必填');
    const en = await post(
      `/api/v1/warnings/${w.id}/resolve`,
      'jinhui@dongqu.demo',
      { resolution: '  ', version: w.version },
      { 'Accept-Language': 'en' },
    );
    expect((await en.json()).error.fields.resolution).toBe('Must not be empty');
  });

  it('the community admin resolves its own; others get 403 (role) or 404 (scope)', async () => {
    const w = await warningOf('revenue_drop', '2026-09'); // Jinhui's
    const body = { resolution: '夜市改造停业两周，已恢复', version: w.version };
    for (const email of [
      'viewer@dongqu.demo',
      'reporter@jinhui.demo',
      'soe@dongqu.demo',
      'platform@gongfu.demo',
    ]) {
      expect((await post(`/api/v1/warnings/${w.id}/resolve`, email, body)).status, email).toBe(403);
    }
    for (const email of ['wangjiangjie@dongqu.demo', 'admin@xiqu.demo', 'geliping@xiqu.demo']) {
      expect((await post(`/api/v1/warnings/${w.id}/resolve`, email, body)).status, email).toBe(404);
    }
    expect(
      (
        await post(`/api/v1/warnings/${w.id}/resolve`, 'jinhui@dongqu.demo', {
          ...body,
          version: w.version + 5,
        })
      ).status,
    ).toBe(409);
    const res = await post(`/api/v1/warnings/${w.id}/resolve`, 'jinhui@dongqu.demo', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'resolved',
      resolution: body.resolution,
      resolvedBy: deterministicId('user:jinhui@dongqu.demo'),
      version: w.version + 1,
    });
    const again = await post(`/api/v1/warnings/${w.id}/resolve`, 'admin@dongqu.demo', {
      ...body,
      version: w.version + 1,
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('warning_already_resolved');

    // the audit log has the change with before and after
    const audit = await t.request(`/api/v1/audit?entityType=warning&entityId=${w.id}`, {
      as: 'jinhui@dongqu.demo',
    });
    const entries = (await audit.json()).items;
    const resolved = entries.find((e: { action: string }) => e.action === 'warning.resolve');
    expect(resolved).toMatchObject({
      actorUserId: deterministicId('user:jinhui@dongqu.demo'),
      communityId: DEMO_IDS.jinhui,
    });
    expect(resolved.before.status).toBe('open');
    expect(resolved.after.status).toBe('resolved');

    // a resolved warning is not raised again by a refresh
    await post('/api/v1/warnings/refresh', 'admin@dongqu.demo', { asOf: '2026-11-28' });
    expect((await t.request(`/api/v1/warnings/${w.id}`, { as: 'admin@dongqu.demo' })).status).toBe(200);
    const after = mine(await listAs('admin@dongqu.demo', '&kind=revenue_drop'));
    expect(after.map((x) => x.status)).toEqual(['resolved']);
  });

  it('a district admin resolves any warning of the district', async () => {
    const w = await warningOf('fund_idle', '2025-06');
    const res = await post(`/api/v1/warnings/${w.id}/resolve`, 'admin@dongqu.demo', {
      resolution: '已列入明年共议项目',
      version: w.version,
    });
    expect(res.status).toBe(200);
  });
});

describe('GET /api/v1/warnings: the workspace’s filters (street office, owner, one object)', () => {
  it('filters by street office, owner and subject, within the caller’s scope', async () => {
    const offices = await sql<{ community_id: string; street_office_id: string | null }>`
      select community_id, street_office_id from communities where district_id = ${D}`.execute(t.handle.db);
    const officeOf = new Map(offices.rows.map((r) => [r.community_id, r.street_office_id]));
    const jinhuiOffice = officeOf.get(DEMO_IDS.jinhui);
    if (!jinhuiOffice) throw new Error('Jinhui has no street office in the demo');
    const byOffice = await listAs('admin@dongqu.demo', `&streetOfficeId=${jinhuiOffice}`);
    expect(byOffice.length).toBeGreaterThan(0);
    expect(byOffice.every((w) => officeOf.get(w.communityId) === jinhuiOffice)).toBe(true);
    expect(mine(byOffice).map((w) => w.subjectId)).toContain(ids.ventureA);

    const aboutVenture = await listAs('admin@dongqu.demo', `&subjectId=${ids.ventureA}`);
    expect(aboutVenture.length).toBeGreaterThan(0);
    expect(aboutVenture.every((w) => w.subjectId === ids.ventureA)).toBe(true);

    const idle = mine(await listAs('admin@dongqu.demo', '&kind=fund_idle'))[0];
    if (!idle) throw new Error('no idle-fund warning');
    const owner = deterministicId('user:wangjiangjie@dongqu.demo');
    const assigned = await patch(`/api/v1/warnings/${idle.id}`, 'admin@dongqu.demo', {
      ownerUserId: owner,
      version: idle.version,
    });
    expect(assigned.status).toBe(200);
    const owned = await listAs('admin@dongqu.demo', `&ownerUserId=${owner}`);
    expect(owned.map((w) => w.id)).toEqual([idle.id]);
    expect((await listAs('wangjiangjie@dongqu.demo', `&ownerUserId=${owner}`)).map((w) => w.id)).toEqual([
      idle.id,
    ]);

    // another community or district asking for these objects gets nothing
    expect(await listAs('wangjiangjie@dongqu.demo', `&subjectId=${ids.ventureA}`)).toEqual([]);
    expect(await listAs('jinhui@dongqu.demo', `&ownerUserId=${owner}`)).toEqual([]);
    expect(await listAs('admin@xiqu.demo', `&streetOfficeId=${jinhuiOffice}`)).toEqual([]);
    expect(await listAs('geliping@xiqu.demo', `&subjectId=${ids.ventureA}`)).toEqual([]);
    const bad = await t.request('/api/v1/warnings?streetOfficeId=x&ownerUserId=y', {
      as: 'admin@dongqu.demo',
    });
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['ownerUserId', 'streetOfficeId']);
  });
});

describe('refresh without a date', () => {
  // last: "today" depends on the clock, so it must not change what the tests above count
  it('computes as of today in Shanghai', async () => {
    const res = await post('/api/v1/warnings/refresh', 'admin@dongqu.demo');
    expect(res.status).toBe(200);
    expect((await res.json()).asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('the reporting start', () => {
  // after the others: it stores warnings of its own venture, which no test above counts
  it('a venture owes no report before its reporting start (its own, else the district’s): no warning for those months', async () => {
    const ventureC = deterministicId('test:warnings:venture-c');
    await withTenantTransaction(t.handle.db, dongqu, (trx) =>
      trx
        .insertInto('ventures')
        .values({
          district_id: D,
          community_id: DEMO_IDS.dukou,
          venture_id: ventureC,
          name: '测试晚接入平台的项目',
          category: 'help_desk',
          started_on: '2026-08-01',
          // on the platform from November: August to October were never asked for
          reporting_start_month: '2026-11',
        })
        .execute(),
    );
    const overdueOfC = async () =>
      (await listAs('admin@dongqu.demo', `&subjectId=${ventureC}`))
        .filter((w) => w.kind === 'report_overdue')
        .map((w) => w.period)
        .sort();
    await post('/api/v1/warnings/refresh', 'admin@dongqu.demo', { asOf: '2026-11-28' });
    expect(await overdueOfC()).toEqual([]);

    // without its own start it follows the district's (from October): October is missing
    await withTenantTransaction(t.handle.db, dongqu, async (trx) => {
      await trx
        .updateTable('ventures')
        .set({ reporting_start_month: null })
        .where('district_id', '=', D)
        .where('venture_id', '=', ventureC)
        .execute();
      await trx
        .updateTable('districts')
        .set({ reporting_start_month: '2026-10' })
        .where('district_id', '=', D)
        .execute();
    });
    await post('/api/v1/warnings/refresh', 'admin@dongqu.demo', { asOf: '2026-11-28' });
    expect(await overdueOfC()).toEqual(['2026-10']);
    await withTenantTransaction(t.handle.db, dongqu, (trx) =>
      trx
        .updateTable('districts')
        .set({ reporting_start_month: null })
        .where('district_id', '=', D)
        .execute(),
    );
  });
});
