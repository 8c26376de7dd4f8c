import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type Action,
  can,
  canOn,
  checkOn,
  isReadAction,
  PERMISSIONS,
  type PermissionTarget,
  sphereOf,
} from './permissions';
import { ROLES, type Role } from './roles';
import { type Scope, scopeOf } from './scope';

const scopes: Record<Role, Scope> = {
  platform_admin: scopeOf('u-platform', {
    id: 'm0',
    role: 'platform_admin',
    districtId: null,
    communityId: null,
    partnerId: null,
  }),
  district_admin: scopeOf('u-dadmin', {
    id: 'm1',
    role: 'district_admin',
    districtId: 'D1',
    communityId: null,
    partnerId: null,
  }),
  district_viewer: scopeOf('u-viewer', {
    id: 'm2',
    role: 'district_viewer',
    districtId: 'D1',
    communityId: null,
    partnerId: null,
  }),
  community_admin: scopeOf('u-cadmin', {
    id: 'm3',
    role: 'community_admin',
    districtId: 'D1',
    communityId: 'C1',
    partnerId: null,
  }),
  community_reporter: scopeOf('u-reporter', {
    id: 'm4',
    role: 'community_reporter',
    districtId: 'D1',
    communityId: 'C1',
    partnerId: null,
  }),
  partner_operator: scopeOf('u-operator', {
    id: 'm5',
    role: 'partner_operator',
    districtId: 'D1',
    communityId: null,
    partnerId: 'P1',
  }),
};

// A venture / report in community C1 operated by partner P1, and its look-alikes elsewhere.
const own: PermissionTarget = { districtId: 'D1', communityId: 'C1', partnerIds: ['P1'] };
const otherCommunityOperatedByP1: PermissionTarget = {
  districtId: 'D1',
  communityId: 'C2',
  partnerIds: ['P1'],
};
const otherCommunity: PermissionTarget = { districtId: 'D1', communityId: 'C2', partnerIds: ['P2'] };
const ownCommunityNotOperated: PermissionTarget = { districtId: 'D1', communityId: 'C1', partnerIds: ['P2'] };
const otherDistrict: PermissionTarget = { districtId: 'D2', communityId: 'C9', partnerIds: ['P1'] };
const districtLevel: PermissionTarget = { districtId: 'D1', communityId: null };
const partnerP1: PermissionTarget = { districtId: 'D1', communityId: null, partnerIds: ['P1'] };

describe('role table', () => {
  it('keeps the scaffold’s answers', () => {
    expect(can('district_admin', 'community:create')).toBe(true);
    expect(can('district_admin', 'community:update')).toBe(true);
    expect(can('community_admin', 'community:update')).toBe(true);
    expect(can('community_reporter', 'community:create')).toBe(false);
    expect(can('platform_admin', 'district:create')).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'platform_admin'))
      expect(can(role, 'community:read')).toBe(true);
    expect(can('platform_admin', 'community:read')).toBe(false);
  });

  it('lists only known actions, each once', () => {
    for (const role of ROLES) {
      expect(PERMISSIONS[role].every((a) => (ACTIONS as readonly string[]).includes(a))).toBe(true);
      expect(new Set(PERMISSIONS[role]).size).toBe(PERMISSIONS[role].length);
    }
  });

  it('district_viewer is read-only and sees what the district admin sees', () => {
    expect(PERMISSIONS.district_viewer.length).toBeGreaterThan(15);
    expect(PERMISSIONS.district_viewer.every(isReadAction)).toBe(true);
    for (const action of PERMISSIONS.district_admin.filter(isReadAction)) {
      if (action !== 'membership:read') expect(can('district_viewer', action), action).toBe(true);
    }
  });

  it('platform_admin touches no business data', () => {
    expect(
      PERMISSIONS.platform_admin.every((a) => a.startsWith('district:') || a.startsWith('membership:')),
    ).toBe(true);
  });

  it('only district admins review reports; nobody but them approves', () => {
    for (const action of ['report:approve', 'report:return', 'report:lock'] as const) {
      expect(ROLES.filter((role) => can(role, action))).toEqual(['district_admin']);
    }
    expect(ROLES.filter((role) => can(role, 'report:submit'))).toEqual([
      'community_admin',
      'community_reporter',
      'partner_operator',
    ]);
  });

  it('money leaves a fund only through a proposal payout, which only the community runs', () => {
    expect(ROLES.filter((role) => can(role, 'proposal:pay_out'))).toEqual(['community_admin']);
    // a correction of booked money is the community's own, like the booking
    expect(ROLES.filter((role) => can(role, 'ledger:reverse'))).toEqual(['community_admin']);
  });
});

