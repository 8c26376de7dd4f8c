import type { DistributionPreview, DistributionPreviewQuery } from '@gongfu/contract';
import { reports, type ScopedTransaction, toFen } from '@gongfu/db';
import {
  can,
  checkOn,
  computeDistribution,
  type DistributionRule,
  type Month,
  SPLIT_TARGETS,
  validateDistributionRule,
} from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';
import { defaultRuleOf, distributionRulesOf } from './distribution-rules-service';
import { shareholdingsOf } from './service';

type Fund = DistributionPreview['totals']['funds'][number];
type FundKindOfSplit = Fund['fundKind'];

const APPROVED = ['approved', 'locked'] as const;

function fundsOf(posted: ReadonlyMap<string, number>, proposed: ReadonlyMap<string, number>): Fund[] {
  return SPLIT_TARGETS.map(({ fundKind }) => {
    const postedFen = posted.get(fundKind) ?? 0;
    const proposedFen = proposed.get(fundKind) ?? 0;
    return {
      fundKind: fundKind as FundKindOfSplit,
      postedFen,
      proposedFen,
      differenceFen: proposedFen - postedFen,
    };
  });
}

/**
 * What a proposed split would have posted on a month's approved reports of one community, beside what was
 * posted. Each report is computed exactly as its approval computes it (`computeDistribution`, the company's
 * shareholdings in force in the month, largest remainder per report), so the totals are the sums of what each
 * approval would have posted, not a split of the month's sum. "Posted" is read from the ledger: the net of every
 * revision of the report, whatever rule was in force then. Nothing is written.
 */
export async function previewDistributionRule(
  trx: ScopedTransaction,
  actor: Actor,
  query: DistributionPreviewQuery,
): Promise<DistributionPreview> {
  const { districtId } = actor.scope;
  if (!can(actor.scope.role, 'distribution_rule:read') || !districtId) throw forbidden();
  const check = checkOn(actor.scope, 'distribution_rule:read', {
    districtId,
    communityId: query.communityId,
  });
  if (!check.allowed) throw check.reason === 'role' ? forbidden() : notFound();
  const community = await reports.findCommunity(trx, { districtId, communityId: query.communityId });
  if (!community) throw notFound();

  const proposedRule: DistributionRule = {
    id: 'proposed',
    version: 1,
    effectiveFrom: '1970-01',
    communitySplit: {
      governanceFundBp: query.governanceFundBp,
      reserveBp: query.reserveBp,
      otherBp: query.otherBp,
    },
  };
  if (!validateDistributionRule(proposedRule).ok) {
    throw new ApiError(400, 'validation_failed', {
      governanceFundBp: 'distribution_split_sum',
      reserveBp: 'distribution_split_sum',
      otherBp: 'distribution_split_sum',
    });
  }

  const scope = { districtId, communityId: query.communityId };
  const month = query.month ?? (await reports.latestApprovedMonth(trx, scope));
  const rules = await distributionRulesOf(trx, scope);
  const inForce = month ? defaultRuleOf(rules, month as Month) : defaultRuleOf(rules, '1970-01');
  const proposed = {
    governanceFundBp: query.governanceFundBp,
    reserveBp: query.reserveBp,
    otherBp: query.otherBp,
  };
  const ruleInForce = {
    id: inForce.id === 'default' ? null : inForce.id,
    version: inForce.id === 'default' ? null : inForce.version,
    effectiveFrom: inForce.id === 'default' ? null : inForce.effectiveFrom,
    ...inForce.communitySplit,
  };
  if (!month) {
    return {
      communityId: query.communityId,
      month: null,
      ruleInForce,
      proposed,
      reports: [],
      totals: { distributableFen: 0, funds: fundsOf(new Map(), new Map()) },
    };
  }

  // every revision of the month (for what was posted), and the current approved one of each venture
  const revisions = await reports.listReports(trx, scope, { month });
  const approved = revisions.filter(
    (r) => (APPROVED as readonly string[]).includes(r.status) && r.superseded_by_id === null,
  );
  const postings = await reports.postingsOf(trx, {
    districtId,
    reportIds: revisions.map((r) => r.report_id),
  });
  const ventureOfReport = new Map(revisions.map((r) => [r.report_id, r.venture_id]));

  const items: DistributionPreview['reports'] = [];
  const totalPosted = new Map<string, number>();
  const totalProposed = new Map<string, number>();
  let totalDistributable = 0;
  for (const row of approved) {
    const posted = new Map<string, number>();
    for (const p of postings) {
      if (ventureOfReport.get(p.source_id ?? '') !== row.venture_id) continue;
      posted.set(p.fund_kind, (posted.get(p.fund_kind) ?? 0) + p.direction * toFen(p.amount_fen));
    }
    const result = computeDistribution({
      money: {
        revenueFen: toFen(row.revenue_fen),
        operatingCostFen: toFen(row.operating_cost_fen),
        remittanceReceivedFen: toFen(row.remittance_received_fen),
      },
      shareholdings: await shareholdingsOf(trx, row),
      rule: proposedRule,
    });
    if (!result.ok) throw new ApiError(409, 'distribution_shares_invalid');
    const proposedFunds = new Map(result.value.fundAllocations.map((a) => [a.fundKind, a.amountFen]));
    const funds = fundsOf(posted, proposedFunds);
    for (const f of funds) {
      totalPosted.set(f.fundKind, (totalPosted.get(f.fundKind) ?? 0) + f.postedFen);
      totalProposed.set(f.fundKind, (totalProposed.get(f.fundKind) ?? 0) + f.proposedFen);
    }
    totalDistributable += result.value.distributableFen;
    items.push({
      reportId: row.report_id,
      ventureId: row.venture_id,
      ventureName: row.venture_name,
      revision: row.revision,
      distributableFen: result.value.distributableFen,
      funds,
    });
  }
  return {
    communityId: query.communityId,
    month,
    ruleInForce,
    proposed,
    reports: items,
    totals: { distributableFen: totalDistributable, funds: fundsOf(totalPosted, totalProposed) },
  };
}
