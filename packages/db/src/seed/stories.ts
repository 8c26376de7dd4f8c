import {
  type FundKind,
  type LocalDate,
  type Month,
  monthRange,
  type ShareholdingInput,
} from '@gongfu/domain';
import type { Insertable } from 'kysely';
import { postLedgerEntry } from '../repositories/ledger';
import type { Database } from '../schema';
import type { ScopedTransaction } from '../tenant';
import { DEMO_IDS, TIDAL_MARKET_MIN_REMITTANCE_FEN } from './demo';
import { deterministicId as id } from './deterministic-id';
import {
  type Approval,
  approvalPostings,
  byTime,
  COMMUNITY_ALONE,
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
  type ReportFigures,
  type ReportPlan,
  type RuleSpec,
  ruleRows,
  shanghai,
  type VentureRef,
  withPlausibilityFlags,
  yuan,
} from './history-kit';
import { Rng } from './prng';

/**
 * The months and money of the source page's three communities: every approved report posts its
 * distribution through the domain functions and `postLedgerEntry`, exactly as approval does.
 */

const userId = (email: string) => id(`user:${email}`);
const D = DEMO_IDS.dongqu;
const ADMIN = userId('admin@dongqu.demo');

export const STORY_FUND_IDS = {
  wangjiangjie: fundIds('wangjiangjie', ['governance_special', 'reserve', 'other']),
  jinhui: fundIds('jinhui', ['governance_special', 'reserve', 'other']),
  dukou: fundIds('dukou', ['governance_special', 'reserve', 'other', 'charity_common_prosperity']),
};

function fundIds<K extends FundKind>(slug: string, kinds: readonly K[]): Record<K, string> {
  return Object.fromEntries(kinds.map((k) => [k, id(`fund:${slug}:${k}`)])) as Record<K, string>;
}

/** "我们将社区集体经济盈利的 40% 计入社区治理专项资金" */
export const WANGJIANGJIE_RULE: RuleSpec = {
  effectiveFrom: '2023-05',
  governanceFundBp: 4000,
  reserveBp: 3000,
  otherBp: 3000,
};
const JINHUI_RULES: RuleSpec[] = [
  // "部分资金反哺社区改造和公益服务"
  { effectiveFrom: '2025-06', governanceFundBp: 5000, reserveBp: 3000, otherBp: 2000 },
];
const DUKOU_RULES: RuleSpec[] = [
  { effectiveFrom: '2022-01', governanceFundBp: 3000, reserveBp: 5000, otherBp: 2000 },
  { effectiveFrom: '2026-01', governanceFundBp: 3500, reserveBp: 4500, otherBp: 2000 },
];

const DEHUI_SHARES: ShareholdingInput[] = [
  { holderKind: 'community', holderId: null, shareBp: 6000 },
  { holderKind: 'partner', holderId: DEMO_IDS.tusStar, shareBp: 4000 },
];
const DUKOU_SHARES: ShareholdingInput[] = [{ holderKind: 'community', holderId: null, shareBp: 10_000 }];

const noService = { serviceRequests: 0, requestsWithinPromise: 0 };

interface StoryVenture {
  ref: VentureRef;
  name: string;
  shareholdings: readonly ShareholdingInput[];
  communitySlug: keyof typeof STORY_FUND_IDS;
  plans: ReportPlan[];
}

