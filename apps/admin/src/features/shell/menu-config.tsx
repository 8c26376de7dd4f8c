import {
  AccountBookOutlined,
  AimOutlined,
  AlertOutlined,
  AuditOutlined,
  ContainerOutlined,
  DashboardOutlined,
  FormOutlined,
  FundOutlined,
  GiftOutlined,
  HistoryOutlined,
  HomeOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '@gongfu/domain';
import type { ReactNode } from 'react';
import type { TranslationKey } from '../../lib/translation-key';

/**
 * The side menu as data. Each entry is a page; each role lists the entries it sees, in order. A new feature adds
 * its entry here and names it under the roles that may use it (the API still checks every request).
 */
export const MENU_ENTRIES = {
  overview: { to: '/', label: 'nav.overview', icon: <DashboardOutlined /> },
  kpis: { to: '/kpis', label: 'nav.kpis', icon: <FundOutlined /> },
  kpiTargets: { to: '/kpis/targets', label: 'targets.nav', icon: <AimOutlined /> },
  communities: { to: '/communities', label: 'nav.communities', icon: <HomeOutlined /> },
  reporting: { to: '/reporting', label: 'nav.reporting', icon: <FormOutlined /> },
  review: { to: '/review', label: 'nav.review', icon: <AuditOutlined /> },
  funds: { to: '/funds', label: 'funds.nav.funds', icon: <AccountBookOutlined /> },
  proposals: { to: '/proposals', label: 'funds.nav.proposals', icon: <TeamOutlined /> },
  pledges: { to: '/pledges', label: 'funds.nav.pledges', icon: <GiftOutlined /> },
  register: { to: '/register', label: 'register.nav.register', icon: <ContainerOutlined /> },
  warnings: { to: '/warnings', label: 'oversight.nav.warnings', icon: <AlertOutlined /> },
  audit: { to: '/audit', label: 'oversight.nav.audit', icon: <HistoryOutlined /> },
} as const satisfies Record<string, MenuEntry>;

export interface MenuEntry {
  /** A route path; the entry is selected for this path and everything under it. */
  to: string;
  label: TranslationKey;
  icon: ReactNode;
}

export type MenuEntryId = keyof typeof MENU_ENTRIES;

export const MENU_BY_ROLE: Record<Role, readonly MenuEntryId[]> = {
  platform_admin: ['overview'],
  district_admin: [
    'overview',
    'kpis',
    'kpiTargets',
    'warnings',
    'review',
    'communities',
    'register',
    'funds',
    'proposals',
    'pledges',
    'audit',
  ],
  district_viewer: [
    'overview',
    'kpis',
    'kpiTargets',
    'warnings',
    'review',
    'communities',
    'register',
    'funds',
    'proposals',
    'pledges',
    'audit',
  ],
  community_admin: [
    'overview',
    'reporting',
    'register',
    'funds',
    'proposals',
    'pledges',
    'warnings',
    'kpis',
    'communities',
    'audit',
  ],
  // the warnings about the reports they file (overdue), read only
  community_reporter: ['overview', 'reporting', 'warnings', 'communities'],
  // trimmed to what an operator does here: report on the ventures it runs, across communities (and the warnings
  // about them, read only)
  partner_operator: ['overview', 'reporting', 'pledges', 'warnings', 'kpis'],
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
