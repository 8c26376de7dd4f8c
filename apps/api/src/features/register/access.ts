import { audit, communities, register, type ScopedTransaction } from '@gongfu/db';
import { type Action, can, canOn, checkOn, type PermissionTarget } from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';
import type { MessageCode } from '../../i18n/messages';

/**
 * The register's checks, in the order every service applies them: the role may do the action at all
 * (403), the object is inside the actor's reach (404, so its existence is not revealed), the update
 * is based on the current version (409). The explicit filters here are tenancy's second layer, on top
 * of RLS.
 */

/** 403 unless the actor's role may do this action somewhere. */
export function requireRole(actor: Actor, action: Action) {
  if (!can(actor.scope.role, action)) throw forbidden();
}

/** The domain's reach check on one object: role → 403; outside district, community or partner → 404. */
export function authorize(actor: Actor, action: Action, target: PermissionTarget) {
  const check = checkOn(actor.scope, action, target);
  if (check.allowed) return;
  if (check.reason === 'role' || check.reason === 'self_review') throw forbidden();
  throw notFound();
}

/** Whether one object of a listing is inside the actor's reach (the same check as `authorize`). */
export function reaches(actor: Actor, action: Action, target: PermissionTarget): boolean {
  return canOn(actor.scope, action, target);
}

/** The explicit filter a scope implies. Platform scope has no district: no business data. */
export function scopeOf(actor: Actor) {
  const { districtId, communityId, partnerId } = actor.scope;
  if (!districtId) throw forbidden();
  return { districtId, communityId, partnerId };
}

export const stale = () => new ApiError(409, 'stale_version');

export function assertVersion(current: number, sent: number) {
  if (current !== sent) throw stale();
}

export const fieldError = (fields: Record<string, MessageCode>) =>
  new ApiError(400, 'validation_failed', fields);

/**
 * Runs an insert or update; a unique violation (a race the service's own check could not see, or a
 * row RLS hides from this actor) becomes 409 naming `fields`.
 */
export async function uniqueOrConflict<T>(
  work: () => Promise<T>,
  fields: Record<string, MessageCode>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === '23505') throw new ApiError(409, 'conflict', fields);
    throw error;
  }
}

/**
 * Runs a delete; a foreign-key violation (something still refers to the row) becomes 409 with `code`.
 * The failed statement aborts the transaction, which the thrown error rolls back.
 */
export async function deleteOrConflict<T>(work: () => Promise<T>, code: MessageCode): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (register.isForeignKeyViolation(error)) throw new ApiError(409, code);
    throw error;
  }
}

/** The community a new community-level object belongs to: the actor's own, or (district level) the one named. */
export async function communityForCreate(
  trx: ScopedTransaction,
  actor: Actor,
  action: Action,
  requested: string | undefined,
): Promise<{ districtId: string; communityId: string }> {
  requireRole(actor, action);
  const scope = scopeOf(actor);
  const communityId = requested ?? scope.communityId;
  if (!communityId) throw fieldError({ communityId: 'community_required' });
  const check = checkOn(actor.scope, action, { districtId: scope.districtId, communityId });
  if (!check.allowed && check.reason === 'role') throw forbidden();
  // a community out of reach is named like one that does not exist, as a field of the request
  if (!check.allowed) throw fieldError({ communityId: 'unknown_community' });
  const community = await communities.findCommunity(trx, { districtId: scope.districtId, communityId });
  if (!community) throw fieldError({ communityId: 'unknown_community' });
  return { districtId: scope.districtId, communityId };
}

export interface AuditArgs {
  actor: Actor;
  districtId: string;
  communityId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId: string;
}

export function record(trx: ScopedTransaction, args: AuditArgs) {
  return audit.appendAudit(trx, {
    districtId: args.districtId,
    communityId: args.communityId,
    actorUserId: args.actor.userId,
    action: args.action,
    entityType: args.entityType,
    entityId: args.entityId,
    before: args.before,
    after: args.after,
    requestId: args.requestId,
  });
}
