import type { Locale, LocalizedText } from './labels';

/**
 * The closed vocabularies of the domain, each as: a labels record (the single source, in both
 * languages), the tuple of its values (ready for `z.enum(...)`), its type, and a type guard.
 * Values are stable API and database values; labels are for people.
 */

export type Labels<T extends string> = Readonly<Record<T, LocalizedText>>;

function valuesOf<T extends string>(labels: Labels<T>): readonly [T, ...T[]] {
  return Object.keys(labels) as unknown as readonly [T, ...T[]];
}

function guard<T extends string>(values: readonly T[]): (value: string) => value is T {
  return (value: string): value is T => (values as readonly string[]).includes(value);
}

export function labelOf<T extends string>(labels: Labels<T>, value: T, locale: Locale): string {
  return labels[value][locale];
}

// ----- operating models: extensible per district; these are the ones the district starts with --

export const OPERATING_MODEL_LABELS = {
  site_equity_professional_operation: {
    'zh-CN': '场地入股 + 专业运营',
    en: 'Site as equity + professional operation',
  },
  collective_self_operated: { 'zh-CN': '集体自营', en: 'Collective self-operated' },
  soe_entrusted: { 'zh-CN': '国企托管运营', en: 'Entrusted to a state-owned enterprise' },
  association_cobuilt: {
    'zh-CN': '党建 + 产业（协会共建）',
    en: 'Party building + industry (association co-built)',
  },
  asset_lease: { 'zh-CN': '资产租赁', en: 'Asset lease' },
} as const satisfies Labels<string>;
export type OperatingModel = keyof typeof OPERATING_MODEL_LABELS;
export const OPERATING_MODELS = valuesOf<OperatingModel>(OPERATING_MODEL_LABELS);
export const isOperatingModel = guard(OPERATING_MODELS);

// ----- price tiers: "公益 + 低偿" — free and low-price services are the public-welfare share ------

export const PRICE_TIER_LABELS = {
  public_welfare: { 'zh-CN': '公益（免费）', en: 'Public welfare (free)' },
  low_price: { 'zh-CN': '低偿', en: 'Low price' },
  market: { 'zh-CN': '市场价', en: 'Market price' },
} as const satisfies Labels<string>;
export type PriceTier = keyof typeof PRICE_TIER_LABELS;
export const PRICE_TIERS = valuesOf<PriceTier>(PRICE_TIER_LABELS);
export const isPriceTier = guard(PRICE_TIERS);

/** Transactions of these tiers count towards the public-welfare share KPI. */
export function isPublicWelfareTier(tier: PriceTier): boolean {
  return tier === 'public_welfare' || tier === 'low_price';
}

// ----- ventures ----------------------------------------------------------------------------------

