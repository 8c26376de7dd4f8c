import type { Membership } from '@gongfu/contract';
import { can } from '@gongfu/domain';

/** The domain's table decides: district admins resolve any warning of the district, a community admin its own. */
export function resolvesWarnings(membership: Membership | undefined): boolean {
  return membership ? can(membership.role, 'warning:resolve') : false;
}

export function readsWarnings(membership: Membership | undefined): boolean {
  return membership ? can(membership.role, 'warning:read') : false;
}

/** District admins run the rules (the API's warning:refresh); everyone else reads what they found. */
export function refreshesWarnings(membership: Membership | undefined): boolean {
  return membership ? can(membership.role, 'warning:refresh') : false;
}
