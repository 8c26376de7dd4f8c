import {
  addMonths,
  compareMonths,
  DEFAULT_REPORT_DUE_DAY,
  KPI_KEYS,
  type KpiKey,
  type Month,
  monthRange,
} from '@gongfu/domain';
import { type CompiledQuery, createQueryId, type RawBuilder, sql } from 'kysely';
import { compiledPerShape } from '../compiled';
import { withNextStatement } from '../driver';
import type { ScopedTransaction } from '../tenant';

/**
 * The district KPIs in SQL — the one place each KPI's formula is written, keyed by the KPI's key.
 *
 * Everything is computed from facts that respect the caller's scope twice: RLS, and the explicit
 * district / community / partner filter of the selection below. The facts:
 *  - `vm` / `crx`: venture-months from the rollup `kpi_venture_months` (migration 1400, ADR 0006) — of
 *    a venture-month only the highest approved or locked revision counts (an amendment replaces what it
 *    amends), with its community income: the community's holdings' share of the profit (split by the
 *    company's shareholdings in force in the report's month — a change of shareholding never re-splits an
 *    earlier month — with the domain's largest-remainder rule; a venture without a company, or a company
 *    without shareholdings in force, is the community's alone) plus the remittance received;
 *  - `lm`: fund-months from the rollup `kpi_fund_months`, by effective kind (a reversal takes the kind
 *    of the entry it reverses), with the spending backed by an approved project and by a disclosure that
 *    was over before the payout date (migration 2026-12-04T1400); `lmb`: the funds' kept balances less the fund-months since (a balance at a window's end);
 *    `le` is the raw ledger, read only for the fund flow's detail;
 *  - `pl` / `pf`: give-back pledges and their fulfilments (with the pledge's kind: cash, or in kind at its
 *    declared value);
 *  - `tmd`: each month's reporting deadline; `tr`: the venture-months with a report, received, on time
 *    (first submission before the deadline) or due; `tf`: each venture × month in its reporting state
 *    (on time, late, missing, returned) for the reporting matrix.
 * The rollups hold no attribute a user edits (street office, operating model, category, price tier,
 * status, fund kind, deadline): those are joined here, at read time.
 * A KPI is a list of parts, most of them a numerator and/or denominator measured over one of these
 * facts (SOURCES), each source read once per statement (ADR 0009); numerators and denominators are
 * summed per window and group, so a ratio is always recomputed from summed parts and never averaged.
 */

/** The KPIs' keys are the domain's: one list for the definitions, this SQL and the admin. */
export { KPI_KEYS, type KpiKey };

export const KPI_GROUP_BYS = [
  'district',
  'street_office',
  'community',
  'operating_model',
  'venture_category',
] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BYS)[number];

/** Ventures whose company has no operating model (or that have no company) group under this key. */
export const UNASSIGNED_MODEL = 'unassigned';
/** Street-office key of communities that belong to none. */
export const NO_STREET_OFFICE = 'none';

/** Which rows count: the caller's scope and the request's filters. */
export interface KpiSelection {
  districtId: string;
  /** a community role's own community */
  scopeCommunityId: string | null;
  /** a partner operator's partner: its ventures, and the communities it operates in */
  scopePartnerId: string | null;
  streetOfficeId: string | null;
  communityId: string | null;
  operatingModel: string | null;
  ventureCategory: string | null;
}

/** A whole district, no scope and no filter: what its officials see with nothing narrowed. */
export const districtSelection = (districtId: string): KpiSelection => ({
  districtId,
  scopeCommunityId: null,
  scopePartnerId: null,
  streetOfficeId: null,
  communityId: null,
  operatingModel: null,
  ventureCategory: null,
});

/** A named, inclusive month range: a period, or one month of a series. */
export interface KpiWindow {
  key: string;
  from: Month;
  to: Month;
}

/**
 * The facts a measure runs over (as alias `f`, filtered by `where`), and which of their months count for
 * a window `w` (as `s.month`). A source is read in two steps: its rows are summed per month and group
 * first, then the monthly sums are added up per window — so joining the windows costs a few dozen
 * monthly rows rather than every fact row once per window.
 */
const SOURCES = {
  /** the counted reports of each window */
  reports: { rows: sql`vm f where f.counted`, months: sql`s.month between w.wfrom and w.wto` },
  /** the ledger's fund-months of each window (by the entries' accounting month); a `trailing12`
   *  measure reads the 12 months ending with the window instead */
  ledger: { rows: sql`lm f`, months: sql`s.month between w.wfrom and w.wto` },
  /** the balance now (month '9999-99') and, negated, every fund-month after each window's end: what
   *  a balance at the window's end adds up */
  balance: { rows: sql`lmb f`, months: sql`s.month > w.wto` },
  /** the venture-months of each window that have a report in some state (the reporting facts of the
   *  months without one are counted per venture: see `dueMonthsWithoutReport`) */
  reportedMonths: { rows: sql`tr f`, months: sql`s.month between w.wfrom and w.wto` },
  /** give-back fulfilments made in each window */
  fulfilments: { rows: sql`pf f`, months: sql`s.month between w.wfrom and w.wto` },
} as const;
type Source = keyof typeof SOURCES;

/**
 * A numerator and/or denominator summed over one source's rows (alias `f`; the expressions see the
 * row, not the window). All the measures over one source are summed in a single pass over it, whatever
 * KPIs they belong to.
 */
interface Measure {
  over: Source;
  num?: RawBuilder<unknown>;
  den?: RawBuilder<unknown>;
  /** which of the source's months count for a window: by default the source's; `lastMonth` — a stock —
   *  only the window's last; `trailing12` the 12 months ending with the window's last */
  span?: 'lastMonth' | 'trailing12';
}

/** A part no single source can express: a row-level select of (wkey, gkey, num, den). */
type CustomPart = (ctx: PartContext) => RawBuilder<unknown>;

