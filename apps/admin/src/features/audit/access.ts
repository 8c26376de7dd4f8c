import type { Membership } from '@gongfu/contract';
import { can } from '@gongfu/domain';

/** Whether the membership reads the audit log: the domain's table decides (the API scopes the entries). */
export function readsAudit(membership: Membership | undefined): boolean {
  return membership ? can(membership.role, 'audit:read') : false;
}
