import type { StreetOffice, StreetOfficeCreate, StreetOfficeUpdate } from '@gongfu/contract';
import { register, type ScopedTransaction } from '@gongfu/db';
import type { Actor } from '../../context';
import { ApiError, notFound } from '../../errors';
import { assertVersion, authorize, deleteOrConflict, record, requireRole, scopeOf, stale } from './access';

function toStreetOffice(row: register.StreetOfficeRow): StreetOffice {
  return {
    id: row.street_office_id,
    districtId: row.district_id,
    name: row.name,
    adminCode: row.admin_code,
    communityCount: Number(row.community_count ?? 0),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** A street office is district-level: `communityId: null` in every reach check. */
const target = (districtId: string) => ({ districtId, communityId: null });

export async function listStreetOffices(trx: ScopedTransaction, actor: Actor) {
  requireRole(actor, 'street_office:read');
  const { districtId } = scopeOf(actor);
  authorize(actor, 'street_office:read', target(districtId));
  const rows = await register.listStreetOffices(trx, { districtId });
  return { items: rows.map(toStreetOffice), total: rows.length };
}

async function load(trx: ScopedTransaction, actor: Actor, id: string) {
  const { districtId } = scopeOf(actor);
  const row = await register.findStreetOfficeRow(trx, { districtId, streetOfficeId: id });
  if (!row) throw notFound();
  return row;
}

export async function getStreetOffice(trx: ScopedTransaction, actor: Actor, id: string) {
  requireRole(actor, 'street_office:read');
  const row = await load(trx, actor, id);
  authorize(actor, 'street_office:read', target(row.district_id));
  return toStreetOffice(row);
}

async function assertNameFree(trx: ScopedTransaction, districtId: string, name: string, except?: string) {
  const clash = await register.findStreetOfficeByName(trx, { districtId, name });
  if (clash && clash.street_office_id !== except) {
    throw new ApiError(409, 'conflict', { name: 'duplicate_street_office_name' });
  }
}

export async function createStreetOffice(
  trx: ScopedTransaction,
  actor: Actor,
  input: StreetOfficeCreate,
  requestId: string,
) {
  requireRole(actor, 'street_office:create');
  const { districtId } = scopeOf(actor);
  authorize(actor, 'street_office:create', target(districtId));
  await assertNameFree(trx, districtId, input.name);
  const id = await register.insertStreetOffice(trx, {
    districtId,
    name: input.name,
    adminCode: input.adminCode ?? null,
  });
  const created = toStreetOffice(await load(trx, actor, id));
  await record(trx, {
    actor,
    districtId,
    communityId: null,
    action: 'street_office.create',
    entityType: 'street_office',
    entityId: id,
    after: created,
    requestId,
  });
  return created;
}

export async function updateStreetOffice(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: StreetOfficeUpdate,
  requestId: string,
) {
  requireRole(actor, 'street_office:update');
  const row = await load(trx, actor, id);
  authorize(actor, 'street_office:update', target(row.district_id));
  assertVersion(row.version, input.version);
  if (input.name !== undefined) await assertNameFree(trx, row.district_id, input.name, id);
  const updated = await register.updateStreetOffice(
    trx,
    { districtId: row.district_id, streetOfficeId: id, version: input.version },
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.adminCode !== undefined ? { admin_code: input.adminCode } : {}),
    },
  );
  if (!updated) throw stale();
  const before = toStreetOffice(row);
  const after = toStreetOffice(await load(trx, actor, id));
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: null,
    action: 'street_office.update',
    entityType: 'street_office',
    entityId: id,
    before,
    after,
    requestId,
  });
  return after;
}

export async function deleteStreetOffice(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  version: number | undefined,
  requestId: string,
) {
  requireRole(actor, 'street_office:delete');
  const row = await load(trx, actor, id);
  authorize(actor, 'street_office:delete', target(row.district_id));
  if (version !== undefined) assertVersion(row.version, version);
  const deleted = await deleteOrConflict(
    () => register.deleteStreetOffice(trx, { districtId: row.district_id, streetOfficeId: id, version }),
    'street_office_in_use',
  );
  if (!deleted) throw stale();
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: null,
    action: 'street_office.delete',
    entityType: 'street_office',
    entityId: id,
    before: toStreetOffice(row),
    requestId,
  });
}
