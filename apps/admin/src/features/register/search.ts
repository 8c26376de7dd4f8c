// The register lists' URLs. Validated without importing the domain or the contract (their values would land in
// the entry chunk): the vocabularies are repeated here as small constants, and search.test.ts holds them equal
// to the domain's.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const OPERATING_MODEL_VALUES = [
  'site_equity_professional_operation',
  'collective_self_operated',
  'soe_entrusted',
  'association_cobuilt',
  'asset_lease',
] as const;
export const ASSET_KIND_VALUES = ['premises', 'land', 'plaza', 'equipment', 'other'] as const;
export const ASSET_STATUS_VALUES = ['idle', 'self_used', 'leased', 'equity_contributed'] as const;
export const VENTURE_CATEGORY_VALUES = [
  'tidal_market',
  'service_station',
  'elderly_canteen',
  'reading_room',
  'childcare',
  'elder_care',
  'help_desk',
  'micro_innovation_park',
  'parking',
  'housekeeping',
  'property_service',
  'space_rental',
  'other',
] as const;
export const VENTURE_STATUS_VALUES = ['planned', 'operating', 'suspended', 'closed'] as const;
export const PRICE_TIER_VALUES = ['public_welfare', 'low_price', 'market'] as const;
export const PARTNER_KIND_VALUES = [
  'soe',
  'incubator',
  'enterprise',
  'association',
  'social_org',
  'government_dept',
] as const;

/** The days ahead an agreement counts as expiring (the domain's contract-expiring warning). */
export const EXPIRING_WITHIN_DAYS = 90;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function oneOf<T extends string>(values: readonly T[], raw: unknown): T | undefined {
  return typeof raw === 'string' && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

function page(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n > 1 && n < 100_000 ? n : undefined;
}

/** Free text as typed, trimmed and bounded (the search box matches names and codes on the page). */
function text(raw: unknown): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const value = String(raw).trim().slice(0, 100);
  return value === '' ? undefined : value;
}

/** What every register list keeps in the URL: the community (district roles), the search text and the page. */
export interface ListSearch {
  communityId?: string;
  q?: string;
  page?: number;
}

function base(search: Record<string, unknown>, withCommunity = true): ListSearch {
  const result: ListSearch = {};
  if (withCommunity && isUuid(search.communityId)) result.communityId = search.communityId;
  const q = text(search.q);
  if (q) result.q = q;
  const p = page(search.page);
  if (p) result.page = p;
  return result;
}

/** Drops undefined values, so the URL holds only what is set. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export interface CompaniesSearch extends ListSearch {
  model?: (typeof OPERATING_MODEL_VALUES)[number];
}

export function validateCompaniesSearch(search: Record<string, unknown>): CompaniesSearch {
  return defined({ ...base(search), model: oneOf(OPERATING_MODEL_VALUES, search.model) });
}

export interface AssetsSearch extends ListSearch {
  kind?: (typeof ASSET_KIND_VALUES)[number];
  status?: (typeof ASSET_STATUS_VALUES)[number];
}

export function validateAssetsSearch(search: Record<string, unknown>): AssetsSearch {
  return defined({
    ...base(search),
    kind: oneOf(ASSET_KIND_VALUES, search.kind),
    status: oneOf(ASSET_STATUS_VALUES, search.status),
  });
}

export interface VenturesSearch extends ListSearch {
  category?: (typeof VENTURE_CATEGORY_VALUES)[number];
  status?: (typeof VENTURE_STATUS_VALUES)[number];
  tier?: (typeof PRICE_TIER_VALUES)[number];
}

export function validateVenturesSearch(search: Record<string, unknown>): VenturesSearch {
  return defined({
    ...base(search),
    category: oneOf(VENTURE_CATEGORY_VALUES, search.category),
    status: oneOf(VENTURE_STATUS_VALUES, search.status),
    tier: oneOf(PRICE_TIER_VALUES, search.tier),
  });
}

/** Partners are the district's, not a community's: no community in their URL. */
export interface PartnersSearch extends Omit<ListSearch, 'communityId'> {
  kind?: (typeof PARTNER_KIND_VALUES)[number];
}

export function validatePartnersSearch(search: Record<string, unknown>): PartnersSearch {
  return defined({ ...base(search, false), kind: oneOf(PARTNER_KIND_VALUES, search.kind) });
}

export interface AgreementsSearch extends ListSearch {
  /** only those still running that end within EXPIRING_WITHIN_DAYS */
  expiring?: true;
}

export function validateAgreementsSearch(search: Record<string, unknown>): AgreementsSearch {
  const expiring = search.expiring === true || search.expiring === 'true' || search.expiring === 1;
  return defined({ ...base(search), expiring: expiring ? (true as const) : undefined });
}
