import { PARTNER_KINDS } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam } from './common';
import {
  DeleteQuery,
  jsonBody,
  listOf,
  noContent,
  optionalText,
  readResponses,
  text,
  version,
  writeResponses,
} from './register-common';

/** Typed as people type it; the service normalises it and checks it against GB 32100 (check character). */
export const creditCodeInput = text(40, { min: 0, trim: false }).openapi({
  description: '统一社会信用代码 (18 characters, GB 32100)',
  example: '91510402MA6ABCDE12',
});

export const Partner = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    name: z.string(),
    kind: z.enum(PARTNER_KINDS),
    creditCode: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Partner');
export type Partner = z.infer<typeof Partner>;
export const PartnerList = listOf(Partner, 'PartnerList');

export const PartnerCreate = z
  .object({
    name: text(200),
    kind: z.enum(PARTNER_KINDS),
    creditCode: creditCodeInput.nullable().optional(),
    contactName: optionalText(100),
    contactPhone: optionalText(50),
  })
  .openapi('PartnerCreate');
export type PartnerCreate = z.infer<typeof PartnerCreate>;

export const PartnerUpdate = z
  .object({
    version,
    name: text(200).optional(),
    kind: z.enum(PARTNER_KINDS).optional(),
    creditCode: creditCodeInput.nullable().optional(),
    contactName: optionalText(100),
    contactPhone: optionalText(50),
  })
  .openapi('PartnerUpdate');
export type PartnerUpdate = z.infer<typeof PartnerUpdate>;

export const PartnerListQuery = z.object({
  kind: z
    .enum(PARTNER_KINDS)
    .optional()
    .openapi({ param: { name: 'kind', in: 'query' } }),
});

const tags = ['partners'];

export const listPartnersRoute = createRoute({
  method: 'get',
  path: '/partners',
  tags,
  summary: 'Partners of the district (an operator sees itself)',
  request: { query: PartnerListQuery },
  responses: {
    200: { description: 'The partners', content: { 'application/json': { schema: PartnerList } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const getPartnerRoute = createRoute({
  method: 'get',
  path: '/partners/{id}',
  tags,
  summary: 'One partner',
  request: { params: IdParam },
  responses: {
    200: { description: 'The partner', content: { 'application/json': { schema: Partner } } },
    ...readResponses,
  },
});

export const createPartnerRoute = createRoute({
  method: 'post',
  path: '/partners',
  tags,
  summary: 'Register a partner (district admins)',
  request: { body: jsonBody(PartnerCreate) },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: Partner } } },
    ...writeResponses,
  },
});

export const updatePartnerRoute = createRoute({
  method: 'patch',
  path: '/partners/{id}',
  tags,
  summary: 'Change a partner (district admins; carries `version`)',
  request: { params: IdParam, body: jsonBody(PartnerUpdate) },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: Partner } } },
    ...writeResponses,
  },
});

export const deletePartnerRoute = createRoute({
  method: 'delete',
  path: '/partners/{id}',
  tags,
  summary: 'Delete a partner nothing refers to (district admins)',
  request: { params: IdParam, query: DeleteQuery },
  responses: { ...noContent, ...writeResponses },
});
