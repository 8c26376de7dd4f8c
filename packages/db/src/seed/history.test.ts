import {
  addMonths,
  checkPlausibility,
  computeDistribution,
  flaggedFields,
  isValidCreditCode,
  type Month,
  type ReportFigures,
  reportDeadline,
} from '@gongfu/domain';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connect';
import type { Database } from '../schema';
import { createTestDatabase } from '../testing';
import { tableChecksums } from './checksum';
import { DEMO_IDS, seedDemo, TIDAL_MARKET_MIN_REMITTANCE_FEN } from './demo';
import { DEMO_GENERATED_COMMUNITIES, seedDemoHistory } from './history';
import { DEMO_TODAY, FIRST_MONTH, LAST_MONTH } from './history-kit';
import { STORY_FUND_IDS, WANGJIANGJIE_RULE } from './stories';

/** Read as the connecting (owner/superuser) role: the ground truth of what the seed wrote. */
let handle: DatabaseHandle;
let db: Kysely<Database>;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  const demo = await seedDemo(db, { hashPassword: async () => 'not-a-real-hash' });
  expect(demo.created).toBe(true);
  const history = await seedDemoHistory(db);
  expect(history.created).toBe(true);
  console.info(`seedDemoHistory on ${handle.kind}: ${history.ms} ms`, history.stories, history.generated);
});
afterAll(async () => handle?.close());

const n = (value: string | number | bigint | null | undefined) => Number(value ?? 0);

describe('Jinhui: 德汇社区服务公司 runs the tidal market (场地入股 + 专业运营, SOE-backed)', () => {
  it('the company has a valid credit code, the site-equity model and shares summing to 10,000 bp', async () => {
    const company = await db
      .selectFrom('companies')
      .selectAll()
      .where('company_id', '=', DEMO_IDS.dehuiCompany)
      .executeTakeFirstOrThrow();
    expect(company.legal_name).toContain('德汇社区服务');
    expect(isValidCreditCode(company.credit_code)).toBe(true);
    expect(company.operating_model).toBe('site_equity_professional_operation');
    const holdings = await db
      .selectFrom('shareholdings')
      .selectAll()
      .where('company_id', '=', DEMO_IDS.dehuiCompany)
      .orderBy('position')
      .execute();
    expect(holdings.reduce((sum, h) => sum + h.share_bp, 0)).toBe(10_000);
    const [community, incubator] = holdings;
    expect(community).toMatchObject({
      holder_name: '金汇社区',
      contribution_kind: 'site',
      asset_id: DEMO_IDS.marketSite,
      appraisal_id: DEMO_IDS.marketSiteAppraisal,
    });
    expect(incubator).toMatchObject({
      holder_partner_id: DEMO_IDS.tusStar,
      contribution_kind: 'operation_expertise',
    });
  });

  it('the SOE operates the market from June 2025 with a ¥20,000 guaranteed monthly remittance', async () => {
    const venture = await db
      .selectFrom('ventures')
      .selectAll()
      .where('venture_id', '=', DEMO_IDS.tidalMarket)
      .executeTakeFirstOrThrow();
    expect(venture).toMatchObject({ operator_partner_id: DEMO_IDS.soe, company_id: DEMO_IDS.dehuiCompany });
    expect(venture.started_on).toBe('2025-06-01');
    const agreement = await db
      .selectFrom('operator_agreements')
      .selectAll()
      .where('venture_id', '=', DEMO_IDS.tidalMarket)
      .where('partner_id', '=', DEMO_IDS.soe)
      .executeTakeFirstOrThrow();
    expect(agreement.starts_on).toBe('2025-06-01');
    expect(n(agreement.guaranteed_min_remittance_fen)).toBe(2_000_000);
  });

  it('6 stable jobs and about ¥20,000 a month to the community, every month since June 2025', async () => {
    const reports = await db
      .selectFrom('monthly_reports')
      .selectAll()
      .where('venture_id', '=', DEMO_IDS.tidalMarket)
      .orderBy('month')
      .execute();
    expect(reports.map((r) => r.month)).toEqual(monthsBetween('2025-06', LAST_MONTH));
    expect(reports.at(-1)?.stable_jobs).toBe(6);
    for (const r of reports) {
      expect(n(r.remittance_received_fen)).toBeGreaterThanOrEqual(TIDAL_MARKET_MIN_REMITTANCE_FEN);
      // community income = its 60 % of the (small) profit + the remittance: "每月约 2 万元"
      const income =
        Math.round((n(r.revenue_fen) - n(r.operating_cost_fen)) * 0.6) + n(r.remittance_received_fen);
      expect(income).toBeGreaterThan(1_900_000);
      expect(income).toBeLessThan(2_300_000);
    }
    const average = reports.reduce((s, r) => s + n(r.remittance_received_fen), 0) / reports.length;
    expect(Math.abs(average - 2_000_000)).toBeLessThan(100_000);
  });
});

