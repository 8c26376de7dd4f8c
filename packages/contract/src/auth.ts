import { ROLES } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses, text } from './common';

export const LoginBody = z
  .object({
    email: z.email().max(254).openapi({ example: 'admin@dongqu.demo' }),
    password: text(200, { trim: false }).openapi({ example: 'gongfu-demo-2026' }),
  })
  .openapi('LoginBody');
export type LoginBody = z.infer<typeof LoginBody>;

export const Membership = z
  .object({
    id: z.uuid(),
    role: z.enum(ROLES),
    districtId: z.uuid().nullable(),
    districtName: z.string().nullable(),
    communityId: z.uuid().nullable(),
    communityName: z.string().nullable(),
    partnerId: z.uuid().nullable(),
    partnerName: z.string().nullable(),
  })
  .openapi('Membership');
export type Membership = z.infer<typeof Membership>;

export const Me = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.string(),
      displayName: z.string(),
      locale: z.enum(['zh-CN', 'en']),
    }),
    memberships: z.array(Membership),
    /** the membership this request acts under */
    activeMembershipId: z.uuid(),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;

export const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Log in with email and password; sets the session cookie',
  request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
  responses: {
    200: { description: 'Logged in', content: { 'application/json': { schema: Me } } },
    400: errorResponses[400],
    401: { description: 'Wrong email or password', content: { 'application/json': { schema: ErrorBody } } },
    429: { description: 'Too many attempts', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'End the session (server side) and clear the cookie',
  responses: { 204: { description: 'Logged out' } },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The logged-in user and memberships',
  responses: {
    200: { description: 'The user', content: { 'application/json': { schema: Me } } },
    401: errorResponses[401],
  },
});
