import { randomUUID } from 'node:crypto';
import type {
  CloseInput,
  DeliberationInput,
  DisclosureInput,
  ObjectionCreate,
  ObjectionResolve,
  PayoutCreate,
  Proposal,
  ProposalCreate,
  ProposalDetail,
  ProposalUpdate,
} from '@gongfu/contract';
import { audit, funds, ledger, type ScopedTransaction, toFen } from '@gongfu/db';
import {
  type Action,
  availableProposalActions,
  checkOutflow,
  checkPayoutDate,
  checkUseCategory,
  compareDates,
  type DomainError,
  daysBetween,
  defaultQuorum,
  type FundKind,
  type LocalDate,
  type Month,
  type Objection,
  type ProposalCommand,
  type ProposalStatus,
  type ProposalUseCategory,
  type ProposalWorkflowState,
  remainingPayoutFen,
  transitionProposal,
} from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, notFound } from '../../errors';
import type { MessageCode } from '../../i18n/messages';
import { domainError, requireReach, requireRight, scopeFilter } from './access';
import { thisMonth, today } from './clock';

/** Stored in `resolution` of objections still pending when another one was upheld and the round ended. */
const SUPERSEDED =
  '另一条异议成立，议事项目退回草稿，本轮公示结束 / Another objection was upheld; this disclosure round ended';

type Row = funds.ProposalRow;
type ObjectionRow = funds.ObjectionRow;

function objectionStatus(o: ObjectionRow): 'pending' | 'upheld' | 'dismissed' | 'superseded' {
  if (o.upheld === true) return 'upheld';
  if (o.upheld === false) return 'dismissed';
  return o.resolution === null ? 'pending' : 'superseded';
}

const APPROVED_STATUSES: readonly string[] = ['approved', 'disclosure', 'disclosed', 'paid_out', 'closed'];

/**
 * The domain's working state of a stored proposal. Objections of the current round are the pending
 * and dismissed ones: an upheld objection always ends its round (the proposal went back to draft),
 * and the others of that round were superseded then.
 */
function stateOf(row: Row, objections: readonly ObjectionRow[]): ProposalWorkflowState {
  const amount = toFen(row.amount_fen);
  return {
    status: row.status as ProposalStatus,
    requestedFen: amount,
    approvedFen: APPROVED_STATUSES.includes(row.status) && row.meeting_on ? amount : null,
    paidFen: toFen(row.paid_fen),
    deliberation:
      row.meeting_on === null
        ? null
        : {
            meetingDate: row.meeting_on as LocalDate,
            eligibleVoters: row.eligible_voters,
            attendance: row.attendance ?? 0,
            quorum: row.quorum ?? 0,
            votesFor: row.votes_for ?? 0,
            votesAgainst: row.votes_against ?? 0,
            votesAbstain: row.votes_abstain ?? 0,
            minutes: row.minutes,
          },
    disclosure:
      row.disclosure_starts_on && row.disclosure_ends_on
        ? {
            startsOn: row.disclosure_starts_on as LocalDate,
            endsOn: row.disclosure_ends_on as LocalDate,
            days: daysBetween(row.disclosure_starts_on as LocalDate, row.disclosure_ends_on as LocalDate) + 1,
          }
        : null,
    objections: objections
      .filter((o) => o.proposal_id === row.proposal_id)
      .flatMap((o): Objection[] => {
        const status = objectionStatus(o);
        return status === 'pending' || status === 'dismissed'
          ? [{ id: o.objection_id, receivedOn: o.raised_on as LocalDate, status }]
          : [];
      }),
  };
}

/**
 * "Disclosed" is reached by time: a proposal in disclosure whose period has ended with no objection
 * pending is, in effect, disclosed. Reads show it so; writes apply the domain's end_disclosure step.
 */
function settled(state: ProposalWorkflowState): ProposalWorkflowState {
  if (state.status !== 'disclosure') return state;
  const next = transitionProposal(state, { action: 'end_disclosure' }, { today: today() });
  return next.ok ? next.value : state;
}