describe("Wangjiangjie: the 40 % rule, the reading room, Lao Wang's 10 minutes, the canteen proposal", () => {
  it('the governance fund receives exactly 40 % of every approved report’s distributable amount', async () => {
    expect(WANGJIANGJIE_RULE.governanceFundBp).toBe(4000);
    const approved = await db
      .selectFrom('monthly_reports')
      .selectAll()
      .where('community_id', '=', DEMO_IDS.wangjiangjie)
      .where('status', '=', 'approved')
      .execute();
    expect(approved.length).toBe(48);
    const allocations = await db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('fund_id', '=', STORY_FUND_IDS.wangjiangjie.governance_special)
      .where('kind', '=', 'allocation')
      .execute();
    let distributable = 0;
    let governance = 0;
    for (const report of approved) {
      const d = distributableOf(report);
      const entry = allocations.find((e) => e.source_id === report.report_id);
      distributable += d;
      governance += n(entry?.amount_fen);
      expect(n(entry?.amount_fen) * 10_000).toBe(d * 4_000);
      if (entry) expect(entry.posting_key).toBe(`report:${report.report_id}:r1:governance`);
    }
    expect(distributable).toBeGreaterThan(0);
    expect(governance * 10_000).toBe(distributable * 4_000);
    expect(allocations.length).toBe(approved.filter((r) => distributableOf(r) > 0).length);
  });

  it('the service station promises 10 minutes and reports requests met within it', async () => {
    const station = await db
      .selectFrom('ventures')
      .selectAll()
      .where('venture_id', '=', DEMO_IDS.serviceStation)
      .executeTakeFirstOrThrow();
    expect(station.promised_response_minutes).toBe(10);
    const reports = await db
      .selectFrom('monthly_reports')
      .select(['service_requests', 'requests_within_promise'])
      .where('venture_id', '=', DEMO_IDS.serviceStation)
      .execute();
    expect(reports).toHaveLength(24);
    const requests = reports.reduce((s, r) => s + r.service_requests, 0);
    const within = reports.reduce((s, r) => s + r.requests_within_promise, 0);
    expect(requests).toBeGreaterThan(0);
    expect(within / requests).toBeGreaterThan(0.9);
    expect(within).toBeLessThan(requests);
  });

  it('the reading room and a deliberated proposal for the elderly canteen from the governance fund', async () => {
    const ventures = await db
      .selectFrom('ventures')
      .select(['name', 'category', 'status'])
      .where('community_id', '=', DEMO_IDS.wangjiangjie)
      .orderBy('name')
      .execute();
    expect(ventures).toContainEqual({ name: '拾光书屋', category: 'reading_room', status: 'operating' });
    expect(ventures).toContainEqual(
      expect.objectContaining({ category: 'elderly_canteen', status: 'planned' }),
    );
    const canteen = await db
      .selectFrom('proposals')
      .selectAll()
      .where('community_id', '=', DEMO_IDS.wangjiangjie)
      .where('title', 'like', '%长者食堂%')
      .executeTakeFirstOrThrow();
    expect(canteen.fund_id).toBe(STORY_FUND_IDS.wangjiangjie.governance_special);
    expect(['draft', 'deliberation', 'approved']).toContain(canteen.status);
    expect(canteen.votes_for).toBeGreaterThan((canteen.attendance ?? 0) / 2);
    const fund = await db
      .selectFrom('funds')
      .select('balance_fen')
      .where('fund_id', '=', canteen.fund_id)
      .executeTakeFirstOrThrow();
    expect(n(fund.balance_fen)).toBeGreaterThanOrEqual(n(canteen.amount_fen));
  });
});

