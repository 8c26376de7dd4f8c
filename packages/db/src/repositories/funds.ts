import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  FundsTable,
  PledgeFulfilmentsTable,
  PledgesTable,
  ProposalObjectionsTable,
  ProposalsTable,
} from '../schema';
import type { ScopedTransaction } from '../tenant';

/**
 * Repositories of the funds feature: funds and their ledger (reads; every posting goes through
 * `ledger.postLedgerEntry`), resident proposals and their objections, give-back pledges and their
 * fulfilments, and the public disclosure board. Every function takes the scope's district (and
 * community, when the scope has one) as an explicit filter on top of RLS.
 */
export interface ScopeFilter {
  districtId: string;
  /** set for community scopes: only this community's rows */
  communityId?: string | null;
}

// ── communities and partners, as far as this feature needs them

export function findCommunity(trx: ScopedTransaction, args: { districtId: string; communityId: string }) {
  return trx
    .selectFrom('communities')
    .select(['district_id', 'community_id', 'name'])
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** What the public board says about its community: its name, who answers for it and where to write. */
export function findBoardCommunity(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string },
) {
  return trx
    .selectFrom('communities')
    .select(['community_id', 'name', 'responsible_org', 'feedback_channel'])
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findPartner(trx: ScopedTransaction, args: { districtId: string; partnerId: string }) {
  return trx
    .selectFrom('partners')
    .select(['partner_id', 'name'])
    .where('district_id', '=', args.districtId)
    .where('partner_id', '=', args.partnerId)
    .executeTakeFirst();
}

// ── funds

function selectFunds(trx: ScopedTransaction, filter: ScopeFilter) {
  let query = trx
    .selectFrom('funds')
    .select([
      'district_id',
      'community_id',
      'fund_id',
      'kind',
      'name',
      'purpose',
      'is_public',
      'balance_fen',
      'created_at',
    ])
    .where('district_id', '=', filter.districtId);
  if (filter.communityId) query = query.where('community_id', '=', filter.communityId);
  return query;
}

export type FundRow = Awaited<ReturnType<ReturnType<typeof selectFunds>['executeTakeFirstOrThrow']>>;

export function listFunds(trx: ScopedTransaction, filter: ScopeFilter & { publicOnly?: boolean }) {
  let query = selectFunds(trx, filter);
  if (filter.publicOnly) query = query.where('is_public', '=', true);
  return query.orderBy('created_at').orderBy('fund_id').execute();
}

export function findFund(
  trx: ScopedTransaction,
  filter: ScopeFilter & { fundId: string; forUpdate?: boolean },
) {
  const query = selectFunds(trx, filter).where('fund_id', '=', filter.fundId);
  return (filter.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertFund(trx: ScopedTransaction, values: Insertable<FundsTable>) {
  const row = await trx
    .insertInto('funds')
    .values(values)
    // the partial index's predicate as a literal: with a bind parameter PostgreSQL cannot match the
    // arbiter index once it switches a prepared statement to a generic plan (42P10 after 5 runs)
    .onConflict((oc) =>
      oc.columns(['district_id', 'community_id', 'kind']).where(sql<boolean>`kind <> 'other'`).doNothing(),
    )
    .returning('fund_id')
    .executeTakeFirst();
  return row?.fund_id ?? null;
}

// ── ledger entries (read only here: postings go through ledger.postLedgerEntry)

function selectEntries(trx: ScopedTransaction, filter: ScopeFilter) {
  let query = trx
    .selectFrom('ledger_entries as e')
    .select([
      'e.district_id',
      'e.community_id',
      'e.entry_id',
      'e.fund_id',
      'e.kind',
      'e.direction',
      'e.amount_fen',
      'e.month',
      'e.source_type',
      'e.source_id',
      'e.proposal_id',
      'e.reverses_entry_id',
      'e.memo',
      'e.paid_on',
      'e.created_by',
      'e.created_at',
    ])
    .where('e.district_id', '=', filter.districtId);
  if (filter.communityId) query = query.where('e.community_id', '=', filter.communityId);
  return query;
}

export type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

/**
 * A fund's entries in booking order, each with the balance after it (a window sum over the same
 * order) and the entry that reversed it, if any.
 */
export function listFundEntries(
  trx: ScopedTransaction,
  filter: ScopeFilter & { fundIds: readonly string[]; limit?: number; offset?: number },
) {
  if (filter.fundIds.length === 0) return Promise.resolve([]);
  let query = listFundEntriesQuery(trx, filter)
    .orderBy('e.fund_id')
    .orderBy('e.created_at')
    .orderBy('e.entry_id');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  if (filter.offset) query = query.offset(filter.offset);
  return query.execute();
}

function listFundEntriesQuery(trx: ScopedTransaction, filter: ScopeFilter & { fundIds: readonly string[] }) {
  return selectEntries(trx, filter)
    .select([
      sql<string>`sum(e.direction * e.amount_fen) over (partition by e.fund_id order by e.created_at, e.entry_id rows unbounded preceding)`.as(
        'balance_after_fen',
      ),
      (eb) =>
        eb
          .selectFrom('ledger_entries as r')
          .select('r.entry_id')
          .whereRef('r.district_id', '=', 'e.district_id')
          .whereRef('r.reverses_entry_id', '=', 'e.entry_id')
          .limit(1)
          .as('reversed_by_entry_id'),
    ])
    .where('e.fund_id', 'in', filter.fundIds);
}

/** Which of a fund's entries a ledger page shows: one kind, and/or booked in [from, to). */
export interface LedgerWindow {
  kind?: string | undefined;
  /** booked at or after this instant */
  from?: Date | undefined;
  /** booked before this instant */
  to?: Date | undefined;
}

function matchesWindow(w: LedgerWindow) {
  return sql.join(
    [
      sql`true`,
      ...(w.kind ? [sql`e.kind = ${w.kind}`] : []),
      ...(w.from ? [sql`e.created_at >= ${w.from}`] : []),
      ...(w.to ? [sql`e.created_at < ${w.to}`] : []),
    ],
    sql` and `,
  );
}

/**
 * One fund's ledger page: the entries in the window, each with the balance after it computed over ALL
 * the fund's entries in booking order (a filter never changes an entry's running balance), oldest or
 * newest first.
 */
export function listFundLedger(
  trx: ScopedTransaction,
  filter: ScopeFilter &
    LedgerWindow & { fundId: string; order: 'asc' | 'desc'; limit: number; offset: number },
) {
  const all = listFundEntriesQuery(trx, { ...filter, fundIds: [filter.fundId] });
  let query = trx.selectFrom(all.as('e')).selectAll();
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  if (filter.from) query = query.where('e.created_at', '>=', filter.from);
  if (filter.to) query = query.where('e.created_at', '<', filter.to);
  return query
    .orderBy('e.created_at', filter.order)
    .orderBy('e.entry_id', filter.order)
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

/**
 * What a ledger page sums up: how many entries the window holds and what they moved in and out (by
 * direction, so a reversal counts where its money went); the fund's balance before the window starts
 * and at its end (both over every kind: balances are the fund's, whatever the kind filter).
 */
export async function summarizeFundLedger(
  trx: ScopedTransaction,
  filter: ScopeFilter & LedgerWindow & { fundId: string },
) {
  const match = matchesWindow(filter);
  const before = filter.from ? sql`e.created_at < ${filter.from}` : sql`false`;
  const until = filter.to ? sql`e.created_at < ${filter.to}` : sql`true`;
  let query = trx
    .selectFrom('ledger_entries as e')
    .select([
      sql<number>`count(*) filter (where ${match})::int`.as('n'),
      sql<string>`coalesce(sum(e.amount_fen) filter (where ${match} and e.direction = 1), 0)`.as('inflow'),
      sql<string>`coalesce(sum(e.amount_fen) filter (where ${match} and e.direction = -1), 0)`.as('outflow'),
      sql<string>`coalesce(sum(e.direction * e.amount_fen) filter (where ${before}), 0)`.as('opening'),
      sql<string>`coalesce(sum(e.direction * e.amount_fen) filter (where ${until}), 0)`.as('closing'),
    ])
    .where('e.district_id', '=', filter.districtId)
    .where('e.fund_id', '=', filter.fundId);
  if (filter.communityId) query = query.where('e.community_id', '=', filter.communityId);
  const row = await query.executeTakeFirstOrThrow();
  return {
    count: Number(row.n),
    inflowFen: Number(row.inflow),
    outflowFen: Number(row.outflow),
    openingFen: Number(row.opening),
    closingFen: Number(row.closing),
  };
}

export async function countFundEntries(trx: ScopedTransaction, filter: ScopeFilter & { fundId: string }) {
  let query = trx
    .selectFrom('ledger_entries')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('district_id', '=', filter.districtId)
    .where('fund_id', '=', filter.fundId);
  if (filter.communityId) query = query.where('community_id', '=', filter.communityId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findEntry(trx: ScopedTransaction, filter: ScopeFilter & { entryId: string }) {
  return selectEntries(trx, filter).where('e.entry_id', '=', filter.entryId).executeTakeFirst();
}

/** The expenditures (and their reversals) booked for proposals. */
export function listProposalEntries(
  trx: ScopedTransaction,
  filter: ScopeFilter & { proposalIds: readonly string[] },
) {
  if (filter.proposalIds.length === 0) return Promise.resolve([]);
  return selectEntries(trx, filter)
    .select((eb) =>
      eb
        .selectFrom('ledger_entries as r')
        .select('r.entry_id')
        .whereRef('r.district_id', '=', 'e.district_id')
        .whereRef('r.reverses_entry_id', '=', 'e.entry_id')
        .limit(1)
        .as('reversed_by_entry_id'),
    )
    .where('e.proposal_id', 'in', filter.proposalIds)
    .where('e.kind', '=', 'expenditure')
    .orderBy('e.created_at')
    .orderBy('e.entry_id')
    .execute();
}

// ── proposals

function selectProposals(trx: ScopedTransaction, filter: ScopeFilter) {
  let query = trx.selectFrom('proposals').selectAll().where('district_id', '=', filter.districtId);
  if (filter.communityId) query = query.where('community_id', '=', filter.communityId);
  return query;
}

export type ProposalRow = Awaited<ReturnType<ReturnType<typeof selectProposals>['executeTakeFirstOrThrow']>>;

export function listProposals(
  trx: ScopedTransaction,
  filter: ScopeFilter & { fundId?: string; status?: string },
) {
  let query = selectProposals(trx, filter);
  if (filter.fundId) query = query.where('fund_id', '=', filter.fundId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('created_at', 'desc').orderBy('proposal_id').execute();
}

/** One proposal; `forUpdate` locks its row so workflow steps and payouts on it queue. */
export function findProposal(
  trx: ScopedTransaction,
  filter: ScopeFilter & { proposalId: string; forUpdate?: boolean },
) {
  const query = selectProposals(trx, filter).where('proposal_id', '=', filter.proposalId);
  return (filter.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertProposal(trx: ScopedTransaction, values: Insertable<ProposalsTable>) {
  const row = await trx
    .insertInto('proposals')
    .values(values)
    .returning('proposal_id')
    .executeTakeFirstOrThrow();
  return row.proposal_id;
}

/** Writes a proposal if it is still at `version`, bumping it; false when someone else got there first. */
export async function updateProposal(
  trx: ScopedTransaction,
  args: {
    districtId: string;
    communityId: string;
    proposalId: string;
    version: number;
    set: Updateable<ProposalsTable>;
  },
) {
  const row = await trx
    .updateTable('proposals')
    .set({ ...args.set, version: args.version + 1, updated_at: sql`now()` })
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('proposal_id', '=', args.proposalId)
    .where('version', '=', args.version)
    .returning('proposal_id')
    .executeTakeFirst();
  return row !== undefined;
}

// ── objections

export function listObjections(
  trx: ScopedTransaction,
  filter: ScopeFilter & { proposalIds: readonly string[] },
) {
  if (filter.proposalIds.length === 0) return Promise.resolve([]);
  let query = trx
    .selectFrom('proposal_objections')
    .selectAll()
    .where('district_id', '=', filter.districtId)
    .where('proposal_id', 'in', filter.proposalIds);
  if (filter.communityId) query = query.where('community_id', '=', filter.communityId);
  return query.orderBy('created_at').orderBy('objection_id').execute();
}

export type ObjectionRow = Awaited<ReturnType<typeof listObjections>>[number];

export async function insertObjection(trx: ScopedTransaction, values: Insertable<ProposalObjectionsTable>) {
  const row = await trx
    .insertInto('proposal_objections')
    .values(values)
    .returning('objection_id')
    .executeTakeFirstOrThrow();
  return row.objection_id;
}

/** Resolves one objection that is still pending; false when it was not pending. */
export async function resolveObjection(
  trx: ScopedTransaction,
  args: {
    districtId: string;
    communityId: string;
    objectionId: string;
    upheld: boolean | null;
    resolution: string;
  },
) {
  const row = await trx
    .updateTable('proposal_objections')
    .set({ upheld: args.upheld, resolution: args.resolution })
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('objection_id', '=', args.objectionId)
    .where('upheld', 'is', null)
    .where('resolution', 'is', null)
    .returning('objection_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends the objections still pending on a proposal (its disclosure round ended): upheld stays null. */
export async function supersedePendingObjections(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string; proposalId: string; resolution: string },
) {
  await trx
    .updateTable('proposal_objections')
    .set({ resolution: args.resolution })
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('proposal_id', '=', args.proposalId)
    .where('upheld', 'is', null)
    .where('resolution', 'is', null)
    .execute();
}

// ── pledges

function selectPledges(trx: ScopedTransaction, filter: ScopeFilter & { partnerId?: string | null }) {
  let query = trx
    .selectFrom('pledges as p')
    .leftJoin('partners as pa', (join) =>
      join.onRef('pa.district_id', '=', 'p.district_id').onRef('pa.partner_id', '=', 'p.partner_id'),
    )
    .select([
      'p.district_id',
      'p.community_id',
      'p.pledge_id',
      'p.partner_id',
      'pa.name as partner_name',
      'p.kind',
      'p.description',
      'p.amount_fen',
      'p.due_on',
      'p.fund_id',
      'p.status',
      'p.version',
      'p.created_at',
      // what counts as given: non-cash fulfilments, and cash ones whose donation is booked. The subqueries name
      // the district by value, not as p.district_id: Citus cannot prune a correlated subquery's table, so the
      // whole statement would go to every shard (and, with the outer join, is refused on PostgreSQL 15: ADR 0027)
      sql<string>`(select coalesce(sum(f.value_fen), 0) from pledge_fulfilments f
                   where f.district_id = ${filter.districtId} and f.pledge_id = p.pledge_id
                     and (p.kind <> 'cash' or f.ledger_entry_id is not null or exists (
                       select 1 from ledger_entries e where e.district_id = ${filter.districtId}
                         and e.posting_key = 'pledge-fulfilment:' || f.fulfilment_id::text)))`.as(
        'fulfilled_fen',
      ),
      // cash a partner declared and the community has not booked yet
      sql<string>`(select coalesce(sum(f.value_fen), 0) from pledge_fulfilments f
                   where f.district_id = ${filter.districtId} and f.pledge_id = p.pledge_id
                     and p.kind = 'cash' and f.ledger_entry_id is null and not exists (
                       select 1 from ledger_entries e where e.district_id = ${filter.districtId}
                         and e.posting_key = 'pledge-fulfilment:' || f.fulfilment_id::text))`.as(
        'awaiting_confirmation_fen',
      ),
    ])
    .where('p.district_id', '=', filter.districtId);
  if (filter.communityId) query = query.where('p.community_id', '=', filter.communityId);
  if (filter.partnerId) query = query.where('p.partner_id', '=', filter.partnerId);
  return query;
}

export type PledgeRow = Awaited<ReturnType<ReturnType<typeof selectPledges>['executeTakeFirstOrThrow']>>;

export function listPledges(trx: ScopedTransaction, filter: ScopeFilter & { partnerId?: string | null }) {
  return selectPledges(trx, filter).orderBy('p.due_on').orderBy('p.pledge_id').execute();
}

export function findPledge(
  trx: ScopedTransaction,
  filter: ScopeFilter & { partnerId?: string | null; pledgeId: string },
) {
  return selectPledges(trx, filter).where('p.pledge_id', '=', filter.pledgeId).executeTakeFirst();
}

/** Locks a pledge row so concurrent fulfilments of it queue (its status depends on their sum). */
export function lockPledge(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string; pledgeId: string },
) {
  return trx
    .selectFrom('pledges')
    .select(['pledge_id', 'version'])
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('pledge_id', '=', args.pledgeId)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertPledge(trx: ScopedTransaction, values: Insertable<PledgesTable>) {
  const row = await trx.insertInto('pledges').values(values).returning('pledge_id').executeTakeFirstOrThrow();
  return row.pledge_id;
}

export async function setPledgeStatus(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string; pledgeId: string; status: string },
) {
  await trx
    .updateTable('pledges')
    .set((eb) => ({ status: args.status, version: eb('version', '+', 1) }))
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('pledge_id', '=', args.pledgeId)
    .execute();
}

/**
 * A pledge's fulfilments, each with its donation entry: the one written with it (`ledger_entry_id`)
 * or, for a cash fulfilment a partner declared and the community confirmed later, the entry posted
 * under its key `pledge-fulfilment:<id>` (fulfilments are insert-only, so the link lives in the ledger).
 */
export function listFulfilments(trx: ScopedTransaction, filter: ScopeFilter & { pledgeId: string }) {
  let query = trx
    .selectFrom('pledge_fulfilments as f')
    .selectAll('f')
    .select(
      sql<string | null>`coalesce(f.ledger_entry_id, (select e.entry_id from ledger_entries e
        where e.district_id = f.district_id and e.posting_key = 'pledge-fulfilment:' || f.fulfilment_id::text))`.as(
        'donation_entry_id',
      ),
    )
    .where('f.district_id', '=', filter.districtId)
    .where('f.pledge_id', '=', filter.pledgeId);
  if (filter.communityId) query = query.where('f.community_id', '=', filter.communityId);
  return query.orderBy('f.fulfilled_on').orderBy('f.created_at').execute();
}

export type FulfilmentRow = Awaited<ReturnType<typeof listFulfilments>>[number];

export async function insertFulfilment(trx: ScopedTransaction, values: Insertable<PledgeFulfilmentsTable>) {
  await trx.insertInto('pledge_fulfilments').values(values).execute();
}

// ── the public disclosure board

/** Proposals that have been put to public disclosure (never drafts, rejected or withdrawn ones). */
export function listDisclosedProposals(
  trx: ScopedTransaction,
  filter: { districtId: string; communityId: string },
) {
  return trx
    .selectFrom('proposals')
    .select([
      'proposal_id',
      'fund_id',
      'title',
      'purpose',
      'use_category',
      'amount_fen',
      'paid_fen',
      'status',
      'close_result',
      'meeting_on',
      'eligible_voters',
      'attendance',
      'quorum',
      'votes_for',
      'votes_against',
      'votes_abstain',
      'disclosure_starts_on',
      'disclosure_ends_on',
      (eb) =>
        eb
          .selectFrom('proposal_objections as o')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('o.district_id', '=', 'proposals.district_id')
          .whereRef('o.proposal_id', '=', 'proposals.proposal_id')
          .as('objections_count'),
    ])
    .where('district_id', '=', filter.districtId)
    .where('community_id', '=', filter.communityId)
    .select((eb) =>
      eb
        .selectFrom('proposal_objections as o')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('o.district_id', '=', 'proposals.district_id')
        .whereRef('o.proposal_id', '=', 'proposals.proposal_id')
        .where('o.upheld', 'is', null)
        .where('o.resolution', 'is', null)
        .as('pending_objections_count'),
    )
    .where('status', 'in', ['disclosure', 'disclosed', 'paid_out', 'closed'])
    .where('disclosure_starts_on', 'is not', null)
    .where('disclosure_ends_on', 'is not', null)
    .orderBy('disclosure_starts_on', 'desc')
    .orderBy('proposal_id')
    .execute();
}
