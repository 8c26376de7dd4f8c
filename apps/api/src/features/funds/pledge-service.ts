import { randomUUID } from 'node:crypto';
import type { FulfilmentCreate, Pledge, PledgeCreate, PledgeDetail, PledgeListQuery } from '@gongfu/contract';
import { audit, funds, ledger, type ScopedTransaction, toFen } from '@gongfu/db';
import { compareDates, type LocalDate, monthOfDate, type PledgeKind } from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';
import { requireReach, requireRight, scopeFilter, targetCommunity } from './access';
import { today } from './clock';

/*
 * Who records give-back. Communities keep their own books: the district reads pledges and writes none
 * of them. The pledges and fulfilments tables let a partner scope write its own rows,
 * but funds and ledger_entries are written only by district and community scopes, and a donation
 * must never appear in a fund without the community's say. Decision:
 *  - a partner operator records its own partner's pledges and fulfilments (the domain grants it
 *    pledge:create and pledge:record_fulfilment). A non-cash fulfilment counts at once; a cash one is
 *    a declaration that waits for the community: it counts once its donation is booked;
 *  - the community admin confirms a declared cash fulfilment, which posts the
 *    donation with the key `pledge-fulfilment:<fulfilment id>` (exactly once, whatever retries);
 *  - a community admin recording a cash fulfilment themselves posts the donation in
 *    the same transaction (no confirmation step).
 */

