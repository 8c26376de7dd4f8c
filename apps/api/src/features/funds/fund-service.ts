import type { Fund, FundCreate, LedgerEntry, LedgerEntryCreate, LedgerEntryQuery } from '@gongfu/contract';
import { audit, funds, ledger, type ScopedTransaction, toFen } from '@gongfu/db';
import {
  addDays,
  checkOutflow,
  compareDates,
  entrySign,
  type FundKind,
  isLedgerEntryKind,
  type LedgerEntryKind,
  type LocalDate,
  startOfShanghaiDay,
  validateLedgerEntry,
} from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, notFound } from '../../errors';
import { domainError, requireReach, requireRight, scopeFilter, targetCommunity } from './access';
import { thisMonth } from './clock';

export function toFund(row: funds.FundRow): Fund {
  return {
    id: row.fund_id,
    districtId: row.district_id,
    communityId: row.community_id,
    kind: row.kind as FundKind,
    name: row.name,
    purpose: row.purpose,
    isPublic: row.is_public,
    balanceFen: toFen(row.balance_fen),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

type EntryWithBalance = Awaited<ReturnType<typeof funds.listFundEntries>>[number];

function toEntry(row: EntryWithBalance): LedgerEntry {
  return {
    id: row.entry_id,
    fundId: row.fund_id,
    kind: row.kind as LedgerEntryKind,
    direction: row.direction === -1 ? -1 : 1,
    amountFen: toFen(row.amount_fen),
    balanceAfterFen: toFen(row.balance_after_fen),
    month: row.month,
    proposalId: row.proposal_id,
    reversesEntryId: row.reverses_entry_id,
    reversedByEntryId: row.reversed_by_entry_id,
    sourceType: row.source_type,
    sourceId: row.source_id,
    memo: row.memo,
    paidOn: row.paid_on,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listFunds(
  trx: ScopedTransaction,
  actor: Actor,
  query: { communityId?: string | undefined },
) {
  requireRight(actor, 'fund:read');
  const filter = scopeFilter(actor);
  if (filter.partnerId) return { items: [], total: 0 }; // no partner role reads funds today; never widen by accident
  if (filter.communityId && query.communityId && query.communityId !== filter.communityId) {
    return { items: [], total: 0 };
  }
  const rows = await funds.listFunds(trx, {
    districtId: filter.districtId,
    communityId: filter.communityId ?? query.communityId ?? null,
  });
  return { items: rows.map(toFund), total: rows.length };
}

/** A fund in the actor's reach for `action`, or 404. */
export async function fundInReach(
  trx: ScopedTransaction,
  actor: Actor,
  fundId: string,
  action: 'fund:read' | 'ledger:read' | 'ledger:record_inflow' | 'ledger:reverse',
) {
  requireRight(actor, action);
  const filter = scopeFilter(actor);
  if (filter.partnerId) throw notFound();
  const row = await funds.findFund(trx, { ...filter, fundId });
  if (!row) throw notFound();
  requireReach(actor, action, { districtId: row.district_id, communityId: row.community_id });
  return row;
}

export async function getFund(trx: ScopedTransaction, actor: Actor, fundId: string) {
  return toFund(await fundInReach(trx, actor, fundId, 'fund:read'));
}

export async function listEntries(
  trx: ScopedTransaction,
  actor: Actor,
  fundId: string,
  query: LedgerEntryQuery,
) {
  const fund = await fundInReach(trx, actor, fundId, 'ledger:read');
  if (query.from && query.to && compareDates(query.to as LocalDate, query.from as LocalDate) < 0) {
    throw new ApiError(400, 'validation_failed', { to: 'date_range_reversed' });
  }
  // a day range is its whole days in Shanghai: from the start of `from` to the end of `to`
  const window = {
    kind: query.kind,
    from: query.from ? startOfShanghaiDay(query.from as LocalDate) : undefined,
    to: query.to ? startOfShanghaiDay(addDays(query.to as LocalDate, 1)) : undefined,
  };
  const filter = { districtId: fund.district_id, communityId: fund.community_id, fundId };
  const rows = await funds.listFundLedger(trx, {
    ...filter,
    ...window,
    order: query.order,
    limit: query.limit,
    offset: query.offset,
  });
  const summary = await funds.summarizeFundLedger(trx, { ...filter, ...window });
  const totals = await ledger.fundTotals(trx, { districtId: fund.district_id, fundId });
  return {
    fund: toFund(fund),
    items: rows.map(toEntry),
    total: summary.count,
    totals: {
      inflowFen: summary.inflowFen,
      outflowFen: summary.outflowFen,
      netFen: summary.inflowFen - summary.outflowFen,
      openingBalanceFen: summary.openingFen,
      closingBalanceFen: summary.closingFen,
    },
    entriesSumFen: totals?.entriesSumFen ?? 0,
  };
}

export async function createFund(trx: ScopedTransaction, actor: Actor, input: FundCreate, requestId: string) {
  requireRight(actor, 'fund:create');
  const { districtId } = scopeFilter(actor);
  const communityId = targetCommunity(actor, input.communityId);
  requireReach(actor, 'fund:create', { districtId, communityId });
  const community = await funds.findCommunity(trx, { districtId, communityId });
  if (!community) throw notFound();
  const fundId = await funds.insertFund(trx, {
    district_id: districtId,
    community_id: communityId,
    kind: input.kind,
    name: input.name,
    purpose: input.purpose ?? null,
    is_public: input.isPublic,
  });
  if (!fundId) throw new ApiError(409, 'fund_kind_exists', { kind: 'fund_kind_exists' });
  const row = await funds.findFund(trx, { districtId, communityId, fundId });
  if (!row) throw new Error('a fund just created is not visible to its creator');
  const created = toFund(row);
  await audit.appendAudit(trx, {
    districtId,
    communityId,
    actorUserId: actor.userId,
    action: 'fund.create',
    entityType: 'fund',
    entityId: fundId,
    after: created,
    requestId,
  });
  return created;
}

/**
 * Books an inflow (donation, grant) or reverses an earlier entry. Expenditures are refused here:
 * money leaves a fund only through a proposal payout; allocations come only from approved reports.
 */
export async function createEntry(
  trx: ScopedTransaction,
  actor: Actor,
  fundId: string,
  input: LedgerEntryCreate,
  requestId: string,
) {
  if (input.kind === 'expenditure' || input.kind === 'allocation') {
    throw new ApiError(400, 'ledger_kind_not_allowed', {
      kind: input.kind === 'expenditure' ? 'expenditure_only_by_payout' : 'allocation_only_by_report',
    });
  }
  const action = input.kind === 'reversal' ? 'ledger:reverse' : 'ledger:record_inflow';
  const fund = await fundInReach(trx, actor, fundId, action);
  const scope = { districtId: fund.district_id, communityId: fund.community_id };
  const month = input.month ?? thisMonth();
  const memo = input.memo ?? null;

  let posted: { entryId: string; balanceFen: number };
  if (input.kind === 'reversal') {
    posted = await reverseEntry(trx, actor, fund, input.reversesEntryId ?? '', month, memo);
  } else {
    const amountFen = input.amountFen ?? 0;
    const valid = validateLedgerEntry({ kind: input.kind, amountFen });
    if (!valid.ok) throw domainError(valid.error, 400, { amountFen: 'invalid_count' });
    const result = await ledger.postLedgerEntry(trx, {
      ...scope,
      fundId,
      kind: input.kind,
      direction: 1,
      amountFen,
      month,
      memo,
      sourceType: 'manual',
      createdBy: actor.userId,
    });
    if (!result.posted) throw new Error(`an inflow was not posted: ${result.reason}`);
    posted = result;
  }

  const [row] = (await funds.listFundEntries(trx, { ...scope, fundIds: [fundId] })).filter(
    (e) => e.entry_id === posted.entryId,
  );
  if (!row) throw new Error('an entry just posted is not visible to its author');
  const entry = toEntry(row);
  await audit.appendAudit(trx, {
    ...scope,
    actorUserId: actor.userId,
    action: input.kind === 'reversal' ? 'ledger.reverse' : 'ledger.record_inflow',
    entityType: 'ledger_entry',
    entityId: entry.id,
    after: { ...entry, fundBalanceFen: posted.balanceFen },
    requestId,
  });
  return entry;
}

async function reverseEntry(
  trx: ScopedTransaction,
  actor: Actor,
  fund: funds.FundRow,
  entryId: string,
  month: string,
  memo: string | null,
) {
  const scope = { districtId: fund.district_id, communityId: fund.community_id };
  const original = await funds.findEntry(trx, { ...scope, entryId });
  if (!original || original.fund_id !== fund.fund_id || !isLedgerEntryKind(original.kind)) {
    throw new ApiError(400, 'validation_failed', { reversesEntryId: 'unknown_entry' });
  }
  // what an approved report allocated is the report's: an amendment reverses and re-posts it, so a
  // hand-made reversal would undo the district's approval behind the report's back (and twice)
  if (original.kind === 'allocation') {
    throw new ApiError(400, 'validation_failed', { reversesEntryId: 'allocation_corrected_by_amendment' });
  }
  const amountFen = toFen(original.amount_fen);
  const reversal = { kind: 'reversal' as const, amountFen, reversesKind: original.kind };
  const valid = validateLedgerEntry(reversal as Parameters<typeof validateLedgerEntry>[0]);
  if (!valid.ok) throw domainError(valid.error, 400, { reversesEntryId: 'cannot_reverse_reversal' });
  const direction = entrySign(valid.value);

  // reversing a payout gives the money back to the proposal: lock the proposal first (the same order
  // as a payout: proposal, then fund), then post, then lower what it has been paid
  const proposal =
    original.proposal_id && original.kind === 'expenditure'
      ? await funds.findProposal(trx, { ...scope, proposalId: original.proposal_id, forUpdate: true })
      : undefined;

  const result = await ledger.postLedgerEntry(trx, {
    ...scope,
    fundId: fund.fund_id,
    kind: 'reversal',
    direction,
    amountFen,
    month,
    memo,
    reversesEntryId: original.entry_id,
    proposalId: original.proposal_id,
    sourceType: 'reversal',
    sourceId: original.entry_id,
    postingKey: `reversal:${original.entry_id}`,
    createdBy: actor.userId,
  });
  if (!result.posted) {
    if (result.reason === 'duplicate') throw new ApiError(409, 'entry_already_reversed');
    if (result.reason === 'insufficient_balance') {
      const check = checkOutflow(result.balanceFen, amountFen);
      if (!check.ok) throw domainError(check.error, 409);
    }
    throw new Error(`a reversal was not posted: ${result.reason}`);
  }
  if (proposal) {
    const updated = await funds.updateProposal(trx, {
      ...scope,
      proposalId: proposal.proposal_id,
      version: proposal.version,
      set: { paid_fen: toFen(proposal.paid_fen) - amountFen },
    });
    if (!updated) throw new Error('a locked proposal changed under its lock');
  }
  return result;
}
