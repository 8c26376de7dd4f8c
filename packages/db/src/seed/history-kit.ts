import { createHash } from 'node:crypto';
import {
  addDays,
  addMonths,
  CREDIT_CODE_ALPHABET,
  checkPlausibility,
  computeDistribution,
  creditCodeCheckChar,
  DEFAULT_DISCLOSURE_DAYS,
  type DistributionRule,
  type ReportFigures as DomainReportFigures,
  defaultQuorum,
  distributionPostings,
  type FundKind,
  flaggedFields,
  type LedgerPosting,
  type LedgerSourceType,
  type LocalDate,
  type Month,
  type PlausibilityRule,
  type ProposalUseCategory,
  ruleInForce,
  type ShareholdingInput,
} from '@gongfu/domain';
import type { Insertable } from 'kysely';
import { jsonb } from '../jsonb';
import type { Database } from '../schema';
import type { ScopedTransaction } from '../tenant';
import { deterministicId as id } from './deterministic-id';
import type { Rng } from './prng';

/**
 * The pieces both halves of the demo history share: the clock of the demo, report workflows as rows and
 * events, distributions through the domain functions, and batched inserts.
 */

/** The demo's "today": the history runs up to the month before. */
export const DEMO_TODAY = '2026-11-28';
export const LAST_MONTH: Month = '2026-10';
/** 24 months of history, 2024-11 … 2026-10. */
export const FIRST_MONTH: Month = addMonths(LAST_MONTH, -23);
/** Nothing in the history happens after this instant (the evening before "today", Shanghai time). */
const LATEST_INSTANT = Date.parse('2026-11-27T18:00:00+08:00');

/** An instant on a Shanghai calendar date, as an ISO string. */
export function shanghai(date: string, hour = 9, minute = 0): string {
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  return new Date(`${date}T${hh}:${mm}:00+08:00`).toISOString();
}

/** A unified social credit code with a valid check character: 9 (market regulation) 1 (company), 东区. */
export function creditCode(rng: Rng, prefix = '91510402'): string {
  let body = prefix;
  while (body.length < 17) body += CREDIT_CODE_ALPHABET[rng.int(0, CREDIT_CODE_ALPHABET.length - 1)];
  return body + creditCodeCheckChar(body);
}

/** Whole yuan → fen. */
export const yuan = (value: number) => Math.round(value) * 100;

type TableName = keyof Database;

/** Multi-row inserts in chunks (PostgreSQL takes at most 65,535 parameters per statement). */
export async function insertMany<T extends TableName>(
  trx: ScopedTransaction,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  chunk = 400,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    // kysely's insert typing cannot follow a generic table name; the rows are typed by the signature
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
  }
}

// ----- monthly reports and their workflow events -------------------------------------------------

export interface ReportFigures {
  revenueFen: number;
  operatingCostFen: number;
  stableJobs: number;
  temporaryJobs: number;
  residentsServed: number;
  serviceTransactions: number;
  eldersServed: number;
  childrenServed: number;
  remittanceDueFen: number;
  remittanceReceivedFen: number;
  serviceRequests: number;
  requestsWithinPromise: number;
  notes?: string | null;
}

/**
 * What became of a month's report: approved (perhaps after a return), still awaiting review, returned
 * and not yet fixed, a draft never submitted, or never written at all.
 */
export type ReportFate = 'approved' | 'submitted' | 'returned' | 'draft' | 'missing';

export interface ReportPlan {
  month: Month;
  figures: ReportFigures;
  fate: ReportFate;
  /** Day of the following month of the first submission (after the due day: late). */
  submitDay: number;
  /** A reviewer's return comment: an approved report with one was returned once, then resubmitted. */
  returnComment?: string | null;
}

export interface VentureRef {
  districtId: string;
  communityId: string;
  ventureId: string;
  submitterId: string;
  reviewerId: string;
}

export interface Approval {
  reportId: string;
  revision: number;
  month: Month;
  figures: ReportFigures;
  approvedAt: string;
  reviewerId: string;
  venture: VentureRef;
}

