import {
  MAX_DISCLOSURE_DAYS,
  PROPOSAL_ACTIONS,
  PROPOSAL_STATUSES,
  PROPOSAL_USE_CATEGORIES,
} from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses, IdParam, text } from './common';

// Resident proposals (居民共议): draft → deliberation → approved | rejected → disclosure → paid out → closed.

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const conflict = json(ErrorBody, 'Conflicts with the proposal’s state, its version, or the fund’s balance');
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const positiveFen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const date = z.iso.date().openapi({ example: '2026-06-01' });
const count = z.number().int().min(0).max(10_000_000);
const version = z
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .openapi({ description: 'The version read; a stale one gets 409' });
const useCategory = z.enum(PROPOSAL_USE_CATEGORIES).openapi({
  description:
    '用途类别, the domain’s closed list; a fund kind may ban some (the charity fund pays for neither governance nor other)',
});
/** a file name as noted from a paper record, without its folders */
const fileName = text(255).regex(/^[^/\\]+$/);

/** Shortest public disclosure the API accepts: the default 5 days is also the minimum. */
export const MIN_DISCLOSURE_DAYS = 5;

export const Deliberation = z
  .object({
    meetingOn: z.string(),
    eligibleVoters: z.number().int().nullable(),
    attendance: z.number().int(),
    quorum: z.number().int(),
    votesFor: z.number().int(),
    votesAgainst: z.number().int(),
    votesAbstain: z.number().int(),
    minutes: z.string().nullable(),
    /** the scanned minutes' file name, noted when the meeting was recorded on paper (no upload) */
    minutesFileName: z.string().nullable(),
  })
  .openapi('Deliberation');

export const Disclosure = z
  .object({
    startsOn: z.string(),
    endsOn: z.string().openapi({ description: 'Last day of disclosure, inclusive' }),
    days: z.number().int(),
    /** the period has ended (today is after endsOn, Asia/Shanghai) */
    over: z.boolean(),
  })
  .openapi('Disclosure');