describe("Dukou: the association's help desk and micro-innovation park, the enterprises' charity fund", () => {
  it('the association operates both ventures', async () => {
    const ventures = await db
      .selectFrom('ventures')
      .select(['category', 'operator_partner_id'])
      .where('community_id', '=', DEMO_IDS.dukou)
      .execute();
    expect(ventures.map((v) => v.category).sort()).toEqual(['help_desk', 'micro_innovation_park']);
    expect(ventures.every((v) => v.operator_partner_id === DEMO_IDS.autoAssociation)).toBe(true);
  });

  it('cash give-back fulfilments are donations into the charity fund; one pledge is overdue', async () => {
    const fulfilments = await db
      .selectFrom('pledge_fulfilments as f')
      .innerJoin('pledges as p', 'p.pledge_id', 'f.pledge_id')
      .select(['p.kind', 'f.value_fen', 'f.ledger_entry_id'])
      .where('f.community_id', '=', DEMO_IDS.dukou)
      .execute();
    const cash = fulfilments.filter((f) => f.kind === 'cash');
    expect(cash.length).toBeGreaterThan(0);
    expect(cash.every((f) => f.ledger_entry_id !== null)).toBe(true);
    expect(fulfilments.filter((f) => f.kind !== 'cash').every((f) => f.ledger_entry_id === null)).toBe(true);
    const donations = await db
      .selectFrom('ledger_entries')
      .select(['entry_id', 'amount_fen'])
      .where('fund_id', '=', STORY_FUND_IDS.dukou.charity_common_prosperity)
      .where('kind', '=', 'donation')
      .execute();
    expect(donations.map((d) => d.entry_id).sort()).toEqual(cash.map((f) => f.ledger_entry_id).sort());
    expect(donations.reduce((s, d) => s + n(d.amount_fen), 0)).toBe(
      cash.reduce((s, f) => s + n(f.value_fen), 0),
    );
    const overdue = await db
      .selectFrom('pledges')
      .select('pledge_id')
      .where('community_id', '=', DEMO_IDS.dukou)
      .where('status', '=', 'open')
      .where('due_on', '<', DEMO_TODAY)
      .execute();
    expect(overdue).toHaveLength(1);
  });
});

describe('every fund', () => {
  it('has a balance equal to the sum of its entries, never below zero', async () => {
    const funds = await sql<{ fund_id: string; balance_fen: string; entries: string; lowest: string | null }>`
      select f.fund_id, f.balance_fen::text,
             coalesce((select sum(e.direction * e.amount_fen) from ledger_entries e
                       where e.district_id = f.district_id and e.fund_id = f.fund_id), 0)::text as entries,
             (select min(running)::text from (
                select sum(e.direction * e.amount_fen) over (order by e.created_at, e.entry_id) as running
                from ledger_entries e where e.district_id = f.district_id and e.fund_id = f.fund_id) r) as lowest
      from funds f`.execute(db);
    expect(funds.rows.length).toBeGreaterThan(80);
    for (const f of funds.rows) {
      expect(n(f.balance_fen), f.fund_id).toBe(n(f.entries));
      expect(n(f.balance_fen)).toBeGreaterThanOrEqual(0);
      // in the ledger's booking order (time, then id), as its running balance column reads it
      expect(n(f.lowest), f.fund_id).toBeGreaterThanOrEqual(0);
    }
    const withOutflows = await db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'expenditure')
      .executeTakeFirstOrThrow();
    expect(n(withOutflows.n)).toBeGreaterThan(10);
  });

  it('every payout belongs to a paid-out proposal and never exceeds it', async () => {
    const rows = await sql<{
      proposal_id: string;
      paid: string;
      amount: string;
      paid_fen: string;
      status: string;
    }>`
      select p.proposal_id, p.status, p.amount_fen::text as amount, p.paid_fen::text,
             coalesce(sum(e.amount_fen), 0)::text as paid
      from proposals p left join ledger_entries e on e.proposal_id = p.proposal_id and e.kind = 'expenditure'
      group by p.proposal_id, p.status, p.amount_fen, p.paid_fen`.execute(db);
    for (const r of rows.rows) {
      expect(n(r.paid)).toBe(n(r.paid_fen));
      expect(n(r.paid)).toBeLessThanOrEqual(n(r.amount));
      expect(n(r.paid) > 0).toBe(['paid_out', 'closed'].includes(r.status) && n(r.paid_fen) > 0);
    }
  });
});

