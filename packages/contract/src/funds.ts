import { FUND_KINDS, LEDGER_ENTRY_KINDS } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses, IdParam, text } from './common';

// Schemas and routes of the funds feature: funds and their ledger here; proposals, pledges and the
// public disclosure board in funds-*.ts (re-exported below).

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const fundConflict = json(ErrorBody, 'Conflicts with the current state (stale version, balance…)');

/** Integer fen, never negative. */
const FenAmount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Integer fen, more than zero. */
const PositiveFen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const MonthString = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .openapi({ example: '2026-06' });

export const Fund = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    kind: z.enum(FUND_KINDS),
    name: z.string(),
    purpose: z.string().nullable(),
    isPublic: z.boolean(),
    balanceFen: FenAmount,
    createdAt: z.string(),
  })
  .openapi('Fund');
export type Fund = z.infer<typeof Fund>;

export const FundList = z.object({ items: z.array(Fund), total: z.number().int() }).openapi('FundList');
export type FundList = z.infer<typeof FundList>;

export const FundListQuery = z.object({
  communityId: z
    .uuid()
    .optional()
    .openapi({ param: { name: 'communityId', in: 'query' } }),
});

export const FundCreate = z
  .object({
    communityId: z.uuid().optional().openapi({
      description: 'A community admin’s own community (optional; another is 404)',
    }),
    kind: z.enum(FUND_KINDS),
    name: text(100),
    purpose: text(2000, { min: 0 }).nullable().optional(),
    isPublic: z.boolean().default(true),
  })
  .openapi('FundCreate');
export type FundCreate = z.infer<typeof FundCreate>;

export const LedgerEntry = z
  .object({
    id: z.uuid(),
    fundId: z.uuid(),
    kind: z.enum(LEDGER_ENTRY_KINDS),
    direction: z.union([z.literal(1), z.literal(-1)]),
    amountFen: PositiveFen,
    /** the balance right after this entry, in the order entries were booked */
    balanceAfterFen: z.number().int(),
    month: z.string(),
    proposalId: z.uuid().nullable(),
    reversesEntryId: z.uuid().nullable(),
    reversedByEntryId: z.uuid().nullable(),
    /** what wrote the entry: one of the domain's LEDGER_SOURCE_TYPES (manual, reversal, proposal, …) */
    sourceType: z.string().nullable(),
    sourceId: z.uuid().nullable(),
    memo: z.string().nullable(),
    /** an expenditure's own payout day (YYYY-MM-DD, as the community entered it); null for every other kind */
    paidOn: z.string().nullable(),
    createdBy: z.uuid().nullable(),
    /** when the entry was booked: its 记账日期 is this instant's day in Asia/Shanghai */
    createdAt: z.string(),
  })
  .openapi('LedgerEntry');
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerTotals = z
  .object({
    inflowFen: FenAmount.openapi({ description: 'Σ amounts of the matching entries that put money in' }),
    outflowFen: FenAmount.openapi({
      description: 'Σ amounts of the matching entries that took money out (payouts, reversed inflows)',
    }),
    netFen: z.number().int().openapi({ description: 'inflowFen − outflowFen' }),
    openingBalanceFen: z.number().int().openapi({
      description: 'The fund’s balance before `from` (0 without it), over every kind',
    }),
    closingBalanceFen: z.number().int().openapi({
      description: 'The fund’s balance at the end of `to` (the current balance without it), over every kind',
    }),
  })
  .openapi('LedgerTotals');
export type LedgerTotals = z.infer<typeof LedgerTotals>;

export const LedgerEntryList = z
  .object({
    fund: Fund,
    items: z.array(LedgerEntry),
    total: z.number().int().openapi({ description: 'Entries matching the filters (all pages)' }),
    totals: LedgerTotals,
    /** the sum of all the fund's entries: always equal to fund.balanceFen */
    entriesSumFen: z.number().int(),
  })
  .openapi('LedgerEntryList');
export type LedgerEntryList = z.infer<typeof LedgerEntryList>;

