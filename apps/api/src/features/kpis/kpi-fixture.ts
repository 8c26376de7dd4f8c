import type { Database } from '@gongfu/db';
import {
  DEMO_IDS,
  deterministicId as id,
  type ScopedTransaction,
  toFen,
  withTenantTransaction,
} from '@gongfu/db';
import { Rng } from '@gongfu/db/prng';
import {
  addMonths,
  allocate,
  firstExpectedMonth,
  giveBackForm,
  isBackedPayout,
  isShareholdingInForce,
  type LedgerSourceType,
  type Month,
  monthRange,
  reportDeadline,
  shanghaiDateOf,
} from '@gongfu/domain';
import { type Kysely, sql } from 'kysely';

/**
 * A small but varied dataset for the KPI tests, written straight into the tables (no API), and a
 * brute-force recomputation of every KPI from the raw rows in TypeScript: the oracle the SQL is
 * compared with.
 */

export const FIRST_MONTH: Month = '2024-01';
export const LAST_MONTH: Month = '2025-12';
export const DUE_DAY = 15;
/**
 * The district's reporting start: ventures that began before it (2023) owe reports only from it; one venture joined
 * the platform later still (its own reporting start, after a month it did not send: that month is not owed)
 */
export const REPORTING_START: Month = '2024-03';
export const DUKOU_HELP_DESK_REPORTING_START: Month = '2024-09';

const ADMIN = id('user:admin@dongqu.demo');
const D = DEMO_IDS.dongqu;
export const XINCUN = id('kpi-test:community:xincun');

interface VentureSpec {
  id: string;
  community: string;
  name?: string;
  category: string;
  company: string | null;
  priceTier: string;
  status: string;
  startedOn: string | null;
  /** the venture's own reporting start (else the district's) */
  reportingStart?: Month;
  operator?: string | null;
  existing?: boolean;
}

const COMPANY = {
  jinhui: id('kpi-test:company:jinhui'),
  wangjiangjie: id('kpi-test:company:wangjiangjie'),
  dukou: id('kpi-test:company:dukou'),
  dukouEmpty: id('kpi-test:company:dukou-empty'),
};

const VENTURES: VentureSpec[] = [
  {
    id: id('venture:jinhui-tidal-market'),
    community: DEMO_IDS.jinhui,
    category: 'tidal_market',
    company: COMPANY.jinhui,
    priceTier: 'market',
    status: 'operating',
    startedOn: '2023-06-01',
    existing: true,
  },
  {
    id: id('venture:wangjiangjie-reading-room'),
    community: DEMO_IDS.wangjiangjie,
    category: 'reading_room',
    company: COMPANY.wangjiangjie,
    priceTier: 'public_welfare',
    status: 'operating',
    startedOn: '2023-01-01',
    existing: true,
  },
  {
    id: id('venture:wangjiangjie-service-station'),
    community: DEMO_IDS.wangjiangjie,
    category: 'service_station',
    company: COMPANY.wangjiangjie,
    priceTier: 'low_price',
    status: 'operating',
    startedOn: '2024-03-10',
    existing: true,
  },
  {
    id: id('venture:dukou-help-desk'),
    community: DEMO_IDS.dukou,
    category: 'help_desk',
    company: COMPANY.dukou,
    priceTier: 'low_price',
    status: 'operating',
    startedOn: '2023-09-01',
    reportingStart: DUKOU_HELP_DESK_REPORTING_START,
    existing: true,
  },
  {
    id: id('venture:dukou-micro-park'),
    community: DEMO_IDS.dukou,
    category: 'micro_innovation_park',
    company: COMPANY.dukouEmpty,
    priceTier: 'market',
    status: 'operating',
    startedOn: null,
    existing: true,
  },
  {
    id: id('kpi-test:venture:jinhui-canteen'),
    community: DEMO_IDS.jinhui,
    name: '金汇长者食堂',
    category: 'elderly_canteen',
    company: null,
    priceTier: 'public_welfare',
    status: 'operating',
    startedOn: '2024-07-01',
  },
  {
    id: id('kpi-test:venture:dukou-parking'),
    community: DEMO_IDS.dukou,
    name: '渡口停车管理',
    category: 'parking',
    company: COMPANY.dukou,
    priceTier: 'market',
    status: 'operating',
    startedOn: '2024-02-01',
    operator: DEMO_IDS.soe,
  },
  {
    id: id('kpi-test:venture:dukou-housekeeping'),
    community: DEMO_IDS.dukou,
    name: '渡口家政',
    category: 'housekeeping',
    company: null,
    priceTier: 'low_price',
    status: 'closed',
    startedOn: '2023-01-01',
  },
  {
    id: id('kpi-test:venture:wangjiangjie-canteen'),
    community: DEMO_IDS.wangjiangjie,
    name: '望江街长者食堂（筹）',
    category: 'elderly_canteen',
    company: null,
    priceTier: 'public_welfare',
    status: 'planned',
    startedOn: null,
  },
];

function at(date: string, time = '02:00:00'): Date {
  return new Date(`${date}T${time}Z`);
}

