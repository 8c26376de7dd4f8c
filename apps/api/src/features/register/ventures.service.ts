import type { Venture, VentureCreate, VentureUpdate } from '@gongfu/contract';
import { register, type ScopedTransaction } from '@gongfu/db';
import type { PriceTier, VentureCategory, VentureStatus } from '@gongfu/domain';
import type { Actor } from '../../context';
import { notFound } from '../../errors';
import type { MessageCode } from '../../i18n/messages';
import {
  assertVersion,
  authorize,
  communityForCreate,
  deleteOrConflict,
  fieldError,
  record,
  requireRole,
  scopeOf,
  stale,
} from './access';

function toVenture(row: register.VentureRow): Venture {
  return {
    id: row.venture_id,
    districtId: row.district_id,
    communityId: row.community_id,
    communityName: row.community_name,
    name: row.name,
    category: row.category as VentureCategory,
    priceTier: row.price_tier as PriceTier,
    companyId: row.company_id,
    operatorPartnerId: row.operator_partner_id,
    operatorPartnerName: row.operator_partner_name,
    premisesAssetId: row.premises_asset_id,
    startedOn: row.started_on,
    reportingStartMonth: row.reporting_start_month,
    status: row.status as VentureStatus,
    promisedResponseMinutes: row.promised_response_minutes,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** A venture's reach: its community, and the partner that operates it. */
export const ventureTarget = (row: {
  district_id: string;
  community_id: string;
  operator_partner_id: string | null;
}) => ({
  districtId: row.district_id,
  communityId: row.community_id,
  partnerIds: row.operator_partner_id ? [row.operator_partner_id] : [],
});

export async function listVentures(
  trx: ScopedTransaction,
  actor: Actor,
  query: {
    communityId?: string | undefined;
    category?: VentureCategory | undefined;
    status?: VentureStatus | undefined;
  },
) {
  requireRole(actor, 'venture:read');
  const scope = scopeOf(actor);
  const rows = await register.listVentures(trx, scope, query);
  return { items: rows.map(toVenture), total: rows.length };
}

export async function loadVenture(trx: ScopedTransaction, actor: Actor, id: string) {
  const row = await register.findVenture(trx, scopeOf(actor), id);
  if (!row) throw notFound();
  return row;
}

export async function getVenture(trx: ScopedTransaction, actor: Actor, id: string) {
  requireRole(actor, 'venture:read');
  const row = await loadVenture(trx, actor, id);
  authorize(actor, 'venture:read', ventureTarget(row));
  return toVenture(row);
}

/** The company, operator and premises a venture names must exist where it lives. */
async function checkReferences(
  trx: ScopedTransaction,
  at: { districtId: string; communityId: string },
  refs: {
    companyId?: string | null | undefined;
    operatorPartnerId?: string | null | undefined;
    premisesAssetId?: string | null | undefined;
  },
) {
  const fields: Record<string, MessageCode> = {};
  if (refs.companyId && !(await register.findCompany(trx, at, refs.companyId))) {
    fields.companyId = 'unknown_company';
  }
  if (
    refs.operatorPartnerId &&
    !(await register.findPartner(trx, { districtId: at.districtId }, refs.operatorPartnerId))
  ) {
    fields.operatorPartnerId = 'unknown_partner';
  }
  if (refs.premisesAssetId && !(await register.findAsset(trx, at, refs.premisesAssetId))) {
    fields.premisesAssetId = 'unknown_asset';
  }
  if (Object.keys(fields).length > 0) throw fieldError(fields);
}

export async function createVenture(
  trx: ScopedTransaction,
  actor: Actor,
  input: VentureCreate,
  requestId: string,
) {
  const at = await communityForCreate(trx, actor, 'venture:create', input.communityId);
  await checkReferences(trx, at, input);
  const id = await register.insertVenture(trx, {
    district_id: at.districtId,
    community_id: at.communityId,
    name: input.name,
    category: input.category,
    price_tier: input.priceTier,
    company_id: input.companyId ?? null,
    operator_partner_id: input.operatorPartnerId ?? null,
    premises_asset_id: input.premisesAssetId ?? null,
    started_on: input.startedOn ?? null,
    reporting_start_month: input.reportingStartMonth ?? null,
    status: input.status,
    promised_response_minutes: input.promisedResponseMinutes ?? null,
  });
  const created = toVenture(await loadVenture(trx, actor, id));
  await record(trx, {
    actor,
    ...at,
    action: 'venture.create',
    entityType: 'venture',
    entityId: id,
    after: created,
    requestId,
  });
  return created;
}

export async function updateVenture(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: VentureUpdate,
  requestId: string,
) {
  requireRole(actor, 'venture:update');
  const row = await loadVenture(trx, actor, id);
  authorize(actor, 'venture:update', ventureTarget(row));
  assertVersion(row.version, input.version);
  const at = { districtId: row.district_id, communityId: row.community_id };
  await checkReferences(trx, at, input);
  const updated = await register.updateVenture(
    trx,
    { ...at, ventureId: id, version: input.version },
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.priceTier !== undefined ? { price_tier: input.priceTier } : {}),
      ...(input.companyId !== undefined ? { company_id: input.companyId } : {}),
      ...(input.operatorPartnerId !== undefined ? { operator_partner_id: input.operatorPartnerId } : {}),
      ...(input.premisesAssetId !== undefined ? { premises_asset_id: input.premisesAssetId } : {}),
      ...(input.startedOn !== undefined ? { started_on: input.startedOn } : {}),
      ...(input.reportingStartMonth !== undefined
        ? { reporting_start_month: input.reportingStartMonth }
        : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.promisedResponseMinutes !== undefined
        ? { promised_response_minutes: input.promisedResponseMinutes }
        : {}),
    },
  );
  if (!updated) throw stale();
  const before = toVenture(row);
  const after = toVenture(await loadVenture(trx, actor, id));
  await record(trx, {
    actor,
    ...at,
    action: 'venture.update',
    entityType: 'venture',
    entityId: id,
    before,
    after,
    requestId,
  });
  return after;
}

export async function deleteVenture(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  version: number | undefined,
  requestId: string,
) {
  requireRole(actor, 'venture:delete');
  const row = await loadVenture(trx, actor, id);
  authorize(actor, 'venture:delete', ventureTarget(row));
  if (version !== undefined) assertVersion(row.version, version);
  const at = { districtId: row.district_id, communityId: row.community_id };
  const deleted = await deleteOrConflict(
    () => register.deleteVenture(trx, { ...at, ventureId: id, version }),
    'venture_in_use',
  );
  if (!deleted) throw stale();
  await record(trx, {
    actor,
    ...at,
    action: 'venture.delete',
    entityType: 'venture',
    entityId: id,
    before: toVenture(row),
    requestId,
  });
}