function tidalMarket(rng: Rng): StoryVenture {
  // peaks around the Spring Festival and on summer evenings
  const season: Record<number, number> = { 1: 1.12, 2: 1.15, 7: 1.06, 8: 1.08, 10: 1.04, 11: 0.97, 12: 1.05 };
  const months = monthRange('2025-06', LAST_MONTH);
  const plans = months.map((month, i): ReportPlan => {
    const ramp = i === 0 ? 0.72 : i === 1 ? 0.86 : 1;
    const moy = Number(month.slice(5));
    const revenueFen = yuan(58_000 * (season[moy] ?? 1) * ramp * rng.between(0.96, 1.04));
    const peak = moy === 1 || moy === 2;
    const remittance = TIDAL_MARKET_MIN_REMITTANCE_FEN + (peak ? 100_000 : 0);
    const figures: ReportFigures = {
      revenueFen,
      // stall staff, guides, cleaning, rails, the operator's fee and the remittance to the community
      operatingCostFen: revenueFen - yuan(rng.int(300, 1_500)),
      stableJobs: i === 0 ? 4 : i === 1 ? 5 : 6,
      temporaryJobs: rng.int(2, 4),
      residentsServed: Math.round(rng.int(2_600, 3_400) * ramp),
      serviceTransactions: Math.round(rng.int(3_200, 3_900) * ramp),
      eldersServed: 0,
      childrenServed: 0,
      remittanceDueFen: remittance,
      remittanceReceivedFen: remittance,
      ...noService,
      notes:
        i === 0
          ? '6 月起由社区公司接手运营；交警、住建、城管联合整顿秩序，科学划分摊位、设立护栏、配备引导员'
          : peak
            ? '春节前后客流高峰，按协议超额上缴'
            : null,
    };
    return {
      month,
      figures,
      fate: month === LAST_MONTH ? 'submitted' : 'approved',
      submitDay: month === '2025-12' ? 14 : rng.int(3, 9),
      returnComment: month === '2025-08' ? '摊位费收入与收费台账不一致，请核对后重新报送' : null,
    };
  });
  return {
    ref: venture(DEMO_IDS.jinhui, DEMO_IDS.tidalMarket, userId('reporter@jinhui.demo')),
    name: '金汇潮汐市场',
    shareholdings: DEHUI_SHARES,
    communitySlug: 'jinhui',
    plans,
  };
}

function readingRoom(rng: Rng): StoryVenture {
  const season: Record<number, number> = { 1: 1.1, 2: 1.15, 7: 1.2, 8: 1.2 };
  const plans = monthRange(FIRST_MONTH, LAST_MONTH).map((month, i): ReportPlan => {
    const moy = Number(month.slice(5));
    const holiday = season[moy] ?? 1;
    return {
      month,
      figures: {
        revenueFen: yuan(21_000 * holiday * (1 + 0.008 * i) * rng.between(0.95, 1.05)),
        operatingCostFen: yuan(14_500 * rng.between(0.95, 1.05)),
        stableJobs: 3,
        temporaryJobs: rng.int(0, 2),
        residentsServed: Math.round(rng.int(900, 1_400) * holiday),
        serviceTransactions: Math.round(rng.int(1_700, 2_500) * holiday),
        eldersServed: rng.int(80, 160),
        childrenServed: Math.round(rng.int(250, 450) * holiday),
        remittanceDueFen: 0,
        remittanceReceivedFen: 0,
        ...noService,
        notes: holiday > 1.1 ? '寒暑假亲子阅读活动，公益 + 低偿' : null,
      },
      fate: 'approved',
      submitDay: rng.int(2, 8),
    };
  });
  return {
    ref: venture(DEMO_IDS.wangjiangjie, DEMO_IDS.readingRoom, userId('wangjiangjie@dongqu.demo')),
    name: '拾光书屋',
    shareholdings: COMMUNITY_ALONE,
    communitySlug: 'wangjiangjie',
    plans,
  };
}

function serviceStation(rng: Rng): StoryVenture {
  const plans = monthRange(FIRST_MONTH, LAST_MONTH).map((month): ReportPlan => {
    const requests = rng.int(60, 110);
    return {
      month,
      figures: {
        // low-price call-outs; Lao Wang's wage and materials are the cost, the community makes up the rest
        revenueFen: yuan(requests * rng.int(35, 50)),
        operatingCostFen: yuan(4_200 + rng.int(0, 900)),
        stableJobs: 1,
        temporaryJobs: 0,
        residentsServed: Math.round(requests * 0.8),
        serviceTransactions: requests,
        eldersServed: Math.round(requests * 0.55),
        childrenServed: 0,
        remittanceDueFen: 0,
        remittanceReceivedFen: 0,
        serviceRequests: requests,
        requestsWithinPromise: requests - rng.int(0, 5),
        notes: '换灯泡、通下水道等上门服务，承诺 10 分钟内上门',
      },
      fate: 'approved',
      submitDay: month === '2025-01' ? 15 : rng.int(2, 9),
      returnComment: month === '2025-03' ? '服务请求数与 10 分钟内上门次数请按服务台账逐条核对' : null,
    };
  });
  return {
    ref: venture(DEMO_IDS.wangjiangjie, DEMO_IDS.serviceStation, userId('wangjiangjie@dongqu.demo')),
    name: '老王 + 服务驿站',
    shareholdings: COMMUNITY_ALONE,
    communitySlug: 'wangjiangjie',
    plans,
  };
}

