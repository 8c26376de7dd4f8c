import { AGREEMENT_TERMS } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam } from './common';
import {
  basisPoints,
  DeleteQuery,
  dateOnly,
  fen,
  jsonBody,
  listOf,
  noContent,
  optionalText,
  readResponses,
  uuidQuery,
  version,
  writeResponses,
} from './register-common';

export const Agreement = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    ventureId: z.uuid(),
    ventureName: z.string(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    terms: z.enum(AGREEMENT_TERMS),
    operatorShareBp: z.number().int(),
    feeFen: z.number().int(),
    guaranteedMinRemittanceFen: z.number().int(),
    exitTerms: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Agreement');
export type Agreement = z.infer<typeof Agreement>;
export const AgreementList = listOf(Agreement, 'AgreementList');

export const AgreementCreate = z
  .object({
    ventureId: z.uuid(),
    partnerId: z.uuid(),
    startsOn: dateOnly,
    endsOn: dateOnly,
    terms: z.enum(AGREEMENT_TERMS),
    operatorShareBp: basisPoints.default(0),
    feeFen: fen.default(0).openapi({ description: 'Per month, as the guaranteed remittance' }),
    guaranteedMinRemittanceFen: fen.default(0).openapi({ description: 'Per month, to the community' }),
    exitTerms: optionalText(4000),
  })
  .openapi('AgreementCreate');
export type AgreementCreate = z.infer<typeof AgreementCreate>;

export const AgreementUpdate = z
  .object({
    version,
    partnerId: z.uuid().optional(),
    startsOn: dateOnly.optional(),
    endsOn: dateOnly.optional(),
    terms: z.enum(AGREEMENT_TERMS).optional(),
    operatorShareBp: basisPoints.optional(),
    feeFen: fen.optional(),
    guaranteedMinRemittanceFen: fen.optional(),
    exitTerms: optionalText(4000),
  })
  .openapi('AgreementUpdate');
export type AgreementUpdate = z.infer<typeof AgreementUpdate>;

export const AgreementListQuery = z.object({
  communityId: uuidQuery('communityId'),
  ventureId: uuidQuery('ventureId'),
  partnerId: uuidQuery('partnerId'),
  expiringWithinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .optional()
    .openapi({
      param: { name: 'expiringWithinDays', in: 'query' },
      description:
        'Only agreements still running that end within this many days of today (Asia/Shanghai), e.g. 90',
      example: 90,
    }),
});

const tags = ['agreements'];

export const listAgreementsRoute = createRoute({
  method: 'get',
  path: '/agreements',
  tags,
  summary: 'Operator agreements in scope (an operator: those of the ventures it operates)',
  request: { query: AgreementListQuery },
  responses: {
    200: { description: 'The agreements', content: { 'application/json': { schema: AgreementList } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const getAgreementRoute = createRoute({
  method: 'get',
  path: '/agreements/{id}',
  tags,
  summary: 'One operator agreement',
  request: { params: IdParam },
  responses: {
    200: { description: 'The agreement', content: { 'application/json': { schema: Agreement } } },
    ...readResponses,
  },
});

export const createAgreementRoute = createRoute({
  method: 'post',
  path: '/agreements',
  tags,
  summary: 'Record an operator agreement for a venture',
  request: { body: jsonBody(AgreementCreate) },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: Agreement } } },
    ...writeResponses,
  },
});

export const updateAgreementRoute = createRoute({
  method: 'patch',
  path: '/agreements/{id}',
  tags,
  summary: 'Change an operator agreement (carries `version`)',
  request: { params: IdParam, body: jsonBody(AgreementUpdate) },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: Agreement } } },
    ...writeResponses,
  },
});

export const deleteAgreementRoute = createRoute({
  method: 'delete',
  path: '/agreements/{id}',
  tags,
  summary: 'Delete an operator agreement',
  request: { params: IdParam, query: DeleteQuery },
  responses: { ...noContent, ...writeResponses },
});