export interface KpiFormula {
  /** 'community': built on ledgers or pledges, which belong to a community and not to a venture */
  level: 'venture' | 'community';
  ratio: boolean;
  /** false when a partner operator's scope (its ventures) cannot reach the facts */
  partnerVisible: boolean;
  /** numerators and denominators of all parts are summed per window and group */
  parts: Array<Measure | CustomPart>;
}

interface PartContext {
  /** the group key of a fact alias under the requested groupBy */
  g(alias: string): RawBuilder<unknown>;
  /** the (community, group key) pairs a "communities with income" count runs over: community_id, bkey */
  base: RawBuilder<unknown>;
}

/** Community income: a KPI of its own and the denominator of two rates (summed once for all three). */
const communityIncome = sql`f.income_fen`;
const incomeDenominator: Measure = { over: 'reports', den: communityIncome };
/** What a report's approval splits into the funds: max(0, the community's profit share) + remittance received. */
const distributable = sql`greatest(f.income_fen - f.remittance_received_fen, 0) + f.remittance_received_fen`;
/** The balance at the end of each window. */
const netFen = sql`f.net_fen`;
const balanceAtEnd: Measure = { over: 'balance', num: netFen };
const approvedProjectOutflow = sql`f.project_expenditure_fen`;

/**
 * Venture-months expected to report: received (in any state), or due — the venture operating since the
 * month began and the month's deadline passed. Counted without pairing every venture with every month:
 * the months that have a report count as they are, minus those also due (the second part counts every
 * due month of each operating venture, reported or not).
 */
const expectedReports: Array<Measure | CustomPart> = [
  { over: 'reportedMonths', den: sql`case when f.received and not f.due then 1 else 0 end` },
  (ctx) =>
    sql`select w.wkey, ${ctx.g('v')} as gkey, 0::bigint as num,
               (select count(*) from tmd m
                where m.due_passed and m.month between greatest(w.wfrom, v.start_month) and w.wto)::bigint as den
        from w cross join vf v
        where v.status = 'operating'`,
];

export const KPI_SQL: Record<KpiKey, KpiFormula> = {
  operating_revenue: {
    level: 'venture',
    ratio: false,
    partnerVisible: true,
    parts: [{ over: 'reports', num: sql`f.revenue_fen` }],
  },
  net_profit: {
    level: 'venture',
    ratio: false,
    partnerVisible: true,
    parts: [{ over: 'reports', num: sql`f.profit_fen` }],
  },
  community_income: {
    level: 'venture',
    ratio: false,
    partnerVisible: true,
    parts: [{ over: 'reports', num: communityIncome }],
  },
  stable_jobs: {
    level: 'venture',
    ratio: false,
    partnerVisible: true,
    // a stock at the period's end: per venture, its latest counted report within the window (a venture whose
    // last month is not approved yet still counts with its latest approved month of the period)
    parts: [
      (ctx) =>
        sql`select w.wkey, ${ctx.g('x')} as gkey, sum(x.stable_jobs)::bigint as num, 0::bigint as den
            from w cross join lateral (
              select distinct on (f.venture_id) f.*
              from crx f where f.month between w.wfrom and w.wto
              order by f.venture_id, f.month desc
            ) x
            group by 1, 2`,
    ],
  },
  residents_served: {
    level: 'venture',
    ratio: false,
    partnerVisible: true,
    parts: [{ over: 'reports', num: sql`f.residents_served` }],
  },
  governance_fund_allocation_rate: {
    level: 'community',
    ratio: true,
    partnerVisible: false,
    parts: [
      {
        over: 'ledger',
        num: sql`case when f.fund_kind = 'governance_special' then f.allocation_fen else 0 end`,
      },
      // the base the distribution rule was applied to (domain `computeDistribution`): the community's
      // profit share, a loss counting as 0, plus the remittance received — never the community income
      { over: 'reports', den: distributable },
    ],
  },
  reinvestment: {
    level: 'community',
    ratio: false,
    partnerVisible: false,
    parts: [{ over: 'ledger', num: approvedProjectOutflow }],
  },
  reinvestment_rate: {
    level: 'community',
    ratio: true,
    partnerVisible: false,
    parts: [{ over: 'ledger', num: approvedProjectOutflow }, incomeDenominator],
  },
  fund_balance: {
    level: 'community',
    ratio: false,
    partnerVisible: false,
    parts: [balanceAtEnd],
  },
  fund_idle_ratio: {
    level: 'community',
    ratio: true,
    partnerVisible: false,
    parts: [
      // the balance at the window's end, over itself plus the outflows (net of their reversals) of the 12
      // months ending with the window: a balance that nothing was spent from reads 1, the idlest
      { over: 'balance', num: netFen, den: netFen },
      { over: 'ledger', den: sql`f.expenditure_fen`, span: 'trailing12' },
    ],
  },
  deliberation_coverage: {
    level: 'community',
    ratio: true,
    partnerVisible: false,
    parts: [{ over: 'ledger', num: sql`f.backed_expenditure_fen`, den: sql`f.expenditure_fen` }],
  },
  service_response_rate: {
    level: 'venture',
    ratio: true,
    partnerVisible: true,
    parts: [{ over: 'reports', num: sql`f.requests_within_promise`, den: sql`f.service_requests` }],
  },
  public_welfare_share: {
    level: 'venture',
    ratio: true,
    partnerVisible: true,
    parts: [
      {
        over: 'reports',
        num: sql`case when f.price_tier in ('public_welfare', 'low_price') then f.service_transactions else 0 end`,
        den: sql`f.service_transactions`,
      },
    ],
  },
  give_back: {
    level: 'community',
    ratio: false,
    partnerVisible: true,
    parts: [{ over: 'fulfilments', num: sql`f.value_fen` }],
  },
  // the total's two parts: money, and the declared value of what came in kind (the domain's giveBackForm)
  give_back_cash: {
    level: 'community',
    ratio: false,
    partnerVisible: true,
    parts: [{ over: 'fulfilments', num: sql`case when f.pledge_kind = 'cash' then f.value_fen else 0 end` }],
  },
  give_back_in_kind: {
    level: 'community',
    ratio: false,
    partnerVisible: true,
    parts: [{ over: 'fulfilments', num: sql`case when f.pledge_kind = 'cash' then 0 else f.value_fen end` }],
  },
  give_back_fulfilment_rate: {
    level: 'community',
    ratio: true,
    partnerVisible: true,
    parts: [
      // pledges falling due in the window, and what was fulfilled on them by the window's end
      (ctx) =>
        sql`select w.wkey, ${ctx.g('p')} as gkey, f.value_fen::bigint as num, 0::bigint as den
            from w join pl p on p.due_month between w.wfrom and w.wto
            join pf f on f.pledge_id = p.pledge_id and f.month <= w.wto`,
      (ctx) =>
        sql`select w.wkey, ${ctx.g('p')} as gkey, 0::bigint as num, p.amount_fen::bigint as den
            from w join pl p on p.due_month between w.wfrom and w.wto`,
    ],
  },
  reporting_rate: {
    level: 'venture',
    ratio: true,
    partnerVisible: true,
    parts: [{ over: 'reportedMonths', num: sql`case when f.received then 1 else 0 end` }, ...expectedReports],
  },
  on_time_rate: {
    level: 'venture',
    ratio: true,
    partnerVisible: true,
    parts: [{ over: 'reportedMonths', num: sql`case when f.on_time then 1 else 0 end` }, ...expectedReports],
  },
  communities_with_income_rate: {
    level: 'venture',
    ratio: true,
    partnerVisible: true,
    parts: [
      (ctx) =>
        sql`select w.wkey, b.bkey as gkey,
                   (case when coalesce(inc.income_fen, 0) > 0 then 1 else 0 end)::bigint as num,
                   1::bigint as den
            from w cross join (${ctx.base}) b
            left join (
              select w2.wkey, f.community_id, ${ctx.g('f')} as gkey, sum(f.income_fen) as income_fen
              from w w2 join vm f on f.counted and f.month between w2.wfrom and w2.wto
              group by 1, 2, 3
            ) inc on inc.wkey = w.wkey and inc.community_id = b.community_id and inc.gkey = b.bkey`,
    ],
  },
};

