// Schemas and routes of the oversight feature: warnings (预警) and the audit log.
import { WARNING_KINDS, WARNING_SEVERITIES } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses, IdParam, text } from './common';

/** The statuses a stored warning can have (the table allows these two). */
export const STORED_WARNING_STATUSES = ['open', 'resolved'] as const;

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const conflict = { description: 'Stale version or already resolved', content: json(ErrorBody) };

export const Warning = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    communityName: z.string().nullable(),
    kind: z.enum(WARNING_KINDS),
    severity: z.enum(WARNING_SEVERITIES),
    subjectType: z.enum(['venture', 'fund', 'agreement', 'pledge']),
    subjectId: z.uuid(),
    period: z.string().openapi({
      description: 'What the warning is about in time: a month (YYYY-MM) or a date (YYYY-MM-DD)',
      example: '2026-10',
    }),
    detail: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The figures behind the warning (amounts in fen, dates, names)' }),
    status: z.enum(STORED_WARNING_STATUSES),
    ownerUserId: z.uuid().nullable(),
    resolution: z.string().nullable(),
    detectedAt: z.string().openapi({ description: 'When a check found the warning' }),
    conditionSince: z.iso.date().openapi({
      description:
        'The day the condition began (Asia/Shanghai): a late report or pledge its due date, an idle fund the last day of the month of its last outflow (else of its first entry), a fall of revenue or a short remittance the last day of its month, an agreement ending soon the day it came within the window. How long a warning has held is counted from here.',
      example: '2024-11-30',
    }),
    resolvedAt: z.string().nullable(),
    resolvedBy: z.uuid().nullable(),
    version: z.number().int(),
  })
  .openapi('Warning');
export type Warning = z.infer<typeof Warning>;

export const WarningList = z
  .object({ items: z.array(Warning), total: z.number().int() })
  .openapi('WarningList');
export type WarningList = z.infer<typeof WarningList>;

