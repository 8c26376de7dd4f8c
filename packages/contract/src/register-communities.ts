import { createRoute, z } from '@hono/zod-openapi';
import { IdParam } from './common';
import { COMMUNITY_KINDS, Community } from './communities';
import {
  count,
  DeleteQuery,
  dateOnly,
  jsonBody,
  noContent,
  optionalText,
  text,
  version,
  writeResponses,
} from './register-common';

/** Paths are relative to /api/v1/communities, where the communities router is mounted. */
export const CommunityUpdate = z
  .object({
    version,
    name: text(100).optional(),
    streetOfficeId: z.uuid().nullable().optional(),
    adminCode: z
      .string()
      .regex(/^\d{12}$/)
      .nullable()
      .optional()
      .openapi({ description: '12-digit 统计用区划代码', example: '510402001001' }),
    kind: z.enum(COMMUNITY_KINDS).optional(),
    convertedYear: z.number().int().min(1949).max(2100).nullable().optional(),
    foundedOn: dateOnly.nullable().optional(),
    population: count.nullable().optional(),
    households: count.nullable().optional(),
    householdsWithSeniors: count.nullable().optional(),
    responsibleOrg: optionalText(100).openapi({
      description: 'The public board’s responsible organisation (负责单位)',
      example: '望江街社区居民委员会',
    }),
    feedbackChannel: optionalText(200).openapi({
      description: 'The public board’s feedback channel: a phone number or an address (监督反馈)',
      example: '监督电话 0812-0000101',
    }),
  })
  .openapi('CommunityUpdate');
export type CommunityUpdate = z.infer<typeof CommunityUpdate>;

export const CommunityWithVersion = Community.extend({ version: z.number().int() }).openapi(
  'CommunityWithVersion',
);
export type CommunityWithVersion = z.infer<typeof CommunityWithVersion>;

export const updateCommunityRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['communities'],
  summary: 'Change a community (district admins any in the district; a community admin its own)',
  request: { params: IdParam, body: jsonBody(CommunityUpdate) },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: CommunityWithVersion } } },
    ...writeResponses,
  },
});

export const deleteCommunityRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['communities'],
  summary: 'Retire a community (district admins; soft delete, hidden from lists afterwards)',
  request: { params: IdParam, query: DeleteQuery },
  responses: { ...noContent, ...writeResponses },
});
