import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { type ScopedTransaction, withTenantTransaction } from '../tenant';
import { deterministicId as id } from './deterministic-id';
import { stableCreditCode } from './history-kit';

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
  // the source page's stories, as register rows (see seedDemo) and history (see seedDemoHistory)
  tidalMarket: id('venture:jinhui-tidal-market'),
  readingRoom: id('venture:wangjiangjie-reading-room'),
  serviceStation: id('venture:wangjiangjie-service-station'),
  elderlyCanteen: id('venture:wangjiangjie-elderly-canteen'),
  helpDesk: id('venture:dukou-help-desk'),
  microPark: id('venture:dukou-micro-park'),
  dehuiCompany: id('company:jinhui-dehui'),
  dukouCompany: id('company:dukou-development'),
  marketSite: id('asset:jinhui-market-site'),
  marketSiteAppraisal: id('appraisal:jinhui-market-site'),
  tidalMarketAgreement: id('agreement:jinhui-tidal-market-soe'),
  microParkAgreement: id('agreement:dukou-micro-park-association'),
  helpDeskAgreement: id('agreement:dukou-help-desk-association'),
  dukouShunda: id('partner:dukou-shunda'),
  dukouPartsCity: id('partner:dukou-parts-city'),
  dukouUsedCars: id('partner:dukou-used-cars'),
  dukouRepair: id('partner:dukou-repair'),
} as const;

/** ¥20,000 a month: the tidal market's guaranteed minimum remittance to 金汇社区 ("每月约 2 万元"). */
export const TIDAL_MARKET_MIN_REMITTANCE_FEN = 2_000_000;

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
          // the district that administers the account; a platform admin belongs to none
          home_district_id:
            a.role === 'platform_admin' ? null : 'district' in a ? DEMO_IDS.xiqu : DEMO_IDS.dongqu,
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
          responsible_org: '望江街社区居民委员会',
          feedback_channel: '监督电话 0812-0000101；地址 东区炳草岗街道望江街社区党群服务中心',
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
          responsible_org: '金汇社区居民委员会',
          feedback_channel: '监督电话 0812-0000102；地址 东区炳草岗街道金汇社区党群服务中心',
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
          responsible_org: '渡口社区居民委员会',
          feedback_channel: '监督电话 0812-0000103；地址 东区大渡口街道渡口社区党群服务中心',
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
          credit_code: stableCreditCode('partner:soe'),
        },
        {
          district_id: DEMO_IDS.dongqu,
          partner_id: DEMO_IDS.tusStar,
          name: '启迪之星孵化器',
          kind: 'incubator',
          credit_code: stableCreditCode('partner:tus-star'),
        },
        {
          district_id: DEMO_IDS.dongqu,
          partner_id: DEMO_IDS.autoAssociation,
          name: '攀西汽车服务产业协会',
          kind: 'association',
          // 5 = registered by civil affairs, 1 = a social group (社会团体)
          credit_code: stableCreditCode('partner:auto-association', '51510402'),
          contact_name: '熊昌文',
        },
        // the enterprises of the auto-industry cluster that give back to 渡口社区
        ...(
          [
            [DEMO_IDS.dukouShunda, '攀枝花市顺达汽车销售服务有限公司', '91510402'],
            [DEMO_IDS.dukouPartsCity, '攀西汽配城经营管理有限公司', '91510402'],
            [DEMO_IDS.dukouUsedCars, '东区朝福二手车行', '92510402'],
            [DEMO_IDS.dukouRepair, '攀枝花市渡口汽车维修服务有限公司', '91510402'],
          ] as const
        ).map(([partnerId, name, prefix]) => ({
          district_id: DEMO_IDS.dongqu,
          partner_id: partnerId,
          name,
          kind: 'enterprise',
          credit_code: stableCreditCode(partnerId, prefix),
        })),
      ])
      .execute();
    await seedStoryRegister(trx);
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
          company_id: DEMO_IDS.dehuiCompany,
          price_tier: 'market',
          premises_asset_id: DEMO_IDS.marketSite,
          started_on: '2025-06-01',
          created_at: '2025-05-20T02:00:00Z',
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.wangjiangjie,
          venture_id: id('venture:wangjiangjie-reading-room'),
          name: '拾光书屋',
          category: 'reading_room',
          operator_partner_id: null,
          price_tier: 'low_price',
          premises_asset_id: id('asset:wangjiangjie-reading-room'),
          started_on: '2023-05-01',
          created_at: '2023-04-20T02:00:00Z',
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.wangjiangjie,
          venture_id: id('venture:wangjiangjie-service-station'),
          name: '老王 + 服务驿站',
          category: 'service_station',
          operator_partner_id: null,
          price_tier: 'low_price',
          premises_asset_id: id('asset:wangjiangjie-service-station'),
          started_on: '2023-09-01',
          // "只需要给老王打个电话，10 分钟他就上门了"
          promised_response_minutes: 10,
          created_at: '2023-08-25T02:00:00Z',
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.dukou,
          venture_id: id('venture:dukou-help-desk'),
          name: '帮办服务站',
          category: 'help_desk',
          operator_partner_id: DEMO_IDS.autoAssociation,
          company_id: DEMO_IDS.dukouCompany,
          price_tier: 'public_welfare',
          premises_asset_id: id('asset:dukou-help-desk'),
          started_on: '2022-04-01',
          created_at: '2022-03-25T02:00:00Z',
        },
        {
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.dukou,
          venture_id: id('venture:dukou-micro-park'),
          name: '汽车产业微创园',
          category: 'micro_innovation_park',
          operator_partner_id: DEMO_IDS.autoAssociation,
          company_id: DEMO_IDS.dukouCompany,
          price_tier: 'market',
          premises_asset_id: id('asset:dukou-micro-park'),
          started_on: '2021-10-01',
          created_at: '2021-09-20T02:00:00Z',
        },
      ])
      .execute();
    await seedStoryAgreements(trx);
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