/** Writes the dataset. Returns nothing: the test reads the rows back as they are stored. */
export async function buildKpiDataset(db: Kysely<Database>): Promise<void> {
  const rnd = new Rng(20261128);
  const scope = { kind: 'district', userId: ADMIN, districtId: D } as const;
  await withTenantTransaction(db, scope, async (trx) => {
    await trx
      .updateTable('districts')
      .set({ report_due_day: DUE_DAY, reporting_start_month: REPORTING_START })
      .where('district_id', '=', D)
      .execute();
    // a community with no street office and no venture: counts in "all communities"
    await trx
      .insertInto('communities')
      .values({
        district_id: D,
        community_id: XINCUN,
        name: '新村社区',
        kind: 'urban',
        street_office_id: null,
      })
      .execute();
    await trx
      .insertInto('companies')
      .values([
        {
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          company_id: COMPANY.jinhui,
          legal_name: '攀枝花德汇社区服务有限公司',
          credit_code: '915104020000000001',
          operating_model: 'site_equity_professional_operation',
        },
        {
          district_id: D,
          community_id: DEMO_IDS.wangjiangjie,
          company_id: COMPANY.wangjiangjie,
          legal_name: '望江街社区服务有限公司',
          credit_code: '915104020000000002',
          operating_model: 'collective_self_operated',
        },
        {
          district_id: D,
          community_id: DEMO_IDS.dukou,
          company_id: COMPANY.dukou,
          legal_name: '渡口社区发展有限公司',
          credit_code: '915104020000000003',
          operating_model: 'association_cobuilt',
        },
        {
          district_id: D,
          community_id: DEMO_IDS.dukou,
          company_id: COMPANY.dukouEmpty,
          legal_name: '渡口微创园运营有限公司',
          credit_code: '915104020000000004',
          operating_model: 'soe_entrusted',
        },
      ])
      .execute();
    // odd shares, so the largest-remainder rounding matters; the community is not always listed first
    await trx
      .insertInto('shareholdings')
      .values([
        {
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          company_id: COMPANY.jinhui,
          holder_kind: 'partner',
          holder_partner_id: DEMO_IDS.tusStar,
          holder_name: '启迪之星',
          contribution_kind: 'operation_expertise',
          share_bp: 3333,
          position: 0,
        },
        {
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          company_id: COMPANY.jinhui,
          holder_kind: 'community',
          holder_name: '金汇社区',
          contribution_kind: 'site',
          share_bp: 5100,
          position: 1,
        },
        {
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          company_id: COMPANY.jinhui,
          holder_kind: 'residents',
          holder_name: '居民',
          contribution_kind: 'cash',
          share_bp: 1567,
          position: 2,
        },
        {
          district_id: D,
          community_id: DEMO_IDS.wangjiangjie,
          company_id: COMPANY.wangjiangjie,
          holder_kind: 'community',
          holder_name: '望江街社区',
          contribution_kind: 'premises',
          share_bp: 6667,
          position: 0,
        },
        {
          district_id: D,
          community_id: DEMO_IDS.wangjiangjie,
          company_id: COMPANY.wangjiangjie,
          holder_kind: 'residents',
          holder_name: '居民',
          contribution_kind: 'cash',
          share_bp: 3333,
          position: 1,
        },
        {
          district_id: D,
          community_id: DEMO_IDS.dukou,
          company_id: COMPANY.dukou,
          holder_kind: 'partner',
          holder_partner_id: DEMO_IDS.autoAssociation,
          holder_name: '汽车服务产业协会',
          contribution_kind: 'operation_expertise',
          share_bp: 7001,
          position: 0,
        },
        {
          district_id: D,
          community_id: DEMO_IDS.dukou,
          company_id: COMPANY.dukou,
          holder_kind: 'community',
          holder_name: '渡口社区',
          contribution_kind: 'site',
          share_bp: 2999,
          position: 0,
        },
      ])
      .execute();
    // shareholdings have effective dates: Jinhui's set above is its first version, ended by a change in July 2025
    // (a mid-year change: 2025's income is split by the first version until June, by the second from July);
    // Wangjiangjie's set takes effect only in 2024-04, so its earlier months are the community's alone
    await trx
      .updateTable('shareholdings')
      .set({ effective_to: '2025-06' })
      .where('district_id', '=', D)
      .where('company_id', '=', COMPANY.jinhui)
      .execute();
    await trx
      .updateTable('shareholdings')
      .set({ effective_from: '2024-04' })
      .where('district_id', '=', D)
      .where('company_id', '=', COMPANY.wangjiangjie)
      .execute();
    await trx
      .insertInto('shareholdings')
      .values(
        (
          [
            ['residents', null, '居民', 'cash', 1333],
            ['community', null, '金汇社区', 'site', 6001],
            ['partner', DEMO_IDS.tusStar, '启迪之星', 'operation_expertise', 2666],
          ] as const
        ).map(([kind, partner, name, contribution, share], position) => ({
          district_id: D,
          community_id: DEMO_IDS.jinhui,
          company_id: COMPANY.jinhui,
          holder_kind: kind,
          holder_partner_id: partner,
          holder_name: name,
          contribution_kind: contribution,
          share_bp: share,
          position,
          effective_from: '2025-07',
        })),
      )
      .execute();
    for (const v of VENTURES) {
      const values = {
        company_id: v.company,
        price_tier: v.priceTier,
        status: v.status,
        started_on: v.startedOn,
        reporting_start_month: v.reportingStart ?? null,
        promised_response_minutes: v.category === 'service_station' ? 10 : null,
      };
      if (v.existing) {
        await trx
          .updateTable('ventures')
          .set(values)
          .where('district_id', '=', D)
          .where('venture_id', '=', v.id)
          .execute();
      } else {
        await trx
          .insertInto('ventures')
          .values({
            district_id: D,
            community_id: v.community,
            venture_id: v.id,
            name: v.name ?? v.category,
            category: v.category,
            operator_partner_id: v.operator ?? null,
            ...values,
          })
          .execute();
      }
    }
    const reportIds = await writeReports(trx, rnd);
    await writeLedger(trx, rnd, reportIds);
    await keepFundBalances(trx, D);
    await writePledges(trx, rnd);
  });

  // another district's figures, which no Dongqu answer may include
  const xiqu = { kind: 'district', userId: id('user:admin@xiqu.demo'), districtId: DEMO_IDS.xiqu } as const;
  await withTenantTransaction(db, xiqu, async (trx) => {
    for (const month of monthRange('2025-01', '2025-12')) {
      await trx
        .insertInto('monthly_reports')
        .values({
          district_id: DEMO_IDS.xiqu,
          community_id: DEMO_IDS.xiquCommunity,
          venture_id: id('venture:xiqu-canteen'),
          month,
          status: 'approved',
          revenue_fen: 9_999_900,
          operating_cost_fen: 100,
          residents_served: 999,
          service_transactions: 999,
          stable_jobs: 99,
          submitted_at: at(`${month}-28`),
        })
        .execute();
    }
    const fund = id('kpi-test:fund:xiqu');
    await trx
      .insertInto('funds')
      .values({
        district_id: DEMO_IDS.xiqu,
        community_id: DEMO_IDS.xiquCommunity,
        fund_id: fund,
        kind: 'governance_special',
        name: '治理',
      })
      .execute();
    await trx
      .insertInto('ledger_entries')
      .values({
        district_id: DEMO_IDS.xiqu,
        community_id: DEMO_IDS.xiquCommunity,
        fund_id: fund,
        kind: 'grant',
        direction: 1,
        amount_fen: 77_777_700,
        month: '2025-03',
      })
      .execute();
    await keepFundBalances(trx, DEMO_IDS.xiqu);
  });
}

