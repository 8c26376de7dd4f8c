import { ROLE_SCOPE, type Role, type ScopeKind } from './roles';

/**
 * The data scope of one request: who acts, under which membership. It is derived from a
 * membership only (never from request input) and is what the tenant transaction hands to
 * PostgreSQL row-level security.
 */
export interface Scope {
  userId: string;
  membershipId: string;
  role: Role;
  kind: ScopeKind;
  /** null only for the platform scope */
  districtId: string | null;
  communityId: string | null;
  partnerId: string | null;
}

export interface MembershipLike {
  id: string;
  role: Role;
  districtId: string | null;
  communityId: string | null;
  partnerId: string | null;
}

export class InvalidMembershipError extends Error {}

/** Builds the scope of a membership, refusing memberships whose shape does not fit the role. */
export function scopeOf(userId: string, m: MembershipLike): Scope {
  const kind = ROLE_SCOPE[m.role];
  const fail = (why: string) => new InvalidMembershipError(`membership ${m.id} (${m.role}): ${why}`);
  if (kind !== 'platform' && !m.districtId) throw fail('needs a district');
  if (kind === 'community' && !m.communityId) throw fail('needs a community');
  if (kind === 'partner' && !m.partnerId) throw fail('needs a partner');
  return {
    userId,
    membershipId: m.id,
    role: m.role,
    kind,
    districtId: m.districtId,
    communityId: kind === 'community' ? m.communityId : null,
    partnerId: kind === 'partner' ? m.partnerId : null,
  };
}
