import {
  type KpiDefinition as DomainKpiDefinition,
  KPI_AGGREGATIONS,
  KPI_DIRECTIONS,
  KPI_KEYS,
  KPI_LEVELS,
  KPI_TARGET_KINDS,
  KPI_UNITS,
  PERIOD_KINDS,
  VENTURE_CATEGORIES,
} from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from './common';

/**
 * District KPIs (区级指标): overview, series, ranking, reporting matrix, fund flow and mix. Every figure
 * comes with its definition (name, unit, formula, direction), so a client never re-implements one.
 * Ratios carry their numerator and denominator (recomputed from sums, never averaged ratios);
 * amounts are integer fen.
 */

export const KPI_GROUP_BYS = [
  'district',
  'street_office',
  'community',
  'operating_model',
  'venture_category',
] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BYS)[number];

/** The KPI keys, units, directions and definitions are the domain's: written once, in packages/domain. */
export { KPI_AGGREGATIONS, KPI_DIRECTIONS, KPI_KEYS, KPI_UNITS, type KpiKey } from '@gongfu/domain';
export const KPI_UNAVAILABLE_REASONS = ['not_attributable_to_venture', 'outside_partner_scope'] as const;
export const REPORTING_STATES = ['on_time', 'late', 'missing', 'returned', 'not_due', 'none'] as const;
export type ReportingState = (typeof REPORTING_STATES)[number];

const MONTH = /^[12]\d{3}-(0[1-9]|1[0-2])$/;
const month = () => z.string().regex(MONTH).openapi({ example: '2025-06', description: 'YYYY-MM' });

/** 数据截至: the last month whose reports are due (the domain's kpiDataDate), on every KPI answer. */
const dataDate = () =>
  z.string().openapi({
    example: '2026-10',
    description:
      '数据截至 / data date: the last month whose reports are due (its deadline has passed); months after it are still being reported',
  });
/** The month the figures run through: the period's end, or the data date for a running period. */
const through = () =>
  z.string().openapi({
    example: '2026-10',
    description:
      "The month the figures run through: the period's last month, or the data date when the period is still running",
  });

export const LocalizedText = z.object({ 'zh-CN': z.string(), en: z.string() }).openapi('LocalizedText');

/** The schema of the domain's `KpiDefinition`, as the API returns it. */
export const KpiDefinition = z
  .object({
    key: z.enum(KPI_KEYS),
    name: LocalizedText,
    unit: z.enum(KPI_UNITS),
    /** for a ratio: what its numerator and denominator count */
    numeratorUnit: z.enum(KPI_UNITS),
    denominatorUnit: z.enum(KPI_UNITS).nullable(),
    formula: LocalizedText.openapi({ description: '统计口径 / how the figure is computed' }),
    direction: z.enum(KPI_DIRECTIONS),
    aggregation: z.enum(KPI_AGGREGATIONS),
    /** a target the district aims for (deliberation coverage: 1 = 100 %), when there is one */
    target: z.number().nullable(),
    /** community-level KPIs come from funds and pledges and cannot be split by venture */
    level: z.enum(KPI_LEVELS),
  })
  .openapi('KpiDefinition');
export type KpiDefinition = DomainKpiDefinition;

// the schema describes exactly the domain's definition (a compile error otherwise)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const SCHEMA_MATCHES_DOMAIN: Same<z.infer<typeof KpiDefinition>, DomainKpiDefinition> = true;
void SCHEMA_MATCHES_DOMAIN;

export const KpiFigure = z
  .object({
    /** amounts and counts: the sum; ratios: numerator ÷ denominator, null when the denominator is 0 or
     *  negative (a rate over a loss is not a rate: the domain's `ratioValue`) */
    value: z.number().nullable(),
    numerator: z.number().int(),
    /** null for amounts and counts */
    denominator: z.number().int().nullable(),
  })
  .openapi('KpiFigure');
export type KpiFigure = z.infer<typeof KpiFigure>;

/**
 * A KPI figure's progress to its yearly target, on the target's year to date (ADR 0017). `value` and `expected` are in
 * the target's unit (fen, count, basis points).
 */
