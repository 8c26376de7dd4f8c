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
import type { Insertable } from 'kysely';
import type { Database } from '../schema';
import type { ScopedTransaction } from '../tenant';
import { DEMO_IDS } from './demo';
import { deterministicId as id } from './deterministic-id';
import {
  approvalPostings,
  byTime,
  COMMUNITY_ALONE,
  creditCode,
  directionOf,
  domainRules,
  FIRST_MONTH,
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
  type ReportFigures,
  type RuleSpec,
  ruleRows,
  shanghai,
  stableCreditCode,
  withPlausibilityFlags,
  yuan,
} from './history-kit';
import { Rng } from './prng';

/**
 * The communities around the source page's three: names, street offices, companies, ventures and two
 * years of monthly reports drawn from one seed. Everything is computed in memory first — reports,
 * distributions (through the domain functions), payouts sized to the balance at the time — and then
 * written in multi-row inserts; the ledger follows the same rules as `postLedgerEntry` (unique posting
 * keys, no outflow beyond the balance, balance = sum of entries), checked here before anything is written.
 */

const D = DEMO_IDS.dongqu;
const ADMIN = id('user:admin@dongqu.demo');

const STREETS = [
  { id: id('street:dongqu-bingcaogang'), name: '炳草岗街道', code: '510402001', existing: true },
  { id: id('street:dongqu-dadukou'), name: '大渡口街道', code: '510402002', existing: true },
  { id: id('street:dongqu-donghua'), name: '东华街道', code: '510402003', existing: false },
  { id: id('street:dongqu-nongnongping'), name: '弄弄坪街道', code: '510402004', existing: false },
  { id: id('street:dongqu-guaziping'), name: '瓜子坪街道', code: '510402005', existing: false },
  { id: id('street:dongqu-nanshan'), name: '南山街道', code: '510402006', existing: false },
] as const;

/** Plausible community names (and a slug for ids and logins). */
const NAMES: readonly [string, string][] = [
  ['华山', 'huashan'],
  ['湖光', 'huguang'],
  ['新华', 'xinhua'],
  ['长寿路', 'changshoulu'],
  ['东风', 'dongfeng'],
  ['金沙', 'jinsha'],
  ['桃园', 'taoyuan'],
  ['向阳', 'xiangyang'],
  ['凤凰', 'fenghuang'],
  ['临江', 'linjiang'],
  ['枣子坪', 'zaoziping'],
  ['钢城', 'gangcheng'],
  ['竹湖园', 'zhuhuyuan'],
  ['机场路', 'jichanglu'],
  ['学府', 'xuefu'],
  ['清河', 'qinghe'],
  ['荷花池', 'hehuachi'],
  ['花园', 'huayuan'],
  ['人民街', 'renminjie'],
  ['团结', 'tuanjie'],
  ['和平', 'heping'],
  ['兴隆', 'xinglong'],
  ['明珠', 'mingzhu'],
  ['锦绣', 'jinxiu'],
  ['康宁', 'kangning'],
  ['阳光', 'yangguang'],
  ['新民', 'xinmin'],
  ['建设', 'jianshe'],
  ['光明', 'guangming'],
  ['丽景', 'lijing'],
  ['江南', 'jiangnan'],
  ['碧水', 'bishui'],
  ['翠屏', 'cuiping'],
  ['大坪', 'daping'],
  ['滨江', 'binjiang'],
  ['朝阳', 'chaoyang'],
  ['紫荆', 'zijing'],
  ['五十四', 'wushisi'],
  ['渡仁', 'duren'],
  ['攀钢村', 'ganggangcun'],
];

const PARTNERS = {
  constructionSoe: { id: id('partner:gen-construction-soe'), name: '东区城市建设投资有限公司', kind: 'soe' },
  socialWork: { id: id('partner:gen-social-work'), name: '攀枝花市阳光社工服务中心', kind: 'social_org' },
  housekeeping: { id: id('partner:gen-housekeeping'), name: '东区巾帼家政服务社', kind: 'social_org' },
  elderCare: { id: id('partner:gen-elder-care'), name: '攀枝花市康颐养老服务有限公司', kind: 'enterprise' },
  parking: { id: id('partner:gen-parking'), name: '攀枝花市安泊停车管理有限公司', kind: 'enterprise' },
  property: { id: id('partner:gen-property'), name: '东区宜居物业服务有限公司', kind: 'enterprise' },
  childcare: { id: id('partner:gen-childcare'), name: '攀枝花市小橙子托育服务有限公司', kind: 'enterprise' },
  catering: { id: id('partner:gen-catering'), name: '攀枝花市邻里香餐饮管理有限公司', kind: 'enterprise' },
  building: { id: id('partner:gen-donor-building'), name: '攀枝花市金江建材有限公司', kind: 'enterprise' },
  trading: { id: id('partner:gen-donor-trading'), name: '东区瑞丰商贸有限公司', kind: 'enterprise' },
  logistics: { id: id('partner:gen-donor-logistics'), name: '攀枝花市华达物流有限公司', kind: 'enterprise' },
} as const;
const DONORS = [PARTNERS.building, PARTNERS.trading, PARTNERS.logistics];

