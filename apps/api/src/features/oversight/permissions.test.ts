import { ROLES } from '@gongfu/domain';
import { describe, expect, it } from 'vitest';
import { canOversee, OVERSIGHT_ACTIONS, OVERSIGHT_PERMISSIONS } from './permissions';

describe('oversight permissions', () => {
  it('covers every role', () => {
    expect(Object.keys(OVERSIGHT_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });

  it.each([
    ['district_admin', 'warning:refresh', true],
    ['district_admin', 'warning:assign', true],
    ['district_viewer', 'warning:refresh', false],
    ['district_viewer', 'warning:resolve', false],
    ['community_admin', 'warning:resolve', true],
    ['community_admin', 'warning:assign', false],
    ['community_reporter', 'warning:resolve', false],
    ['partner_operator', 'warning:read', true],
    ['partner_operator', 'audit:read', false],
    ['platform_admin', 'warning:read', false],
    ['platform_admin', 'audit:read', false],
  ] as const)('%s %s → %s', (role, action, allowed) => {
    expect(canOversee(role, action)).toBe(allowed);
  });

  it('only district admins refresh and assign', () => {
    for (const action of ['warning:refresh', 'warning:assign'] as const) {
      expect(ROLES.filter((r) => canOversee(r, action))).toEqual(['district_admin']);
    }
    expect(OVERSIGHT_ACTIONS).toHaveLength(5);
  });
});
