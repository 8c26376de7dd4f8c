import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, sphereOf } from './permissions';
import { ROLES } from './roles';
import {
  DISTRICT_GRANTABLE_ROLES,
  isGrantableRole,
  leavesNoAdmin,
  membershipShapeProblems,
  USER_ACTION_PERMISSION,
} from './user-admin';

const ACCOUNT_ACTIONS = Object.values(USER_ACTION_PERMISSION);

describe('who administers users', () => {
  it('only the district admin invites, disables, re-enables, resets and changes memberships', () => {
    for (const action of ACCOUNT_ACTIONS) {
      expect(
        ROLES.filter((role) => can(role, action)),
        action,
      ).toEqual(
        // the platform appoints a district's first admins (its membership actions), and touches no account
        action === 'membership:create' || action === 'membership:update'
          ? ['platform_admin', 'district_admin']
          : ['district_admin'],
      );
    }
  });

  it('the account actions are district-level things, never books or review', () => {
    for (const action of ACCOUNT_ACTIONS) expect(sphereOf(action), action).toBe('district');
  });

  it('the district viewer does not even list users', () => {
    expect(can('district_viewer', 'membership:read')).toBe(false);
    expect(PERMISSIONS.district_viewer.some((a) => a.startsWith('user:'))).toBe(false);
  });

  it('a district grants every role but the platform’s', () => {
    expect(DISTRICT_GRANTABLE_ROLES).toEqual([
      'district_admin',
      'district_viewer',
      'community_admin',
      'community_reporter',
      'partner_operator',
    ]);
    expect(isGrantableRole('platform_admin')).toBe(false);
    expect(isGrantableRole('community_admin')).toBe(true);
    expect(isGrantableRole('root')).toBe(false);
  });
});

describe('membership shape', () => {
  it('a community role needs a community and no partner', () => {
    expect(membershipShapeProblems({ role: 'community_reporter' })).toEqual([
      { field: 'communityId', problem: 'required' },
    ]);
    expect(membershipShapeProblems({ role: 'community_admin', communityId: 'c', partnerId: 'p' })).toEqual([
      { field: 'partnerId', problem: 'not_allowed' },
    ]);
    expect(membershipShapeProblems({ role: 'community_admin', communityId: 'c' })).toEqual([]);
  });

  it('a partner role needs a partner and no community; district roles neither', () => {
    expect(membershipShapeProblems({ role: 'partner_operator', communityId: 'c' })).toEqual([
      { field: 'communityId', problem: 'not_allowed' },
      { field: 'partnerId', problem: 'required' },
    ]);
    expect(membershipShapeProblems({ role: 'partner_operator', partnerId: 'p' })).toEqual([]);
    expect(membershipShapeProblems({ role: 'district_viewer', communityId: null, partnerId: null })).toEqual(
      [],
    );
    expect(membershipShapeProblems({ role: 'district_admin', partnerId: 'p' })).toEqual([
      { field: 'partnerId', problem: 'not_allowed' },
    ]);
  });
});

describe('the last admin', () => {
  it('keeps at least one active admin', () => {
    expect(leavesNoAdmin(['a'], 'a')).toBe(true);
    expect(leavesNoAdmin(['a', 'b'], 'a')).toBe(false);
    expect(leavesNoAdmin(['a', 'a'], 'a')).toBe(true);
    expect(leavesNoAdmin(['a'], 'b')).toBe(false);
    expect(leavesNoAdmin([], 'b')).toBe(true);
  });
});
