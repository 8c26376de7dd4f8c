import { can, ROLES } from '@gongfu/domain';
import { describe, expect, it } from 'vitest';
import { MENU_BY_ROLE, menuFor, reachedFrom, selectedMenuEntry } from './menu-config';

describe('menu by role', () => {
  it('shows user administration to the roles that may invite, and districts to the platform only', () => {
    const users = ROLES.filter((role) => menuFor(role).some((e) => e.id === 'users'));
    expect(users).toEqual(ROLES.filter((role) => can(role, 'user:invite')));
    expect(users).toEqual(['district_admin']);
    const districts = ROLES.filter((role) => menuFor(role).some((e) => e.id === 'districts'));
    expect(districts).toEqual(ROLES.filter((role) => can(role, 'district:create')));
  });

  it('gives every role a menu starting with the overview', () => {
    for (const role of ROLES) expect(MENU_BY_ROLE[role][0]).toBe('overview');
  });

  it('shows communities to roles that read them, not to the platform admin', () => {
    expect(menuFor('platform_admin').map((e) => e.id)).toEqual(['overview', 'districts']);
    expect(menuFor('community_reporter').map((e) => e.id)).toEqual([
      'overview',
      'reporting',
      'warnings',
      'communities',
    ]);
  });

  it('gives monthly reporting to the roles that file reports, and the review queue to those that review', () => {
    const filing = ROLES.filter((role) => menuFor(role).some((e) => e.id === 'reporting'));
    expect(filing).toEqual(ROLES.filter((role) => can(role, 'report:submit')));
    const reviewing = ROLES.filter((role) => menuFor(role).some((e) => e.id === 'review'));
    // the viewer reads the queue without acting on it
    expect(reviewing).toEqual(['district_admin', 'district_viewer']);
    // an operator's menu is trimmed to what it does here
    expect(menuFor('partner_operator').map((e) => e.id)).toEqual([
      'overview',
      'reporting',
      'pledges',
      'warnings',
      'kpis',
      'apiTokens',
    ]);
  });

  it('shows the KPI cockpit exactly to the roles the domain lets read KPIs', () => {
    const withCockpit = ROLES.filter((role) => menuFor(role).some((e) => e.id === 'kpis'));
    expect(withCockpit).toEqual(ROLES.filter((role) => can(role, 'kpi:read')));
    expect(withCockpit).toEqual(['district_admin', 'district_viewer', 'community_admin', 'partner_operator']);
  });

  it('shows warnings to the roles that read them and the audit log to the roles that may read it', () => {
    const warnings = ROLES.filter((role) => menuFor(role).some((e) => e.id === 'warnings'));
    expect(warnings).toEqual(ROLES.filter((role) => can(role, 'warning:read')));
    const audit = ROLES.filter((role) => menuFor(role).some((e) => e.id === 'audit'));
    expect(audit).toEqual(ROLES.filter((role) => can(role, 'audit:read')));
    expect(audit).toEqual(['district_admin', 'district_viewer', 'community_admin']);
  });

  it('shows the yearly targets to the district’s roles (its admins set them, its viewers read them)', () => {
    const withTargets = ROLES.filter((role) => menuFor(role).some((e) => e.id === 'kpiTargets'));
    expect(withTargets).toEqual(['district_admin', 'district_viewer']);
    // under the cockpit's path, the targets page is its own entry
    expect(selectedMenuEntry('/kpis/targets', ['kpis', 'kpiTargets'])).toBe('kpiTargets');
    expect(selectedMenuEntry('/kpis', ['kpis', 'kpiTargets'])).toBe('kpis');
  });

  it('selects the entry whose path is the longest prefix', () => {
    const ids = ['overview', 'communities'] as const;
    expect(selectedMenuEntry('/', ids)).toBe('overview');
    expect(selectedMenuEntry('/communities/abc', ids)).toBe('communities');
    expect(selectedMenuEntry('/communities-x', ids)).toBeUndefined();
  });

  it('names the workplace as where a role reaches a section its menu does not list, and nothing otherwise', () => {
    // an operator partner opens its agreements from its workplace: the register is not in its menu
    expect(reachedFrom('/register', 'partner_operator')).toBe('overview');
    expect(reachedFrom('/register/agreements', 'partner_operator')).toBe('overview');
    // the district's and the community's roles have the register in their menus
    for (const role of ['district_admin', 'district_viewer', 'community_admin'] as const)
      expect(reachedFrom('/register/agreements', role)).toBeUndefined();
    // the year's targets are under the cockpit the partner has
    expect(reachedFrom('/kpis/targets', 'partner_operator')).toBeUndefined();
    // a page under no menu entry: one's own account
    expect(reachedFrom('/account', 'partner_operator')).toBeUndefined();
    expect(reachedFrom('/register', undefined)).toBeUndefined();
  });
});