describe('communities keep their own books', () => {
  const books = ACTIONS.filter((action) => sphereOf(action) === 'books');
  const districtRoles: Role[] = ['district_admin', 'district_viewer'];

  it('books are registers, reports, funds, ledger, proposals and pledges', () => {
    for (const action of [
      'asset:create',
      'company:update',
      'shareholding:update',
      'agreement:create',
      'venture:update',
      'report:submit',
      'fund:create',
      'ledger:record_inflow',
      'ledger:reverse',
      'proposal:create',
      'proposal:record_deliberation',
      'proposal:pay_out',
      'pledge:create',
      'pledge:update',
      'pledge:record_fulfilment',
    ] as const) {
      expect(sphereOf(action), action).toBe('books');
    }
    expect(books.every((action) => !isReadAction(action))).toBe(true);
  });

  it('no district role holds any books action', () => {
    for (const role of districtRoles) {
      expect(
        PERMISSIONS[role].filter((action) => books.includes(action)),
        role,
      ).toEqual([]);
    }
  });

  it('the district admin reads everything and acts only as reviewer and on district-level things', () => {
    for (const action of ACTIONS) {
      const sphere = sphereOf(action);
      expect(can('district_admin', action), `${action} (${sphere})`).toBe(
        sphere === 'read' || sphere === 'review' || sphere === 'district',
      );
    }
  });

  it('the books are written by the community’s roles, and by a partner operator only for its own acts', () => {
    for (const action of books) {
      expect(
        ROLES.filter((role) => can(role, action)).every((role) =>
          ['community_admin', 'community_reporter', 'partner_operator'].includes(role),
        ),
        action,
      ).toBe(true);
    }
    const partnerBooks = PERMISSIONS.partner_operator.filter((action) => books.includes(action));
    expect(partnerBooks.every((a) => a.startsWith('report:') || a.startsWith('pledge:'))).toBe(true);
    // the community admin keeps all of its funds, proposals and pledges
    for (const action of books.filter((a) => /^(fund|ledger|proposal|pledge):/.test(a))) {
      expect(can('community_admin', action), action).toBe(true);
    }
  });

  it('only the district reviews; a community admin may resolve a warning about its own books', () => {
    for (const action of ACTIONS.filter((a) => sphereOf(a) === 'review')) {
      const holders = ROLES.filter((role) => can(role, action));
      expect(holders, action).toEqual(
        action === 'warning:resolve' ? ['district_admin', 'community_admin'] : ['district_admin'],
      );
    }
  });

  it('community and partner roles write nothing district-level but their own community’s entry', () => {
    for (const role of ['community_admin', 'community_reporter', 'partner_operator'] as const) {
      const districtWrites = PERMISSIONS[role].filter((a) => sphereOf(a) === 'district');
      expect(districtWrites, role).toEqual(role === 'community_admin' ? ['community:update'] : []);
    }
  });

  it('the district admin is out of reach of a community’s books: a role refusal (403), not a 404', () => {
    expect(checkOn(scopes.district_admin, 'proposal:pay_out', own)).toEqual({
      allowed: false,
      reason: 'role',
    });
    expect(canOn(scopes.district_admin, 'proposal:read', own)).toBe(true);
    expect(canOn(scopes.community_admin, 'ledger:reverse', own)).toBe(true);
    expect(canOn(scopes.community_admin, 'ledger:reverse', otherCommunity)).toBe(false);
  });
});

