import type { Membership } from '@gongfu/contract';
import { can } from '@gongfu/domain';

/** The domain's table decides: district admins change the district's settings; its other roles read them. */
export function changesSettings(membership: Membership | undefined): boolean {
  return membership ? can(membership.role, 'district:update') : false;
}

export function readsSettings(membership: Membership | undefined): boolean {
  return membership ? can(membership.role, 'district:read') : false;
}

/** District admins add rule versions; district roles and a community's admin read them (its own). */
export function createsRules(membership: Membership | undefined): boolean {
  return membership ? can(membership.role, 'distribution_rule:create') : false;
}

export function readsRules(membership: Membership | undefined): boolean {
  return membership ? can(membership.role, 'distribution_rule:read') : false;
}
