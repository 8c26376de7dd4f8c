import { PRICE_TIERS, VENTURE_CATEGORIES, VENTURE_STATUSES } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam } from './common';
import {
  DeleteQuery,
  dateOnly,
  jsonBody,
  listOf,
  noContent,
  readResponses,
  text,
  uuidQuery,
  version,
  writeResponses,
} from './register-common';

const minutes = z.number().int().min(1).max(100_000).openapi({ example: 10 });
/** The first month the venture owes a report on the platform, when it joined later than its district. */
const reportingStartMonth = z
  .string()
  .regex(/^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/)
  .openapi({
    example: '2025-03',
    description:
      'YYYY-MM: the first month it owes a report on the platform (its own reporting start; null: the district’s). It owes reports from the later of this and its start',
  });

export const Venture = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    communityName: z.string(),
    name: z.string(),
    category: z.enum(VENTURE_CATEGORIES),
    priceTier: z.enum(PRICE_TIERS),
    companyId: z.uuid().nullable(),
    operatorPartnerId: z.uuid().nullable(),
    operatorPartnerName: z.string().nullable(),
    premisesAssetId: z.uuid().nullable(),
    startedOn: z.string().nullable(),
    reportingStartMonth: z.string().nullable().openapi({
      description:
        'Its own reporting start month (null: the district’s); reports are owed from the later of it and startedOn',
    }),
    status: z.enum(VENTURE_STATUSES),
    promisedResponseMinutes: z.number().int().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Venture');
export type Venture = z.infer<typeof Venture>;
export const VentureList = listOf(Venture, 'VentureList');

export const VentureCreate = z
  .object({
    communityId: z
      .uuid()
      .optional()
      .openapi({ description: 'Defaults to the caller’s community; required at district level' }),
    name: text(200),
    category: z.enum(VENTURE_CATEGORIES),
    priceTier: z.enum(PRICE_TIERS).default('market'),
    companyId: z.uuid().nullable().optional(),
    operatorPartnerId: z.uuid().nullable().optional(),
    premisesAssetId: z.uuid().nullable().optional(),
    startedOn: dateOnly.nullable().optional(),
    reportingStartMonth: reportingStartMonth.nullable().optional(),
    status: z.enum(VENTURE_STATUSES).default('operating'),
    promisedResponseMinutes: minutes
      .nullable()
      .optional()
      .openapi({ description: 'The response time a service station promises (e.g. 10 minutes)' }),
  })
  .openapi('VentureCreate');
export type VentureCreate = z.infer<typeof VentureCreate>;

export const VentureUpdate = z
  .object({
    version,
    name: text(200).optional(),
    category: z.enum(VENTURE_CATEGORIES).optional(),
    priceTier: z.enum(PRICE_TIERS).optional(),
    companyId: z.uuid().nullable().optional(),
    operatorPartnerId: z.uuid().nullable().optional(),
    premisesAssetId: z.uuid().nullable().optional(),
    startedOn: dateOnly.nullable().optional(),
    reportingStartMonth: reportingStartMonth.nullable().optional(),
    status: z.enum(VENTURE_STATUSES).optional(),
    promisedResponseMinutes: minutes.nullable().optional(),
  })
  .openapi('VentureUpdate');
export type VentureUpdate = z.infer<typeof VentureUpdate>;

export const VentureListQuery = z.object({
  communityId: uuidQuery('communityId'),
  category: z
    .enum(VENTURE_CATEGORIES)
    .optional()
    .openapi({ param: { name: 'category', in: 'query' } }),
  status: z
    .enum(VENTURE_STATUSES)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
});

const tags = ['ventures'];

export const listVenturesRoute = createRoute({
  method: 'get',
  path: '/ventures',
  tags,
  summary: 'Ventures in scope (an operator: the ventures it operates, in any community)',
  request: { query: VentureListQuery },
  responses: {
    200: { description: 'The ventures', content: { 'application/json': { schema: VentureList } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const getVentureRoute = createRoute({
  method: 'get',
  path: '/ventures/{id}',
  tags,
  summary: 'One venture',
  request: { params: IdParam },
  responses: {
    200: { description: 'The venture', content: { 'application/json': { schema: Venture } } },
    ...readResponses,
  },
});

export const createVentureRoute = createRoute({
  method: 'post',
  path: '/ventures',
  tags,
  summary: 'Register a venture of a community',
  request: { body: jsonBody(VentureCreate) },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: Venture } } },
    ...writeResponses,
  },
});

export const updateVentureRoute = createRoute({
  method: 'patch',
  path: '/ventures/{id}',
  tags,
  summary: 'Change a venture (carries `version`)',
  request: { params: IdParam, body: jsonBody(VentureUpdate) },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: Venture } } },
    ...writeResponses,
  },
});

export const deleteVentureRoute = createRoute({
  method: 'delete',
  path: '/ventures/{id}',
  tags,
  summary: 'Delete a venture that has no reports or agreements',
  request: { params: IdParam, query: DeleteQuery },
  responses: { ...noContent, ...writeResponses },
});
