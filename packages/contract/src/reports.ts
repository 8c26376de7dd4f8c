import { PLAUSIBILITY_RULES, REPORT_FIGURE_FIELDS, REPORT_STATUSES } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses, IdParam, text } from './common';

// Schemas and routes of the monthly self-reports: one report per venture per month, its workflow
// (each transition its own endpoint), and the late / missing overview. Distribution rules are in
// reports-distribution.ts (re-exported below). Paths are relative to /api/v1.

export * from './reports-distribution';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const conflict = json(ErrorBody, 'Conflicts with the current state (status, stale version, duplicate)');

/** Integer fen, never negative. */
const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A count of people, jobs or transactions. */
const Count = z.number().int().min(0).max(2_147_483_647);
export const ReportMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .openapi({ example: '2026-10' });

/** The figures a reporter fills in. Amounts in fen; the rest are counts. */
const figureShape = {
  revenueFen: Fen,
  operatingCostFen: Fen,
  stableJobs: Count,
  temporaryJobs: Count,
  residentsServed: Count.openapi({ description: 'Distinct people served' }),
  serviceTransactions: Count,
  eldersServed: Count,
  childrenServed: Count,
  remittanceDueFen: Fen,
  remittanceReceivedFen: Fen,
  serviceRequests: Count,
  requestsWithinPromise: Count.openapi({
    description: 'Requests answered within the promised time; at most serviceRequests',
  }),
};

/** The name of one figure of a report (`revenueFen`, `stableJobs`, …). */
export const ReportFigureField = z.enum(REPORT_FIGURE_FIELDS).openapi('ReportFigureField');
export type ReportFigureField = z.infer<typeof ReportFigureField>;

/**
 * A figure outside the venture's usual range, found by `checkPlausibility` in @gongfu/domain (the one rule the
 * form and the API both run). A flagged figure needs an explanation before the report can be submitted.
 */
export const PlausibilityFlag = z
  .object({
    field: ReportFigureField,
    rule: z.enum(PLAUSIBILITY_RULES),
    value: z.number().int(),
    /** The range the rule expected, where it has one (for an outlier: median ± 3 MAD of the last 12 months). */
    expectedLow: z.number().nullable(),
    expectedHigh: z.number().nullable(),
    /** The value it was compared with: the median of the history, the previous month, or the revenue. */
    reference: z.number().nullable(),
  })
  .openapi('PlausibilityFlag');
export type PlausibilityFlag = z.infer<typeof PlausibilityFlag>;

/** A reporter's explanation of each flagged figure, by field. */
const explanationText = text(500);
export const ReportExplanations = z
  .partialRecord(ReportFigureField, explanationText)
  .openapi('ReportExplanations');
export type ReportExplanations = z.infer<typeof ReportExplanations>;

export const Report = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid(),
    communityName: z.string(),
    streetOfficeId: z.uuid().nullable(),
    ventureId: z.uuid(),
    ventureName: z.string(),
    month: ReportMonth,
    revision: z.number().int().openapi({ description: '1 for the original; each amendment adds one' }),
    amendsReportId: z.uuid().nullable(),
    supersededById: z
      .uuid()
      .nullable()
      .openapi({ description: 'The approved later revision that replaces this one, if any' }),
    status: z.enum(REPORT_STATUSES),
    ...figureShape,
    notes: z.string().nullable(),
    explanations: ReportExplanations,
    flags: z.array(PlausibilityFlag).openapi({
      description:
        'The plausibility flags the API found when the report was last submitted (empty before a submission)',
    }),
    returnedFields: z.array(ReportFigureField).openapi({
      description: 'The figures the reviewer named when returning the report (empty otherwise)',
    }),
    typedZeros: z.array(ReportFigureField).openapi({
      description:
        'The figures whose 0 the reporter typed. Every other 0 of a draft or a returned report was left blank ' +
        '(a blank counts as 0); the form shows it as an empty field',
    }),
    submittedAt: z.string().nullable(),
    submittedBy: z.uuid().nullable(),
    reviewedAt: z.string().nullable(),
    reviewedBy: z.uuid().nullable(),
    reviewComment: z.string().nullable(),
    version: z.number().int(),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Report');
