import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { withTenantTransaction } from '../tenant';
import { deterministicId as id } from './deterministic-id';

export const DEMO_PASSWORD = 'gongfu-demo-2026';

/** The demo accounts, as the README lists them. */
export const DEMO_ACCOUNTS = [
  { email: 'platform@gongfu.demo', name: '平台运营', role: 'platform_admin' },
  { email: 'admin@dongqu.demo', name: '东区社区经济办 管理员', role: 'district_admin' },
  { email: 'viewer@dongqu.demo', name: '东区社区经济办 查看员', role: 'district_viewer' },
  {
    email: 'wangjiangjie@dongqu.demo',
    name: '望江街社区 丁香',
    role: 'community_admin',
    community: 'wangjiangjie',
  },
  { email: 'jinhui@dongqu.demo', name: '金汇社区 白诚云', role: 'community_admin', community: 'jinhui' },
  { email: 'dukou@dongqu.demo', name: '渡口社区 熊昌文', role: 'community_admin', community: 'dukou' },
  {
    email: 'reporter@jinhui.demo',
    name: '德汇社区服务公司 填报员',
    role: 'community_reporter',
    community: 'jinhui',
  },
  { email: 'soe@dongqu.demo', name: '区属国企 运营专员', role: 'partner_operator', partner: 'soe' },
  { email: 'admin@xiqu.demo', name: '西区社区经济办 管理员', role: 'district_admin', district: 'xiqu' },
  { email: 'geliping@xiqu.demo', name: '格里坪社区 管理员', role: 'community_admin', district: 'xiqu' },
] as const;

export const DEMO_IDS = {
  platformUser: id('user:platform@gongfu.demo'),
  dongqu: id('district:dongqu'),
  xiqu: id('district:xiqu'),
  wangjiangjie: id('community:wangjiangjie'),
  jinhui: id('community:jinhui'),
  dukou: id('community:dukou'),
  xiquCommunity: id('community:xiqu-geliping'),
  soe: id('partner:soe'),
  tusStar: id('partner:tus-star'),
  autoAssociation: id('partner:auto-association'),
} as const;

const userId = (email: string) => id(`user:${email}`);

/**
 * Creates the demo district (攀枝花市东区, the source page's three communities) and a second district
 * with one community, through the same row-level security as every request: platform scope for the
 * districts and their first admins, district scope for everything inside. Idempotent: a second run
 * finds the district and does nothing.
 */
