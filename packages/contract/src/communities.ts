import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam, text } from './common';

export const COMMUNITY_KINDS = ['urban', 'converted_from_rural'] as const;

export const Community = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    streetOfficeId: z.uuid().nullable(),
    streetOfficeName: z.string().nullable(),
    name: z.string(),
    adminCode: z.string().nullable(),
    kind: z.enum(COMMUNITY_KINDS),
    convertedYear: z.number().int().nullable(),
    foundedOn: z.string().nullable().openapi({ example: '2020-06-01' }),
    population: z.number().int().nullable(),
    households: z.number().int().nullable(),
    householdsWithSeniors: z.number().int().nullable(),
    /** the public board's responsible organisation (负责单位) */
    responsibleOrg: z.string().nullable(),
    /** the public board's feedback channel (监督反馈): a phone number or an address */
    feedbackChannel: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Community');
export type Community = z.infer<typeof Community>;

export const CommunityList = z
  .object({ items: z.array(Community), total: z.number().int() })
  .openapi('CommunityList');
export type CommunityList = z.infer<typeof CommunityList>;

// bounds the database's integer and date types can hold, so odd input is a 400, never a 500
const dateString = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= '2100-12-31', { params: { range: true } });
const headcount = z.number().int().min(0).max(100_000_000);

export const CommunityCreate = z
  .object({
    name: text(100).refine((v) => [...v].every((ch) => (ch.codePointAt(0) ?? 0) >= 0x20), {
      params: { controlCharacters: true },
    }),
    streetOfficeId: z.uuid().nullable().optional(),
    adminCode: z
      .string()
      .regex(/^\d{12}$/)
      .nullable()
      .optional()
      .openapi({ description: '12-digit 统计用区划代码', example: '510402001001' }),
    kind: z.enum(COMMUNITY_KINDS).default('urban'),
    convertedYear: z.number().int().min(1949).max(2100).nullable().optional(),
    foundedOn: dateString.nullable().optional(),
    population: headcount.nullable().optional(),
    households: headcount.nullable().optional(),
    householdsWithSeniors: headcount.nullable().optional(),
  })
  .openapi('CommunityCreate');
export type CommunityCreate = z.infer<typeof CommunityCreate>;

export const listCommunitiesRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['communities'],
  summary: 'Communities in the caller’s scope',
  responses: {
    200: { description: 'The communities', content: { 'application/json': { schema: CommunityList } } },
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const getCommunityRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['communities'],
  summary: 'One community (404 when outside the caller’s scope)',
  request: { params: IdParam },
  responses: {
    200: { description: 'The community', content: { 'application/json': { schema: Community } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

export const createCommunityRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['communities'],
  summary: 'Create a community in the caller’s district (district admins)',
  request: { body: { content: { 'application/json': { schema: CommunityCreate } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: Community } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    409: {
      description: 'Duplicate name or code',
      content: { 'application/json': { schema: errorResponses[400].content['application/json'].schema } },
    },
  },
});
