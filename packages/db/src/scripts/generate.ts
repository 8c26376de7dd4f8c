import {
  addDays,
  addMonths,
  compareMonths,
  type FundKind,
  type LocalDate,
  type Month,
  monthRange,
  type OperatingModel,
  type ProposalUseCategory,
  type ShareholdingInput,
  type VentureCategory,
} from '@gongfu/domain';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../schema';
import { deterministicId } from '../seed/deterministic-id';
import {
  approvalPostings,
  byTime,
  COMMUNITY_ALONE,
  creditCode,
  directionOf,
  domainRules,
  FUND_NAMES,
  FUND_PURPOSES,
  insertMany,
  LAST_MONTH,
  type MoneyEvent,
  materializeReport,
  type ProposalSpec,
  payoutEvent,
  proposalRow,
  type ReportFate,
  type RuleSpec,
  ruleRows,
  shanghai,
  yuan,
} from '../seed/history-kit';
import { Rng } from '../seed/prng';
import { withTenantTransaction } from '../tenant';

/**
 * Synthetic districts at any size, for `pnpm gen` and `pnpm bench`: D districts × N communities × M
 * months (ending with the demo's last month), deterministic from a seed. It reuses the demo history's
 * building blocks (seed/history-kit): each report's workflow and events (`materializeReport`: late
 * submissions, returns, drafts, missing months), each approval's distribution through the domain
 * (`approvalPostings`), distribution rules, resident proposals and their payouts; and writes through the
 * tenant transaction (a platform scope for the districts and their admins, then one district-scope
 * transaction per district, under RLS) in multi-row inserts. A district is generated in memory and
 * written before the next one is generated, so memory stays flat at any size; two districts are written
 * at a time on PostgreSQL (the database and the generator then use both cores).
 */

/** argon2id of the demo password (`gongfu-demo-2026`): generated admins log in like the demo's. */
export const GENERATED_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$omr98lqWGVOefb2JioGH4A$0M6tLbPPyaI/EekaeTmeYi4PAeT8rtJ9XY3iQeyzSb0';

export interface GenerateOptions {
  districts: number;
  communities: number;
  months: number;
  seed: number;
  /** districts written at once (PGlite serialises anyway); default 2 */
  concurrency?: number;
  passwordHash?: string;
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  district: number;
  districts: number;
  rows: number;
  ms: number;
}

export type GeneratedCounts = Record<GeneratedTable, number>;

export interface GeneratedDistrict {
  districtId: string;
  name: string;
  adminUserId: string;
  adminEmail: string;
}

export interface GenerateResult {
  counts: GeneratedCounts;
  rows: number;
  ms: number;
  firstMonth: Month;
  lastMonth: Month;
  districts: GeneratedDistrict[];
}

/** The tables written, in foreign-key order. */
const TABLES = [
  'street_offices',
  'partners',
  'communities',
  'companies',
  'shareholdings',
  'ventures',
  'distribution_rules',
  'funds',
  'monthly_reports',
  'report_events',
  'ledger_entries',
  'proposals',
  'pledges',
  'pledge_fulfilments',
] as const;
export type GeneratedTable = 'districts' | 'users' | 'memberships' | (typeof TABLES)[number];

type Rows = { [T in (typeof TABLES)[number]]: Insertable<Database[T]>[] };

const pad = (n: number, width = 3) => String(n).padStart(width, '0');

/** The identities of a generated district, the same for the generator, the benchmark and the tests. */
export function generatedDistrict(seed: number, index: number): GeneratedDistrict {
  const tag = `d${pad(index + 1)}-s${seed}`;
  const adminEmail = `admin@${tag}.gen`;
  return {
    districtId: deterministicId(`gen:${tag}:district`),
    name: `生成区${pad(index + 1)}（种子 ${seed}）`,
    adminUserId: deterministicId(`gen:user:${adminEmail}`),
    adminEmail,
  };
}

