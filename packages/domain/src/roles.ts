/**
 * The roles a membership can carry. A membership is (role, district, optional community,
 * optional partner); the role decides which of those must be present.
 */
export const ROLES = [
  'platform_admin',
  'district_admin',
  'district_viewer',
  'community_admin',
  'community_reporter',
  'partner_operator',
] as const;

export type Role = (typeof ROLES)[number];

/** How far a role's data reaches; this is what the database scope is built from. */
export type ScopeKind = 'platform' | 'district' | 'community' | 'partner';

export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  platform_admin: 'platform',
  district_admin: 'district',
  district_viewer: 'district',
  community_admin: 'community',
  community_reporter: 'community',
  partner_operator: 'partner',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
