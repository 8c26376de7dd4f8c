import { ROLES } from '@gongfu/domain';
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

  it('selects the entry whose path is the longest prefix', () => {
    const ids = ['overview', 'communities'] as const;
    expect(selectedMenuEntry('/', ids)).toBe('overview');
    expect(selectedMenuEntry('/communities/abc', ids)).toBe('communities');
    expect(selectedMenuEntry('/communities-x', ids)).toBeUndefined();
  });
});