export type Report = z.infer<typeof Report>;

export const ReportEvent = z
  .object({
    id: z.uuid(),
    action: z.string().openapi({
      example: 'submit',
      description:
        'create, edit, submit, return, approve, lock, amend; attach and detach (a file added or removed: the ' +
        'status does not change, the comment is the file’s name)',
    }),
    fromStatus: z.enum(REPORT_STATUSES).nullable(),
    toStatus: z.enum(REPORT_STATUSES),
    actorUserId: z.uuid(),
    comment: z.string().nullable(),
    at: z.string(),
  })
  .openapi('ReportEvent');
export type ReportEvent = z.infer<typeof ReportEvent>;

/** A ledger entry an approval of this report posted (part of the report: shown to whoever reads it). */
export const ReportPosting = z
  .object({
    entryId: z.uuid(),
    fundId: z.uuid(),
    fundKind: z.string(),
    kind: z.enum(['allocation', 'reversal']),
    direction: z.union([z.literal(1), z.literal(-1)]),
    amountFen: Fen,
    postingKey: z.string().nullable(),
  })
  .openapi('ReportPosting');
export type ReportPosting = z.infer<typeof ReportPosting>;

/** An earlier month of the same venture whose report is not approved yet (the review drawer warns of it). */
export const EarlierUnapprovedReport = z
  .object({
    month: ReportMonth,
    reportId: z.uuid(),
    status: z.enum(['submitted', 'returned']),
  })
  .openapi('EarlierUnapprovedReport');
export type EarlierUnapprovedReport = z.infer<typeof EarlierUnapprovedReport>;

export const ReportDetail = Report.extend({
  events: z.array(ReportEvent),
  postings: z.array(ReportPosting),
  earlierUnapproved: z
    .array(EarlierUnapprovedReport)
    .optional()
    .openapi({
      description:
        'Only in GET /reports/{id}: the earlier months of the same venture whose report awaits review or was ' +
        'returned, with no approved revision, oldest first',
    }),
}).openapi('ReportDetail');
export type ReportDetail = z.infer<typeof ReportDetail>;

/** A row of the review queue: a report, with when it was due, whether it came late, and who reviewed it. */
export const ReportListItem = Report.extend({
  dueDate: z.iso.date().openapi({
    description: 'The day the month’s report was due: the district’s due day of the following month',
  }),
  firstSubmittedAt: z.string().nullable().openapi({
    description:
      'The first submission of the month’s original revision: timeliness counts it, not a resubmission',
  }),
  timeliness: z.enum(['on_time', 'late']).nullable().openapi({
    description: 'By the first submission against the deadline (the status overview’s rule); null before any',
  }),
  reviewedByName: z.string().nullable().openapi({
    description: 'The name of whoever last approved or returned it, for district users; null for others',
  }),
  attachmentCount: z.number().int().min(0).nullable().openapi({
    description: 'How many files the report carries, for district users (the review queue); null for others',
  }),
}).openapi('ReportListItem');
export type ReportListItem = z.infer<typeof ReportListItem>;

