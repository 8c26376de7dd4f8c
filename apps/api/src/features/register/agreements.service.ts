import type { Agreement, AgreementCreate, AgreementUpdate } from '@gongfu/contract';
import { register, type ScopedTransaction, toFen } from '@gongfu/db';
import { type AgreementTerms, addDays, compareDates, type LocalDate } from '@gongfu/domain';
import { today } from '../../clock';
import type { Actor } from '../../context';
import { notFound } from '../../errors';
import type { MessageCode } from '../../i18n/messages';
import { assertVersion, authorize, fieldError, reaches, record, requireRole, scopeOf, stale } from './access';

function toAgreement(row: register.AgreementRow): Agreement {
  return {
    id: row.agreement_id,
    districtId: row.district_id,
    communityId: row.community_id,
    ventureId: row.venture_id,
    ventureName: row.venture_name,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    terms: row.terms as AgreementTerms,
    operatorShareBp: row.operator_share_bp,
    feeFen: toFen(row.fee_fen),
    guaranteedMinRemittanceFen: toFen(row.guaranteed_min_remittance_fen),
    exitTerms: row.exit_terms,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** An agreement is reached through its venture: the venture's community, and the partner operating it. */
const target = (row: { district_id: string; community_id: string; operator_partner_id: string | null }) => ({
  districtId: row.district_id,
  communityId: row.community_id,
  partnerIds: row.operator_partner_id ? [row.operator_partner_id] : [],
});

export async function listAgreements(
  trx: ScopedTransaction,
  actor: Actor,
  query: {
    communityId?: string | undefined;
    ventureId?: string | undefined;
    partnerId?: string | undefined;
    expiringWithinDays?: number | undefined;
  },
) {
  requireRole(actor, 'agreement:read');
  const rows = await register.listAgreements(trx, scopeOf(actor), query);
  // "expiring": still running today and ending within the days asked (the business clock's today)
  const days = query.expiringWithinDays;
  const from = today();
  const until = days === undefined ? null : addDays(from, days);
  const visible = rows.filter(
    (row) =>
      reaches(actor, 'agreement:read', target(row)) &&
      (until === null ||
        (compareDates(row.ends_on as LocalDate, from) >= 0 &&
          compareDates(row.ends_on as LocalDate, until) <= 0)),
  );
  return { items: visible.map(toAgreement), total: visible.length };
}

async function load(trx: ScopedTransaction, actor: Actor, id: string) {
  const row = await register.findAgreement(trx, scopeOf(actor), id);
  if (!row) throw notFound();
  return row;
}

export async function getAgreement(trx: ScopedTransaction, actor: Actor, id: string) {
  requireRole(actor, 'agreement:read');
  const row = await load(trx, actor, id);
  authorize(actor, 'agreement:read', target(row));
  return toAgreement(row);
}

async function checkTerms(
  trx: ScopedTransaction,
  districtId: string,
  values: { partnerId?: string | undefined; startsOn: string; endsOn: string },
) {
  const fields: Record<string, MessageCode> = {};
  if (values.partnerId && !(await register.findPartner(trx, { districtId }, values.partnerId))) {
    fields.partnerId = 'unknown_partner';
  }
  if (values.endsOn <= values.startsOn) fields.endsOn = 'ends_before_starts';
  if (Object.keys(fields).length > 0) throw fieldError(fields);
}

export async function createAgreement(
  trx: ScopedTransaction,
  actor: Actor,
  input: AgreementCreate,
  requestId: string,
) {
  requireRole(actor, 'agreement:create');
  const scope = scopeOf(actor);
  // the venture is named in the body: out of reach reads like unknown, as a field of the request
  const venture = await register.findVenture(trx, scope, input.ventureId);
  if (!venture || !reaches(actor, 'agreement:create', target(venture))) {
    throw fieldError({ ventureId: 'unknown_venture' });
  }
  await checkTerms(trx, venture.district_id, input);
  const at = { districtId: venture.district_id, communityId: venture.community_id };
  const id = await register.insertAgreement(trx, {
    district_id: at.districtId,
    community_id: at.communityId,
    venture_id: venture.venture_id,
    partner_id: input.partnerId,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    terms: input.terms,
    operator_share_bp: input.operatorShareBp,
    fee_fen: input.feeFen,
    guaranteed_min_remittance_fen: input.guaranteedMinRemittanceFen,
    exit_terms: input.exitTerms ?? null,
  });
  const created = toAgreement(await load(trx, actor, id));
  await record(trx, {
    actor,
    ...at,
    action: 'agreement.create',
    entityType: 'operator_agreement',
    entityId: id,
    after: created,
    requestId,
  });
  return created;
}

export async function updateAgreement(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: AgreementUpdate,
  requestId: string,
) {
  requireRole(actor, 'agreement:update');
  const row = await load(trx, actor, id);
  authorize(actor, 'agreement:update', target(row));
  assertVersion(row.version, input.version);
  await checkTerms(trx, row.district_id, {
    partnerId: input.partnerId,
    startsOn: input.startsOn ?? row.starts_on,
    endsOn: input.endsOn ?? row.ends_on,
  });
  const at = { districtId: row.district_id, communityId: row.community_id };
  const updated = await register.updateAgreement(
    trx,
    { ...at, agreementId: id, version: input.version },
    {
      ...(input.partnerId !== undefined ? { partner_id: input.partnerId } : {}),
      ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
      ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
      ...(input.terms !== undefined ? { terms: input.terms } : {}),
      ...(input.operatorShareBp !== undefined ? { operator_share_bp: input.operatorShareBp } : {}),
      ...(input.feeFen !== undefined ? { fee_fen: input.feeFen } : {}),
      ...(input.guaranteedMinRemittanceFen !== undefined
        ? { guaranteed_min_remittance_fen: input.guaranteedMinRemittanceFen }
        : {}),
      ...(input.exitTerms !== undefined ? { exit_terms: input.exitTerms } : {}),
    },
  );
  if (!updated) throw stale();
  const before = toAgreement(row);
  const after = toAgreement(await load(trx, actor, id));
  await record(trx, {
    actor,
    ...at,
    action: 'agreement.update',
    entityType: 'operator_agreement',
    entityId: id,
    before,
    after,
    requestId,
  });
  return after;
}

export async function deleteAgreement(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  version: number | undefined,
  requestId: string,
) {
  requireRole(actor, 'agreement:delete');
  const row = await load(trx, actor, id);
  authorize(actor, 'agreement:delete', target(row));
  if (version !== undefined) assertVersion(row.version, version);
  const at = { districtId: row.district_id, communityId: row.community_id };
  const deleted = await register.deleteAgreement(trx, { ...at, agreementId: id, version });
  if (!deleted) throw stale();
  await record(trx, {
    actor,
    ...at,
    action: 'agreement.delete',
    entityType: 'operator_agreement',
    entityId: id,
    before: toAgreement(row),
    requestId,
  });
}