/**
 * The fixture writes ledger entries directly, not through ledger.post: as ledger.post would, keep each
 * fund's balance equal to the sum of its entries (the fund balance KPI reads it, ADR 0009) and never
 * below zero — a fund the random payouts overdrew gets a grant in the first month that covers it.
 */
async function keepFundBalances(trx: ScopedTransaction, districtId: string) {
  // read, then insert the values: on Citus an INSERT … SELECT into a table with volatile defaults (entry_id,
  // created_at) is run as a COPY, which PostgreSQL refuses under row-level security (ADR 0027)
  const overdrawn = await sql<{ community_id: string; fund_id: string; total: string }>`
    select f.community_id, f.fund_id, s.total::text as total
    from funds f
    join (select e.fund_id, sum(e.direction * e.amount_fen) as total from ledger_entries e
          where e.district_id = ${districtId} group by e.fund_id) s on s.fund_id = f.fund_id
    where f.district_id = ${districtId} and s.total < 0`.execute(trx);
  if (overdrawn.rows.length > 0) {
    await trx
      .insertInto('ledger_entries')
      .values(
        overdrawn.rows.map((o) => ({
          district_id: districtId,
          community_id: o.community_id,
          fund_id: o.fund_id,
          kind: 'grant',
          direction: 1,
          amount_fen: -Number(o.total),
          month: FIRST_MONTH,
        })),
      )
      .execute();
  }
  // a join rather than coalesce((subquery), 0): Citus refuses a modification whose CASE or COALESCE holds a
  // non-immutable function, and the subquery's row-level security policies bring some
  await sql`update funds f set balance_fen = s.total
            from (select e.district_id, e.fund_id, sum(e.direction * e.amount_fen) as total from ledger_entries e
                  where e.district_id = ${districtId} group by e.district_id, e.fund_id) s
            where f.district_id = ${districtId} and s.district_id = f.district_id and s.fund_id = f.fund_id`.execute(
    trx,
  );
  await sql`update funds f set balance_fen = 0
            where f.district_id = ${districtId} and f.balance_fen <> 0
              and not exists (select 1 from ledger_entries e where e.district_id = f.district_id and e.fund_id = f.fund_id)`.execute(
    trx,
  );
}