describe('seeded money is booked when it happened, not when the seed ran', () => {
  const beforeToday = Date.parse(`${DEMO_TODAY}T00:00:00+08:00`);
  const shanghaiDay = (at: Date | string) =>
    new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  it('every entry is booked before the demo’s today, and a story fund’s entries spread over two years', async () => {
    const latest = await sql<{ at: Date }>`select max(created_at) as at from ledger_entries`.execute(db);
    expect(new Date(latest.rows[0]?.at ?? 0).getTime()).toBeLessThan(beforeToday);
    const days = await sql<{ days: number; months: number }>`
      select count(distinct (created_at at time zone 'Asia/Shanghai')::date)::int as days,
             count(distinct month)::int as months
      from ledger_entries where fund_id = ${STORY_FUND_IDS.wangjiangjie.governance_special}`.execute(db);
    // one allocation per approved month and venture, each on the day its report was approved
    expect(days.rows[0]?.months).toBeGreaterThanOrEqual(23);
    expect(days.rows[0]?.days).toBeGreaterThanOrEqual(23);
  });

  it('an approval’s allocations at the approval’s time, in the month after the report’s month', async () => {
    const rows = await sql<{ entry_id: string; month: string; created_at: Date; approved_at: Date | null }>`
      select e.entry_id, e.month, e.created_at,
             (select max(ev.created_at) from report_events ev
              where ev.district_id = e.district_id and ev.report_id = e.source_id and ev.action = 'approve')
               as approved_at
      from ledger_entries e where e.source_type = 'monthly_report'`.execute(db);
    expect(rows.rows.length).toBeGreaterThan(1_000);
    for (const r of rows.rows) {
      expect(r.approved_at, r.entry_id).not.toBeNull();
      // the stories space a fund's entries at least a second apart
      const lag = new Date(r.created_at).getTime() - new Date(r.approved_at ?? 0).getTime();
      expect(lag, r.entry_id).toBeGreaterThanOrEqual(0);
      expect(lag, r.entry_id).toBeLessThan(60_000);
      expect(shanghaiDay(r.created_at).slice(0, 7), r.entry_id).toBe(addMonths(r.month as Month, 1));
    }
  });

  it('a payout on its payout date, after its disclosure; a donation on its fulfilment day', async () => {
    const payouts = await sql<{
      entry_id: string;
      month: string;
      paid_on: string;
      created_at: Date;
      ends: string;
    }>`
      select e.entry_id, e.month, e.paid_on::text, e.created_at, p.disclosure_ends_on::text as ends
      from ledger_entries e join proposals p on p.district_id = e.district_id and p.proposal_id = e.proposal_id
      where e.kind = 'expenditure'`.execute(db);
    expect(payouts.rows.length).toBeGreaterThan(10);
    for (const r of payouts.rows) {
      expect(shanghaiDay(r.created_at), r.entry_id).toBe(r.paid_on);
      expect(r.paid_on.slice(0, 7), r.entry_id).toBe(r.month);
      expect(r.paid_on > r.ends, r.entry_id).toBe(true);
    }
    const storyPayout = payouts.rows.find((r) => r.paid_on === '2025-07-20');
    expect(storyPayout, 'the picture-book corner, paid on 2025-07-20').toBeDefined();

    const donations = await sql<{ entry_id: string; month: string; created_at: Date; on: string | null }>`
      select e.entry_id, e.month, e.created_at, f.fulfilled_on::text as on
      from ledger_entries e
      left join pledge_fulfilments f on f.district_id = e.district_id and f.ledger_entry_id = e.entry_id
      where e.kind = 'donation'`.execute(db);
    expect(donations.rows.length).toBeGreaterThan(5);
    for (const r of donations.rows) {
      expect(r.on, r.entry_id).not.toBeNull();
      expect(shanghaiDay(r.created_at), r.entry_id).toBe(r.on);
      expect(r.on?.slice(0, 7), r.entry_id).toBe(r.month);
    }
  });
});

