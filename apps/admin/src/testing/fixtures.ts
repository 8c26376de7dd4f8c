import type { Community, Me, Membership } from '@gongfu/contract';
import type { Role } from '@gongfu/domain';

export const DISTRICT_ID = '11111111-1111-4111-8111-111111111111';
export const STREET_OFFICE_ID = '22222222-2222-4222-8222-222222222222';

export const WANGJIANGJIE: Community = {
  id: '33333333-3333-4333-8333-000000000001',
  districtId: DISTRICT_ID,
  streetOfficeId: STREET_OFFICE_ID,
  streetOfficeName: '炳草岗街道',
  name: '望江街社区',
  adminCode: '510402001001',
  kind: 'urban',
  convertedYear: null,
  foundedOn: '2001-06-01',
  population: 12850,
  households: 4620,
  householdsWithSeniors: 1380,
  responsibleOrg: null,
  feedbackChannel: null,
  createdAt: '2026-01-05T02:00:00.000Z',
};

export const JINHUI: Community = {
  ...WANGJIANGJIE,
  id: '33333333-3333-4333-8333-000000000002',
  name: '金汇社区',
  adminCode: '510402001002',
  kind: 'converted_from_rural',
  convertedYear: 2012,
  foundedOn: '2012-09-01',
  population: 8930,
  households: 3105,
  householdsWithSeniors: 940,
};

export const DUKOU: Community = {
  ...WANGJIANGJIE,
  id: '33333333-3333-4333-8333-000000000003',
  name: '渡口社区',
  adminCode: '510402001003',
  population: 10420,
  households: 3870,
  householdsWithSeniors: 1210,
};

export const COMMUNITIES: Community[] = [WANGJIANGJIE, JINHUI, DUKOU];

export function membership(role: Role, community?: Community): Membership {
  const platform = role === 'platform_admin';
  return {
    id: `44444444-4444-4444-8444-${role.length.toString().padStart(12, '0')}`,
    role,
    districtId: platform ? null : DISTRICT_ID,
    districtName: platform ? null : '东区',
    communityId: community?.id ?? null,
    communityName: community?.name ?? null,
    partnerId: null,
    partnerName: null,
  };
}

export function meAs(role: Role, community?: Community): Me {
  const m = membership(role, community);
  return {
    user: {
      id: '55555555-5555-4555-8555-555555555555',
      email: 'admin@dongqu.demo',
      displayName: role === 'district_admin' ? '东区管理员' : '测试用户',
      locale: 'zh-CN',
      mustChangePassword: false,
    },
    memberships: [m],
    activeMembershipId: m.id,
  };
}
