import type { Labels } from './enums';
import type { Fen } from './money';
import { addDays, compareDates, isLocalDate, type LocalDate } from './periods';
import { err, ok, type Result } from './result';

/**
 * Resident proposals (居民共议): the only way money leaves a community fund.
 *
 *   draft → deliberation → approved | rejected
 *   approved → disclosure (公示, default 5 days, objections recorded) → disclosed
 *   disclosed → paid_out (one or more expenditures, never above the approved amount) → closed
 *
 * An objection upheld during disclosure voids the approval: the proposal goes back to draft, to be
 * amended and deliberated again. Payout is possible only from `disclosed`, a status reached only
 * when the disclosure period has ended with no objection pending or upheld.
 */
export const PROPOSAL_STATUS_LABELS = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  deliberation: { 'zh-CN': '议事中', en: 'In deliberation' },
  approved: { 'zh-CN': '议事通过', en: 'Approved' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
  disclosure: { 'zh-CN': '公示中', en: 'In public disclosure' },
  disclosed: { 'zh-CN': '公示期满', en: 'Disclosure passed' },
  paid_out: { 'zh-CN': '已拨付', en: 'Paid out' },
  closed: { 'zh-CN': '已结项', en: 'Closed' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
} as const satisfies Labels<string>;
export type ProposalStatus = keyof typeof PROPOSAL_STATUS_LABELS;
export const PROPOSAL_STATUSES = Object.keys(PROPOSAL_STATUS_LABELS) as unknown as readonly [
  ProposalStatus,
  ...ProposalStatus[],
];

export const PROPOSAL_ACTION_LABELS = {
  edit: { 'zh-CN': '修改', en: 'Edit' },
  submit: { 'zh-CN': '提交议事', en: 'Submit for deliberation' },
  record_deliberation: { 'zh-CN': '录入议事结果', en: 'Record deliberation' },
  publish: { 'zh-CN': '开始公示', en: 'Start public disclosure' },
  record_objection: { 'zh-CN': '登记异议', en: 'Record objection' },
  resolve_objection: { 'zh-CN': '处理异议', en: 'Resolve objection' },
  end_disclosure: { 'zh-CN': '结束公示', en: 'End disclosure' },
  pay_out: { 'zh-CN': '拨付', en: 'Pay out' },
  close: { 'zh-CN': '结项', en: 'Close' },
  withdraw: { 'zh-CN': '撤回', en: 'Withdraw' },
} as const satisfies Labels<string>;
export type ProposalAction = keyof typeof PROPOSAL_ACTION_LABELS;
export const PROPOSAL_ACTIONS = Object.keys(PROPOSAL_ACTION_LABELS) as unknown as readonly [
  ProposalAction,
  ...ProposalAction[],
];

/** Every allowed action and the statuses it can lead to (some depend on the vote or the objection). */
export const PROPOSAL_TRANSITIONS: {
  readonly [S in ProposalStatus]: Readonly<Partial<Record<ProposalAction, readonly ProposalStatus[]>>>;
} = {
  draft: { edit: ['draft'], submit: ['deliberation'], withdraw: ['withdrawn'] },
  deliberation: { record_deliberation: ['approved', 'rejected'], withdraw: ['withdrawn'] },
  approved: { publish: ['disclosure'] },
  rejected: { close: ['closed'] },
  disclosure: {
    record_objection: ['disclosure'],
    resolve_objection: ['disclosure', 'draft'],
    end_disclosure: ['disclosed'],
  },
  disclosed: { pay_out: ['paid_out'], close: ['closed'] },
  paid_out: { pay_out: ['paid_out'], close: ['closed'] },
  closed: {},
  withdrawn: {},
};

export const DEFAULT_DISCLOSURE_DAYS = 5;
export const MAX_DISCLOSURE_DAYS = 60;

export interface DeliberationRecord {
  readonly meetingDate: LocalDate;
  /** Residents (or representatives) entitled to vote, when known. */
  readonly eligibleVoters: number | null;
  readonly attendance: number;
  /** Minimum attendance for the meeting to decide; see `defaultQuorum`. */
  readonly quorum: number;
  readonly votesFor: number;
  readonly votesAgainst: number;
  readonly votesAbstain: number;
  /** The amount the meeting approved; defaults to the amount requested, never above it. */
  readonly approvedFen?: Fen | null;
  readonly minutes?: string | null;
}

export interface Objection {
  readonly id: string;
  readonly receivedOn: LocalDate;
  readonly status: 'pending' | 'upheld' | 'dismissed';
}

export interface DisclosurePeriod {
  readonly startsOn: LocalDate;
  readonly days: number;
  /** The last day of disclosure, inclusive: startsOn + days − 1. */
  readonly endsOn: LocalDate;
}

export interface ProposalWorkflowState {
  readonly status: ProposalStatus;
  readonly requestedFen: Fen;
  readonly approvedFen: Fen | null;
  readonly paidFen: Fen;
  readonly deliberation: DeliberationRecord | null;
  readonly disclosure: DisclosurePeriod | null;
  readonly objections: readonly Objection[];
}

export type ProposalCommand =
  | { readonly action: 'edit'; readonly requestedFen: Fen }
  | { readonly action: 'submit' }
  | { readonly action: 'record_deliberation'; readonly deliberation: DeliberationRecord }
  | { readonly action: 'publish'; readonly startsOn: LocalDate; readonly days?: number }
  | { readonly action: 'record_objection'; readonly objectionId: string; readonly receivedOn: LocalDate }
  | { readonly action: 'resolve_objection'; readonly objectionId: string; readonly upheld: boolean }
  | { readonly action: 'end_disclosure' }
  | { readonly action: 'pay_out'; readonly amountFen: Fen }
  | { readonly action: 'close' }
  | { readonly action: 'withdraw' };

export interface ProposalContext {
  /** Today in Asia/Shanghai. */
  readonly today: LocalDate;
}

export function newProposal(requestedFen: Fen): ProposalWorkflowState {
  return {
    status: 'draft',
    requestedFen,
    approvedFen: null,
    paidFen: 0,
    deliberation: null,
    disclosure: null,
    objections: [],
  };
}

/** "More than half" of those entitled to vote: the usual quorum of a residents' meeting. */
export function defaultQuorum(eligibleVoters: number): number {
  return Math.floor(eligibleVoters / 2) + 1;
}

/**
 * The decision rule. A meeting decides only if attendance ≥ quorum; below it there is no decision
 * (the proposal stays in deliberation for another meeting). A quorate meeting approves when
 * votes for are more than half of the votes cast, abstentions counting as cast
 * (for × 2 > for + against + abstain): an abstention is not a yes.
 */
export function deliberationOutcome(d: DeliberationRecord): 'approved' | 'rejected' | 'no_quorum' {
  if (d.attendance < d.quorum) return 'no_quorum';
  const cast = d.votesFor + d.votesAgainst + d.votesAbstain;
  return d.votesFor * 2 > cast ? 'approved' : 'rejected';
}

function validateDeliberation(
  d: DeliberationRecord,
  requestedFen: Fen,
  today: LocalDate,
): Result<{ outcome: 'approved' | 'rejected'; approvedFen: Fen | null }> {
  if (!isLocalDate(d.meetingDate)) return err('period.invalid_date', { value: d.meetingDate });
  if (compareDates(d.meetingDate, today) > 0)
    return err('proposal.meeting_in_future', { meetingDate: d.meetingDate });
  const counts = {
    attendance: d.attendance,
    quorum: d.quorum,
    votesFor: d.votesFor,
    votesAgainst: d.votesAgainst,
    votesAbstain: d.votesAbstain,
    ...(d.eligibleVoters === null ? {} : { eligibleVoters: d.eligibleVoters }),
  };
  for (const [field, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 0) return err('proposal.invalid_count', { field, value });
  }
  if (d.quorum < 1) return err('proposal.invalid_count', { field: 'quorum', value: d.quorum });
  if (d.eligibleVoters !== null && d.attendance > d.eligibleVoters) {
    return err('proposal.attendance_exceeds_eligible', {
      attendance: d.attendance,
      eligibleVoters: d.eligibleVoters,
    });
  }
  const cast = d.votesFor + d.votesAgainst + d.votesAbstain;
  if (cast > d.attendance) return err('proposal.votes_exceed_attendance', { cast, attendance: d.attendance });
  const outcome = deliberationOutcome(d);
  if (outcome === 'no_quorum')
    return err('proposal.quorum_not_met', { attendance: d.attendance, quorum: d.quorum });
  if (outcome === 'rejected') return ok({ outcome, approvedFen: null });
  const approvedFen = d.approvedFen ?? requestedFen;
  if (!Number.isSafeInteger(approvedFen) || approvedFen <= 0) {
    return err('money.not_positive', { field: 'approvedFen', value: approvedFen });
  }
  if (approvedFen > requestedFen) {
    return err('proposal.approved_exceeds_requested', { approvedFen, requestedFen });
  }
  return ok({ outcome, approvedFen });
}

export function canTransitionProposal(status: ProposalStatus, action: ProposalAction): boolean {
  return PROPOSAL_TRANSITIONS[status][action] !== undefined;
}

export function availableProposalActions(status: ProposalStatus): ProposalAction[] {
  return PROPOSAL_ACTIONS.filter((action) => canTransitionProposal(status, action));
}

/** What may still be paid out of a proposal; 0 unless its disclosure has passed. */
export function remainingPayoutFen(p: ProposalWorkflowState): Fen {
  if (p.status !== 'disclosed' && p.status !== 'paid_out') return 0;
  return Math.max(0, (p.approvedFen ?? 0) - p.paidFen);
}

export function transitionProposal(
  p: ProposalWorkflowState,
  command: ProposalCommand,
  ctx: ProposalContext,
): Result<ProposalWorkflowState> {
  if (!canTransitionProposal(p.status, command.action)) {
    return err('proposal.illegal_transition', { from: p.status, action: command.action });
  }
  switch (command.action) {
    case 'edit':
      if (!Number.isSafeInteger(command.requestedFen) || command.requestedFen <= 0) {
        return err('money.not_positive', { field: 'requestedFen', value: command.requestedFen });
      }
      return ok({ ...p, requestedFen: command.requestedFen });

    case 'submit':
      if (!Number.isSafeInteger(p.requestedFen) || p.requestedFen <= 0) {
        return err('money.not_positive', { field: 'requestedFen', value: p.requestedFen });
      }
      return ok({ ...p, status: 'deliberation' });

    case 'record_deliberation': {
      const checked = validateDeliberation(command.deliberation, p.requestedFen, ctx.today);
      if (!checked.ok) return checked;
      return ok({
        ...p,
        status: checked.value.outcome,
        approvedFen: checked.value.approvedFen,
        deliberation: command.deliberation,
      });
    }

    case 'publish': {
      const days = command.days ?? DEFAULT_DISCLOSURE_DAYS;
      if (!isLocalDate(command.startsOn)) return err('period.invalid_date', { value: command.startsOn });
      if (!Number.isInteger(days) || days < 1 || days > MAX_DISCLOSURE_DAYS) {
        return err('proposal.invalid_disclosure_days', { days, max: MAX_DISCLOSURE_DAYS });
      }
      if (p.deliberation && compareDates(command.startsOn, p.deliberation.meetingDate) < 0) {
        return err('proposal.disclosure_before_meeting', {
          startsOn: command.startsOn,
          meetingDate: p.deliberation.meetingDate,
        });
      }
      const disclosure = { startsOn: command.startsOn, days, endsOn: addDays(command.startsOn, days - 1) };
      return ok({ ...p, status: 'disclosure', disclosure, objections: [] });
    }

    case 'record_objection': {
      const period = p.disclosure;
      if (!period) return err('proposal.illegal_transition', { from: p.status, action: command.action });
      if (
        !isLocalDate(command.receivedOn) ||
        compareDates(command.receivedOn, period.startsOn) < 0 ||
        compareDates(command.receivedOn, period.endsOn) > 0
      ) {
        return err('proposal.outside_disclosure_period', {
          receivedOn: command.receivedOn,
          startsOn: period.startsOn,
          endsOn: period.endsOn,
        });
      }
      if (p.objections.some((o) => o.id === command.objectionId)) {
        return err('proposal.duplicate_objection', { objectionId: command.objectionId });
      }
      const objection: Objection = {
        id: command.objectionId,
        receivedOn: command.receivedOn,
        status: 'pending',
      };
      return ok({ ...p, objections: [...p.objections, objection] });
    }

    case 'resolve_objection': {
      const objection = p.objections.find((o) => o.id === command.objectionId);
      if (!objection) return err('proposal.unknown_objection', { objectionId: command.objectionId });
      if (objection.status !== 'pending') {
        return err('proposal.objection_already_resolved', { objectionId: command.objectionId });
      }
      if (command.upheld) {
        // The approval is void: back to draft, to be amended and deliberated again. The old meeting,
        // disclosure and objections stay in the stored history, not in the working state.
        return ok({
          ...p,
          status: 'draft',
          approvedFen: null,
          deliberation: null,
          disclosure: null,
          objections: [],
        });
      }
      return ok({
        ...p,
        objections: p.objections.map((o) =>
          o.id === command.objectionId ? { ...o, status: 'dismissed' } : o,
        ),
      });
    }

    case 'end_disclosure': {
      const period = p.disclosure;
      if (!period) return err('proposal.illegal_transition', { from: p.status, action: command.action });
      if (compareDates(ctx.today, period.endsOn) <= 0) {
        return err('proposal.disclosure_not_over', { endsOn: period.endsOn });
      }
      const pending = p.objections.filter((o) => o.status === 'pending').length;
      if (pending > 0) return err('proposal.objections_pending', { count: pending });
      return ok({ ...p, status: 'disclosed' });
    }

    case 'pay_out': {
      const amountFen = command.amountFen;
      if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
        return err('money.not_positive', { field: 'amountFen', value: amountFen });
      }
      const remaining = remainingPayoutFen(p);
      if (amountFen > remaining) {
        return err('proposal.payout_exceeds_approved', {
          amountFen,
          remainingFen: remaining,
          approvedFen: p.approvedFen ?? 0,
          paidFen: p.paidFen,
        });
      }
      return ok({ ...p, status: 'paid_out', paidFen: p.paidFen + amountFen });
    }

    case 'close':
      return ok({ ...p, status: 'closed' });

    case 'withdraw':
      return ok({ ...p, status: 'withdrawn' });
  }
}