function microPark(rng: Rng): StoryVenture {
  const plans = monthRange(FIRST_MONTH, LAST_MONTH).map((month, i): ReportPlan => {
    const revenueFen = yuan(96_000 * (1 + 0.004 * i) * rng.between(0.95, 1.05));
    return {
      month,
      figures: {
        revenueFen,
        operatingCostFen: yuan((revenueFen / 100) * rng.between(0.48, 0.55)),
        stableJobs: 14,
        temporaryJobs: rng.int(3, 6),
        residentsServed: rng.int(40, 90),
        serviceTransactions: rng.int(40, 60),
        eldersServed: 0,
        childrenServed: 0,
        remittanceDueFen: 0,
        remittanceReceivedFen: 0,
        ...noService,
        notes: null,
      },
      fate: 'approved',
      submitDay: rng.int(3, 9),
    };
  });
  return {
    ref: venture(DEMO_IDS.dukou, DEMO_IDS.microPark, userId('dukou@dongqu.demo')),
    name: '汽车产业微创园',
    shareholdings: DUKOU_SHARES,
    communitySlug: 'dukou',
    plans,
  };
}

function helpDesk(rng: Rng): StoryVenture {
  const plans = monthRange(FIRST_MONTH, LAST_MONTH).map((month): ReportPlan => {
    const transactions = rng.int(90, 160);
    return {
      month,
      figures: {
        revenueFen: yuan(rng.int(1_500, 3_500)),
        operatingCostFen: yuan(rng.int(4_500, 6_000)),
        stableJobs: 2,
        temporaryJobs: 0,
        residentsServed: rng.int(60, 120),
        serviceTransactions: transactions,
        eldersServed: rng.int(5, 20),
        childrenServed: 0,
        remittanceDueFen: 0,
        remittanceReceivedFen: 0,
        ...noService,
        notes: month === '2025-05' ? '为二手车商对接记账公司，代办营业执照变更 12 件' : null,
      },
      fate: month === LAST_MONTH ? 'returned' : 'approved',
      submitDay: month === '2025-07' ? 18 : month === '2026-04' ? 13 : rng.int(2, 9),
      returnComment: month === LAST_MONTH ? '帮办服务台账附件缺失，请补充后重新报送' : null,
    };
  });
  return {
    ref: venture(DEMO_IDS.dukou, DEMO_IDS.helpDesk, userId('dukou@dongqu.demo')),
    name: '帮办服务站',
    shareholdings: DUKOU_SHARES,
    communitySlug: 'dukou',
    plans,
  };
}

function venture(communityId: string, ventureId: string, submitterId: string): VentureRef {
  return { districtId: D, communityId, ventureId, submitterId, reviewerId: ADMIN };
}

function meeting(
  on: LocalDate,
  eligible: number,
  attendance: number,
  votes: [number, number, number],
  minutes: string,
) {
  const [votesFor, votesAgainst, votesAbstain] = votes;
  return { on, eligible, attendance, votesFor, votesAgainst, votesAbstain, minutes };
}