/**
 * The register side of the source page's stories (who owns what, who operates what), written in the
 * district scope before the ventures that point at it. Their months and money come in seedDemoHistory.
 */
async function seedStoryRegister(trx: ScopedTransaction): Promise<void> {
  const d = DEMO_IDS.dongqu;
  const asset = (
    communityId: string,
    key: string,
    fields: { kind: string; name: string; area: number; location: string; title: string; status: string },
  ) => ({
    district_id: d,
    community_id: communityId,
    asset_id: id(`asset:${key}`),
    kind: fields.kind,
    name: fields.name,
    area_m2: fields.area.toFixed(2),
    location: fields.location,
    title: fields.title,
    status: fields.status,
    created_at: '2024-06-01T02:00:00Z',
    updated_at: '2025-06-01T02:00:00Z',
  });
  await trx
    .insertInto('assets')
    .values([
      {
        ...asset(DEMO_IDS.jinhui, 'jinhui-market-site', {
          kind: 'plaza',
          name: '潮汐市场场地(金域阳光小区旁道路及广场)',
          area: 3200,
          location: '攀枝花市东区金汇社区金域阳光小区东侧',
          title: '社区集体使用权',
          status: 'equity_contributed',
        }),
        asset_id: DEMO_IDS.marketSite,
      },
      asset(DEMO_IDS.wangjiangjie, 'wangjiangjie-reading-room', {
        kind: 'premises',
        name: '拾光书屋用房',
        area: 220,
        location: '望江街社区党群服务中心二楼',
        title: '社区集体所有',
        status: 'self_used',
      }),
      asset(DEMO_IDS.wangjiangjie, 'wangjiangjie-service-station', {
        kind: 'premises',
        name: '"老王 + 服务驿站"服务亭',
        area: 24,
        location: '拾光书屋下方广场',
        title: '社区集体所有',
        status: 'self_used',
      }),
      asset(DEMO_IDS.wangjiangjie, 'wangjiangjie-canteen-premises', {
        kind: 'premises',
        name: '长者食堂预留用房',
        area: 260,
        location: '望江街社区党群服务中心一楼东侧',
        title: '社区集体所有',
        status: 'idle',
      }),
      asset(DEMO_IDS.dukou, 'dukou-micro-park', {
        kind: 'premises',
        name: '汽车产业微创园厂房',
        area: 2600,
        location: '攀西汽车产业集聚区渡口片区',
        title: '社区集体所有(村改居转制资产)',
        status: 'self_used',
      }),
      asset(DEMO_IDS.dukou, 'dukou-help-desk', {
        kind: 'premises',
        name: '帮办服务站用房',
        area: 120,
        location: '渡口社区党群服务中心一楼',
        title: '社区集体所有',
        status: 'self_used',
      }),
      asset(DEMO_IDS.dukou, 'dukou-common-prosperity-square', {
        kind: 'plaza',
        name: '共富广场(原口袋公园)',
        area: 3000,
        location: '渡口社区汽车城路口',
        title: '社区集体使用权',
        status: 'self_used',
      }),
    ])
    .execute();
  await trx
    .insertInto('asset_appraisals')
    .values({
      district_id: d,
      community_id: DEMO_IDS.jinhui,
      appraisal_id: DEMO_IDS.marketSiteAppraisal,
      asset_id: DEMO_IDS.marketSite,
      method: 'income',
      appraiser: '四川正信资产评估有限公司攀枝花分公司',
      appraised_on: '2025-03-05',
      value_fen: 60_000_000,
      created_at: '2025-03-06T02:00:00Z',
    })
    .execute();
  await trx
    .insertInto('companies')
    .values([
      {
        district_id: d,
        community_id: DEMO_IDS.jinhui,
        company_id: DEMO_IDS.dehuiCompany,
        legal_name: '攀枝花市德汇社区服务有限公司',
        credit_code: stableCreditCode('company:jinhui-dehui'),
        founded_on: '2025-03-18',
        operating_model: 'site_equity_professional_operation',
        registered_capital_fen: 100_000_000,
        created_at: '2025-03-20T02:00:00Z',
        updated_at: '2025-03-20T02:00:00Z',
      },
      {
        district_id: d,
        community_id: DEMO_IDS.dukou,
        company_id: DEMO_IDS.dukouCompany,
        legal_name: '攀枝花市渡口社区集体经济发展有限公司',
        credit_code: stableCreditCode('company:dukou-development'),
        founded_on: '2021-06-15',
        operating_model: 'association_cobuilt',
        registered_capital_fen: 200_000_000,
        created_at: '2021-06-20T02:00:00Z',
        updated_at: '2021-06-20T02:00:00Z',
      },
    ])
    .execute();
  // 场地入股 + 专业运营: the community's site (appraised) and the incubator's operation, 60 % / 40 %
  await trx
    .insertInto('shareholdings')
    .values([
      {
        district_id: d,
        community_id: DEMO_IDS.jinhui,
        shareholding_id: id('shareholding:jinhui-dehui:community'),
        company_id: DEMO_IDS.dehuiCompany,
        holder_kind: 'community',
        holder_partner_id: null,
        holder_name: '金汇社区',
        contribution_kind: 'site',
        asset_id: DEMO_IDS.marketSite,
        appraisal_id: DEMO_IDS.marketSiteAppraisal,
        subscribed_fen: 60_000_000,
        paid_in_fen: 60_000_000,
        share_bp: 6000,
        position: 0,
        created_at: '2025-03-20T02:00:00Z',
      },
      {
        district_id: d,
        community_id: DEMO_IDS.jinhui,
        shareholding_id: id('shareholding:jinhui-dehui:tus-star'),
        company_id: DEMO_IDS.dehuiCompany,
        holder_kind: 'partner',
        holder_partner_id: DEMO_IDS.tusStar,
        holder_name: '启迪之星孵化器',
        contribution_kind: 'operation_expertise',
        asset_id: null,
        appraisal_id: null,
        subscribed_fen: 40_000_000,
        paid_in_fen: 40_000_000,
        share_bp: 4000,
        position: 1,
        created_at: '2025-03-20T02:00:00Z',
      },
      {
        district_id: d,
        community_id: DEMO_IDS.dukou,
        shareholding_id: id('shareholding:dukou-development:community'),
        company_id: DEMO_IDS.dukouCompany,
        holder_kind: 'community',
        holder_partner_id: null,
        holder_name: '渡口社区',
        contribution_kind: 'cash',
        asset_id: null,
        appraisal_id: null,
        subscribed_fen: 200_000_000,
        paid_in_fen: 200_000_000,
        share_bp: 10_000,
        position: 0,
        created_at: '2021-06-20T02:00:00Z',
      },
    ])
    .execute();
}