interface Profile {
  label: string;
  revenue: [number, number];
  margin: [number, number];
  jobs: [number, number];
  tiers: readonly ('public_welfare' | 'low_price' | 'market')[];
  residents: number;
  txPerResident: number;
  /** monthly factor by month of year (1–12); absent months are 1 */
  season?: Readonly<Record<number, number>>;
  promise?: boolean;
}

/** Plausible monthly figures by category (yuan), with their seasons. */
const PROFILES: Partial<Record<VentureCategory, Profile>> = {
  elderly_canteen: {
    label: '长者食堂',
    revenue: [25_000, 60_000],
    margin: [-0.05, 0.12],
    jobs: [4, 9],
    tiers: ['low_price'],
    residents: 400,
    txPerResident: 8,
    season: { 1: 1.05, 12: 1.05, 7: 0.95 },
  },
  childcare: {
    label: '托育园',
    revenue: [20_000, 55_000],
    margin: [0.05, 0.2],
    jobs: [3, 8],
    tiers: ['low_price', 'market'],
    residents: 60,
    txPerResident: 20,
    season: { 2: 0.7, 8: 0.75, 7: 0.9 },
  },
  reading_room: {
    label: '社区书屋',
    revenue: [2_000, 8_000],
    margin: [-0.3, 0.1],
    jobs: [1, 2],
    tiers: ['public_welfare', 'low_price'],
    residents: 600,
    txPerResident: 1.5,
    season: { 1: 1.1, 2: 1.15, 7: 1.2, 8: 1.2 },
  },
  service_station: {
    label: '便民服务驿站',
    revenue: [3_000, 9_000],
    margin: [-0.2, 0.15],
    jobs: [1, 3],
    tiers: ['low_price'],
    residents: 90,
    txPerResident: 1.2,
    promise: true,
  },
  elder_care: {
    label: '康养理疗中心',
    revenue: [15_000, 45_000],
    margin: [0.05, 0.2],
    jobs: [3, 7],
    tiers: ['low_price', 'market'],
    residents: 150,
    txPerResident: 4,
    season: { 12: 1.1, 1: 1.12, 2: 1.05 },
  },
  parking: {
    label: '共享停车场',
    revenue: [30_000, 90_000],
    margin: [0.35, 0.6],
    jobs: [3, 8],
    tiers: ['market'],
    residents: 900,
    txPerResident: 12,
    season: { 1: 1.15, 2: 1.2, 10: 1.08 },
  },
  housekeeping: {
    label: '家政服务站',
    revenue: [15_000, 40_000],
    margin: [0.08, 0.2],
    jobs: [5, 15],
    tiers: ['market', 'low_price'],
    residents: 120,
    txPerResident: 2,
    season: { 1: 1.4, 2: 1.2, 12: 1.1 },
  },
  property_service: {
    label: '物业服务中心',
    revenue: [60_000, 160_000],
    margin: [0.05, 0.15],
    jobs: [8, 20],
    tiers: ['market'],
    residents: 2500,
    txPerResident: 0.3,
  },
  space_rental: {
    label: '闲置用房出租',
    revenue: [10_000, 40_000],
    margin: [0.5, 0.8],
    jobs: [0, 2],
    tiers: ['market'],
    residents: 30,
    txPerResident: 1,
  },
  tidal_market: {
    label: '便民潮汐市场',
    revenue: [30_000, 70_000],
    margin: [0.15, 0.3],
    jobs: [3, 6],
    tiers: ['market'],
    residents: 2500,
    txPerResident: 1.3,
    season: { 1: 1.12, 2: 1.15, 7: 1.06, 8: 1.08 },
  },
};
const CATEGORIES = Object.keys(PROFILES) as VentureCategory[];
const MODELS: readonly OperatingModel[] = [
  'collective_self_operated',
  'collective_self_operated',
  'site_equity_professional_operation',
  'soe_entrusted',
  'association_cobuilt',
  'asset_lease',
];
const NAMES =
  '华山 湖光 新华 长寿 东风 金沙 桃园 向阳 凤凰 临江 钢城 学府 清河 荷花 花园 团结 和平 兴隆 明珠 锦绣 康宁 阳光 新民 建设 光明 丽景 江南 碧水 翠屏 滨江 朝阳 紫荆'.split(
    ' ',
  );