function storyProposals(): ProposalSpec[] {
  const wjj = STORY_FUND_IDS.wangjiangjie;
  const jh = STORY_FUND_IDS.jinhui;
  const dk = STORY_FUND_IDS.dukou;
  const base = { districtId: D };
  const byWjj = {
    ...base,
    communityId: DEMO_IDS.wangjiangjie,
    createdBy: userId('wangjiangjie@dongqu.demo'),
  };
  const byJh = { ...base, communityId: DEMO_IDS.jinhui, createdBy: userId('jinhui@dongqu.demo') };
  const byDk = { ...base, communityId: DEMO_IDS.dukou, createdBy: userId('dukou@dongqu.demo') };
  return [
    {
      ...byWjj,
      key: 'wangjiangjie:picture-book-corner',
      useCategory: 'culture_sports',
      fundId: wjj.governance_special,
      title: '拾光书屋儿童绘本角改造',
      purpose: '为社区儿童增设绘本角和亲子阅读桌椅，"一小"服务',
      amountFen: yuan(12_000),
      status: 'closed',
      createdOn: '2025-06-10',
      meeting: meeting('2025-06-25', 45, 38, [34, 2, 2], '居民代表共议，同意从社区治理专项资金列支'),
      disclosureStartsOn: '2025-06-27',
      paidOn: '2025-07-20',
    },
    {
      ...byWjj,
      key: 'wangjiangjie:station-tools',
      useCategory: 'convenience_services',
      fundId: wjj.governance_special,
      title: '"老王 + 服务驿站"维修工具与耗材补充',
      purpose: '补充灯泡、管道疏通机等工具耗材，保障 10 分钟上门承诺',
      amountFen: yuan(6_000),
      status: 'paid_out',
      createdOn: '2026-02-12',
      meeting: meeting('2026-02-26', 45, 36, [33, 1, 2], '居民一致认可驿站服务，同意补充工具耗材'),
      disclosureStartsOn: '2026-02-28',
      paidOn: '2026-03-18',
    },
    {
      // "望江街社区正计划引入'长者食堂'项目，实现'一老一小'服务闭环"
      ...byWjj,
      key: 'wangjiangjie:elderly-canteen',
      useCategory: 'elderly_care',
      fundId: wjj.governance_special,
      title: '长者食堂(一期)用房改造与厨房设备购置',
      purpose: '引入长者食堂项目，为辖区老人提供助餐服务，与拾光书屋形成"一老一小"服务闭环',
      amountFen: yuan(36_000),
      status: 'approved',
      createdOn: '2026-10-28',
      meeting: meeting(
        '2026-11-20',
        60,
        49,
        [43, 2, 4],
        '居民议事会共议长者食堂选址、价格(公益 + 低偿)与运营方式，表决通过，待公示',
      ),
    },
    {
      ...byJh,
      key: 'jinhui:market-rails',
      useCategory: 'public_facilities',
      fundId: jh.governance_special,
      title: '潮汐市场周边护栏与引导标识',
      purpose: '金域阳光小区出入口增设护栏、人车分流标识，解决摊贩占道、车辆混行',
      amountFen: yuan(40_000),
      status: 'closed',
      createdOn: '2025-10-20',
      // recorded on paper at the market's site office; the scan is kept in the community's archive
      meeting: {
        ...meeting('2025-11-05', 50, 41, [37, 2, 2], '居民代表与商户代表共议，同意列支'),
        minutesFileName: '金汇社区居民议事会会议记录-20251105.pdf',
      },
      disclosureStartsOn: '2025-11-07',
      paidOn: '2025-11-25',
      closeResult: '护栏 120 米、引导标识 16 块已安装验收，早晚市人车分流，占道投诉明显减少',
    },
    {
      ...byJh,
      key: 'jinhui:elderly-services',
      useCategory: 'elderly_care',
      fundId: jh.governance_special,
      title: '金汇社区公益理发与助老服务',
      purpose: '潮汐市场收益反哺公益服务：每月两次公益理发、助老陪诊',
      amountFen: yuan(30_000),
      status: 'paid_out',
      createdOn: '2026-04-15',
      meeting: meeting('2026-04-28', 50, 39, [35, 1, 3], '同意从社区治理专项资金列支'),
      disclosureStartsOn: '2026-04-30',
      paidOn: '2026-05-20',
    },
    {
      ...byJh,
      key: 'jinhui:stairwell-lighting',
      useCategory: 'public_facilities',
      fundId: jh.governance_special,
      title: '老旧小区楼道照明改造',
      purpose: '金域阳光小区 6 个单元楼道感应灯改造',
      amountFen: yuan(50_000),
      status: 'disclosure',
      createdOn: '2026-10-30',
      meeting: meeting('2026-11-18', 50, 42, [39, 1, 2], '表决通过，进入公示'),
      disclosureStartsOn: '2026-11-24',
    },
    {
      ...byDk,
      key: 'dukou:rehab-room',
      useCategory: 'elderly_care',
      fundId: dk.charity_common_prosperity,
      title: '老人康养理疗室设备购置',
      purpose: '慈善共富基金列支，为社区老人提供康养理疗',
      amountFen: yuan(45_000),
      status: 'closed',
      createdOn: '2025-09-10',
      meeting: meeting('2025-09-24', 55, 44, [40, 2, 2], '企业代表与居民代表共议，同意列支'),
      disclosureStartsOn: '2025-09-26',
      paidOn: '2025-10-15',
      closeResult: '理疗床、艾灸与康复训练器材已购置到位，康养理疗室每周开放五天',
    },
    {
      ...byDk,
      key: 'dukou:childcare-space',
      useCategory: 'child_care',
      fundId: dk.charity_common_prosperity,
      title: '托育空间改造与玩具软装',
      purpose: '为双职工家庭的孩子提供托育空间',
      amountFen: yuan(30_000),
      status: 'paid_out',
      createdOn: '2026-06-05',
      meeting: meeting('2026-06-19', 55, 43, [41, 0, 2], '同意从慈善共富基金列支'),
      disclosureStartsOn: '2026-06-22',
      paidOn: '2026-07-10',
    },
    {
      ...byDk,
      key: 'dukou:square-fitness',
      useCategory: 'culture_sports',
      fundId: dk.governance_special,
      title: '共富广场健身器材与照明',
      purpose: '"口袋公园"变身"共富广场"后的健身器材与夜间照明',
      amountFen: yuan(80_000),
      status: 'closed',
      createdOn: '2026-01-08',
      meeting: meeting('2026-01-20', 55, 46, [42, 1, 3], '同意从社区治理专项资金列支'),
      disclosureStartsOn: '2026-01-22',
      paidOn: '2026-02-10',
    },
  ];
}

