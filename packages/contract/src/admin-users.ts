import { DISTRICT_GRANTABLE_ROLES, USER_STATUSES } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam, text } from './common';
import { jsonBody, listOf, readResponses, writeResponses } from './register-common';

/**
 * District administration of user accounts (用户与权限, issue 11; ADR 0021): a district admin invites, disables,
 * re-enables and resets the accounts of its district and changes their memberships; the platform creates
 * districts and their first admin. A new or reset account gets an initial password, answered once.
 */

export const UserMembership = z
  .object({
    id: z.uuid(),
    role: z.enum(DISTRICT_GRANTABLE_ROLES),
    districtId: z.uuid(),
    communityId: z.uuid().nullable(),
    communityName: z.string().nullable(),
    partnerId: z.uuid().nullable(),
    partnerName: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('UserMembership');
export type UserMembership = z.infer<typeof UserMembership>;

export const DistrictUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    status: z.enum(USER_STATUSES),
    disabledAt: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    memberships: z.array(UserMembership),
    /** the account of the admin asking: it cannot disable or reset itself */
    isSelf: z.boolean(),
    /**
     * Its password was set by an admin (invited, or reset) and not yet changed by its owner, who must change it
     * at the next login (ADR 0025). Only a district admin reads it: the list is theirs alone.
     */
    mustChangePassword: z.boolean().openapi({
      description:
        'The password was set by an admin (invitation or reset) and its owner has not changed it yet: they must at their next login',
    }),
  })
  .openapi('DistrictUser');
export type DistrictUser = z.infer<typeof DistrictUser>;
export const DistrictUserList = listOf(DistrictUser, 'DistrictUserList');
export type DistrictUserList = z.infer<typeof DistrictUserList>;

/**
 * The list's filters, all optional and combined: `role`, `communityId` and `partnerId` are matched by one and the
 * same membership (a community reporter of 金汇, not a reporter elsewhere who also administers 金汇).
 */
export const DistrictUserListQuery = z.object({
  q: text(100)
    .optional()
    .openapi({ param: { name: 'q', in: 'query' }, description: 'Part of the name or the login' }),
  status: z
    .enum(USER_STATUSES)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
  role: z
    .enum(DISTRICT_GRANTABLE_ROLES)
    .optional()
    .openapi({ param: { name: 'role', in: 'query' }, description: 'Accounts holding this role' }),
  communityId: z
    .uuid()
    .optional()
    .openapi({
      param: { name: 'communityId', in: 'query' },
      description: 'Accounts with a role in this community (with `role`: that role, there)',
    }),
  partnerId: z
    .uuid()
    .optional()
    .openapi({
      param: { name: 'partnerId', in: 'query' },
      description: 'Accounts operating for this partner (with `role`: that role, for it)',
    }),
});
export type DistrictUserListQuery = z.infer<typeof DistrictUserListQuery>;

/** A role and where it applies: a community for community roles, a partner for operators, neither else. */
export const MembershipInput = z
  .object({
    role: z.enum(DISTRICT_GRANTABLE_ROLES),
    communityId: z.uuid().nullable().optional(),
    partnerId: z.uuid().nullable().optional(),
  })
  .strict()
  .openapi('MembershipInput');
export type MembershipInput = z.infer<typeof MembershipInput>;

/** A login: an email address, as people type it (trimmed and lower-cased by the service). */
export const loginEmail = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .openapi({ example: 'zhang.wei@dongqu.gov.cn' });

export const UserInvite = z
  .object({
    displayName: text(100),
    email: loginEmail,
    memberships: z.array(MembershipInput).min(1).max(10),
  })
  .strict()
  .openapi('UserInvite');
export type UserInvite = z.infer<typeof UserInvite>;

/** The initial password of a new or reset account: shown once, never stored in clear, never shown again. */
export const InitialPassword = z
  .string()
  .openapi({ example: 'k7mq-4xtp-9wre-hn3c', description: 'Shown once; the user logs in with it' });

export const UserInvited = z
  .object({ user: DistrictUser, initialPassword: InitialPassword })
  .openapi('UserInvited');
export type UserInvited = z.infer<typeof UserInvited>;

export const PasswordReset = z
  .object({ user: DistrictUser, initialPassword: InitialPassword })
  .openapi('PasswordReset');
export type PasswordReset = z.infer<typeof PasswordReset>;

export const MembershipParams = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
  membershipId: z.uuid().openapi({
    param: { name: 'membershipId', in: 'path' },
    example: '00000000-0000-4000-8000-000000000001',
  }),
});