export const ReportList = z
  .object({
    items: z.array(ReportListItem),
    total: z.number().int().openapi({ description: 'All rows matching the filters, across pages' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('ReportList');
export type ReportList = z.infer<typeof ReportList>;

const queryParam = (name: string) => ({ param: { name, in: 'query' as const } });

export const REPORT_LIST_SORTS = [
  'month',
  '-month',
  'submittedAt',
  '-submittedAt',
  'communityName',
  '-communityName',
  'ventureName',
  '-ventureName',
] as const;

/** A query flag: `true` / `false` in the URL. */
const QueryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

export const ReportListQuery = z.object({
  month: ReportMonth.optional().openapi(queryParam('month')),
  monthFrom: ReportMonth.optional().openapi(queryParam('monthFrom')),
  monthTo: ReportMonth.optional().openapi(queryParam('monthTo')),
  communityId: z.uuid().optional().openapi(queryParam('communityId')),
  streetOfficeId: z.uuid().optional().openapi(queryParam('streetOfficeId')),
  ventureId: z.uuid().optional().openapi(queryParam('ventureId')),
  status: z.enum(REPORT_STATUSES).optional().openapi(queryParam('status')),
  /** Only revisions not superseded by an approved later revision (the queue's view). */
  current: QueryBoolean.optional().openapi(queryParam('current')),
  /** Only reports with (true) or without (false) plausibility flags. */
  flagged: QueryBoolean.optional().openapi(queryParam('flagged')),
  sort: z.enum(REPORT_LIST_SORTS).optional().openapi(queryParam('sort')),
  page: z.coerce.number().int().min(1).max(100_000).optional().openapi(queryParam('page')),
  pageSize: z.coerce.number().int().min(1).max(500).optional().openapi(queryParam('pageSize')),
});
export type ReportListQuery = z.infer<typeof ReportListQuery>;

const notes = text(4000, { min: 0 }).nullable();

/** The figures, each optional: a new draft starts at zero, an edit changes only what it names. */
const PartialFigures = z.object(figureShape).partial();

/** Which zeros were typed rather than left blank; a field whose figure is not 0 is ignored (ADR 0042). */
const typedZeros = z
  .array(ReportFigureField)
  .max(REPORT_FIGURE_FIELDS.length)
  .optional()
  .openapi({
    description:
      'The figures whose 0 was typed (the rest of the zeros are blanks, still counted as 0). Replaces the set when ' +
      'given; figures that are not 0 are left out of it',
  });

export const ReportCreate = PartialFigures.extend({
  ventureId: z.uuid(),
  month: ReportMonth,
  notes: notes.optional(),
  explanations: ReportExplanations.optional(),
  typedZeros,
})
  .strict()
  .openapi('ReportCreate');
export type ReportCreate = z.infer<typeof ReportCreate>;

export const ReportUpdate = PartialFigures.extend({
  version: z
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .openapi({ description: 'The version read; a stale one gets 409' }),
  notes: notes.optional(),
  /** Replaces the whole set of explanations when given. */
  explanations: ReportExplanations.optional(),
  typedZeros,
})
  .strict()
  .openapi('ReportUpdate');
export type ReportUpdate = z.infer<typeof ReportUpdate>;

/** The body of a transition. `version`, when given, must be the current one (409 otherwise). */
export const ReportTransition = z
  .object({
    version: z.number().int().min(1).max(2_147_483_647).optional(),
    comment: text(2000, { min: 0 }).nullable().optional(),
    /** With `return`: the figures the reporter should look at again. */
    fields: z.array(ReportFigureField).max(REPORT_FIGURE_FIELDS.length).optional(),
  })
  .strict()
  .openapi('ReportTransition');
export type ReportTransition = z.infer<typeof ReportTransition>;

export const REPORT_OVERVIEW_STATUSES = [
  'on_time',
  'late',
  'missing',
  'not_due',
  'returned',
  'draft',
] as const;

export const ReportStatusRow = z
  .object({
    ventureId: z.uuid(),
    ventureName: z.string(),
    communityId: z.uuid(),
    communityName: z.string(),
    streetOfficeId: z.uuid().nullable(),
    locked: z.boolean().openapi({ description: 'Whether the month is locked for the venture’s community' }),
    expected: z.boolean().openapi({ description: 'Whether the venture owes a report for the month' }),
    status: z.enum(REPORT_OVERVIEW_STATUSES).openapi({
      description:
        'on_time / late by first submission; returned: sent back and not yet resubmitted; draft: started, ' +
        'not submitted, still before the deadline; missing: nothing submitted and the deadline passed; ' +
        'not_due: nothing yet and still time',
    }),
    reportId: z.uuid().nullable(),
    reportStatus: z.enum(REPORT_STATUSES).nullable(),
    submittedAt: z.string().nullable().openapi({ description: 'First submission of the month’s report' }),
    dueDate: z.iso.date(),
  })
  .openapi('ReportStatusRow');
export type ReportStatusRow = z.infer<typeof ReportStatusRow>;

export const ReportStatusOverview = z
  .object({
    month: ReportMonth,
    dueDate: z.iso.date(),
    items: z.array(ReportStatusRow),
    total: z.number().int(),
  })
  .openapi('ReportStatusOverview');
export type ReportStatusOverview = z.infer<typeof ReportStatusOverview>;

export const ReportStatusQuery = z.object({
  month: ReportMonth.openapi(queryParam('month')),
  communityId: z.uuid().optional().openapi(queryParam('communityId')),
  streetOfficeId: z.uuid().optional().openapi(queryParam('streetOfficeId')),
  status: z.enum(REPORT_OVERVIEW_STATUSES).optional().openapi(queryParam('status')),
});
export type ReportStatusQuery = z.infer<typeof ReportStatusQuery>;

/** One venture-month of the last 12 months before a report's month: its approved figures, or nothing. */
export const ReportHistoryMonth = z
  .object({
    month: ReportMonth,
    reportId: z.uuid().nullable(),
    status: z.enum(REPORT_STATUSES).nullable(),
    figures: z.object(figureShape).nullable().openapi({
      description: 'The approved (or locked) current revision’s figures; null when there is none',
    }),
  })
  .openapi('ReportHistoryMonth');
export type ReportHistoryMonth = z.infer<typeof ReportHistoryMonth>;

export const ReportHistory = z
  .object({
    ventureId: z.uuid(),
    month: ReportMonth,
    /** Oldest first: the 12 months before `month`. */
    months: z.array(ReportHistoryMonth),
  })
  .openapi('ReportHistory');
export type ReportHistory = z.infer<typeof ReportHistory>;

export const ReportHistoryQuery = z.object({
  ventureId: z.uuid().openapi(queryParam('ventureId')),
  month: ReportMonth.openapi(queryParam('month')),
});

/** What approving a submitted report would post, computed as approval would, without writing anything. */
export const ApprovalPreview = z
  .object({
    reportId: z.uuid(),
    profitFen: z
      .number()
      .int()
      .openapi({ description: 'Revenue − operating cost (negative in a loss month)' }),
    communityProfitShareFen: z.number().int().openapi({
      description:
        'What the community’s own holdings earn of the profit, by the shareholdings in force (negative in a loss month)',
    }),
    communityShareBp: z.number().int().min(0).max(10_000).openapi({
      description:
        'The community’s own holdings’ share of the venture’s company, in basis points (10,000 without a company)',
    }),
    remittanceReceivedFen: Fen.openapi({
      description: 'What the operator remitted to the community this month',
    }),
    distributableProfitFen: z.number().int().openapi({
      description:
        'What is split into the community’s funds: the community’s profit share (0 in a loss month: a loss is not taken back out of the funds) + the remittance received',
    }),
    postings: z.array(
      z.object({
        fundKind: z.string(),
        fundId: z.uuid().nullable().openapi({ description: 'Null when approval would open the fund' }),
        fundName: z.string(),
        direction: z.union([z.literal(1), z.literal(-1)]),
        amountFen: Fen,
      }),
    ),
  })
  .openapi('ApprovalPreview');
export type ApprovalPreview = z.infer<typeof ApprovalPreview>;

export const PeriodLockCreate = z
  .object({
    month: ReportMonth,
    communityId: z
      .uuid()
      .optional()
      .openapi({ description: 'One community; without it, every community of the district' }),
  })
  .strict()
  .openapi('PeriodLockCreate');
export type PeriodLockCreate = z.infer<typeof PeriodLockCreate>;

export const PeriodLock = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    communityId: z.uuid().nullable(),
    month: ReportMonth,
    lockedBy: z.uuid(),
    lockedAt: z.string(),
  })
  .openapi('PeriodLock');
export type PeriodLock = z.infer<typeof PeriodLock>;

export const PeriodLockResult = z
  .object({
    lock: PeriodLock,
    lockedReports: z.number().int().openapi({ description: 'Approved reports of the month now locked' }),
  })
  .openapi('PeriodLockResult');

export const PeriodLockList = z.object({ items: z.array(PeriodLock) }).openapi('PeriodLockList');
export const PeriodLockQuery = z.object({ month: ReportMonth.optional().openapi(queryParam('month')) });

const tags = ['reports'];
const readErrors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] };
const oneErrors = { ...readErrors, 404: errorResponses[404] };

