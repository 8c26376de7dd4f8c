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
import { type ScopedTransaction, withTenantTransaction } from '../tenant';
import { DEMO_IDS } from './demo';
import { deterministicId } from './deterministic-id';
import {
  approvalPostings,
  byTime,
  COMMUNITY_ALONE,
  creditCode,
  DEMO_TODAY,
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
 * The one generator of communities with a history: names, street offices, companies and shareholdings,
 * ventures, operator agreements and months of reports drawn from a seed, their distributions through the
 * domain functions, give-back pledges, resident proposals paid from what a fund held at the time. Two
 * presets run it (ADR 0020):
 *
 * - `demo`: the demo district's 33 communities around the source page's three (`seedGeneratedCommunities`,
 *   called by the demo history), in the demo district with its streets and partners;
 * - `gen`: `pnpm gen` and `pnpm bench` — D synthetic districts × N communities × M months (`generate`).
 *
 * Both build a district's rows with `districtRows` from a `DistrictFrame` — who and where (ids, names,
 * streets, partners, logins) and which months — so what a community, a venture or a month looks like is
 * defined once: a definition changed here changes both, and a test holds that the demo district and a
 * generated one of the same seed and size are the same rows but for their names and ids. Everything is
 * computed in memory first, then written in multi-row inserts; the ledger follows `postLedgerEntry`'s rules
 * (unique posting keys, no outflow beyond the balance, balance = sum of entries), checked before writing.
 */

export const PRESETS = {
  /** the demo district's generated communities: this seed and size are the demo's data */
  demo: { seed: 20_251_128, districts: 1, communities: 33, months: 24 },
  /** `pnpm gen`'s defaults (its flags override them) */
  gen: { seed: 1, districts: 1, communities: 60, months: 24 },
} as const;

/** argon2id of the demo password (`gongfu-demo-2026`): generated admins log in like the demo's. */
export const GENERATED_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$omr98lqWGVOefb2JioGH4A$0M6tLbPPyaI/EekaeTmeYi4PAeT8rtJ9XY3iQeyzSb0';

const pad = (n: number, width = 3) => String(n).padStart(width, '0');

// ----- who and where: the frame a preset gives the generator ------------------------------------------

/** The partners a district's communities work with, by the part they play. */
const PARTNER_ROLES = {
  constructionSoe: { key: 'gen-construction-soe', at: 'place', name: '城市建设投资有限公司', kind: 'soe' },
  socialWork: { key: 'gen-social-work', at: 'city', name: '阳光社工服务中心', kind: 'social_org' },
  housekeeping: { key: 'gen-housekeeping', at: 'place', name: '巾帼家政服务社', kind: 'social_org' },
  elderCare: { key: 'gen-elder-care', at: 'city', name: '康颐养老服务有限公司', kind: 'enterprise' },
  parking: { key: 'gen-parking', at: 'city', name: '安泊停车管理有限公司', kind: 'enterprise' },
  property: { key: 'gen-property', at: 'place', name: '宜居物业服务有限公司', kind: 'enterprise' },
  childcare: { key: 'gen-childcare', at: 'city', name: '小橙子托育服务有限公司', kind: 'enterprise' },
  catering: { key: 'gen-catering', at: 'city', name: '邻里香餐饮管理有限公司', kind: 'enterprise' },
  building: { key: 'gen-donor-building', at: 'city', name: '金江建材有限公司', kind: 'enterprise' },
  trading: { key: 'gen-donor-trading', at: 'place', name: '瑞丰商贸有限公司', kind: 'enterprise' },
  logistics: { key: 'gen-donor-logistics', at: 'city', name: '华达物流有限公司', kind: 'enterprise' },
  // the demo seeds these three itself (seedDemo); a generated district gets its own
  soe: { key: 'soe', at: 'place', name: '国有资产经营公司（区属国企）', kind: 'soe' },
  tusStar: { key: 'tus-star', at: null, name: '启迪之星孵化器', kind: 'incubator' },
  autoAssociation: { key: 'auto-association', at: null, name: '攀西汽车服务产业协会', kind: 'association' },
} as const;
type PartnerRole = keyof typeof PARTNER_ROLES;
/** 5 = registered by civil affairs (2 a social service organisation, 1 a social group), 9 = market regulation */
const CREDIT_CODE_PREFIX: Readonly<Record<string, string>> = {
  social_org: '52510402',
  association: '51510402',
};
const DONORS: readonly PartnerRole[] = ['building', 'trading', 'logistics'];
const DEMO_PARTNERS: Partial<Record<PartnerRole, string>> = {
  soe: DEMO_IDS.soe,
  tusStar: DEMO_IDS.tusStar,
  autoAssociation: DEMO_IDS.autoAssociation,
};

