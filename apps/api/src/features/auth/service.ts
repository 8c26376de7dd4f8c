import type { Me } from '@gongfu/contract';
import { identity, withTenantTransaction } from '@gongfu/db';
import { scopeOf } from '@gongfu/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { requireActor } from '../../middleware/session';
import { dbScopeOf } from '../../scope';

/**
 * The user, every membership with its names, and the active one. Each membership's names are read in
 * that membership's own scope, so no name is shown that its scope could not see.
 */
export async function describeMe(c: Context<AppEnv>): Promise<Me> {
  // me answers before the password change too: the admin app learns from it that the change comes first
  const actor = requireActor(c, { evenBeforePasswordChange: true });
  const session = c.get('session');
  if (!session) throw new Error('requireActor guarantees a session');
  const { db } = c.get('deps');
  const memberships: Me['memberships'] = [];
  for (const m of c.get('memberships')) {
    const labels = m.districtId
      ? await withTenantTransaction(db, dbScopeOf(scopeOf(session.user.id, m)), (trx) =>
          identity.findMembershipLabels(trx, {
            districtId: m.districtId as string,
            communityId: m.communityId,
            partnerId: m.partnerId,
          }),
        )
      : { districtName: null, communityName: null, partnerName: null };
    memberships.push({ ...m, ...labels });
  }
  return {
    user: { ...session.user, mustChangePassword: session.user.mustChangePassword === true },
    memberships,
    activeMembershipId: actor.scope.membershipId,
  };
}
