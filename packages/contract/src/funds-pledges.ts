import { PLEDGE_KINDS } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses, IdParam, text } from './common';

// Give-back pledges of partners and their fulfilments; a cash fulfilment is a donation into a fund.

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const positiveFen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const date = z.iso.date().openapi({ example: '2026-06-01' });

export const PledgeFulfilment = z
  .object({
    id: z.uuid(),
    pledgeId: z.uuid(),
    partnerId: z.uuid(),
    valueFen: positiveFen,
    fulfilledOn: z.string(),
    description: z.string().nullable(),
    /** the donation entry in the pledge's fund, for cash fulfilments */
    ledgerEntryId: z.uuid().nullable(),
    /** non-cash: always; cash: once its donation is booked in the fund */
    confirmed: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('PledgeFulfilment');

export const Pledge = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string().nullable(),
    kind: z.enum(PLEDGE_KINDS),
    description: z.string(),
    amountFen: fen,
    dueOn: z.string(),
    fundId: z.uuid().nullable(),
    status: z.enum(['open', 'fulfilled']),
    fulfilledFen: fen.openapi({
      description: 'What counts as given: non-cash fulfilments, booked cash ones',
    }),
    outstandingFen: fen.openapi({ description: 'amountFen − fulfilledFen, never below 0' }),
    awaitingConfirmationFen: fen.openapi({
      description: 'Cash the partner declared that the community has not confirmed (booked) yet',
    }),
    overdue: z.boolean().openapi({ description: 'Still open after its due day (Asia/Shanghai)' }),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Pledge');
export type Pledge = z.infer<typeof Pledge>;

export const PledgeDetail = Pledge.extend({ fulfilments: z.array(PledgeFulfilment) }).openapi('PledgeDetail');
export type PledgeDetail = z.infer<typeof PledgeDetail>;

export const PledgeList = z
  .object({
    items: z.array(Pledge),
    total: z.number().int(),
    totals: z
      .object({ amountFen: fen, fulfilledFen: fen, outstandingFen: fen, awaitingConfirmationFen: fen })
      .openapi({ description: 'Sums over the listed pledges' }),
  })
  .openapi('PledgeList');
export type PledgeList = z.infer<typeof PledgeList>;

export const PledgeListQuery = z.object({
  communityId: z
    .uuid()
    .optional()
    .openapi({ param: { name: 'communityId', in: 'query' } }),
  partnerId: z
    .uuid()
    .optional()
    .openapi({ param: { name: 'partnerId', in: 'query' } }),
  fundId: z
    .uuid()
    .optional()
    .openapi({ param: { name: 'fundId', in: 'query' } }),
  status: z
    .enum(['open', 'fulfilled'])
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({
      param: { name: 'overdue', in: 'query' },
      description: 'true: open pledges past their due day',
    }),
});
export type PledgeListQuery = z.infer<typeof PledgeListQuery>;

export const PledgeCreate = z
  .object({
    communityId: z.uuid().optional().openapi({
      description: 'Required for partner operators; a community admin’s own community otherwise',
    }),
    partnerId: z.uuid(),
    kind: z.enum(PLEDGE_KINDS),
    description: text(2000),
    amountFen: fen.openapi({ description: 'Pledged amount, or the estimated value of a non-cash pledge' }),
    dueOn: date,
    fundId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: 'The fund a cash pledge is paid into (required for cash)' }),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'cash' && !value.fundId) {
      ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: ['fundId'] });
    }
    if (value.kind === 'cash' && value.amountFen < 1) {
      ctx.addIssue({
        code: 'too_small',
        origin: 'number',
        minimum: 1,
        inclusive: true,
        input: value.amountFen,
        path: ['amountFen'],
      });
    }
  })
  .openapi('PledgeCreate');
export type PledgeCreate = z.infer<typeof PledgeCreate>;

export const FulfilmentCreate = z
  .object({
    valueFen: positiveFen,
    fulfilledOn: date,
    description: text(2000, { min: 0 }).nullable().optional(),
  })
  .openapi('FulfilmentCreate');
export type FulfilmentCreate = z.infer<typeof FulfilmentCreate>;

export const FulfilmentParams = z.object({
  id: IdParam.shape.id,
  fulfilmentId: z.uuid().openapi({
    param: { name: 'fulfilmentId', in: 'path' },
    example: '00000000-0000-4000-8000-000000000000',
  }),
});

const tags = ['pledges'];
const errors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
};

export const listPledgesRoute = createRoute({
  method: 'get',
  path: '/pledges',
  tags,
  summary: 'Give-back pledges in scope (a partner operator sees its own partner’s)',
  request: { query: PledgeListQuery },
  responses: { 200: json(PledgeList, 'The pledges'), ...errors },
});

export const getPledgeRoute = createRoute({
  method: 'get',
  path: '/pledges/{id}',
  tags,
  summary: 'One pledge with its fulfilments',
  request: { params: IdParam },
  responses: { 200: json(PledgeDetail, 'The pledge'), ...errors },
});

export const createPledgeRoute = createRoute({
  method: 'post',
  path: '/pledges',
  tags,
  summary:
    'Record a partner’s give-back pledge to a community (its community admin, or the partner operator for its own)',
  request: { body: { content: { 'application/json': { schema: PledgeCreate } }, required: true } },
  responses: { 201: json(PledgeDetail, 'Created'), ...errors },
});

export const createFulfilmentRoute = createRoute({
  method: 'post',
  path: '/pledges/{id}/fulfilments',
  tags,
  summary:
    'Record what a partner gave. Recorded by the community admin, a cash fulfilment is booked as a donation into the pledge’s fund at once; declared by the partner, it waits for the community’s confirmation',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: FulfilmentCreate } }, required: true },
  },
  responses: {
    201: json(PledgeDetail, 'Recorded'),
    ...errors,
    409: json(ErrorBody, 'Conflicts with existing data'),
  },
});

export const confirmFulfilmentRoute = createRoute({
  method: 'post',
  path: '/pledges/{id}/fulfilments/{fulfilmentId}/confirm',
  tags,
  summary:
    'The community admin confirms a cash fulfilment a partner declared: books its donation into the pledge’s fund, exactly once',
  request: { params: FulfilmentParams },
  responses: {
    200: json(PledgeDetail, 'Confirmed'),
    ...errors,
    409: json(ErrorBody, 'Already confirmed, or not a cash fulfilment'),
  },
});