export interface FramePartner {
  id: string;
  name: string;
  kind: string;
  /** already in the district (the demo's own partners): not written */
  existing: boolean;
}

export interface FrameStreet {
  id: string;
  name: string;
  /** nine digits; a community's code is its street's and three more */
  code: string;
  existing: boolean;
}

/** Who and where a district's generated communities are, and which months they report. */
export interface DistrictFrame {
  districtId: string;
  /** the district admin: reviews the reports, books allocations and grants */
  adminUserId: string;
  /** the id of a named thing in this district (the demo's names are global; a generated district's carry its tag) */
  id: (name: string) => string;
  /** what a proposal's key starts with (its id is derived from the key) */
  proposalKeyPrefix: string;
  /** community admins log in as `<slug>@<emailDomain>` */
  emailDomain: string;
  passwordHash: string;
  /** the city and the district as they appear in names (攀枝花市, 东区) */
  city: string;
  place: string;
  streets: readonly FrameStreet[];
  streetsCreatedAt: string;
  partners: Readonly<Record<PartnerRole, FramePartner>>;
  communities: number;
  firstMonth: Month;
}

function framePartners(
  id: (name: string) => string,
  city: string,
  place: string,
  existing: Partial<Record<PartnerRole, string>>,
): Record<PartnerRole, FramePartner> {
  return Object.fromEntries(
    Object.entries(PARTNER_ROLES).map(([role, p]) => {
      const known = existing[role as PartnerRole];
      const prefix = p.at === 'city' ? city : p.at === 'place' ? place : '';
      return [
        role,
        { id: known ?? id(`partner:${p.key}`), name: `${prefix}${p.name}`, kind: p.kind, existing: !!known },
      ];
    }),
  ) as Record<PartnerRole, FramePartner>;
}

const firstMonthOf = (months: number) => addMonths(LAST_MONTH, -(months - 1));

/** The `demo` preset's frame: the demo district (seeded by `seedDemo`), its streets and partners. */
export function demoFrame(options: { passwordHash: string; communities?: number }): DistrictFrame {
  const id = (name: string) => deterministicId(name);
  const street = (slug: string, name: string, code: string, existing: boolean) => ({
    id: id(`street:dongqu-${slug}`),
    name,
    code,
    existing,
  });
  return {
    districtId: DEMO_IDS.dongqu,
    adminUserId: id('user:admin@dongqu.demo'),
    id,
    proposalKeyPrefix: 'gen',
    emailDomain: 'dongqu.demo',
    passwordHash: options.passwordHash,
    city: '攀枝花市',
    place: '东区',
    streets: [
      street('bingcaogang', '炳草岗街道', '510402001', true),
      street('dadukou', '大渡口街道', '510402002', true),
      street('donghua', '东华街道', '510402003', false),
      street('nongnongping', '弄弄坪街道', '510402004', false),
      street('guaziping', '瓜子坪街道', '510402005', false),
      street('nanshan', '南山街道', '510402006', false),
    ],
    streetsCreatedAt: shanghai('2020-01-02', 10),
    partners: framePartners(id, '攀枝花市', '东区', DEMO_PARTNERS),
    communities: options.communities ?? PRESETS.demo.communities,
    firstMonth: firstMonthOf(PRESETS.demo.months),
  };
}

export interface GeneratedDistrict {
  districtId: string;
  name: string;
  adminUserId: string;
  adminEmail: string;
}

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