export const Objection = z
  .object({
    id: z.uuid(),
    proposalId: z.uuid(),
    content: z.string(),
    raisedOn: z.string(),
    status: z.enum(['pending', 'upheld', 'dismissed', 'superseded']),
    resolution: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Objection');

export const Payout = z
  .object({
    entryId: z.uuid(),
    amountFen: positiveFen,
    month: z.string(),
    /** the day the money left the fund, as the community entered it (not when the row was booked: createdAt) */
    paidOn: z.string(),
    memo: z.string().nullable(),
    reversed: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Payout');

export const Proposal = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    fundId: z.uuid(),
    title: z.string(),
    purpose: z.string(),
    useCategory,
    amountFen: positiveFen,
    paidFen: fen,
    /** what may still be paid out: 0 until disclosure has passed */
    remainingFen: fen,
    status: z.enum(PROPOSAL_STATUSES),
    deliberation: Deliberation.nullable(),
    disclosure: Disclosure.nullable(),
    /** the result given at 结项; null until closed */
    closeResult: z.string().nullable(),
    availableActions: z.array(z.enum(PROPOSAL_ACTIONS)),
    version: z.number().int(),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Proposal');
export type Proposal = z.infer<typeof Proposal>;

export const ProposalDetail = Proposal.extend({
  objections: z.array(Objection),
  payouts: z.array(Payout),
}).openapi('ProposalDetail');
export type ProposalDetail = z.infer<typeof ProposalDetail>;

export const ProposalList = z
  .object({ items: z.array(Proposal), total: z.number().int() })
  .openapi('ProposalList');
export type ProposalList = z.infer<typeof ProposalList>;

export const ProposalListQuery = z.object({
  communityId: z
    .uuid()
    .optional()
    .openapi({ param: { name: 'communityId', in: 'query' } }),
  fundId: z
    .uuid()
    .optional()
    .openapi({ param: { name: 'fundId', in: 'query' } }),
  status: z
    .enum(PROPOSAL_STATUSES)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
});

export const ProposalCreate = z
  .object({
    fundId: z
      .uuid()
      .openapi({ description: 'The fund it would be paid from; the proposal belongs to its community' }),
    title: text(200),
    purpose: text(5000),
    useCategory,
    amountFen: positiveFen,
  })
  .openapi('ProposalCreate');
export type ProposalCreate = z.infer<typeof ProposalCreate>;

export const ProposalUpdate = z
  .object({
    version,
    fundId: z.uuid().optional(),
    title: text(200).optional(),
    purpose: text(5000).optional(),
    useCategory: useCategory.optional(),
    amountFen: positiveFen.optional(),
  })
  .openapi('ProposalUpdate');
export type ProposalUpdate = z.infer<typeof ProposalUpdate>;

export const DeliberationInput = z
  .object({
    version: version.optional(),
    meetingOn: date,
    eligibleVoters: count.nullable().optional(),
    attendance: count,
    quorum: z
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .optional()
      .openapi({ description: 'Defaults to more than half of eligibleVoters; required without them' }),
    votesFor: count,
    votesAgainst: count,
    votesAbstain: count,
    minutes: text(20_000, { min: 0 }).nullable().optional(),
    minutesFileName: fileName.nullable().optional().openapi({
      description:
        'The scanned minutes’ file name when the meeting was recorded on paper (noted, not uploaded)',
    }),
  })
  .superRefine((value, ctx) => {
    if (value.quorum === undefined && (value.eligibleVoters === undefined || value.eligibleVoters === null)) {
      ctx.addIssue({ code: 'invalid_type', expected: 'number', input: undefined, path: ['quorum'] });
    }
  })
  .openapi('DeliberationInput');
export type DeliberationInput = z.infer<typeof DeliberationInput>;

export const DisclosureInput = z
  .object({
    version: version.optional(),
    startsOn: date.optional().openapi({ description: 'Today (Asia/Shanghai) by default; never in the past' }),
    days: z
      .number()
      .int()
      .min(MIN_DISCLOSURE_DAYS)
      .max(MAX_DISCLOSURE_DAYS)
      .default(MIN_DISCLOSURE_DAYS)
      .openapi({ description: `Length of 公示 in days, ${MIN_DISCLOSURE_DAYS} to ${MAX_DISCLOSURE_DAYS}` }),
  })
  .openapi('DisclosureInput');
export type DisclosureInput = z.infer<typeof DisclosureInput>;

export const ObjectionCreate = z
  .object({
    content: text(5000),
    raisedOn: date.optional().openapi({ description: 'Today by default; within the disclosure period' }),
  })
  .openapi('ObjectionCreate');
export type ObjectionCreate = z.infer<typeof ObjectionCreate>;

export const ObjectionResolve = z
  .object({
    upheld: z.boolean().openapi({ description: 'true voids the approval: the proposal goes back to draft' }),
    resolution: text(5000),
  })
  .openapi('ObjectionResolve');
export type ObjectionResolve = z.infer<typeof ObjectionResolve>;

export const PayoutCreate = z
  .object({
    version: version.optional(),
    amountFen: positiveFen,
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional()
      .openapi({ description: 'Booking month; this month by default' }),
    paidOn: date.optional().openapi({
      description:
        'The day the money left the fund; today by default, never after today nor in a month after the booking month',
    }),
    memo: text(500, { min: 0 }).nullable().optional(),
  })
  .openapi('PayoutCreate');
export type PayoutCreate = z.infer<typeof PayoutCreate>;

export const PayoutResult = z
  .object({ proposal: ProposalDetail, entryId: z.uuid(), fundBalanceFen: fen })
  .openapi('PayoutResult');

export const VersionInput = z.object({ version: version.optional() }).openapi('VersionInput');
export type VersionInput = z.infer<typeof VersionInput>;

export const CloseInput = z
  .object({
    version: version.optional(),
    result: text(5000).openapi({
      description: 'The result of the proposal (结项), e.g. what was built or why it ends',
    }),
  })
  .openapi('CloseInput');
export type CloseInput = z.infer<typeof CloseInput>;

export const ObjectionParams = z.object({
  id: IdParam.shape.id,
  objectionId: z
    .uuid()
    .openapi({ param: { name: 'objectionId', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
});

const tags = ['proposals'];
const errors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
};
const body = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

export const listProposalsRoute = createRoute({
  method: 'get',
  path: '/proposals',
  tags,
  summary: 'Resident proposals in the caller’s scope',
  request: { query: ProposalListQuery },
  responses: { 200: json(ProposalList, 'The proposals'), ...errors },
});

export const getProposalRoute = createRoute({
  method: 'get',
  path: '/proposals/{id}',
  tags,
  summary: 'One proposal with its objections and payouts',
  request: { params: IdParam },
  responses: { 200: json(ProposalDetail, 'The proposal'), ...errors },
});

export const createProposalRoute = createRoute({
  method: 'post',
  path: '/proposals',
  tags,
  summary: 'Draft a proposal to be paid from a fund',
  request: { body: body(ProposalCreate) },
  responses: { 201: json(ProposalDetail, 'Created'), ...errors, 409: conflict },
});

export const updateProposalRoute = createRoute({
  method: 'patch',
  path: '/proposals/{id}',
  tags,
  summary: 'Edit a draft (carries its version)',
  request: { params: IdParam, body: body(ProposalUpdate) },
  responses: { 200: json(ProposalDetail, 'Updated'), ...errors, 409: conflict },
});

export const deliberateProposalRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/deliberate',
  tags,
  summary: 'Record the residents’ meeting; the vote decides approved or rejected',
  request: { params: IdParam, body: body(DeliberationInput) },
  responses: { 200: json(ProposalDetail, 'Decided'), ...errors, 409: conflict },
});

export const discloseProposalRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/disclose',
  tags,
  summary: 'Start the public disclosure period (公示) of an approved proposal',
  request: { params: IdParam, body: body(DisclosureInput) },
  responses: { 200: json(ProposalDetail, 'In disclosure'), ...errors, 409: conflict },
});

export const createObjectionRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/objections',
  tags,
  summary: 'Record an objection raised during disclosure',
  request: { params: IdParam, body: body(ObjectionCreate) },
  responses: { 201: json(ProposalDetail, 'Recorded'), ...errors, 409: conflict },
});

export const resolveObjectionRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/objections/{objectionId}/resolve',
  tags,
  summary: 'Resolve an objection: upheld sends the proposal back to draft, dismissed keeps disclosure going',
  request: { params: ObjectionParams, body: body(ObjectionResolve) },
  responses: { 200: json(ProposalDetail, 'Resolved'), ...errors, 409: conflict },
});

export const createPayoutRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/payouts',
  tags,
  summary:
    'Pay out of the fund (an expenditure entry): only after disclosure passed with no upheld or pending objection, never above the approved amount or the balance',
  request: { params: IdParam, body: body(PayoutCreate) },
  responses: { 201: json(PayoutResult, 'Paid'), ...errors, 409: conflict },
});

export const closeProposalRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/close',
  tags,
  summary: 'Close a rejected, disclosed or paid-out proposal with its result',
  request: { params: IdParam, body: body(CloseInput) },
  responses: { 200: json(ProposalDetail, 'Closed'), ...errors, 409: conflict },
});

export const withdrawProposalRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/withdraw',
  tags,
  summary: 'Withdraw a proposal before it is decided',
  request: { params: IdParam, body: body(VersionInput) },
  responses: { 200: json(ProposalDetail, 'Withdrawn'), ...errors, 409: conflict },
});