interface CategoryProfile {
  label: string;
  revenue: [number, number];
  margin: [number, number];
  jobs: [number, number];
  tiers: readonly ('public_welfare' | 'low_price' | 'market')[];
  residents: number;
  txPerResident: number;
  elders: number;
  children: number;
  operators: readonly string[];
  /** monthly factor by month of year (1–12); absent months are 1 */
  season?: Readonly<Record<number, number>>;
}

const PROFILES: Partial<Record<VentureCategory, CategoryProfile>> = {
  elderly_canteen: {
    label: '长者食堂',
    revenue: [25_000, 60_000],
    margin: [-0.05, 0.12],
    jobs: [4, 9],
    tiers: ['low_price'],
    residents: 400,
    txPerResident: 8,
    elders: 0.85,
    children: 0,
    operators: [PARTNERS.catering.id, PARTNERS.elderCare.id],
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
    elders: 0,
    children: 1,
    operators: [PARTNERS.childcare.id],
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
    elders: 0.2,
    children: 0.35,
    operators: [PARTNERS.socialWork.id],
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
    elders: 0.5,
    children: 0,
    operators: [],
  },
  elder_care: {
    label: '康养理疗中心',
    revenue: [15_000, 45_000],
    margin: [0.05, 0.2],
    jobs: [3, 7],
    tiers: ['low_price', 'market'],
    residents: 150,
    txPerResident: 4,
    elders: 0.95,
    children: 0,
    operators: [PARTNERS.elderCare.id],
    season: { 12: 1.1, 1: 1.12, 2: 1.05 },
  },
  help_desk: {
    label: '帮办服务站',
    revenue: [1_000, 5_000],
    margin: [-0.5, 0],
    jobs: [1, 2],
    tiers: ['public_welfare'],
    residents: 80,
    txPerResident: 1.4,
    elders: 0.1,
    children: 0,
    operators: [PARTNERS.socialWork.id],
  },
  micro_innovation_park: {
    label: '创业微创园',
    revenue: [30_000, 90_000],
    margin: [0.3, 0.5],
    jobs: [4, 12],
    tiers: ['market'],
    residents: 50,
    txPerResident: 1,
    elders: 0,
    children: 0,
    operators: [DEMO_IDS.tusStar],
  },
  parking: {
    label: '共享停车场',
    revenue: [30_000, 90_000],
    margin: [0.35, 0.6],
    jobs: [3, 8],
    tiers: ['market'],
    residents: 900,
    txPerResident: 12,
    elders: 0,
    children: 0,
    operators: [PARTNERS.parking.id, DEMO_IDS.soe],
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
    elders: 0.4,
    children: 0,
    operators: [PARTNERS.housekeeping.id],
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
    elders: 0.25,
    children: 0.1,
    operators: [PARTNERS.property.id, PARTNERS.constructionSoe.id],
  },
  space_rental: {
    label: '闲置用房出租',
    revenue: [10_000, 40_000],
    margin: [0.5, 0.8],
    jobs: [0, 2],
    tiers: ['market'],
    residents: 30,
    txPerResident: 1,
    elders: 0,
    children: 0,
    operators: [],
  },
  tidal_market: {
    label: '便民潮汐市场',
    revenue: [30_000, 70_000],
    margin: [0.15, 0.3],
    jobs: [3, 6],
    tiers: ['market'],
    residents: 2500,
    txPerResident: 1.3,
    elders: 0,
    children: 0,
    operators: [DEMO_IDS.soe, PARTNERS.constructionSoe.id],
    season: { 1: 1.12, 2: 1.15, 7: 1.06, 8: 1.08 },
  },
};

const CATEGORY_BY_MODEL: Record<OperatingModel, readonly VentureCategory[]> = {
  collective_self_operated: [
    'elderly_canteen',
    'reading_room',
    'service_station',
    'space_rental',
    'housekeeping',
  ],
  site_equity_professional_operation: ['tidal_market', 'childcare', 'elder_care', 'micro_innovation_park'],
  soe_entrusted: ['parking', 'property_service', 'tidal_market', 'elderly_canteen'],
  association_cobuilt: ['help_desk', 'micro_innovation_park', 'housekeeping', 'service_station'],
  asset_lease: ['space_rental', 'parking', 'childcare', 'reading_room'],
};
const ALL_CATEGORIES = Object.keys(PROFILES) as VentureCategory[];

export interface GeneratedSummary {
  communities: number;
  ventures: number;
  reports: number;
  ledgerEntries: number;
}

/** The set of rows, built in memory then written in batches. */
class Rows {
  streetOffices: Insertable<Database['street_offices']>[] = [];
  partners: Insertable<Database['partners']>[] = [];
  users: Insertable<Database['users']>[] = [];
  communities: Insertable<Database['communities']>[] = [];
  memberships: Insertable<Database['memberships']>[] = [];
  assets: Insertable<Database['assets']>[] = [];
  appraisals: Insertable<Database['asset_appraisals']>[] = [];
  companies: Insertable<Database['companies']>[] = [];
  shareholdings: Insertable<Database['shareholdings']>[] = [];
  ventures: Insertable<Database['ventures']>[] = [];
  agreements: Insertable<Database['operator_agreements']>[] = [];
  rules: Insertable<Database['distribution_rules']>[] = [];
  funds: Insertable<Database['funds']>[] = [];
  reports: Insertable<Database['monthly_reports']>[] = [];
  events: Insertable<Database['report_events']>[] = [];
  entries: Insertable<Database['ledger_entries']>[] = [];
  proposals: Insertable<Database['proposals']>[] = [];
  pledges: Insertable<Database['pledges']>[] = [];
  fulfilments: Insertable<Database['pledge_fulfilments']>[] = [];
}