const tags = ['users'];
const userResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: DistrictUser } },
});

export const listDistrictUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags,
  summary: 'The district’s user accounts and their memberships (district admins)',
  request: { query: DistrictUserListQuery },
  responses: {
    200: { description: 'The accounts', content: { 'application/json': { schema: DistrictUserList } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const getDistrictUserRoute = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags,
  summary: 'One account of the district',
  request: { params: IdParam },
  responses: { 200: userResponse('The account'), ...readResponses },
});

export const inviteUserRoute = createRoute({
  method: 'post',
  path: '/users',
  tags,
  summary: 'Invite a user: creates the account with its memberships and answers its initial password once',
  request: { body: jsonBody(UserInvite) },
  responses: {
    201: { description: 'Invited', content: { 'application/json': { schema: UserInvited } } },
    ...writeResponses,
  },
});

export const disableUserRoute = createRoute({
  method: 'post',
  path: '/users/{id}/disable',
  tags,
  summary: 'Disable an account: its sessions end at once and it cannot log in',
  request: { params: IdParam },
  responses: { 200: userResponse('Disabled'), ...writeResponses },
});

export const enableUserRoute = createRoute({
  method: 'post',
  path: '/users/{id}/enable',
  tags,
  summary: 'Re-enable a disabled account',
  request: { params: IdParam },
  responses: { 200: userResponse('Enabled'), ...writeResponses },
});

export const resetUserPasswordRoute = createRoute({
  method: 'post',
  path: '/users/{id}/reset-password',
  tags,
  summary: 'Reset a password: a new initial password, answered once; the account’s sessions end',
  request: { params: IdParam },
  responses: {
    200: { description: 'Reset', content: { 'application/json': { schema: PasswordReset } } },
    ...writeResponses,
  },
});

export const addMembershipRoute = createRoute({
  method: 'post',
  path: '/users/{id}/memberships',
  tags,
  summary: 'Give an account another role in the district',
  request: { params: IdParam, body: jsonBody(MembershipInput) },
  responses: { 201: userResponse('The account with the new membership'), ...writeResponses },
});

export const updateMembershipRoute = createRoute({
  method: 'put',
  path: '/users/{id}/memberships/{membershipId}',
  tags,
  summary: 'Change a membership’s role (and its community or partner)',
  request: { params: MembershipParams, body: jsonBody(MembershipInput) },
  responses: { 200: userResponse('The account'), ...writeResponses },
});

export const removeMembershipRoute = createRoute({
  method: 'delete',
  path: '/users/{id}/memberships/{membershipId}',
  tags,
  summary: 'Take a role away (never the district’s last admin)',
  request: { params: MembershipParams },
  responses: { 200: userResponse('The account'), ...writeResponses },
});

// ── the platform: districts and their first admin

export const PlatformDistrict = z
  .object({
    id: z.uuid(),
    name: z.string(),
    adminCode: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PlatformDistrict');
export type PlatformDistrict = z.infer<typeof PlatformDistrict>;
export const PlatformDistrictList = listOf(PlatformDistrict, 'PlatformDistrictList');
export type PlatformDistrictList = z.infer<typeof PlatformDistrictList>;

export const DistrictCreate = z
  .object({
    name: text(100),
    adminCode: z
      .string()
      .trim()
      .regex(/^[0-9]{6,12}$/)
      .nullable()
      .optional()
      .openapi({ example: '510402', description: '行政区划代码, 6–12 digits' }),
    admin: z
      .object({ displayName: text(100), email: loginEmail })
      .strict()
      .openapi({ description: 'The district’s first admin' }),
  })
  .strict()
  .openapi('DistrictCreate');
export type DistrictCreate = z.infer<typeof DistrictCreate>;

export const DistrictCreated = z
  .object({
    district: PlatformDistrict,
    admin: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
    initialPassword: InitialPassword,
  })
  .openapi('DistrictCreated');
export type DistrictCreated = z.infer<typeof DistrictCreated>;

export const listPlatformDistrictsRoute = createRoute({
  method: 'get',
  path: '/platform/districts',
  tags: ['platform'],
  summary: 'Every district (the platform operator)',
  responses: {
    200: {
      description: 'The districts',
      content: { 'application/json': { schema: PlatformDistrictList } },
    },
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const createPlatformDistrictRoute = createRoute({
  method: 'post',
  path: '/platform/districts',
  tags: ['platform'],
  summary: 'Create a district and its first admin (whose initial password is answered once)',
  request: { body: jsonBody(DistrictCreate) },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: DistrictCreated } } },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    409: writeResponses[409],
  },
});