function toProposal(row: Row, objections: readonly ObjectionRow[]): Proposal {
  const state = settled(stateOf(row, objections));
  const d = state.deliberation;
  return {
    id: row.proposal_id,
    districtId: row.district_id,
    communityId: row.community_id,
    fundId: row.fund_id,
    title: row.title,
    purpose: row.purpose,
    useCategory: row.use_category as ProposalUseCategory,
    amountFen: toFen(row.amount_fen),
    paidFen: state.paidFen,
    remainingFen: remainingPayoutFen(state),
    status: state.status,
    deliberation: d
      ? {
          meetingOn: d.meetingDate,
          eligibleVoters: d.eligibleVoters,
          attendance: d.attendance,
          quorum: d.quorum,
          votesFor: d.votesFor,
          votesAgainst: d.votesAgainst,
          votesAbstain: d.votesAbstain,
          minutes: d.minutes ?? null,
          minutesFileName: row.minutes_file_name,
        }
      : null,
    disclosure: state.disclosure
      ? { ...state.disclosure, over: compareDates(today(), state.disclosure.endsOn) > 0 }
      : null,
    closeResult: row.close_result,
    availableActions: availableProposalActions(state.status),
    version: row.version,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

async function detailOf(trx: ScopedTransaction, row: Row): Promise<ProposalDetail> {
  const scope = { districtId: row.district_id, communityId: row.community_id };
  const objections = await funds.listObjections(trx, { ...scope, proposalIds: [row.proposal_id] });
  const entries = await funds.listProposalEntries(trx, { ...scope, proposalIds: [row.proposal_id] });
  return {
    ...toProposal(row, objections),
    objections: objections.map((o) => ({
      id: o.objection_id,
      proposalId: o.proposal_id,
      content: o.content,
      raisedOn: o.raised_on,
      status: objectionStatus(o),
      resolution: o.resolution,
      createdAt: new Date(o.created_at).toISOString(),
    })),
    payouts: entries.map((e) => ({
      entryId: e.entry_id,
      amountFen: toFen(e.amount_fen),
      month: e.month,
      // every expenditure has one (the column's check); the booking day would be the writer's default
      paidOn: e.paid_on ?? new Date(e.created_at).toISOString().slice(0, 10),
      memo: e.memo,
      reversed: e.reversed_by_entry_id !== null,
      createdAt: new Date(e.created_at).toISOString(),
    })),
  };
}

// ── reads

export async function listProposals(
  trx: ScopedTransaction,
  actor: Actor,
  query: {
    communityId?: string | undefined;
    fundId?: string | undefined;
    status?: ProposalStatus | undefined;
  },
) {
  requireRight(actor, 'proposal:read');
  const filter = scopeFilter(actor);
  if (filter.partnerId) return { items: [], total: 0 };
  if (filter.communityId && query.communityId && query.communityId !== filter.communityId) {
    return { items: [], total: 0 };
  }
  const rows = await funds.listProposals(trx, {
    districtId: filter.districtId,
    communityId: filter.communityId ?? query.communityId ?? null,
    ...(query.fundId ? { fundId: query.fundId } : {}),
  });
  const objections = await funds.listObjections(trx, {
    districtId: filter.districtId,
    communityId: filter.communityId,
    proposalIds: rows.map((r) => r.proposal_id),
  });
  // status filters the effective status (a disclosure that has run its course reads as disclosed)
  const items = rows
    .map((r) => toProposal(r, objections))
    .filter((p) => !query.status || p.status === query.status);
  return { items, total: items.length };
}

/** A proposal in the actor's reach for `action`, locked for writes; 404 otherwise. */
async function proposalInReach(trx: ScopedTransaction, actor: Actor, proposalId: string, action: Action) {
  requireRight(actor, action);
  const filter = scopeFilter(actor);
  if (filter.partnerId) throw notFound();
  const row = await funds.findProposal(trx, { ...filter, proposalId, forUpdate: action !== 'proposal:read' });
  if (!row) throw notFound();
  requireReach(actor, action, { districtId: row.district_id, communityId: row.community_id });
  return row;
}

export async function getProposal(trx: ScopedTransaction, actor: Actor, proposalId: string) {
  return detailOf(trx, await proposalInReach(trx, actor, proposalId, 'proposal:read'));
}

// ── writes

function checkVersion(row: Row, version: number | undefined) {
  if (version !== undefined && version !== row.version) throw new ApiError(409, 'stale_version');
}

/** Field a domain refusal is about, for the 400's `fields`. */
const FIELD_OF: Partial<Record<DomainError['code'], [string, MessageCode]>> = {
  'proposal.meeting_in_future': ['meetingOn', 'meeting_in_future'],
  'proposal.attendance_exceeds_eligible': ['attendance', 'attendance_exceeds_eligible'],
  'proposal.votes_exceed_attendance': ['votesFor', 'votes_exceed_attendance'],
  'proposal.quorum_not_met': ['attendance', 'quorum_not_met'],
  'proposal.disclosure_before_meeting': ['startsOn', 'disclosure_before_meeting'],
  'proposal.outside_disclosure_period': ['raisedOn', 'outside_disclosure_period'],
  'proposal.invalid_disclosure_days': ['days', 'invalid_disclosure_days'],
  'proposal.use_category_banned': ['useCategory', 'use_category_banned'],
  'proposal.unknown_use_category': ['useCategory', 'unknown_use_category'],
  'proposal.payout_date_in_future': ['paidOn', 'payout_date_in_future'],
  'proposal.payout_after_booking_month': ['paidOn', 'payout_after_booking_month'],
  'money.not_positive': ['amountFen', 'invalid_count'],
};
/** Refusals that are about the proposal's state, not the request's fields. */
const CONFLICTS: ReadonlySet<string> = new Set([
  'proposal.illegal_transition',
  'proposal.disclosure_not_over',
  'proposal.objections_pending',
  'proposal.payout_exceeds_approved',
  'proposal.unknown_objection',
  'proposal.objection_already_resolved',
  'proposal.duplicate_objection',
]);

function refuse(error: DomainError): ApiError {
  if (CONFLICTS.has(error.code)) return domainError(error, 409);
  if (error.code === 'proposal.invalid_count') {
    return domainError(error, 400, { [String(error.params.field ?? 'attendance')]: 'invalid_count' });
  }
  const field = FIELD_OF[error.code];
  return domainError(error, 400, field ? { [field[0]]: field[1] } : undefined);
}

function apply(state: ProposalWorkflowState, command: ProposalCommand): ProposalWorkflowState {
  const next = transitionProposal(state, command, { today: today() });
  if (!next.ok) throw refuse(next.error);
  return next.value;
}

/** The proposal's columns as the working state has them. */
function columnsOf(state: ProposalWorkflowState) {
  const d = state.deliberation;
  return {
    status: state.status,
    amount_fen: state.requestedFen,
    paid_fen: state.paidFen,
    meeting_on: d?.meetingDate ?? null,
    eligible_voters: d?.eligibleVoters ?? null,
    attendance: d ? d.attendance : null,
    quorum: d ? d.quorum : null,
    votes_for: d ? d.votesFor : null,
    votes_against: d ? d.votesAgainst : null,
    votes_abstain: d ? d.votesAbstain : null,
    minutes: d?.minutes ?? null,
    // a voided meeting (upheld objection) takes its paper record's file name with it
    ...(d ? {} : { minutes_file_name: null }),
    disclosure_starts_on: state.disclosure?.startsOn ?? null,
    disclosure_ends_on: state.disclosure?.endsOn ?? null,
  };
}

interface WriteContext {
  trx: ScopedTransaction;
  actor: Actor;
  requestId: string;
}

/** Saves the new state over the locked row, audits before and after, and returns the fresh detail. */
async function save(
  ctx: WriteContext,
  row: Row,
  next: ProposalWorkflowState,
  action: string,
  extra: Record<string, unknown> = {},
  /** columns the working state does not hold (the minutes' file name, the close result) */
  columns: { minutes_file_name?: string | null; close_result?: string | null } = {},
) {
  const scope = { districtId: row.district_id, communityId: row.community_id };
  const before = await detailOf(ctx.trx, row);
  const written = await funds.updateProposal(ctx.trx, {
    ...scope,
    proposalId: row.proposal_id,
    version: row.version,
    set: { ...columnsOf(next), ...columns },
  });
  // the row is locked FOR UPDATE: a miss here would be a bug, not a race
  if (!written) throw new ApiError(409, 'stale_version');
  const fresh = await funds.findProposal(ctx.trx, { ...scope, proposalId: row.proposal_id });
  if (!fresh) throw new Error('a proposal just written is not visible');
  const after = await detailOf(ctx.trx, fresh);
  const fundName = await fundNameOf(ctx.trx, after);
  await audit.appendAudit(ctx.trx, {
    ...scope,
    actorUserId: ctx.actor.userId,
    action: `proposal.${action}`,
    entityType: 'proposal',
    entityId: row.proposal_id,
    // a workflow step never moves the proposal to another fund: one name for both sides
    before: { ...before, fundName },
    after: { ...after, fundName, ...extra },
    requestId: ctx.requestId,
  });
  return after;
}

async function loadState(trx: ScopedTransaction, row: Row) {
  const objections = await funds.listObjections(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    proposalIds: [row.proposal_id],
  });
  return { state: stateOf(row, objections), objections };
}

/** The fund a proposal draws on: in the same community and the actor's reach, else a field error. */
async function fundFor(trx: ScopedTransaction, actor: Actor, fundId: string) {
  const filter = scopeFilter(actor);
  const fund = await funds.findFund(trx, { ...filter, fundId });
  if (!fund) throw new ApiError(400, 'validation_failed', { fundId: 'unknown_fund' });
  return fund;
}

/**
 * The name of a proposal's fund, logged beside `fundId` in its audit entries: the log then reads the fund by name (the
 * admin shows a `…Name` in place of its `…Id`), as it was when the step was taken.
 */
async function fundNameOf(
  trx: ScopedTransaction,
  proposal: { districtId: string; communityId: string; fundId: string },
) {
  const fund = await funds.findFund(trx, {
    districtId: proposal.districtId,
    communityId: proposal.communityId,
    fundId: proposal.fundId,
  });
  return fund?.name ?? null;
}

/** The domain's ban of a use category for a fund kind, as a 400 on `useCategory`. */
function checkedUseCategory(fundKind: string, useCategory: string): ProposalUseCategory {
  const checked = checkUseCategory(fundKind as FundKind, useCategory);
  if (!checked.ok) throw refuse(checked.error);
  return checked.value;
}

export async function createProposal(
  trx: ScopedTransaction,
  actor: Actor,
  input: ProposalCreate,
  requestId: string,
) {
  requireRight(actor, 'proposal:create');
  const fund = await fundFor(trx, actor, input.fundId);
  const scope = { districtId: fund.district_id, communityId: fund.community_id };
  requireReach(actor, 'proposal:create', scope);
  const useCategory = checkedUseCategory(fund.kind, input.useCategory);
  const proposalId = await funds.insertProposal(trx, {
    district_id: scope.districtId,
    community_id: scope.communityId,
    fund_id: fund.fund_id,
    title: input.title,
    purpose: input.purpose,
    use_category: useCategory,
    amount_fen: input.amountFen,
    created_by: actor.userId,
  });
  const row = await funds.findProposal(trx, { ...scope, proposalId });
  if (!row) throw new Error('a proposal just created is not visible to its author');
  const created = await detailOf(trx, row);
  await audit.appendAudit(trx, {
    ...scope,
    actorUserId: actor.userId,
    action: 'proposal.create',
    entityType: 'proposal',
    entityId: proposalId,
    after: { ...created, fundName: fund.name },
    requestId,
  });
  return created;
}

export async function updateProposal(ctx: WriteContext, proposalId: string, input: ProposalUpdate) {
  const row = await proposalInReach(ctx.trx, ctx.actor, proposalId, 'proposal:update');
  checkVersion(row, input.version);
  const { state } = await loadState(ctx.trx, row);
  const next = apply(state, { action: 'edit', requestedFen: input.amountFen ?? state.requestedFen });
  const fund = await fundFor(ctx.trx, ctx.actor, input.fundId ?? row.fund_id);
  if (fund.community_id !== row.community_id) {
    throw new ApiError(400, 'validation_failed', { fundId: 'unknown_fund' });
  }
  // a new category, or the old one against a new fund, meets the fund kind's ban
  if (input.useCategory || input.fundId !== undefined) {
    checkedUseCategory(fund.kind, input.useCategory ?? row.use_category);
  }
  const scope = { districtId: row.district_id, communityId: row.community_id };
  const before = await detailOf(ctx.trx, row);
  const written = await funds.updateProposal(ctx.trx, {
    ...scope,
    proposalId,
    version: row.version,
    set: {
      amount_fen: next.requestedFen,
      ...(input.title ? { title: input.title } : {}),
      ...(input.purpose ? { purpose: input.purpose } : {}),
      ...(input.useCategory ? { use_category: input.useCategory } : {}),
      ...(input.fundId ? { fund_id: input.fundId } : {}),
    },
  });
  if (!written) throw new ApiError(409, 'stale_version');
  const fresh = await funds.findProposal(ctx.trx, { ...scope, proposalId });
  if (!fresh) throw new Error('a proposal just written is not visible');
  const after = await detailOf(ctx.trx, fresh);
  await audit.appendAudit(ctx.trx, {
    ...scope,
    actorUserId: ctx.actor.userId,
    action: 'proposal.update',
    entityType: 'proposal',
    entityId: proposalId,
    before: { ...before, fundName: await fundNameOf(ctx.trx, before) },
    after: { ...after, fundName: fund.name },
    requestId: ctx.requestId,
  });
  return after;
}

/** Records the residents' meeting; a draft is submitted to deliberation by the same step. */
export async function deliberate(ctx: WriteContext, proposalId: string, input: DeliberationInput) {
  const row = await proposalInReach(ctx.trx, ctx.actor, proposalId, 'proposal:record_deliberation');
  checkVersion(row, input.version);
  let { state } = await loadState(ctx.trx, row);
  if (state.status === 'draft') state = apply(state, { action: 'submit' });
  const eligibleVoters = input.eligibleVoters ?? null;
  const next = apply(state, {
    action: 'record_deliberation',
    deliberation: {
      meetingDate: input.meetingOn as LocalDate,
      eligibleVoters,
      attendance: input.attendance,
      quorum: input.quorum ?? defaultQuorum(eligibleVoters ?? 0),
      votesFor: input.votesFor,
      votesAgainst: input.votesAgainst,
      votesAbstain: input.votesAbstain,
      minutes: input.minutes ?? null,
    },
  });
  return save(
    ctx,
    row,
    next,
    'record_deliberation',
    {},
    { minutes_file_name: input.minutesFileName ?? null },
  );
}

/** Starts 公示: today by default, never backdated (the public must really get its days). */
export async function disclose(ctx: WriteContext, proposalId: string, input: DisclosureInput) {
  const row = await proposalInReach(ctx.trx, ctx.actor, proposalId, 'proposal:publish');
  checkVersion(row, input.version);
  const startsOn = (input.startsOn ?? today()) as LocalDate;
  if (compareDates(startsOn, today()) < 0) {
    throw new ApiError(400, 'validation_failed', { startsOn: 'date_in_past' });
  }
  const { state } = await loadState(ctx.trx, row);
  const next = apply(state, { action: 'publish', startsOn, days: input.days });
  return save(ctx, row, next, 'publish');
}

export async function recordObjection(ctx: WriteContext, proposalId: string, input: ObjectionCreate) {
  const row = await proposalInReach(ctx.trx, ctx.actor, proposalId, 'proposal:record_objection');
  const raisedOn = (input.raisedOn ?? today()) as LocalDate;
  if (compareDates(raisedOn, today()) > 0) {
    throw new ApiError(400, 'validation_failed', { raisedOn: 'date_in_future' });
  }
  const { state } = await loadState(ctx.trx, row);
  const objectionId = randomUUID();
  const next = apply(state, { action: 'record_objection', objectionId, receivedOn: raisedOn });
  await funds.insertObjection(ctx.trx, {
    district_id: row.district_id,
    community_id: row.community_id,
    objection_id: objectionId,
    proposal_id: row.proposal_id,
    content: input.content,
    raised_on: raisedOn,
  });
  return save(ctx, row, next, 'record_objection', { objectionId });
}

export async function resolveObjection(
  ctx: WriteContext,
  proposalId: string,
  objectionId: string,
  input: ObjectionResolve,
) {
  const row = await proposalInReach(ctx.trx, ctx.actor, proposalId, 'proposal:resolve_objection');
  const { state, objections } = await loadState(ctx.trx, row);
  if (!objections.some((o) => o.objection_id === objectionId)) throw notFound();
  const next = apply(state, { action: 'resolve_objection', objectionId, upheld: input.upheld });
  const scope = { districtId: row.district_id, communityId: row.community_id };
  const resolved = await funds.resolveObjection(ctx.trx, {
    ...scope,
    objectionId,
    upheld: input.upheld,
    resolution: input.resolution,
  });
  if (!resolved) throw new Error('an objection the domain saw pending was not pending');
  if (input.upheld) {
    await funds.supersedePendingObjections(ctx.trx, { ...scope, proposalId, resolution: SUPERSEDED });
  }
  return save(ctx, row, next, 'resolve_objection', { objectionId, upheld: input.upheld });
}

/**
 * Pays part or all of an approved, disclosed proposal out of its fund. The proposal row is locked
 * first, then `postLedgerEntry` locks the fund: concurrent payouts queue, never pay above the
 * approved amount (the domain's rule, and CHECK paid_fen <= amount_fen) nor overdraw the fund
 * (the ledger's rule, and CHECK balance_fen >= 0). Any refusal rolls the whole step back.
 */
export async function payOut(ctx: WriteContext, proposalId: string, input: PayoutCreate) {
  const row = await proposalInReach(ctx.trx, ctx.actor, proposalId, 'proposal:pay_out');
  checkVersion(row, input.version);
  let { state } = await loadState(ctx.trx, row);
  if (state.status === 'disclosure') state = apply(state, { action: 'end_disclosure' });
  const next = apply(state, { action: 'pay_out', amountFen: input.amountFen });
  const month = (input.month ?? thisMonth()) as Month;
  const paidOn = checkPayoutDate({ paidOn: input.paidOn ?? today(), today: today(), bookingMonth: month });
  if (!paidOn.ok) throw refuse(paidOn.error);
  const posted = await ledger.postLedgerEntry(ctx.trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    fundId: row.fund_id,
    kind: 'expenditure',
    direction: -1,
    amountFen: input.amountFen,
    month,
    paidOn: paidOn.value,
    proposalId: row.proposal_id,
    sourceType: 'proposal',
    sourceId: row.proposal_id,
    memo: input.memo ?? null,
    createdBy: ctx.actor.userId,
  });
  if (!posted.posted) {
    if (posted.reason === 'insufficient_balance') {
      const check = checkOutflow(posted.balanceFen, input.amountFen);
      if (!check.ok) throw domainError(check.error, 409);
    }
    throw new Error(`a payout was not posted: ${posted.reason}`);
  }
  // the payout apart: beside the proposal's own fields its amount read as the proposal's amountFen (requested) changed
  const proposal = await save(ctx, row, next, 'pay_out', {
    payout: { entryId: posted.entryId, amountFen: input.amountFen, fundBalanceFen: posted.balanceFen },
  });
  return { proposal, entryId: posted.entryId, fundBalanceFen: posted.balanceFen };
}

export async function close(ctx: WriteContext, proposalId: string, input: CloseInput) {
  const row = await proposalInReach(ctx.trx, ctx.actor, proposalId, 'proposal:close');
  checkVersion(row, input.version);
  let { state } = await loadState(ctx.trx, row);
  if (state.status === 'disclosure') state = apply(state, { action: 'end_disclosure' });
  return save(ctx, row, apply(state, { action: 'close' }), 'close', {}, { close_result: input.result });
}

export async function withdraw(ctx: WriteContext, proposalId: string, version: number | undefined) {
  const row = await proposalInReach(ctx.trx, ctx.actor, proposalId, 'proposal:withdraw');
  checkVersion(row, version);
  const { state } = await loadState(ctx.trx, row);
  return save(ctx, row, apply(state, { action: 'withdraw' }), 'withdraw');
}
