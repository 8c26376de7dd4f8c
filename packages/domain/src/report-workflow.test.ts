import { describe, expect, it } from 'vitest';
import {
  availableReportActions,
  isReportEditable,
  newReport,
  REPORT_ACTIONS,
  REPORT_STATUSES,
  type ReportAction,
  type ReportStatus,
  type ReportWorkflowState,
  transitionReport,
} from './report-workflow';

const reporter = 'user-reporter';
const reviewer = 'user-district-admin';

function inStatus(status: ReportStatus): ReportWorkflowState {
  return { ...newReport(reporter), status, submittedBy: status === 'draft' ? null : reporter };
}

// Written out independently of REPORT_TRANSITIONS, so a wrong table fails this test.
const LEGAL: Record<ReportStatus, Partial<Record<ReportAction, ReportStatus>>> = {
  draft: { edit: 'draft', submit: 'submitted' },
  submitted: { return: 'returned', approve: 'approved' },
  returned: { edit: 'returned', submit: 'submitted' },
  approved: { lock: 'locked', amend: 'approved' },
  locked: {},
};

describe('report workflow: every status × action', () => {
  const pairs = REPORT_STATUSES.flatMap((status) =>
    REPORT_ACTIONS.map((action) => [status, action] as const),
  );

  it('covers 5 statuses × 6 actions', () => {
    expect(pairs).toHaveLength(30);
  });

  it.each(pairs)('%s + %s', (status, action) => {
    const result = transitionReport(inStatus(status), action, {
      actorUserId: reviewer,
      comment: 'see row 3',
    });
    const expected = LEGAL[status][action];
    if (expected === undefined) {
      expect(result).toEqual({
        ok: false,
        error: { code: 'report.illegal_transition', params: { from: status, action } },
      });
    } else {
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value.report.status).toBe(expected);
    }
  });
});

describe('report workflow rules', () => {
  it('goes draft → submitted → returned → submitted → approved → locked', () => {
    let report = newReport(reporter);
    const step = (action: ReportAction, actorUserId: string, comment?: string) => {
      const result = transitionReport(report, action, { actorUserId, comment });
      if (!result.ok) throw new Error(result.error.code);
      report = result.value.report;
    };
    step('submit', reporter);
    expect(report.submittedBy).toBe(reporter);
    step('return', reviewer, 'Revenue looks doubled');
    expect(report).toMatchObject({ status: 'returned', reviewComment: 'Revenue looks doubled' });
    expect(isReportEditable(report.status)).toBe(true);
    step('edit', reporter);
    step('submit', reporter);
    step('approve', reviewer);
    expect(report).toMatchObject({ status: 'approved', reviewComment: null });
    expect(isReportEditable(report.status)).toBe(false);
    step('lock', reviewer);
    expect(availableReportActions(report.status)).toEqual([]);
  });

  it('never lets the submitter or the author review their own report', () => {
    const submitted = inStatus('submitted');
    for (const action of ['approve', 'return'] as const) {
      expect(transitionReport(submitted, action, { actorUserId: reporter, comment: 'x' })).toEqual({
        ok: false,
        error: { code: 'report.self_review', params: { action } },
      });
      const submittedBySomeoneElse = { ...submitted, submittedBy: 'user-other' };
      expect(
        transitionReport(submittedBySomeoneElse, action, { actorUserId: reporter, comment: 'x' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'report.self_review' },
      });
    }
  });

  it('requires a comment to return or amend, but not to approve', () => {
    for (const comment of [undefined, null, '', '   ']) {
      expect(
        transitionReport(inStatus('submitted'), 'return', { actorUserId: reviewer, comment }),
      ).toMatchObject({
        ok: false,
        error: { code: 'report.comment_required' },
      });
      expect(
        transitionReport(inStatus('approved'), 'amend', { actorUserId: reporter, comment }),
      ).toMatchObject({
        ok: false,
        error: { code: 'report.comment_required' },
      });
    }
    expect(transitionReport(inStatus('submitted'), 'approve', { actorUserId: reviewer }).ok).toBe(true);
  });

  it('amending keeps the approved revision and opens a new draft revision', () => {
    const approved = { ...inStatus('approved'), revision: 2, amendsRevision: 1 };
    const result = transitionReport(approved, 'amend', {
      actorUserId: 'user-other',
      comment: 'Cost was missing a bill',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        report: approved,
        amendment: {
          status: 'draft',
          revision: 3,
          amendsRevision: 2,
          createdBy: 'user-other',
          submittedBy: null,
          reviewComment: null,
          amendmentReason: 'Cost was missing a bill',
        },
      },
    });
    // and the amendment cannot be reviewed by whoever opened it
    if (result.ok && result.value.amendment) {
      const submitted = transitionReport(result.value.amendment, 'submit', { actorUserId: reporter });
      expect(
        submitted.ok && transitionReport(submitted.value.report, 'approve', { actorUserId: 'user-other' }).ok,
      ).toBe(false);
    }
  });
});
