/**
 * The KPI rollups stay equal to the views that define them whatever writes the raw rows: the seed,
 * and each kind of change a fact depends on, made as the runtime role under each writer's scope.
 * The views' own arithmetic is checked against a TypeScript brute force in apps/api (kpis-correctness).
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import { rebuildRollups, rollupDrift } from './repositories/kpi-rollups';
import type { Database } from './schema';
import { DEMO_IDS, seedDemo } from './seed/demo';
import { deterministicId } from './seed/deterministic-id';
import { seedDemoHistory } from './seed/history';
import { type DbScope, withTenantTransaction } from './tenant';
import { createTestDatabase } from './testing';
import { testCitusWorkers } from './testing/env';

let handle: DatabaseHandle;
let db: Kysely<Database>;

const district: DbScope = {
  kind: 'district',
  userId: deterministicId('user:admin@dongqu.demo'),
  districtId: DEMO_IDS.dongqu,
};

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db, { hashPassword: async () => 'not-a-real-hash' });
  await seedDemoHistory(db);
});
afterAll(async () => handle?.close());

/** The owner's (superuser's) view of every tenant: the ground truth. */
async function expectInSync() {
  expect(await rollupDrift(db)).toEqual({ ventureMonths: 0, fundMonths: 0 });
}

async function ventureMonth(ventureId: string, month: string) {
  return db
    .selectFrom('kpi_venture_months')
    .selectAll()
    .where('district_id', '=', DEMO_IDS.dongqu)
    .where('venture_id', '=', ventureId)
    .where('month', '=', month)
    .executeTakeFirst();
}

/** A venture of a company with shareholdings, and one of its counted months with a profit. */
async function profitableCompanyMonth() {
  const r = await sql<{ venture_id: string; month: string; company_id: string; community_id: string }>`
    select k.venture_id, k.month, v.company_id, v.community_id
    from kpi_venture_months k
    join ventures v on v.district_id = k.district_id and v.venture_id = k.venture_id
    where k.district_id = ${DEMO_IDS.dongqu} and k.counted and k.revenue_fen - k.operating_cost_fen > 10000
      and exists (select 1 from shareholdings s where s.district_id = v.district_id and s.company_id = v.company_id)
    order by k.month desc, k.venture_id limit 1`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('the demo has no profitable company venture');
  return row;
}

