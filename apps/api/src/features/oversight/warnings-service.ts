import type {
  Warning,
  WarningListQuery,
  WarningRefresh,
  WarningRefreshResult,
  WarningResolve,
  WarningUpdate,
} from '@gongfu/contract';
import { audit, oversight, register, type ScopedTransaction } from '@gongfu/db';
import {
  addMonths,
  DEFAULT_REPORT_DUE_DAY,
  detectAgreementExpiring,
  detectFundIdle,
  detectPledgeOverdue,
  detectRemittanceBelowMinimum,
  detectRevenueDrop,
  isLocalDate,
  type LocalDate,
  type Month,
  shanghaiDateOf,
  WARNING_THRESHOLDS,
  type WarningKind,
  type WarningSeverity,
  type WarningThresholds,
} from '@gongfu/domain';
import { clock } from '../../clock';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';
import type { Lang } from '../../i18n/messages';
import { message } from '../../i18n/messages';
import { canOversee, type OversightAction } from './permissions';
import * as rules from './warning-rules';

type Row = oversight.WarningRow;

function toWarning(row: Row): Warning {
  const detail =
    typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail;
  return {
    id: row.warning_id,
    districtId: row.district_id,
    communityId: row.community_id,
    communityName: row.community_name ?? null,
    kind: row.kind as WarningKind,
    severity: row.severity,
    subjectType: row.subject_type as Warning['subjectType'],
    subjectId: row.subject_id,
    period: row.period,
    detail: (detail ?? {}) as Record<string, unknown>,
    status: row.status,
    ownerUserId: row.owner_user_id,
    resolution: row.resolution,
    detectedAt: new Date(row.detected_at).toISOString(),
    conditionSince: row.condition_since,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    resolvedBy: row.resolved_by,
    version: row.version,
  };
}

/** The explicit filter a scope implies (tenancy enforced here as well as by RLS); 403 without the right. */
function scopeOf(actor: Actor, action: OversightAction): oversight.WarningScopeFilter {
  const { districtId, communityId, partnerId, role, kind } = actor.scope;
  if (!districtId || !canOversee(role, action)) throw forbidden();
  return {
    districtId,
    communityId: kind === 'community' ? communityId : null,
    partnerId: kind === 'partner' ? partnerId : null,
  };
}

