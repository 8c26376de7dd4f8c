import { describe, expect, it } from 'vitest';
import { menuFor, menuItems } from './menu-config';

const keys = (role: Parameters<typeof menuFor>[0]) =>
  menuItems(menuFor(role), (key) => key).map((item) =>
    item.children ? `${item.key}[${item.children.map((c) => c.key).join(',')}]` : item.key,
  );

describe('menu groups', () => {
  it('gathers the district administration (users, settings, KPI targets, distribution rules, API tokens) under one heading', () => {
    const admin = keys('district_admin');
    expect(admin).toContain('group:administration[users,settings,kpiTargets,distributionRules,apiTokens]');
    expect(admin).not.toContain('apiTokens');
    expect(admin).not.toContain('settings');
    // the yearly targets are a district setting, not a page of the cockpit's
    expect(admin).not.toContain('kpiTargets');
    // viewers read the settings, the targets and the rules
    expect(keys('district_viewer')).toContain('group:administration[settings,kpiTargets,distributionRules]');
  });

  it('a role with one entry of a group sees it alone; partners and reporters see no settings', () => {
    // a community admin keeps its rules and its API tokens under the same heading
    expect(keys('community_admin')).toContain('group:administration[distributionRules,apiTokens]');
    // a partner operator has its tokens alone
    expect(keys('partner_operator')).toContain('apiTokens');
    expect(keys('partner_operator').some((k) => k.startsWith('group:'))).toBe(false);
    for (const role of ['community_reporter', 'partner_operator'] as const) {
      expect(keys(role).some((k) => k.includes('settings') || k.includes('distributionRules'))).toBe(false);
    }
  });
});
