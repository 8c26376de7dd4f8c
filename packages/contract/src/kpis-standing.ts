import { KPI_KEYS, PERIOD_KINDS } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from './common';
import { KpiDefinition, KpiFigure, PeriodInfo } from './kpis';

/**
 * A community's place in its district (the community home's "8/36"): its own figures and, for each, its rank among
 * the district's communities and how many were ranked — never another community's name or figure (ADR 0015).
 */
export const KPI_STANDING_KEYS = [
  'community_income',
  'stable_jobs',
  'residents_served',
  'on_time_rate',
] as const satisfies ReadonlyArray<(typeof KPI_KEYS)[number]>;

export const KpiStandingQuery = z.object({
  period: z.enum(PERIOD_KINDS).default('month'),
  month: z
    .string()
    .regex(/^[12]\d{3}-(0[1-9]|1[0-2])$/)
    .openapi({ example: '2026-10', description: 'YYYY-MM' }),
});
export type KpiStandingQuery = z.infer<typeof KpiStandingQuery>;

export const KpiStanding = z
  .object({
    communityId: z.uuid(),
    period: PeriodInfo,
    dataDate: z.string().openapi({ description: '数据截至 / data date', example: '2026-10' }),
    through: z.string(),
    nothingDue: z.boolean(),
    items: z.array(
      KpiFigure.extend({
        key: z.enum(KPI_KEYS),
        definition: KpiDefinition,
        /** 1 is best by the KPI's direction; equal values share a rank; null when the community has no value */
        rank: z.number().int().nullable(),
        /** how many of the district's communities have a value (the "36" of "8/36") */
        of: z.number().int(),
      }),
    ),
  })
  .openapi('KpiStanding');
export type KpiStanding = z.infer<typeof KpiStanding>;

export const kpiStandingRoute = createRoute({
  method: 'get',
  path: '/kpis/standing',
  tags: ['kpis'],
  summary: "The caller's community: its headline figures and its rank among the district's communities",
  description:
    'For community roles that read KPIs. The ranking is computed over the whole district, and only the caller’s own figures, ranks and the number ranked leave the server.',
  request: { query: KpiStandingQuery },
  responses: {
    200: { description: 'The standing', content: { 'application/json': { schema: KpiStanding } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});