/**
 * Posts money events in time order with `postLedgerEntry`'s rules, in memory: a posting key is used
 * once, an outflow never exceeds the balance. Returns the entries and each fund's final balance.
 */
function runLedger(events: MoneyEvent[]) {
  const balances = new Map<string, number>();
  const keys = new Set<string>();
  const entries: Insertable<Database['ledger_entries']>[] = [];
  for (const m of [...events].sort(byTime)) {
    if (keys.has(m.postingKey)) continue;
    const balance = balances.get(m.fundId) ?? 0;
    const next = balance + directionOf(m.kind) * m.amountFen;
    if (!Number.isSafeInteger(m.amountFen) || m.amountFen <= 0)
      throw new RangeError(`bad amount ${m.postingKey}`);
    if (next < 0) throw new Error(`generated payout ${m.postingKey} would overdraw its fund`);
    keys.add(m.postingKey);
    balances.set(m.fundId, next);
    entries.push({
      district_id: m.districtId,
      community_id: m.communityId,
      entry_id: id(`ledger:${m.postingKey}`),
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
      paid_on: m.paidOn ?? null,
      created_by: m.createdBy,
      created_at: m.at,
    });
  }
  return { entries, balances };
}

/** Balance of a fund just before an instant, from the events so far (in time order). */
function balanceBefore(events: MoneyEvent[], fundId: string, at: string): number {
  let balance = 0;
  for (const m of events) {
    if (m.fundId === fundId && m.at < at) balance += directionOf(m.kind) * m.amountFen;
  }
  return balance;
}

function pad(n: number, width = 3) {
  return String(n).padStart(width, '0');
}

