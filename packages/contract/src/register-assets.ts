import { APPRAISAL_METHODS, ASSET_KINDS, ASSET_STATUSES } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam } from './common';
import {
  DeleteQuery,
  dateOnly,
  fen,
  jsonBody,
  listOf,
  noContent,
  optionalText,
  readResponses,
  text,
  uuidQuery,
  version,
  writeResponses,
} from './register-common';

/** numeric(12, 2) in the database: up to 9,999,999,999.99 m² */
const areaM2 = z.number().min(0).max(9_999_999_999).openapi({ example: 420.5 });

export const Appraisal = z
  .object({
    id: z.uuid(),
    assetId: z.uuid(),
    communityId: z.uuid(),
    method: z.enum(APPRAISAL_METHODS),
    appraiser: z.string(),
    appraisedOn: z.string(),
    valueFen: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Appraisal');
export type Appraisal = z.infer<typeof Appraisal>;
export const AppraisalList = listOf(Appraisal, 'AppraisalList');

export const AppraisalCreate = z
  .object({
    method: z.enum(APPRAISAL_METHODS),
    appraiser: text(200),
    appraisedOn: dateOnly,
    valueFen: fen,
  })
  .openapi('AppraisalCreate');
export type AppraisalCreate = z.infer<typeof AppraisalCreate>;

export const Asset = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    kind: z.enum(ASSET_KINDS),
    name: z.string(),
    areaM2: z.number().nullable(),
    location: z.string().nullable(),
    title: z.string().nullable().openapi({ description: 'Title deed or use right' }),
    status: z.enum(ASSET_STATUSES),
    latestAppraisal: Appraisal.nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Asset');
export type Asset = z.infer<typeof Asset>;
export const AssetList = listOf(Asset, 'AssetList');

export const AssetCreate = z
  .object({
    communityId: z
      .uuid()
      .optional()
      .openapi({ description: 'Defaults to the caller’s community; required at district level' }),
    kind: z.enum(ASSET_KINDS),
    name: text(200),
    areaM2: areaM2.nullable().optional(),
    location: optionalText(500),
    title: optionalText(500),
    status: z.enum(ASSET_STATUSES).default('idle'),
  })
  .openapi('AssetCreate');
export type AssetCreate = z.infer<typeof AssetCreate>;

export const AssetUpdate = z
  .object({
    version,
    kind: z.enum(ASSET_KINDS).optional(),
    name: text(200).optional(),
    areaM2: areaM2.nullable().optional(),
    location: optionalText(500),
    title: optionalText(500),
    status: z.enum(ASSET_STATUSES).optional(),
  })
  .openapi('AssetUpdate');
export type AssetUpdate = z.infer<typeof AssetUpdate>;

export const AssetListQuery = z.object({
  communityId: uuidQuery('communityId'),
  kind: z
    .enum(ASSET_KINDS)
    .optional()
    .openapi({ param: { name: 'kind', in: 'query' } }),
  status: z
    .enum(ASSET_STATUSES)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
});

const tags = ['assets'];

export const listAssetsRoute = createRoute({
  method: 'get',
  path: '/assets',
  tags,
  summary: 'The asset register (三资) of the communities in scope',
  request: { query: AssetListQuery },
  responses: {
    200: { description: 'The assets', content: { 'application/json': { schema: AssetList } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const getAssetRoute = createRoute({
  method: 'get',
  path: '/assets/{id}',
  tags,
  summary: 'One asset, with its latest appraisal',
  request: { params: IdParam },
  responses: {
    200: { description: 'The asset', content: { 'application/json': { schema: Asset } } },
    ...readResponses,
  },
});

export const createAssetRoute = createRoute({
  method: 'post',
  path: '/assets',
  tags,
  summary: 'Register an asset of a community',
  request: { body: jsonBody(AssetCreate) },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: Asset } } },
    ...writeResponses,
  },
});

export const updateAssetRoute = createRoute({
  method: 'patch',
  path: '/assets/{id}',
  tags,
  summary: 'Change an asset (carries `version`)',
  request: { params: IdParam, body: jsonBody(AssetUpdate) },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: Asset } } },
    ...writeResponses,
  },
});

export const deleteAssetRoute = createRoute({
  method: 'delete',
  path: '/assets/{id}',
  tags,
  summary: 'Retire an asset no shareholding or venture uses (soft delete; appraisals stay as history)',
  request: { params: IdParam, query: DeleteQuery },
  responses: { ...noContent, ...writeResponses },
});

export const listAppraisalsRoute = createRoute({
  method: 'get',
  path: '/assets/{id}/appraisals',
  tags,
  summary: 'An asset’s appraisals, newest first (history, never rewritten)',
  request: { params: IdParam },
  responses: {
    200: { description: 'The appraisals', content: { 'application/json': { schema: AppraisalList } } },
    ...readResponses,
  },
});

export const createAppraisalRoute = createRoute({
  method: 'post',
  path: '/assets/{id}/appraisals',
  tags,
  summary: 'Record an appraisal of an asset (append only)',
  request: { params: IdParam, body: jsonBody(AppraisalCreate) },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: Appraisal } } },
    ...writeResponses,
  },
});
