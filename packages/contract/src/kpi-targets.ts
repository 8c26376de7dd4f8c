import { KPI_KEYS, KPI_TARGET_KINDS, KPI_TARGET_YEAR_MAX, KPI_TARGET_YEAR_MIN } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses } from './common';
import { KpiDefinition } from './kpis';

/**
 * Yearly KPI targets (年度目标, ADR 0017): per KPI, for the district (communityId null) and per community. Values are
 * integers in the target's unit: fen for amounts, the KPI's unit for counts, basis points for rates.
 */

export const KPI_TARGET_UNITS = ['fen', 'count', 'bp'] as const;

const year = () =>
  z.number().int().min(KPI_TARGET_YEAR_MIN).max(KPI_TARGET_YEAR_MAX).openapi({ example: 2026 });

/** The largest integer a target may be (a KPI's own bounds are narrower: `min` / `max` of each KPI). */
const MAX_TARGET_VALUE = 1_000_000_000_000_000;

export const KpiTargetKpi = z
  .object({
    key: z.enum(KPI_KEYS),
    definition: KpiDefinition,
    /** flow: the year's total; stock: the level by the year's end; rate: the rate to reach */
    kind: z.enum(KPI_TARGET_KINDS),
    unit: z.enum(KPI_TARGET_UNITS),
    min: z.number().int(),
    max: z.number().int(),
  })
  .openapi('KpiTargetKpi');
export type KpiTargetKpi = z.infer<typeof KpiTargetKpi>;

export const KpiTarget = z
  .object({
    targetId: z.uuid(),
    /** null: the district's own target */
    communityId: z.uuid().nullable(),
    kpi: z.enum(KPI_KEYS),
    value: z.number().int(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.uuid(),
  })
  .openapi('KpiTarget');
export type KpiTarget = z.infer<typeof KpiTarget>;

/**
 * The previous calendar year's actual of each KPI that takes a target, for the district and each community the caller
 * reads: a reference to type a target against (a unit slip, 元 for 万元, shows as a target a hundred times last year's).
 */
export const KpiTargetLastYear = z
  .object({
    year: z.number().int().openapi({ description: 'The target year less one', example: 2025 }),
    through: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .nullable()
      .openapi({
        description:
          'The month the actuals run through: December of that year once all its reports are due, the data date while ' +
          'it is still running (the cockpit’s year figure); null when nothing of it is due yet (every value null)',
        example: '2025-12',
      }),
    actuals: z
      .array(
        z.object({
          communityId: z.uuid().nullable().openapi({ description: 'null: the district’s own figure' }),
          kpi: z.enum(KPI_KEYS),
          value: z
            .number()
            .int()
            .nullable()
            .openapi({
              description:
                'In the unit of a target of this KPI (fen, the count, basis points), so the two compare directly; ' +
                'null when the year has no fact for it or a rate has no positive base',
            }),
        }),
      )
      .openapi({
        description:
          'Per KPI that takes a target: the district’s (district roles only) and each listed community’s figure',
      }),
  })
  .openapi('KpiTargetLastYear');
export type KpiTargetLastYear = z.infer<typeof KpiTargetLastYear>;

export const KpiTargetList = z
  .object({
    year: z.number().int(),
    /** the KPIs that take a target (a neutral KPI takes none), in the cockpit's order */
    kpis: z.array(KpiTargetKpi),
    /** the communities whose targets the caller reads (a community role: its own) */
    communities: z.array(z.object({ communityId: z.uuid(), name: z.string() })),
    targets: z.array(KpiTarget),
    lastYear: KpiTargetLastYear,
    /** whether the caller may change them (district admins) */
    editable: z.boolean(),
  })
  .openapi('KpiTargetList');
export type KpiTargetList = z.infer<typeof KpiTargetList>;

export const KpiTargetsQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(KPI_TARGET_YEAR_MIN)
    .max(KPI_TARGET_YEAR_MAX)
    .openapi({ param: { name: 'year', in: 'query' }, example: 2026 }),
});

export const KpiTargetChange = z
  .object({
    communityId: z.uuid().nullable(),
    kpi: z.enum(KPI_KEYS),
    /** the new target; null removes it */
    value: z.number().int().min(0).max(MAX_TARGET_VALUE).nullable(),
    /** the version read, for a target that exists (409 when it changed since); absent for a new one */
    version: z.number().int().min(1).max(2_147_483_647).optional(),
  })
  .openapi('KpiTargetChange');
export type KpiTargetChange = z.infer<typeof KpiTargetChange>;

export const KpiTargetsUpdate = z
  .object({ year: year(), changes: z.array(KpiTargetChange).min(1).max(2000) })
  .openapi('KpiTargetsUpdate');
export type KpiTargetsUpdate = z.infer<typeof KpiTargetsUpdate>;

const readErrors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
};

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const listKpiTargetsRoute = createRoute({
  method: 'get',
  path: '/kpis/targets',
  tags: ['kpis'],
  summary:
    'A year’s KPI targets: the district’s and each community’s (a community role: its own and the district’s)',
  request: { query: KpiTargetsQuery },
  responses: { 200: json(KpiTargetList, 'The targets'), ...readErrors },
});

export const updateKpiTargetsRoute = createRoute({
  method: 'put',
  path: '/kpis/targets',
  tags: ['kpis'],
  summary: 'Set or remove some of a year’s targets at once (district admins); all or nothing',
  request: { body: { content: { 'application/json': { schema: KpiTargetsUpdate } }, required: true } },
  responses: {
    200: json(KpiTargetList, 'The year’s targets after the change'),
    ...readErrors,
    409: {
      description: 'A target changed since it was read (`stale_version`)',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});