export const WarningListQuery = z.object({
  status: z.enum(STORED_WARNING_STATUSES).optional(),
  severity: z.enum(WARNING_SEVERITIES).optional(),
  kind: z.enum(WARNING_KINDS).optional(),
  communityId: z.uuid().optional(),
  streetOfficeId: z.uuid().optional().openapi({ description: 'Communities of this street office' }),
  ownerUserId: z.uuid().optional().openapi({ description: 'Warnings this user owns' }),
  subjectId: z
    .uuid()
    .optional()
    .openapi({ description: 'Warnings about one object (a venture, fund, agreement or pledge)' }),
  order: z.enum(['newest', 'longest']).optional().openapi({
    description:
      'After open before resolved and red before amber: by the condition’s start, the most recent first (newest, the default) or the longest-held first (longest)',
  }),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type WarningListQuery = z.infer<typeof WarningListQuery>;

export const WarningRefresh = z
  .object({
    asOf: z.iso.date().optional().openapi({
      description: 'Compute as of this date (Asia/Shanghai); default today',
      example: '2026-11-28',
    }),
  })
  .openapi('WarningRefresh');
export type WarningRefresh = z.infer<typeof WarningRefresh>;

export const WarningRefreshResult = z
  .object({
    asOf: z.string(),
    created: z.number().int().openapi({ description: 'New warnings stored by this run' }),
    escalated: z.number().int().openapi({ description: 'Open warnings raised from amber to red' }),
    open: z.number().int().openapi({ description: 'Open warnings in the district after the run' }),
    note: z.string(),
  })
  .openapi('WarningRefreshResult');
export type WarningRefreshResult = z.infer<typeof WarningRefreshResult>;

export const WarningResolve = z
  .object({
    resolution: text(2000),
    version: z.number().int().min(1).max(2_147_483_647),
  })
  .openapi('WarningResolve');
export type WarningResolve = z.infer<typeof WarningResolve>;

export const WarningUpdate = z
  .object({
    ownerUserId: z
      .uuid()
      .nullable()
      .openapi({ description: 'A user of the district; null clears the owner' }),
    version: z.number().int().min(1).max(2_147_483_647),
  })
  .openapi('WarningUpdate');
export type WarningUpdate = z.infer<typeof WarningUpdate>;

export const listWarningsRoute = createRoute({
  method: 'get',
  path: '/warnings',
  tags: ['warnings'],
  summary: 'Warnings in the caller’s scope',
  description:
    'District roles see the district, community roles their community, partner operators the warnings about ' +
    'the ventures they operate (and those ventures’ agreements).',
  request: { query: WarningListQuery },
  responses: {
    200: { description: 'The warnings, red first', content: json(WarningList) },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const getWarningRoute = createRoute({
  method: 'get',
  path: '/warnings/{id}',
  tags: ['warnings'],
  summary: 'One warning (404 when outside the caller’s scope)',
  request: { params: IdParam },
  responses: {
    200: { description: 'The warning', content: json(Warning) },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

export const refreshWarningsRoute = createRoute({
  method: 'post',
  path: '/warnings/refresh',
  tags: ['warnings'],
  summary: 'Recompute the district’s warnings as of a date (district admins)',
  description:
    'Idempotent: a warning is stored once per kind, subject and period, so an open warning is never ' +
    'duplicated; an open amber warning whose condition became red is escalated. Warnings whose condition ' +
    'no longer holds are NOT closed by a refresh: a person resolves them with a resolution text.',
  request: { body: { content: json(WarningRefresh), required: false } },
  responses: {
    200: { description: 'What the run did', content: json(WarningRefreshResult) },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const resolveWarningRoute = createRoute({
  method: 'post',
  path: '/warnings/{id}/resolve',
  tags: ['warnings'],
  summary: 'Resolve a warning with a resolution text (district admin, or the community’s admin)',
  request: { params: IdParam, body: { content: json(WarningResolve), required: true } },
  responses: {
    200: { description: 'The resolved warning', content: json(Warning) },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: conflict,
  },
});

export const updateWarningRoute = createRoute({
  method: 'patch',
  path: '/warnings/{id}',
  tags: ['warnings'],
  summary: 'Set or clear the owner of a warning (district admins)',
  request: { params: IdParam, body: { content: json(WarningUpdate), required: true } },
  responses: {
    200: { description: 'The warning', content: json(Warning) },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: conflict,
  },
});

// ── audit log

export const AuditEntry = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid().nullable(),
    actorUserId: z.uuid().nullable(),
    actorName: z
      .string()
      .nullable()
      .openapi({ description: 'When the actor is visible in the caller’s scope' }),
    /** the API token the actor's company system acted with (ADR 0026), else null */
    apiTokenName: z.string().nullable(),
    action: z.string().openapi({ example: 'community.create' }),
    entityType: z.string().openapi({ example: 'community' }),
    entityId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z
  .object({
    items: z.array(AuditEntry),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null at the end' }),
  })
  .openapi('AuditPage');
export type AuditPage = z.infer<typeof AuditPage>;

const instant = z
  // an instant with an offset and nanoseconds is 35 characters
  .union([z.iso.datetime({ offset: true }).max(40), z.iso.date()])
  .openapi({ description: 'An ISO instant, or a date (Asia/Shanghai)', example: '2026-11-01' });

export const AuditQuery = z.object({
  entityType: text(100).optional(),
  entityId: text(100).optional(),
  actorUserId: z.uuid().optional().openapi({ description: 'Entries by this user (who)' }),
  action: text(100)
    .optional()
    .openapi({ description: 'One action (what), e.g. proposal.pay_out', example: 'proposal.pay_out' }),
  communityId: z.uuid().optional(),
  from: instant.optional().openapi({ description: 'From this instant (a date: its start), inclusive' }),
  to: instant.optional().openapi({ description: 'Until this instant, exclusive (a date: up to its end)' }),
  cursor: text(200, { min: 0, trim: false }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const listAuditRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: 'The audit log in the caller’s scope, newest first',
  description:
    'District roles read the district’s log, community roles their community’s entries; partner operators ' +
    'and the platform operator have no access (403).',
  request: { query: AuditQuery },
  responses: {
    200: { description: 'One page of entries', content: json(AuditPage) },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const AuditActor = z
  .object({
    userId: z.uuid(),
    name: z.string().nullable().openapi({ description: 'When the user is visible in the caller’s scope' }),
    entries: z.number().int(),
  })
  .openapi('AuditActor');
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditActorList = z.object({ items: z.array(AuditActor) }).openapi('AuditActorList');
export type AuditActorList = z.infer<typeof AuditActorList>;

export const AuditActorsQuery = z.object({ communityId: z.uuid().optional() });

export const listAuditActorsRoute = createRoute({
  method: 'get',
  path: '/audit/actors',
  tags: ['audit'],
  summary: 'Who appears in the audit log the caller may read (for the “who” filter)',
  request: { query: AuditActorsQuery },
  responses: {
    200: { description: 'The actors, by name', content: json(AuditActorList) },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});
