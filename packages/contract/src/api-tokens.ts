import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam, text } from './common';
import { jsonBody, listOf, readResponses, writeResponses } from './register-common';

/**
 * API tokens for company systems (issue 15, ADR 0026): a community admin or a partner operator creates one for
 * its own scope, or for one venture of it; the token acts as that membership, limited to its scopes (and to that
 * venture). The token string is answered once.
 */
export const API_TOKEN_SCOPE_VALUES = ['report:write', 'report:read', 'register:read'] as const;
export const ApiTokenScopeSchema = z.enum(API_TOKEN_SCOPE_VALUES);

export const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(ApiTokenScopeSchema),
    communityId: z.uuid().nullable(),
    partnerId: z.uuid().nullable(),
    ventureId: z.uuid().nullable().openapi({
      description:
        'The one venture the token is limited to (null: every venture of its community or partner)',
    }),
    ventureName: z.string().nullable(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.uuid(),
    createdByName: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .openapi('ApiToken');
export type ApiToken = z.infer<typeof ApiToken>;
export const ApiTokenList = listOf(ApiToken, 'ApiTokenList');
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const ApiTokenCreate = z
  .object({
    name: text(100),
    scopes: z.array(ApiTokenScopeSchema).min(1).max(3),
    /** from 1 to 366 days */
    expiresInDays: z.number().int().min(1).max(366).openapi({ example: 90 }),
    /** a venture the creator's membership sees: the token then reaches that venture's rows only */
    ventureId: z
      .uuid()
      .nullish()
      .openapi({
        description:
          'Limit the token to one venture of your community (or one you operate, as a partner): it then reads and ' +
          'reports for that venture only, enforced by the database. Omitted or null: every venture you reach.',
      }),
  })
  .strict()
  .openapi('ApiTokenCreate');
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

export const ApiTokenCreated = z
  .object({
    apiToken: ApiToken,
    token: z.string().openapi({
      example: 'gft_0b8f6a8e2c1d4f3a9e7b5c6d1a2b3c4d_abcdefghijklmnopqrstuvwxyz234567',
      description: 'Shown once: send it as `Authorization: Bearer <token>`',
    }),
  })
  .openapi('ApiTokenCreated');
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

const tags = ['api tokens'];

export const listApiTokensRoute = createRoute({
  method: 'get',
  path: '/api-tokens',
  tags,
  summary: 'The API tokens of your community or partner (a district admin sees its district’s)',
  responses: {
    200: { description: 'The tokens', content: { 'application/json': { schema: ApiTokenList } } },
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const createApiTokenRoute = createRoute({
  method: 'post',
  path: '/api-tokens',
  tags,
  summary: 'Create an API token for a company system; the token is answered once',
  request: { body: jsonBody(ApiTokenCreate) },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: ApiTokenCreated } } },
    ...writeResponses,
  },
});

export const revokeApiTokenRoute = createRoute({
  method: 'post',
  path: '/api-tokens/{id}/revoke',
  tags,
  summary: 'Revoke an API token: it stops working at once',
  request: { params: IdParam },
  responses: {
    200: { description: 'Revoked', content: { 'application/json': { schema: ApiToken } } },
    ...readResponses,
  },
});
