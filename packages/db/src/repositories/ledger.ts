import type { LedgerSourceType } from '@gongfu/domain';
import { sql } from 'kysely';
import { toFen } from '../schema';
import type { ScopedTransaction } from '../tenant';

/**
 * The one way money enters or leaves a fund. Inside the caller's transaction it locks the fund row
 * (concurrent postings to one fund queue there), refuses an outflow larger than the balance, appends the
 * entry and moves the balance. Entries are never updated or deleted (the runtime role cannot).
 *  - a posting key (unique per district) makes a posting happen at most once, whatever retries or races:
 *    the second attempt waits on the lock, then finds the key taken and writes nothing.
 * The balance is therefore always the sum of the entries (a test checks it).
 */
export interface LedgerEntryInput {
  districtId: string;
  communityId: string;
  fundId: string;
  kind: 'allocation' | 'donation' | 'grant' | 'expenditure' | 'reversal';
  direction: 1 | -1;
  amountFen: number;
  month: string;
  sourceType?: LedgerSourceType | null;
  sourceId?: string | null;
  postingKey?: string | null;
  reversesEntryId?: string | null;
  proposalId?: string | null;
  memo?: string | null;
  /** an expenditure's payout date (the day the money left the fund); the booking day when not given */
  paidOn?: string | null;
  createdBy?: string | null;
  /**
   * Only for the demo seed, which replays two years of history that happened before the database held it: the
   * entry's id and the instant it was booked then (an ISO string). Requests never pass it — their entries are
   * booked at the moment of posting — so the API's writers do not expose it.
   */
  replay?: { entryId: string; bookedAt: string } | null;
}

export type PostResult =
  | { posted: true; entryId: string; balanceFen: number }
  /** the posting key was used before: nothing was written */
  | { posted: false; reason: 'duplicate' }
  /** an outflow larger than the balance: nothing was written */
  | { posted: false; reason: 'insufficient_balance'; balanceFen: number }
  | { posted: false; reason: 'no_such_fund' };

export async function postLedgerEntry(trx: ScopedTransaction, input: LedgerEntryInput): Promise<PostResult> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw new RangeError('a ledger amount is a positive whole number of fen');
  }
  // lock the fund row: every posting into this fund queues here, so the check below cannot go stale
  const fund = await trx
    .selectFrom('funds')
    .select('balance_fen')
    .where('district_id', '=', input.districtId)
    .where('community_id', '=', input.communityId)
    .where('fund_id', '=', input.fundId)
    .forUpdate()
    .executeTakeFirst();
  if (!fund) return { posted: false, reason: 'no_such_fund' };
  const balanceFen = toFen(fund.balance_fen);
  const delta = input.direction * input.amountFen;
  if (balanceFen + delta < 0) return { posted: false, reason: 'insufficient_balance', balanceFen };

  const entry = await trx
    .insertInto('ledger_entries')
    .values({
      district_id: input.districtId,
      community_id: input.communityId,
      fund_id: input.fundId,
      kind: input.kind,
      direction: input.direction,
      amount_fen: input.amountFen,
      month: input.month,
      source_type: input.sourceType ?? null,
      source_id: input.sourceId ?? null,
      posting_key: input.postingKey ?? null,
      reverses_entry_id: input.reversesEntryId ?? null,
      proposal_id: input.proposalId ?? null,
      memo: input.memo ?? null,
      paid_on: input.paidOn ?? null,
      created_by: input.createdBy ?? null,
      // the moment of posting, not the transaction's start (now()): postings to a fund take its lock in
      // turn, so this orders a fund's entries as they were booked — within one transaction too — and the
      // running balance of its entry list is a balance the fund really had. A replayed entry keeps its
      // historical instant; the seed posts in time order, so the same holds for it
      created_at: input.replay ? input.replay.bookedAt : sql<Date>`clock_timestamp()`,
      ...(input.replay ? { entry_id: input.replay.entryId } : {}),
    })
    .onConflict((oc) => oc.columns(['district_id', 'posting_key']).doNothing())
    .returning('entry_id')
    .executeTakeFirst();
  if (!entry) return { posted: false, reason: 'duplicate' };

  // the CHECK (balance_fen >= 0) on funds is the last line of defence
  const moved = await trx
    .updateTable('funds')
    .set({ balance_fen: sql`balance_fen + ${delta}` })
    .where('district_id', '=', input.districtId)
    .where('community_id', '=', input.communityId)
    .where('fund_id', '=', input.fundId)
    .returning('balance_fen')
    .executeTakeFirstOrThrow();
  return { posted: true, entryId: entry.entry_id, balanceFen: toFen(moved.balance_fen) };
}

/** The fund of a standard kind for a community, created on first use (one per kind). */
export async function ensureFund(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string; kind: string; name: string },
): Promise<string> {
  // one finder at a time per community, until commit: the unique index leaves kind 'other' out (a
  // community may keep several), so two concurrent approvals each made one. Per community, not per kind:
  // a transaction posting to several kinds takes one lock, in no order that could deadlock another
  await sql`select pg_advisory_xact_lock(hashtextextended(${`funds:${args.communityId}`}, 0))`.execute(trx);
  const existing = await trx
    .selectFrom('funds')
    .select('fund_id')
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('kind', '=', args.kind)
    .orderBy('created_at')
    .executeTakeFirst();
  if (existing) return existing.fund_id;
  const created = await trx
    .insertInto('funds')
    .values({
      district_id: args.districtId,
      community_id: args.communityId,
      kind: args.kind,
      name: args.name,
    })
    // the partial index's predicate as literal SQL: a bind parameter stops matching it once
    // PostgreSQL switches a prepared statement to a generic plan (42P10 after five runs)
    .onConflict((oc) =>
      oc.columns(['district_id', 'community_id', 'kind']).where(sql<boolean>`kind <> 'other'`).doNothing(),
    )
    .returning('fund_id')
    .executeTakeFirst();
  if (created) return created.fund_id;
  // another transaction created it between our read and insert
  const raced = await trx
    .selectFrom('funds')
    .select('fund_id')
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('kind', '=', args.kind)
    .executeTakeFirstOrThrow();
  return raced.fund_id;
}

/** Balance and the sum of entries of a fund, read together (they must always agree). */
export async function fundTotals(trx: ScopedTransaction, args: { districtId: string; fundId: string }) {
  const row = await trx
    .selectFrom('funds as f')
    .select((eb) => [
      'f.balance_fen',
      eb
        .selectFrom('ledger_entries as e')
        .select(sql<string>`coalesce(sum(e.direction * e.amount_fen), 0)`.as('s'))
        .whereRef('e.district_id', '=', 'f.district_id')
        .whereRef('e.fund_id', '=', 'f.fund_id')
        .as('entries_sum'),
    ])
    .where('f.district_id', '=', args.districtId)
    .where('f.fund_id', '=', args.fundId)
    .executeTakeFirst();
  return row ? { balanceFen: toFen(row.balance_fen), entriesSumFen: toFen(row.entries_sum ?? 0) } : null;
}

/** The fund an approval would post to for a kind (the oldest of that kind), without creating one. */
export function findFundOfKind(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string; kind: string },
) {
  return trx
    .selectFrom('funds')
    .select(['fund_id', 'name'])
    .where('district_id', '=', args.districtId)
    .where('community_id', '=', args.communityId)
    .where('kind', '=', args.kind)
    .orderBy('created_at')
    .executeTakeFirst();
}
