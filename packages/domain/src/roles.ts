import type { LocalizedText } from './labels';

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

/**
 * A role as people read it, in the words the admin's i18n uses: the users export and any server-side text say it
 * the same way. A role added to ROLES without its label does not compile.
 */
export const ROLE_LABELS: Readonly<Record<Role, LocalizedText>> = {
  platform_admin: { 'zh-CN': '平台管理员', en: 'Platform admin' },
  district_admin: { 'zh-CN': '区级管理员', en: 'District admin' },
  district_viewer: { 'zh-CN': '区级查看员', en: 'District viewer' },
  community_admin: { 'zh-CN': '社区管理员', en: 'Community admin' },
  community_reporter: { 'zh-CN': '社区填报员', en: 'Community reporter' },
  partner_operator: { 'zh-CN': '合作运营方', en: 'Partner operator' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
