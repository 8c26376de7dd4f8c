import type { DbScope } from '@gongfu/db';
import { scopeOf } from '@gongfu/domain';
import type { Actor } from '../context';
import { dbScopeOf } from '../scope';

/**
 * Who the CLI acts as: the platform's operator, a fixed id that is no account (nobody can log in as it). The
 * audit trail shows it as the actor and `cli:<command>:<shell user>` as the request, so a change made from the
 * shell is told apart from one made in the browser. For a district's accounts it acts with a district admin's
 * role in that district's scope: the same permission checks and RLS as the district's own admin.
 */
export const OPERATOR_USER_ID = '00000000-0000-4000-8000-00000000c111';

export interface CliActor {
  actor: Actor;
  db: DbScope;
}

function actorOf(role: 'platform_admin' | 'district_admin', districtId: string | null): CliActor {
  const scope = scopeOf(OPERATOR_USER_ID, {
    id: `cli:${role}`,
    role,
    districtId,
    communityId: null,
    partnerId: null,
  });
  return { actor: { userId: OPERATOR_USER_ID, scope }, db: dbScopeOf(scope) };
}

export const platformActor = actorOf('platform_admin', null);
export const districtActor = (districtId: string) => actorOf('district_admin', districtId);