const GROUP_COLUMN: Record<KpiGroupBy, string | null> = {
  district: null,
  street_office: 'street_key',
  community: 'community_key',
  operating_model: 'model_key',
  venture_category: 'category_key',
};

export function isVentureGroupBy(groupBy: KpiGroupBy): boolean {
  return groupBy === 'operating_model' || groupBy === 'venture_category';
}

export function hasVentureFilter(selection: KpiSelection): boolean {
  return Boolean(selection.operatingModel || selection.ventureCategory);
}

interface FactOptions {
  windows: readonly KpiWindow[];
  /** seconds since the epoch: what "the deadline has passed" is measured against (NOW_SLOT while compiling once) */
  nowEpoch: number;
}

function trailingFrom(to: Month): Month {
  return addMonths(to, -11);
}

/** The months the windows read (lo…hi), and the earliest window end (for balances). */
function monthBounds(windows: readonly KpiWindow[]): { lo: Month; hi: Month; firstEnd: Month } {
  if (windows.length === 0) throw new RangeError('at least one window is needed');
  let lo = windows[0]?.from as Month;
  let hi = windows[0]?.to as Month;
  let firstEnd = hi;
  for (const w of windows) {
    for (const m of [w.from, trailingFrom(w.to)]) if (compareMonths(m, lo) < 0) lo = m;
    if (compareMonths(w.to, hi) > 0) hi = w.to;
    if (compareMonths(w.to, firstEnd) < 0) firstEnd = w.to;
  }
  return { lo, hi, firstEnd };
}

const SHANGHAI_DATE_OF = (column: string) =>
  sql.raw(`(date '1970-01-01' + floor((extract(epoch from ${column}) + 28800) / 86400)::int)`);

