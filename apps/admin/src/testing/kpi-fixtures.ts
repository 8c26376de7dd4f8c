/**
 * KPI answers as the API gives them, for the demo-like district of `fixtures.ts`. Definitions are the
 * domain's own (the API returns exactly these); figures are taken from the demo district's October 2026.
 * `kpi-fixtures.test.ts` checks every fixture against the contract's zod schemas, so they cannot drift.
 */
import type {
  FundFlow,
  KpiFigure,
  KpiKey,
  KpiMix,
  KpiOverview,
  KpiRanking,
  KpiSeries,
  PeriodInfo,
  ReportingMatrix,
  ReportingState,
} from '@gongfu/contract';
import {
  KPI_DEFINITIONS,
  KPI_KEYS,
  type Month,
  monthRange,
  OPERATING_MODEL_LABELS,
  type Period,
  type PeriodKind,
  PRICE_TIER_LABELS,
  periodContaining,
  periodKey,
  periodLabel,
  previousPeriod,
  samePeriodLastYear,
} from '@gongfu/domain';
import { DUKOU, JINHUI, STREET_OFFICE_ID, WANGJIANGJIE } from './fixtures';

export function periodInfo(kind: PeriodKind, month: string): PeriodInfo {
  return infoOf(periodContaining(kind, month as Month));
}

function infoOf(p: Period): PeriodInfo {
  return {
    kind: p.kind,
    key: periodKey(p),
    from: p.from,
    to: p.to,
    label: { 'zh-CN': periodLabel(p, 'zh-CN'), en: periodLabel(p, 'en') },
  };
}

const amount = (value: number): KpiFigure => ({ value, numerator: value, denominator: null });
const ratio = (numerator: number, denominator: number): KpiFigure => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});

/** current, previous period, same period last year */
type Figures = [KpiFigure, KpiFigure, KpiFigure];

const OCTOBER_2026: Record<KpiKey, Figures> = {
  operating_revenue: [amount(140_891_800), amount(274_904_200), amount(248_382_900)],
  net_profit: [amount(33_573_100), amount(59_630_000), amount(59_007_500)],
  community_income: [amount(31_670_179), amount(62_861_324), amount(62_430_857)],
  stable_jobs: [amount(195), amount(358), amount(334)],
  residents_served: [amount(13_508), amount(35_489), amount(34_902)],
  governance_fund_allocation_rate: [
    ratio(12_442_773, 31_670_179),
    ratio(26_400_955, 62_861_324),
    ratio(26_008_573, 62_430_857),
  ],
  reinvestment: [amount(0), amount(0), amount(4_500_000)],
  reinvestment_rate: [ratio(0, 31_670_179), ratio(0, 62_861_324), ratio(4_500_000, 62_430_857)],
  fund_balance: [amount(1_307_376_843), amount(1_275_062_139), amount(671_956_102)],
  fund_idle_ratio: [
    ratio(1_307_376_843, 765_820_741),
    ratio(1_275_062_139, 797_333_924),
    ratio(671_956_102, 723_856_102),
  ],
  deliberation_coverage: [ratio(0, 0), ratio(0, 0), ratio(4_500_000, 4_500_000)],
  service_response_rate: [ratio(272, 280), ratio(319, 328), ratio(351, 374)],
  public_welfare_share: [ratio(22_117, 55_955), ratio(41_552, 126_890), ratio(39_725, 117_719)],
  give_back: [amount(500_000), amount(300_000), amount(0)],
  give_back_cash: [amount(300_000), amount(300_000), amount(0)],
  give_back_in_kind: [amount(200_000), amount(0), amount(0)],
  give_back_fulfilment_rate: [ratio(0, 0), ratio(800_000, 2_000_000), ratio(0, 0)],
  reporting_rate: [ratio(63, 74), ratio(74, 74), ratio(70, 70)],
  on_time_rate: [ratio(57, 74), ratio(67, 74), ratio(60, 70)],
  communities_with_income_rate: [ratio(25, 36), ratio(33, 36), ratio(32, 36)],
};

/**
 * The overview for a period. `scale` multiplies amounts and counts (another period, other figures);
 * `unavailable` marks KPIs the API cannot compute in the scope, with its reason.
 */