export const KpiTargetProgress = z
  .object({
    year: z.number().int(),
    /** whose target: the district's or the community's (a community's figures meet its own) */
    communityId: z.uuid().nullable(),
    kind: z.enum(KPI_TARGET_KINDS),
    value: z.number().int(),
    /** the month the year to date runs through; null when nothing of the year is due yet */
    through: z.string().nullable(),
    /** the year to date (a stock: its level then) */
    actual: KpiFigure.nullable(),
    /** a flow: target × months gone ÷ 12; a stock or rate: the target */
    expected: z.number().int().nullable(),
    /** actual ÷ target in basis points (lower is better: target ÷ actual) */
    progressBp: z.number().int().nullable(),
    /** worse than expected by now, by the KPI's direction; null when unknown */
    belowTarget: z.boolean().nullable(),
  })
  .openapi('KpiTargetProgress');
export type KpiTargetProgress = z.infer<typeof KpiTargetProgress>;

/** A segment of a monthly chart's goal line: one calendar year of the range. */
export const KpiGoalLine = z
  .object({
    year: z.number().int(),
    from: z.string(),
    to: z.string(),
    /** the year's target, in the target's unit */
    target: z.number().int(),
    /** what a month is compared with: a flow's monthly pace (target ÷ 12), else the target */
    value: z.number().int(),
  })
  .openapi('KpiGoalLine');
export type KpiGoalLine = z.infer<typeof KpiGoalLine>;

export const KpiUnavailable = z
  .object({ code: z.enum(KPI_UNAVAILABLE_REASONS), message: z.string() })
  .openapi('KpiUnavailable');

export const PeriodInfo = z
  .object({
    kind: z.enum(PERIOD_KINDS),
    key: z.string().openapi({ example: '2025-Q2' }),
    from: z.string(),
    to: z.string(),
    label: LocalizedText,
  })
  .openapi('PeriodInfo');
export type PeriodInfo = z.infer<typeof PeriodInfo>;

const filterFields = {
  streetOfficeId: z.uuid().optional(),
  communityId: z.uuid().optional(),
  operatingModel: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .optional()
    .openapi({ example: 'site_equity_professional_operation' }),
  ventureCategory: z.enum(VENTURE_CATEGORIES).optional(),
};

const periodFields = {
  period: z.enum(PERIOD_KINDS).default('month'),
  month: month(),
};

export const KpiOverviewQuery = z.object({ ...periodFields, ...filterFields });
export type KpiOverviewQuery = z.infer<typeof KpiOverviewQuery>;

export const KpiOverviewItem = z
  .object({
    key: z.enum(KPI_KEYS),
    definition: KpiDefinition,
    available: z.boolean(),
    unavailableReason: KpiUnavailable.nullable(),
    current: KpiFigure.nullable(),
    previous: KpiFigure.nullable(),
    samePeriodLastYear: KpiFigure.nullable(),
    /** progress to the year's target of the figures' scope (the district's, or the community's); null without one */
    target: KpiTargetProgress.nullable(),
  })
  .openapi('KpiOverviewItem');

export const KpiOverview = z
  .object({
    period: PeriodInfo,
    dataDate: dataDate(),
    through: through(),
    /** the period ends after the data date: its figures run to the data date, compared with the same months */
    running: z.boolean(),
    /** nothing in the period is due yet: its figures are not zeros, there are none yet */
    nothingDue: z.boolean(),
    previousPeriod: PeriodInfo,
    samePeriodLastYear: PeriodInfo,
    items: z.array(KpiOverviewItem),
  })
  .openapi('KpiOverview');
export type KpiOverview = z.infer<typeof KpiOverview>;

export const KpiSeriesQuery = z.object({
  kpi: z.enum(KPI_KEYS),
  from: month(),
  to: month(),
  groupBy: z.enum(KPI_GROUP_BYS).default('district'),
  ...filterFields,
});
export type KpiSeriesQuery = z.infer<typeof KpiSeriesQuery>;

export const KpiSeries = z
  .object({
    kpi: KpiDefinition,
    dataDate: dataDate(),
    available: z.boolean(),
    unavailableReason: KpiUnavailable.nullable(),
    groupBy: z.enum(KPI_GROUP_BYS),
    months: z.array(z.string()),
    series: z.array(
      z.object({
        key: z.string(),
        label: LocalizedText,
        points: z.array(KpiFigure.extend({ month: z.string() })),
        /** the goal line of this line's district or community, a segment per year with a target */
        goals: z.array(KpiGoalLine),
      }),
    ),
  })
  .openapi('KpiSeries');