async function writeReports(trx: ScopedTransaction, rnd: Rng) {
  const counted: Array<{ reportId: string; community: string; month: Month }> = [];
  for (const v of VENTURES) {
    if (v.status === 'planned') continue;
    for (const month of monthRange(FIRST_MONTH, LAST_MONTH)) {
      if (v.startedOn && v.startedOn.slice(0, 7) > month) continue;
      if (v.status === 'closed' && month > '2024-08') continue; // it closed: no more reports
      const roll = rnd.float();
      if (roll < 0.06) continue; // missing
      const deadline = reportDeadline(month, DUE_DAY).getTime();
      const late = rnd.float() < 0.2;
      const submittedAt = new Date(deadline + (late ? 3 : -2) * 86_400_000 + rnd.int(0, 3600) * 1000);
      const figures = () => {
        const revenue = rnd.int(0, 3_000_000) + (v.category === 'tidal_market' ? 2_000_000 : 0);
        const requests = rnd.int(0, 400);
        return {
          revenue_fen: revenue,
          // now and then a loss, shared by the shareholders
          operating_cost_fen: rnd.float() < 0.15 ? revenue + rnd.int(1, 300_000) : rnd.int(0, revenue),
          stable_jobs: rnd.int(0, 9),
          temporary_jobs: rnd.int(0, 5),
          residents_served: rnd.int(0, 800),
          service_transactions: rnd.int(0, 2000),
          elders_served: 0,
          children_served: 0,
          remittance_due_fen: 2_000_000,
          remittance_received_fen: rnd.float() < 0.7 ? rnd.int(0, 2_000_000) : 0,
          service_requests: requests,
          requests_within_promise: rnd.int(0, requests),
        };
      };
      const base = { district_id: D, community_id: v.community, venture_id: v.id, month };
      let status: string;
      if (roll < 0.1) status = 'draft';
      else if (roll < 0.14) status = 'returned';
      else if (roll < 0.17) status = 'submitted';
      else if (roll < 0.3) status = 'locked';
      else status = 'approved';
      const first = id(`kpi-test:report:${v.id}:${month}:1`);
      await trx
        .insertInto('monthly_reports')
        .values({
          ...base,
          report_id: first,
          revision: 1,
          status,
          ...figures(),
          submitted_at: status === 'draft' ? null : submittedAt,
        })
        .execute();
      if (status !== 'draft' && rnd.float() < 0.3) {
        // the first submission, on time, then a return and a late resubmission: the first one counts
        await trx
          .insertInto('report_events')
          .values({
            district_id: D,
            community_id: v.community,
            report_id: first,
            venture_id: v.id,
            action: 'submit',
            from_status: 'draft',
            to_status: 'submitted',
            actor_user_id: ADMIN,
            created_at: new Date(deadline - 5 * 86_400_000),
          })
          .execute();
        await trx
          .insertInto('report_events')
          .values({
            district_id: D,
            community_id: v.community,
            report_id: first,
            venture_id: v.id,
            action: 'return',
            from_status: 'submitted',
            to_status: 'returned',
            actor_user_id: ADMIN,
            created_at: new Date(deadline - 3 * 86_400_000),
          })
          .execute();
      }
      let countedId = status === 'approved' || status === 'locked' ? first : null;
      const amend = rnd.float();
      if ((status === 'approved' || status === 'locked') && amend < 0.25) {
        // an amendment: approved (replaces revision 1), a draft (does not), or approved with rev 1 marked superseded
        const kind = amend < 0.1 ? 'approved' : amend < 0.18 ? 'draft' : 'superseded';
        const second = id(`kpi-test:report:${v.id}:${month}:2`);
        await trx
          .insertInto('monthly_reports')
          .values({
            ...base,
            report_id: second,
            revision: 2,
            amends_report_id: first,
            status: kind === 'draft' ? 'draft' : 'approved',
            ...figures(),
            submitted_at: kind === 'draft' ? null : new Date(submittedAt.getTime() + 40 * 86_400_000),
          })
          .execute();
        if (kind === 'superseded') {
          await trx
            .updateTable('monthly_reports')
            .set({ status: 'superseded' })
            .where('district_id', '=', D)
            .where('report_id', '=', first)
            .execute();
        }
        if (kind !== 'draft') countedId = second;
      }
      if (countedId) counted.push({ reportId: countedId, community: v.community, month });
    }
  }
  return counted;
}

const FUND_KINDS = ['governance_special', 'charity_common_prosperity', 'reserve', 'other'] as const;
const fundId = (community: string, kind: string) => id(`kpi-test:fund:${community}:${kind}`);
const COMMUNITIES = [DEMO_IDS.wangjiangjie, DEMO_IDS.jinhui, DEMO_IDS.dukou, XINCUN];