function toPledge(row: funds.PledgeRow): Pledge {
  const amountFen = toFen(row.amount_fen);
  const fulfilledFen = toFen(row.fulfilled_fen ?? 0);
  const status = row.status === 'fulfilled' ? 'fulfilled' : 'open';
  return {
    id: row.pledge_id,
    districtId: row.district_id,
    communityId: row.community_id,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    kind: row.kind as PledgeKind,
    description: row.description,
    amountFen,
    dueOn: row.due_on,
    fundId: row.fund_id,
    status,
    fulfilledFen,
    outstandingFen: Math.max(0, amountFen - fulfilledFen),
    awaitingConfirmationFen: toFen(row.awaiting_confirmation_fen ?? 0),
    overdue: status === 'open' && compareDates(row.due_on as LocalDate, today()) < 0,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

async function detailOf(trx: ScopedTransaction, row: funds.PledgeRow): Promise<PledgeDetail> {
  const fulfilments = await funds.listFulfilments(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    pledgeId: row.pledge_id,
  });
  return {
    ...toPledge(row),
    fulfilments: fulfilments.map((f) => ({
      id: f.fulfilment_id,
      pledgeId: f.pledge_id,
      partnerId: f.partner_id,
      valueFen: toFen(f.value_fen),
      fulfilledOn: f.fulfilled_on,
      description: f.description,
      ledgerEntryId: f.donation_entry_id,
      confirmed: row.kind !== 'cash' || f.donation_entry_id !== null,
      createdAt: new Date(f.created_at).toISOString(),
    })),
  };
}

export async function listPledges(trx: ScopedTransaction, actor: Actor, query: PledgeListQuery) {
  requireRight(actor, 'pledge:read');
  const filter = scopeFilter(actor);
  const none = { items: [], total: 0, totals: sumOf([]) };
  if (filter.communityId && query.communityId && query.communityId !== filter.communityId) return none;
  if (filter.partnerId && query.partnerId && query.partnerId !== filter.partnerId) return none;
  const rows = await funds.listPledges(trx, {
    districtId: filter.districtId,
    communityId: filter.communityId ?? query.communityId ?? null,
    partnerId: filter.partnerId ?? query.partnerId ?? null,
  });
  const items = rows
    .map(toPledge)
    .filter(
      (p) =>
        (!query.fundId || p.fundId === query.fundId) &&
        (!query.status || p.status === query.status) &&
        (query.overdue === undefined || p.overdue === query.overdue),
    );
  return { items, total: items.length, totals: sumOf(items) };
}

function sumOf(items: readonly Pledge[]) {
  const sum = (pick: (p: Pledge) => number) => items.reduce((total, p) => total + pick(p), 0);
  return {
    amountFen: sum((p) => p.amountFen),
    fulfilledFen: sum((p) => p.fulfilledFen),
    outstandingFen: sum((p) => p.outstandingFen),
    awaitingConfirmationFen: sum((p) => p.awaitingConfirmationFen),
  };
}

async function pledgeInReach(
  trx: ScopedTransaction,
  actor: Actor,
  pledgeId: string,
  action: 'pledge:read' | 'pledge:record_fulfilment',
) {
  requireRight(actor, action);
  const filter = scopeFilter(actor);
  const row = await funds.findPledge(trx, { ...filter, pledgeId });
  if (!row) throw notFound();
  requireReach(actor, action, {
    districtId: row.district_id,
    communityId: row.community_id,
    partnerIds: [row.partner_id],
  });
  return row;
}

export async function getPledge(trx: ScopedTransaction, actor: Actor, pledgeId: string) {
  return detailOf(trx, await pledgeInReach(trx, actor, pledgeId, 'pledge:read'));
}

export async function createPledge(
  trx: ScopedTransaction,
  actor: Actor,
  input: PledgeCreate,
  requestId: string,
) {
  requireRight(actor, 'pledge:create');
  const { districtId } = scopeFilter(actor);
  const communityId = targetCommunity(actor, input.communityId);
  requireReach(actor, 'pledge:create', { districtId, communityId, partnerIds: [input.partnerId] });
  if (!(await funds.findCommunity(trx, { districtId, communityId }))) throw notFound();
  if (!(await funds.findPartner(trx, { districtId, partnerId: input.partnerId }))) {
    throw new ApiError(400, 'validation_failed', { partnerId: 'unknown_partner' });
  }
  const fundId = input.fundId ?? null;
  const fund = fundId ? await funds.findFund(trx, { districtId, communityId, fundId }) : null;
  if (fundId && !fund) throw new ApiError(400, 'validation_failed', { fundId: 'unknown_fund' });
  const pledgeId = await funds.insertPledge(trx, {
    district_id: districtId,
    community_id: communityId,
    partner_id: input.partnerId,
    kind: input.kind,
    description: input.description,
    amount_fen: input.amountFen,
    due_on: input.dueOn,
    fund_id: fundId,
  });
  const row = await funds.findPledge(trx, { districtId, communityId, pledgeId });
  if (!row) throw new Error('a pledge just created is not visible to its author');
  const created = await detailOf(trx, row);
  await audit.appendAudit(trx, {
    districtId,
    communityId,
    actorUserId: actor.userId,
    action: 'pledge.create',
    entityType: 'pledge',
    entityId: pledgeId,
    after: { ...created, fundName: fund?.name ?? null },
    requestId,
  });
  return created;
}

/**
 * Records what a partner gave. A cash fulfilment is a donation into the pledge's fund, posted with
 * the key `pledge-fulfilment:<fulfilment id>` in the same transaction as the fulfilment row.
 */
export async function recordFulfilment(
  trx: ScopedTransaction,
  actor: Actor,
  pledgeId: string,
  input: FulfilmentCreate,
  requestId: string,
) {
  const found = await pledgeInReach(trx, actor, pledgeId, 'pledge:record_fulfilment');
  const scope = { districtId: found.district_id, communityId: found.community_id };
  if (compareDates(input.fulfilledOn as LocalDate, today()) > 0) {
    throw new ApiError(400, 'validation_failed', { fulfilledOn: 'date_in_future' });
  }
  // concurrent fulfilments of one pledge queue here: its status depends on their sum
  await funds.lockPledge(trx, { ...scope, pledgeId });
  const before = await detailOf(trx, found);
  const fulfilmentId = randomUUID();
  let ledgerEntryId: string | null = null;
  // a partner declares; the community books (see the decision at the top of this file)
  if (found.kind === 'cash' && actor.scope.kind !== 'partner') {
    ledgerEntryId = await bookDonation(trx, actor, found, {
      fulfilmentId,
      valueFen: input.valueFen,
      fulfilledOn: input.fulfilledOn,
      description: input.description ?? null,
    });
  }
  await funds.insertFulfilment(trx, {
    ...{ district_id: scope.districtId, community_id: scope.communityId },
    fulfilment_id: fulfilmentId,
    pledge_id: pledgeId,
    partner_id: found.partner_id,
    value_fen: input.valueFen,
    fulfilled_on: input.fulfilledOn,
    description: input.description ?? null,
    ledger_entry_id: ledgerEntryId,
  });
  const after = await refreshStatus(trx, found);
  await audit.appendAudit(trx, {
    ...scope,
    actorUserId: actor.userId,
    action: 'pledge.record_fulfilment',
    entityType: 'pledge',
    entityId: pledgeId,
    // the fund by name beside its id, as a proposal's entries log it (the pledge's fund does not change here)
    ...(await withFundName(trx, found, before, { ...after, fulfilmentId, ledgerEntryId })),
    requestId,
  });
  return after;
}

/** An audit entry's two sides with the pledge's fund named beside `fundId` (the log shows the name, not the id). */
async function withFundName<B extends object, A extends object>(
  trx: ScopedTransaction,
  pledge: funds.PledgeRow,
  before: B,
  after: A,
) {
  const fund = pledge.fund_id
    ? await funds.findFund(trx, {
        districtId: pledge.district_id,
        communityId: pledge.community_id,
        fundId: pledge.fund_id,
      })
    : undefined;
  const fundName = fund?.name ?? null;
  return { before: { ...before, fundName }, after: { ...after, fundName } };
}

/** Posts a cash fulfilment's donation into the pledge's fund under its key; the entry id. */
async function bookDonation(
  trx: ScopedTransaction,
  actor: Actor,
  pledge: funds.PledgeRow,
  f: { fulfilmentId: string; valueFen: number; fulfilledOn: string; description: string | null },
) {
  if (!pledge.fund_id) throw new ApiError(400, 'validation_failed', { fundId: 'unknown_fund' });
  const posted = await ledger.postLedgerEntry(trx, {
    districtId: pledge.district_id,
    communityId: pledge.community_id,
    fundId: pledge.fund_id,
    kind: 'donation',
    direction: 1,
    amountFen: f.valueFen,
    month: monthOfDate(f.fulfilledOn as LocalDate),
    sourceType: 'pledge_fulfilment',
    sourceId: f.fulfilmentId,
    postingKey: `pledge-fulfilment:${f.fulfilmentId}`,
    memo: f.description,
    createdBy: actor.userId,
  });
  if (posted.posted) return posted.entryId;
  if (posted.reason === 'duplicate') throw new ApiError(409, 'fulfilment_already_confirmed');
  throw new Error(`a cash fulfilment was not posted: ${posted.reason}`);
}

/** Sets the pledge's status from what has been given (confirmed), and returns its fresh detail. */
async function refreshStatus(trx: ScopedTransaction, pledge: funds.PledgeRow) {
  const scope = { districtId: pledge.district_id, communityId: pledge.community_id };
  const current = await funds.findPledge(trx, { ...scope, pledgeId: pledge.pledge_id });
  if (!current) throw new Error('a pledge just written is not visible');
  const status = toFen(current.fulfilled_fen ?? 0) >= toFen(current.amount_fen) ? 'fulfilled' : 'open';
  if (status !== current.status) {
    await funds.setPledgeStatus(trx, { ...scope, pledgeId: pledge.pledge_id, status });
  }
  const fresh = await funds.findPledge(trx, { ...scope, pledgeId: pledge.pledge_id });
  if (!fresh) throw new Error('a pledge just written is not visible');
  return detailOf(trx, fresh);
}

/**
 * The community confirms a cash fulfilment a partner declared: its donation is booked
 * into the pledge's fund, exactly once (a second confirmation is 409). Partners cannot: they do not
 * write funds.
 */
export async function confirmFulfilment(
  trx: ScopedTransaction,
  actor: Actor,
  pledgeId: string,
  fulfilmentId: string,
  requestId: string,
) {
  requireRight(actor, 'pledge:record_fulfilment');
  if (actor.scope.kind === 'partner') throw forbidden();
  const found = await pledgeInReach(trx, actor, pledgeId, 'pledge:record_fulfilment');
  const scope = { districtId: found.district_id, communityId: found.community_id };
  await funds.lockPledge(trx, { ...scope, pledgeId });
  const before = await detailOf(trx, found);
  const fulfilment = before.fulfilments.find((f) => f.id === fulfilmentId);
  if (!fulfilment) throw notFound();
  if (found.kind !== 'cash' || fulfilment.confirmed) throw new ApiError(409, 'fulfilment_already_confirmed');
  const ledgerEntryId = await bookDonation(trx, actor, found, {
    fulfilmentId,
    valueFen: fulfilment.valueFen,
    fulfilledOn: fulfilment.fulfilledOn,
    description: fulfilment.description,
  });
  const after = await refreshStatus(trx, found);
  await audit.appendAudit(trx, {
    ...scope,
    actorUserId: actor.userId,
    action: 'pledge.confirm_fulfilment',
    entityType: 'pledge',
    entityId: pledgeId,
    // the fund by name beside its id, as a proposal's entries log it (the pledge's fund does not change here)
    ...(await withFundName(trx, found, before, { ...after, fulfilmentId, ledgerEntryId })),
    requestId,
  });
  return after;
}
