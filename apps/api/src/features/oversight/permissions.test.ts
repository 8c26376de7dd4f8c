import { ROLES } from '@gongfu/domain';
import { describe, expect, it } from 'vitest';
import { canOversee } from './permissions';

describe('oversight permissions', () => {
  it.each([
    ['district_admin', 'warning:refresh', true],
    ['district_admin', 'warning:assign', true],
    ['district_admin', 'warning:resolve', true],
    ['district_viewer', 'warning:read', true],
    ['district_viewer', 'warning:refresh', false],
    ['district_viewer', 'warning:resolve', false],
    ['district_viewer', 'audit:read', true],
    ['community_admin', 'warning:resolve', true],
    ['community_admin', 'warning:assign', false],
    ['community_admin', 'audit:read', true],
    ['community_reporter', 'warning:read', true],
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
  });
});