/** The CTEs every KPI query reads: windows and facts, filtered by scope and selection. */
function facts(s: KpiSelection, options: FactOptions) {
  const { lo, hi, firstEnd } = monthBounds(options.windows);
  const { nowEpoch } = options;
  const D = s.districtId;
  const windows = sql.join(
    options.windows.map(
      (w) => sql`(${w.key}::text, ${w.from}::char(7), ${w.to}::char(7), ${trailingFrom(w.to)}::char(7))`,
    ),
  );
  const months = sql.join(monthRange(lo, hi).map((m) => sql`(${m}::char(7))`));
  const partnerCommunities = s.scopePartnerId
    ? sql`and c.community_id in (select v.community_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${s.scopePartnerId})`
    : sql``;
  return sql`
    w (wkey, wfrom, wto, wtrail) as (values ${windows}),
    tmon (month) as (values ${months}),
    cm as (
      select c.community_id, coalesce(c.street_office_id::text, ${NO_STREET_OFFICE}) as street_key,
             c.community_id::text as community_key, null::text as model_key, null::text as category_key
      from communities c
      where c.district_id = ${D} and c.deleted_at is null
        ${s.scopeCommunityId ? sql`and c.community_id = ${s.scopeCommunityId}` : sql``}
        ${partnerCommunities}
        ${s.streetOfficeId ? sql`and c.street_office_id = ${s.streetOfficeId}` : sql``}
        ${s.communityId ? sql`and c.community_id = ${s.communityId}` : sql``}
    ),
    vf as (
      select v.venture_id, v.community_id, v.price_tier, v.status, v.company_id,
             -- the first month the venture owes a report: the later of its start and its reporting start (its own,
             -- else the district's; the domain's firstExpectedMonth) — months before were never asked for
             greatest(to_char(coalesce(v.started_on, ${SHANGHAI_DATE_OF('v.created_at')}), 'YYYY-MM'),
                      coalesce(v.reporting_start_month,
                               (select d.reporting_start_month from districts d where d.district_id = ${D}))::text)
               as start_month,
             cm.street_key, cm.community_key,
             coalesce(co.operating_model, ${UNASSIGNED_MODEL}) as model_key, v.category as category_key
      from ventures v
      join cm on cm.community_id = v.community_id
      left join companies co
        on co.district_id = v.district_id and co.community_id = v.community_id and co.company_id = v.company_id
      where v.district_id = ${D}
        ${s.scopePartnerId ? sql`and v.operator_partner_id = ${s.scopePartnerId}` : sql``}
        ${s.operatingModel ? sql`and coalesce(co.operating_model, ${UNASSIGNED_MODEL}) = ${s.operatingModel}` : sql``}
        ${s.ventureCategory ? sql`and v.category = ${s.ventureCategory}` : sql``}
    ),
    -- the venture-months of the selection (rollup, migration 1400): the counted report's measures and
    -- community income, and the month's reporting facts
    vm as (
      select k.venture_id, k.month, k.counted, k.revenue_fen, k.operating_cost_fen,
             k.revenue_fen - k.operating_cost_fen as profit_fen, k.stable_jobs, k.residents_served,
             k.service_transactions, k.remittance_received_fen, k.service_requests, k.requests_within_promise,
             k.income_fen, k.first_submitted_at as first_sub, k.latest_status, k.has_approved,
             vf.community_id, vf.company_id, vf.price_tier, vf.status as venture_status, vf.start_month,
             vf.street_key, vf.community_key, vf.model_key, vf.category_key
      from kpi_venture_months k join vf on vf.venture_id = k.venture_id
      where k.district_id = ${D} and k.month between ${lo} and ${hi}
    ),
    -- the counted venture-months (the KPIs filter vm on counted themselves, so that vm is materialized once)
    crx as (select * from vm where vm.counted),
    -- the fund-months of the windows (rollup, migration 1400), with the fund's kind
    lm as (
      select k.community_id, cm.street_key, cm.community_key, null::text as model_key, null::text as category_key,
             k.month, fu.kind as fund_kind, k.net_fen, k.allocation_fen, k.donation_fen, k.grant_fen,
             k.expenditure_fen, k.project_expenditure_fen, k.backed_expenditure_fen
      from kpi_fund_months k
      join cm on cm.community_id = k.community_id
      join funds fu on fu.district_id = k.district_id and fu.community_id = k.community_id and fu.fund_id = k.fund_id
      where k.district_id = ${D} and k.month between ${lo} and ${hi}
    ),
    -- balances, counted back from now: each fund's kept balance (funds.balance_fen, which ledger.post
    -- keeps equal to the sum of its entries in the posting's transaction), less the fund-months after a
    -- window's end — the months since the earliest window's end, not the district's whole history
    lmb as (
      select fu.community_id, cm.street_key, cm.community_key, null::text as model_key, null::text as category_key,
             '9999-99'::char(7) as month, fu.balance_fen as net_fen
      from funds fu join cm on cm.community_id = fu.community_id
      where fu.district_id = ${D}
      union all
      select k.community_id, cm.street_key, cm.community_key, null::text, null::text, k.month, -k.net_fen
      from kpi_fund_months k join cm on cm.community_id = k.community_id
      where k.district_id = ${D} and k.month > ${firstEnd}
    ),
    -- the raw ledger, for the fund flow's detail (venture category, purpose); the KPIs read lm
    le as (
      select e.community_id, cm.street_key, cm.community_key, null::text as model_key, null::text as category_key,
             e.month, e.direction * e.amount_fen as signed_fen, fu.kind as fund_kind,
             case
               when e.kind <> 'reversal' then e.kind
               when o.kind is not null then o.kind
               -- an amendment's reversal of what the earlier revision allocated
               when e.source_type = 'monthly_report' then 'allocation'
               else 'reversal'
             end as eff_kind,
             coalesce(o.posting_key, e.posting_key) as posting_key,
             coalesce(o.source_id, e.source_id) as source_id,
             p.purpose, p.proposal_id, p.title as proposal_title, p.use_category,
             coalesce(p.status in ('approved', 'disclosure', 'disclosed', 'paid_out', 'closed'), false) as approved_project,
             -- backed: disclosed before the money left (the payout date, a reversal's that of what it reverses)
             coalesce(p.status in ('disclosed', 'paid_out', 'closed') and p.disclosure_ends_on is not null
                      and p.disclosure_ends_on < coalesce(o.paid_on, e.paid_on), false) as backed
      from ledger_entries e
      join cm on cm.community_id = e.community_id
      join funds fu on fu.district_id = e.district_id and fu.community_id = e.community_id and fu.fund_id = e.fund_id
      left join ledger_entries o
        on o.district_id = e.district_id and o.community_id = e.community_id and o.entry_id = e.reverses_entry_id
      left join proposals p
        on p.district_id = e.district_id and p.community_id = e.community_id
       and p.proposal_id = coalesce(e.proposal_id, o.proposal_id)
      -- the windows' months only: the fund flow keeps its window's entries next, so earlier ones need not go
      -- through the joins above
      where e.district_id = ${D} and e.month between ${lo} and ${hi}
    ),
    pl as (
      select p.pledge_id, p.community_id, cm.street_key, cm.community_key, null::text as model_key,
             null::text as category_key, to_char(p.due_on, 'YYYY-MM') as due_month, p.amount_fen
      from pledges p join cm on cm.community_id = p.community_id
      where p.district_id = ${D} and p.status not in ('cancelled', 'withdrawn')
        ${s.scopePartnerId ? sql`and p.partner_id = ${s.scopePartnerId}` : sql``}
    ),
    pf as (
      select f.pledge_id, f.community_id, cm.street_key, cm.community_key, null::text as model_key,
             null::text as category_key, to_char(f.fulfilled_on, 'YYYY-MM') as month, f.value_fen,
             pk.kind as pledge_kind
      from pledge_fulfilments f join cm on cm.community_id = f.community_id
      join pledges pk on pk.district_id = f.district_id and pk.pledge_id = f.pledge_id
      where f.district_id = ${D}
        ${s.scopePartnerId ? sql`and f.partner_id = ${s.scopePartnerId}` : sql``}
    ),
    -- each month's reporting deadline (the due day of the next month, Shanghai time), once per month
    -- rather than once per venture-month
    tmd as (
      select m.month, dl.deadline, dl.deadline <= to_timestamp(${nowEpoch}) as due_passed
      from tmon m cross join (
        select coalesce((select d.report_due_day from districts d where d.district_id = ${D}), 10)::int as due_day
      ) due
      cross join lateral (
        select (((to_date(m.month || '-01', 'YYYY-MM-DD') + interval '1 month')::date + due.due_day)::timestamp at time zone 'UTC')
               - interval '8 hours' as deadline
      ) dl
    ),
    -- the reporting facts of the venture-months that have a report in some state
    tr as (
      select s.month, s.street_key, s.community_key, s.model_key, s.category_key,
             (s.first_sub is not null or coalesce(s.latest_status in ('submitted', 'returned', 'approved', 'locked'), false)) as received,
             (s.first_sub is not null and s.first_sub < m.deadline) as on_time,
             (s.venture_status = 'operating' and s.start_month <= s.month and m.due_passed) as due
      from vm s join tmd m on m.month = s.month
    ),
    tl as (
      select vf.venture_id, vf.community_id, vf.street_key, vf.community_key, vf.model_key, vf.category_key, m.month,
             s.first_sub, s.latest_status, coalesce(s.has_approved, false) as has_approved,
             (s.first_sub is not null or coalesce(s.latest_status in ('submitted', 'returned', 'approved', 'locked'), false)) as received,
             (vf.status = 'operating' and vf.start_month <= m.month) as active,
             m.deadline, m.due_passed
      from vf cross join tmd m
      left join vm s on s.venture_id = vf.venture_id and s.month = m.month
    ),
    tf as (
      select tl.*,
             (tl.received or (tl.active and tl.due_passed)) as expected,
             (tl.first_sub is not null and tl.first_sub < tl.deadline) as on_time,
             case
               when tl.latest_status = 'returned' and not tl.has_approved then 'returned'
               when tl.first_sub is not null and tl.first_sub < tl.deadline then 'on_time'
               when tl.received then 'late'
               when tl.active and tl.due_passed then 'missing'
               when tl.active then 'not_due'
               else null
             end as state
      from tl
    )`;
}