export type KpiSeries = z.infer<typeof KpiSeries>;

export const KpiRankingQuery = z.object({
  kpi: z.enum(KPI_KEYS),
  ...periodFields,
  streetOfficeId: filterFields.streetOfficeId,
  operatingModel: filterFields.operatingModel,
  ventureCategory: filterFields.ventureCategory,
});
export type KpiRankingQuery = z.infer<typeof KpiRankingQuery>;

export const KpiRanking = z
  .object({
    kpi: KpiDefinition,
    period: PeriodInfo,
    dataDate: dataDate(),
    through: through(),
    nothingDue: z.boolean(),
    available: z.boolean(),
    unavailableReason: KpiUnavailable.nullable(),
    items: z.array(
      KpiFigure.extend({
        /** 1 is best by the KPI's direction; equal values share a rank; no value (a ratio without a positive
         *  base) comes last, unranked */
        rank: z.number().int().nullable(),
        communityId: z.uuid(),
        communityName: z.string(),
        streetOfficeId: z.uuid().nullable(),
        streetOfficeName: z.string().nullable(),
        /** the community's progress to its own yearly target; null without one */
        target: KpiTargetProgress.nullable(),
      }),
    ),
    /** false for a neutral KPI (fund balance): ordered highest first, but no rank is better or worse —
     *  no colour, never a red or black list (红榜 / 黑榜) */
    judged: z.boolean(),
    /** the median of the communities' values that exist (null values are left out); null when none has one */
    median: z.number().nullable(),
    /** the whole selection, recomputed from summed parts */
    total: KpiFigure.nullable(),
  })
  .openapi('KpiRanking');
export type KpiRanking = z.infer<typeof KpiRanking>;

export const ReportingMatrixQuery = z.object({
  from: month(),
  to: month(),
  streetOfficeId: filterFields.streetOfficeId,
  communityId: filterFields.communityId,
});
export type ReportingMatrixQuery = z.infer<typeof ReportingMatrixQuery>;

export const ReportingMatrix = z
  .object({
    from: z.string(),
    to: z.string(),
    dataDate: dataDate(),
    dueDay: z.number().int(),
    months: z.array(z.string()),
    communities: z.array(z.object({ communityId: z.uuid(), name: z.string() })),
    cells: z.array(
      z.object({
        communityId: z.uuid(),
        month: z.string(),
        /** the worst state of the community's ventures: missing > returned > late > on_time > not_due; none: nothing expected */
        state: z.enum(REPORTING_STATES),
        expected: z.number().int(),
        received: z.number().int(),
        /** received and first submitted by the deadline, whatever happened next (what the on-time rate counts) */
        receivedOnTime: z.number().int(),
        /** received and approved (or locked): the reports the KPIs count; received − approved await review or were returned */
        approved: z.number().int(),
        /** received and returned for correction at least once, whatever the state now: a report first submitted
         *  by the deadline, returned and resubmitted late, stays on time (the on-time rate counts the first
         *  submission) and is counted here */
        wasReturned: z.number().int(),
        onTime: z.number().int(),
        late: z.number().int(),
        missing: z.number().int(),
        returned: z.number().int(),
        notDue: z.number().int(),
      }),
    ),
  })
  .openapi('ReportingMatrix');
export type ReportingMatrix = z.infer<typeof ReportingMatrix>;

export const KpiPeriodQuery = z.object({
  ...periodFields,
  streetOfficeId: filterFields.streetOfficeId,
  communityId: filterFields.communityId,
});
export type KpiPeriodQuery = z.infer<typeof KpiPeriodQuery>;

