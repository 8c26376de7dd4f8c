import type { PublicDisclosure, PublicDisclosureQuery } from '@gongfu/contract';
import { funds, type ScopedTransaction, toFen } from '@gongfu/db';
import {
  addDays,
  addMonths,
  compareDates,
  type FundKind,
  type LedgerEntryKind,
  type LocalDate,
  type Month,
  monthOfDate,
  type ProposalUseCategory,
  SPLIT_TARGETS,
  shanghaiDateOf,
} from '@gongfu/domain';
import { ApiError, notFound } from '../../errors';
import { defaultRuleOf, distributionRulesOf } from '../reports/distribution-rules-service';
import { today } from './clock';

const PUBLIC_STATUSES = ['disclosure', 'disclosed', 'paid_out', 'closed'] as const;
type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/** The months before the data date's month that the default period (the last 12 months) reaches back. */
const DEFAULT_MONTHS_BACK = 11;

const firstDay = (m: Month) => `${m}-01` as LocalDate;
const lastDay = (m: Month) => addDays(firstDay(addMonths(m, 1)), -1);

/**
 * The disclosure period in whole days: a month bound means its first (from) or last (to) day; with no
 * `to` the period ends on the data date, with no `from` it starts 11 months before its end's month.
 */
export function resolvePeriod(query: Pick<PublicDisclosureQuery, 'from' | 'to'>, dataDate: LocalDate) {
  const to = !query.to
    ? dataDate
    : query.to.length === 7
      ? lastDay(query.to as Month)
      : (query.to as LocalDate);
  const from = !query.from
    ? firstDay(addMonths(monthOfDate(to), -DEFAULT_MONTHS_BACK))
    : query.from.length === 7
      ? firstDay(query.from as Month)
      : (query.from as LocalDate);
  if (compareDates(to, from) < 0) throw new ApiError(400, 'validation_failed', { to: 'date_range_reversed' });
  return { from, to };
}

const inPeriod = (day: LocalDate, p: { from: LocalDate; to: LocalDate }) =>
  compareDates(day, p.from) >= 0 && compareDates(day, p.to) <= 0;

/** The day an entry counts on: a payout's own date when it has one, else its booking day in Shanghai. */
const bookedOn = (e: { paid_on: string | null; created_at: Date | string }) =>
  (e.paid_on ?? shanghaiDateOf(new Date(e.created_at))) as LocalDate;

/**
 * The public board of one community for a disclosure period, read inside a transaction scoped to that
 * community alone (see public-routes.ts). Everything shown is picked field by field: the community's
 * name, responsible organisation and feedback channel; public funds with the period's inflows and
 * outflows and entries (no memo, no author, no source row); proposals that have been put to public
 * disclosure, with their vote counts, disclosure dates, the number of objections (not their words),
 * their payouts and close result. No drafts, rejected or withdrawn proposals, no non-public fund, no
 * user id, email or minutes. No clock time either: the same data on the same day is the same body,
 * which is what lets the ETag answer 304.
 */
export async function publicDisclosure(
  trx: ScopedTransaction,
  scope: { districtId: string; communityId: string },
  query: Pick<PublicDisclosureQuery, 'from' | 'to'> = {},
): Promise<PublicDisclosure> {
  const community = await funds.findBoardCommunity(trx, scope);
  if (!community) throw notFound();
  const dataDate = today();
  const period = resolvePeriod(query, dataDate);
  const publicFunds = await funds.listFunds(trx, { ...scope, publicOnly: true });
  const publicFundIds = publicFunds.map((f) => f.fund_id);
  const entries = await funds.listFundEntries(trx, { ...scope, fundIds: publicFundIds });
  const proposals = await funds.listDisclosedProposals(trx, scope);
  const payouts = await funds.listProposalEntries(trx, {
    ...scope,
    proposalIds: proposals.map((p) => p.proposal_id),
  });
  const fundName = new Map(publicFunds.map((f) => [f.fund_id, f.name]));
  // the split at the period's end, as approvals post it (the default when the community has set none)
  const split = defaultRuleOf(await distributionRulesOf(trx, scope), monthOfDate(period.to)).communitySplit;
  const profitShareBp = (kind: string) => {
    const target = SPLIT_TARGETS.find((s) => s.fundKind === kind);
    return target ? split[target.field] : null;
  };

  const livePayouts = (proposalId: string) =>
    payouts.filter((e) => e.proposal_id === proposalId && e.reversed_by_entry_id === null);

  return {
    community: {
      id: community.community_id,
      name: community.name,
      responsibleOrg: community.responsible_org,
      feedbackChannel: community.feedback_channel,
    },
    period,
    dataDate,
    funds: publicFunds.map((f) => {
      const own = entries.filter((e) => e.fund_id === f.fund_id);
      const before = own.filter((e) => compareDates(bookedOn(e), period.from) < 0);
      const during = own.filter((e) => inPeriod(bookedOn(e), period));
      const sum = (rows: typeof own, direction?: number) =>
        rows
          .filter((e) => direction === undefined || e.direction === direction)
          .reduce((s, e) => s + e.direction * toFen(e.amount_fen), 0);
      const openingFen = sum(before);
      const inflowFen = sum(during, 1);
      const outflowFen = -sum(during, -1);
      return {
        id: f.fund_id,
        kind: f.kind as FundKind,
        name: f.name,
        purpose: f.purpose,
        balanceFen: toFen(f.balance_fen),
        profitShareBp: profitShareBp(f.kind),
        openingFen,
        closingFen: openingFen + inflowFen - outflowFen,
        inflowFen,
        outflowFen,
        entries: during.map((e) => ({
          id: e.entry_id,
          kind: e.kind as LedgerEntryKind,
          direction: e.direction === -1 ? -1 : 1,
          amountFen: toFen(e.amount_fen),
          balanceAfterFen: toFen(e.balance_after_fen),
          month: e.month,
          proposalId: e.proposal_id,
          bookedOn: bookedOn(e),
          createdAt: new Date(e.created_at).toISOString(),
        })),
      };
    }),
    proposals: proposals
      // on the board of a period: disclosed in it, paid in it, or still under way at its end
      .filter((p) => {
        const startsOn = p.disclosure_starts_on as LocalDate;
        if (compareDates(startsOn, period.to) > 0) return false;
        return (
          inPeriod(startsOn, period) ||
          p.status !== 'closed' ||
          livePayouts(p.proposal_id).some((e) => inPeriod(bookedOn(e), period))
        );
      })
      .map((p) => {
        const endsOn = p.disclosure_ends_on ?? '';
        // a disclosure that has run its course with nothing pending reads as disclosed, as in the API
        const status: PublicStatus =
          p.status === 'disclosure' &&
          compareDates(dataDate, endsOn as LocalDate) > 0 &&
          Number(p.pending_objections_count ?? 0) === 0
            ? 'disclosed'
            : (p.status as PublicStatus);
        return {
          id: p.proposal_id,
          title: p.title,
          purpose: p.purpose,
          useCategory: p.use_category as ProposalUseCategory,
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
          payouts: livePayouts(p.proposal_id).map((e) => ({
            amountFen: toFen(e.amount_fen),
            month: e.month,
            paidOn: bookedOn(e),
            createdAt: new Date(e.created_at).toISOString(),
          })),
          closeResult: p.close_result,
        };
      }),
  };
}
