import { CONTRIBUTION_KINDS, HOLDER_KINDS, OPERATING_MODELS } from '@gongfu/domain';
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
import { creditCodeInput } from './register-partners';

export const Company = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    legalName: z.string(),
    creditCode: z.string(),
    foundedOn: z.string().nullable(),
    operatingModel: z.enum(OPERATING_MODELS),
    registeredCapitalFen: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Company');
export type Company = z.infer<typeof Company>;
export const CompanyList = listOf(Company, 'CompanyList');

export const CompanyCreate = z
  .object({
    communityId: z
      .uuid()
      .optional()
      .openapi({ description: 'Defaults to the caller’s community; required at district level' }),
    legalName: text(200),
    creditCode: creditCodeInput,
    foundedOn: dateOnly.nullable().optional(),
    operatingModel: z.enum(OPERATING_MODELS),
    registeredCapitalFen: fen.default(0),
  })
  .openapi('CompanyCreate');
export type CompanyCreate = z.infer<typeof CompanyCreate>;

export const CompanyUpdate = z
  .object({
    version,
    legalName: text(200).optional(),
    creditCode: creditCodeInput.optional(),
    foundedOn: dateOnly.nullable().optional(),
    operatingModel: z.enum(OPERATING_MODELS).optional(),
    registeredCapitalFen: fen.optional(),
  })
  .openapi('CompanyUpdate');
export type CompanyUpdate = z.infer<typeof CompanyUpdate>;

export const Shareholding = z
  .object({
    id: z.uuid(),
    holderKind: z.enum(HOLDER_KINDS),
    holderPartnerId: z.uuid().nullable(),
    holderName: z.string(),
    contributionKind: z.enum(CONTRIBUTION_KINDS),
    assetId: z.uuid().nullable(),
    appraisalId: z.uuid().nullable(),
    subscribedFen: z.number().int(),
    paidInFen: z.number().int(),
    shareBp: z.number().int(),
  })
  .openapi('Shareholding');
export type Shareholding = z.infer<typeof Shareholding>;

/** A month a version of the shareholdings takes effect (YYYY-MM, from 1900 as the register's dates). */
const effectiveMonth = z
  .string()
  .regex(/^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/)
  .openapi({ example: '2026-07', description: 'YYYY-MM' });

const versionFields = {
  effectiveFrom: z.string().nullable().openapi({
    example: '2026-07',
    description: 'The first month the version is in force; null: since the company’s start',
  }),
  effectiveTo: z.string().nullable().openapi({
    example: '2026-12',
    description: 'The last month the version is in force (inclusive); null: still in force',
  }),
  totalBp: z.number().int(),
  items: z.array(Shareholding),
};

/** One version of a company's shareholdings: the set in force over its months. */
export const ShareholdingVersion = z.object(versionFields).openapi('ShareholdingVersion');
export type ShareholdingVersion = z.infer<typeof ShareholdingVersion>;

export const Shareholdings = z
  .object({
    companyId: z.uuid(),
    communityId: z.uuid(),
    version: z.number().int().openapi({ description: 'The company’s version; send it back with PUT' }),
    /** the latest version (the one a PUT replaces or follows), flattened as before versions existed */
    ...versionFields,
    history: z.array(ShareholdingVersion).openapi({
      description:
        'Every version, oldest first: each report’s profit is split by the version in force in its month',
    }),
  })
  .openapi('Shareholdings');
export type Shareholdings = z.infer<typeof Shareholdings>;

export const ShareholdingInput = z
  .object({
    holderKind: z.enum(HOLDER_KINDS),
    holderPartnerId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: 'Required when holderKind is partner' }),
    holderName: optionalText(200).openapi({
      description: 'Defaults to the partner’s or the community’s name; required for residents and other',
    }),
    contributionKind: z.enum(CONTRIBUTION_KINDS),
    assetId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: 'Required for a site or premises contribution' }),
    appraisalId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: 'An appraisal of that asset; required with it' }),
    subscribedFen: fen,
    paidInFen: fen.default(0),
    shareBp: z.number().int().min(1).max(10_000).openapi({ example: 5100 }),
  })
  .openapi('ShareholdingInput');
export type ShareholdingInput = z.infer<typeof ShareholdingInput>;

export const ShareholdingsReplace = z
  .object({
    version,
    effectiveFrom: effectiveMonth.nullable().optional().openapi({
      description:
        'The first month the new set is in force. Defaults to the company’s start for its first set, to the current month for a change. It must come after every month already reported (approved) and not before the latest version’s first month; the latest version’s own first month corrects that version',
    }),
    items: z.array(ShareholdingInput).min(1).max(200),
  })
  .openapi('ShareholdingsReplace', {
    description:
      'A new version of the whole set, in force from effectiveFrom; shares must sum to exactly 10,000 bp',
  });
export type ShareholdingsReplace = z.infer<typeof ShareholdingsReplace>;

export const CompanyListQuery = z.object({ communityId: uuidQuery('communityId') });

const tags = ['companies'];

export const listCompaniesRoute = createRoute({
  method: 'get',
  path: '/companies',
  tags,
  summary: 'Community companies in scope',
  request: { query: CompanyListQuery },
  responses: {
    200: { description: 'The companies', content: { 'application/json': { schema: CompanyList } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const getCompanyRoute = createRoute({
  method: 'get',
  path: '/companies/{id}',
  tags,
  summary: 'One company',
  request: { params: IdParam },
  responses: {
    200: { description: 'The company', content: { 'application/json': { schema: Company } } },
    ...readResponses,
  },
});

export const createCompanyRoute = createRoute({
  method: 'post',
  path: '/companies',
  tags,
  summary: 'Register a community company (credit code checked against GB 32100)',
  request: { body: jsonBody(CompanyCreate) },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: Company } } },
    ...writeResponses,
  },
});

export const updateCompanyRoute = createRoute({
  method: 'patch',
  path: '/companies/{id}',
  tags,
  summary: 'Change a company (carries `version`)',
  request: { params: IdParam, body: jsonBody(CompanyUpdate) },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: Company } } },
    ...writeResponses,
  },
});

export const deleteCompanyRoute = createRoute({
  method: 'delete',
  path: '/companies/{id}',
  tags,
  summary: 'Delete a company no venture refers to, with its shareholdings',
  request: { params: IdParam, query: DeleteQuery },
  responses: { ...noContent, ...writeResponses },
});

export const listShareholdingsRoute = createRoute({
  method: 'get',
  path: '/companies/{id}/shareholdings',
  tags,
  summary: 'A company’s shareholdings: the latest version and the history of versions',
  request: { params: IdParam },
  responses: {
    200: { description: 'The shareholdings', content: { 'application/json': { schema: Shareholdings } } },
    ...readResponses,
  },
});

export const replaceShareholdingsRoute = createRoute({
  method: 'put',
  path: '/companies/{id}/shareholdings',
  tags,
  summary:
    'Change a company’s shareholdings from a month: a new version of the whole set (shares sum to exactly 10,000 bp); months already reported keep their split',
  request: { params: IdParam, body: jsonBody(ShareholdingsReplace) },
  responses: {
    200: { description: 'Replaced', content: { 'application/json': { schema: Shareholdings } } },
    ...writeResponses,
  },
});