export function kpiOverview(
  kind: PeriodKind = 'month',
  month = '2026-10',
  options: { scale?: number; unavailable?: Partial<Record<KpiKey, string>> } = {},
): KpiOverview {
  const scale = options.scale ?? 1;
  const scaled = (f: KpiFigure): KpiFigure =>
    f.denominator === null ? amount(Math.round(f.numerator * scale)) : f;
  const current = periodContaining(kind, month as Month);
  const through = current.to < DATA_DATE ? current.to : DATA_DATE;
  return {
    period: infoOf(current),
    dataDate: DATA_DATE,
    through,
    running: current.to > DATA_DATE,
    nothingDue: current.from > DATA_DATE,
    previousPeriod: infoOf(previousPeriod(current)),
    samePeriodLastYear: infoOf(samePeriodLastYear(current)),
    items: KPI_KEYS.map((key) => {
      const reason = options.unavailable?.[key];
      const [now, before, lastYear] = OCTOBER_2026[key];
      return {
        key,
        definition: KPI_DEFINITIONS[key],
        available: !reason,
        unavailableReason: reason ? { code: 'outside_partner_scope', message: reason } : null,
        current: reason ? null : scaled(now),
        previous: reason ? null : scaled(before),
        samePeriodLastYear: reason ? null : scaled(lastYear),
        target: null,
      };
    }),
  };
}

/** The fixtures' data date (数据截至): the last month whose reports are due. */
export const DATA_DATE = '2026-10';

export const SERIES_MONTHS = monthRange('2025-11', '2026-10');

const REVENUE_BY_MONTH = [
  233_358_800, 256_318_900, 239_817_100, 241_662_500, 262_035_400, 250_194_700, 268_301_600, 259_973_200,
  263_412_800, 271_005_900, 274_904_200, 140_891_800,
];

export function kpiSeries(
  kpi: KpiKey = 'operating_revenue',
  groupBy: 'district' | 'street_office' = 'district',
): KpiSeries {
  const values = REVENUE_BY_MONTH.map((v) => (kpi === 'operating_revenue' ? v : Math.round(v / 4)));
  const series =
    groupBy === 'district'
      ? [{ key: 'all', label: { 'zh-CN': '全区', en: 'District' }, share: 1 }]
      : [
          { key: STREET_OFFICE_ID, label: { 'zh-CN': '炳草岗街道', en: '炳草岗街道' }, share: 0.6 },
          {
            key: '22222222-2222-4222-8222-000000000002',
            label: { 'zh-CN': '大渡口街道', en: '大渡口街道' },
            share: 0.4,
          },
        ];
  return {
    kpi: KPI_DEFINITIONS[kpi],
    dataDate: DATA_DATE,
    available: true,
    unavailableReason: null,
    groupBy,
    months: SERIES_MONTHS,
    series: series.map(({ key, label, share }) => ({
      key,
      label,
      points: SERIES_MONTHS.map((month, i) => ({ month, ...amount(Math.round((values[i] ?? 0) * share)) })),
      goals: [],
    })),
  };
}

/** A series whose every point is 0 ÷ 0: nothing to draw. */
export function emptyRatioSeries(): KpiSeries {
  return {
    kpi: KPI_DEFINITIONS.deliberation_coverage,
    dataDate: DATA_DATE,
    available: true,
    unavailableReason: null,
    groupBy: 'district',
    months: SERIES_MONTHS,
    series: [
      {
        key: 'all',
        label: { 'zh-CN': '全区', en: 'District' },
        points: SERIES_MONTHS.map((month) => ({ month, ...ratio(0, 0) })),
        goals: [],
      },
    ],
  };
}

export const CHENGXI_ID = '33333333-3333-4333-8333-000000000004';