export const listReportsRoute = createRoute({
  method: 'get',
  path: '/reports',
  tags,
  summary: 'Monthly reports in the caller’s scope (all revisions)',
  request: { query: ReportListQuery },
  responses: { 200: json(ReportList, 'The reports'), ...readErrors },
});

export const reportStatusRoute = createRoute({
  method: 'get',
  path: '/reports/status',
  tags,
  summary: 'Per venture in scope: whether the month’s report is on time, late, missing, returned or a draft',
  request: { query: ReportStatusQuery },
  responses: { 200: json(ReportStatusOverview, 'The month’s reporting status'), ...readErrors },
});

export const reportHistoryRoute = createRoute({
  method: 'get',
  path: '/reports/history',
  tags,
  summary: 'A venture’s approved figures for the 12 months before a month (for the form and the review)',
  request: { query: ReportHistoryQuery },
  responses: { 200: json(ReportHistory, 'The history'), ...oneErrors },
});

export const listPeriodLocksRoute = createRoute({
  method: 'get',
  path: '/reports/locks',
  tags,
  summary: 'The locked months in scope',
  request: { query: PeriodLockQuery },
  responses: { 200: json(PeriodLockList, 'The locks'), ...readErrors },
});

export const lockPeriodRoute = createRoute({
  method: 'post',
  path: '/reports/locks',
  tags,
  summary:
    'Lock a month for one community or the whole district (district admins): its approved reports are locked, ' +
    'and no report of the month can be created, edited, submitted or amended afterwards. Refused while reports ' +
    'of the month await review.',
  request: { body: { content: { 'application/json': { schema: PeriodLockCreate } }, required: true } },
  responses: { 201: json(PeriodLockResult, 'Locked'), ...oneErrors, 409: conflict },
});