const PROPOSAL_TOPICS: readonly [string, string, ProposalUseCategory][] = [
  ['老旧小区楼道照明改造', '楼道感应灯更换，方便老人夜间出行', 'public_facilities'],
  ['儿童游乐设施更新', '更新小区儿童游乐设施', 'child_care'],
  ['助老餐补贴', '为 80 岁以上老人提供助餐补贴', 'elderly_care'],
  ['口袋公园提升', '绿化补植、增设座椅和遮阳棚', 'environment'],
  ['电动车充电棚建设', '解决电动车飞线充电安全隐患', 'public_facilities'],
];

function emptyRows(): Rows {
  return Object.fromEntries(TABLES.map((t) => [t, []])) as unknown as Rows;
}

/** One district's rows, in memory. Everything is drawn from the district's own generator. */
function districtRows(
  rng: Rng,
  seed: number,
  index: number,
  options: { communities: number; firstMonth: Month },
): Rows {
  const rows = emptyRows();
  const { districtId: D, adminUserId: ADMIN, name: districtName } = generatedDistrict(seed, index);
  const tag = `d${pad(index + 1)}-s${seed}`;
  const gid = (name: string) => deterministicId(`gen:${tag}:${name}`);
  const adminCode = `9${pad(index + 1, 5)}`;
  const firstMonth = options.firstMonth;
  const started = shanghai(`${addMonths(firstMonth, -2)}-01`, 10);

  const streets = Array.from({ length: Math.max(1, Math.ceil(options.communities / 15)) }, (_, i) => ({
    id: gid(`street:${i}`),
    name: `${districtName}第${i + 1}街道`,
    code: `${adminCode}${pad(i + 1)}`,
  }));
  for (const s of streets) {
    rows.street_offices.push({
      district_id: D,
      street_office_id: s.id,
      name: s.name,
      admin_code: s.code,
      created_at: started,
    });
  }
  const operators = ['enterprise', 'soe', 'social_org'].map((kind, i) => ({
    id: gid(`partner:operator:${i}`),
    name: `${districtName}${['康颐运营', '城投', '阳光社工'][i]}`,
    kind,
  }));
  const donors = [0, 1].map((i) => ({
    id: gid(`partner:donor:${i}`),
    name: `${districtName}捐赠企业${i + 1}`,
  }));
  for (const p of [...operators, ...donors.map((d) => ({ ...d, kind: 'enterprise' }))]) {
    rows.partners.push({
      district_id: D,
      partner_id: p.id,
      name: p.name,
      kind: p.kind,
      credit_code: creditCode(rng),
      created_at: started,
    });
  }

  for (let ci = 0; ci < options.communities; ci++) {
    const c = rng.fork(`community:${ci}`);
    const communityId = gid(`community:${ci}`);
    const street = streets[ci % streets.length] ?? streets[0];
    if (!street) throw new Error('no street office');
    const name = `${NAMES[ci % NAMES.length]}${ci >= NAMES.length ? Math.floor(ci / NAMES.length) + 1 : ''}社区`;
    const base = { district_id: D, community_id: communityId };
    const population = c.int(3_000, 15_000);
    const households = Math.round(population / c.between(2.5, 2.9));
    const rural = c.chance(0.2);
    rows.communities.push({
      ...base,
      street_office_id: street.id,
      name,
      admin_code: ci < 999 ? `${street.code}${pad(ci + 1)}` : null,
      kind: rural ? 'converted_from_rural' : 'urban',
      converted_year: rural ? c.pick([2019, 2020]) : null,
      founded_on: `${c.int(1985, 2018)}-0${c.int(1, 9)}-01`,
      population,
      households,
      households_with_seniors: Math.round(households * c.between(0.18, 0.36)),
      created_at: started,
      updated_at: started,
    });

    // ── company and shareholdings: the community's share of profit is what its income counts
    const model = c.pick(MODELS);
    const companyId = model === 'collective_self_operated' && c.chance(0.6) ? null : gid(`company:${ci}`);
    let shareholdings: readonly ShareholdingInput[] = COMMUNITY_ALONE;
    if (companyId) {
      const capital = c.pick([50, 100, 200, 500]) * 1_000_000;
      rows.companies.push({
        ...base,
        company_id: companyId,
        legal_name: `${districtName}${name}服务有限公司`,
        credit_code: creditCode(c),
        founded_on: `${c.int(2015, 2020)}-0${c.int(1, 9)}-15`,
        operating_model: model,
        registered_capital_fen: capital,
        created_at: started,
        updated_at: started,
      });
      const partner =
        model === 'collective_self_operated' || model === 'asset_lease' ? null : c.pick(operators);
      const communityBp = partner ? c.pick([5100, 6000, 7000, 8000]) : 10_000;
      const holders = [
        { kind: 'community', partner: null as string | null, name, bp: communityBp },
        ...(partner
          ? [{ kind: 'partner', partner: partner.id, name: partner.name, bp: 10_000 - communityBp }]
          : []),
      ];
      holders.forEach((h, position) => {
        rows.shareholdings.push({
          ...base,
          shareholding_id: gid(`shareholding:${ci}:${position}`),
          company_id: companyId,
          holder_kind: h.kind,
          holder_partner_id: h.partner,
          holder_name: h.name,
          contribution_kind: h.kind === 'community' ? 'site' : 'operation_expertise',
          asset_id: null,
          appraisal_id: null,
          subscribed_fen: Math.round((capital * h.bp) / 10_000),
          paid_in_fen: Math.round((capital * h.bp) / 10_000),
          share_bp: h.bp,
          position,
          created_at: started,
        });
      });
      shareholdings = holders.map((h) => ({
        holderKind: h.kind as 'community' | 'partner',
        holderId: h.partner,
        shareBp: h.bp,
      }));
    }

    // ── distribution rule (raised once for some) and funds
    const governanceBp = c.pick([3000, 3500, 4000, 4500, 5000]);
    const ruleSpecs: RuleSpec[] = [
      {
        effectiveFrom: addMonths(firstMonth, -1),
        governanceFundBp: governanceBp,
        reserveBp: 10_000 - governanceBp,
        otherBp: 0,
      },
    ];
    const totalMonths = monthRange(firstMonth, LAST_MONTH).length;
    if (totalMonths > 6 && c.chance(0.2)) {
      ruleSpecs.push({
        effectiveFrom: addMonths(firstMonth, c.int(3, totalMonths - 1)),
        governanceFundBp: governanceBp + 500,
        reserveBp: 10_000 - governanceBp - 500,
        otherBp: 0,
      });
    }
    rows.distribution_rules.push(...ruleRows(D, communityId, ruleSpecs, ADMIN));
    const rules = domainRules(communityId, ruleSpecs);
    const hasPledge = c.chance(0.25);
    const fundKinds: FundKind[] = ['governance_special', 'reserve'];
    if (hasPledge) fundKinds.push('charity_common_prosperity');
    const fundOf = Object.fromEntries(fundKinds.map((k) => [k, gid(`fund:${ci}:${k}`)])) as Partial<
      Record<FundKind, string>
    >;
    const governanceFund = fundOf.governance_special as string;
    const money: MoneyEvent[] = [];
    const event = (m: Omit<MoneyEvent, 'districtId' | 'communityId'>) =>
      money.push({ ...m, districtId: D, communityId });

    // a street-office grant in some years
    for (let year = Number(firstMonth.slice(0, 4)); year <= Number(LAST_MONTH.slice(0, 4)); year++) {
      const month = `${year}-0${c.int(3, 6)}` as Month;
      if (!c.chance(0.15) || compareMonths(month, firstMonth) < 0 || compareMonths(month, LAST_MONTH) > 0)
        continue;
      event({
        at: shanghai(`${month}-15`, 10),
        fundId: governanceFund,
        kind: 'grant',
        amountFen: yuan(c.pick([20_000, 30_000, 50_000])),
        month,
        sourceType: 'grant',
        sourceId: null,
        postingKey: `grant:${communityId}:${year}`,
        memo: `${street.name}社区经济发展扶持资金`,
        createdBy: ADMIN,
      });
    }

    // ── ventures and their monthly reports
    const discipline = c.pick(['diligent', 'diligent', 'diligent', 'average', 'average', 'sloppy'] as const);
    const lateProbability = { diligent: 0.04, average: 0.12, sloppy: 0.35 }[discipline];
    const categories = c.shuffle(CATEGORIES).slice(0, c.pick([1, 2, 2, 2, 3, 3, 4]));
    categories.forEach((category, vi) => {
      const profile = PROFILES[category] as Profile;
      const v = c.fork(`venture:${vi}`);
      const ventureId = gid(`venture:${ci}:${vi}`);
      const anchor = vi === 0; // reports every month of the range
      const startMonth: Month =
        anchor || v.chance(0.7)
          ? addMonths(firstMonth, -v.int(1, 24))
          : addMonths(firstMonth, v.int(1, Math.max(1, totalMonths - 1)));
      const operator = v.chance(0.35) ? v.pick(operators) : null;
      rows.ventures.push({
        ...base,
        venture_id: ventureId,
        name: `${name}${profile.label}`,
        category,
        operator_partner_id: operator?.id ?? null,
        company_id: companyId,
        price_tier: v.pick(profile.tiers),
        premises_asset_id: null,
        started_on: `${startMonth}-01`,
        status: 'operating',
        promised_response_minutes: profile.promise ? v.pick([10, 15, 30]) : null,
        created_at: shanghai(addDays(`${startMonth}-01` as LocalDate, -10), 10),
      });
      const baseRevenue = v.between(profile.revenue[0], profile.revenue[1]);
      const margin = v.between(profile.margin[0], profile.margin[1]);
      const growth = v.between(-0.004, 0.01);
      const jobs = v.int(profile.jobs[0], profile.jobs[1]);
      const ref = { districtId: D, communityId, ventureId, submitterId: ADMIN, reviewerId: ADMIN };
      const from = compareMonths(startMonth, firstMonth) > 0 ? startMonth : firstMonth;
      monthRange(from, LAST_MONTH).forEach((month, i) => {
        const moy = Number(month.slice(5));
        const factor = (profile.season?.[moy] ?? 1) * (1 + growth) ** Math.min(i, 60) * v.between(0.93, 1.07);
        const revenueFen = yuan(baseRevenue * factor);
        const profit = yuan(baseRevenue * factor * (margin + v.between(-0.04, 0.04)));
        const residents = Math.max(0, Math.round(profile.residents * factor * v.between(0.9, 1.1)));
        const requests = profile.promise ? v.int(30, 120) : 0;
        const roll = v.float();
        let fate: ReportFate = 'approved';
        if (month === LAST_MONTH) {
          fate = roll < 0.45 ? 'approved' : roll < 0.75 ? 'submitted' : roll < 0.85 ? 'returned' : 'draft';
        } else if (!anchor && roll < (discipline === 'sloppy' ? 0.05 : 0.015)) {
          fate = 'missing';
        }
        const late = v.chance(lateProbability);
        const made = materializeReport(
          ref,
          {
            month,
            fate,
            submitDay: late ? v.int(11, 24) : v.int(2, 10),
            returnComment: fate === 'returned' || v.chance(0.05) ? '数据需核对，请补充说明后重新报送' : null,
            figures: {
              revenueFen,
              operatingCostFen: Math.max(0, revenueFen - profit),
              stableJobs: jobs,
              temporaryJobs: v.int(0, 3),
              residentsServed: residents,
              serviceTransactions: Math.round(residents * profile.txPerResident * v.between(0.9, 1.1)),
              eldersServed: Math.round(residents * 0.3),
              childrenServed: Math.round(residents * 0.1),
              remittanceDueFen: 0,
              remittanceReceivedFen: 0,
              serviceRequests: requests,
              requestsWithinPromise: requests - Math.min(requests, v.int(0, 8)),
            },
          },
          v,
        );
        if (made.report) rows.monthly_reports.push(made.report);
        rows.report_events.push(...made.events);
        if (!made.approval) return;
        for (const posting of approvalPostings(made.approval, shareholdings, rules)) {
          const fundId = fundOf[posting.fundKind];
          if (!fundId) throw new Error(`no ${posting.fundKind} fund`);
          event({
            at: made.approval.approvedAt,
            fundId,
            kind: 'allocation',
            amountFen: posting.amountFen,
            month,
            sourceType: 'monthly_report',
            sourceId: made.approval.reportId,
            postingKey: posting.postingKey,
            memo: `${profile.label} ${month} 收益分配`,
            createdBy: ADMIN,
          });
        }
      });
    });

    // ── a give-back pledge into the charity fund, paid in two instalments or in part
    if (hasPledge) {
      const charity = fundOf.charity_common_prosperity as string;
      const donor = c.pick(donors);
      const amount = yuan(c.pick([10_000, 20_000, 50_000]));
      const pledgeId = gid(`pledge:${ci}`);
      const start = addMonths(firstMonth, Math.floor(totalMonths / 3));
      const paid = c.chance(0.7) ? [amount / 2, amount / 2] : [amount / 4];
      rows.pledges.push({
        ...base,
        pledge_id: pledgeId,
        partner_id: donor.id,
        kind: 'cash',
        description: `${donor.name}捐赠${name}慈善共富基金`,
        amount_fen: amount,
        due_on: `${addMonths(start, 6)}-28`,
        fund_id: charity,
        status: paid.length === 2 ? 'fulfilled' : 'open',
        version: 1 + paid.length,
        created_at: shanghai(`${start}-01`, 10),
      });
      paid.forEach((value, n) => {
        const on = `${addMonths(start, 2 + n * 3)}-15` as LocalDate;
        const fulfilmentId = gid(`pledge-fulfilment:${ci}:${n}`);
        const postingKey = `pledge-fulfilment:${fulfilmentId}`;
        rows.pledge_fulfilments.push({
          ...base,
          fulfilment_id: fulfilmentId,
          pledge_id: pledgeId,
          partner_id: donor.id,
          value_fen: value,
          fulfilled_on: on,
          description: n === 0 ? '首期捐赠' : '二期捐赠',
          ledger_entry_id: gid(`ledger:${postingKey}`),
          created_at: shanghai(on, 11),
        });
        event({
          at: shanghai(on, 11),
          fundId: charity,
          kind: 'donation',
          amountFen: value,
          month: on.slice(0, 7) as Month,
          sourceType: 'pledge_fulfilment',
          sourceId: fulfilmentId,
          postingKey,
          memo: `${donor.name}捐赠`,
          createdBy: ADMIN,
        });
      });
    }

    // ── resident proposals, paid out from what the governance fund held at the time (some never spend)
    money.sort(byTime);
    const balances = new Map<string, number>();
    const spends = c.chance(0.6);
    const entries: MoneyEvent[] = [];
    let next = 0;
    const advanceTo = (at: string) => {
      while (next < money.length && (money[next] as MoneyEvent).at < at) {
        const m = money[next++] as MoneyEvent;
        balances.set(m.fundId, (balances.get(m.fundId) ?? 0) + directionOf(m.kind) * m.amountFen);
        entries.push(m);
      }
    };
    if (spends) {
      for (let k = 4; k < totalMonths; k += c.int(5, 9)) {
        const paidOn = `${addMonths(firstMonth, k)}-${pad(c.int(10, 25), 2)}` as LocalDate;
        const at = shanghai(paidOn, 15);
        advanceTo(at);
        const available = balances.get(governanceFund) ?? 0;
        const amountFen = Math.floor((available * c.between(0.3, 0.7)) / 100_000) * 100_000;
        if (amountFen < yuan(3_000)) continue;
        const topic = c.pick(PROPOSAL_TOPICS);
        const meetingOn = addDays(paidOn, -c.int(20, 30));
        const eligible = c.int(30, 70);
        const attendance = Math.round(eligible * c.between(0.6, 0.9));
        const spec: ProposalSpec = {
          key: `gen:${tag}:${ci}:${k}`,
          districtId: D,
          communityId,
          fundId: governanceFund,
          title: `${name}${topic[0]}`,
          purpose: topic[1],
          useCategory: topic[2],
          amountFen,
          status: 'closed',
          createdOn: addDays(meetingOn, -c.int(10, 20)),
          createdBy: ADMIN,
          meeting: {
            on: meetingOn,
            eligible,
            attendance,
            votesFor: attendance - 2,
            votesAgainst: 1,
            votesAbstain: 1,
            minutes: '居民代表会议共议，表决通过',
          },
          disclosureStartsOn: addDays(meetingOn, 2),
          paidOn,
        };
        rows.proposals.push(proposalRow(spec));
        const payout = payoutEvent(spec);
        if (payout) {
          entries.push(payout);
          balances.set(governanceFund, available - payout.amountFen);
        }
      }
    }
    advanceTo('9999');

    // ── the ledger, as postLedgerEntry would have left it: one entry per posting key, balances ≥ 0
    const seen = new Set<string>();
    const running = new Map<string, number>();
    for (const m of entries.sort(byTime)) {
      if (seen.has(m.postingKey)) continue;
      seen.add(m.postingKey);
      const balance = (running.get(m.fundId) ?? 0) + directionOf(m.kind) * m.amountFen;
      if (balance < 0) throw new Error(`generated payout ${m.postingKey} would overdraw its fund`);
      running.set(m.fundId, balance);
      rows.ledger_entries.push({
        district_id: D,
        community_id: communityId,
        entry_id: gid(`ledger:${m.postingKey}`),
        fund_id: m.fundId,
        kind: m.kind,
        direction: directionOf(m.kind),
        amount_fen: m.amountFen,
        month: m.month,
        source_type: m.sourceType,
        source_id: m.sourceId,
        posting_key: m.postingKey,
        reverses_entry_id: null,
        proposal_id: m.proposalId ?? null,
        memo: m.memo ?? null,
        created_by: m.createdBy,
        created_at: m.at,
      });
    }
    for (const kind of fundKinds) {
      const fundId = fundOf[kind] as string;
      rows.funds.push({
        ...base,
        fund_id: fundId,
        kind,
        name: FUND_NAMES[kind],
        purpose: FUND_PURPOSES[kind],
        balance_fen: running.get(fundId) ?? 0,
        created_at: started,
      });
    }
  }
  return rows;
}

