import { allocate, allocateParts } from './allocation';
import type { HolderKind } from './enums';
import type { FundKind } from './funds';
import { assertFen, type Fen } from './money';
import { compareMonths, isMonth, type Month } from './periods';
import { err, ok, type Result } from './result';
import { type BasisPoints, validateShareSum, validateSplit } from './shares';

/**
 * Where a community's income goes. Versioned: a rule takes effect from a month and stays in force
 * until a later rule does, so re-computing an old month always uses the rule of that month.
 */
export interface CommunitySplit {
  /** Wangjiangjie: 4000 bp — "盈利的 40% 计入社区治理专项资金". */
  readonly governanceFundBp: BasisPoints;
  readonly reserveBp: BasisPoints;
  readonly otherBp: BasisPoints;
}

export interface DistributionRule {
  readonly id: string;
  readonly version: number;
  readonly effectiveFrom: Month;
  readonly communitySplit: CommunitySplit;
}

/** The split targets in tie-break order: an odd fen goes to the governance fund first. */
export const SPLIT_TARGETS = [
  { target: 'governance', fundKind: 'governance_special', field: 'governanceFundBp' },
  { target: 'reserve', fundKind: 'reserve', field: 'reserveBp' },
  { target: 'other', fundKind: 'other', field: 'otherBp' },
] as const satisfies readonly { target: string; fundKind: FundKind; field: keyof CommunitySplit }[];

export type SplitTarget = (typeof SPLIT_TARGETS)[number]['target'];

export function validateDistributionRule(rule: DistributionRule): Result<DistributionRule> {
  if (!isMonth(rule.effectiveFrom)) return err('period.invalid_month', { value: rule.effectiveFrom });
  if (!Number.isSafeInteger(rule.version) || rule.version < 1) {
    return err('distribution.invalid_version', { version: rule.version });
  }
  const split = validateSplit({
    governanceFundBp: rule.communitySplit.governanceFundBp,
    reserveBp: rule.communitySplit.reserveBp,
    otherBp: rule.communitySplit.otherBp,
  });
  return split.ok ? ok(rule) : split;
}

/**
 * The rule in force for a month: the latest `effectiveFrom` not after the month; if two versions
 * share that month, the higher version (a correction of the same rule). Null when none applies yet.
 */
export function ruleInForce<R extends DistributionRule>(rules: readonly R[], month: Month): R | null {
  let best: R | null = null;
  for (const rule of rules) {
    if (compareMonths(rule.effectiveFrom, month) > 0) continue;
    if (
      !best ||
      compareMonths(rule.effectiveFrom, best.effectiveFrom) > 0 ||
      (rule.effectiveFrom === best.effectiveFrom && rule.version > best.version)
    ) {
      best = rule;
    }
  }
  return best;
}

/** `ruleInForce`, refusing a month no rule covers (approval must not post with a guessed split). */
export function requireRuleInForce<R extends DistributionRule>(rules: readonly R[], month: Month): Result<R> {
  const rule = ruleInForce(rules, month);
  return rule ? ok(rule) : err('distribution.no_rule', { month });
}

export interface ShareholdingInput {
  readonly holderKind: HolderKind;
  /** The partner id for a partner holder; null for the community itself and for residents. */
  readonly holderId: string | null;
  readonly shareBp: BasisPoints;
}

/** The figures of an approved monthly report that money follows. */
export interface ReportMoney {
  readonly revenueFen: Fen;
  readonly operatingCostFen: Fen;
  readonly remittanceReceivedFen: Fen;
}

export interface ShareholderShare extends ShareholdingInput {
  readonly amountFen: Fen;
}

export interface FundAllocation {
  readonly target: SplitTarget;
  readonly fundKind: FundKind;
  readonly amountFen: Fen;
}

export interface Distribution {
  readonly profitFen: Fen;
  /** Profit (or loss) by shareholding, in the order the shareholdings were given. */
  readonly shareholderShares: readonly ShareholderShare[];
  /** What the community's own holdings earned (negative in a loss month). */
  readonly communityProfitShareFen: Fen;
  readonly remittanceReceivedFen: Fen;
  /** The KPI "community income": profit share + remittance received. May be negative. */
  readonly communityIncomeFen: Fen;
  /** What is split into the community's funds: max(0, profit share) + remittance received. */
  readonly distributableFen: Fen;
  /** In SPLIT_TARGETS order; sums exactly to distributableFen. */
  readonly fundAllocations: readonly FundAllocation[];
}

