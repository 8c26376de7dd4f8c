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
      /** an admin set the password (invite, reset): every other route answers 403 password_change_required */
      mustChangePassword: z.boolean(),
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

/** At least 10 characters, letters and digits both (ADR 0025); the server also refuses the current one. */
export const PASSWORD_MIN_LENGTH = 10;

export const ChangePasswordBody = z
  .object({
    currentPassword: text(200, { trim: false }),
    newPassword: text(200, { trim: false }),
  })
  .openapi('ChangePasswordBody');
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const changePasswordRoute = createRoute({
  method: 'post',
  path: '/password',
  tags: ['auth'],
  summary: "Change one's own password (current and new); ends the user's other sessions",
  request: { body: { content: { 'application/json': { schema: ChangePasswordBody } }, required: true } },
  responses: {
    200: { description: 'Changed; a fresh session cookie', content: { 'application/json': { schema: Me } } },
    400: errorResponses[400],
    401: errorResponses[401],
    429: { description: 'Too many attempts', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export const SecurityEvent = z
  .object({
    id: z.uuid(),
    occurredAt: z.string(),
    kind: z.enum(['login', 'logout', 'password_change']),
    outcome: z.enum(['success', 'wrong_password', 'unknown_account', 'throttled', 'disabled']),
    email: z.string(),
    userId: z.uuid().nullable(),
    /** the account's home district; null for an unknown address or an account of no district */
    districtId: z.uuid().nullable(),
    address: z.string(),
    userAgent: z.string(),
  })
  .openapi('SecurityEvent');
export type SecurityEvent = z.infer<typeof SecurityEvent>;

export const SecurityEventsQuery = z.object({
  kind: z.enum(['login', 'logout', 'password_change']).optional(),
  before: z.iso.datetime({ offset: true }).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const listSecurityEventsRoute = createRoute({
  method: 'get',
  path: '/security-events',
  tags: ['audit'],
  summary:
    "Logins, logouts and password changes of the district's accounts (the platform admin: those of no district)",
  request: { query: SecurityEventsQuery },
  responses: {
    200: {
      description: 'Newest first',
      content: { 'application/json': { schema: z.object({ items: z.array(SecurityEvent) }) } },
    },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});