async function writeLedger(
  trx: ScopedTransaction,
  rnd: Rng,
  counted: Array<{ reportId: string; community: string; month: Month }>,
) {
  for (const community of COMMUNITIES) {
    for (const kind of FUND_KINDS) {
      await trx
        .insertInto('funds')
        .values({
          district_id: D,
          community_id: community,
          fund_id: fundId(community, kind),
          kind,
          name: kind,
        })
        .execute();
    }
  }
  let n = 0;
  const entry = async (e: {
    community: string;
    fund: string;
    kind: string;
    direction: 1 | -1;
    amount: number;
    month: Month;
    day?: number;
    postingKey?: string | null;
    sourceType?: LedgerSourceType | null;
    sourceId?: string | null;
    reverses?: string | null;
    proposal?: string | null;
    /** an expenditure's payout date; the booking day when not given */
    paidOn?: string;
  }) => {
    const entryId = id(`kpi-test:entry:${n++}`);
    await trx
      .insertInto('ledger_entries')
      .values({
        district_id: D,
        community_id: e.community,
        entry_id: entryId,
        fund_id: fundId(e.community, e.fund),
        kind: e.kind,
        direction: e.direction,
        amount_fen: e.amount,
        month: e.month,
        posting_key: e.postingKey ?? null,
        source_type: e.sourceType ?? null,
        source_id: e.sourceId ?? null,
        reverses_entry_id: e.reverses ?? null,
        proposal_id: e.proposal ?? null,
        ...(e.paidOn ? { paid_on: e.paidOn } : {}),
        created_at: at(`${e.month}-${String(e.day ?? 18).padStart(2, '0')}`),
      })
      .execute();
    return entryId;
  };

  // allocations posted by approved reports (posting key names the report), in the next month
  for (const [i, c] of counted.entries()) {
    if (rnd.float() < 0.2) continue;
    const month = addMonths(c.month, 1);
    const gov = await entry({
      community: c.community,
      fund: 'governance_special',
      kind: 'allocation',
      direction: 1,
      amount: rnd.int(1, 900_000),
      month,
      postingKey: `report:${c.reportId}:r1:governance`,
      sourceType: 'monthly_report',
      sourceId: c.reportId,
    });
    await entry({
      community: c.community,
      fund: 'reserve',
      kind: 'allocation',
      direction: 1,
      amount: rnd.int(1, 600_000),
      month,
      postingKey: `report:${c.reportId}:r1:reserve`,
      sourceType: 'monthly_report',
      sourceId: c.reportId,
    });
    if (i % 11 === 0) {
      // an amendment took some back: a reversal naming the original, and one naming only the report
      await entry({
        community: c.community,
        fund: 'governance_special',
        kind: 'reversal',
        direction: -1,
        amount: rnd.int(1, 1000),
        month: addMonths(month, 1),
        reverses: gov,
        sourceType: 'reversal',
        sourceId: gov,
        postingKey: `reversal:${gov}`,
      });
      await entry({
        community: c.community,
        fund: 'governance_special',
        kind: 'reversal',
        direction: -1,
        amount: rnd.int(1, 1000),
        month: addMonths(month, 2),
        sourceType: 'monthly_report',
        sourceId: c.reportId,
        postingKey: `report:${c.reportId}:r2:governance`,
      });
    }
  }

  let p = 0;
  for (const community of COMMUNITIES) {
    for (const month of monthRange(FIRST_MONTH, LAST_MONTH)) {
      if (rnd.float() < 0.5)
        await entry({
          community,
          fund: 'charity_common_prosperity',
          kind: 'donation',
          direction: 1,
          amount: rnd.int(1, 500_000),
          month,
        });
      if (rnd.float() < 0.3)
        await entry({
          community,
          fund: 'governance_special',
          kind: 'grant',
          direction: 1,
          amount: rnd.int(1, 2_000_000),
          month,
        });
      // an allocation that names no report (an older posting style): its category is unknown
      if (rnd.float() < 0.1)
        await entry({
          community,
          fund: 'other',
          kind: 'allocation',
          direction: 1,
          amount: rnd.int(1, 100_000),
          month,
        });
      if (rnd.float() < 0.45) {
        const proposal = id(`kpi-test:proposal:${p++}`);
        const fund = rnd.pick(['governance_special', 'charity_common_prosperity'] as const);
        const status = rnd.pick([
          'paid_out',
          'paid_out',
          'closed',
          'approved',
          'disclosure',
          'draft',
        ] as const);
        // the payout is booked on the 20th; disclosure ended the 19th (passed), or the 20th / 25th (not yet)
        const endsDay = rnd.pick([5, 19, 19, 20, 25]);
        const amount = rnd.int(1000, 800_000);
        const purpose = rnd.pick(['适老化改造', '儿童托管', '环境整治', '困难帮扶'] as const);
        // every fourth payout is booked late: the money left on the 12th, during a disclosure that ended the
        // 19th — backed by its booking day, not by its payout date (drawn without the generator, so the rest
        // of the fixture is unchanged)
        const paidDay = p % 4 === 0 ? 12 : 20;
        await trx
          .insertInto('proposals')
          .values({
            district_id: D,
            community_id: community,
            proposal_id: proposal,
            fund_id: fundId(community, fund),
            title: `议题 ${p}`,
            purpose,
            use_category: USE_OF_PURPOSE[purpose],
            amount_fen: amount,
            status,
            disclosure_starts_on: `${month}-01`,
            disclosure_ends_on: `${month}-${String(endsDay).padStart(2, '0')}`,
            paid_fen: 0,
          })
          .execute();
        const paid = await entry({
          community,
          fund,
          kind: 'expenditure',
          direction: -1,
          amount,
          month,
          day: 20,
          proposal,
          paidOn: `${month}-${String(paidDay).padStart(2, '0')}`,
        });
        if (rnd.float() < 0.15) {
          // part of a payout returned to the fund: a reversal of the expenditure, the month after
          await entry({
            community,
            fund,
            kind: 'reversal',
            direction: 1,
            amount: rnd.int(1, amount),
            month: addMonths(month, 1),
            reverses: paid,
            proposal,
            sourceType: 'reversal',
            sourceId: paid,
          });
        }
      }
      // a payout that names no proposal: counts in all outflow, never as backed or reinvested
      if (rnd.float() < 0.08)
        await entry({
          community,
          fund: 'governance_special',
          kind: 'expenditure',
          direction: -1,
          amount: rnd.int(1, 50_000),
          month,
          day: 22,
        });
    }
  }
}

const USE_OF_PURPOSE = {
  适老化改造: 'elderly_care',
  儿童托管: 'child_care',
  环境整治: 'environment',
  困难帮扶: 'hardship_relief',
} as const;

