import type { ProposalDetail } from '@gongfu/contract';
import { type Action, can, type ProposalStatus, type Role } from '@gongfu/domain';

/** A status's tag colour; the status's words always go with it (colour is never the only sign). */
export const STATUS_COLOR: Record<ProposalStatus, string> = {
  draft: 'default',
  deliberation: 'processing',
  approved: 'blue',
  rejected: 'red',
  disclosure: 'gold',
  disclosed: 'cyan',
  paid_out: 'green',
  closed: 'default',
  withdrawn: 'default',
};

/** The buttons of a proposal page: what the workflow allows now and the role may do. */
export type ProposalButton =
  | 'edit'
  | 'deliberate'
  | 'withdraw'
  | 'publish'
  | 'record_objection'
  | 'resolve_objection'
  | 'pay_out'
  | 'close';

const ACTION_OF: Record<ProposalButton, Action> = {
  edit: 'proposal:update',
  deliberate: 'proposal:record_deliberation',
  withdraw: 'proposal:withdraw',
  publish: 'proposal:publish',
  record_objection: 'proposal:record_objection',
  resolve_objection: 'proposal:resolve_objection',
  pay_out: 'proposal:pay_out',
  close: 'proposal:close',
};

/**
 * The steps open to `role` on this proposal. The workflow is the API's `availableActions` (from the domain's
 * transitions, on the effective status), with two readings of it:
 * - a draft is deliberated in one step (the API submits it and records the meeting together);
 * - during 公示 payout is offered: the API settles an ended period with no objection pending and pays, and
 *   refuses (with its reason) while the period runs or an objection is open — the page says so first.
 */
export function buttonsFor(
  proposal: Pick<ProposalDetail, 'status' | 'availableActions' | 'amountFen' | 'paidFen' | 'remainingFen'>,
  role: Role | undefined,
) {
  const actions = new Set<string>(proposal.availableActions);
  const wanted: ProposalButton[] = [];
  if (actions.has('edit')) wanted.push('edit');
  if (actions.has('record_deliberation') || actions.has('submit')) wanted.push('deliberate');
  if (actions.has('publish')) wanted.push('publish');
  if (actions.has('record_objection')) wanted.push('record_objection');
  if (actions.has('resolve_objection')) wanted.push('resolve_objection');
  // nothing left to pay: no payout button (the approved amount is never exceeded)
  if ((actions.has('pay_out') || proposal.status === 'disclosure') && payableFen(proposal) > 0) {
    wanted.push('pay_out');
  }
  if (actions.has('close')) wanted.push('close');
  if (actions.has('withdraw')) wanted.push('withdraw');
  return new Set(wanted.filter((b) => role !== undefined && can(role, ACTION_OF[b])));
}

/** What may still be paid: the approved amount less what was paid (also during 公示, for the form's limit). */
export function payableFen(
  proposal: Pick<ProposalDetail, 'status' | 'amountFen' | 'paidFen' | 'remainingFen'>,
) {
  if (proposal.status === 'disclosure') return Math.max(0, proposal.amountFen - proposal.paidFen);
  return proposal.remainingFen;
}

/** Steps 提议 → 议事 → 公示 → 拨付 → 结项: which one is current, and how it stands. */
export function stepOf(
  status: ProposalStatus,
  remainingFen: number,
): {
  current: number;
  state: 'process' | 'finish' | 'error' | 'wait';
} {
  switch (status) {
    case 'draft':
      return { current: 0, state: 'process' };
    case 'deliberation':
      return { current: 1, state: 'process' };
    case 'approved':
      return { current: 2, state: 'wait' };
    case 'rejected':
      return { current: 1, state: 'error' };
    case 'disclosure':
      return { current: 2, state: 'process' };
    case 'disclosed':
      return { current: 3, state: 'wait' };
    case 'paid_out':
      return remainingFen > 0 ? { current: 3, state: 'process' } : { current: 4, state: 'wait' };
    case 'closed':
      return { current: 4, state: 'finish' };
    case 'withdrawn':
      return { current: 0, state: 'error' };
  }
}