describe('canOn: reach', () => {
  type Case = [Role, Action, PermissionTarget, string, boolean];
  const cases: Case[] = [
    ['district_admin', 'report:approve', own, 'own district', true],
    ['district_admin', 'report:approve', otherCommunity, 'any community of the district', true],
    ['district_admin', 'report:approve', otherDistrict, 'another district', false],
    ['district_admin', 'partner:create', districtLevel, 'district-level write', true],
    ['district_viewer', 'report:read', otherCommunity, 'reads the whole district', true],
    ['district_viewer', 'report:read', otherDistrict, 'not another district', false],
    ['district_viewer', 'report:approve', own, 'never writes', false],
    ['community_admin', 'venture:update', own, 'own community', true],
    ['community_admin', 'venture:update', otherCommunity, 'not another community', false],
    [
      'community_admin',
      'venture:read',
      otherCommunityOperatedByP1,
      'not another community even to read',
      false,
    ],
    ['community_admin', 'partner:read', districtLevel, 'reads district-level rows', true],
    ['community_admin', 'community:update', districtLevel, 'cannot write district-level rows', false],
    ['community_admin', 'report:approve', own, 'never approves', false],
    ['community_reporter', 'report:submit', own, 'own community', true],
    ['community_reporter', 'report:submit', otherCommunity, 'not another community', false],
    ['community_reporter', 'report:submit', otherDistrict, 'not another district', false],
    ['community_reporter', 'report:approve', own, 'never approves', false],
    ['partner_operator', 'report:submit', own, 'a venture it operates', true],
    [
      'partner_operator',
      'venture:read',
      otherCommunityOperatedByP1,
      'in any community where it operates',
      true,
    ],
    ['partner_operator', 'venture:read', ownCommunityNotOperated, 'not a venture it does not operate', false],
    ['partner_operator', 'venture:read', otherDistrict, 'not in another district', false],
    ['partner_operator', 'partner:read', partnerP1, 'its own partner record', true],
    ['partner_operator', 'partner:read', districtLevel, 'not other district-level rows', false],
    [
      'partner_operator',
      'pledge:record_fulfilment',
      { ...own, partnerIds: ['P1'] },
      'its own give-back',
      true,
    ],
    [
      'partner_operator',
      'pledge:record_fulfilment',
      ownCommunityNotOperated,
      'not another partner’s pledge',
      false,
    ],
    ['platform_admin', 'district:create', otherDistrict, 'any district', true],
    ['platform_admin', 'report:read', own, 'no business data', false],
    ['platform_admin', 'fund:read', own, 'no business data', false],
  ];

  it.each(cases)('%s %s on %j (%s) → %s', (role, action, target, _why, allowed) => {
    expect(canOn(scopes[role], action, target)).toBe(allowed);
  });

  it('says why: role (403) versus out of reach (404)', () => {
    expect(checkOn(scopes.district_viewer, 'report:approve', own)).toEqual({
      allowed: false,
      reason: 'role',
    });
    expect(checkOn(scopes.district_admin, 'report:read', otherDistrict)).toEqual({
      allowed: false,
      reason: 'district',
    });
    expect(checkOn(scopes.community_admin, 'report:read', otherCommunity)).toEqual({
      allowed: false,
      reason: 'community',
    });
    expect(checkOn(scopes.partner_operator, 'report:read', ownCommunityNotOperated)).toEqual({
      allowed: false,
      reason: 'partner',
    });
  });
});

describe('canOn: never reviewing one’s own report', () => {
  it('refuses approve and return by an author, allows another admin', () => {
    const report = { ...own, authorUserIds: ['u-dadmin'] };
    expect(checkOn(scopes.district_admin, 'report:approve', report)).toEqual({
      allowed: false,
      reason: 'self_review',
    });
    expect(checkOn(scopes.district_admin, 'report:return', report)).toEqual({
      allowed: false,
      reason: 'self_review',
    });
    expect(canOn(scopes.district_admin, 'report:read', report)).toBe(true);
    expect(canOn(scopes.district_admin, 'report:approve', { ...own, authorUserIds: ['u-reporter'] })).toBe(
      true,
    );
  });
});

describe('canOn: properties', () => {
  const idArb = fc.constantFrom('D1', 'D2', 'C1', 'C2', 'P1', 'P2', 'u-dadmin');
  const targetArb = fc.record({
    districtId: fc.constantFrom('D1', 'D2'),
    communityId: fc.option(fc.constantFrom('C1', 'C2'), { nil: null }),
    partnerIds: fc.array(idArb, { maxLength: 3 }),
    authorUserIds: fc.array(idArb, { maxLength: 2 }),
  });

  it('never allows what the role table forbids, nor anything outside the actor’s district', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom(...ACTIONS),
        targetArb,
        (role, action, target) => {
          const scope = scopes[role];
          if (!canOn(scope, action, target)) return;
          expect(can(role, action)).toBe(true);
          if (scope.kind !== 'platform') expect(target.districtId).toBe(scope.districtId);
          if (scope.kind === 'community' && target.communityId !== null)
            expect(target.communityId).toBe(scope.communityId);
          if (scope.kind === 'community' && target.communityId === null)
            expect(isReadAction(action)).toBe(true);
          if (scope.kind === 'partner') expect(target.partnerIds).toContain(scope.partnerId);
        },
      ),
    );
  });
});