/**
 * KPI statements are prepared by the driver, and their best plan depends on the bound month range and
 * scope: after five runs PostgreSQL may switch a prepared statement to its generic plan, measured ~1.5×
 * slower at the benchmark's large size. KPI transactions ask for custom plans, transaction-local.
 */
async function preferCustomPlans(trx: ScopedTransaction) {
  // sent with the KPI statement itself (driver.ts): no round trip of its own
  await trx.executeQuery(withNextStatement('SET LOCAL plan_cache_mode = force_custom_plan'));
}

/** The clock's place in a cached statement: compiled where `nowEpoch` goes, and bound per request (`compiledOnce`). */
const NOW_SLOT = Object.freeze({ boundPerRequest: 'nowEpoch' }) as unknown as number;
/** enough for every shape a district's cockpit asks for, times a few districts; the oldest used goes first */
const MAX_COMPILED = 256;
const compiledByShape = new Map<string, CompiledQuery<unknown>>();
/** how often a KPI statement was compiled and how often one was reused, since the process started (for tests) */
export const kpiStatementCompiles = { compiled: 0, reused: 0 };

/**
 * A KPI statement compiled once for what it is built from and bound per request (issue 14: "cache compiled
 * statements that do not change shape"). A KPI statement is some hundred template pieces that Kysely freezes and
 * then walks to compile: ~0.3 ms of an overview answer's JavaScript (CPU profile, 2026-12-05), for text that is the
 * same for every official opening the same figures. `shape` is everything the statement is built from but the clock
 * — the selection (district and scope included: each district's statement is its own, with its own parameters),
 * the windows, the grouping, the KPIs; `build` must use nothing else. The clock (`nowEpoch`, which moves every
 * second) is compiled as a marker and bound here, so the cached text serves every second alike.
 */
function compiledOnce<R>(
  trx: ScopedTransaction,
  shape: unknown,
  nowEpoch: number | undefined,
  build: (nowEpoch: number) => RawBuilder<R>,
): CompiledQuery<R> {
  const key = JSON.stringify(shape);
  let compiled = compiledByShape.get(key) as CompiledQuery<R> | undefined;
  if (compiled) {
    kpiStatementCompiles.reused++;
    // most recently used last, so that the first key is the one to drop
    compiledByShape.delete(key);
  } else {
    kpiStatementCompiles.compiled++;
    compiled = build(NOW_SLOT).compile(trx);
    if (compiledByShape.size >= MAX_COMPILED)
      compiledByShape.delete(compiledByShape.keys().next().value as string);
  }
  compiledByShape.set(key, compiled);
  const now = nowEpoch ?? Math.floor(Date.now() / 1000);
  return {
    ...compiled,
    // a query id of its own per execution, as a fresh compile would have
    queryId: createQueryId(),
    parameters: compiled.parameters.map((p) => (p === NOW_SLOT ? now : p)),
  };
}

/**
 * A KPI statement read on its own (the fund flow, the mix): compiled once for its shape (`compiledOnce`, the clock
 * of now), run with custom plans (`preferCustomPlans`), its rows returned.
 */
