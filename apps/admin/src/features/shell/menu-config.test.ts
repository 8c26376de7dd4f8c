import { can, ROLES } from '@gongfu/domain';
import { describe, expect, it } from 'vitest';
import { MENU_BY_ROLE, menuFor, selectedMenuEntry } from './menu-config';

describe('menu by role', () => {
  it('gives every role a menu starting with the overview', () => {
    for (const role of ROLES) expect(MENU_BY_ROLE[role][0]).toBe('overview');
  });

  it('shows communities to roles that read them, not to the platform admin', () => {
    expect(menuFor('platform_admin').map((e) => e.id)).toEqual(['overview']);
    expect(menuFor('community_reporter').map((e) => e.id)).toEqual(['overview', 'communities']);
  });

  it('shows the KPI cockpit exactly to the roles the domain lets read KPIs', () => {
    const withCockpit = ROLES.filter((role) => menuFor(role).some((e) => e.id === 'kpis'));
    expect(withCockpit).toEqual(ROLES.filter((role) => can(role, 'kpi:read')));
    expect(withCockpit).toEqual(['district_admin', 'district_viewer', 'community_admin']);
  });

  it('selects the entry whose path is the longest prefix', () => {
    const ids = ['overview', 'communities'] as const;
    expect(selectedMenuEntry('/', ids)).toBe('overview');
    expect(selectedMenuEntry('/communities/abc', ids)).toBe('communities');
    expect(selectedMenuEntry('/communities-x', ids)).toBeUndefined();
  });
});
