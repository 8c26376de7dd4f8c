import type { Labels } from './enums';
import { err, ok, type Result } from './result';

/**
 * The monthly self-report workflow: draft → submitted → returned | approved → locked.
 * - returned is editable like a draft and carries the reviewer's comment; it is submitted again;
 * - approved is immutable: it has posted its distribution. A correction is an amendment — a new
 *   revision that starts as a draft and goes through the same review — so history is kept;
 * - locked means the district has closed the period: no more amendments, a correction then goes
 *   into a later month's report.
 */
export const REPORT_STATUS_LABELS = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '已报送', en: 'Submitted' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
  approved: { 'zh-CN': '已审核', en: 'Approved' },
  locked: { 'zh-CN': '已锁定', en: 'Locked' },
} as const satisfies Labels<string>;
export type ReportStatus = keyof typeof REPORT_STATUS_LABELS;
export const REPORT_STATUSES = Object.keys(REPORT_STATUS_LABELS) as unknown as readonly [
  ReportStatus,
  ...ReportStatus[],
];

export const REPORT_ACTION_LABELS = {
  edit: { 'zh-CN': '修改', en: 'Edit' },
  submit: { 'zh-CN': '报送', en: 'Submit' },
  return: { 'zh-CN': '退回', en: 'Return' },
  approve: { 'zh-CN': '审核通过', en: 'Approve' },
  lock: { 'zh-CN': '锁定', en: 'Lock' },
  amend: { 'zh-CN': '更正', en: 'Amend' },
} as const satisfies Labels<string>;
export type ReportAction = keyof typeof REPORT_ACTION_LABELS;
export const REPORT_ACTIONS = Object.keys(REPORT_ACTION_LABELS) as unknown as readonly [
  ReportAction,
  ...ReportAction[],
];

/**
 * The whole workflow as data: the status each allowed action leads to. Anything not listed is
 * refused. `amend` leaves the approved revision as it is and opens a new draft revision beside it.
 */
export const REPORT_TRANSITIONS: {
  readonly [S in ReportStatus]: Readonly<Partial<Record<ReportAction, ReportStatus>>>;
} = {
  draft: { edit: 'draft', submit: 'submitted' },
  submitted: { return: 'returned', approve: 'approved' },
  returned: { edit: 'returned', submit: 'submitted' },
  approved: { lock: 'locked', amend: 'approved' },
  locked: {},
};

/** Actions that are a review: never by whoever wrote or submitted the revision. */
const REVIEW_ACTIONS: ReadonlySet<ReportAction> = new Set(['approve', 'return']);
/** Actions that must say why: a return tells the reporter what to fix, an amendment why it corrects. */
const COMMENT_ACTIONS: ReadonlySet<ReportAction> = new Set(['return', 'amend']);

export interface ReportWorkflowState {
  readonly status: ReportStatus;
  /** 1 for the original report; each amendment adds one. */
  readonly revision: number;
  readonly amendsRevision: number | null;
  readonly createdBy: string;
  readonly submittedBy: string | null;
  /** The reviewer's last comment (why it was returned, or a note on approval). */
  readonly reviewComment: string | null;
  readonly amendmentReason: string | null;
}

export interface ReportTransitionContext {
  readonly actorUserId: string;
  readonly comment?: string | null;
}

export interface ReportTransition {
  /** The revision acted on, in its new status. */
  readonly report: ReportWorkflowState;
  /** Only for `amend`: the new draft revision to create. */
  readonly amendment: ReportWorkflowState | null;
}

export function newReport(createdBy: string): ReportWorkflowState {
  return {
    status: 'draft',
    revision: 1,
    amendsRevision: null,
    createdBy,
    submittedBy: null,
    reviewComment: null,
    amendmentReason: null,
  };
}

export function canTransitionReport(status: ReportStatus, action: ReportAction): boolean {
  return REPORT_TRANSITIONS[status][action] !== undefined;
}

export function availableReportActions(status: ReportStatus): ReportAction[] {
  return REPORT_ACTIONS.filter((action) => canTransitionReport(status, action));
}

export function isReportEditable(status: ReportStatus): boolean {
  return canTransitionReport(status, 'edit');
}

/** Applies one action, or says why not: illegal in this status, self-review, or a missing comment. */
export function transitionReport(
  report: ReportWorkflowState,
  action: ReportAction,
  ctx: ReportTransitionContext,
): Result<ReportTransition> {
  const next = REPORT_TRANSITIONS[report.status][action];
  if (next === undefined) return err('report.illegal_transition', { from: report.status, action });
  if (
    REVIEW_ACTIONS.has(action) &&
    (ctx.actorUserId === report.submittedBy || ctx.actorUserId === report.createdBy)
  ) {
    return err('report.self_review', { action });
  }
  const comment = ctx.comment?.trim() || null;
  if (COMMENT_ACTIONS.has(action) && !comment) return err('report.comment_required', { action });

  switch (action) {
    case 'submit':
      return ok({ report: { ...report, status: next, submittedBy: ctx.actorUserId }, amendment: null });
    case 'return':
    case 'approve':
      return ok({ report: { ...report, status: next, reviewComment: comment }, amendment: null });
    case 'amend':
      return ok({
        report,
        amendment: {
          status: 'draft',
          revision: report.revision + 1,
          amendsRevision: report.revision,
          createdBy: ctx.actorUserId,
          submittedBy: null,
          reviewComment: null,
          amendmentReason: comment,
        },
      });
    case 'edit':
    case 'lock':
      return ok({ report: { ...report, status: next }, amendment: null });
  }
}
