import type { Community, CommunityCreate, CommunityUpdate, CommunityWithVersion } from '@gongfu/contract';
import { audit, communities, lastRead, register, type ScopedTransaction } from '@gongfu/db';
import { can, checkOn, sortByChineseName } from '@gongfu/domain';
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
    responsibleOrg: row.responsible_org,
    feedbackChannel: row.feedback_channel,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * The community with the version an update must carry (the contract's Community plus `version`), built in
 * one object: a list maps every row through here, and a copy per row showed in the list's profile.
 */
function withVersion(row: Row): CommunityWithVersion {
  const community = toCommunity(row) as CommunityWithVersion;
  community.version = row.version;
  return community;
}

/** The explicit filter a scope implies — tenancy enforced here as well as by RLS. */
function scopeFilter(actor: Actor) {
  const { districtId, communityId, partnerId } = actor.scope;
  if (!districtId) throw forbidden();
  return { districtId, communityId, partnerId };
}

export async function listCommunities(trx: ScopedTransaction, actor: Actor) {
  if (!can(actor.scope.role, 'community:read')) throw forbidden();
  const filter = scopeFilter(actor);
  // the request's one read: COMMIT goes with it (ADR 0033)
  await lastRead(trx);
  const rows = sortByChineseName(await communities.listCommunities(trx, filter), (row) => row.name);
  return { items: rows.map(withVersion), total: rows.length };
}

export async function getCommunity(trx: ScopedTransaction, actor: Actor, id: string) {
  if (!can(actor.scope.role, 'community:read')) throw forbidden();
  const filter = scopeFilter(actor);
  if (filter.communityId && filter.communityId !== id) throw notFound();
  const [row] = await communities.listCommunities(trx, { ...filter, communityId: id });
  if (!row) throw notFound();
  return withVersion(row);
}

const INT_MAX = 2_147_483_647;

/**
 * Bounds the database holds that the create contract does not state: integer columns, dates
 * PostgreSQL accepts, text without NUL. Without this a client could get a 500.
 */
function assertStorable(input: CommunityCreate) {
  const fields: Record<string, 'value_out_of_range'> = {};
  if (input.name.includes('\u0000')) fields.name = 'value_out_of_range';
  for (const key of ['population', 'households', 'householdsWithSeniors'] as const) {
    const value = input[key];
    if (value !== null && value !== undefined && value > INT_MAX) fields[key] = 'value_out_of_range';
  }
  if (input.foundedOn && (input.foundedOn < '1900-01-01' || input.foundedOn > '2999-12-31')) {
    fields.foundedOn = 'value_out_of_range';
  }
  if (Object.keys(fields).length > 0) throw new ApiError(400, 'validation_failed', fields);
}

export async function createCommunity(
  trx: ScopedTransaction,
  actor: Actor,
  input: CommunityCreate,
  requestId: string,
) {
  if (!can(actor.scope.role, 'community:create')) throw forbidden();
  const { districtId } = scopeFilter(actor);
  assertStorable(input);
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

/** 403 for a role without the action; 404 for a community outside the actor's reach. */
function authorizeOn(actor: Actor, action: 'community:update' | 'community:delete', row: Row) {
  const check = checkOn(actor.scope, action, { districtId: row.district_id, communityId: row.community_id });
  if (check.allowed) return;
  throw check.reason === 'role' ? forbidden() : notFound();
}

async function loadLive(trx: ScopedTransaction, actor: Actor, id: string) {
  const filter = scopeFilter(actor);
  if (filter.communityId && filter.communityId !== id) throw notFound();
  const row = await communities.findCommunity(trx, { districtId: filter.districtId, communityId: id });
  if (!row) throw notFound();
  return row;
}

/** District admins change any community of their district; a community admin its own. Carries `version`. */
export async function updateCommunity(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: CommunityUpdate,
  requestId: string,
) {
  if (!can(actor.scope.role, 'community:update')) throw forbidden();
  const row = await loadLive(trx, actor, id);
  authorizeOn(actor, 'community:update', row);
  if (row.version !== input.version) throw new ApiError(409, 'stale_version');
  if (input.streetOfficeId) {
    const office = await communities.findStreetOffice(trx, {
      districtId: row.district_id,
      streetOfficeId: input.streetOfficeId,
    });
    if (!office) throw new ApiError(400, 'validation_failed', { streetOfficeId: 'unknown_street_office' });
  }
  if (input.name !== undefined || input.adminCode) {
    const clashes = await register.findCommunityClash(trx, {
      districtId: row.district_id,
      exceptCommunityId: id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.adminCode ? { adminCode: input.adminCode } : {}),
    });
    if (clashes.some((c) => c.name === input.name))
      throw new ApiError(409, 'conflict', { name: 'duplicate_name' });
    if (input.adminCode && clashes.some((c) => c.admin_code === input.adminCode)) {
      throw new ApiError(409, 'conflict', { adminCode: 'duplicate_admin_code' });
    }
  }
  const updated = await register.updateCommunity(
    trx,
    { districtId: row.district_id, communityId: id, version: input.version },
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.streetOfficeId !== undefined ? { street_office_id: input.streetOfficeId } : {}),
      ...(input.adminCode !== undefined ? { admin_code: input.adminCode } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.convertedYear !== undefined ? { converted_year: input.convertedYear } : {}),
      ...(input.foundedOn !== undefined ? { founded_on: input.foundedOn } : {}),
      ...(input.population !== undefined ? { population: input.population } : {}),
      ...(input.households !== undefined ? { households: input.households } : {}),
      ...(input.householdsWithSeniors !== undefined
        ? { households_with_seniors: input.householdsWithSeniors }
        : {}),
      ...(input.responsibleOrg !== undefined ? { responsible_org: input.responsibleOrg } : {}),
      ...(input.feedbackChannel !== undefined ? { feedback_channel: input.feedbackChannel } : {}),
    },
  );
  if (!updated) throw new ApiError(409, 'stale_version');
  const before = withVersion(row);
  const after = withVersion(await loadLive(trx, actor, id));
  await audit.appendAudit(trx, {
    districtId: row.district_id,
    communityId: id,
    actorUserId: actor.userId,
    action: 'community.update',
    entityType: 'community',
    entityId: id,
    before,
    after,
    requestId,
  });
  return after;
}

/** District admins retire a community: soft delete, so everything that refers to it stays intact. */
export async function deleteCommunity(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  version: number | undefined,
  requestId: string,
) {
  if (!can(actor.scope.role, 'community:delete')) throw forbidden();
  const row = await loadLive(trx, actor, id);
  authorizeOn(actor, 'community:delete', row);
  if (version !== undefined && row.version !== version) throw new ApiError(409, 'stale_version');
  const deleted = await register.softDeleteCommunity(trx, {
    districtId: row.district_id,
    communityId: id,
    version,
  });
  if (!deleted) throw new ApiError(409, 'stale_version');
  await audit.appendAudit(trx, {
    districtId: row.district_id,
    communityId: id,
    actorUserId: actor.userId,
    action: 'community.delete',
    entityType: 'community',
    entityId: id,
    before: withVersion(row),
    requestId,
  });
}
