import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses } from './common';

// Distribution rules: versioned per community, effective from a month. Of the community's income,
// what share goes to the governance fund, the reserve and other uses (basis points summing to 10,000).

const Bp = z.number().int().min(0).max(10_000);
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .openapi({ example: '2026-01' });

export const DistributionRule = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    effectiveFrom: Month,
    version: z.number().int(),
    governanceFundBp: Bp,
    reserveBp: Bp,
    otherBp: Bp,
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('DistributionRule');
export type DistributionRule = z.infer<typeof DistributionRule>;

export const DistributionRuleList = z
  .object({ items: z.array(DistributionRule), total: z.number().int() })
  .openapi('DistributionRuleList');
export type DistributionRuleList = z.infer<typeof DistributionRuleList>;

export const DistributionRuleQuery = z.object({
  communityId: z
    .uuid()
    .optional()
    .openapi({ param: { name: 'communityId', in: 'query' } }),
});

export const DistributionRuleCreate = z
  .object({
    communityId: z.uuid(),
    effectiveFrom: Month,
    governanceFundBp: Bp.openapi({ example: 4000, description: 'Wangjiangjie: 4000 bp (40 %)' }),
    reserveBp: Bp,
    otherBp: Bp,
  })
  .strict()
  .openapi('DistributionRuleCreate');
export type DistributionRuleCreate = z.infer<typeof DistributionRuleCreate>;

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['distribution'];

export const listDistributionRulesRoute = createRoute({
  method: 'get',
  path: '/distribution-rules',
  tags,
  summary: 'Distribution rules of the communities in scope, newest first',
  request: { query: DistributionRuleQuery },
  responses: {
    200: json(DistributionRuleList, 'The rules'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const createDistributionRuleRoute = createRoute({
  method: 'post',
  path: '/distribution-rules',
  tags,
  summary: 'Add a version of a community’s distribution rule, effective from a month (district admins)',
  request: {
    body: { content: { 'application/json': { schema: DistributionRuleCreate } }, required: true },
  },
  responses: {
    201: json(DistributionRule, 'Created'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: json(ErrorBody, 'A rule for this community already takes effect in that month'),
  },
});
