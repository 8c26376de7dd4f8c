import { FUND_KINDS, LEDGER_ENTRY_KINDS } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from './common';

// The public disclosure board of a community (no login): only what is marked for disclosure.

export const PublicLedgerEntry = z
  .object({
    id: z.uuid(),
    kind: z.enum(LEDGER_ENTRY_KINDS),
    direction: z.union([z.literal(1), z.literal(-1)]),
    amountFen: z.number().int(),
    balanceAfterFen: z.number().int(),
    month: z.string(),
    proposalId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('PublicLedgerEntry');

export const PublicFund = z
  .object({
    id: z.uuid(),
    kind: z.enum(FUND_KINDS),
    name: z.string(),
    purpose: z.string().nullable(),
    balanceFen: z.number().int(),
    inflowFen: z.number().int(),
    outflowFen: z.number().int(),
    entries: z.array(PublicLedgerEntry),
  })
  .openapi('PublicFund');

export const PublicProposal = z
  .object({
    id: z.uuid(),
    title: z.string(),
    purpose: z.string(),
    amountFen: z.number().int(),
    paidFen: z.number().int(),
    status: z.enum(['disclosure', 'disclosed', 'paid_out', 'closed']),
    /** the fund it is paid from, when that fund is public */
    fundId: z.uuid().nullable(),
    fundName: z.string().nullable(),
    meetingOn: z.string().nullable(),
    eligibleVoters: z.number().int().nullable(),
    attendance: z.number().int().nullable(),
    quorum: z.number().int().nullable(),
    votesFor: z.number().int().nullable(),
    votesAgainst: z.number().int().nullable(),
    votesAbstain: z.number().int().nullable(),
    disclosureStartsOn: z.string(),
    disclosureEndsOn: z.string(),
    objectionsCount: z.number().int(),
    payouts: z.array(z.object({ amountFen: z.number().int(), month: z.string(), createdAt: z.string() })),
  })
  .openapi('PublicProposal');

export const PublicDisclosure = z
  .object({
    community: z.object({ id: z.uuid(), name: z.string() }),
    funds: z.array(PublicFund),
    proposals: z.array(PublicProposal),
    generatedAt: z.string(),
  })
  .openapi('PublicDisclosure');
export type PublicDisclosure = z.infer<typeof PublicDisclosure>;

export const PublicDisclosureParams = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
});

export const PublicDisclosureQuery = z.object({
  district: z.uuid().openapi({
    param: { name: 'district', in: 'query' },
    description:
      'The community’s district. The board’s link carries it, so the public read is scoped to exactly one (district, community) pair.',
  }),
});

export const getPublicDisclosureRoute = createRoute({
  method: 'get',
  path: '/communities/{id}/disclosure',
  tags: ['public'],
  summary:
    'A community’s public disclosure board (no login): public funds, their entries, disclosed proposals',
  request: { params: PublicDisclosureParams, query: PublicDisclosureQuery },
  responses: {
    200: { description: 'The board', content: { 'application/json': { schema: PublicDisclosure } } },
    400: errorResponses[400],
    404: errorResponses[404],
  },
});