async function writePledges(trx: ScopedTransaction, rnd: Rng) {
  const partners = [DEMO_IDS.soe, DEMO_IDS.tusStar, DEMO_IDS.autoAssociation];
  let n = 0;
  for (const community of [DEMO_IDS.wangjiangjie, DEMO_IDS.jinhui, DEMO_IDS.dukou]) {
    for (const month of monthRange(FIRST_MONTH, LAST_MONTH)) {
      if (rnd.float() < 0.5) continue;
      const pledge = id(`kpi-test:pledge:${n++}`);
      const partner = rnd.pick(partners);
      const amount = rnd.pick([0, rnd.int(10_000, 3_000_000)]);
      const status = rnd.pick(['open', 'open', 'fulfilled', 'cancelled']);
      await trx
        .insertInto('pledges')
        .values({
          district_id: D,
          community_id: community,
          pledge_id: pledge,
          partner_id: partner,
          kind: rnd.pick(['cash', 'in_kind', 'service']),
          description: `承诺 ${n}`,
          amount_fen: amount,
          due_on: `${month}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
          status,
        })
        .execute();
      for (let k = rnd.int(0, 3); k > 0; k--) {
        // fulfilled before, in or after the month it was due
        const on = addMonths(month, rnd.int(-2, 3));
        await trx
          .insertInto('pledge_fulfilments')
          .values({
            district_id: D,
            community_id: community,
            pledge_id: pledge,
            partner_id: partner,
            value_fen: rnd.int(1, 1_500_000),
            fulfilled_on: `${on}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
          })
          .execute();
      }
    }
  }
}

// ─── the brute force ──────────────────────────────────────────────────────────────────────────────

type Row = Record<string, unknown>;
export interface RawData {
  dueDay: number;
  /** the district's reporting start month */
  reportingStart: Month | null;
  communities: Row[];
  ventures: Row[];
  companies: Row[];
  shareholdings: Row[];
  reports: Row[];
  events: Row[];
  ledger: Row[];
  funds: Row[];
  proposals: Row[];
  pledges: Row[];
  fulfilments: Row[];
}

/** Every row of the district, read back as stored. */
export async function readRaw(db: Kysely<Database>): Promise<RawData> {
  const scope = { kind: 'district', userId: ADMIN, districtId: D } as const;
  return withTenantTransaction(db, scope, async (trx) => {
    const all = async (table: keyof Database): Promise<Row[]> => {
      const result = await sql<Row>`select * from ${sql.table(table)} where district_id = ${D}`.execute(trx);
      return result.rows;
    };
    const district = await trx
      .selectFrom('districts')
      .select(['report_due_day', 'reporting_start_month'])
      .where('district_id', '=', D)
      .executeTakeFirstOrThrow();
    return {
      dueDay: district.report_due_day,
      reportingStart: district.reporting_start_month as Month | null,
      communities: await all('communities'),
      ventures: await all('ventures'),
      companies: await all('companies'),
      shareholdings: await all('shareholdings'),
      reports: await all('monthly_reports'),
      events: await all('report_events'),
      ledger: await all('ledger_entries'),
      funds: await all('funds'),
      proposals: await all('proposals'),
      pledges: await all('pledges'),
      fulfilments: await all('pledge_fulfilments'),
    };
  });
}

export interface BruteSelection {
  /** the communities of the scope and the geographic filters */
  communityIds: ReadonlySet<string>;
  partnerId: string | null;
  operatingModel: string | null;
  ventureCategory: string | null;
}

export interface BruteFigure {
  numerator: number;
  denominator: number | null;
}

const str = (v: unknown) => String(v);
const num = (v: unknown) => toFen(v as string | number | bigint);
const monthOfDate = (v: unknown) => str(v).slice(0, 7);
const time = (v: unknown) => (v instanceof Date ? v.getTime() : new Date(str(v)).getTime());

/**
 * Every KPI for one window, from the raw rows, written as directly as the definitions read. Keys a
 * selection cannot compute (see the API's availability rules) are absent.
 */