export async function listWarnings(trx: ScopedTransaction, actor: Actor, query: WarningListQuery) {
  const scope = scopeOf(actor, 'warning:read');
  const { rows, total } = await oversight.listWarnings(trx, {
    ...scope,
    status: query.status,
    severity: query.severity,
    kind: query.kind,
    onlyCommunityId: query.communityId,
    streetOfficeId: query.streetOfficeId,
    ownerUserId: query.ownerUserId,
    subjectId: query.subjectId,
    order: query.order,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: rows.map(toWarning), total };
}

async function findInScope(trx: ScopedTransaction, scope: oversight.WarningScopeFilter, id: string) {
  const row = await oversight.findWarning(trx, { ...scope, warningId: id });
  if (!row) throw notFound();
  return row;
}

export async function getWarning(trx: ScopedTransaction, actor: Actor, id: string) {
  return toWarning(await findInScope(trx, scopeOf(actor, 'warning:read'), id));
}

export async function resolveWarning(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: WarningResolve,
  requestId: string,
) {
  const scope = scopeOf(actor, 'warning:resolve');
  const before = await findInScope(trx, scope, id);
  if (before.status === 'resolved') throw new ApiError(409, 'warning_already_resolved');
  const updated = await oversight.resolveWarning(trx, {
    districtId: scope.districtId,
    warningId: id,
    resolution: input.resolution,
    resolvedBy: actor.userId,
    version: input.version,
  });
  if (!updated) throw new ApiError(409, 'stale_version');
  const after = await findInScope(trx, scope, id);
  await audit.appendAudit(trx, {
    districtId: scope.districtId,
    communityId: before.community_id,
    actorUserId: actor.userId,
    action: 'warning.resolve',
    entityType: 'warning',
    entityId: id,
    before: toWarning(before),
    after: toWarning(after),
    requestId,
  });
  return toWarning(after);
}

export async function updateWarning(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: WarningUpdate,
  requestId: string,
) {
  const scope = scopeOf(actor, 'warning:assign');
  const before = await findInScope(trx, scope, id);
  if (
    input.ownerUserId &&
    !(await oversight.isDistrictUser(trx, { districtId: scope.districtId, userId: input.ownerUserId }))
  ) {
    throw new ApiError(400, 'validation_failed', { ownerUserId: 'unknown_owner' });
  }
  const updated = await oversight.setWarningOwner(trx, {
    districtId: scope.districtId,
    warningId: id,
    ownerUserId: input.ownerUserId,
    version: input.version,
  });
  if (!updated) throw new ApiError(409, 'stale_version');
  const after = await findInScope(trx, scope, id);
  await audit.appendAudit(trx, {
    districtId: scope.districtId,
    communityId: before.community_id,
    actorUserId: actor.userId,
    action: 'warning.assign',
    entityType: 'warning',
    entityId: id,
    before: toWarning(before),
    after: toWarning(after),
    requestId,
  });
  return toWarning(after);
}

/** A computed warning before it is stored. */
type Draft = Omit<oversight.WarningDraft, 'districtId' | 'kind' | 'severity'> & {
  kind: WarningKind;
  severity: WarningSeverity;
};

/**
 * Computes every rule's warnings as of a date, from facts read in the caller's scoped transaction, with the
 * district's own thresholds (district settings).
 */
async function computeWarnings(
  trx: ScopedTransaction,
  districtId: string,
  asOf: LocalDate,
  dueDay: number,
  thresholds: WarningThresholds,
): Promise<Draft[]> {
  const drafts: Draft[] = [];
  const window = rules.monthlyWindow(asOf);

  const months = rules.reportMonthsToCheck(asOf, dueDay);
  for (const fact of await oversight.reportFacts(trx, { districtId, months })) {
    const decision = rules.reportWarning({
      month: fact.month as Month,
      dueDay,
      firstSubmittedAt: fact.first_submitted_at,
      asOf,
      thresholds,
    });
    if (!decision) continue;
    drafts.push({
      communityId: fact.community_id,
      kind: 'report_overdue',
      severity: decision.severity,
      subjectType: 'venture',
      subjectId: fact.venture_id,
      period: fact.month,
      conditionSince: rules.conditionSince.reportOverdue(fact.month as Month, dueDay),
      detail: {
        ventureId: fact.venture_id,
        ventureName: fact.venture_name,
        timeliness: decision.timeliness,
        dueDay,
        firstSubmittedAt: fact.first_submitted_at?.toISOString() ?? null,
      },
    });
  }

  const revenue = await oversight.revenueFacts(trx, {
    districtId,
    previousFrom: addMonths(window.from, -1),
    to: window.to,
    minDropBp: thresholds.revenueDropBp,
  });
  for (const fact of revenue) {
    if (!rules.isWithin(fact.month as Month, window)) continue;
    const finding = detectRevenueDrop(fact.previous_fen, fact.current_fen, thresholds);
    if (!finding) continue;
    drafts.push({
      communityId: fact.community_id,
      kind: 'revenue_drop',
      severity: finding.severity,
      subjectType: 'venture',
      subjectId: fact.venture_id,
      period: fact.month,
      conditionSince: rules.conditionSince.ofMonth(fact.month as Month),
      detail: {
        ventureId: fact.venture_id,
        ventureName: fact.venture_name,
        reportId: fact.report_id,
        previousRevenueFen: fact.previous_fen,
        revenueFen: fact.current_fen,
      },
    });
  }

  for (const fact of await oversight.fundFacts(trx, { districtId, asOfMonth: window.to })) {
    const idleSince = (fact.last_outflow_month ?? fact.first_month) as Month | null;
    if (!idleSince) continue;
    const finding = detectFundIdle({
      fundKind: fact.fund_kind,
      balanceFen: fact.balance_fen,
      lastOutflowOn: fact.last_outflow_month ? rules.lastDayOf(fact.last_outflow_month as Month) : null,
      openedOn: rules.lastDayOf(idleSince),
      today: asOf,
      thresholds,
    });
    if (!finding) continue;
    drafts.push({
      communityId: fact.community_id,
      kind: 'fund_idle',
      severity: finding.severity,
      subjectType: 'fund',
      subjectId: fact.fund_id,
      // one warning per idle stretch: a new outflow starts a new stretch
      period: idleSince,
      conditionSince: rules.conditionSince.ofMonth(idleSince),
      detail: {
        fundId: fact.fund_id,
        fundName: fact.fund_name,
        balanceFen: fact.balance_fen,
        lastOutflowMonth: fact.last_outflow_month,
        idleMonths: finding.facts.idleMonths ?? null,
      },
    });
  }

  const agreements = await oversight.agreementFacts(trx, {
    districtId,
    asOf,
    withinDays: thresholds.agreementExpiringDays,
  });
  for (const fact of agreements) {
    const decision = detectAgreementExpiring(fact.ends_on as LocalDate, asOf, thresholds);
    if (!decision) continue;
    drafts.push({
      communityId: fact.community_id,
      kind: 'agreement_expiring',
      severity: decision.severity,
      subjectType: 'agreement',
      subjectId: fact.agreement_id,
      period: fact.ends_on,
      conditionSince: rules.conditionSince.agreementExpiring(
        fact.starts_on as LocalDate,
        fact.ends_on as LocalDate,
        thresholds.agreementExpiringDays,
      ),
      detail: {
        agreementId: fact.agreement_id,
        ventureId: fact.venture_id,
        ventureName: fact.venture_name,
        partnerId: fact.partner_id,
        partnerName: fact.partner_name,
        endsOn: fact.ends_on,
        daysLeft: decision.facts.daysLeft ?? null,
      },
    });
  }

  for (const fact of await oversight.pledgeFacts(trx, { districtId, asOf })) {
    const decision = detectPledgeOverdue({
      dueOn: fact.due_on as LocalDate,
      pledgedFen: fact.amount_fen,
      fulfilledFen: fact.fulfilled_fen,
      today: asOf,
      thresholds,
    });
    if (!decision) continue;
    drafts.push({
      communityId: fact.community_id,
      kind: 'pledge_overdue',
      severity: decision.severity,
      subjectType: 'pledge',
      subjectId: fact.pledge_id,
      period: fact.due_on,
      conditionSince: rules.conditionSince.pledgeOverdue(fact.due_on as LocalDate),
      detail: {
        pledgeId: fact.pledge_id,
        partnerId: fact.partner_id,
        partnerName: fact.partner_name,
        description: fact.description,
        dueOn: fact.due_on,
        amountFen: fact.amount_fen,
        fulfilledFen: fact.fulfilled_fen,
        outstandingFen: decision.facts.outstandingFen ?? null,
        daysOverdue: decision.facts.daysOverdue ?? null,
      },
    });
  }

  for (const fact of await oversight.remittanceFacts(trx, { districtId, ...window })) {
    const decision = detectRemittanceBelowMinimum(fact.received_fen, fact.minimum_fen, thresholds);
    if (!decision) continue;
    drafts.push({
      communityId: fact.community_id,
      kind: 'remittance_below_minimum',
      severity: decision.severity,
      subjectType: 'venture',
      subjectId: fact.venture_id,
      period: fact.month,
      conditionSince: rules.conditionSince.ofMonth(fact.month as Month),
      detail: {
        ventureId: fact.venture_id,
        ventureName: fact.venture_name,
        reportId: fact.report_id,
        agreementId: fact.agreement_id,
        guaranteedMinimumFen: fact.minimum_fen,
        remittanceReceivedFen: fact.received_fen,
        shortfallFen: decision.facts.shortfallFen ?? null,
      },
    });
  }
  return drafts;
}

/**
 * Recomputes the district's warnings as of a date and stores the new ones. Idempotent: stored once per
 * kind, subject and period; an open amber warning now red is escalated; nothing is closed here.
 */
export async function refreshWarnings(
  trx: ScopedTransaction,
  actor: Actor,
  input: WarningRefresh,
  requestId: string,
  lang: Lang,
  now = clock.now(),
): Promise<WarningRefreshResult> {
  const { districtId } = scopeOf(actor, 'warning:refresh');
  const asOf = input.asOf ?? shanghaiDateOf(now);
  if (!isLocalDate(asOf)) throw new ApiError(400, 'validation_failed', { asOf: 'invalid_date' });
  const dueDay = (await oversight.districtDueDay(trx, districtId)) ?? DEFAULT_REPORT_DUE_DAY;
  const settings = await register.findDistrictSettings(trx, districtId);
  const thresholds = settings ? register.warningThresholdsOf(settings) : WARNING_THRESHOLDS;
  const drafts = await computeWarnings(trx, districtId, asOf, dueDay, thresholds);

  let created = 0;
  let escalated = 0;
  for (const draft of drafts) {
    const stored = await oversight.storeWarning(trx, { ...draft, districtId }, rules.escalates);
    if (stored.outcome === 'unchanged') continue;
    const row = await oversight.findWarning(trx, { districtId, warningId: stored.warningId });
    const after = row ? toWarning(row) : draft;
    if (stored.outcome === 'created') created++;
    else escalated++;
    await audit.appendAudit(trx, {
      districtId,
      communityId: draft.communityId,
      actorUserId: actor.userId,
      action: stored.outcome === 'created' ? 'warning.detect' : 'warning.escalate',
      entityType: 'warning',
      entityId: stored.warningId,
      ...(stored.outcome === 'escalated' ? { before: stored.before } : {}),
      after,
      requestId,
    });
  }
  return {
    asOf,
    created,
    escalated,
    open: await oversight.countOpenWarnings(trx, districtId),
    note: message('warning_refresh_note', lang),
  };
}
