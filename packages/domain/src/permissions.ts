import type { Role } from './roles';

/**
 * Permissions are data: which role may do which action. Whether the target is inside the
 * actor's scope is a separate question, answered by the scope (and again by RLS).
 */
export const ACTIONS = ['community:read', 'community:create', 'community:update', 'district:create'] as const;

export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  platform_admin: ['district:create'],
  district_admin: ['community:read', 'community:create', 'community:update'],
  district_viewer: ['community:read'],
  community_admin: ['community:read', 'community:update'],
  community_reporter: ['community:read'],
  partner_operator: ['community:read'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}
