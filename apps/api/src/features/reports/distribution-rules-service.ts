import type { DistributionRuleCreate, DistributionRule as RuleView } from '@gongfu/contract';
import { audit, identity, reports, type ScopedTransaction } from '@gongfu/db';
import {
  can,
  checkOn,
  type DistributionRule,
  isMonth,
  type Month,
  ruleInForce,
  validateDistributionRule,
} from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';

/**
 * The split when a community has no rule in force for the month: everything into the reserve
 * (governance 0 / reserve 10,000 / other 0). Money is then kept, not earmarked for a purpose nobody
 * decided; once the district sets a rule (Wangjiangjie: 4,000 bp to its governance fund), later
 * approvals follow it. Amendments of months approved under the default post only the difference.
 */
export const DEFAULT_COMMUNITY_SPLIT = { governanceFundBp: 0, reserveBp: 10_000, otherBp: 0 } as const;

const DEFAULT_RULE: DistributionRule = {
  id: 'default',
  version: 1,
  effectiveFrom: '1970-01',
  communitySplit: DEFAULT_COMMUNITY_SPLIT,
};

type RuleRow = Awaited<ReturnType<typeof reports.listDistributionRules>>[number];

function toDomainRule(row: RuleRow): DistributionRule {
  return {
    id: row.rule_id,
    version: row.version,
    effectiveFrom: row.effective_from as Month,
    communitySplit: {
      governanceFundBp: row.governance_fund_bp,
      reserveBp: row.reserve_bp,
      otherBp: row.other_bp,
    },
  };
}

/** The rule as stored (and audited); its view adds the setter's name (`createdByName`). */
function toView(row: RuleRow): Omit<RuleView, 'createdByName'> {
  return {
    id: row.rule_id,
    districtId: row.district_id,
    communityId: row.community_id,
    effectiveFrom: row.effective_from,
    version: row.version,
    governanceFundBp: row.governance_fund_bp,
    reserveBp: row.reserve_bp,
    otherBp: row.other_bp,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** A community's rules as domain values (for the report service's distribution). */
export async function distributionRulesOf(
  trx: ScopedTransaction,
  args: { districtId: string; communityId: string },
): Promise<DistributionRule[]> {
  return (await reports.listDistributionRules(trx, args)).map(toDomainRule);
}

/** The rule in force for the month, or the default split when the community has none yet. */
export function defaultRuleOf(rules: readonly DistributionRule[], month: Month): DistributionRule {
  return ruleInForce(rules, month) ?? DEFAULT_RULE;
}

function scopeOf(actor: Actor) {
  const { districtId, communityId, partnerId, kind } = actor.scope;
  if (!districtId) throw forbidden();
  return {
    districtId,
    communityId: kind === 'community' ? communityId : null,
    partnerId: kind === 'partner' ? partnerId : null,
  };
}

export async function listDistributionRules(
  trx: ScopedTransaction,
  actor: Actor,
  query: { communityId?: string | undefined },
) {
  if (!can(actor.scope.role, 'distribution_rule:read')) throw forbidden();
  const scope = scopeOf(actor);
  if (scope.communityId && query.communityId && query.communityId !== scope.communityId) {
    return { items: [], total: 0 };
  }
  // the setter is a district official (only a district admin sets a rule): named to the district, never to a
  // community, as the review queue's reviewer
  const rows = await reports.listDistributionRuleHistory(trx, {
    districtId: scope.districtId,
    communityId: query.communityId ?? scope.communityId,
    namesSetters: actor.scope.kind === 'district',
  });
  return {
    items: rows.map((row) => ({ ...toView(row), createdByName: row.created_by_name ?? null })),
    total: rows.length,
  };
}

export async function createDistributionRule(
  trx: ScopedTransaction,
  actor: Actor,
  input: DistributionRuleCreate,
  requestId: string,
): Promise<RuleView> {
  if (!can(actor.scope.role, 'distribution_rule:create')) throw forbidden();
  const scope = scopeOf(actor);
  const community = await reports.findCommunity(trx, {
    districtId: scope.districtId,
    communityId: input.communityId,
  });
  if (!community) throw notFound();
  const check = checkOn(actor.scope, 'distribution_rule:create', {
    districtId: community.district_id,
    communityId: community.community_id,
  });
  if (!check.allowed) throw check.reason === 'role' ? forbidden() : notFound();
  if (!isMonth(input.effectiveFrom)) {
    throw new ApiError(400, 'validation_failed', { effectiveFrom: 'validation_failed' });
  }
  const valid = validateDistributionRule({
    id: 'new',
    version: 1,
    effectiveFrom: input.effectiveFrom,
    communitySplit: {
      governanceFundBp: input.governanceFundBp,
      reserveBp: input.reserveBp,
      otherBp: input.otherBp,
    },
  });
  if (!valid.ok) {
    throw new ApiError(400, 'validation_failed', {
      governanceFundBp: 'distribution_split_sum',
      reserveBp: 'distribution_split_sum',
      otherBp: 'distribution_split_sum',
    });
  }
  const existing = await reports.listDistributionRules(trx, {
    districtId: scope.districtId,
    communityId: input.communityId,
  });
  if (existing.some((r) => r.effective_from === input.effectiveFrom)) {
    throw new ApiError(409, 'conflict', { effectiveFrom: 'distribution_rule_exists' });
  }
  const row = await reports.insertDistributionRule(trx, {
    districtId: scope.districtId,
    communityId: input.communityId,
    effectiveFrom: input.effectiveFrom,
    governanceFundBp: input.governanceFundBp,
    reserveBp: input.reserveBp,
    otherBp: input.otherBp,
    createdBy: actor.userId,
  });
  const created = toView(row);
  await audit.appendAudit(trx, {
    districtId: scope.districtId,
    communityId: input.communityId,
    actorUserId: actor.userId,
    action: 'distribution_rule.create',
    entityType: 'distribution_rule',
    entityId: created.id,
    after: created,
    requestId,
  });
  const setter = actor.scope.kind === 'district' ? await identity.findUser(trx, actor.userId) : undefined;
  return { ...created, createdByName: setter?.display_name ?? null };
}