export async function seedGeneratedCommunities(
  trx: ScopedTransaction,
  options: { seed: number; count: number; passwordHash: string },
): Promise<GeneratedSummary> {
  const rng = new Rng(options.seed);
  const rows = new Rows();

  for (const street of STREETS) {
    if (street.existing) continue;
    rows.streetOffices.push({
      district_id: D,
      street_office_id: street.id,
      name: street.name,
      admin_code: street.code,
      created_at: shanghai('2020-01-02', 10),
    });
  }
  for (const p of Object.values(PARTNERS)) {
    rows.partners.push({
      district_id: D,
      partner_id: p.id,
      name: p.name,
      kind: p.kind,
      credit_code: stableCreditCode(p.id, p.kind === 'social_org' ? '52510402' : '91510402'),
      created_at: shanghai('2024-03-01', 10),
    });
  }

  const names = rng.shuffle(NAMES).slice(0, options.count);
  if (names.length < options.count) throw new RangeError(`at most ${NAMES.length} generated communities`);
  const perStreet = new Map<string, number>();
  const money: MoneyEvent[] = [];
  let ventureCount = 0;

  names.forEach(([short, slug], index) => {
    const c = rng.fork(slug);
    const name = `${short}社区`;
    const communityId = id(`community:gen:${slug}`);
    const street = STREETS[index % STREETS.length] ?? STREETS[0];
    const seq = (perStreet.get(street.id) ?? 10) + 1;
    perStreet.set(street.id, seq);
    const base = { district_id: D, community_id: communityId };
    const rural = c.chance(0.2);
    const population = c.int(3_000, 15_000);
    const households = Math.round(population / c.between(2.5, 2.9));
    rows.communities.push({
      ...base,
      street_office_id: street.id,
      name,
      admin_code: `${street.code}${pad(seq)}`,
      kind: rural ? 'converted_from_rural' : 'urban',
      converted_year: rural ? c.pick([2019, 2020]) : null,
      founded_on: rural
        ? `${c.pick([2019, 2020])}-0${c.int(1, 9)}-01`
        : `${c.int(1985, 2018)}-0${c.int(1, 9)}-01`,
      population,
      households,
      households_with_seniors: Math.round(households * c.between(0.18, 0.36)),
      created_at: shanghai('2024-03-01', 10),
      updated_at: shanghai('2024-03-01', 10),
    });
    const adminId = id(`user:${slug}@dongqu.demo`);
    rows.users.push({
      user_id: adminId,
      email: `${slug}@dongqu.demo`,
      display_name: `${name} 管理员`,
      password_hash: options.passwordHash,
      home_district_id: D,
      created_at: shanghai('2024-03-01', 10),
    });
    rows.memberships.push({
      district_id: D,
      membership_id: id(`membership:${slug}:community_admin`),
      user_id: adminId,
      role: 'community_admin',
      community_id: communityId,
      partner_id: null,
      created_at: shanghai('2024-03-01', 10),
    });

    // ── company and shareholdings
    const model = c.pick<OperatingModel>([
      'collective_self_operated',
      'collective_self_operated',
      'site_equity_professional_operation',
      'soe_entrusted',
      'association_cobuilt',
      'asset_lease',
      'asset_lease',
    ]);
    const hasCompany = model === 'collective_self_operated' ? c.chance(0.35) : c.chance(0.75);
    const companyId = hasCompany ? id(`company:gen:${slug}`) : null;
    let shareholdings: readonly ShareholdingInput[] = COMMUNITY_ALONE;
    const siteAssetId = id(`asset:gen:${slug}:site`);
    rows.assets.push({
      ...base,
      asset_id: siteAssetId,
      kind: c.chance(0.5) ? 'plaza' : 'premises',
      name: `${name}集体经营用房`,
      area_m2: c.int(150, 2_500).toFixed(2),
      location: `${street.name}${name}`,
      title: '社区集体所有',
      status:
        companyId && model === 'site_equity_professional_operation' ? 'equity_contributed' : 'self_used',
      created_at: shanghai('2024-03-01', 10),
      updated_at: shanghai('2024-03-01', 10),
    });
    if (c.chance(0.5)) {
      rows.assets.push({
        ...base,
        asset_id: id(`asset:gen:${slug}:idle`),
        kind: 'premises',
        name: `${name}闲置用房`,
        area_m2: c.int(60, 600).toFixed(2),
        location: `${name}党群服务中心附近`,
        title: '社区集体所有',
        status: 'idle',
        created_at: shanghai('2024-03-01', 10),
        updated_at: shanghai('2024-03-01', 10),
      });
    }
    if (companyId) {
      const founded = `${c.int(2019, 2024)}-${pad(c.int(1, 12), 2)}-${pad(c.int(1, 28), 2)}`;
      const capital = c.pick([50, 100, 200, 300, 500]) * 1_000_000; // ¥0.5–5 million
      rows.companies.push({
        ...base,
        company_id: companyId,
        legal_name: `攀枝花市${short}社区${c.pick(['服务', '经济发展', '物业服务', '商业运营'])}有限公司`,
        credit_code: creditCode(c),
        founded_on: founded,
        operating_model: model,
        registered_capital_fen: capital,
        created_at: shanghai(founded, 10),
        updated_at: shanghai(founded, 10),
      });
      const holding = (
        n: number,
        fields: {
          holderKind: 'community' | 'partner';
          partnerId: string | null;
          holderName: string;
          contribution: string;
          shareBp: number;
          withSite?: boolean;
        },
      ) => {
        const appraisalId = fields.withSite ? id(`appraisal:gen:${slug}:site`) : null;
        if (appraisalId) {
          rows.appraisals.push({
            ...base,
            appraisal_id: appraisalId,
            asset_id: siteAssetId,
            method: c.pick(['income', 'market', 'agreed']),
            appraiser: '攀枝花市诚信资产评估事务所',
            appraised_on: addDays(founded as LocalDate, -20),
            value_fen: Math.round((capital * fields.shareBp) / 10_000),
            created_at: shanghai(addDays(founded as LocalDate, -19), 10),
          });
        }
        rows.shareholdings.push({
          ...base,
          shareholding_id: id(`shareholding:gen:${slug}:${n}`),
          company_id: companyId,
          holder_kind: fields.holderKind,
          holder_partner_id: fields.partnerId,
          holder_name: fields.holderName,
          contribution_kind: fields.contribution,
          asset_id: fields.withSite ? siteAssetId : null,
          appraisal_id: appraisalId,
          subscribed_fen: Math.round((capital * fields.shareBp) / 10_000),
          paid_in_fen: Math.round((capital * fields.shareBp) / 10_000),
          share_bp: fields.shareBp,
          position: n,
          created_at: shanghai(founded, 10),
        });
      };
      if (model === 'site_equity_professional_operation' || model === 'association_cobuilt') {
        const partner =
          model === 'association_cobuilt'
            ? { id: DEMO_IDS.autoAssociation, name: '攀西汽车服务产业协会' }
            : c.pick([
                { id: DEMO_IDS.tusStar, name: '启迪之星孵化器' },
                { id: PARTNERS.elderCare.id, name: PARTNERS.elderCare.name },
                { id: PARTNERS.childcare.id, name: PARTNERS.childcare.name },
              ]);
        const communityBp = c.pick([5100, 5500, 6000, 6500, 7000]);
        holding(0, {
          holderKind: 'community',
          partnerId: null,
          holderName: name,
          contribution: model === 'association_cobuilt' ? 'cash' : 'site',
          shareBp: communityBp,
          withSite: model !== 'association_cobuilt',
        });
        holding(1, {
          holderKind: 'partner',
          partnerId: partner.id,
          holderName: partner.name,
          contribution: 'operation_expertise',
          shareBp: 10_000 - communityBp,
        });
        shareholdings = [
          { holderKind: 'community', holderId: null, shareBp: communityBp },
          { holderKind: 'partner', holderId: partner.id, shareBp: 10_000 - communityBp },
        ];
      } else if (model === 'soe_entrusted' && c.chance(0.5)) {
        const communityBp = c.pick([7000, 8000]);
        holding(0, {
          holderKind: 'community',
          partnerId: null,
          holderName: name,
          contribution: 'premises',
          shareBp: communityBp,
          withSite: true,
        });
        holding(1, {
          holderKind: 'partner',
          partnerId: PARTNERS.constructionSoe.id,
          holderName: PARTNERS.constructionSoe.name,
          contribution: 'cash',
          shareBp: 10_000 - communityBp,
        });
        shareholdings = [
          { holderKind: 'community', holderId: null, shareBp: communityBp },
          { holderKind: 'partner', holderId: PARTNERS.constructionSoe.id, shareBp: 10_000 - communityBp },
        ];
      } else {
        holding(0, {
          holderKind: 'community',
          partnerId: null,
          holderName: name,
          contribution: model === 'asset_lease' ? 'premises' : 'cash',
          shareBp: 10_000,
          withSite: model === 'asset_lease',
        });
      }
    }

    // ── distribution rule (versioned for some) and funds
    const governanceBp = c.pick([3000, 3500, 4000, 4500, 5000]);
    const otherBp = c.chance(0.3) ? 1000 : 0;
    const ruleSpecs: RuleSpec[] = [
      {
        effectiveFrom: '2024-01',
        governanceFundBp: governanceBp,
        reserveBp: 10_000 - governanceBp - otherBp,
        otherBp,
      },
    ];
    if (c.chance(0.2)) {
      const raised = governanceBp + 500;
      ruleSpecs.push({
        effectiveFrom: '2026-01',
        governanceFundBp: raised,
        reserveBp: 10_000 - raised - otherBp,
        otherBp,
      });
    }
    rows.rules.push(...ruleRows(D, communityId, ruleSpecs, ADMIN));
    const rules = domainRules(communityId, ruleSpecs);
    const hasPledge = c.chance(0.25);
    const fundKinds: FundKind[] = ['governance_special', 'reserve'];
    if (otherBp > 0) fundKinds.push('other');
    if (hasPledge) fundKinds.push('charity_common_prosperity');
    const fundOf = Object.fromEntries(fundKinds.map((k) => [k, id(`fund:gen:${slug}:${k}`)])) as Partial<
      Record<FundKind, string>
    >;
    for (const kind of fundKinds) {
      rows.funds.push({
        ...base,
        fund_id: fundOf[kind] as string,
        kind,
        name: FUND_NAMES[kind],
        purpose: FUND_PURPOSES[kind],
        created_at: shanghai('2024-01-05', 10),
      });
    }
    const communityMoney: MoneyEvent[] = [];
    const governanceFund = fundOf.governance_special as string;
    if (c.chance(0.3)) {
      const at = shanghai(`2025-0${c.int(1, 4)}-15`, 10);
      communityMoney.push({
        at,
        districtId: D,
        communityId,
        fundId: governanceFund,
        kind: 'grant',
        amountFen: yuan(c.pick([20_000, 30_000, 50_000])),
        month: at.slice(0, 7) as Month,
        sourceType: 'grant',
        sourceId: null,
        postingKey: `grant:${communityId}:2025`,
        memo: `${street.name}社区经济发展扶持资金`,
        createdBy: ADMIN,
      });
    }

    // ── ventures and their reports
    const discipline = c.pick(['diligent', 'diligent', 'diligent', 'average', 'average', 'sloppy'] as const);
    const lateProbability = { diligent: 0.04, average: 0.12, sloppy: 0.35 }[discipline];
    const nVentures = c.pick([1, 1, 2, 2, 2, 3, 3, 4]);
    const pool = c.shuffle([...new Set([...CATEGORY_BY_MODEL[model], ...c.shuffle(ALL_CATEGORIES)])]);
    const categories = pool.slice(0, nVentures);
    categories.forEach((category, vIndex) => {
      const profile = PROFILES[category] as CategoryProfile;
      const v = c.fork(`venture:${vIndex}`);
      const ventureId = id(`venture:gen:${slug}:${vIndex}`);
      const anchor = vIndex === 0; // the first venture ran through all 24 months
      const startMonth: Month =
        anchor || v.chance(0.7)
          ? addMonths(FIRST_MONTH, -v.int(3, 40))
          : addMonths(FIRST_MONTH, v.int(2, 15));
      const operatorId =
        profile.operators.length > 0 && (model === 'soe_entrusted' || v.chance(0.5))
          ? v.pick(profile.operators)
          : null;
      const premisesId = vIndex === 0 ? siteAssetId : id(`asset:gen:${slug}:venture-${vIndex}`);
      if (vIndex > 0) {
        rows.assets.push({
          ...base,
          asset_id: premisesId,
          kind: 'premises',
          name: `${profile.label}用房`,
          area_m2: v.int(40, 800).toFixed(2),
          location: `${name}`,
          title: '社区集体所有',
          status: operatorId ? 'leased' : 'self_used',
          created_at: shanghai('2024-03-01', 10),
          updated_at: shanghai('2024-03-01', 10),
        });
      }
      const promise = category === 'service_station' ? v.pick([10, 15, 20, 30]) : null;
      rows.ventures.push({
        ...base,
        venture_id: ventureId,
        name: `${name}${profile.label}`,
        category,
        operator_partner_id: operatorId,
        company_id: companyId,
        price_tier: v.pick(profile.tiers),
        premises_asset_id: premisesId,
        started_on: `${startMonth}-01`,
        status: 'operating',
        promised_response_minutes: promise,
        created_at: shanghai(addDays(`${startMonth}-01` as LocalDate, -10), 10),
      });
      ventureCount++;

      // operator agreement: some end within 90 days of the demo's today, some guarantee a remittance
      let minRemittance = 0;
      if (operatorId) {
        const endsSoon = v.chance(0.2);
        const startsOn = `${startMonth}-01` as LocalDate;
        const endsOn = endsSoon
          ? addDays('2026-11-28', v.int(10, 85))
          : (`${v.int(2027, 2029)}-${pad(v.int(1, 12), 2)}-${v.pick(['30', '28'])}` as LocalDate);
        const terms = v.pick(['fixed_fee', 'profit_split', 'fee_and_split']);
        minRemittance =
          terms !== 'profit_split' && v.chance(0.6) ? yuan(v.pick([3_000, 5_000, 8_000, 10_000])) : 0;
        rows.agreements.push({
          ...base,
          agreement_id: id(`agreement:gen:${slug}:${vIndex}`),
          venture_id: ventureId,
          partner_id: operatorId,
          starts_on: startsOn,
          ends_on: endsOn,
          terms,
          operator_share_bp: terms === 'fixed_fee' ? 0 : v.pick([1500, 2000, 3000]),
          fee_fen: terms === 'profit_split' ? 0 : yuan(v.pick([2_000, 3_000, 5_000])),
          guaranteed_min_remittance_fen: minRemittance,
          exit_terms: '期满前 60 天书面提出续约或退出',
          created_at: shanghai(addDays(startsOn, -15), 10),
        });
      }

      const baseRevenue = v.between(profile.revenue[0], profile.revenue[1]);
      const margin = v.between(profile.margin[0], profile.margin[1]);
      const growth = v.between(-0.004, 0.012);
      const jobs = v.int(profile.jobs[0], profile.jobs[1]);
      // a sharp fall (> 30 % on the month) in the last month for some, a temporary dip for others
      const shockLast = (anchor && index % 7 === 0) || v.chance(0.05);
      const dipMonth: Month | null = v.chance(0.08) ? addMonths(FIRST_MONTH, v.int(6, 20)) : null;
      const belowMinimumLast = minRemittance > 0 && v.chance(0.35);
      const ref = { districtId: D, communityId, ventureId, submitterId: adminId, reviewerId: ADMIN };
      const months = monthRange(
        compareMonths(startMonth, FIRST_MONTH) > 0 ? startMonth : FIRST_MONTH,
        LAST_MONTH,
      );
      months.forEach((month, i) => {
        const moy = Number(month.slice(5));
        let factor = (profile.season?.[moy] ?? 1) * (1 + growth) ** i * v.between(0.93, 1.07);
        if (month === LAST_MONTH && shockLast) factor *= v.between(0.45, 0.62);
        if (month === dipMonth) factor *= v.between(0.5, 0.65);
        const revenueFen = yuan(baseRevenue * factor);
        const profit = yuan(baseRevenue * factor * (margin + v.between(-0.04, 0.04)));
        const residents = Math.max(0, Math.round(profile.residents * factor * v.between(0.9, 1.1)));
        const requests = promise ? v.int(30, 120) : 0;
        const remittance =
          minRemittance === 0
            ? 0
            : month === LAST_MONTH && belowMinimumLast
              ? Math.round(minRemittance * 0.6)
              : minRemittance;
        const figures: ReportFigures = {
          revenueFen,
          operatingCostFen: Math.max(0, revenueFen - profit),
          stableJobs: jobs,
          temporaryJobs: v.int(0, 3),
          residentsServed: residents,
          serviceTransactions: Math.round(residents * profile.txPerResident * v.between(0.9, 1.1)),
          eldersServed: Math.round(residents * profile.elders),
          childrenServed: Math.round(residents * profile.children),
          remittanceDueFen: minRemittance,
          remittanceReceivedFen: remittance,
          serviceRequests: requests,
          requestsWithinPromise: requests - Math.min(requests, v.int(0, 8)),
          notes: month === dipMonth ? '设施维修停业半月' : null,
        };
        let fate: ReportFate = 'approved';
        const roll = v.float();
        if (month === LAST_MONTH) {
          fate =
            roll < 0.45
              ? 'approved'
              : roll < 0.75
                ? 'submitted'
                : roll < 0.82
                  ? 'returned'
                  : roll < 0.87
                    ? 'draft'
                    : 'missing';
          if (anchor && fate === 'missing') fate = 'draft';
        } else if (month === addMonths(LAST_MONTH, -1)) {
          fate = roll < 0.04 ? 'submitted' : 'approved';
        } else if (!anchor && roll < (discipline === 'sloppy' ? 0.05 : 0.015)) {
          fate = 'missing';
        }
        const late = v.chance(lateProbability);
        const made = materializeReport(
          ref,
          {
            month,
            figures,
            fate,
            submitDay: late ? v.int(11, 24) : v.int(2, 10),
            returnComment: fate === 'returned' || v.chance(0.06) ? v.pick(RETURN_COMMENTS) : null,
          },
          v,
        );
        if (made.report) rows.reports.push(made.report);
        rows.events.push(...made.events);
        if (made.approval) {
          for (const posting of approvalPostings(made.approval, shareholdings, rules)) {
            const fundId = fundOf[posting.fundKind];
            if (!fundId) throw new Error(`no ${posting.fundKind} fund for ${slug}`);
            communityMoney.push({
              at: made.approval.approvedAt,
              districtId: D,
              communityId,
              fundId,
              kind: 'allocation',
              amountFen: posting.amountFen,
              month,
              sourceType: 'monthly_report',
              sourceId: made.approval.reportId,
              postingKey: posting.postingKey,
              memo: `${name}${profile.label} ${month} 收益分配`,
              createdBy: ADMIN,
            });
          }
        }
      });
    });

    // ── give-back pledges into the charity fund
    if (hasPledge) {
      const charity = fundOf.charity_common_prosperity as string;
      const donor = c.pick(DONORS);
      const amount = yuan(c.pick([10_000, 20_000, 30_000, 50_000]));
      const outcome = c.pick(['fulfilled', 'fulfilled', 'fulfilled', 'partial_overdue', 'not_due'] as const);
      const dueOn = (outcome === 'not_due' ? '2027-03-31' : `2026-0${c.int(1, 9)}-28`) as LocalDate;
      const pledgeId = id(`pledge:gen:${slug}`);
      const paid =
        outcome === 'fulfilled'
          ? [amount / 2, amount / 2]
          : outcome === 'partial_overdue'
            ? [amount / 4]
            : [];
      rows.pledges.push({
        ...base,
        pledge_id: pledgeId,
        partner_id: donor.id,
        kind: 'cash',
        description: `${donor.name}捐赠${name}慈善共富基金`,
        amount_fen: amount,
        due_on: dueOn,
        fund_id: charity,
        status: outcome === 'fulfilled' ? 'fulfilled' : 'open',
        version: 1 + paid.length,
        created_at: shanghai('2025-03-01', 10),
      });
      paid.forEach((value, n) => {
        const on = (n === 0 ? `2025-${pad(c.int(4, 11), 2)}-15` : `2026-0${c.int(1, 6)}-15`) as LocalDate;
        const fulfilmentId = id(`pledge-fulfilment:gen:${slug}:${n + 1}`);
        const postingKey = `pledge-fulfilment:${fulfilmentId}`;
        rows.fulfilments.push({
          ...base,
          fulfilment_id: fulfilmentId,
          pledge_id: pledgeId,
          partner_id: donor.id,
          value_fen: value,
          fulfilled_on: on,
          description: n === 0 ? '首期捐赠' : '二期捐赠',
          ledger_entry_id: id(`ledger:${postingKey}`),
          created_at: shanghai(on, 11),
        });
        communityMoney.push({
          at: shanghai(on, 11),
          districtId: D,
          communityId,
          fundId: charity,
          kind: 'donation',
          amountFen: value,
          month: on.slice(0, 7) as Month,
          sourceType: 'pledge_fulfilment',
          sourceId: fulfilmentId,
          postingKey,
          memo: `${donor.name}捐赠`,
          createdBy: adminId,
        });
      });
    }

    // ── resident proposals: paid out from what the fund held at the time; some communities never spend (idle)
    communityMoney.sort(byTime);
    const spends = c.chance(0.55);
    const proposals: ProposalSpec[] = [];
    if (spends) {
      const payDates = c
        .shuffle(['2025-05-20', '2025-09-18', '2026-01-15', '2026-04-22', '2026-08-19'] as LocalDate[])
        .slice(0, c.int(1, 3))
        .sort();
      payDates.forEach((paidOn, n) => {
        const fundId = n === 0 && hasPledge ? (fundOf.charity_common_prosperity as string) : governanceFund;
        const available = balanceBefore(communityMoney, fundId, shanghai(paidOn, 15));
        const amountFen = Math.floor((available * c.between(0.4, 0.8)) / 100_000) * 100_000;
        if (amountFen < yuan(3_000)) return;
        const topic = c.pick(PROPOSAL_TOPICS);
        const meetingOn = addDays(paidOn, -c.int(20, 30));
        const eligible = c.int(30, 70);
        const attendance = Math.round(eligible * c.between(0.6, 0.9));
        const against = c.int(0, 3);
        const abstain = c.int(0, 3);
        const spec: ProposalSpec = {
          key: `gen:${slug}:${n}`,
          districtId: D,
          communityId,
          fundId,
          title: `${name}${topic[0]}`,
          purpose: topic[1],
          useCategory: topic[2],
          amountFen,
          status: c.chance(0.6) ? 'closed' : 'paid_out',
          createdOn: addDays(meetingOn, -c.int(10, 20)),
          createdBy: adminId,
          meeting: {
            on: meetingOn,
            eligible,
            attendance,
            votesFor: attendance - against - abstain,
            votesAgainst: against,
            votesAbstain: abstain,
            minutes: '居民代表会议共议，表决通过',
          },
          disclosureStartsOn: addDays(meetingOn, 2),
          paidOn,
        };
        proposals.push(spec);
        const payout = payoutEvent(spec);
        if (payout) {
          communityMoney.push(payout);
          communityMoney.sort(byTime);
        }
      });
    }
    // one proposal under way in some communities, a rejected one in a few
    const pending = c.float();
    if (pending < 0.3) {
      const topic = c.pick(PROPOSAL_TOPICS);
      const meetingOn: LocalDate = '2026-11-19';
      const inDisclosure = pending < 0.15;
      proposals.push({
        key: `gen:${slug}:pending`,
        districtId: D,
        communityId,
        fundId: governanceFund,
        title: `${name}${topic[0]}`,
        purpose: topic[1],
        useCategory: topic[2],
        amountFen: yuan(c.pick([8_000, 15_000, 25_000])),
        status: inDisclosure ? 'disclosure' : 'deliberation',
        createdOn: '2026-10-25',
        createdBy: adminId,
        ...(inDisclosure
          ? {
              meeting: {
                on: meetingOn,
                eligible: 40,
                attendance: 31,
                votesFor: 27,
                votesAgainst: 2,
                votesAbstain: 2,
                minutes: '表决通过，进入公示',
              },
              disclosureStartsOn: '2026-11-24' as LocalDate,
            }
          : {}),
      });
    } else if (pending > 0.93) {
      const topic = c.pick(PROPOSAL_TOPICS);
      proposals.push({
        key: `gen:${slug}:rejected`,
        districtId: D,
        communityId,
        fundId: governanceFund,
        title: `${name}${topic[0]}`,
        purpose: topic[1],
        useCategory: topic[2],
        amountFen: yuan(60_000),
        status: 'rejected',
        createdOn: '2026-05-06',
        createdBy: adminId,
        meeting: {
          on: '2026-05-21',
          eligible: 45,
          attendance: 33,
          votesFor: 12,
          votesAgainst: 18,
          votesAbstain: 3,
          minutes: '多数居民认为预算偏高，未通过，建议压缩后再议',
        },
      });
    }
    rows.proposals.push(...proposals.map(proposalRow));
    money.push(...communityMoney);
  });

  const ledger = runLedger(money);
  rows.entries = ledger.entries;
  for (const fund of rows.funds) fund.balance_fen = ledger.balances.get(fund.fund_id as string) ?? 0;
  const proposalIds = new Set(rows.proposals.map((p) => p.proposal_id));
  for (const entry of rows.entries) {
    if (entry.proposal_id && !proposalIds.has(entry.proposal_id)) throw new Error('payout without proposal');
  }

  await insertMany(trx, 'street_offices', rows.streetOffices);
  await insertMany(trx, 'partners', rows.partners);
  await insertMany(trx, 'users', rows.users);
  await insertMany(trx, 'communities', rows.communities);
  await insertMany(trx, 'memberships', rows.memberships);
  await insertMany(trx, 'assets', rows.assets);
  await insertMany(trx, 'asset_appraisals', rows.appraisals);
  await insertMany(trx, 'companies', rows.companies);
  await insertMany(trx, 'shareholdings', rows.shareholdings);
  await insertMany(trx, 'ventures', rows.ventures);
  await insertMany(trx, 'operator_agreements', rows.agreements);
  await insertMany(trx, 'distribution_rules', rows.rules);
  await insertMany(trx, 'funds', rows.funds);
  await insertMany(trx, 'monthly_reports', withPlausibilityFlags(rows.reports));
  await insertMany(trx, 'report_events', rows.events);
  await insertMany(trx, 'ledger_entries', rows.entries);
  await insertMany(trx, 'proposals', rows.proposals);
  await insertMany(trx, 'pledges', rows.pledges);
  await insertMany(trx, 'pledge_fulfilments', rows.fulfilments);
  return {
    communities: rows.communities.length,
    ventures: ventureCount,
    reports: rows.reports.length,
    ledgerEntries: rows.entries.length,
  };
}

const RETURN_COMMENTS = [
  '营业收入与台账不一致，请核对后重新报送',
  '稳定就业人数与用工合同不符，请补充说明',
  '运营成本缺少明细，请补充',
  '服务人次明显偏高，请核实',
  '上缴金额与银行回单不一致，请核对',
] as const;

const PROPOSAL_TOPICS: readonly [string, string, ProposalUseCategory][] = [
  ['老旧小区楼道照明改造', '楼道感应灯更换，方便老人夜间出行', 'public_facilities'],
  ['儿童游乐设施更新', '"一小"服务：更新小区儿童游乐设施', 'child_care'],
  ['助老餐补贴', '为 80 岁以上老人提供助餐补贴', 'elderly_care'],
  ['口袋公园提升', '绿化补植、增设座椅和遮阳棚', 'environment'],
  ['电动车充电棚建设', '解决电动车飞线充电安全隐患', 'public_facilities'],
  ['社区书屋图书添置', '添置少儿与老年读物', 'culture_sports'],
  ['无障碍通道改造', '单元门口加装无障碍坡道和扶手', 'public_facilities'],
  ['便民服务日耗材', '每月便民服务日理发、维修耗材', 'convenience_services'],
];
