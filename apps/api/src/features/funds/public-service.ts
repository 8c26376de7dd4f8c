import type { PublicDisclosure } from '@gongfu/contract';
import { funds, type ScopedTransaction, toFen } from '@gongfu/db';
import { compareDates, type FundKind, type LedgerEntryKind, type LocalDate } from '@gongfu/domain';
import { notFound } from '../../errors';
import { today } from './clock';

const PUBLIC_STATUSES = ['disclosure', 'disclosed', 'paid_out', 'closed'] as const;
type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/**
 * The public board of one community, read inside a transaction scoped to that community alone (see
 * public-routes.ts). Everything shown is picked field by field: public funds and their entries
 * (no memo, no author), and proposals that have been put to public disclosure, with their vote
 * counts, disclosure dates, the number of objections and their payouts. No drafts, rejected or
 * withdrawn proposals, no non-public fund, no user id, email or minutes.
 */
export async function publicDisclosure(
  trx: ScopedTransaction,
  scope: { districtId: string; communityId: string },
): Promise<PublicDisclosure> {
  const community = await funds.findCommunity(trx, scope);
  if (!community) throw notFound();
  const publicFunds = await funds.listFunds(trx, { ...scope, publicOnly: true });
  const publicFundIds = publicFunds.map((f) => f.fund_id);
  const entries = await funds.listFundEntries(trx, { ...scope, fundIds: publicFundIds });
  const proposals = await funds.listDisclosedProposals(trx, scope);
  const payouts = await funds.listProposalEntries(trx, {
    ...scope,
    proposalIds: proposals.map((p) => p.proposal_id),
  });
  const fundName = new Map(publicFunds.map((f) => [f.fund_id, f.name]));
  const now = today();

  return {
    community: { id: community.community_id, name: community.name },
    funds: publicFunds.map((f) => {
      const own = entries.filter((e) => e.fund_id === f.fund_id);
      const sum = (direction: number) =>
        own.filter((e) => e.direction === direction).reduce((s, e) => s + toFen(e.amount_fen), 0);
      return {
        id: f.fund_id,
        kind: f.kind as FundKind,
        name: f.name,
        purpose: f.purpose,
        balanceFen: toFen(f.balance_fen),
        inflowFen: sum(1),
        outflowFen: sum(-1),
        entries: own.map((e) => ({
          id: e.entry_id,
          kind: e.kind as LedgerEntryKind,
          direction: e.direction === -1 ? -1 : 1,
          amountFen: toFen(e.amount_fen),
          balanceAfterFen: toFen(e.balance_after_fen),
          month: e.month,
          proposalId: e.proposal_id,
          createdAt: new Date(e.created_at).toISOString(),
        })),
      };
    }),
    proposals: proposals.map((p) => {
      const endsOn = p.disclosure_ends_on ?? '';
      // a disclosure that has run its course with nothing pending reads as disclosed, as in the API
      const status: PublicStatus =
        p.status === 'disclosure' &&
        compareDates(now, endsOn as LocalDate) > 0 &&
        Number(p.pending_objections_count ?? 0) === 0
          ? 'disclosed'
          : (p.status as PublicStatus);
      return {
        id: p.proposal_id,
        title: p.title,
        purpose: p.purpose,
        amountFen: toFen(p.amount_fen),
        paidFen: toFen(p.paid_fen),
        status,
        fundId: fundName.has(p.fund_id) ? p.fund_id : null,
        fundName: fundName.get(p.fund_id) ?? null,
        meetingOn: p.meeting_on,
        eligibleVoters: p.eligible_voters,
        attendance: p.attendance,
        quorum: p.quorum,
        votesFor: p.votes_for,
        votesAgainst: p.votes_against,
        votesAbstain: p.votes_abstain,
        disclosureStartsOn: p.disclosure_starts_on ?? '',
        disclosureEndsOn: endsOn,
        objectionsCount: Number(p.objections_count ?? 0),
        payouts: payouts
          .filter((e) => e.proposal_id === p.proposal_id && e.reversed_by_entry_id === null)
          .map((e) => ({
            amountFen: toFen(e.amount_fen),
            month: e.month,
            createdAt: new Date(e.created_at).toISOString(),
          })),
      };
    }),
    generatedAt: new Date().toISOString(),
  };
}