export const LedgerEntryCreate = z
  .object({
    kind: z.enum(LEDGER_ENTRY_KINDS).openapi({
      description:
        'donation or grant (inflows), or reversal of an earlier entry. allocation comes only from approved reports, expenditure only from proposal payouts.',
    }),
    amountFen: PositiveFen.optional().openapi({ description: 'Required for donation and grant' }),
    reversesEntryId: z.uuid().optional().openapi({ description: 'Required for reversal' }),
    month: MonthString.optional().openapi({ description: 'Booking month; this month by default' }),
    memo: text(500, { min: 0 }).nullable().optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.kind === 'donation' || value.kind === 'grant') && value.amountFen === undefined) {
      ctx.addIssue({ code: 'invalid_type', expected: 'number', input: undefined, path: ['amountFen'] });
    }
    if (value.kind === 'reversal' && value.reversesEntryId === undefined) {
      ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: ['reversesEntryId'] });
    }
  })
  .openapi('LedgerEntryCreate');
export type LedgerEntryCreate = z.infer<typeof LedgerEntryCreate>;

const LocalDateQuery = z.iso.date().openapi({ example: '2026-06-01' });

export const LedgerEntryQuery = z.object({
  kind: z
    .enum(LEDGER_ENTRY_KINDS)
    .optional()
    .openapi({ param: { name: 'kind', in: 'query' } }),
  from: LocalDateQuery.optional().openapi({
    param: { name: 'from', in: 'query' },
    description: 'Booked on or after this day (Asia/Shanghai)',
  }),
  to: LocalDateQuery.optional().openapi({
    param: { name: 'to', in: 'query' },
    description: 'Booked on or before this day (Asia/Shanghai)',
  }),
  order: z
    .enum(['asc', 'desc'])
    .default('asc')
    .openapi({
      param: { name: 'order', in: 'query' },
      description: 'Booking order: oldest (asc) or newest first',
    }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(500)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    // bounded like every number a client sends (issue 13); no fund has a million entries
    .max(1_000_000)
    .default(0)
    .openapi({ param: { name: 'offset', in: 'query' } }),
});
export type LedgerEntryQuery = z.infer<typeof LedgerEntryQuery>;

const tags = ['funds'];

export const listFundsRoute = createRoute({
  method: 'get',
  path: '/funds',
  tags,
  summary: 'Funds in the caller’s scope, with their balances',
  request: { query: FundListQuery },
  responses: {
    200: json(FundList, 'The funds'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export const createFundRoute = createRoute({
  method: 'post',
  path: '/funds',
  tags,
  summary:
    'Create a fund of the caller’s community (community admins; the district reads funds, never writes them)',
  request: { body: { content: { 'application/json': { schema: FundCreate } }, required: true } },
  responses: {
    201: json(Fund, 'Created'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: fundConflict,
  },
});

export const getFundRoute = createRoute({
  method: 'get',
  path: '/funds/{id}',
  tags,
  summary: 'One fund (404 when outside the caller’s scope)',
  request: { params: IdParam },
  responses: {
    200: json(Fund, 'The fund'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

export const listFundEntriesRoute = createRoute({
  method: 'get',
  path: '/funds/{id}/entries',
  tags,
  summary:
    'A fund’s append-only ledger with the running balance, filtered by kind and booking day, with totals',
  description:
    'Each entry’s `balanceAfterFen` is the fund’s balance right after it over all entries, whatever the filters. ' +
    '`total` and `totals` cover every page of the filtered entries; opening and closing balances are the fund’s ' +
    'around the day range.',
  request: { params: IdParam, query: LedgerEntryQuery },
  responses: {
    200: json(LedgerEntryList, 'The entries'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

export const createFundEntryRoute = createRoute({
  method: 'post',
  path: '/funds/{id}/entries',
  tags,
  summary:
    'Book an inflow (donation, grant) or reverse an earlier entry. Expenditures are refused: money leaves a fund only through a proposal payout.',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: LedgerEntryCreate } }, required: true },
  },
  responses: {
    201: json(LedgerEntry, 'Booked'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: fundConflict,
  },
});

export * from './funds-pledges';
export * from './funds-proposals';
export * from './funds-public';