export function kpiRanking(kind: PeriodKind = 'month', month = '2026-10'): KpiRanking {
  const office = { streetOfficeId: STREET_OFFICE_ID, streetOfficeName: '炳草岗街道', target: null };
  return {
    kpi: KPI_DEFINITIONS.operating_revenue,
    period: periodInfo(kind, month),
    dataDate: DATA_DATE,
    through: periodContaining(kind, month as Month).to,
    nothingDue: false,
    available: true,
    unavailableReason: null,
    items: [
      { rank: 1, communityId: JINHUI.id, communityName: JINHUI.name, ...office, ...amount(15_310_900) },
      {
        rank: 2,
        communityId: WANGJIANGJIE.id,
        communityName: WANGJIANGJIE.name,
        ...office,
        ...amount(6_547_200),
      },
      { rank: 3, communityId: DUKOU.id, communityName: DUKOU.name, ...office, ...amount(2_900_600) },
      {
        rank: 4,
        communityId: CHENGXI_ID,
        communityName: '城西社区',
        streetOfficeId: null,
        streetOfficeName: null,
        target: null,
        ...amount(0),
      },
    ],
    judged: true,
    median: (6_547_200 + 2_900_600) / 2,
    total: amount(15_310_900 + 6_547_200 + 2_900_600),
  };
}

/**
 * One more community for a ranking, beyond kpiRanking()'s four: ranked `rank` with a figure of 0, named 社区<n>
 * (n = rank unless it ties with another), without a street office.
 */
export function rankedAtZero(rank: number, n = rank): KpiRanking['items'][number] {
  return {
    rank,
    communityId: `33333333-3333-4333-8333-0000000001${String(n).padStart(2, '0')}`,
    communityName: `社区${n}`,
    streetOfficeId: null,
    streetOfficeName: null,
    target: null,
    value: 0,
    numerator: 0,
    denominator: null,
  };
}

type Cell = ReportingMatrix['cells'][number];

function cell(
  communityId: string,
  month: string,
  state: ReportingState,
  ventures = 2,
  awaitingReview = 0,
): Cell {
  const counts = { onTime: 0, late: 0, missing: 0, returned: 0, notDue: 0 };
  if (state === 'on_time') counts.onTime = ventures;
  if (state === 'late') counts.late = ventures;
  if (state === 'missing') counts.missing = ventures;
  if (state === 'returned') counts.returned = ventures;
  if (state === 'not_due') counts.notDue = ventures;
  const expected = counts.onTime + counts.late + counts.missing + counts.returned;
  const received = counts.onTime + counts.late + counts.returned;
  return {
    communityId,
    month,
    state,
    expected,
    received,
    receivedOnTime: counts.onTime + (state === 'returned' ? ventures : 0),
    // a returned report is not approved; of the others, some may still await review
    approved: counts.onTime + counts.late - awaitingReview,
    wasReturned: counts.returned,
    ...counts,
  };
}

/** The same months with every due report approved: a period whose review is complete. */
export function approvedReportingMatrix(from?: string, to?: string): ReportingMatrix {
  const matrix = reportingMatrix(from, to);
  return { ...matrix, cells: matrix.cells.map((c) => ({ ...c, approved: c.expected })) };
}

export function reportingMatrix(from = '2025-11', to = '2026-10'): ReportingMatrix {
  const months = monthRange(from as Month, to as Month);
  const last = months.at(-1) ?? to;
  const communities = [WANGJIANGJIE, JINHUI, DUKOU];
  const stateOf = (communityId: string, month: string, index: number): ReportingState => {
    if (month === last) {
      if (communityId === JINHUI.id) return 'missing';
      if (communityId === DUKOU.id) return 'returned';
      return 'on_time';
    }
    return index % 5 === 2 && communityId === WANGJIANGJIE.id ? 'late' : 'on_time';
  };
  return {
    from,
    to,
    dataDate: DATA_DATE,
    dueDay: 10,
    months,
    communities: communities.map((c) => ({ communityId: c.id, name: c.name })),
    // the last month: one of Wangjiangjie's two reports still awaits review
    cells: communities.flatMap((c) =>
      months.map((m, i) =>
        cell(c.id, m, stateOf(c.id, m, i), 2, m === last && c.id === WANGJIANGJIE.id ? 1 : 0),
      ),
    ),
  };
}