/** The `gen` preset's frame of one generated district: everything its own, named after it. */
export function generatedFrame(
  seed: number,
  index: number,
  options: { communities: number; months: number; passwordHash?: string },
): DistrictFrame {
  const district = generatedDistrict(seed, index);
  const tag = `d${pad(index + 1)}-s${seed}`;
  const id = (name: string) => deterministicId(`gen:${tag}:${name}`);
  const code = `9${pad(index + 1, 5)}`;
  // as many streets as the demo district has, more for a larger district (about 15 communities each)
  const streets = Array.from({ length: Math.max(6, Math.ceil(options.communities / 15)) }, (_, i) => ({
    id: id(`street:${i}`),
    name: `${district.name}第${i + 1}街道`,
    code: `${code}${pad(i + 1)}`,
    existing: false,
  }));
  const firstMonth = firstMonthOf(options.months);
  return {
    districtId: district.districtId,
    adminUserId: district.adminUserId,
    id,
    proposalKeyPrefix: `gen:${tag}`,
    emailDomain: `${tag}.gen`,
    passwordHash: options.passwordHash ?? GENERATED_PASSWORD_HASH,
    city: district.name,
    place: district.name,
    streets,
    streetsCreatedAt: shanghai(`${addMonths(firstMonth, -3)}-01`, 10),
    partners: framePartners(id, district.name, district.name, {}),
    communities: options.communities,
    firstMonth,
  };
}

// ----- what a community looks like -------------------------------------------------------------------

/** Plausible community names (and a slug for ids and logins); a larger district numbers them on. */
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
  operators: readonly PartnerRole[];
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
    operators: ['catering', 'elderCare'],
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
    operators: ['childcare'],
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
    operators: ['socialWork'],
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
    operators: ['elderCare'],
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
    operators: ['socialWork'],
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
    operators: ['tusStar'],
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
    operators: ['parking', 'soe'],
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
    operators: ['housekeeping'],
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
    operators: ['property', 'constructionSoe'],
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
    operators: ['soe', 'constructionSoe'],
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

/** When proposals are paid, as months before the last one and a day: a two-year cycle, repeated back in time. */
const PAYOUT_DAYS: readonly [number, string][] = [
  [17, '20'],
  [13, '18'],
  [9, '15'],
  [6, '22'],
  [2, '19'],
];

// ----- the rows of a district -------------------------------------------------------------------------

/** The tables the generator writes in a district, in foreign-key order. */
export const GENERATED_TABLES = [
  'street_offices',
  'partners',
  'users',
  'communities',
  'memberships',
  'assets',
  'asset_appraisals',
  'companies',
  'shareholdings',
  'ventures',
  'operator_agreements',
  'distribution_rules',
  'funds',
  'monthly_reports',
  'report_events',
  'ledger_entries',
  'proposals',
  'pledges',
  'pledge_fulfilments',
] as const;
type DistrictTable = (typeof GENERATED_TABLES)[number];
export type DistrictRows = { [T in DistrictTable]: Insertable<Database[T]>[] };

/**
 * Posts money events in time order with `postLedgerEntry`'s rules, in memory: a posting key is used
 * once, an outflow never exceeds the balance. Returns the entries and each fund's final balance.
 */