export const approvalPreviewRoute = createRoute({
  method: 'get',
  path: '/reports/{id}/approval-preview',
  tags,
  summary: 'What approving this submitted report would post to which fund (nothing is written)',
  request: { params: IdParam },
  responses: { 200: json(ApprovalPreview, 'The postings approval would make'), ...oneErrors, 409: conflict },
});

export const getReportRoute = createRoute({
  method: 'get',
  path: '/reports/{id}',
  tags,
  summary: 'One report with its workflow history',
  request: { params: IdParam },
  responses: { 200: json(ReportDetail, 'The report'), ...oneErrors },
});

export const createReportRoute = createRoute({
  method: 'post',
  path: '/reports',
  tags,
  summary: 'Start a venture’s report for a month (a draft; one per venture and month)',
  request: { body: { content: { 'application/json': { schema: ReportCreate } }, required: true } },
  responses: { 201: json(ReportDetail, 'Created'), ...oneErrors, 409: conflict },
});

export const updateReportRoute = createRoute({
  method: 'patch',
  path: '/reports/{id}',
  tags,
  summary: 'Edit a draft or returned report (carries the version read)',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: ReportUpdate } }, required: true },
  },
  responses: { 200: json(ReportDetail, 'Updated'), ...oneErrors, 409: conflict },
});

function transitionRoute<A extends string>(action: A, summary: string) {
  return createRoute({
    method: 'post',
    path: `/reports/{id}/${action}` as `/reports/{id}/${A}`,
    tags,
    summary,
    request: {
      params: IdParam,
      body: { content: { 'application/json': { schema: ReportTransition } }, required: false },
    },
    responses: { 200: json(ReportDetail, 'The report after the transition'), ...oneErrors, 409: conflict },
  });
}

export const submitReportRoute = transitionRoute('submit', 'Submit a draft or returned report for review');
export const returnReportRoute = transitionRoute(
  'return',
  'Return a submitted report to its reporter (district admins; a comment is required; never one’s own)',
);
export const approveReportRoute = transitionRoute(
  'approve',
  'Approve a submitted report and post its distribution to the funds, exactly once (district admins; never one’s own)',
);
export const lockReportRoute = transitionRoute('lock', 'Lock an approved report (district admins)');
export const amendReportRoute = createRoute({
  method: 'post',
  path: '/reports/{id}/amend',
  tags,
  summary:
    'Open a correction of an approved report: a new draft revision (a comment saying why is required). ' +
    'Approving it posts only the difference.',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: ReportTransition } }, required: true },
  },
  responses: { 201: json(ReportDetail, 'The new draft revision'), ...oneErrors, 409: conflict },
});
