import {
  AccountBookOutlined,
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  ContainerOutlined,
  ControlOutlined,
  DashboardOutlined,
  FormOutlined,
  FundOutlined,
  GiftOutlined,
  HistoryOutlined,
  HomeOutlined,
  PieChartOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Role } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { TranslationKey } from '../../lib/translation-key';

/**
 * The side menu as data. Each entry is a page; each role lists the entries it sees, in order. A new feature adds
 * its entry here and names it under the roles that may use it (the API still checks every request).
 */
export const MENU_ENTRIES = {
  overview: { to: '/', label: 'nav.overview', icon: <DashboardOutlined /> },
  kpis: { to: '/kpis', label: 'nav.kpis', icon: <FundOutlined /> },
  // a district setting (the year's goals), so under 系统管理 with the others; its URL stays beside the cockpit's
  kpiTargets: { to: '/kpis/targets', label: 'targets.nav', icon: <AimOutlined />, group: 'administration' },
  communities: { to: '/communities', label: 'nav.communities', icon: <HomeOutlined /> },
  reporting: { to: '/reporting', label: 'nav.reporting', icon: <FormOutlined /> },
  review: { to: '/review', label: 'nav.review', icon: <AuditOutlined /> },
  funds: { to: '/funds', label: 'funds.nav.funds', icon: <AccountBookOutlined /> },
  proposals: { to: '/proposals', label: 'funds.nav.proposals', icon: <TeamOutlined /> },
  pledges: { to: '/pledges', label: 'funds.nav.pledges', icon: <GiftOutlined /> },
  register: { to: '/register', label: 'register.nav.register', icon: <ContainerOutlined /> },
  warnings: { to: '/warnings', label: 'oversight.nav.warnings', icon: <AlertOutlined /> },
  audit: { to: '/audit', label: 'oversight.nav.audit', icon: <HistoryOutlined /> },
  users: { to: '/admin/users', label: 'users.nav.users', icon: <UserOutlined />, group: 'administration' },
  districts: {
    to: '/admin/districts',
    label: 'users.nav.districts',
    icon: <ApartmentOutlined />,
    group: 'administration',
  },
  settings: {
    to: '/admin/settings',
    label: 'settings.nav.settings',
    icon: <SettingOutlined />,
    group: 'administration',
  },
  apiTokens: {
    to: '/admin/api-tokens',
    label: 'apiTokens.nav',
    icon: <ApiOutlined />,
    group: 'administration',
  },
  distributionRules: {
    to: '/admin/distribution-rules',
    label: 'settings.nav.distribution',
    icon: <PieChartOutlined />,
    group: 'administration',
  },
} as const satisfies Record<string, MenuEntry>;

export interface MenuEntry {
  /** A route path; the entry is selected for this path and everything under it. */
  to: string;
  label: TranslationKey;
  icon: ReactNode;
  /** entries of one group sit together under its heading (a role with one entry of a group sees it alone) */
  group?: MenuGroupId;
}

/** Groups of the side menu: 系统管理, the district's administration (users, settings, KPI targets, distribution rules). */
export const MENU_GROUPS = {
  administration: { label: 'settings.nav.group', icon: <ControlOutlined /> },
} as const satisfies Record<string, { label: TranslationKey; icon: ReactNode }>;

export type MenuGroupId = keyof typeof MENU_GROUPS;

export type MenuEntryId = keyof typeof MENU_ENTRIES;

export const MENU_BY_ROLE: Record<Role, readonly MenuEntryId[]> = {
  platform_admin: ['overview', 'districts'],
  district_admin: [
    'overview',
    'kpis',
    'warnings',
    'review',
    'communities',
    'register',
    'funds',
    'proposals',
    'pledges',
    'audit',
    'users',
    'settings',
    'kpiTargets',
    'distributionRules',
    // the district reads and revokes its communities' and partners' tokens (ADR 0026); it creates none
    'apiTokens',
  ],
  district_viewer: [
    'overview',
    'kpis',
    'warnings',
    'review',
    'communities',
    'register',
    'funds',
    'proposals',
    'pledges',
    'audit',
    'settings',
    'kpiTargets',
    'distributionRules',
  ],
  community_admin: [
    'overview',
    'reporting',
    'register',
    'funds',
    'distributionRules',
    'proposals',
    'pledges',
    'warnings',
    'kpis',
    'communities',
    'audit',
    'apiTokens',
  ],
  // the warnings about the reports they file (overdue), read only
  community_reporter: ['overview', 'reporting', 'warnings', 'communities'],
  // trimmed to what an operator does here: report on the ventures it runs, across communities (and the warnings
  // about them, read only)
  partner_operator: ['overview', 'reporting', 'pledges', 'warnings', 'kpis', 'apiTokens'],
};

export function menuFor(role: Role | undefined): { id: MenuEntryId; entry: MenuEntry }[] {
  return (role ? MENU_BY_ROLE[role] : ['overview' as const]).map((id) => ({ id, entry: MENU_ENTRIES[id] }));
}

/** The entry whose path is the longest prefix of the current pathname. */
export function selectedMenuEntry(pathname: string, ids: readonly MenuEntryId[]): MenuEntryId | undefined {
  let best: MenuEntryId | undefined;
  let bestLength = -1;
  for (const id of ids) {
    const { to } = MENU_ENTRIES[id];
    const matches = to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
    if (matches && to.length > bestLength) {
      best = id;
      bestLength = to.length;
    }
  }
  return best;
}

/**
 * The menu entry a role reaches a page from when its own menu does not list the page's section: its workplace (an
 * operator partner opens the register's agreements from its workplace; the register is not in its menu). Undefined
 * when the role's menu lists the section, or when the page is under no menu entry at all.
 */
export function reachedFrom(pathname: string, role: Role | undefined): MenuEntryId | undefined {
  if (!role) return undefined;
  const section = selectedMenuEntry(pathname, Object.keys(MENU_ENTRIES) as MenuEntryId[]);
  if (!section || MENU_BY_ROLE[role].some((id) => selectedMenuEntry(pathname, [id]))) return undefined;
  return 'overview';
}

type MenuItem = { key: string; icon: ReactNode; label: ReactNode; children?: MenuItem[] };

/**
 * The antd menu's items: entries in the role's order, those of a group gathered under its heading where the group's
 * first entry stands — unless the role sees only one entry of the group, which then stands alone.
 */
export function menuItems(
  entries: readonly { id: MenuEntryId; entry: MenuEntry }[],
  t: (key: TranslationKey) => string,
): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<MenuGroupId, MenuItem>();
  for (const { id, entry } of entries) {
    const item: MenuItem = { key: id, icon: entry.icon, label: <Link to={entry.to}>{t(entry.label)}</Link> };
    const group = entry.group;
    if (!group || entries.filter((e) => e.entry.group === group).length < 2) {
      items.push(item);
      continue;
    }
    let heading = groups.get(group);
    if (!heading) {
      heading = {
        key: `group:${group}`,
        icon: MENU_GROUPS[group].icon,
        label: t(MENU_GROUPS[group].label),
        children: [],
      };
      groups.set(group, heading);
      items.push(heading);
    }
    heading.children?.push(item);
  }
  return items;
}
