import type { Role } from '@gongfu/domain';

/**
 * The oversight feature's permissions. `packages/domain/src/permissions.ts` has no warning or audit
 * actions yet (and this feature may not edit it), so they live here, as data, in the same shape; move
 * them into the domain table when it grows them.
 */
export const OVERSIGHT_ACTIONS = [
  'warning:read',
  'warning:refresh',
  'warning:resolve',
  'warning:assign',
  'audit:read',
] as const;
export type OversightAction = (typeof OVERSIGHT_ACTIONS)[number];

export const OVERSIGHT_PERMISSIONS: Record<Role, readonly OversightAction[]> = {
  platform_admin: [],
  district_admin: ['warning:read', 'warning:refresh', 'warning:resolve', 'warning:assign', 'audit:read'],
  district_viewer: ['warning:read', 'audit:read'],
  // resolves the warnings of its own community (the scope decides which)
  community_admin: ['warning:read', 'warning:resolve', 'audit:read'],
  community_reporter: ['warning:read', 'audit:read'],
  // reads the warnings about the ventures it operates; the audit log is not its to read
  partner_operator: ['warning:read'],
};

export function canOversee(role: Role, action: OversightAction): boolean {
  return OVERSIGHT_PERMISSIONS[role].includes(action);
}