export async function seedDemo(
  db: Kysely<Database>,
  options: { hashPassword: (plain: string) => Promise<string> },
): Promise<{ created: boolean }> {
  const platform = { kind: 'platform', userId: DEMO_IDS.platformUser } as const;
  const exists = await withTenantTransaction(db, platform, (trx) =>
    trx
      .selectFrom('districts')
      .select('district_id')
      .where('district_id', '=', DEMO_IDS.dongqu)
      .executeTakeFirst(),
  );
  if (exists) return { created: false };

  const passwordHash = await options.hashPassword(DEMO_PASSWORD);

  await withTenantTransaction(db, platform, async (trx) => {
    await trx
      .insertInto('districts')
      .values([
        { district_id: DEMO_IDS.dongqu, name: '攀枝花市东区', admin_code: '510402' },
        { district_id: DEMO_IDS.xiqu, name: '攀枝花市西区', admin_code: '510403' },
      ])
      .execute();
    await trx
      .insertInto('users')
      .values(
        DEMO_ACCOUNTS.map((a) => ({
          user_id: userId(a.email),
          email: a.email,
          display_name: a.name,
          password_hash: passwordHash,
        })),
      )
      .execute();
    await trx.insertInto('platform_admins').values({ user_id: DEMO_IDS.platformUser }).execute();
  });

  const dongqu = {
    kind: 'district',
    userId: userId('admin@dongqu.demo'),
    districtId: DEMO_IDS.dongqu,
  } as const;
  await withTenantTransaction(db, dongqu, async (trx) => {
    const bingcaogang = id('street:dongqu-bingcaogang');
    const dadukou = id('street:dongqu-dadukou');
    await trx
      .insertInto('street_offices')
      .values([
        {
          district_id: DEMO_IDS.dongqu,
          street_office_id: bingcaogang,
          name: '炳草岗街道',
          admin_code: '510402001',
        },
        {
          district_id: DEMO_IDS.dongqu,
          street_office_id: dadukou,
          name: '大渡口街道',
          admin_code: '510402002',
        },
      ])
      .execute();
    await trx
      .insertInto('communities')
      .values([
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.wangjiangjie,
          street_office_id: bingcaogang,
          name: '望江街社区',
          admin_code: '510402001001',
          kind: 'urban',
          founded_on: '2002-03-01',
          population: 8600,
          households: 3200,
          households_with_seniors: 1150,
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.jinhui,
          street_office_id: bingcaogang,
          name: '金汇社区',
          admin_code: '510402001002',
          kind: 'urban',
          founded_on: '2020-05-01',
          population: 12400,
          households: 4700,
          households_with_seniors: 980,
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.dukou,
          street_office_id: dadukou,
          name: '渡口社区',
          admin_code: '510402002001',
          kind: 'converted_from_rural',
          converted_year: 2020,
          founded_on: '2020-09-01',
          population: 6900,
          households: 2500,
          households_with_seniors: 870,
        },
      ])
      .execute();
    await trx
      .insertInto('partners')
      .values([
        {
          district_id: DEMO_IDS.dongqu,
          partner_id: DEMO_IDS.soe,
          name: '东区国有资产经营公司（区属国企）',
          kind: 'soe',
        },
        {
          district_id: DEMO_IDS.dongqu,
          partner_id: DEMO_IDS.tusStar,
          name: '启迪之星孵化器',
          kind: 'incubator',
        },
        {
          district_id: DEMO_IDS.dongqu,
          partner_id: DEMO_IDS.autoAssociation,
          name: '攀西汽车服务产业协会',
          kind: 'association',
        },
      ])
      .execute();
    await trx
      .insertInto('ventures')
      .values([
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.jinhui,
          venture_id: id('venture:jinhui-tidal-market'),
          name: '金汇潮汐市场',
          category: 'tidal_market',
          operator_partner_id: DEMO_IDS.soe,
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.wangjiangjie,
          venture_id: id('venture:wangjiangjie-reading-room'),
          name: '拾光书屋',
          category: 'reading_room',
          operator_partner_id: null,
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.wangjiangjie,
          venture_id: id('venture:wangjiangjie-service-station'),
          name: '老王 + 服务驿站',
          category: 'service_station',
          operator_partner_id: null,
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.dukou,
          venture_id: id('venture:dukou-help-desk'),
          name: '帮办服务站',
          category: 'help_desk',
          operator_partner_id: DEMO_IDS.autoAssociation,
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.dukou,
          venture_id: id('venture:dukou-micro-park'),
          name: '汽车产业微创园',
          category: 'micro_innovation_park',
          operator_partner_id: DEMO_IDS.autoAssociation,
        },
      ])
      .execute();
  });

  // the first district admins are appointed by the platform; the rest by their district admin
  await withTenantTransaction(db, platform, async (trx) => {
    await trx
      .insertInto('memberships')
      .values([
        { district_id: DEMO_IDS.dongqu, user_id: userId('admin@dongqu.demo'), role: 'district_admin' },
        { district_id: DEMO_IDS.xiqu, user_id: userId('admin@xiqu.demo'), role: 'district_admin' },
      ])
      .execute();
  });
  await withTenantTransaction(db, dongqu, async (trx) => {
    const communityOf = {
      wangjiangjie: DEMO_IDS.wangjiangjie,
      jinhui: DEMO_IDS.jinhui,
      dukou: DEMO_IDS.dukou,
    };
    await trx
      .insertInto('memberships')
      .values(
        DEMO_ACCOUNTS.filter(
          (a) => a.role !== 'platform_admin' && a.email !== 'admin@dongqu.demo' && !('district' in a),
        ).map((a) => ({
          district_id: DEMO_IDS.dongqu,
          user_id: userId(a.email),
          role: a.role,
          community_id: 'community' in a ? communityOf[a.community] : null,
          partner_id: 'partner' in a ? DEMO_IDS.soe : null,
        })),
      )
      .execute();
  });

  const xiqu = { kind: 'district', userId: userId('admin@xiqu.demo'), districtId: DEMO_IDS.xiqu } as const;
  await withTenantTransaction(db, xiqu, async (trx) => {
    const street = id('street:xiqu-qingxiangping');
    await trx
      .insertInto('street_offices')
      .values({
        district_id: DEMO_IDS.xiqu,
        street_office_id: street,
        name: '清香坪街道',
        admin_code: '510403001',
      })
      .execute();
    await trx
      .insertInto('communities')
      .values({
        district_id: DEMO_IDS.xiqu,
        community_id: DEMO_IDS.xiquCommunity,
        street_office_id: street,
        name: '格里坪社区',
        admin_code: '510403001001',
        kind: 'urban',
        population: 5100,
        households: 1900,
      })
      .execute();
    const xiquPartner = id('partner:xiqu-social-org');
    await trx
      .insertInto('partners')
      .values({
        district_id: DEMO_IDS.xiqu,
        partner_id: xiquPartner,
        name: '西区社工服务中心',
        kind: 'social_org',
      })
      .execute();
    await trx
      .insertInto('ventures')
      .values({
        district_id: DEMO_IDS.xiqu,
        community_id: DEMO_IDS.xiquCommunity,
        venture_id: id('venture:xiqu-canteen'),
        name: '格里坪长者食堂',
        category: 'elderly_canteen',
        operator_partner_id: xiquPartner,
      })
      .execute();
    await trx
      .insertInto('memberships')
      .values({
        district_id: DEMO_IDS.xiqu,
        user_id: userId('geliping@xiqu.demo'),
        role: 'community_admin',
        community_id: DEMO_IDS.xiquCommunity,
      })
      .execute();
  });
  return { created: true };
}
