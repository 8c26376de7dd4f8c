import type { Appraisal, AppraisalCreate, Asset, AssetCreate, AssetUpdate } from '@gongfu/contract';
import { register, type ScopedTransaction, toFen } from '@gongfu/db';
import type { AppraisalMethod, AssetKind, AssetStatus } from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, notFound } from '../../errors';
import { assertVersion, authorize, communityForCreate, record, requireRole, scopeOf, stale } from './access';

export function toAppraisal(row: register.AppraisalRow): Appraisal {
  return {
    id: row.appraisal_id,
    assetId: row.asset_id,
    communityId: row.community_id,
    method: row.method as AppraisalMethod,
    appraiser: row.appraiser,
    appraisedOn: row.appraised_on,
    valueFen: toFen(row.value_fen),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function toAsset(row: register.AssetRow, latest: register.AppraisalRow | undefined): Asset {
  return {
    id: row.asset_id,
    districtId: row.district_id,
    communityId: row.community_id,
    kind: row.kind as AssetKind,
    name: row.name,
    areaM2: row.area_m2 === null ? null : Number(row.area_m2),
    location: row.location,
    title: row.title,
    status: row.status as AssetStatus,
    latestAppraisal: latest ? toAppraisal(latest) : null,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

const target = (row: { district_id: string; community_id: string }) => ({
  districtId: row.district_id,
  communityId: row.community_id,
});

/** Assets in the actor's scope with their latest appraisal. */
async function withLatest(trx: ScopedTransaction, actor: Actor, rows: register.AssetRow[]) {
  const scope = scopeOf(actor);
  const appraisals = await register.listAppraisals(
    trx,
    { districtId: scope.districtId, communityId: scope.communityId },
    rows.map((r) => r.asset_id),
  );
  const latest = new Map<string, register.AppraisalRow>();
  for (const a of appraisals) if (!latest.has(a.asset_id)) latest.set(a.asset_id, a);
  return rows.map((row) => toAsset(row, latest.get(row.asset_id)));
}

export async function listAssets(
  trx: ScopedTransaction,
  actor: Actor,
  query: { communityId?: string | undefined; kind?: AssetKind | undefined; status?: AssetStatus | undefined },
) {
  requireRole(actor, 'asset:read');
  const scope = scopeOf(actor);
  // a community role sees its own community whatever it asks for; another community's filter finds nothing
  if (scope.communityId && query.communityId && query.communityId !== scope.communityId) {
    return { items: [], total: 0 };
  }
  const rows = await register.listAssets(
    trx,
    { districtId: scope.districtId, communityId: scope.communityId ?? query.communityId },
    { kind: query.kind, status: query.status },
  );
  const items = await withLatest(trx, actor, rows);
  return { items, total: items.length };
}

export async function loadAsset(trx: ScopedTransaction, actor: Actor, id: string) {
  const scope = scopeOf(actor);
  const row = await register.findAsset(
    trx,
    { districtId: scope.districtId, communityId: scope.communityId },
    id,
  );
  if (!row) throw notFound();
  return row;
}

async function present(trx: ScopedTransaction, actor: Actor, id: string) {
  const [asset] = await withLatest(trx, actor, [await loadAsset(trx, actor, id)]);
  if (!asset) throw notFound();
  return asset;
}

export async function getAsset(trx: ScopedTransaction, actor: Actor, id: string) {
  requireRole(actor, 'asset:read');
  const row = await loadAsset(trx, actor, id);
  authorize(actor, 'asset:read', target(row));
  return present(trx, actor, id);
}

export async function createAsset(
  trx: ScopedTransaction,
  actor: Actor,
  input: AssetCreate,
  requestId: string,
) {
  const { districtId, communityId } = await communityForCreate(trx, actor, 'asset:create', input.communityId);
  const id = await register.insertAsset(trx, {
    district_id: districtId,
    community_id: communityId,
    kind: input.kind,
    name: input.name,
    area_m2: input.areaM2 ?? null,
    location: input.location ?? null,
    title: input.title ?? null,
    status: input.status,
  });
  const created = await present(trx, actor, id);
  await record(trx, {
    actor,
    districtId,
    communityId,
    action: 'asset.create',
    entityType: 'asset',
    entityId: id,
    after: created,
    requestId,
  });
  return created;
}

export async function updateAsset(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: AssetUpdate,
  requestId: string,
) {
  requireRole(actor, 'asset:update');
  const row = await loadAsset(trx, actor, id);
  authorize(actor, 'asset:update', target(row));
  assertVersion(row.version, input.version);
  const before = await present(trx, actor, id);
  const updated = await register.updateAsset(
    trx,
    { districtId: row.district_id, communityId: row.community_id, assetId: id, version: input.version },
    {
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.areaM2 !== undefined ? { area_m2: input.areaM2 } : {}),
      ...(input.location !== undefined ? { location: input.location } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    },
  );
  if (!updated) throw stale();
  const after = await present(trx, actor, id);
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: row.community_id,
    action: 'asset.update',
    entityType: 'asset',
    entityId: id,
    before,
    after,
    requestId,
  });
  return after;
}

export async function deleteAsset(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  version: number | undefined,
  requestId: string,
) {
  requireRole(actor, 'asset:delete');
  const row = await loadAsset(trx, actor, id);
  authorize(actor, 'asset:delete', target(row));
  if (version !== undefined) assertVersion(row.version, version);
  const key = { districtId: row.district_id, communityId: row.community_id, assetId: id };
  if ((await register.countAssetUses(trx, key)) > 0) throw new ApiError(409, 'asset_in_use');
  const before = await present(trx, actor, id);
  const deleted = await register.softDeleteAsset(trx, { ...key, version });
  if (!deleted) throw stale();
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: row.community_id,
    action: 'asset.delete',
    entityType: 'asset',
    entityId: id,
    before,
    requestId,
  });
}

export async function listAppraisals(trx: ScopedTransaction, actor: Actor, assetId: string) {
  requireRole(actor, 'asset:read');
  const row = await loadAsset(trx, actor, assetId);
  authorize(actor, 'asset:read', target(row));
  const rows = await register.listAppraisals(
    trx,
    { districtId: row.district_id, communityId: row.community_id },
    [assetId],
  );
  return { items: rows.map(toAppraisal), total: rows.length };
}

export async function createAppraisal(
  trx: ScopedTransaction,
  actor: Actor,
  assetId: string,
  input: AppraisalCreate,
  requestId: string,
) {
  requireRole(actor, 'asset:appraise');
  const row = await loadAsset(trx, actor, assetId);
  authorize(actor, 'asset:appraise', target(row));
  const id = await register.insertAppraisal(trx, {
    district_id: row.district_id,
    community_id: row.community_id,
    asset_id: assetId,
    method: input.method,
    appraiser: input.appraiser,
    appraised_on: input.appraisedOn,
    value_fen: input.valueFen,
  });
  const created = await register.findAppraisal(
    trx,
    { districtId: row.district_id, communityId: row.community_id },
    id,
  );
  if (!created) throw new Error('an appraisal just recorded is not visible to its author');
  const after = toAppraisal(created);
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: row.community_id,
    action: 'asset.appraise',
    entityType: 'asset_appraisal',
    entityId: id,
    after,
    requestId,
  });
  return after;
}