interface PledgeSpec {
  key: string;
  partnerId: string;
  kind: 'cash' | 'in_kind' | 'service' | 'infrastructure';
  description: string;
  amountFen: number;
  dueOn: LocalDate;
  createdOn: LocalDate;
  fulfilments: Array<{ on: LocalDate; valueFen: number; description: string }>;
}

/** "引导企业反哺社区，设立慈善共富基金、参与公益项目、共建基础设施" */
function dukouPledges(): PledgeSpec[] {
  return [
    {
      key: 'dukou:shunda-cash',
      partnerId: DEMO_IDS.dukouShunda,
      kind: 'cash',
      description: '出资设立慈善共富基金(2025 年度)',
      amountFen: yuan(100_000),
      dueOn: '2025-12-31',
      createdOn: '2025-02-20',
      fulfilments: [
        { on: '2025-03-12', valueFen: yuan(50_000), description: '首期捐赠' },
        { on: '2025-11-20', valueFen: yuan(50_000), description: '二期捐赠' },
      ],
    },
    {
      key: 'dukou:parts-city-cash',
      partnerId: DEMO_IDS.dukouPartsCity,
      kind: 'cash',
      description: '捐赠慈善共富基金，支持托育空间建设',
      amountFen: yuan(60_000),
      dueOn: '2026-06-30',
      createdOn: '2026-01-15',
      fulfilments: [{ on: '2026-05-20', valueFen: yuan(60_000), description: '一次性捐赠' }],
    },
    {
      // overdue: the due date has passed and 12,000 yuan are still outstanding
      key: 'dukou:used-cars-cash',
      partnerId: DEMO_IDS.dukouUsedCars,
      kind: 'cash',
      description: '捐赠慈善共富基金(社区帮办记账服务的回馈)',
      amountFen: yuan(20_000),
      dueOn: '2026-09-30',
      createdOn: '2026-03-01',
      fulfilments: [{ on: '2026-04-10', valueFen: yuan(8_000), description: '部分捐赠' }],
    },
    {
      key: 'dukou:shunda-square',
      partnerId: DEMO_IDS.dukouShunda,
      kind: 'infrastructure',
      description: '共建共富广场(口袋公园改造)',
      amountFen: yuan(150_000),
      dueOn: '2025-09-30',
      createdOn: '2025-04-10',
      fulfilments: [{ on: '2025-09-26', valueFen: yuan(150_000), description: '广场改造完工移交' }],
    },
    {
      key: 'dukou:repair-checks',
      partnerId: DEMO_IDS.dukouRepair,
      kind: 'service',
      description: '每季度为社区老人免费提供车辆安全检测',
      amountFen: yuan(12_000),
      dueOn: '2026-12-31',
      createdOn: '2026-01-10',
      fulfilments: [
        { on: '2026-03-28', valueFen: yuan(3_000), description: '一季度免费检测' },
        { on: '2026-06-27', valueFen: yuan(3_000), description: '二季度免费检测' },
        { on: '2026-09-26', valueFen: yuan(3_000), description: '三季度免费检测' },
      ],
    },
  ];
}

