import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam } from './common';
import {
  DeleteQuery,
  jsonBody,
  listOf,
  noContent,
  readResponses,
  text,
  version,
  writeResponses,
} from './register-common';

const adminCode = z
  .string()
  .regex(/^\d{9,12}$/)
  .nullable()
  .optional()
  .openapi({ description: '9–12 digit 统计用区划代码', example: '510402001' });

export const StreetOffice = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    name: z.string(),
    adminCode: z.string().nullable(),
    communityCount: z
      .number()
      .int()
      .openapi({ description: 'Live communities of it that the caller can see' }),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('StreetOffice');
export type StreetOffice = z.infer<typeof StreetOffice>;
export const StreetOfficeList = listOf(StreetOffice, 'StreetOfficeList');

export const StreetOfficeCreate = z.object({ name: text(100), adminCode }).openapi('StreetOfficeCreate');
export type StreetOfficeCreate = z.infer<typeof StreetOfficeCreate>;

export const StreetOfficeUpdate = z
  .object({ version, name: text(100).optional(), adminCode })
  .openapi('StreetOfficeUpdate');
export type StreetOfficeUpdate = z.infer<typeof StreetOfficeUpdate>;

const tags = ['street offices'];

export const listStreetOfficesRoute = createRoute({
  method: 'get',
  path: '/street-offices',
  tags,
  summary: 'Street offices (街道) of the caller’s district',
  responses: {
    200: { description: 'The street offices', content: { 'application/json': { schema: StreetOfficeList } } },
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const getStreetOfficeRoute = createRoute({
  method: 'get',
  path: '/street-offices/{id}',
  tags,
  summary: 'One street office',
  request: { params: IdParam },
  responses: {
    200: { description: 'The street office', content: { 'application/json': { schema: StreetOffice } } },
    ...readResponses,
  },
});

export const createStreetOfficeRoute = createRoute({
  method: 'post',
  path: '/street-offices',
  tags,
  summary: 'Create a street office (district admins)',
  request: { body: jsonBody(StreetOfficeCreate) },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: StreetOffice } } },
    ...writeResponses,
  },
});

export const updateStreetOfficeRoute = createRoute({
  method: 'patch',
  path: '/street-offices/{id}',
  tags,
  summary: 'Change a street office (district admins; carries `version`)',
  request: { params: IdParam, body: jsonBody(StreetOfficeUpdate) },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: StreetOffice } } },
    ...writeResponses,
  },
});

export const deleteStreetOfficeRoute = createRoute({
  method: 'delete',
  path: '/street-offices/{id}',
  tags,
  summary: 'Delete a street office no community belongs to (district admins)',
  request: { params: IdParam, query: DeleteQuery },
  responses: { ...noContent, ...writeResponses },
});
