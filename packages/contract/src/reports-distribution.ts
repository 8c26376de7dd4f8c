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
    /** who set it (设置人): named to the district's roles only (a district official); null to a community */
    createdByName: z.string().nullable(),
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

// The preview of a proposed rule: what it would have posted on a month's approved reports of the community,
// beside what was actually posted. Read-only; the district decides with it before adding a version.

const bpQuery = (name: string) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .openapi({ param: { name, in: 'query', required: true }, example: 4000 });

export const DistributionPreviewQuery = z.object({
  communityId: z.uuid().openapi({ param: { name: 'communityId', in: 'query' } }),
  governanceFundBp: bpQuery('governanceFundBp'),
  reserveBp: bpQuery('reserveBp'),
  otherBp: bpQuery('otherBp'),
  month: Month.optional().openapi({
    param: { name: 'month', in: 'query' },
    description: 'The month of reports to preview on; default: the latest month with an approved report',
  }),
});
export type DistributionPreviewQuery = z.infer<typeof DistributionPreviewQuery>;

const FundKindOfSplit = z.enum(['governance_special', 'reserve', 'other']);

const PreviewFund = z
  .object({
    fundKind: FundKindOfSplit,
    /** net of what the month's revisions of the report(s) posted to the community's fund of this kind */
    postedFen: z.number().int(),
    /** what the proposed rule would have posted instead (largest remainder per report, as approval does) */
    proposedFen: z.number().int(),
    differenceFen: z.number().int(),
  })
  .openapi('DistributionPreviewFund');

const Split = z.object({ governanceFundBp: Bp, reserveBp: Bp, otherBp: Bp });

export const DistributionPreview = z
  .object({
    communityId: z.uuid(),
    /** the month previewed; null when the community has no approved report yet (nothing to compare) */
    month: Month.nullable(),
    /** the rule the month's approvals followed; id null: no rule was set, the default split (all to the reserve) */
    ruleInForce: Split.extend({
      id: z.uuid().nullable(),
      version: z.number().int().nullable(),
      effectiveFrom: Month.nullable(),
    }),
    proposed: Split,
    reports: z.array(
      z.object({
        reportId: z.uuid(),
        ventureId: z.uuid(),
        ventureName: z.string(),
        revision: z.number().int(),
        /** the community's income from the report that is split into its funds */
        distributableFen: z.number().int(),
        funds: z.array(PreviewFund),
      }),
    ),
    /** sums of the reports' figures, fund by fund (exact: the sums of the integers above) */
    totals: z.object({ distributableFen: z.number().int(), funds: z.array(PreviewFund) }),
  })
  .openapi('DistributionPreview');
export type DistributionPreview = z.infer<typeof DistributionPreview>;

export const previewDistributionRuleRoute = createRoute({
  method: 'get',
  path: '/distribution-rules/preview',
  tags,
  summary:
    'What a proposed split would have posted on a month’s approved reports of a community, beside what was posted',
  request: { query: DistributionPreviewQuery },
  responses: {
    200: json(DistributionPreview, 'The preview (nothing is written)'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});
