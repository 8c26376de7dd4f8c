import { FUND_KINDS, isLocalDate, LEDGER_ENTRY_KINDS, PROPOSAL_USE_CATEGORIES } from '@gongfu/domain';
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
    /** the day it was booked (a payout's own date when it has one), Asia/Shanghai */
    bookedOn: z.string(),
    createdAt: z.string(),
  })
  .openapi('PublicLedgerEntry');

export const PublicFund = z
  .object({
    id: z.uuid(),
    kind: z.enum(FUND_KINDS),
    name: z.string(),
    purpose: z.string().nullable(),
    /** the balance today */
    balanceFen: z.number().int(),
    /**
     * The share of the community's income this fund receives under the distribution rule in force at the
     * period's end (basis points); null for a fund no rule feeds (donations). Two funds with the same share
     * show the same figures: the board says why.
     */
    profitShareBp: z.number().int().nullable(),
    /** the balance before the period and at its end */
    openingFen: z.number().int(),
    closingFen: z.number().int(),
    /** what came in and went out during the period (by direction: a reversal counts where its money went) */
    inflowFen: z.number().int(),
    outflowFen: z.number().int(),
    /** the period's entries in booking order */
    entries: z.array(PublicLedgerEntry),
  })
  .openapi('PublicFund');

export const PublicProposal = z
  .object({
    id: z.uuid(),
    title: z.string(),
    purpose: z.string(),
    useCategory: z.enum(PROPOSAL_USE_CATEGORIES),
    /** the approved amount */
    amountFen: z.number().int(),
    /** paid out so far, net of reversals */
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
    payouts: z.array(
      z.object({
        amountFen: z.number().int(),
        month: z.string(),
        /** the payout's date (its booking day when none was given) */
        paidOn: z.string(),
        createdAt: z.string(),
      }),
    ),
    /** what the community recorded when it closed the proposal */
    closeResult: z.string().nullable(),
  })
  .openapi('PublicProposal');

export const PublicDisclosure = z
  .object({
    community: z.object({
      id: z.uuid(),
      name: z.string(),
      /** who answers for the board (负责单位), as the community set it */
      responsibleOrg: z.string().nullable(),
      /** where residents take a question or an objection: a phone number or an address */
      feedbackChannel: z.string().nullable(),
    }),
    /** the disclosure period (起止日期), whole days in Asia/Shanghai */
    period: z.object({ from: z.string(), to: z.string() }),
    /** the business day the figures are read on (数据截至); no clock time, so the ETag holds for the day */
    dataDate: z.string(),
    funds: z.array(PublicFund),
    /** proposals put to public disclosure whose disclosure, a payout or an open stage falls in the period */
    proposals: z.array(PublicProposal),
  })
  .openapi('PublicDisclosure');
export type PublicDisclosure = z.infer<typeof PublicDisclosure>;

export const PublicDisclosureParams = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
});

/** A month (YYYY-MM) or a day (YYYY-MM-DD) that exists. */
const periodBound = z
  .string()
  .max(10)
  .refine((v) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(v) || isLocalDate(v)) && v >= '1900' && v < '3000');

export const PublicDisclosureQuery = z.object({
  district: z.uuid().openapi({
    param: { name: 'district', in: 'query' },
    description:
      'The community’s district. The board’s link carries it, so the public read is scoped to exactly one (district, community) pair.',
  }),
  from: periodBound.optional().openapi({
    param: { name: 'from', in: 'query' },
    description:
      'First month (its first day) or day of the period; default 11 months before the data date’s month',
    example: '2026-01',
  }),
  to: periodBound.optional().openapi({
    param: { name: 'to', in: 'query' },
    description: 'Last month (its last day) or day of the period; default the data date',
    example: '2026-12',
  }),
});
export type PublicDisclosureQuery = z.infer<typeof PublicDisclosureQuery>;

export const getPublicDisclosureRoute = createRoute({
  method: 'get',
  path: '/communities/{id}/disclosure',
  tags: ['public'],
  summary:
    'A community’s public disclosure board (no login): public funds, their entries, disclosed proposals',
  request: { params: PublicDisclosureParams, query: PublicDisclosureQuery },
  responses: {
    200: {
      description: 'The board (Cache-Control: public, max-age=60; ETag)',
      content: { 'application/json': { schema: PublicDisclosure } },
    },
    304: { description: 'Not modified (If-None-Match matched the ETag)' },
    400: errorResponses[400],
    404: errorResponses[404],
  },
});