describe('the generated communities', () => {
  it(`at least 30 of them, each with 24 months of reports (${FIRST_MONTH} … ${LAST_MONTH})`, async () => {
    const rows = await sql<{ community_id: string; months: number; first: string; last: string }>`
      select c.community_id, count(distinct r.month)::int as months, min(r.month) as first, max(r.month) as last
      from communities c join monthly_reports r on r.community_id = c.community_id
      where c.district_id = ${DEMO_IDS.dongqu}
        and c.community_id not in (${DEMO_IDS.wangjiangjie}, ${DEMO_IDS.jinhui}, ${DEMO_IDS.dukou})
      group by c.community_id`.execute(db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.rows.length).toBe(DEMO_GENERATED_COMMUNITIES);
    for (const r of rows.rows) expect(r).toMatchObject({ months: 24, first: FIRST_MONTH, last: LAST_MONTH });
    const streets = await db
      .selectFrom('street_offices')
      .select('name')
      .where('district_id', '=', DEMO_IDS.dongqu)
      .execute();
    expect(streets.length).toBeGreaterThanOrEqual(4);
  });

  it('have varied ventures, companies with valid codes and shares summing to 10,000 bp', async () => {
    const ventures = await db.selectFrom('ventures').select(['category', 'price_tier']).execute();
    expect(new Set(ventures.map((v) => v.category)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(ventures.map((v) => v.price_tier))).toEqual(
      new Set(['public_welfare', 'low_price', 'market']),
    );
    const companies = await db
      .selectFrom('companies')
      .select(['company_id', 'credit_code', 'operating_model'])
      .execute();
    expect(companies.length).toBeGreaterThan(10);
    expect(new Set(companies.map((c) => c.operating_model)).size).toBe(5);
    for (const c of companies) {
      if (c.credit_code.startsWith('9151040'))
        expect(isValidCreditCode(c.credit_code), c.credit_code).toBe(true);
    }
    const sums = await sql<{ company_id: string; total: number }>`
      select company_id, sum(share_bp)::int as total from shareholdings group by company_id`.execute(db);
    // the RLS test's fixtures are not here: every company is the seed's
    for (const s of sums.rows) expect(s.total).toBe(10_000);
    expect(sums.rows.length).toBe(companies.length);
  });

  it('give the warnings something to find: falls, expiring agreements, late, missing and returned reports, idle funds', async () => {
    const drops = await sql<{ n: number }>`
      select count(*)::int as n from monthly_reports cur join monthly_reports prev
        on prev.venture_id = cur.venture_id and prev.month = ${addMonths(LAST_MONTH, -1)}
      where cur.month = ${LAST_MONTH} and cur.revenue_fen < prev.revenue_fen * 0.7`.execute(db);
    expect(drops.rows[0]?.n).toBeGreaterThan(0);
    const expiring = await sql<{ n: number }>`
      select count(*)::int as n from operator_agreements
      where ends_on >= ${DEMO_TODAY}::date and ends_on < ${DEMO_TODAY}::date + 90`.execute(db);
    expect(expiring.rows[0]?.n).toBeGreaterThan(1);
    const ventures = await db
      .selectFrom('ventures')
      .select('venture_id')
      .where('status', '=', 'operating')
      .execute();
    const lastMonth = await db
      .selectFrom('monthly_reports')
      .select(['venture_id', 'status'])
      .where('month', '=', LAST_MONTH)
      .execute();
    const reported = new Set(lastMonth.filter((r) => r.status !== 'draft').map((r) => r.venture_id));
    expect(ventures.filter((v) => !reported.has(v.venture_id)).length).toBeGreaterThan(0);
    expect(lastMonth.filter((r) => r.status === 'returned').length).toBeGreaterThan(0);
    expect(lastMonth.filter((r) => r.status === 'submitted').length).toBeGreaterThan(0);
    const firstSubmits = await sql<{ month: string; first: Date }>`
      select r.month, min(e.created_at) as first from monthly_reports r
      join report_events e on e.report_id = r.report_id and e.action = 'submit'
      group by r.report_id, r.month`.execute(db);
    const late = firstSubmits.rows.filter(
      (r) => new Date(r.first).getTime() >= reportDeadline(r.month as Month).getTime(),
    );
    expect(late.length).toBeGreaterThan(20);
    expect(late.length).toBeLessThan(firstSubmits.rows.length / 4);
    const resubmitted = await sql<{ n: number }>`
      select count(distinct report_id)::int as n from report_events where action = 'return'`.execute(db);
    expect(resubmitted.rows[0]?.n).toBeGreaterThan(20);
    const idle = await sql<{ n: number }>`
      select count(*)::int as n from funds f where f.balance_fen > 0 and f.kind <> 'reserve' and not exists (
        select 1 from ledger_entries e where e.fund_id = f.fund_id and e.direction = -1
          and e.month > ${addMonths(LAST_MONTH, -12)})`.execute(db);
    expect(idle.rows[0]?.n).toBeGreaterThan(5);
    const belowMinimum = await sql<{ n: number }>`
      select count(*)::int as n from monthly_reports where remittance_received_fen < remittance_due_fen`.execute(
      db,
    );
    expect(belowMinimum.rows[0]?.n).toBeGreaterThan(0);
  });

  it('every report has a consistent workflow history', async () => {
    const reports = await db.selectFrom('monthly_reports').select(['report_id', 'status']).execute();
    const events = await db
      .selectFrom('report_events')
      .select(['report_id', 'action', 'from_status', 'to_status', 'created_at'])
      .orderBy('created_at')
      .execute();
    const byReport = new Map<string, typeof events>();
    for (const e of events) byReport.set(e.report_id, [...(byReport.get(e.report_id) ?? []), e]);
    for (const r of reports) {
      const history = byReport.get(r.report_id) ?? [];
      let status = 'draft';
      for (const e of history) {
        expect(e.from_status).toBe(status);
        status = e.to_status;
      }
      expect(status).toBe(r.status);
      const last = history.at(-1);
      if (last)
        expect(new Date(last.created_at).getTime()).toBeLessThan(Date.parse(`${DEMO_TODAY}T00:00:00+08:00`));
    }
  });
});

describe('idempotence', () => {
  it('a second run of each seed function creates nothing', async () => {
    const before = await tableChecksums(db);
    expect(await seedDemo(db, { hashPassword: async () => 'x' })).toEqual({ created: false });
    expect(await seedDemoHistory(db)).toEqual({ created: false });
    expect(await seedDemoHistory(db, { seed: 7 })).toEqual({ created: false });
    expect(await tableChecksums(db)).toEqual(before);
  });
});

function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

function distributableOf(report: {
  revenue_fen: string | number | bigint;
  operating_cost_fen: string | number | bigint;
  remittance_received_fen: string | number | bigint;
}): number {
  const result = computeDistribution({
    money: {
      revenueFen: n(report.revenue_fen),
      operatingCostFen: n(report.operating_cost_fen),
      remittanceReceivedFen: n(report.remittance_received_fen),
    },
    shareholdings: [{ holderKind: 'community', holderId: null, shareBp: 10_000 }],
    rule: {
      id: 'x',
      version: 1,
      effectiveFrom: WANGJIANGJIE_RULE.effectiveFrom,
      communitySplit: {
        governanceFundBp: WANGJIANGJIE_RULE.governanceFundBp,
        reserveBp: WANGJIANGJIE_RULE.reserveBp,
        otherBp: WANGJIANGJIE_RULE.otherBp,
      },
    },
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value.distributableFen;
}

describe('plausibility flags, as the submit would have stored them', () => {
  it('every submitted report carries exactly the flags the rule finds, each flagged figure explained', async () => {
    const rows = await db.selectFrom('monthly_reports').selectAll().execute();
    const figures = (r: (typeof rows)[number]): ReportFigures => ({
      revenueFen: n(r.revenue_fen),
      operatingCostFen: n(r.operating_cost_fen),
      stableJobs: r.stable_jobs,
      temporaryJobs: r.temporary_jobs,
      residentsServed: r.residents_served,
      serviceTransactions: r.service_transactions,
      eldersServed: r.elders_served,
      childrenServed: r.children_served,
      remittanceDueFen: n(r.remittance_due_fen),
      remittanceReceivedFen: n(r.remittance_received_fen),
      serviceRequests: r.service_requests,
      requestsWithinPromise: r.requests_within_promise,
    });
    const approved = new Map(
      rows.filter((r) => r.status === 'approved').map((r) => [`${r.venture_id}:${r.month}`, figures(r)]),
    );
    let flagged = 0;
    let awaitingReviewFlagged = 0;
    for (const r of rows) {
      const stored = r.plausibility_flags as unknown[];
      const explanations = r.explanations as Record<string, string>;
      if (!r.submitted_at) {
        expect(stored).toEqual([]);
        continue;
      }
      const history = Array.from(
        { length: 12 },
        (_, i) => approved.get(`${r.venture_id}:${addMonths(r.month as Month, i - 12)}`) ?? null,
      );
      const expected = checkPlausibility(figures(r), history);
      expect(stored).toEqual(expected);
      for (const field of flaggedFields(expected)) expect(explanations[field]?.trim()).toBeTruthy();
      if (expected.length > 0) {
        flagged++;
        if (r.status === 'submitted') awaitingReviewFlagged++;
      }
    }
    console.info(`seeded reports with flags: ${flagged}, of them awaiting review: ${awaitingReviewFlagged}`);
    // realistic: some, not most
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(rows.length / 4);
    expect(awaitingReviewFlagged).toBeGreaterThan(0);
  });

  it('Jinhui’s tidal market report of the last month awaits review in the demo district', async () => {
    const tidal = await db
      .selectFrom('monthly_reports')
      .select(['status'])
      .where('venture_id', '=', DEMO_IDS.tidalMarket)
      .where('month', '=', LAST_MONTH)
      .executeTakeFirstOrThrow();
    expect(tidal.status).toBe('submitted');
  });
});
