import type { DbScope } from '@gongfu/db';
import type { Scope } from '@gongfu/domain';

/** The database scope of a membership's scope: what RLS will let this request see. */
export function dbScopeOf(scope: Scope): DbScope {
  switch (scope.kind) {
    case 'platform':
      return { kind: 'platform', userId: scope.userId };
    case 'district':
      return { kind: 'district', userId: scope.userId, districtId: required(scope.districtId) };
    case 'community':
      return {
        kind: 'community',
        userId: scope.userId,
        districtId: required(scope.districtId),
        communityId: required(scope.communityId),
      };
    case 'partner':
      return {
        kind: 'partner',
        userId: scope.userId,
        districtId: required(scope.districtId),
        partnerId: required(scope.partnerId),
      };
  }
}

function required(value: string | null): string {
  if (!value) throw new Error('scope is missing an id its kind requires');
  return value;
}