export const FundFlow = z
  .object({
    period: PeriodInfo,
    dataDate: dataDate(),
    through: through(),
    available: z.boolean(),
    unavailableReason: KpiUnavailable.nullable(),
    /** ECharts sankey: nodes by `name` (a stable id), links by source / target name, value in fen. Columns:
     *  sources → funds → use categories (`category:<key>`, the proposals' 用途类别) → uses (`use:proposal:<id>`,
     *  one per proposal; `use:unlinked` for payouts naming none, under `category:unlinked`) */
    nodes: z.array(
      z.object({
        name: z.string(),
        kind: z.enum(['source', 'fund', 'category', 'use']),
        label: LocalizedText,
      }),
    ),
    links: z.array(z.object({ source: z.string(), target: z.string(), value: z.number().int() })),
    /** net inflows and outflows of the period; a net-negative pair (reversals above entries) is left out of the links */
    inflowFen: z.number().int(),
    outflowFen: z.number().int(),
  })
  .openapi('FundFlow');
export type FundFlow = z.infer<typeof FundFlow>;

const MixBucket = z.object({
  key: z.string(),
  label: LocalizedText,
  ventures: z.number().int(),
  revenueFen: z.number().int(),
  netProfitFen: z.number().int(),
  serviceTransactions: z.number().int(),
  residentsServed: z.number().int(),
  /** this bucket's revenue ÷ all revenue */
  revenueShare: KpiFigure,
  /** this bucket's service transactions ÷ all transactions */
  transactionShare: KpiFigure,
});

export const KpiMix = z
  .object({
    period: PeriodInfo,
    dataDate: dataDate(),
    through: through(),
    operatingModels: z.array(MixBucket),
    priceTiers: z.array(MixBucket),
  })
  .openapi('KpiMix');
export type KpiMix = z.infer<typeof KpiMix>;

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const readErrors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
};

export const KpiLatestMonth = z
  .object({
    month: z.string().nullable().openapi({
      description: 'The month the cockpit opens on: the data date (always set; nullable for older clients)',
      example: '2026-10',
    }),
    dataDate: dataDate(),
    latestApprovedMonth: z.string().nullable().openapi({
      description:
        'The newest month up to the data date with an approved report in the caller’s scope; null when nothing has been approved yet',
      example: '2026-09',
    }),
  })
  .openapi('KpiLatestMonth');
export type KpiLatestMonth = z.infer<typeof KpiLatestMonth>;

export const kpiLatestMonthRoute = createRoute({
  method: 'get',
  path: '/kpis/latest-month',
  tags: ['kpis'],
  summary: 'The data date (数据截至, what the cockpit opens on) and the newest month with approved figures',
  responses: { 200: json(KpiLatestMonth, 'The month'), ...readErrors },
});

export const kpiOverviewRoute = createRoute({
  method: 'get',
  path: '/kpis/overview',
  tags: ['kpis'],
  summary: 'Every KPI for a period, the previous period and the same period last year',
  request: { query: KpiOverviewQuery },
  responses: { 200: json(KpiOverview, 'The KPIs'), ...readErrors },
});

export const kpiSeriesRoute = createRoute({
  method: 'get',
  path: '/kpis/series',
  tags: ['kpis'],
  summary: 'Monthly values of one KPI, for the district or per group',
  request: { query: KpiSeriesQuery },
  responses: { 200: json(KpiSeries, 'The series'), ...readErrors },
});

export const kpiRankingRoute = createRoute({
  method: 'get',
  path: '/kpis/ranking',
  tags: ['kpis'],
  summary: 'Communities ranked by one KPI, with the median',
  request: { query: KpiRankingQuery },
  responses: { 200: json(KpiRanking, 'The ranking'), ...readErrors },
});

export const reportingMatrixRoute = createRoute({
  method: 'get',
  path: '/kpis/reporting-matrix',
  tags: ['kpis'],
  summary: 'Community × month: on time, late, missing, returned',
  request: { query: ReportingMatrixQuery },
  responses: { 200: json(ReportingMatrix, 'The matrix'), ...readErrors },
});

export const fundFlowRoute = createRoute({
  method: 'get',
  path: '/kpis/fund-flow',
  tags: ['kpis'],
  summary: 'Sources → funds → uses for a period, ready for a Sankey chart',
  request: { query: KpiPeriodQuery },
  responses: { 200: json(FundFlow, 'The fund flow'), ...readErrors },
});

export const kpiMixRoute = createRoute({
  method: 'get',
  path: '/kpis/mix',
  tags: ['kpis'],
  summary: 'Operating-model mix and price-tier mix for a period',
  request: { query: KpiPeriodQuery },
  responses: { 200: json(KpiMix, 'The mix'), ...readErrors },
});