export function fundFlow(kind: PeriodKind = 'month', month = '2026-10'): FundFlow {
  const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
  return {
    period: periodInfo(kind, month),
    dataDate: DATA_DATE,
    through: periodContaining(kind, month as Month).to,
    available: true,
    unavailableReason: null,
    nodes: [
      { name: 'source:donation', kind: 'source', label: label('捐赠', 'Donations') },
      {
        name: 'source:profit:tidal_market',
        kind: 'source',
        label: label('经营利润·潮汐市场', 'Operating profit · Tidal (time-slot) market'),
      },
      {
        name: 'fund:charity_common_prosperity',
        kind: 'fund',
        label: label('慈善共富基金', 'Charity common-prosperity fund'),
      },
      {
        name: 'fund:governance_special',
        kind: 'fund',
        label: label('社区治理专项资金', 'Community-governance special fund'),
      },
      // a fund money went into and nothing came out of: still a fund, not an end point
      { name: 'fund:reserve', kind: 'fund', label: label('公积金（储备）', 'Reserve fund') },
      // uses are proposals, under their use category (a payout naming no proposal: 'unlinked')
      { name: 'category:elderly_care', kind: 'category', label: label('为老服务', 'Elderly care') },
      {
        name: 'category:unlinked',
        kind: 'category',
        label: label('未关联议事项目', 'Not linked to a proposal'),
      },
      {
        name: 'use:proposal:77777777-7777-4777-8777-000000000003',
        kind: 'use',
        label: label('助老餐补贴（望江街社区）', '助老餐补贴（望江街社区）'),
      },
      { name: 'use:unlinked', kind: 'use', label: label('未关联议事项目', 'Not linked to a proposal') },
    ],
    links: [
      {
        source: 'category:elderly_care',
        target: 'use:proposal:77777777-7777-4777-8777-000000000003',
        value: 14_000_000,
      },
      { source: 'category:unlinked', target: 'use:unlinked', value: 300_000 },
      { source: 'fund:charity_common_prosperity', target: 'category:unlinked', value: 300_000 },
      { source: 'fund:governance_special', target: 'category:elderly_care', value: 14_000_000 },
      { source: 'source:donation', target: 'fund:charity_common_prosperity', value: 2_000_000 },
      { source: 'source:profit:tidal_market', target: 'fund:governance_special', value: 24_000_000 },
      { source: 'source:profit:tidal_market', target: 'fund:reserve', value: 2_000_000 },
    ],
    inflowFen: 28_000_000,
    outflowFen: 14_300_000,
  };
}

export function emptyFundFlow(kind: PeriodKind = 'month', month = '2026-10'): FundFlow {
  return { ...fundFlow(kind, month), nodes: [], links: [], inflowFen: 0, outflowFen: 0 };
}

export function kpiMix(kind: PeriodKind = 'month', month = '2026-10'): KpiMix {
  const share = (numerator: number, denominator: number) => ratio(numerator, denominator);
  const bucket = (
    key: string,
    label: { 'zh-CN': string; en: string },
    ventures: number,
    revenueFen: number,
    serviceTransactions: number,
  ) => ({
    key,
    label: { ...label },
    ventures,
    revenueFen,
    netProfitFen: Math.round(revenueFen / 4),
    serviceTransactions,
    residentsServed: Math.round(serviceTransactions / 5),
    revenueShare: share(revenueFen, 140_891_800),
    transactionShare: share(serviceTransactions, 55_955),
  });
  return {
    period: periodInfo(kind, month),
    dataDate: DATA_DATE,
    through: periodContaining(kind, month as Month).to,
    operatingModels: [
      bucket(
        'collective_self_operated',
        OPERATING_MODEL_LABELS.collective_self_operated,
        19,
        101_413_900,
        47_800,
      ),
      bucket(
        'site_equity_professional_operation',
        OPERATING_MODEL_LABELS.site_equity_professional_operation,
        8,
        39_477_900,
        8_155,
      ),
    ],
    priceTiers: [
      bucket('market', PRICE_TIER_LABELS.market, 8, 100_891_800, 33_838),
      bucket('low_price', PRICE_TIER_LABELS.low_price, 10, 30_000_000, 10_117),
      bucket('public_welfare', PRICE_TIER_LABELS.public_welfare, 9, 10_000_000, 12_000),
    ],
  };
}