async function runOnce<R>(
  trx: ScopedTransaction,
  shape: unknown,
  build: (nowEpoch: number) => RawBuilder<R>,
): Promise<R[]> {
  await preferCustomPlans(trx);
  return (await trx.executeQuery(compiledOnce(trx, shape, undefined, build))).rows;
}

export interface KpiRow {
  kpi: KpiKey;
  wkey: string;
  gkey: string;
  num: string | number | bigint;
  den: string | number | bigint;
}

/**
 * The numerator and denominator of each KPI, per window and group. Windows or groups without any fact
 * have no row or a row of zeros (their sums are 0). Keys whose facts cannot be grouped or filtered by
 * venture, or that a partner cannot see, must be left out by the caller (see `level` and
 * `partnerVisible`).
 *
 * Each source is read once: one aggregate per source sums every requested measure over it as its own
 * column, and the columns are then turned back into (kpi, num, den) rows — an overview of 18 KPIs reads
 * the reports, the ledger and the reporting facts once each instead of once per KPI.
 */
export async function computeKpis(trx: ScopedTransaction, args: KpiComputation): Promise<KpiRow[]> {
  const read = await kpisRead(trx, args);
  return read ? read.rowsOf((await trx.executeQuery(read.query)).rows) : [];
}

/** What `computeKpis` computes: the KPIs of a selection, per window and group. */
export interface KpiComputation {
  selection: KpiSelection;
  windows: readonly KpiWindow[];
  groupBy: KpiGroupBy;
  keys: readonly KpiKey[];
  nowEpoch?: number;
}

/**
 * `computeKpis`' statement, compiled, to send with others (`pipelined`), and `rowsOf` to read its rows with. The
 * plan setting it needs is held, to ride with the next statement sent (`preferCustomPlans`) — send it in the same
 * `pipelined` call. Null when no KPI is asked for.
 */
export async function kpisRead(
  trx: ScopedTransaction,
  args: KpiComputation,
): Promise<{ query: CompiledQuery<KpiRow>; rowsOf: (rows: readonly KpiRow[]) => KpiRow[] } | null> {
  if (args.keys.length === 0) return null;
  // identical windows (a year's previous period is also its same period last year) are computed once
  const windows: KpiWindow[] = [];
  const sameAs = new Map<string, string[]>();
  for (const w of args.windows) {
    const first = windows.find((u) => u.from === w.from && u.to === w.to);
    if (first) sameAs.get(first.key)?.push(w.key);
    else {
      windows.push(w);
      sameAs.set(w.key, [w.key]);
    }
  }
  await preferCustomPlans(trx);
  const shape = ['kpis', args.selection, windows, args.groupBy, args.keys];
  const query = compiledOnce(trx, shape, args.nowEpoch, (nowEpoch) => {
    const column = GROUP_COLUMN[args.groupBy];
    const g = (alias: string) => (column ? sql.ref(`${alias}.${column}`) : sql`'all'::text`);
    const ventureBase =
      isVentureGroupBy(args.groupBy) || hasVentureFilter(args.selection) || args.selection.scopePartnerId;
    const base = ventureBase
      ? sql`select distinct v.community_id, ${g('v')} as bkey from vf v`
      : sql`select c.community_id, ${g('c')} as bkey from cm c`;
    const ctx: PartContext = { g, base };

    // a measure may be shared by KPIs (an income denominator, a balance): kept per KPI
    const bySource = new Map<Source, Array<Measure & { kpi: KpiKey }>>();
    const custom: RawBuilder<unknown>[] = [];
    for (const kpi of args.keys) {
      for (const part of KPI_SQL[kpi].parts) {
        if (typeof part === 'function') {
          custom.push(sql`select ${kpi}::text as kpi, t.wkey, t.gkey, t.num, t.den from (${part(ctx)}) t`);
        } else {
          const measures = bySource.get(part.over) ?? [];
          measures.push({ ...part, kpi });
          bySource.set(part.over, measures);
        }
      }
    }
    const passes = [...bySource].map(([source, measures]) => {
      const { rows, months } = SOURCES[source];
      // one column per distinct expression and span: KPIs sharing one (an income denominator) sum it once
      const columns: Array<{ expr: RawBuilder<unknown>; span: Measure['span'] }> = [];
      const column = (expr: RawBuilder<unknown> | undefined, span: Measure['span']) => {
        if (!expr) return sql`0::bigint`;
        let i = columns.findIndex((c) => c.expr === expr && c.span === span);
        if (i < 0) i = columns.push({ expr, span }) - 1;
        return sql`t.${sql.ref(`c${i}`)}`;
      };
      const unpivot = measures.map(
        (m) => sql`(${m.kpi}::text, ${column(m.num, m.span)}, ${column(m.den, m.span)})`,
      );
      // per month and group
      const monthly = columns.map((c, i) => sql`sum((${c.expr})::bigint) as ${sql.ref(`c${i}`)}`);
      // per window and group; with a trailing-12 column the join takes both spans, each column its own
      const trailing = columns.some((c) => c.span === 'trailing12');
      const join = trailing ? sql`s.month between least(w.wfrom, w.wtrail) and w.wto` : months;
      const windowed = columns.map((c, i) => {
        const ref = sql.ref(`s.c${i}`);
        const when =
          c.span === 'lastMonth'
            ? sql`s.month = w.wto`
            : c.span === 'trailing12'
              ? sql`s.month between w.wtrail and w.wto`
              : trailing
                ? months
                : null;
        return when
          ? sql`sum(case when ${when} then ${ref} else 0 end)::bigint as ${sql.ref(`c${i}`)}`
          : sql`sum(${ref})::bigint as ${sql.ref(`c${i}`)}`;
      });
      return sql`select x.kpi, t.wkey, t.gkey, x.num, x.den
                 from (select w.wkey, s.gkey, ${sql.join(windowed)}
                       from w join (select f.month, ${g('f')} as gkey, ${sql.join(monthly)}
                                    from ${rows} group by 1, 2) s on ${join}
                       group by 1, 2) t
                 cross join lateral (values ${sql.join(unpivot)}) x (kpi, num, den)`;
    });
    return sql<KpiRow>`with ${facts(args.selection, { windows, nowEpoch })}
      select t.kpi, t.wkey, coalesce(t.gkey, '') as gkey, sum(t.num)::bigint as num, sum(t.den)::bigint as den
      from (${sql.join([...passes, ...custom], sql` union all `)}) t
      group by t.kpi, t.wkey, t.gkey`;
  });
  return {
    query,
    rowsOf: (rows) =>
      rows.flatMap((row) => (sameAs.get(row.wkey) ?? [row.wkey]).map((wkey) => ({ ...row, wkey }))),
  };
}