/** Rows per statement: as many as fit in PostgreSQL's 65,535 bind parameters, at most 5,000. */
function chunkOf(rows: readonly object[]): number {
  const columns = Object.keys(rows[0] ?? { x: 1 }).length;
  return Math.max(1, Math.min(5_000, Math.floor(60_000 / columns)));
}

/** Fills the database with `districts` generated districts. Migrate first; run on a database without them. */
export async function generate(db: Kysely<Database>, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  for (const [name, value] of Object.entries({
    districts: options.districts,
    communities: options.communities,
    months: options.months,
  })) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  }
  if (options.months > 600) throw new RangeError('months: at most 600');
  const firstMonth = addMonths(LAST_MONTH, -(options.months - 1));
  const root = new Rng(options.seed);
  const districts = Array.from({ length: options.districts }, (_, i) => generatedDistrict(options.seed, i));
  const forks = districts.map((_, i) => root.fork(`district:${i}`));
  const counts = Object.fromEntries(
    ['districts', 'users', 'memberships', ...TABLES].map((t) => [t, 0]),
  ) as GeneratedCounts;
  const passwordHash = options.passwordHash ?? GENERATED_PASSWORD_HASH;
  const platform = { kind: 'platform', userId: deterministicId('gen:platform') } as const;

  // the districts and their admins, appointed by the platform (as in the demo seed)
  await withTenantTransaction(db, platform, async (trx) => {
    const taken = await trx
      .selectFrom('districts')
      .select('district_id')
      .where(
        'district_id',
        'in',
        districts.map((d) => d.districtId),
      )
      .execute();
    if (taken.length > 0)
      throw new Error(
        `seed ${options.seed} was already generated here: use a fresh database or another seed`,
      );
    const at = shanghai(`${addMonths(firstMonth, -3)}-01`, 9);
    const districtRowsList = districts.map((d, i) => ({
      district_id: d.districtId,
      name: d.name,
      admin_code: `9${pad(i + 1, 5)}`,
      // reporting on the platform begins with the generated months: earlier months owe no report (issue 12, item 4)
      reporting_start_month: firstMonth,
      created_at: at,
    }));
    const users = districts.map((d) => ({
      user_id: d.adminUserId,
      email: d.adminEmail,
      display_name: `${d.name} 管理员`,
      password_hash: passwordHash,
      home_district_id: d.districtId,
      password_changed_at: at,
      created_at: at,
    }));
    const memberships = districts.map((d) => ({
      district_id: d.districtId,
      membership_id: deterministicId(`gen:membership:${d.adminEmail}`),
      user_id: d.adminUserId,
      role: 'district_admin',
      community_id: null,
      partner_id: null,
      created_at: at,
    }));
    for (let i = 0; i < districtRowsList.length; i += 1_000) {
      await trx
        .insertInto('districts')
        .values(districtRowsList.slice(i, i + 1_000))
        .execute();
      await trx
        .insertInto('users')
        .values(users.slice(i, i + 1_000))
        .execute();
      await trx
        .insertInto('memberships')
        .values(memberships.slice(i, i + 1_000))
        .execute();
    }
    counts.districts += districts.length;
    counts.users += users.length;
    counts.memberships += memberships.length;
  });

  // each district in memory, then written under its own scope; `concurrency` districts at a time
  let nextDistrict = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const index = nextDistrict++;
      const district = districts[index];
      const rng = forks[index];
      if (!district || !rng) return;
      const rows = districtRows(rng, options.seed, index, {
        communities: options.communities,
        firstMonth,
      });
      const scope = {
        kind: 'district',
        userId: district.adminUserId,
        districtId: district.districtId,
      } as const;
      await withTenantTransaction(db, scope, async (trx) => {
        for (const table of TABLES) {
          const list = rows[table] as Insertable<Database[typeof table]>[];
          await insertMany(trx, table, list, chunkOf(list));
        }
      });
      for (const table of TABLES) counts[table] += rows[table].length;
      done++;
      options.onProgress?.({
        district: done,
        districts: districts.length,
        rows: Object.values(counts).reduce((a, b) => a + b, 0),
        ms: performance.now() - started,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return {
    counts,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    ms: Math.round(performance.now() - started),
    firstMonth,
    lastMonth: LAST_MONTH,
    districts,
  };
}