describe('KPI rollups', () => {
  it('hold a row per reported venture-month and per fund-month after the seed, equal to their views', async () => {
    const counts = await sql<{ v: number; f: number }>`
      select (select count(*) from kpi_venture_months)::int as v, (select count(*) from kpi_fund_months)::int as f`.execute(
      db,
    );
    expect(counts.rows[0]?.v).toBeGreaterThan(100);
    expect(counts.rows[0]?.f).toBeGreaterThan(20);
    await expectInSync();
  });

  it('follow a change of shareholdings: every month of the company ventures is split again', async () => {
    const target = await profitableCompanyMonth();
    const before = await ventureMonth(target.venture_id, target.month);
    await withTenantTransaction(db, district, async (trx) => {
      // the community keeps 30% of the company, the rest goes to a new residents' holding
      await trx
        .updateTable('shareholdings')
        .set({ share_bp: 3000 })
        .where('district_id', '=', DEMO_IDS.dongqu)
        .where('company_id', '=', target.company_id)
        .where('holder_kind', '=', 'community')
        .execute();
      await trx
        .insertInto('shareholdings')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: target.community_id,
          company_id: target.company_id,
          holder_kind: 'residents',
          holder_name: '居民持股会',
          contribution_kind: 'cash',
          share_bp: 7000,
          position: 99,
        })
        .execute();
    });
    const after = await ventureMonth(target.venture_id, target.month);
    expect(after?.income_fen).not.toEqual(before?.income_fen);
    await expectInSync();
  });

  it('follow a venture moving out of its company (its whole profit becomes the community income)', async () => {
    const target = await profitableCompanyMonth();
    await withTenantTransaction(db, district, (trx) =>
      trx
        .updateTable('ventures')
        .set({ company_id: null })
        .where('district_id', '=', DEMO_IDS.dongqu)
        .where('venture_id', '=', target.venture_id)
        .execute(),
    );
    const after = await ventureMonth(target.venture_id, target.month);
    expect(Number(after?.income_fen)).toBe(
      Number(after?.revenue_fen) - Number(after?.operating_cost_fen) + Number(after?.remittance_received_fen),
    );
    await expectInSync();
  });

  it('follow an amendment: the new approved revision is counted, the superseded one is not', async () => {
    const target = await profitableCompanyMonth();
    await withTenantTransaction(db, district, async (trx) => {
      const current = await trx
        .selectFrom('monthly_reports')
        .selectAll()
        .where('district_id', '=', DEMO_IDS.dongqu)
        .where('venture_id', '=', target.venture_id)
        .where('month', '=', target.month)
        .where('status', 'in', ['approved', 'locked'])
        .orderBy('revision', 'desc')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('monthly_reports')
        .set({ status: 'superseded' })
        .where('district_id', '=', DEMO_IDS.dongqu)
        .where('report_id', '=', current.report_id)
        .execute();
      await trx
        .insertInto('monthly_reports')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: current.community_id,
          venture_id: current.venture_id,
          month: current.month,
          revision: current.revision + 1,
          amends_report_id: current.report_id,
          status: 'approved',
          revenue_fen: Number(current.revenue_fen) + 123_45,
          operating_cost_fen: Number(current.operating_cost_fen),
        })
        .execute();
    });
    const after = await ventureMonth(target.venture_id, target.month);
    expect(after?.counted).toBe(true);
    const revenue = await sql<{ revenue_fen: string }>`
      select revenue_fen from monthly_reports
      where district_id = ${DEMO_IDS.dongqu} and venture_id = ${target.venture_id} and month = ${target.month}
      order by revision desc limit 1`.execute(db);
    expect(String(after?.revenue_fen)).toBe(String(revenue.rows[0]?.revenue_fen));
    await expectInSync();
  });

  it('follow a first submission event, a report deleted, and a partner writing its own venture', async () => {
    const venture = deterministicId('venture:jinhui-tidal-market');
    const partner: DbScope = {
      kind: 'partner',
      userId: deterministicId('user:soe@dongqu.demo'),
      districtId: DEMO_IDS.dongqu,
      partnerId: DEMO_IDS.soe,
    };
    const reportId = await withTenantTransaction(db, partner, async (trx) => {
      const report = await trx
        .insertInto('monthly_reports')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.jinhui,
          venture_id: venture,
          month: '2030-01',
          status: 'submitted',
          revenue_fen: 1_000_00,
        })
        .returning('report_id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('report_events')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.jinhui,
          report_id: report.report_id,
          venture_id: venture,
          action: 'submit',
          from_status: 'draft',
          to_status: 'submitted',
          actor_user_id: deterministicId('user:soe@dongqu.demo'),
          created_at: new Date('2030-02-03T01:00:00Z'),
        })
        .execute();
      return report.report_id;
    });
    const row = await ventureMonth(venture, '2030-01');
    expect(row?.counted).toBe(false);
    expect(row?.latest_status).toBe('submitted');
    expect(row?.first_submitted_at?.toISOString()).toBe('2030-02-03T01:00:00.000Z');
    await expectInSync();

    // the partner's own view of the rollup is in sync too, and holds only its venture
    const seen = await withTenantTransaction(db, partner, async (trx) => ({
      drift: await rollupDrift(trx),
      ventures: await trx.selectFrom('kpi_venture_months').select('venture_id').distinct().execute(),
    }));
    expect(seen.drift).toEqual({ ventureMonths: 0, fundMonths: 0 });
    const operated = await withTenantTransaction(db, partner, (trx) =>
      trx
        .selectFrom('ventures')
        .select('venture_id')
        .where('operator_partner_id', '=', DEMO_IDS.soe)
        .execute(),
    );
    expect(seen.ventures.map((v) => v.venture_id)).toContain(venture);
    expect(seen.ventures.every((v) => operated.some((o) => o.venture_id === v.venture_id))).toBe(true);

    await sql`delete from report_events where district_id = ${DEMO_IDS.dongqu} and report_id = ${reportId}`.execute(
      db,
    );
    await sql`delete from monthly_reports where district_id = ${DEMO_IDS.dongqu} and report_id = ${reportId}`.execute(
      db,
    );
    expect(await ventureMonth(venture, '2030-01')).toBeUndefined();
    await expectInSync();
  });

  it('follow the ledger: a reversal takes its original kind, a proposal status decides what is backed', async () => {
    const payout = await sql<{
      community_id: string;
      fund_id: string;
      entry_id: string;
      proposal_id: string;
      amount_fen: string;
      month: string;
    }>`
      select e.community_id, e.fund_id, e.entry_id, e.proposal_id, e.amount_fen::text as amount_fen,
             e.month::text as month
      from ledger_entries e
      join proposals p on p.district_id = e.district_id and p.proposal_id = e.proposal_id
      where e.district_id = ${DEMO_IDS.dongqu} and e.kind = 'expenditure'
        and p.status in ('paid_out', 'closed', 'disclosed')
      order by e.created_at limit 1`.execute(db);
    const entry = payout.rows[0];
    if (!entry) throw new Error('the demo has no payout of a disclosed proposal');

    await withTenantTransaction(db, district, (trx) =>
      trx
        .insertInto('ledger_entries')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: entry.community_id,
          fund_id: entry.fund_id,
          kind: 'reversal',
          direction: 1,
          amount_fen: Number(entry.amount_fen),
          month: '2030-01',
          reverses_entry_id: entry.entry_id,
        })
        .execute(),
    );
    const reversed = await db
      .selectFrom('kpi_fund_months')
      .selectAll()
      .where('district_id', '=', DEMO_IDS.dongqu)
      .where('fund_id', '=', entry.fund_id)
      .where('month', '=', '2030-01')
      .executeTakeFirstOrThrow();
    expect(Number(reversed.expenditure_fen)).toBe(-Number(entry.amount_fen));
    expect(Number(reversed.net_fen)).toBe(Number(entry.amount_fen));
    await expectInSync();

    // the payout's own month: counted as an approved project's spending until the proposal is cancelled
    const payoutMonth = () =>
      db
        .selectFrom('kpi_fund_months')
        .select(['project_expenditure_fen', 'expenditure_fen'])
        .where('district_id', '=', DEMO_IDS.dongqu)
        .where('fund_id', '=', entry.fund_id)
        .where('month', '=', entry.month)
        .executeTakeFirstOrThrow();
    const before = await payoutMonth();
    await withTenantTransaction(db, district, (trx) =>
      trx
        .updateTable('proposals')
        .set({ status: 'cancelled' })
        .where('district_id', '=', DEMO_IDS.dongqu)
        .where('proposal_id', '=', entry.proposal_id)
        .execute(),
    );
    const after = await payoutMonth();
    expect(Number(before.project_expenditure_fen) - Number(after.project_expenditure_fen)).toBe(
      Number(entry.amount_fen),
    );
    expect(after.expenditure_fen).toEqual(before.expenditure_fen);
    await expectInSync();
  });

  it('follow a bulk write that defers the refresh to its COMMIT (gongfu.kpi_defer), even past SET CONSTRAINTS IMMEDIATE', async () => {
    const admin = deterministicId('user:wangjiangjie@dongqu.demo');
    const community: DbScope = {
      kind: 'community',
      userId: admin,
      districtId: DEMO_IDS.dongqu,
      communityId: DEMO_IDS.wangjiangjie,
    };
    const ventures = await db
      .selectFrom('ventures')
      .select('venture_id')
      .where('district_id', '=', DEMO_IDS.dongqu)
      .where('community_id', '=', DEMO_IDS.wangjiangjie)
      .orderBy('venture_id')
      .limit(3)
      .execute();
    const [a, b, c] = ventures.map((v) => v.venture_id);
    if (!a || !b || !c) throw new Error('the demo community has fewer than three ventures');
    const report = (venture: string, month: string, status: 'draft' | 'approved') => ({
      district_id: DEMO_IDS.dongqu,
      community_id: DEMO_IDS.wangjiangjie,
      venture_id: venture,
      month,
      status,
      revenue_fen: 2_000_00,
      operating_cost_fen: 500_00,
    });
    const seenInside = await withTenantTransaction(db, community, async (trx) => {
      await sql`select set_config('gongfu.kpi_defer', 'on', true)`.execute(trx);
      const written = await trx
        .insertInto('monthly_reports')
        .values([
          report(a, '2030-03', 'approved'),
          report(b, '2030-03', 'draft'),
          report(c, '2030-04', 'draft'),
        ])
        .returning(['report_id', 'venture_id'])
        .execute();
      const ofB = written.find((r) => r.venture_id === b)?.report_id ?? '';
      const ofC = written.find((r) => r.venture_id === c)?.report_id ?? '';
      await trx
        .insertInto('report_events')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.wangjiangjie,
          report_id: ofB,
          venture_id: b,
          action: 'submit',
          from_status: 'draft',
          to_status: 'submitted',
          actor_user_id: admin,
          created_at: new Date('2030-04-02T01:00:00Z'),
        })
        .execute();
      await trx
        .updateTable('monthly_reports')
        .set({ status: 'submitted' })
        .where('report_id', '=', ofB)
        .execute();
      const deferred = await rollupDrift(trx);
      // what a commit's deferred triggers recompute now, then a later write still deferred
      await sql`set constraints all immediate`.execute(trx);
      await sql`set constraints all deferred`.execute(trx);
      await trx
        .updateTable('monthly_reports')
        .set({ revenue_fen: 3_000_00 })
        .where('report_id', '=', ofC)
        .execute();
      await trx.deleteFrom('monthly_reports').where('report_id', '=', ofC).execute();
      return deferred;
    });
    // inside the transaction the roll-ups had not moved: the refresh was deferred, not run per statement. On a Citus
    // cluster set_config() does not reach the workers, whose statement triggers refresh as before: correct, not
    // deferred (ADR 0023, ADR 0027) — what follows holds there too
    if (testCitusWorkers === undefined) expect(seenInside.ventureMonths).toBeGreaterThan(0);
    else expect(seenInside.ventureMonths).toBe(0);
    expect((await ventureMonth(a, '2030-03'))?.counted).toBe(true);
    expect((await ventureMonth(b, '2030-03'))?.first_submitted_at?.toISOString()).toBe(
      '2030-04-02T01:00:00.000Z',
    );
    expect(await ventureMonth(c, '2030-04')).toBeUndefined();
    await expectInSync();
    await sql`delete from report_events where district_id = ${DEMO_IDS.dongqu} and venture_id in (${a}, ${b})
                and created_at = '2030-04-02T01:00:00Z'`.execute(db);
    await sql`delete from monthly_reports where district_id = ${DEMO_IDS.dongqu} and venture_id in (${a}, ${b})
                and month = '2030-03'`.execute(db);
    await expectInSync();
  });

  it('are rebuilt from the raw rows in a district scope, to the same rows', async () => {
    const before = await sql<{ n: number }>`
      select count(*)::int as n from kpi_venture_months where district_id = ${DEMO_IDS.dongqu}`.execute(db);
    const rebuilt = await withTenantTransaction(db, district, (trx) =>
      rebuildRollups(trx, { districtId: DEMO_IDS.dongqu }),
    );
    expect(rebuilt.ventureMonths).toBe(before.rows[0]?.n);
    await expectInSync();
  });

  it('cannot be written into another district from a district scope', async () => {
    const xiquScope: DbScope = {
      kind: 'district',
      userId: deterministicId('user:admin@xiqu.demo'),
      districtId: DEMO_IDS.xiqu,
    };
    await withTenantTransaction(db, xiquScope, (trx) =>
      trx
        .insertInto('monthly_reports')
        .values({
          district_id: DEMO_IDS.xiqu,
          community_id: DEMO_IDS.xiquCommunity,
          venture_id: deterministicId('venture:xiqu-canteen'),
          month: '2030-01',
          status: 'approved',
          revenue_fen: 500_00,
        })
        .execute(),
    );
    const xiqu = await sql<{ n: number }>`
      select count(*)::int as n from kpi_venture_months where district_id = ${DEMO_IDS.xiqu}`.execute(db);
    expect(xiqu.rows[0]?.n).toBeGreaterThan(0);
    await withTenantTransaction(db, district, (trx) => rebuildRollups(trx, { districtId: DEMO_IDS.xiqu }));
    const after = await sql<{ n: number }>`
      select count(*)::int as n from kpi_venture_months where district_id = ${DEMO_IDS.xiqu}`.execute(db);
    expect(after.rows[0]?.n).toBe(xiqu.rows[0]?.n);
  });
});
