import type { MessageParams } from '@gongfu/domain';
import { type Action, can, checkOn, type DomainError } from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';
import type { MessageCode } from '../../i18n/messages';
import { FUND_MESSAGES } from './messages';

/**
 * 403 unless the role may do this at all — asked before anything is looked up. The domain's table is
 * the only source: communities keep their own books, so a district admin reads funds, proposals and
 * pledges but writes none of them (packages/domain/src/permissions.ts).
 */
export function requireRight(actor: Actor, action: Action) {
  if (!can(actor.scope.role, action)) throw forbidden();
}

/** The object's reach: 404 when outside the actor's district / community / partner (existence not revealed). */
export function requireReach(
  actor: Actor,
  action: Action,
  target: { districtId: string; communityId: string; partnerIds?: readonly string[] },
) {
  const check = checkOn(actor.scope, action, target);
  if (check.allowed) return;
  if (check.reason === 'role' || check.reason === 'self_review') throw forbidden();
  throw notFound();
}

/** The explicit filter the scope implies, on top of RLS. */
export function scopeFilter(actor: Actor) {
  const { districtId, communityId, partnerId, kind } = actor.scope;
  if (!districtId) throw forbidden();
  return {
    districtId,
    communityId: kind === 'community' ? communityId : null,
    partnerId: kind === 'partner' ? partnerId : null,
  };
}

/**
 * The community a write is about: a community role's own, or (for a partner operator's pledge, the
 * only writer here without a community of its own) the one it names.
 */
export function targetCommunity(actor: Actor, requested: string | undefined): string {
  const filter = scopeFilter(actor);
  if (filter.communityId) {
    if (requested && requested !== filter.communityId) throw notFound();
    return filter.communityId;
  }
  if (!requested) throw new ApiError(400, 'validation_failed', { communityId: 'community_required' });
  return requested;
}

/** A domain refusal as an API error: its code and params give the message in the user's language. */
export function domainError(
  error: DomainError,
  status: 400 | 409 | 422,
  fields?: Record<string, MessageCode>,
): ApiError {
  // a code this feature has no words for still becomes a 4xx, never a 500
  const code: MessageCode = Object.hasOwn(FUND_MESSAGES, error.code)
    ? (error.code as MessageCode)
    : 'conflict';
  return new ApiError(status, code, fields, paramsOf(error.params));
}

function paramsOf(params: MessageParams): Record<string, string | number> {
  return { ...params };
}
