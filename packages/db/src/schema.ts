import type { LedgerSourceType } from '@gongfu/domain';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Kysely's view of the tables. Every tenant table carries `district_id` (and `community_id` where
 * it belongs to a community) at the front of its primary key: that is what RLS filters on and what a
 * Citus cluster would distribute by.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface DistrictsTable {
  district_id: Generated<string>;
  name: string;
  admin_code: string | null;
  report_due_day: Generated<number>;
  /** the first month the district's ventures owe a report on the platform; null: since each began */
  reporting_start_month: ColumnType<string | null, string | null | undefined, string | null>;
  /** the district's warning thresholds (defaults: the domain's WARNING_THRESHOLDS) */
  warn_report_overdue_red_days: Generated<number>;
  warn_revenue_drop_bp: Generated<number>;
  warn_revenue_drop_red_bp: Generated<number>;
  warn_fund_idle_months: Generated<number>;
  warn_fund_idle_red_months: Generated<number>;
  warn_agreement_expiring_days: Generated<number>;
  warn_agreement_expiring_red_days: Generated<number>;
  warn_pledge_overdue_red_days: Generated<number>;
  warn_remittance_red_bp: Generated<number>;
  settings: Generated<unknown>;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface StreetOfficesTable {
  district_id: string;
  street_office_id: Generated<string>;
  name: string;
  admin_code: string | null;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface CommunitiesTable {
  district_id: string;
  community_id: Generated<string>;
  street_office_id: string | null;
  name: string;
  admin_code: string | null;
  kind: 'urban' | 'converted_from_rural';
  converted_year: number | null;
  founded_on: DateOnly | null;
  population: number | null;
  households: number | null;
  households_with_seniors: number | null;
  /** the public board's responsible organisation (负责单位) */
  responsible_org: string | null;
  /** the public board's feedback channel: a phone number or an address */
  feedback_channel: string | null;
  version: Generated<number>;
  deleted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartnersTable {
  district_id: string;
  partner_id: Generated<string>;
  name: string;
  kind: string;
  credit_code: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface VenturesTable {
  district_id: string;
  community_id: string;
  venture_id: Generated<string>;
  name: string;
  category: string;
  operator_partner_id: string | null;
  company_id: string | null;
  price_tier: Generated<string>;
  premises_asset_id: string | null;
  started_on: DateOnly | null;
  /** the venture's own reporting start month, overriding its district's; null: the district's */
  reporting_start_month: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<string>;
  promised_response_minutes: number | null;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface UsersTable {
  user_id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string;
  locale: Generated<'zh-CN' | 'en'>;
  disabled_at: Timestamp | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  /** the district the account belongs to (its admin manages it); null for platform admins */
  home_district_id: string | null;
  last_login_at: Timestamp | null;
  /** an admin set the password (invite, reset): the user must change it before anything else (ADR 0025) */
  must_change_password: Generated<boolean>;
}

export interface PlatformAdminsTable {
  user_id: string;
  created_at: Timestamp;
}

export interface MembershipsTable {
  district_id: string;
  membership_id: Generated<string>;
  user_id: string;
  role: string;
  community_id: string | null;
  partner_id: string | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  session_id: string;
  secret_hash: Uint8Array;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
}

export interface AuditLogTable {
  district_id: string;
  audit_id: Generated<string>;
  community_id: string | null;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown | null;
  after: unknown | null;
  request_id: string | null;
  created_at: Timestamp;
  /** the API token a request acted with, filled by the database from the request's scope (ADR 0026) */
  api_token_id: Generated<string | null>;
  api_token_name: Generated<string | null>;
}

/** An API token of a company system (ADR 0026): only SHA-256 of its secret is stored. */
export interface ApiTokensTable {
  district_id: string;
  token_id: string;
  membership_id: string;
  created_by: string;
  community_id: string | null;
  partner_id: string | null;
  /** the one venture the token is limited to (migration 2026-12-07T1000), else null */
  venture_id: string | null;
  name: string;
  scopes: string[];
  secret_hash: Uint8Array;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  created_at: Timestamp;
}

/** money is integer fen; PostgreSQL bigint arrives as a string (postgres.js BigInt / PGlite) — see toFen */
type Fen = ColumnType<string | number | bigint, number | bigint, number | bigint>;
type FenDefault = ColumnType<string | number | bigint, number | bigint | undefined, number | bigint>;
type Count = ColumnType<number, number | undefined, number>;

interface CommunityOwned {
  district_id: string;
  community_id: string;
}

export interface AssetsTable extends CommunityOwned {
  asset_id: Generated<string>;
  kind: string;
  name: string;
  area_m2: ColumnType<string | null, number | string | null, number | string | null>;
  location: string | null;
  title: string | null;
  status: Generated<string>;
  version: Generated<number>;
  deleted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssetAppraisalsTable extends CommunityOwned {
  appraisal_id: Generated<string>;
  asset_id: string;
  method: string;
  appraiser: string;
  appraised_on: DateOnly;
  value_fen: FenDefault;
  created_at: Timestamp;
}

export interface CompaniesTable extends CommunityOwned {
  company_id: Generated<string>;
  legal_name: string;
  credit_code: string;
  founded_on: DateOnly | null;
  operating_model: string;
  registered_capital_fen: FenDefault;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ShareholdingsTable extends CommunityOwned {
  shareholding_id: Generated<string>;
  company_id: string;
  holder_kind: string;
  holder_partner_id: string | null;
  holder_name: string;
  contribution_kind: string;
  asset_id: string | null;
  appraisal_id: string | null;
  subscribed_fen: FenDefault;
  paid_in_fen: FenDefault;
  share_bp: number;
  position: Count;
  /** the first month of the version this row belongs to; null: since the company's start (migration 2026-12-04T1300) */
  effective_from: ColumnType<string | null, string | null | undefined, string | null>;
  /** the last month of its version, inclusive; null: still in force */
  effective_to: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface OperatorAgreementsTable extends CommunityOwned {
  agreement_id: Generated<string>;
  venture_id: string;
  partner_id: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  terms: string;
  operator_share_bp: Count;
  fee_fen: FenDefault;
  guaranteed_min_remittance_fen: FenDefault;
  exit_terms: string | null;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface MonthlyReportsTable extends CommunityOwned {
  report_id: Generated<string>;
  venture_id: string;
  month: string;
  revision: Count;
  amends_report_id: string | null;
  status: Generated<string>;
  revenue_fen: FenDefault;
  operating_cost_fen: FenDefault;
  stable_jobs: Count;
  temporary_jobs: Count;
  residents_served: Count;
  service_transactions: Count;
  elders_served: Count;
  children_served: Count;
  remittance_due_fen: FenDefault;
  remittance_received_fen: FenDefault;
  service_requests: Count;
  requests_within_promise: Count;
  notes: string | null;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  review_comment: string | null;
  /** the reporter's explanation of each flagged figure: { field: text } (write with `jsonb()`) */
  explanations: Generated<unknown>;
  /** the plausibility flags found at the last submission: PlausibilityFlag[] */
  plausibility_flags: Generated<unknown>;
  /** the figures the reviewer named when returning it: field names */
  returned_fields: Generated<unknown>;
  /** the figures whose 0 the reporter typed; any other 0 of a draft is a blank: field names (ADR 0042) */
  typed_zeros: Generated<unknown>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A month closed for one community, or (community_id null) for the whole district. */
export interface ReportPeriodLocksTable {
  district_id: string;
  lock_id: Generated<string>;
  community_id: string | null;
  month: string;
  locked_by: string;
  locked_at: Timestamp;
}

/** Which rows of an uploaded file became which report (Excel in): a re-import of the file finds them. */
export interface ReportImportsTable extends CommunityOwned {
  file_hash: string;
  venture_id: string;
  month: string;
  mode: 'draft' | 'submit';
  report_id: string;
  imported_by: string;
  imported_at: Generated<Timestamp>;
}

/** A monthly report's attached file (ADR 0041): the bytes in the row, listed without them. */
export interface ReportAttachmentsTable extends CommunityOwned {
  attachment_id: Generated<string>;
  report_id: string;
  venture_id: string;
  file_name: string;
  kind: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: Generated<Timestamp>;
}

/** A yearly KPI target (ADR 0017): community_id null is the district's own; value in fen, a count or basis points. */
export interface KpiTargetsTable {
  district_id: string;
  target_id: Generated<string>;
  community_id: string | null;
  year: number;
  kpi: string;
  value: Fen;
  version: Generated<number>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface ReportEventsTable extends CommunityOwned {
  event_id: Generated<string>;
  report_id: string;
  venture_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string;
  comment: string | null;
  created_at: Timestamp;
}

export interface DistributionRulesTable extends CommunityOwned {
  rule_id: Generated<string>;
  effective_from: string;
  version: Generated<number>;
  governance_fund_bp: number;
  reserve_bp: number;
  other_bp: number;
  created_by: string | null;
  created_at: Timestamp;
}

export interface FundsTable extends CommunityOwned {
  fund_id: Generated<string>;
  kind: string;
  name: string;
  purpose: string | null;
  is_public: Generated<boolean>;
  balance_fen: FenDefault;
  created_at: Timestamp;
}

export interface LedgerEntriesTable extends CommunityOwned {
  entry_id: Generated<string>;
  fund_id: string;
  kind: string;
  direction: number;
  amount_fen: Fen;
  month: string;
  /** what wrote the entry (the domain's LEDGER_SOURCE_TYPES; no check constraint: the API is the only writer) */
  source_type: LedgerSourceType | null;
  source_id: string | null;
  posting_key: string | null;
  reverses_entry_id: string | null;
  proposal_id: string | null;
  memo: string | null;
  /** an expenditure's payout date (the day the money left the fund); null for every other kind */
  paid_on: DateOnly | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ProposalsTable extends CommunityOwned {
  proposal_id: Generated<string>;
  fund_id: string;
  title: string;
  purpose: string;
  /** the domain's PROPOSAL_USE_CATEGORIES */
  use_category: string;
  amount_fen: Fen;
  status: Generated<string>;
  meeting_on: DateOnly | null;
  eligible_voters: number | null;
  attendance: number | null;
  quorum: number | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  minutes: string | null;
  /** the scanned minutes' file name, noted from a paper record */
  minutes_file_name: string | null;
  disclosure_starts_on: DateOnly | null;
  disclosure_ends_on: DateOnly | null;
  paid_fen: FenDefault;
  close_result: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProposalObjectionsTable extends CommunityOwned {
  objection_id: Generated<string>;
  proposal_id: string;
  content: string;
  raised_on: DateOnly;
  upheld: boolean | null;
  resolution: string | null;
  created_at: Timestamp;
}

export interface PledgesTable extends CommunityOwned {
  pledge_id: Generated<string>;
  partner_id: string;
  kind: string;
  description: string;
  amount_fen: FenDefault;
  due_on: DateOnly;
  fund_id: string | null;
  status: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface PledgeFulfilmentsTable extends CommunityOwned {
  fulfilment_id: Generated<string>;
  pledge_id: string;
  partner_id: string;
  value_fen: Fen;
  fulfilled_on: DateOnly;
  description: string | null;
  ledger_entry_id: string | null;
  created_at: Timestamp;
}

export interface WarningsTable extends CommunityOwned {
  warning_id: Generated<string>;
  kind: string;
  severity: 'red' | 'amber';
  subject_type: string;
  subject_id: string;
  period: string;
  detail: ColumnType<unknown, string | undefined, string>;
  owner_user_id: string | null;
  status: Generated<'open' | 'resolved'>;
  resolution: string | null;
  detected_at: Timestamp;
  /** the day the warning's condition began (migration 2026-12-13T1000); the API always writes it */
  condition_since: ColumnType<string, string | undefined, string>;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  version: Generated<number>;
}

export interface IdempotencyKeysTable {
  user_id: string;
  /** the API token whose answer this is; the nil uuid for a session's (migration 2026-12-07T1000) */
  api_token_id: ColumnType<string, string | undefined, never>;
  idempotency_key: string;
  request_hash: string;
  method: string;
  path: string;
  status: number | null;
  body: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
}

/** Login throttle counters (migration 2026-12-05T1300, ADR 0019): shared by every API process. */
export interface LoginThrottleTable {
  kind: 'pair' | 'address' | 'account' | 'trusted';
  /** '' on an address-only counter */
  account: string;
  /** '' on an account-only counter */
  address: string;
  failures: number;
  window_started_at: Timestamp;
}

/** KPI rollups (migration 1400, ADR 0006): written only by triggers, read by the KPI queries. */
export interface KpiVentureMonthsTable extends CommunityOwned {
  venture_id: string;
  month: string;
  counted: boolean;
  revenue_fen: Fen;
  operating_cost_fen: Fen;
  stable_jobs: number;
  residents_served: number;
  service_transactions: number;
  service_requests: number;
  requests_within_promise: number;
  remittance_received_fen: Fen;
  income_fen: Fen;
  first_submitted_at: Date | null;
  latest_status: string;
  has_approved: boolean;
}

export interface KpiFundMonthsTable extends CommunityOwned {
  fund_id: string;
  month: string;
  net_fen: Fen;
  allocation_fen: Fen;
  donation_fen: Fen;
  grant_fen: Fen;
  expenditure_fen: Fen;
  project_expenditure_fen: Fen;
  backed_expenditure_fen: Fen;
}

/** Logins, logouts and a user's own password changes (ADR 0025); district_id filled by a trigger. */
export interface SecurityEventsTable {
  event_id: Generated<string>;
  occurred_at: Timestamp;
  kind: 'login' | 'logout' | 'password_change';
  outcome: 'success' | 'wrong_password' | 'unknown_account' | 'throttled' | 'disabled';
  email: string;
  user_id: string | null;
  district_id: ColumnType<string | null, never, never>;
  address: string;
  user_agent: ColumnType<string, string | undefined, never>;
}

export interface Database {
  security_events: SecurityEventsTable;
  districts: DistrictsTable;
  street_offices: StreetOfficesTable;
  communities: CommunitiesTable;
  partners: PartnersTable;
  ventures: VenturesTable;
  users: UsersTable;
  platform_admins: PlatformAdminsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  assets: AssetsTable;
  asset_appraisals: AssetAppraisalsTable;
  companies: CompaniesTable;
  shareholdings: ShareholdingsTable;
  operator_agreements: OperatorAgreementsTable;
  monthly_reports: MonthlyReportsTable;
  report_events: ReportEventsTable;
  report_period_locks: ReportPeriodLocksTable;
  kpi_targets: KpiTargetsTable;
  report_imports: ReportImportsTable;
  report_attachments: ReportAttachmentsTable;
  distribution_rules: DistributionRulesTable;
  funds: FundsTable;
  ledger_entries: LedgerEntriesTable;
  proposals: ProposalsTable;
  proposal_objections: ProposalObjectionsTable;
  pledges: PledgesTable;
  pledge_fulfilments: PledgeFulfilmentsTable;
  warnings: WarningsTable;
  idempotency_keys: IdempotencyKeysTable;
  login_throttle: LoginThrottleTable;
  kpi_venture_months: KpiVentureMonthsTable;
  kpi_fund_months: KpiFundMonthsTable;
  /** the views the rollups are defined by */
  kpi_venture_month_facts: KpiVentureMonthsTable;
  kpi_fund_month_facts: KpiFundMonthsTable;
}

/** A bigint column as a number of fen; throws past 2^53 rather than losing precision. */
export function toFen(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of the safe integer range: ${value}`);
  return n;
}

export type CommunityRow = Selectable<CommunitiesTable>;
export type NewCommunity = Insertable<CommunitiesTable>;
export type CommunityUpdate = Updateable<CommunitiesTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