/** Who operates the stories' ventures, on what terms. */
async function seedStoryAgreements(trx: ScopedTransaction): Promise<void> {
  const d = DEMO_IDS.dongqu;
  await trx
    .insertInto('operator_agreements')
    .values([
      {
        // "在区属国企支持下，社区公司正式接手潮汐市场运营" — June 2025
        district_id: d,
        community_id: DEMO_IDS.jinhui,
        agreement_id: DEMO_IDS.tidalMarketAgreement,
        venture_id: DEMO_IDS.tidalMarket,
        partner_id: DEMO_IDS.soe,
        starts_on: '2025-06-01',
        ends_on: '2028-05-31',
        terms: 'fixed_fee',
        operator_share_bp: 0,
        fee_fen: 800_000,
        guaranteed_min_remittance_fen: TIDAL_MARKET_MIN_REMITTANCE_FEN,
        exit_terms: '连续两个月上缴低于保底金额或发生重大安全事故，社区公司可提前解约；期满前 90 天协商续约',
        created_at: '2025-05-28T02:00:00Z',
      },
      {
        district_id: d,
        community_id: DEMO_IDS.dukou,
        agreement_id: DEMO_IDS.helpDeskAgreement,
        venture_id: DEMO_IDS.helpDesk,
        partner_id: DEMO_IDS.autoAssociation,
        starts_on: '2022-04-01',
        ends_on: '2027-03-31',
        terms: 'fixed_fee',
        operator_share_bp: 0,
        fee_fen: 0,
        guaranteed_min_remittance_fen: 0,
        exit_terms: '协会党总支换届时重新确认运营方',
        created_at: '2022-03-25T02:00:00Z',
      },
      {
        // ends within 90 days of the demo's today: the renewal is due
        district_id: d,
        community_id: DEMO_IDS.dukou,
        agreement_id: DEMO_IDS.microParkAgreement,
        venture_id: DEMO_IDS.microPark,
        partner_id: DEMO_IDS.autoAssociation,
        starts_on: '2024-01-01',
        ends_on: '2026-12-31',
        terms: 'profit_split',
        operator_share_bp: 2000,
        fee_fen: 0,
        guaranteed_min_remittance_fen: 0,
        exit_terms: '期满前 60 天书面提出续约或退出',
        created_at: '2023-12-20T02:00:00Z',
      },
    ])
    .execute();
}