/**
 * Computes where one approved report's money goes:
 *  1. profit = revenue − operating cost;
 *  2. profit is split across the company's shareholdings by share (largest remainder, see allocation.ts;
 *     a venture without a company is passed as the community holding 10,000 bp);
 *  3. the community's income is its holdings' share plus the remittance it received;
 *  4. that income is split into governance fund / reserve / other by the rule in force.
 * A loss is shared by the shareholders (it lowers community income), but it is not taken back out
 * of the funds: their money may already be spent, and a fund balance never goes below zero. So in a
 * loss month only the remittance received is split into the funds.
 */
export function computeDistribution(input: {
  money: ReportMoney;
  shareholdings: readonly ShareholdingInput[];
  rule: DistributionRule;
}): Result<Distribution> {
  const { money, shareholdings, rule } = input;
  for (const field of ['revenueFen', 'operatingCostFen', 'remittanceReceivedFen'] as const) {
    const value = money[field];
    if (!Number.isSafeInteger(value)) return err('money.not_integer_fen', { field, value });
    if (value < 0) return err('money.negative', { field });
  }
  const shares = validateShareSum(shareholdings);
  if (!shares.ok) return shares;
  const valid = validateDistributionRule(rule);
  if (!valid.ok) return valid;

  const profitFen = assertFen(money.revenueFen - money.operatingCostFen, 'profit');
  const amounts = allocate(
    profitFen,
    shareholdings.map((holding) => holding.shareBp),
  );
  const shareholderShares = shareholdings.map((holding, index) => ({
    ...holding,
    amountFen: amounts[index] ?? 0,
  }));
  const communityProfitShareFen = shareholderShares
    .filter((share) => share.holderKind === 'community')
    .reduce((sum, share) => sum + share.amountFen, 0);
  const communityIncomeFen = assertFen(
    communityProfitShareFen + money.remittanceReceivedFen,
    'community income',
  );
  const distributableFen = assertFen(Math.max(0, communityProfitShareFen) + money.remittanceReceivedFen);

  const fundAllocations = allocateParts(
    distributableFen,
    SPLIT_TARGETS.map((t) => ({ key: t, weight: rule.communitySplit[t.field] })),
  ).map((part) => ({ target: part.key.target, fundKind: part.key.fundKind, amountFen: part.amountFen }));

  return ok({
    profitFen,
    shareholderShares,
    communityProfitShareFen,
    remittanceReceivedFen: money.remittanceReceivedFen,
    communityIncomeFen,
    distributableFen,
    fundAllocations,
  });
}

/** One ledger entry to post into a community fund of the given kind. */
export interface LedgerPosting {
  /**
   * Deterministic and unique per report revision and fund: the database keeps it unique, so posting
   * the same approval twice (retry or race) inserts nothing the second time — "exactly once".
   */
  readonly postingKey: string;
  readonly fundKind: FundKind;
  readonly kind: 'allocation' | 'reversal';
  /** Positive; for a reversal, the amount taken back. */
  readonly amountFen: Fen;
  /** Set on reversals (what they undo), so a posting is a valid ledger entry as it stands. */
  readonly reversesKind: 'allocation' | null;
}

export function postingKey(reportId: string, revision: number, target: SplitTarget): string {
  return `report:${reportId}:r${revision}:${target}`;
}

/** The allocation entries of an approved report; zero amounts post nothing. */
export function distributionPostings(
  reportId: string,
  revision: number,
  distribution: Distribution,
): LedgerPosting[] {
  return distribution.fundAllocations
    .filter((allocation) => allocation.amountFen > 0)
    .map((allocation) => ({
      postingKey: postingKey(reportId, revision, allocation.target),
      fundKind: allocation.fundKind,
      kind: 'allocation',
      amountFen: allocation.amountFen,
      reversesKind: null,
    }));
}

/**
 * When an amendment of an approved report is approved, each fund receives only the difference with
 * what the previous revision posted: more → an allocation, less → a reversal (which, like any outflow,
 * is refused if the fund has already spent the money). Keys name the new revision.
 */
export function amendmentPostings(
  reportId: string,
  revision: number,
  previous: Distribution,
  next: Distribution,
): LedgerPosting[] {
  const postings: LedgerPosting[] = [];
  for (const { target, fundKind } of SPLIT_TARGETS) {
    const before = previous.fundAllocations.find((a) => a.target === target)?.amountFen ?? 0;
    const after = next.fundAllocations.find((a) => a.target === target)?.amountFen ?? 0;
    const delta = after - before;
    if (delta === 0) continue;
    postings.push({
      postingKey: postingKey(reportId, revision, target),
      fundKind,
      kind: delta > 0 ? 'allocation' : 'reversal',
      amountFen: Math.abs(delta),
      reversesKind: delta > 0 ? null : 'allocation',
    });
  }
  return postings;
}