function runLedger(frame: DistrictFrame, events: MoneyEvent[]) {
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
      entry_id: frame.id(`ledger:${m.postingKey}`),
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

/** An agreement's end a few years on: the end of a month (the 28th of February, which has no 30th). */
function laterEnd(v: Rng): LocalDate {
  const year = v.int(2027, 2029);
  const month = v.int(1, 12);
  const day = v.pick(['30', '28']);
  return `${year}-${pad(month, 2)}-${month === 2 ? '28' : day}` as LocalDate;
}

/**
 * A district's generated communities, in memory, from one generator: the same frame and the same
 * generator state always give the same rows. Dates are placed relative to the frame's months (the demo's
 * 24 months put them where the demo history has always had them).
 */
export function districtRows(frame: DistrictFrame, rng: Rng): DistrictRows {
  const rows = Object.fromEntries(GENERATED_TABLES.map((t) => [t, []])) as unknown as DistrictRows;
  const D = frame.districtId;
  const ADMIN = frame.adminUserId;
  const id = frame.id;
  const firstMonth = frame.firstMonth;
  const totalMonths = monthRange(firstMonth, LAST_MONTH).length;
  const lastYear = Number(LAST_MONTH.slice(0, 4));
  // the year the communities came onto the platform: their funds, rules and logins date from it
  const setupYear = Math.min(Number(firstMonth.slice(0, 4)), lastYear - 1);
  const setupAt = shanghai(`${setupYear}-03-01`, 10);
  const partner = (role: PartnerRole) => frame.partners[role];

  for (const street of frame.streets) {
    if (street.existing) continue;
    rows.street_offices.push({
      district_id: D,
      street_office_id: street.id,
      name: street.name,
      admin_code: street.code,
      created_at: frame.streetsCreatedAt,
    });
  }
  for (const p of Object.values(frame.partners)) {
    if (p.existing) continue;
    const prefix = CREDIT_CODE_PREFIX[p.kind] ?? '91510402';
    rows.partners.push({
      district_id: D,
      partner_id: p.id,
      name: p.name,
      kind: p.kind,
      credit_code: stableCreditCode(p.id, prefix),
      created_at: setupAt,
    });
  }

  const shuffled = rng.shuffle(NAMES);
  const names = Array.from({ length: frame.communities }, (_, i): [string, string] => {
    const [short, slug] = shuffled[i % shuffled.length] as [string, string];
    const round = Math.floor(i / shuffled.length);
    return round === 0 ? [short, slug] : [`${short}${round + 1}`, `${slug}${round + 1}`];
  });
  const perStreet = new Map<string, number>();
  const money: MoneyEvent[] = [];
  // the first venture with a guaranteed remittance falls short in the last month, whatever the draw: a district's
  // demo always gives the below-minimum warning something to find
  let shortfallShown = false;

  names.forEach(([short, slug], index) => {
    const c = rng.fork(slug);
    const name = `${short}社区`;
    const communityId = id(`community:gen:${slug}`);
    const street = frame.streets[index % frame.streets.length] ?? frame.streets[0];
    if (!street) throw new Error('a district frame needs a street office');
    const seq = (perStreet.get(street.id) ?? 10) + 1;
    perStreet.set(street.id, seq);
    const adminCode = `${street.code}${pad(seq)}`;
    const base = { district_id: D, community_id: communityId };
    const rural = c.chance(0.2);
    // a village became a residential community (村改居) in the year the community was founded, not a year apart
    const convertedYear = rural ? c.pick([2019, 2020]) : null;
    const population = c.int(3_000, 15_000);
    const households = Math.round(population / c.between(2.5, 2.9));
    rows.communities.push({
      ...base,
      street_office_id: street.id,
      name,
      // twelve digits or none (a street of more than 989 communities)
      admin_code: adminCode.length === 12 ? adminCode : null,
      kind: rural ? 'converted_from_rural' : 'urban',
      converted_year: convertedYear,
      founded_on: convertedYear
        ? `${convertedYear}-0${c.int(1, 9)}-01`
        : `${c.int(1985, 2018)}-0${c.int(1, 9)}-01`,
      population,
      households,
      households_with_seniors: Math.round(households * c.between(0.18, 0.36)),
      created_at: setupAt,
      updated_at: setupAt,
    });
    const email = `${slug}@${frame.emailDomain}`;
    const adminId = id(`user:${email}`);
    rows.users.push({
      user_id: adminId,
      email,
      display_name: `${name} 管理员`,
      password_hash: frame.passwordHash,
      home_district_id: D,
      created_at: setupAt,
    });
    rows.memberships.push({
      district_id: D,
      membership_id: id(`membership:${slug}:community_admin`),
      user_id: adminId,
      role: 'community_admin',
      community_id: communityId,
      partner_id: null,
      created_at: setupAt,
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
      created_at: setupAt,
      updated_at: setupAt,
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
        created_at: setupAt,
        updated_at: setupAt,
      });
    }
    if (companyId) {
      const founded = `${c.int(setupYear - 5, setupYear)}-${pad(c.int(1, 12), 2)}-${pad(c.int(1, 28), 2)}`;
      const capital = c.pick([50, 100, 200, 300, 500]) * 1_000_000; // ¥0.5–5 million
      rows.companies.push({
        ...base,
        company_id: companyId,
        legal_name: `${frame.city}${short}社区${c.pick(['服务', '经济发展', '物业服务', '商业运营'])}有限公司`,
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
          rows.asset_appraisals.push({
            ...base,
            appraisal_id: appraisalId,
            asset_id: siteAssetId,
            method: c.pick(['income', 'market', 'agreed']),
            appraiser: `${frame.city}诚信资产评估事务所`,
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
        const holder =
          model === 'association_cobuilt'
            ? partner('autoAssociation')
            : partner(c.pick<PartnerRole>(['tusStar', 'elderCare', 'childcare']));
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
          partnerId: holder.id,
          holderName: holder.name,
          contribution: 'operation_expertise',
          shareBp: 10_000 - communityBp,
        });
        shareholdings = [
          { holderKind: 'community', holderId: null, shareBp: communityBp },
          { holderKind: 'partner', holderId: holder.id, shareBp: 10_000 - communityBp },
        ];
      } else if (model === 'soe_entrusted' && c.chance(0.5)) {
        const soe = partner('constructionSoe');
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
          partnerId: soe.id,
          holderName: soe.name,
          contribution: 'cash',
          shareBp: 10_000 - communityBp,
        });
        shareholdings = [
          { holderKind: 'community', holderId: null, shareBp: communityBp },
          { holderKind: 'partner', holderId: soe.id, shareBp: 10_000 - communityBp },
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

    // ── distribution rule (raised in the last year for some) and funds
    const governanceBp = c.pick([3000, 3500, 4000, 4500, 5000]);
    const otherBp = c.chance(0.3) ? 1000 : 0;
    const ruleSpecs: RuleSpec[] = [
      {
        effectiveFrom: `${setupYear}-01` as Month,
        governanceFundBp: governanceBp,
        reserveBp: 10_000 - governanceBp - otherBp,
        otherBp,
      },
    ];
    if (c.chance(0.2)) {
      const raised = governanceBp + 500;
      ruleSpecs.push({
        effectiveFrom: `${lastYear}-01` as Month,
        governanceFundBp: raised,
        reserveBp: 10_000 - raised - otherBp,
        otherBp,
      });
    }
    rows.distribution_rules.push(
      ...ruleRows(D, communityId, ruleSpecs, { userId: ADMIN, onPlatformFrom: firstMonth }),
    );
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
        created_at: shanghai(`${setupYear}-01-05`, 10),
      });
    }
    const communityMoney: MoneyEvent[] = [];
    const governanceFund = fundOf.governance_special as string;
    // a street-office grant every other year (the year before the last, and back), in some communities
    const grantYears: number[] = [];
    for (let year = lastYear - 1; year > setupYear; year -= 2) grantYears.unshift(year);
    for (const year of grantYears) {
      if (!c.chance(0.3)) continue;
      const at = shanghai(`${year}-0${c.int(1, 4)}-15`, 10);
      communityMoney.push({
        at,
        districtId: D,
        communityId,
        fundId: governanceFund,
        kind: 'grant',
        amountFen: yuan(c.pick([20_000, 30_000, 50_000])),
        month: at.slice(0, 7) as Month,
        sourceType: 'manual', // as the API records a grant a treasurer enters
        sourceId: null,
        postingKey: `grant:${communityId}:${year}`,
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
      const anchor = vIndex === 0; // the first venture reports every month of the range
      const startMonth: Month =
        anchor || v.chance(0.7)
          ? addMonths(firstMonth, -v.int(3, 40))
          : addMonths(firstMonth, v.int(2, Math.max(2, totalMonths - 9)));
      // the operator agrees with the company's model, as the register shows them side by side: a company
      // that runs its ventures itself (集体自营) has no operator, one entrusted to the state-owned enterprise
      // (国企托管运营) has an SOE on every venture, the others a professional operator on about half
      const soes = profile.operators.filter((role) => role === 'soe' || role === 'constructionSoe');
      const operatorId =
        model === 'collective_self_operated'
          ? null
          : model === 'soe_entrusted'
            ? partner(soes.length > 0 ? v.pick(soes) : 'soe').id
            : profile.operators.length > 0 && v.chance(0.5)
              ? partner(v.pick(profile.operators)).id
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
          created_at: setupAt,
          updated_at: setupAt,
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

      // operator agreement: some end within 90 days of the demo's today, some guarantee a remittance
      let minRemittance = 0;
      if (operatorId) {
        const endsSoon = v.chance(0.2);
        const startsOn = `${startMonth}-01` as LocalDate;
        const endsOn = endsSoon ? addDays(DEMO_TODAY as LocalDate, v.int(10, 85)) : laterEnd(v);
        const terms = v.pick(['fixed_fee', 'profit_split', 'fee_and_split']);
        minRemittance =
          terms !== 'profit_split' && v.chance(0.6) ? yuan(v.pick([3_000, 5_000, 8_000, 10_000])) : 0;
        rows.operator_agreements.push({
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
      const dipMonth: Month | null = v.chance(0.08)
        ? addMonths(firstMonth, v.int(6, Math.max(6, totalMonths - 4)))
        : null;
      const belowMinimumLast = minRemittance > 0 && (!shortfallShown || v.chance(0.35));
      if (belowMinimumLast) shortfallShown = true;
      const ref = { districtId: D, communityId, ventureId, submitterId: adminId, reviewerId: ADMIN };
      const months = monthRange(
        compareMonths(startMonth, firstMonth) > 0 ? startMonth : firstMonth,
        LAST_MONTH,
      );
      months.forEach((month, i) => {
        const moy = Number(month.slice(5));
        // growth stops after five years, so a long range does not compound into absurd figures
        let factor = (profile.season?.[moy] ?? 1) * (1 + growth) ** Math.min(i, 60) * v.between(0.93, 1.07);
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
        if (made.report) rows.monthly_reports.push(made.report);
        rows.report_events.push(...made.events);
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
              memo: `${name}${profile.label} ${month}`,
              createdBy: ADMIN,
            });
          }
        }
      });
    });

    // ── give-back pledges into the charity fund (made the year before the last, paid in it and the last)
    if (hasPledge) {
      const charity = fundOf.charity_common_prosperity as string;
      const donor = partner(c.pick(DONORS));
      const amount = yuan(c.pick([10_000, 20_000, 30_000, 50_000]));
      const outcome = c.pick(['fulfilled', 'fulfilled', 'fulfilled', 'partial_overdue', 'not_due'] as const);
      const dueOn = (
        outcome === 'not_due' ? `${lastYear + 1}-03-31` : `${lastYear}-0${c.int(1, 9)}-28`
      ) as LocalDate;
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
        created_at: shanghai(`${lastYear - 1}-03-01`, 10),
      });
      paid.forEach((value, n) => {
        const on = (
          n === 0 ? `${lastYear - 1}-${pad(c.int(4, 11), 2)}-15` : `${lastYear}-0${c.int(1, 6)}-15`
        ) as LocalDate;
        const fulfilmentId = id(`pledge-fulfilment:gen:${slug}:${n + 1}`);
        const postingKey = `pledge-fulfilment:${fulfilmentId}`;
        rows.pledge_fulfilments.push({
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
      // one to three payouts in every two years of the range
      const cycles = Math.max(1, Math.ceil(totalMonths / 24));
      const candidates = Array.from({ length: cycles }, (_, cycle) =>
        PAYOUT_DAYS.map(
          ([back, day]) => `${addMonths(LAST_MONTH, -(back + 24 * cycle))}-${day}` as LocalDate,
        ),
      ).flat();
      const payDates = c
        .shuffle(candidates)
        .slice(0, c.int(1, 3) * cycles)
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
          key: `${frame.proposalKeyPrefix}:${slug}:${n}`,
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
    // one proposal under way in some communities (in the days before today), a rejected one in a few
    const pending = c.float();
    if (pending < 0.3) {
      const topic = c.pick(PROPOSAL_TOPICS);
      const meetingOn = addDays(DEMO_TODAY as LocalDate, -9);
      const inDisclosure = pending < 0.15;
      proposals.push({
        key: `${frame.proposalKeyPrefix}:${slug}:pending`,
        districtId: D,
        communityId,
        fundId: governanceFund,
        title: `${name}${topic[0]}`,
        purpose: topic[1],
        useCategory: topic[2],
        amountFen: yuan(c.pick([8_000, 15_000, 25_000])),
        status: inDisclosure ? 'disclosure' : 'deliberation',
        createdOn: addDays(DEMO_TODAY as LocalDate, -34),
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
              disclosureStartsOn: addDays(meetingOn, 5),
            }
          : {}),
      });
    } else if (pending > 0.93) {
      const topic = c.pick(PROPOSAL_TOPICS);
      proposals.push({
        key: `${frame.proposalKeyPrefix}:${slug}:rejected`,
        districtId: D,
        communityId,
        fundId: governanceFund,
        title: `${name}${topic[0]}`,
        purpose: topic[1],
        useCategory: topic[2],
        amountFen: yuan(60_000),
        status: 'rejected',
        createdOn: `${lastYear}-05-06`,
        createdBy: adminId,
        meeting: {
          on: `${lastYear}-05-21`,
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

  const ledger = runLedger(frame, money);
  rows.ledger_entries = ledger.entries;
  for (const fund of rows.funds) fund.balance_fen = ledger.balances.get(fund.fund_id as string) ?? 0;
  const proposalIds = new Set(rows.proposals.map((p) => p.proposal_id));
  for (const entry of rows.ledger_entries) {
    if (entry.proposal_id && !proposalIds.has(entry.proposal_id)) throw new Error('payout without proposal');
  }
  rows.monthly_reports = withPlausibilityFlags(rows.monthly_reports);
  return rows;
}

/** Rows per statement: as many as fit in PostgreSQL's 65,535 bind parameters, at most 5,000. */
function chunkOf(rows: readonly object[]): number {
  const columns = Object.keys(rows[0] ?? { x: 1 }).length;
  return Math.max(1, Math.min(5_000, Math.floor(60_000 / columns)));
}

/** Writes a district's rows in the caller's district-scope transaction (under RLS, as requests write). */
async function writeDistrictRows(trx: ScopedTransaction, rows: DistrictRows): Promise<void> {
  for (const table of GENERATED_TABLES) {
    const list = rows[table] as Insertable<Database[typeof table]>[];
    await insertMany(trx, table, list, chunkOf(list));
  }
}

// ----- preset `demo` ----------------------------------------------------------------------------------

export interface GeneratedSummary {
  communities: number;
  ventures: number;
  reports: number;
  ledgerEntries: number;
}

/** The demo district's generated communities, in the demo history's district-scope transaction. */
export async function seedGeneratedCommunities(
  trx: ScopedTransaction,
  options: { seed: number; count: number; passwordHash: string },
): Promise<GeneratedSummary> {
  const frame = demoFrame({ passwordHash: options.passwordHash, communities: options.count });
  const rows = districtRows(frame, new Rng(options.seed));
  await writeDistrictRows(trx, rows);
  return {
    communities: rows.communities.length,
    ventures: rows.ventures.length,
    reports: rows.monthly_reports.length,
    ledgerEntries: rows.ledger_entries.length,
  };
}

// ----- preset `gen` (pnpm gen, pnpm bench) ------------------------------------------------------------

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

export type GeneratedTable = 'districts' | DistrictTable;
export type GeneratedCounts = Record<GeneratedTable, number>;

export interface GenerateResult {
  counts: GeneratedCounts;
  rows: number;
  ms: number;
  firstMonth: Month;
  lastMonth: Month;
  districts: GeneratedDistrict[];
}

/** Each generated district's own generator, forked from the seed in district order. */
export function generatedDistrictRngs(seed: number, districts: number): Rng[] {
  const root = new Rng(seed);
  return Array.from({ length: districts }, (_, i) => root.fork(`district:${i}`));
}

/**
 * Fills the database with `districts` generated districts (migrate first; a database without them):
 * the platform appoints each district and its admin, then each district is built in memory and written
 * under its own district scope before the next is built, so memory stays flat at any size; `concurrency`
 * districts are written at a time (on PostgreSQL the database and the generator then use both cores).
 */
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
  const firstMonth = firstMonthOf(options.months);
  const districts = Array.from({ length: options.districts }, (_, i) => generatedDistrict(options.seed, i));
  const forks = generatedDistrictRngs(options.seed, options.districts);
  const counts = Object.fromEntries(['districts', ...GENERATED_TABLES].map((t) => [t, 0])) as GeneratedCounts;
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
    const districtList = districts.map((d, i) => ({
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
    for (let i = 0; i < districtList.length; i += 1_000) {
      await trx
        .insertInto('districts')
        .values(districtList.slice(i, i + 1_000))
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

  let nextDistrict = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const index = nextDistrict++;
      const district = districts[index];
      const rng = forks[index];
      if (!district || !rng) return;
      const frame = generatedFrame(options.seed, index, {
        communities: options.communities,
        months: options.months,
        passwordHash,
      });
      const rows = districtRows(frame, rng);
      const scope = {
        kind: 'district',
        userId: district.adminUserId,
        districtId: district.districtId,
      } as const;
      await withTenantTransaction(db, scope, (trx) => writeDistrictRows(trx, rows));
      for (const table of GENERATED_TABLES) counts[table] += rows[table].length;
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