export interface ReportingCellRow {
  community_id: string;
  month: string;
  state: 'on_time' | 'late' | 'missing' | 'returned' | 'not_due';
  /** first submitted by the deadline (a returned report may have been) */
  on_time: boolean;
  ventures: string | number | bigint;
  /** of those, the ventures whose month has an approved (or locked) report: what the KPIs count */
  approved: string | number | bigint;
  /** of those, the ventures whose report of the month was returned at least once (whatever its state now) */
  was_returned: string | number | bigint;
}

/**
 * Per community × month: how many ventures are in each reporting state (ventures not expected are left out).
 * Compiled, to send with others (`pipelined`): the plan setting it needs is held, to ride with the next statement
 * sent (`preferCustomPlans`) — send it in the same `pipelined` call.
 */
export async function reportingMatrixRead(
  trx: ScopedTransaction,
  args: { selection: KpiSelection; from: Month; to: Month; nowEpoch?: number },
) {
  const windows = [{ key: 'matrix', from: args.from, to: args.to }];
  await preferCustomPlans(trx);
  const shape = ['reporting-matrix', args.selection, args.from, args.to];
  return compiledOnce(
    trx,
    shape,
    args.nowEpoch,
    (nowEpoch) => sql<ReportingCellRow>`with ${facts(args.selection, { windows, nowEpoch })},
    -- the venture-months with a report returned at least once: a join rather than a correlated EXISTS per fact,
    -- which Citus cannot plan beside the CTEs ("correlated subqueries are not supported when the FROM clause
    -- contains a CTE or subquery", ADR 0027)
    rt as (
      select distinct r.venture_id, r.month from monthly_reports r
      where r.district_id = ${args.selection.districtId}
        and (r.status = 'returned' or r.report_id in (
          select e.report_id from report_events e
          where e.district_id = ${args.selection.districtId} and e.action = 'return'))
    )
    select f.community_id, f.month::text as month, f.state, f.on_time, count(*)::bigint as ventures,
           count(*) filter (where f.has_approved)::bigint as approved,
           count(*) filter (where rt.venture_id is not null)::bigint as was_returned
    from tf f join w on f.month between w.wfrom and w.wto
    left join rt on rt.venture_id = f.venture_id and rt.month = f.month
    where f.state is not null
    group by f.community_id, f.month, f.state, f.on_time`,
  );
}

export interface FundFlowRow {
  flow: 'in' | 'out';
  /** in: 'allocation' | 'donation' | 'grant'; out: 'expenditure' */
  kind: string;
  /** in, allocation: the venture category of the report that posted it (null when not traceable);
   *  out: the proposal's id (null when the payout names no proposal) */
  detail: string | null;
  /** out: the proposal's title and its community's name */
  label: string | null;
  fund_kind: string;
  amount_fen: string | number | bigint;
  /** out: the proposal's use category (null when the payout names no proposal) */
  use_category: string | null;
}

/**
 * Money into and out of the funds in a window, net of reversals: inflows by kind (allocations by the
 * venture category of the report they came from) and fund kind; outflows by fund kind and proposal, with the
 * proposal's use category.
 */
export async function fundFlow(
  trx: ScopedTransaction,
  args: { selection: KpiSelection; window: KpiWindow },
): Promise<FundFlowRow[]> {
  const D = args.selection.districtId;
  return runOnce(
    trx,
    ['fund-flow', args.selection, args.window],
    (nowEpoch) => sql<FundFlowRow>`with ${facts(args.selection, { windows: [args.window], nowEpoch })},
    -- the report an allocation came from (named in its posting key, 'report:<id>:…', else its source), joined
    -- once: as a correlated subquery per entry the planner scanned the community's reports for each entry (~0.8 s
    -- at the small benchmark size, 2026-12-04); (district, community, report) is monthly_reports' key, so one row
    -- at most. The id is matched on its own part of the key: the same regex over the whole key took 3× as long.
    -- Materialized, so that the join below compares two columns: under RLS a join condition holding functions
    -- that are not leakproof (split_part, the regex) cannot reach the reports' index, and the reports of the
    -- entry's community were read for every entry (1.4 s at the large size)
    lf as materialized (
      select f.*, coalesce(
               case when f.posting_key like 'report:%:%'
                     and split_part(f.posting_key, ':', 2)
                         ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                    then split_part(f.posting_key, ':', 2)::uuid end,
               f.source_id) as report_ref
      from le f join w on f.month between w.wfrom and w.wto
    ),
    lx as (
      select lf.*, v.category
      from lf
      left join monthly_reports r
        on r.district_id = ${D} and r.community_id = lf.community_id and r.report_id = lf.report_ref
      left join ventures v
        on v.district_id = r.district_id and v.community_id = r.community_id and v.venture_id = r.venture_id
    )
    select 'in' as flow, eff_kind as kind, case when eff_kind = 'allocation' then category end as detail,
           null::text as label, fund_kind, sum(signed_fen)::bigint as amount_fen, null::text as use_category
    from lx where eff_kind in ('allocation', 'donation', 'grant')
    group by 1, 2, 3, 4, 5, 7
    union all
    -- a use is a proposal (never its free-text purpose: two communities' proposals worded alike are two uses),
    -- grouped by its use category
    select 'out', 'expenditure', lx.proposal_id::text, lx.proposal_title || '（' || c.name || '）', lx.fund_kind,
           sum(-lx.signed_fen)::bigint, lx.use_category
    from lx left join communities c on c.district_id = ${D} and c.community_id = lx.community_id
    where lx.eff_kind = 'expenditure'
    group by 1, 2, 3, 4, 5, 7`,
  );
}

