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
  created_at: Timestamp;
}

export interface StreetOfficesTable {
  district_id: string;
  street_office_id: Generated<string>;
  name: string;
  admin_code: string | null;
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
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartnersTable {
  district_id: string;
  partner_id: Generated<string>;
  name: string;
  kind: string;
  created_at: Timestamp;
}

export interface VenturesTable {
  district_id: string;
  community_id: string;
  venture_id: Generated<string>;
  name: string;
  category: string;
  operator_partner_id: string | null;
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
}

export interface Database {
  districts: DistrictsTable;
  street_offices: StreetOfficesTable;
  communities: CommunitiesTable;
  partners: PartnersTable;
  ventures: VenturesTable;
  users: UsersTable;
  platform_admins: PlatformAdminsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}

export type CommunityRow = Selectable<CommunitiesTable>;
export type NewCommunity = Insertable<CommunitiesTable>;
export type CommunityUpdate = Updateable<CommunitiesTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