/** The story communities' funds, rules, reports, proposals, pledges and ledger. */
export async function seedStoryHistory(
  trx: ScopedTransaction,
): Promise<{ reports: number; entries: number }> {
  const rng = new Rng(20_250_917); // the issue date of the source page
  const communities = {
    wangjiangjie: DEMO_IDS.wangjiangjie,
    jinhui: DEMO_IDS.jinhui,
    dukou: DEMO_IDS.dukou,
  } as const;

  // the planned elderly canteen: registered, not yet operating
  await trx
    .insertInto('ventures')
    .values({
      district_id: D,
      community_id: DEMO_IDS.wangjiangjie,
      venture_id: DEMO_IDS.elderlyCanteen,
      name: '望江街长者食堂',
      category: 'elderly_canteen',
      operator_partner_id: null,
      price_tier: 'low_price',
      premises_asset_id: id('asset:wangjiangjie-canteen-premises'),
      status: 'planned',
      created_at: shanghai('2026-10-28', 10),
    })
    .execute();

  const funds: Insertable<Database['funds']>[] = [];
  for (const [slug, kinds] of Object.entries(STORY_FUND_IDS) as [
    keyof typeof STORY_FUND_IDS,
    Record<string, string>,
  ][]) {
    for (const [kind, fundId] of Object.entries(kinds) as [FundKind, string][]) {
      funds.push({
        district_id: D,
        community_id: communities[slug],
        fund_id: fundId,
        kind,
        name: FUND_NAMES[kind],
        purpose: FUND_PURPOSES[kind],
        created_at: shanghai(slug === 'jinhui' ? '2025-05-20' : '2022-01-05', 10),
      });
    }
  }
  await insertMany(trx, 'funds', funds);

  const ruleSpecs = { wangjiangjie: [WANGJIANGJIE_RULE], jinhui: JINHUI_RULES, dukou: DUKOU_RULES };
  // the district reports on the platform from FIRST_MONTH: Wangjiangjie's and Dukou's first rules predate it
  const setter = { userId: ADMIN, onPlatformFrom: FIRST_MONTH };
  await insertMany(trx, 'distribution_rules', [
    ...ruleRows(D, DEMO_IDS.wangjiangjie, ruleSpecs.wangjiangjie, setter),
    ...ruleRows(D, DEMO_IDS.jinhui, ruleSpecs.jinhui, setter),
    ...ruleRows(D, DEMO_IDS.dukou, ruleSpecs.dukou, setter),
  ]);

  const ventures = [
    tidalMarket(rng.fork('tidal-market')),
    readingRoom(rng.fork('reading-room')),
    serviceStation(rng.fork('service-station')),
    microPark(rng.fork('micro-park')),
    helpDesk(rng.fork('help-desk')),
  ];
  const reports: Insertable<Database['monthly_reports']>[] = [];
  const events: Insertable<Database['report_events']>[] = [];
  const money: MoneyEvent[] = [];
  for (const v of ventures) {
    const vrng = rng.fork(`reports:${v.ref.ventureId}`);
    const rules = domainRules(v.ref.communityId, ruleSpecs[v.communitySlug]);
    for (const plan of v.plans) {
      const made = materializeReport(v.ref, plan, vrng);
      if (made.report) reports.push(made.report);
      events.push(...made.events);
      if (made.approval) money.push(...allocationEvents(made.approval, v, rules));
    }
  }
  await insertMany(trx, 'monthly_reports', withPlausibilityFlags(reports));
  await insertMany(trx, 'report_events', events);

  const proposals = storyProposals();
  await insertMany(trx, 'proposals', proposals.map(proposalRow));
  for (const p of proposals) {
    const payout = payoutEvent(p);
    if (payout) money.push(payout);
  }

  const pledges = dukouPledges();
  const charity = STORY_FUND_IDS.dukou.charity_common_prosperity;
  await insertMany(
    trx,
    'pledges',
    pledges.map((p) => {
      const fulfilled = p.fulfilments.reduce((sum, f) => sum + f.valueFen, 0);
      return {
        district_id: D,
        community_id: DEMO_IDS.dukou,
        pledge_id: id(`pledge:${p.key}`),
        partner_id: p.partnerId,
        kind: p.kind,
        description: p.description,
        amount_fen: p.amountFen,
        due_on: p.dueOn,
        fund_id: p.kind === 'cash' ? charity : null,
        status: fulfilled >= p.amountFen ? 'fulfilled' : 'open',
        version: 1 + p.fulfilments.length,
        created_at: shanghai(p.createdOn, 10),
      };
    }),
  );
  const fulfilments = pledges.flatMap((p) =>
    p.fulfilments.map((f, n) => ({ pledge: p, f, fulfilmentId: id(`pledge-fulfilment:${p.key}:${n + 1}`) })),
  );
  for (const { pledge, f, fulfilmentId } of fulfilments) {
    if (pledge.kind !== 'cash') continue;
    money.push({
      at: shanghai(f.on, 11),
      districtId: D,
      communityId: DEMO_IDS.dukou,
      fundId: charity,
      kind: 'donation',
      amountFen: f.valueFen,
      month: f.on.slice(0, 7) as Month,
      sourceType: 'pledge_fulfilment',
      sourceId: fulfilmentId,
      postingKey: `pledge-fulfilment:${fulfilmentId}`,
      memo: `${pledge.description}：${f.description}`,
      createdBy: userId('dukou@dongqu.demo'),
    });
  }

  // post in the order things happened, so no payout ever finds the fund short, each entry booked at the moment it
  // happened (an approval's postings when it was approved, a payout on its payout date, a donation on its day) —
  // not the seed's run, which would put two years of entries on one day. Within a fund no two entries share an
  // instant, so the ledger's booking order (time, then id) is the order they were posted in
  const entryIds = new Map<string, string>();
  const lastBooked = new Map<string, number>();
  for (const m of money.sort(byTime)) {
    const bookedAt = Math.max(Date.parse(m.at), (lastBooked.get(m.fundId) ?? 0) + 1_000);
    lastBooked.set(m.fundId, bookedAt);
    const posted = await postLedgerEntry(trx, {
      districtId: m.districtId,
      communityId: m.communityId,
      fundId: m.fundId,
      kind: m.kind,
      direction: directionOf(m.kind),
      amountFen: m.amountFen,
      month: m.month,
      sourceType: m.sourceType,
      sourceId: m.sourceId,
      postingKey: m.postingKey,
      proposalId: m.proposalId ?? null,
      memo: m.memo ?? null,
      paidOn: m.paidOn ?? null,
      createdBy: m.createdBy,
      replay: { entryId: id(`ledger:${m.postingKey}`), bookedAt: new Date(bookedAt).toISOString() },
    });
    if (!posted.posted) throw new Error(`story posting ${m.postingKey} refused: ${posted.reason}`);
    entryIds.set(m.postingKey, posted.entryId);
  }

  await insertMany(
    trx,
    'pledge_fulfilments',
    fulfilments.map(({ pledge, f, fulfilmentId }) => ({
      district_id: D,
      community_id: DEMO_IDS.dukou,
      fulfilment_id: fulfilmentId,
      pledge_id: id(`pledge:${pledge.key}`),
      partner_id: pledge.partnerId,
      value_fen: f.valueFen,
      fulfilled_on: f.on,
      description: f.description,
      ledger_entry_id: entryIds.get(`pledge-fulfilment:${fulfilmentId}`) ?? null,
      created_at: shanghai(f.on, 11),
    })),
  );
  return { reports: reports.length, entries: money.length };
}

function allocationEvents(
  approval: Approval,
  v: StoryVenture,
  rules: ReturnType<typeof domainRules>,
): MoneyEvent[] {
  const fundsOf = STORY_FUND_IDS[v.communitySlug] as Partial<Record<FundKind, string>>;
  return approvalPostings(approval, v.shareholdings, rules).map((posting) => {
    const fundId = fundsOf[posting.fundKind];
    if (!fundId) throw new Error(`no ${posting.fundKind} fund in ${v.communitySlug}`);
    return {
      at: approval.approvedAt,
      districtId: D,
      communityId: v.ref.communityId,
      fundId,
      kind: 'allocation',
      amountFen: posting.amountFen,
      month: approval.month,
      sourceType: 'monthly_report',
      sourceId: approval.reportId,
      postingKey: posting.postingKey,
      memo: `${v.name} ${approval.month}`,
      createdBy: approval.reviewerId,
    };
  });
}

/** For tests and the README: the months the story reports cover. */
export const STORY_MONTHS = { first: FIRST_MONTH, last: LAST_MONTH, tidalMarketFrom: '2025-06' as Month };