export const VENTURE_CATEGORY_LABELS = {
  tidal_market: { 'zh-CN': '潮汐市场', en: 'Tidal (time-slot) market' },
  service_station: { 'zh-CN': '便民服务驿站', en: 'Service station' },
  elderly_canteen: { 'zh-CN': '长者食堂', en: 'Elderly canteen' },
  reading_room: { 'zh-CN': '社区书屋', en: 'Reading room' },
  childcare: { 'zh-CN': '托育服务', en: 'Childcare' },
  elder_care: { 'zh-CN': '康养理疗', en: 'Elder care and therapy' },
  help_desk: { 'zh-CN': '帮办服务站', en: 'Help desk' },
  micro_innovation_park: { 'zh-CN': '微创园', en: 'Micro-innovation park' },
  parking: { 'zh-CN': '停车管理', en: 'Parking' },
  housekeeping: { 'zh-CN': '家政服务', en: 'Housekeeping' },
  property_service: { 'zh-CN': '物业服务', en: 'Property services' },
  space_rental: { 'zh-CN': '场地出租', en: 'Space rental' },
  other: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Labels<string>;
export type VentureCategory = keyof typeof VENTURE_CATEGORY_LABELS;
export const VENTURE_CATEGORIES = valuesOf<VentureCategory>(VENTURE_CATEGORY_LABELS);
export const isVentureCategory = guard(VENTURE_CATEGORIES);

/** `planned` exists because ventures are registered before they open (Wangjiangjie's canteen). */
export const VENTURE_STATUS_LABELS = {
  planned: { 'zh-CN': '筹备中', en: 'Planned' },
  operating: { 'zh-CN': '运营中', en: 'Operating' },
  suspended: { 'zh-CN': '暂停', en: 'Suspended' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
} as const satisfies Labels<string>;
export type VentureStatus = keyof typeof VENTURE_STATUS_LABELS;
export const VENTURE_STATUSES = valuesOf<VentureStatus>(VENTURE_STATUS_LABELS);
export const isVentureStatus = guard(VENTURE_STATUSES);

// ----- partners ----------------------------------------------------------------------------------

export const PARTNER_KIND_LABELS = {
  soe: { 'zh-CN': '区属国企', en: 'State-owned enterprise' },
  incubator: { 'zh-CN': '孵化器', en: 'Incubator' },
  enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
  association: { 'zh-CN': '行业协会', en: 'Industry association' },
  social_org: { 'zh-CN': '社会组织', en: 'Social organisation' },
  government_dept: { 'zh-CN': '政府部门', en: 'Government department' },
} as const satisfies Labels<string>;
export type PartnerKind = keyof typeof PARTNER_KIND_LABELS;
export const PARTNER_KINDS = valuesOf<PartnerKind>(PARTNER_KIND_LABELS);
export const isPartnerKind = guard(PARTNER_KINDS);

export const PLEDGE_KIND_LABELS = {
  cash: { 'zh-CN': '资金', en: 'Cash' },
  in_kind: { 'zh-CN': '实物', en: 'In kind' },
  service: { 'zh-CN': '服务', en: 'Service' },
  infrastructure: { 'zh-CN': '基础设施共建', en: 'Infrastructure' },
} as const satisfies Labels<string>;
export type PledgeKind = keyof typeof PLEDGE_KIND_LABELS;
export const PLEDGE_KINDS = valuesOf<PledgeKind>(PLEDGE_KIND_LABELS);
export const isPledgeKind = guard(PLEDGE_KINDS);

export const AGREEMENT_TERMS_LABELS = {
  fixed_fee: { 'zh-CN': '固定费用', en: 'Fixed fee' },
  profit_split: { 'zh-CN': '利润分成', en: 'Profit split' },
  fee_and_split: { 'zh-CN': '固定费用 + 利润分成', en: 'Fixed fee + profit split' },
} as const satisfies Labels<string>;
export type AgreementTerms = keyof typeof AGREEMENT_TERMS_LABELS;
export const AGREEMENT_TERMS = valuesOf<AgreementTerms>(AGREEMENT_TERMS_LABELS);
export const isAgreementTerms = guard(AGREEMENT_TERMS);

// ----- communities and the asset register (三资) ---------------------------------------------------

export const COMMUNITY_KIND_LABELS = {
  urban: { 'zh-CN': '城市社区', en: 'Urban community' },
  converted_from_rural: { 'zh-CN': '村改居社区', en: 'Converted from a rural community' },
} as const satisfies Labels<string>;
export type CommunityKind = keyof typeof COMMUNITY_KIND_LABELS;
export const COMMUNITY_KINDS = valuesOf<CommunityKind>(COMMUNITY_KIND_LABELS);
export const isCommunityKind = guard(COMMUNITY_KINDS);

export const ASSET_KIND_LABELS = {
  premises: { 'zh-CN': '房屋（用房）', en: 'Premises' },
  land: { 'zh-CN': '土地', en: 'Land' },
  plaza: { 'zh-CN': '广场 / 场地', en: 'Plaza / open site' },
  equipment: { 'zh-CN': '设施设备', en: 'Equipment' },
  other: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Labels<string>;
export type AssetKind = keyof typeof ASSET_KIND_LABELS;
export const ASSET_KINDS = valuesOf<AssetKind>(ASSET_KIND_LABELS);
export const isAssetKind = guard(ASSET_KINDS);

/** Idle premises are the raw material of community economy, hence their own status. */
export const ASSET_STATUS_LABELS = {
  idle: { 'zh-CN': '闲置', en: 'Idle' },
  self_used: { 'zh-CN': '自用', en: 'Self-used' },
  leased: { 'zh-CN': '出租', en: 'Leased' },
  equity_contributed: { 'zh-CN': '作价入股', en: 'Contributed as equity' },
} as const satisfies Labels<string>;
export type AssetStatus = keyof typeof ASSET_STATUS_LABELS;
export const ASSET_STATUSES = valuesOf<AssetStatus>(ASSET_STATUS_LABELS);
export const isAssetStatus = guard(ASSET_STATUSES);

export const APPRAISAL_METHOD_LABELS = {
  market: { 'zh-CN': '市场法', en: 'Market comparison' },
  income: { 'zh-CN': '收益法', en: 'Income approach' },
  cost: { 'zh-CN': '成本法', en: 'Cost approach' },
  agreed: { 'zh-CN': '协商作价', en: 'Agreed value' },
} as const satisfies Labels<string>;
export type AppraisalMethod = keyof typeof APPRAISAL_METHOD_LABELS;
export const APPRAISAL_METHODS = valuesOf<AppraisalMethod>(APPRAISAL_METHOD_LABELS);
export const isAppraisalMethod = guard(APPRAISAL_METHODS);

// ----- shareholdings ------------------------------------------------------------------------------

export const HOLDER_KIND_LABELS = {
  community: { 'zh-CN': '社区（集体）', en: 'The community (collective)' },
  partner: { 'zh-CN': '合作方', en: 'Partner' },
  residents: { 'zh-CN': '居民', en: 'Residents' },
  other: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Labels<string>;
export type HolderKind = keyof typeof HOLDER_KIND_LABELS;
export const HOLDER_KINDS = valuesOf<HolderKind>(HOLDER_KIND_LABELS);
export const isHolderKind = guard(HOLDER_KINDS);

export const CONTRIBUTION_KIND_LABELS = {
  site: { 'zh-CN': '场地入股', en: 'Site' },
  premises: { 'zh-CN': '房屋入股', en: 'Premises' },
  cash: { 'zh-CN': '货币出资', en: 'Cash' },
  operation_expertise: { 'zh-CN': '运营 / 技术入股', en: 'Operation / expertise' },
} as const satisfies Labels<string>;
export type ContributionKind = keyof typeof CONTRIBUTION_KIND_LABELS;
export const CONTRIBUTION_KINDS = valuesOf<ContributionKind>(CONTRIBUTION_KIND_LABELS);
export const isContributionKind = guard(CONTRIBUTION_KINDS);

/** A site or premises contribution is only as good as the asset and appraisal behind it. */
export function contributionNeedsAsset(kind: ContributionKind): boolean {
  return kind === 'site' || kind === 'premises';
}

// ----- warnings (预警) ------------------------------------------------------------------------------

/**
 * What each warning is, without its thresholds: a district sets them (settings), and a red warning passed a higher
 * step than an amber one — "资金闲置 12 个月" on a red warning of a fund idle for 24 months misled. The warning's
 * own facts (months idle, the fall, days left) say how far it went.
 */
export const WARNING_KIND_LABELS = {
  report_overdue: { 'zh-CN': '月报逾期', en: 'Monthly report overdue' },
  revenue_drop: { 'zh-CN': '营收环比大幅下降', en: 'Revenue down sharply on last month' },
  fund_idle: { 'zh-CN': '资金闲置', en: 'Fund unspent' },
  agreement_expiring: { 'zh-CN': '运营协议即将到期', en: 'Operator agreement ending soon' },
  pledge_overdue: { 'zh-CN': '反哺承诺逾期未兑现', en: 'Pledge past its due date' },
  remittance_below_minimum: { 'zh-CN': '上缴低于保底金额', en: 'Remittance below the guaranteed minimum' },
} as const satisfies Labels<string>;
export type WarningKind = keyof typeof WARNING_KIND_LABELS;
export const WARNING_KINDS = valuesOf<WarningKind>(WARNING_KIND_LABELS);
export const isWarningKind = guard(WARNING_KINDS);

export const WARNING_SEVERITY_LABELS = {
  red: { 'zh-CN': '红色预警', en: 'Red' },
  amber: { 'zh-CN': '黄色预警', en: 'Amber' },
} as const satisfies Labels<string>;
export type WarningSeverity = keyof typeof WARNING_SEVERITY_LABELS;
export const WARNING_SEVERITIES = valuesOf<WarningSeverity>(WARNING_SEVERITY_LABELS);
export const isWarningSeverity = guard(WARNING_SEVERITIES);

export const WARNING_STATUS_LABELS = {
  open: { 'zh-CN': '待处理', en: 'Open' },
  resolved: { 'zh-CN': '已处理', en: 'Resolved' },
} as const satisfies Labels<string>;
export type WarningStatus = keyof typeof WARNING_STATUS_LABELS;
export const WARNING_STATUSES = valuesOf<WarningStatus>(WARNING_STATUS_LABELS);
export const isWarningStatus = guard(WARNING_STATUSES);

/** Every enum's labels by name, so a client can fetch the vocabularies in one go. */
export const ENUM_LABELS = {
  operating_model: OPERATING_MODEL_LABELS,
  price_tier: PRICE_TIER_LABELS,
  venture_category: VENTURE_CATEGORY_LABELS,
  venture_status: VENTURE_STATUS_LABELS,
  partner_kind: PARTNER_KIND_LABELS,
  pledge_kind: PLEDGE_KIND_LABELS,
  agreement_terms: AGREEMENT_TERMS_LABELS,
  community_kind: COMMUNITY_KIND_LABELS,
  asset_kind: ASSET_KIND_LABELS,
  asset_status: ASSET_STATUS_LABELS,
  appraisal_method: APPRAISAL_METHOD_LABELS,
  holder_kind: HOLDER_KIND_LABELS,
  contribution_kind: CONTRIBUTION_KIND_LABELS,
  warning_kind: WARNING_KIND_LABELS,
  warning_severity: WARNING_SEVERITY_LABELS,
  warning_status: WARNING_STATUS_LABELS,
} as const satisfies Record<string, Labels<string>>;