export function bruteForce(
  raw: RawData,
  sel: BruteSelection,
  window: { from: Month; to: Month },
  now = Date.now(),
): Record<string, BruteFigure> {
  const inWindow = (m: string) => m >= window.from && m <= window.to;
  const companyModel = new Map(raw.companies.map((c) => [str(c.company_id), str(c.operating_model)]));
  const modelOf = (v: Row) =>
    v.company_id ? (companyModel.get(str(v.company_id)) ?? 'unassigned') : 'unassigned';
  const ventures = raw.ventures.filter(
    (v) =>
      sel.communityIds.has(str(v.community_id)) &&
      (!sel.partnerId || v.operator_partner_id === sel.partnerId) &&
      (!sel.operatingModel || modelOf(v) === sel.operatingModel) &&
      (!sel.ventureCategory || v.category === sel.ventureCategory),
  );
  const ventureById = new Map(ventures.map((v) => [str(v.venture_id), v]));
  const ventureFilter = Boolean(sel.operatingModel || sel.ventureCategory);
  const communityLevelOk = !ventureFilter;
  const fundsVisible = !sel.partnerId && communityLevelOk;

  // counted reports: approved or locked, the highest such revision of each venture-month
  const best = new Map<string, Row>();
  for (const r of raw.reports) {
    if (!ventureById.has(str(r.venture_id))) continue;
    if (r.status !== 'approved' && r.status !== 'locked') continue;
    const k = `${r.venture_id}|${r.month}`;
    const seen = best.get(k);
    if (!seen || Number(r.revision) > Number(seen.revision)) best.set(k, r);
  }
  const counted = [...best.values()];
  const incomeOf = (r: Row) => {
    const v = ventureById.get(str(r.venture_id)) as Row;
    const profit = num(r.revenue_fen) - num(r.operating_cost_fen);
    // the company's version in force in the report's month
    const month = str(r.month);
    const holdings = raw.shareholdings
      .filter(
        (s) =>
          v.company_id &&
          s.company_id === v.company_id &&
          isShareholdingInForce(
            {
              effectiveFrom: s.effective_from === null ? null : str(s.effective_from),
              effectiveTo: s.effective_to === null ? null : str(s.effective_to),
            },
            month,
          ),
      )
      .sort(
        (a, b) =>
          Number(a.position) - Number(b.position) ||
          time(a.created_at) - time(b.created_at) ||
          (str(a.shareholding_id) < str(b.shareholding_id) ? -1 : 1),
      );
    const share =
      holdings.length === 0
        ? profit
        : allocate(
            profit,
            holdings.map((h) => Number(h.share_bp)),
          ).reduce((sum, part, i) => sum + (holdings[i]?.holder_kind === 'community' ? part : 0), 0);
    return share + num(r.remittance_received_fen);
  };
  // what the distribution rule is applied to: the profit share, a loss counting as 0, plus the remittance
  const distributableOf = (r: Row) => {
    const remittance = num(r.remittance_received_fen);
    return Math.max(0, incomeOf(r) - remittance) + remittance;
  };
  const flow = counted.filter((r) => inWindow(str(r.month)));
  const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
  const income = sum(flow, incomeOf);
  const out: Record<string, BruteFigure> = {};
  const amount = (n: number) => ({ numerator: n, denominator: null });
  const ratio = (n: number, d: number) => ({ numerator: n, denominator: d });

  out.operating_revenue = amount(sum(flow, (r) => num(r.revenue_fen)));
  out.net_profit = amount(sum(flow, (r) => num(r.revenue_fen) - num(r.operating_cost_fen)));
  out.community_income = amount(income);
  // a stock: per venture, its latest counted report within the window
  const latestOfVenture = new Map<string, Row>();
  for (const r of flow) {
    const seen = latestOfVenture.get(str(r.venture_id));
    if (!seen || str(r.month) > str(seen.month)) latestOfVenture.set(str(r.venture_id), r);
  }
  out.stable_jobs = amount(sum([...latestOfVenture.values()], (r) => Number(r.stable_jobs)));
  out.residents_served = amount(sum(flow, (r) => Number(r.residents_served)));
  out.service_response_rate = ratio(
    sum(flow, (r) => Number(r.requests_within_promise)),
    sum(flow, (r) => Number(r.service_requests)),
  );
  out.public_welfare_share = ratio(
    sum(flow, (r) => {
      const tier = ventureById.get(str(r.venture_id))?.price_tier;
      return tier === 'public_welfare' || tier === 'low_price' ? Number(r.service_transactions) : 0;
    }),
    sum(flow, (r) => Number(r.service_transactions)),
  );

  // communities with income: all communities, or those with a matching venture
  const base =
    ventureFilter || sel.partnerId
      ? new Set(ventures.map((v) => str(v.community_id)))
      : new Set(
          raw.communities
            .filter((c) => sel.communityIds.has(str(c.community_id)) && !c.deleted_at)
            .map((c) => str(c.community_id)),
        );
  let withIncome = 0;
  for (const c of base) {
    const inc = sum(
      flow.filter((r) => ventureById.get(str(r.venture_id))?.community_id === c),
      incomeOf,
    );
    if (inc > 0) withIncome++;
  }
  out.communities_with_income_rate = ratio(withIncome, base.size);

  // reporting: every venture × month of the window
  const reporting = { numerator: 0, denominator: 0 };
  const onTime = { numerator: 0, denominator: 0 };
  for (const v of ventures) {
    // owed from the later of its start and its reporting start (its own, else the district's)
    const start = firstExpectedMonth({
      startMonth: (v.started_on
        ? monthOfDate(v.started_on)
        : shanghaiDateOf(new Date(time(v.created_at))).slice(0, 7)) as Month,
      ventureReportingStart: (v.reporting_start_month as Month | null) ?? null,
      districtReportingStart: raw.reportingStart,
    }) as Month;
    for (const month of monthRange(window.from, window.to)) {
      const revisions = raw.reports.filter((r) => r.venture_id === v.venture_id && r.month === month);
      let firstSub: number | null = null;
      for (const r of revisions) {
        const submits = raw.events
          .filter((e) => e.report_id === r.report_id && e.action === 'submit')
          .map((e) => time(e.created_at));
        const t = submits.length ? Math.min(...submits) : r.submitted_at ? time(r.submitted_at) : null;
        if (t !== null && (firstSub === null || t < firstSub)) firstSub = t;
      }
      const latest = [...revisions].sort((a, b) => Number(b.revision) - Number(a.revision))[0];
      const received =
        firstSub !== null || ['submitted', 'returned', 'approved', 'locked'].includes(str(latest?.status));
      const deadline = reportDeadline(month, raw.dueDay).getTime();
      const active = v.status === 'operating' && start <= month;
      const expected = received || (active && deadline <= now);
      if (!expected) continue;
      reporting.denominator++;
      onTime.denominator++;
      if (received) reporting.numerator++;
      if (firstSub !== null && firstSub < deadline) onTime.numerator++;
    }
  }
  out.reporting_rate = reporting;
  out.on_time_rate = onTime;

  if (fundsVisible) {
    const entries = raw.ledger.filter((e) => sel.communityIds.has(str(e.community_id)));
    const byId = new Map(raw.ledger.map((e) => [str(e.entry_id), e]));
    const fundKind = new Map(raw.funds.map((f) => [str(f.fund_id), str(f.kind)]));
    const proposals = new Map(raw.proposals.map((p) => [str(p.proposal_id), p]));
    const facts = entries.map((e) => {
      const original = e.reverses_entry_id ? byId.get(str(e.reverses_entry_id)) : undefined;
      const effKind =
        e.kind !== 'reversal'
          ? str(e.kind)
          : original
            ? str(original.kind)
            : e.source_type === 'monthly_report'
              ? 'allocation'
              : 'reversal';
      const proposal = proposals.get(str(e.proposal_id ?? original?.proposal_id));
      // the payout date (a reversal is judged with the payout it reverses), else its booking day
      const paidOn = str(
        original?.paid_on ??
          e.paid_on ??
          shanghaiDateOf(new Date(time(original?.created_at ?? e.created_at))),
      );
      return {
        month: str(e.month),
        signed: Number(e.direction) * num(e.amount_fen),
        effKind,
        fundKind: fundKind.get(str(e.fund_id)),
        approved: ['approved', 'disclosure', 'disclosed', 'paid_out', 'closed'].includes(
          str(proposal?.status),
        ),
        backed: isBackedPayout({
          proposalStatus: proposal ? str(proposal.status) : null,
          disclosureEndsOn: proposal?.disclosure_ends_on ? str(proposal.disclosure_ends_on) : null,
          paidOn,
        }),
      };
    });
    const fl = facts.filter((f) => inWindow(f.month));
    const govAlloc = sum(fl, (f) =>
      f.effKind === 'allocation' && f.fundKind === 'governance_special' ? f.signed : 0,
    );
    const reinvest = sum(fl, (f) => (f.effKind === 'expenditure' && f.approved ? -f.signed : 0));
    const balance = sum(
      facts.filter((f) => f.month <= window.to),
      (f: (typeof facts)[number]) => f.signed,
    );
    const trailFrom = addMonths(window.to, -11);
    const inflow12 = sum(
      facts.filter((f) => f.month >= trailFrom && f.month <= window.to),
      (f: (typeof facts)[number]) => (['allocation', 'donation', 'grant'].includes(f.effKind) ? f.signed : 0),
    );
    out.governance_fund_allocation_rate = ratio(govAlloc, sum(flow, distributableOf));
    out.reinvestment = amount(reinvest);
    out.reinvestment_rate = ratio(reinvest, income);
    out.fund_balance = amount(balance);
    const outflow12 = sum(
      facts.filter((f) => f.month >= trailFrom && f.month <= window.to),
      (f: (typeof facts)[number]) => (f.effKind === 'expenditure' ? -f.signed : 0),
    );
    out.fund_idle_ratio = ratio(balance, balance + outflow12);
    // not a KPI: the inflows of the 12 months, which the fund flow of a calendar year equals
    out.fund_inflow_12m = amount(inflow12);
    out.deliberation_coverage = ratio(
      sum(fl, (f) => (f.effKind === 'expenditure' && f.backed ? -f.signed : 0)),
      sum(fl, (f) => (f.effKind === 'expenditure' ? -f.signed : 0)),
    );
  }

  if (communityLevelOk) {
    const pledges = raw.pledges.filter(
      (p) =>
        sel.communityIds.has(str(p.community_id)) &&
        (!sel.partnerId || p.partner_id === sel.partnerId) &&
        !['cancelled', 'withdrawn'].includes(str(p.status)),
    );
    const fulfilments = raw.fulfilments.filter(
      (f) => sel.communityIds.has(str(f.community_id)) && (!sel.partnerId || f.partner_id === sel.partnerId),
    );
    const fulfilledInWindow = fulfilments.filter((f) => inWindow(monthOfDate(f.fulfilled_on)));
    out.give_back = amount(sum(fulfilledInWindow, (f) => num(f.value_fen)));
    // cash apart from in kind (at its declared value), by the kind of the pledge fulfilled
    const kindOfPledge = new Map(raw.pledges.map((p) => [str(p.pledge_id), str(p.kind)]));
    const formOf = (f: Row) => giveBackForm(kindOfPledge.get(str(f.pledge_id)) ?? '');
    out.give_back_cash = amount(sum(fulfilledInWindow, (f) => (formOf(f) === 'cash' ? num(f.value_fen) : 0)));
    out.give_back_in_kind = amount(
      sum(fulfilledInWindow, (f) => (formOf(f) === 'in_kind' ? num(f.value_fen) : 0)),
    );
    const due = pledges.filter((p) => inWindow(monthOfDate(p.due_on)));
    const dueIds = new Set(due.map((p) => str(p.pledge_id)));
    out.give_back_fulfilment_rate = ratio(
      sum(
        fulfilments.filter((f) => dueIds.has(str(f.pledge_id)) && monthOfDate(f.fulfilled_on) <= window.to),
        (f) => num(f.value_fen),
      ),
      sum(due, (p) => num(p.amount_fen)),
    );
  }
  return out;
}

/** The definition, written out again: an amount is its sum; a ratio has no value unless its denominator is positive. */
export function bruteValue(f: BruteFigure): number | null {
  if (f.denominator === null) return f.numerator;
  return f.denominator > 0 ? f.numerator / f.denominator : null;
}