export interface MixRow {
  dimension: 'operating_model' | 'price_tier';
  key: string;
  ventures: string | number | bigint;
  revenue_fen: string | number | bigint;
  profit_fen: string | number | bigint;
  service_transactions: string | number | bigint;
  residents_served: string | number | bigint;
}

/** The counted reports of a window by operating model and by price tier. */
export async function mix(
  trx: ScopedTransaction,
  args: { selection: KpiSelection; window: KpiWindow },
): Promise<MixRow[]> {
  return runOnce(
    trx,
    ['mix', args.selection, args.window],
    (nowEpoch) => sql<MixRow>`with ${facts(args.selection, { windows: [args.window], nowEpoch })},
    fx as (select f.* from crx f join w on f.month between w.wfrom and w.wto)
    select 'operating_model' as dimension, model_key as key, count(distinct venture_id)::bigint as ventures,
           sum(revenue_fen)::bigint as revenue_fen, sum(profit_fen)::bigint as profit_fen,
           sum(service_transactions)::bigint as service_transactions, sum(residents_served)::bigint as residents_served
    from fx group by model_key
    union all
    select 'price_tier', price_tier, count(distinct venture_id)::bigint, sum(revenue_fen)::bigint,
           sum(profit_fen)::bigint, sum(service_transactions)::bigint, sum(residents_served)::bigint
    from fx group by price_tier`,
  );
}

export interface SelectedCommunityRow {
  community_id: string;
  name: string;
  street_office_id: string | null;
  street_office_name: string | null;
}

/** The communities a selection covers (scope and geographic filters), with names, for rankings and labels. */
export async function listSelectedCommunities(
  trx: ScopedTransaction,
  selection: KpiSelection,
): Promise<SelectedCommunityRow[]> {
  return (await trx.executeQuery(selectedCommunities(trx, selection))).rows;
}

/** `listSelectedCommunities`' statement, compiled once per shape, to send with others (`pipelined`). */
export const selectedCommunities = compiledPerShape((_trx, selection: KpiSelection) => {
  const s = selection;
  const D = s.districtId;
  return sql<SelectedCommunityRow>`
    select c.community_id, c.name, c.street_office_id, so.name as street_office_name
    from communities c
    left join street_offices so on so.district_id = c.district_id and so.street_office_id = c.street_office_id
    where c.district_id = ${D} and c.deleted_at is null
      ${s.scopeCommunityId ? sql`and c.community_id = ${s.scopeCommunityId}` : sql``}
      ${
        s.scopePartnerId
          ? sql`and c.community_id in (select v.community_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${s.scopePartnerId})`
          : sql``
      }
      ${s.streetOfficeId ? sql`and c.street_office_id = ${s.streetOfficeId}` : sql``}
      ${s.communityId ? sql`and c.community_id = ${s.communityId}` : sql``}
    order by c.name`;
});

export function findStreetOffice(
  trx: ScopedTransaction,
  args: { districtId: string; streetOfficeId: string },
) {
  return trx
    .selectFrom('street_offices')
    .select(['street_office_id', 'name'])
    .where('district_id', '=', args.districtId)
    .where('street_office_id', '=', args.streetOfficeId)
    .executeTakeFirst();
}

export function listStreetOffices(trx: ScopedTransaction, args: { districtId: string }) {
  return trx
    .selectFrom('street_offices')
    .select(['street_office_id', 'name'])
    .where('district_id', '=', args.districtId)
    .orderBy('name')
    .execute();
}

/** The district's monthly due day, compiled once, to send with an answer's other reads; `dueDayOf` reads its rows. */
export const reportDueDay = compiledPerShape((trx, args: { districtId: string }) =>
  trx.selectFrom('districts').select('report_due_day').where('district_id', '=', args.districtId),
);

export function dueDayOf(rows: readonly { report_due_day: number }[]): number {
  return rows[0]?.report_due_day ?? DEFAULT_REPORT_DUE_DAY;
}

/**
 * The newest month with an approved (or locked) report in the selection up to each of two months, newest first:
 * the cockpit opens on the data date, one of two months whatever the district's due day (domain
 * `possibleDueMonths`), and says the newest approved month up to it. Read for both, this does not wait for the due
 * day: it goes with the due day's own read (`pipelined`, one wait; issue 14). Each is one walk down
 * `monthly_reports_month_idx` from its month.
 */
export const newestApprovedMonths = compiledPerShape(
  (_trx, args: { selection: KpiSelection; upTo: readonly [Month, Month] }) => {
    const s = args.selection;
    const D = s.districtId;
    const newestUpTo = (month: Month) => sql<string | null>`(
      select max(r.month)::text
      from monthly_reports r
      where r.district_id = ${D} and r.status in ('approved', 'locked') and r.month <= ${month}
        ${s.scopeCommunityId ? sql`and r.community_id = ${s.scopeCommunityId}` : sql``}
        ${
          s.scopePartnerId
            ? sql`and r.venture_id in (select v.venture_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${s.scopePartnerId})`
            : sql``
        })`;
    return sql<{ up_to_first: string | null; up_to_second: string | null }>`
      select ${newestUpTo(args.upTo[0])} as up_to_first, ${newestUpTo(args.upTo[1])} as up_to_second`;
  },
);
