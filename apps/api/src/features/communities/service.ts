import type { Community, CommunityCreate } from '@gongfu/contract';
import { audit, communities, type ScopedTransaction } from '@gongfu/db';
import { can } from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';

type Row = communities.CommunityListRow;

function toCommunity(row: Row): Community {
  return {
    id: row.community_id,
    districtId: row.district_id,
    streetOfficeId: row.street_office_id,
    streetOfficeName: row.street_office_name,
    name: row.name,
    adminCode: row.admin_code,
    kind: row.kind,
    convertedYear: row.converted_year,
    foundedOn: row.founded_on,
    population: row.population,
    households: row.households,
    householdsWithSeniors: row.households_with_seniors,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The explicit filter a scope implies — tenancy enforced here as well as by RLS. */
function scopeFilter(actor: Actor) {
  const { districtId, communityId, partnerId } = actor.scope;
  if (!districtId) throw forbidden();
  return { districtId, communityId, partnerId };
}

export async function listCommunities(trx: ScopedTransaction, actor: Actor) {
  if (!can(actor.scope.role, 'community:read')) throw forbidden();
  const rows = await communities.listCommunities(trx, scopeFilter(actor));
  return { items: rows.map(toCommunity), total: rows.length };
}

export async function getCommunity(trx: ScopedTransaction, actor: Actor, id: string) {
  if (!can(actor.scope.role, 'community:read')) throw forbidden();
  const filter = scopeFilter(actor);
  if (filter.communityId && filter.communityId !== id) throw notFound();
  const [row] = await communities.listCommunities(trx, { ...filter, communityId: id });
  if (!row) throw notFound();
  return toCommunity(row);
}

export async function createCommunity(
  trx: ScopedTransaction,
  actor: Actor,
  input: CommunityCreate,
  requestId: string,
) {
  if (!can(actor.scope.role, 'community:create')) throw forbidden();
  const { districtId } = scopeFilter(actor);
  if (input.streetOfficeId) {
    const office = await communities.findStreetOffice(trx, {
      districtId,
      streetOfficeId: input.streetOfficeId,
    });
    if (!office) throw new ApiError(400, 'validation_failed', { streetOfficeId: 'unknown_street_office' });
  }
  const existing = await communities.listCommunities(trx, { districtId });
  if (existing.some((c) => c.name === input.name)) {
    throw new ApiError(409, 'conflict', { name: 'duplicate_name' });
  }
  if (input.adminCode && existing.some((c) => c.admin_code === input.adminCode)) {
    throw new ApiError(409, 'conflict', { adminCode: 'duplicate_admin_code' });
  }
  const id = await communities.insertCommunity(trx, {
    district_id: districtId,
    street_office_id: input.streetOfficeId ?? null,
    name: input.name,
    admin_code: input.adminCode ?? null,
    kind: input.kind,
    converted_year: input.convertedYear ?? null,
    founded_on: input.foundedOn ?? null,
    population: input.population ?? null,
    households: input.households ?? null,
    households_with_seniors: input.householdsWithSeniors ?? null,
  });
  const [row] = await communities.listCommunities(trx, { districtId, communityId: id });
  if (!row) throw new Error('a community just created is not visible to its creator');
  const created = toCommunity(row);
  await audit.appendAudit(trx, {
    districtId,
    communityId: id,
    actorUserId: actor.userId,
    action: 'community.create',
    entityType: 'community',
    entityId: id,
    after: created,
    requestId,
  });
  return created;
}