export interface MaterializedReport {
  report: Insertable<Database['monthly_reports']> | null;
  events: Insertable<Database['report_events']>[];
  approval: Approval | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The report row and its events as the workflow would have left them, at plausible office hours. */
export function materializeReport(v: VentureRef, plan: ReportPlan, rng: Rng): MaterializedReport {
  if (plan.fate === 'missing') return { report: null, events: [], approval: null };
  const reportId = id(`report:${v.ventureId}:${plan.month}:r1`);
  const next = addMonths(plan.month, 1);
  const submitDate = `${next}-${String(plan.submitDay).padStart(2, '0')}` as LocalDate;
  const createdDate = addDays(submitDate, -rng.int(0, Math.min(2, plan.submitDay - 1)));
  let clock = Date.parse(shanghai(createdDate, rng.int(8, 11), rng.int(0, 59)));
  const createdAt = new Date(Math.min(clock, LATEST_INSTANT - 6 * HOUR)).toISOString();
  // a month's review cycle closes within the month after it: a late submission's return, resubmission and
  // approval land by that month's last evening (the ledger books the approval then), never after the demo's today
  const cycleEnd = Math.min(
    LATEST_INSTANT,
    Date.parse(shanghai(addDays(`${addMonths(next, 1)}-01` as LocalDate, -1), 18)),
  );
  const later = (minDays: number, maxDays: number) => {
    const step = rng.int(minDays, maxDays) * DAY + rng.int(1, 7) * HOUR + rng.int(0, 59) * 60_000;
    clock = Math.max(clock + 30 * 60_000, Math.min(clock + step, cycleEnd));
    return new Date(clock).toISOString();
  };

  const base = { district_id: v.districtId, community_id: v.communityId, report_id: reportId };
  const events: Insertable<Database['report_events']>[] = [];
  const event = (
    action: string,
    from: string | null,
    to: string,
    actor: string,
    at: string,
    comment: string | null = null,
  ) => {
    events.push({
      district_id: v.districtId,
      community_id: v.communityId,
      event_id: id(`report-event:${reportId}:${events.length + 1}`),
      report_id: reportId,
      venture_id: v.ventureId,
      action,
      from_status: from,
      to_status: to,
      actor_user_id: actor,
      comment,
      created_at: at,
    });
  };

  let status: string = 'draft';
  let submittedAt: string | null = null;
  let reviewedAt: string | null = null;
  let reviewComment: string | null = null;
  if (plan.fate !== 'draft') {
    clock = Math.max(clock, Date.parse(shanghai(submitDate, rng.int(9, 17), rng.int(0, 59))));
    clock = Math.min(clock, LATEST_INSTANT - 3 * HOUR);
    submittedAt = new Date(clock).toISOString();
    event('submit', 'draft', 'submitted', v.submitterId, submittedAt);
    status = 'submitted';
    const returned = plan.fate === 'returned' || (plan.fate === 'approved' && plan.returnComment);
    if (returned) {
      reviewedAt = later(1, 3);
      reviewComment = plan.returnComment ?? '数据需核对，请补充说明后重新报送';
      event('return', 'submitted', 'returned', v.reviewerId, reviewedAt, reviewComment);
      status = 'returned';
      if (plan.fate === 'approved') {
        submittedAt = later(1, 3);
        event('submit', 'returned', 'submitted', v.submitterId, submittedAt);
        status = 'submitted';
      }
    }
    if (plan.fate === 'approved') {
      reviewedAt = later(1, 4);
      reviewComment = null;
      event('approve', 'submitted', 'approved', v.reviewerId, reviewedAt);
      status = 'approved';
    }
  }
  const f = plan.figures;
  const report: Insertable<Database['monthly_reports']> = {
    ...base,
    venture_id: v.ventureId,
    month: plan.month,
    revision: 1,
    status,
    revenue_fen: f.revenueFen,
    operating_cost_fen: f.operatingCostFen,
    stable_jobs: f.stableJobs,
    temporary_jobs: f.temporaryJobs,
    residents_served: f.residentsServed,
    service_transactions: f.serviceTransactions,
    elders_served: f.eldersServed,
    children_served: f.childrenServed,
    remittance_due_fen: f.remittanceDueFen,
    remittance_received_fen: f.remittanceReceivedFen,
    service_requests: f.serviceRequests,
    requests_within_promise: f.requestsWithinPromise,
    notes: f.notes ?? null,
    submitted_at: submittedAt,
    submitted_by: submittedAt ? v.submitterId : null,
    reviewed_at: reviewedAt,
    reviewed_by: reviewedAt ? v.reviewerId : null,
    review_comment: reviewComment,
    version: 1 + events.length,
    created_by: v.submitterId,
    created_at: createdAt,
    updated_at: events.at(-1)?.created_at ?? createdAt,
  };
  const approval =
    status === 'approved' && reviewedAt
      ? {
          reportId,
          revision: 1,
          month: plan.month,
          figures: f,
          approvedAt: reviewedAt,
          reviewerId: v.reviewerId,
          venture: v,
        }
      : null;
  return { report, events, approval };
}

/** What a clerk wrote beside a flagged figure, by rule (a report's own notes come first where it has them). */
const SEED_EXPLANATIONS: Record<PlausibilityRule, string> = {
  outlier: '本月经营情况与往月不同，数据已核实',
  jobs_change: '本月人员有调整，已核实用工记录',
  cost_missing: '场地与人员由社区无偿提供，本月无运营支出',
  remittance_above_due: '含前期欠缴款项的补缴',
};

type ReportRow = Insertable<Database['monthly_reports']>;

const figuresOfRow = (row: ReportRow): DomainReportFigures => ({
  revenueFen: Number(row.revenue_fen ?? 0),
  operatingCostFen: Number(row.operating_cost_fen ?? 0),
  stableJobs: Number(row.stable_jobs ?? 0),
  temporaryJobs: Number(row.temporary_jobs ?? 0),
  residentsServed: Number(row.residents_served ?? 0),
  serviceTransactions: Number(row.service_transactions ?? 0),
  eldersServed: Number(row.elders_served ?? 0),
  childrenServed: Number(row.children_served ?? 0),
  remittanceDueFen: Number(row.remittance_due_fen ?? 0),
  remittanceReceivedFen: Number(row.remittance_received_fen ?? 0),
  serviceRequests: Number(row.service_requests ?? 0),
  requestsWithinPromise: Number(row.requests_within_promise ?? 0),
});

/**
 * Gives every report that was submitted the plausibility flags the API's submit would have stored (the domain's
 * `checkPlausibility` against the venture's approved figures of the 12 months before), and an explanation of each
 * flagged figure, without which that submit would have been refused. Pure and rng-free: the rest of the seed is
 * unchanged, and the same rows always get the same flags.
 */
export function withPlausibilityFlags(rows: readonly ReportRow[]): ReportRow[] {
  const approved = new Map<string, DomainReportFigures>();
  for (const row of rows) {
    if (row.status === 'approved' || row.status === 'locked') {
      approved.set(`${row.venture_id}:${row.month}`, figuresOfRow(row));
    }
  }
  return rows.map((row) => {
    if (!row.submitted_at) return row;
    const month = row.month as Month;
    const history = Array.from(
      { length: 12 },
      (_, i) => approved.get(`${row.venture_id}:${addMonths(month, i - 12)}`) ?? null,
    );
    const flags = checkPlausibility(figuresOfRow(row), history);
    if (flags.length === 0) return row;
    const explanations = Object.fromEntries(
      flaggedFields(flags).map((field) => {
        const rule = flags.find((flag) => flag.field === field)?.rule ?? 'outlier';
        return [field, row.notes || SEED_EXPLANATIONS[rule]];
      }),
    );
    return { ...row, plausibility_flags: jsonb(flags), explanations: jsonb(explanations) };
  });
}

// ----- distribution ------------------------------------------------------------------------------

export interface RuleSpec {
  effectiveFrom: Month;
  version?: number;
  governanceFundBp: number;
  reserveBp: number;
  otherBp: number;
}

export function domainRules(communityId: string, specs: readonly RuleSpec[]): DistributionRule[] {
  return specs.map((s) => ({
    id: id(`rule:${communityId}:${s.effectiveFrom}:v${s.version ?? 1}`),
    version: s.version ?? 1,
    effectiveFrom: s.effectiveFrom,
    communitySplit: { governanceFundBp: s.governanceFundBp, reserveBp: s.reserveBp, otherBp: s.otherBp },
  }));
}

/**
 * A community's rules as stored, each set on the 20th of the month before it took effect. One set before the district
 * came onto the platform (its reporting start month) was carried over, not set in it: no setter (初始数据) — naming
 * today's district admin as the setter of a 2021 rule was false.
 */
export function ruleRows(
  districtId: string,
  communityId: string,
  specs: readonly RuleSpec[],
  setter: { userId: string; onPlatformFrom: Month },
): Insertable<Database['distribution_rules']>[] {
  return specs.map((s) => {
    const setIn = addMonths(s.effectiveFrom, -1);
    return {
      district_id: districtId,
      community_id: communityId,
      rule_id: id(`rule:${communityId}:${s.effectiveFrom}:v${s.version ?? 1}`),
      effective_from: s.effectiveFrom,
      version: s.version ?? 1,
      governance_fund_bp: s.governanceFundBp,
      reserve_bp: s.reserveBp,
      other_bp: s.otherBp,
      created_by: setIn >= setter.onPlatformFrom ? setter.userId : null,
      created_at: shanghai(`${setIn}-20`, 10),
    };
  });
}

/** The ledger postings an approval makes, computed by the domain exactly as the API's approve does. */
export function approvalPostings(
  approval: Approval,
  shareholdings: readonly ShareholdingInput[],
  rules: readonly DistributionRule[],
): LedgerPosting[] {
  const rule = ruleInForce(rules, approval.month);
  if (!rule) throw new Error(`no distribution rule for ${approval.month}`);
  const result = computeDistribution({
    money: {
      revenueFen: approval.figures.revenueFen,
      operatingCostFen: approval.figures.operatingCostFen,
      remittanceReceivedFen: approval.figures.remittanceReceivedFen,
    },
    shareholdings,
    rule,
  });
  if (!result.ok) throw new Error(`distribution refused: ${result.error.code}`);
  return distributionPostings(approval.reportId, approval.revision, result.value);
}

/** A venture run without a company: the community holds it all. */
export const COMMUNITY_ALONE: readonly ShareholdingInput[] = [
  { holderKind: 'community', holderId: null, shareBp: 10_000 },
];

// ----- money, in time order ----------------------------------------------------------------------

/** One movement of money, to be posted in the order things happened. */
export interface MoneyEvent {
  at: string;
  districtId: string;
  communityId: string;
  fundId: string;
  kind: 'allocation' | 'donation' | 'grant' | 'expenditure';
  amountFen: number;
  month: Month;
  sourceType: LedgerSourceType | null;
  sourceId: string | null;
  postingKey: string;
  proposalId?: string | null;
  memo?: string | null;
  /** an expenditure's payout date (the day the money left the fund) */
  paidOn?: LocalDate | null;
  createdBy: string | null;
}

export const directionOf = (kind: MoneyEvent['kind']): 1 | -1 => (kind === 'expenditure' ? -1 : 1);

export function byTime(a: { at: string; postingKey: string }, b: { at: string; postingKey: string }) {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.postingKey < b.postingKey ? -1 : 1;
}

export const FUND_NAMES: Record<FundKind, string> = {
  governance_special: '社区治理专项资金',
  charity_common_prosperity: '慈善共富基金',
  reserve: '公积金（储备）',
  other: '公益服务资金',
};

export const FUND_PURPOSES: Record<FundKind, string> = {
  governance_special: '社区集体经济收益按比例计提，用于居民共议、专项共用',
  charity_common_prosperity: '辖区企业捐赠，用于康养、托育、共富广场等公益项目',
  reserve: '留存发展，弥补经营亏损、扩大再经营',
  other: '反哺公益服务与社区改造',
};

/** A fixed, valid credit code for a named register entry (the same on every run). */
export function stableCreditCode(label: string, prefix = '91510402'): string {
  const digest = createHash('sha256').update(`gongfu-credit:${label}`).digest();
  let body = prefix;
  for (let i = 0; body.length < 17; i++)
    body += CREDIT_CODE_ALPHABET[(digest[i] ?? 0) % CREDIT_CODE_ALPHABET.length];
  return body + creditCodeCheckChar(body);
}

// ----- resident proposals (居民共议) ------------------------------------------------------------------

export interface ProposalSpec {
  key: string;
  districtId: string;
  communityId: string;
  fundId: string;
  title: string;
  purpose: string;
  /** 用途类别 (the domain's PROPOSAL_USE_CATEGORIES; a charity fund never pays for governance or other) */
  useCategory: ProposalUseCategory;
  amountFen: number;
  status:
    | 'draft'
    | 'deliberation'
    | 'approved'
    | 'rejected'
    | 'disclosure'
    | 'disclosed'
    | 'paid_out'
    | 'closed';
  createdOn: LocalDate;
  createdBy: string;
  meeting?: {
    on: LocalDate;
    eligible: number;
    attendance: number;
    votesFor: number;
    votesAgainst: number;
    votesAbstain: number;
    minutes: string;
    /** the scanned minutes' file name, when the meeting was recorded on paper */
    minutesFileName?: string;
  };
  /** The first day of the public disclosure (公示), 5 days by default. */
  disclosureStartsOn?: LocalDate;
  /** Paid out in one expenditure on this date (status paid_out or closed). */
  paidOn?: LocalDate;
  /** The result given at 结项 (closed); a plain sentence by default. */
  closeResult?: string;
}

export function proposalId(key: string): string {
  return id(`proposal:${key}`);
}

export function proposalRow(p: ProposalSpec): Insertable<Database['proposals']> {
  const m = p.meeting;
  const last = p.paidOn ?? p.disclosureStartsOn ?? m?.on ?? p.createdOn;
  return {
    district_id: p.districtId,
    community_id: p.communityId,
    proposal_id: proposalId(p.key),
    fund_id: p.fundId,
    title: p.title,
    purpose: p.purpose,
    use_category: p.useCategory,
    amount_fen: p.amountFen,
    status: p.status,
    meeting_on: m?.on ?? null,
    eligible_voters: m?.eligible ?? null,
    attendance: m?.attendance ?? null,
    quorum: m ? defaultQuorum(m.eligible) : null,
    votes_for: m?.votesFor ?? null,
    votes_against: m?.votesAgainst ?? null,
    votes_abstain: m?.votesAbstain ?? null,
    minutes: m?.minutes ?? null,
    minutes_file_name: m?.minutesFileName ?? null,
    disclosure_starts_on: p.disclosureStartsOn ?? null,
    disclosure_ends_on: p.disclosureStartsOn
      ? addDays(p.disclosureStartsOn, DEFAULT_DISCLOSURE_DAYS - 1)
      : null,
    paid_fen: p.paidOn ? p.amountFen : 0,
    close_result:
      p.status === 'closed' ? (p.closeResult ?? '项目已按议事决定实施完毕，资金使用情况已向居民公开') : null,
    version:
      1 + [m, p.disclosureStartsOn, p.paidOn, p.status === 'closed' ? 1 : undefined].filter(Boolean).length,
    created_by: p.createdBy,
    created_at: shanghai(p.createdOn, 10),
    updated_at: shanghai(last, 16),
  };
}

/** The expenditure a paid-out proposal made. */
export function payoutEvent(p: ProposalSpec): MoneyEvent | null {
  if (!p.paidOn) return null;
  const pid = proposalId(p.key);
  return {
    at: shanghai(p.paidOn, 15),
    districtId: p.districtId,
    communityId: p.communityId,
    fundId: p.fundId,
    kind: 'expenditure',
    amountFen: p.amountFen,
    month: p.paidOn.slice(0, 7) as Month,
    sourceType: 'proposal',
    sourceId: pid,
    postingKey: `proposal:${pid}:payout:1`,
    proposalId: pid,
    paidOn: p.paidOn,
    memo: p.title,
    createdBy: p.createdBy,
  };
}
