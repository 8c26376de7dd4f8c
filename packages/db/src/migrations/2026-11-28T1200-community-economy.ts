import { type Kysely, sql } from 'kysely';

/**
 * The community-economy register and its money: assets and appraisals, companies and shareholdings,
 * operator agreements, ventures, monthly reports and their events, distribution rules, funds and the
 * ledger, resident proposals, give-back pledges, warnings, and idempotency keys. Frozen once shipped.
 *
 * Every table follows the skeleton's rule (0900): district_id (and community_id) leading the primary
 * key, RLS enabled and forced, policies reading transaction-local settings and failing closed.
 */
const RUNTIME = 'gongfu_app';
const setting = (name: string) => `(select current_setting('app.${name}', true))`;
const uuidSetting = (name: string) => `(select nullif(current_setting('app.${name}', true), '')::uuid)`;
const D = uuidSetting('district_id');
const C = uuidSetting('community_id');
const P = uuidSetting('partner_id');
const U = uuidSetting('user_id');
const KIND = setting('scope_kind');

/** the communities where the acting partner operates a venture */
const PARTNER_COMMUNITIES = `(select v.community_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${P})`;
/** the ventures the acting partner operates */
const PARTNER_VENTURES = `(select v.venture_id from ventures v where v.district_id = ${D} and v.operator_partner_id = ${P})`;

/** district sees all; community its own; a partner the communities it operates in (read only) */
const readCommunity = `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR (${KIND} = 'partner' AND community_id IN ${PARTNER_COMMUNITIES}))`;
/** district and the community itself write */
const writeCommunity = `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C})`;
/** rows about one venture: a partner reaches only the ventures it operates, and may write them */
const readVenture = `district_id = ${D} AND (${KIND} = 'district' OR community_id = ${C} OR (${KIND} = 'partner' AND venture_id IN ${PARTNER_VENTURES}))`;
const writeVenture = readVenture;

function protect(table: string): string[] {
  return [`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`, `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`];
}

function policies(
  table: string,
  read: string,
  write: string,
  grants = 'SELECT, INSERT, UPDATE, DELETE',
): string[] {
  return [
    ...protect(table),
    `CREATE POLICY ${table}_read ON ${table} FOR SELECT TO ${RUNTIME} USING (${read})`,
    `CREATE POLICY ${table}_insert ON ${table} FOR INSERT TO ${RUNTIME} WITH CHECK (${write})`,
    `CREATE POLICY ${table}_update ON ${table} FOR UPDATE TO ${RUNTIME} USING (${write}) WITH CHECK (${write})`,
    `CREATE POLICY ${table}_delete ON ${table} FOR DELETE TO ${RUNTIME} USING (${write})`,
    `GRANT ${grants} ON ${table} TO ${RUNTIME}`,
  ];
}

const money = (column: string) => `${column} bigint NOT NULL DEFAULT 0 CHECK (${column} >= 0)`;
const count = (column: string) => `${column} integer NOT NULL DEFAULT 0 CHECK (${column} >= 0)`;

const statements: string[] = [
  // ── partners gain their register fields; ventures become full ventures
  `ALTER TABLE partners ADD COLUMN credit_code text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$')`,
  `ALTER TABLE partners ADD COLUMN contact_name text`,
  `ALTER TABLE partners ADD COLUMN contact_phone text`,
  `ALTER TABLE partners ADD COLUMN version integer NOT NULL DEFAULT 1`,
  `ALTER TABLE communities ADD COLUMN deleted_at timestamptz`,

  // ── asset register (三资)
  `CREATE TABLE assets (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     asset_id uuid NOT NULL DEFAULT gen_random_uuid(),
     kind text NOT NULL,
     name text NOT NULL CHECK (length(trim(name)) > 0),
     area_m2 numeric(12, 2) CHECK (area_m2 >= 0),
     location text,
     title text,
     status text NOT NULL DEFAULT 'idle',
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, asset_id),
     UNIQUE (district_id, asset_id),
     FOREIGN KEY (district_id, community_id) REFERENCES communities (district_id, community_id)
   )`,
  ...policies('assets', readCommunity, writeCommunity),
  `CREATE TABLE asset_appraisals (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     appraisal_id uuid NOT NULL DEFAULT gen_random_uuid(),
     asset_id uuid NOT NULL,
     method text NOT NULL,
     appraiser text NOT NULL,
     appraised_on date NOT NULL,
     ${money('value_fen')},
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, appraisal_id),
     UNIQUE (district_id, appraisal_id),
     FOREIGN KEY (district_id, community_id, asset_id) REFERENCES assets (district_id, community_id, asset_id)
   )`,
  // appraisals are history: added, never rewritten
  ...policies('asset_appraisals', readCommunity, writeCommunity, 'SELECT, INSERT'),

  // ── community companies and shareholdings
  `CREATE TABLE companies (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     company_id uuid NOT NULL DEFAULT gen_random_uuid(),
     legal_name text NOT NULL CHECK (length(trim(legal_name)) > 0),
     credit_code text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
     founded_on date,
     operating_model text NOT NULL,
     ${money('registered_capital_fen')},
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, company_id),
     UNIQUE (district_id, company_id),
     UNIQUE (district_id, credit_code),
     FOREIGN KEY (district_id, community_id) REFERENCES communities (district_id, community_id)
   )`,
  ...policies('companies', readCommunity, writeCommunity),
  `CREATE TABLE shareholdings (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     shareholding_id uuid NOT NULL DEFAULT gen_random_uuid(),
     company_id uuid NOT NULL,
     holder_kind text NOT NULL,
     holder_partner_id uuid,
     holder_name text NOT NULL,
     contribution_kind text NOT NULL,
     asset_id uuid,
     appraisal_id uuid,
     ${money('subscribed_fen')},
     ${money('paid_in_fen')},
     share_bp integer NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),
     position smallint NOT NULL DEFAULT 0,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, shareholding_id),
     FOREIGN KEY (district_id, community_id, company_id) REFERENCES companies (district_id, community_id, company_id),
     FOREIGN KEY (district_id, holder_partner_id) REFERENCES partners (district_id, partner_id),
     FOREIGN KEY (district_id, community_id, asset_id) REFERENCES assets (district_id, community_id, asset_id),
     FOREIGN KEY (district_id, community_id, appraisal_id) REFERENCES asset_appraisals (district_id, community_id, appraisal_id)
   )`,
  `CREATE INDEX shareholdings_company_idx ON shareholdings (district_id, company_id)`,
  ...policies('shareholdings', readCommunity, writeCommunity),

  // ── ventures become full ventures
  `ALTER TABLE ventures ADD COLUMN company_id uuid`,
  `ALTER TABLE ventures ADD COLUMN price_tier text NOT NULL DEFAULT 'market'`,
  `ALTER TABLE ventures ADD COLUMN premises_asset_id uuid`,
  `ALTER TABLE ventures ADD COLUMN started_on date`,
  `ALTER TABLE ventures ADD COLUMN status text NOT NULL DEFAULT 'operating'`,
  `ALTER TABLE ventures ADD COLUMN promised_response_minutes integer CHECK (promised_response_minutes > 0)`,
  `ALTER TABLE ventures ADD COLUMN version integer NOT NULL DEFAULT 1`,
  `ALTER TABLE ventures ADD FOREIGN KEY (district_id, community_id, company_id) REFERENCES companies (district_id, community_id, company_id)`,
  `ALTER TABLE ventures ADD FOREIGN KEY (district_id, community_id, premises_asset_id) REFERENCES assets (district_id, community_id, asset_id)`,

  // ── operator agreements
  `CREATE TABLE operator_agreements (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     agreement_id uuid NOT NULL DEFAULT gen_random_uuid(),
     venture_id uuid NOT NULL,
     partner_id uuid NOT NULL,
     starts_on date NOT NULL,
     ends_on date NOT NULL,
     terms text NOT NULL,
     operator_share_bp integer NOT NULL DEFAULT 0 CHECK (operator_share_bp BETWEEN 0 AND 10000),
     ${money('fee_fen')},
     ${money('guaranteed_min_remittance_fen')},
     exit_terms text,
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, agreement_id),
     CHECK (ends_on > starts_on),
     FOREIGN KEY (district_id, community_id, venture_id) REFERENCES ventures (district_id, community_id, venture_id),
     FOREIGN KEY (district_id, partner_id) REFERENCES partners (district_id, partner_id)
   )`,
  `CREATE INDEX operator_agreements_venture_idx ON operator_agreements (district_id, venture_id)`,
  ...policies('operator_agreements', readVenture, writeCommunity),

  // ── monthly self-reports: one per venture per month (per revision); events keep the workflow history
  `CREATE TABLE monthly_reports (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     report_id uuid NOT NULL DEFAULT gen_random_uuid(),
     venture_id uuid NOT NULL,
     month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
     revision smallint NOT NULL DEFAULT 1 CHECK (revision >= 1),
     amends_report_id uuid,
     status text NOT NULL DEFAULT 'draft',
     ${money('revenue_fen')},
     ${money('operating_cost_fen')},
     ${count('stable_jobs')},
     ${count('temporary_jobs')},
     ${count('residents_served')},
     ${count('service_transactions')},
     ${count('elders_served')},
     ${count('children_served')},
     ${money('remittance_due_fen')},
     ${money('remittance_received_fen')},
     ${count('service_requests')},
     ${count('requests_within_promise')},
     notes text,
     submitted_at timestamptz,
     submitted_by uuid,
     reviewed_at timestamptz,
     reviewed_by uuid,
     review_comment text,
     version integer NOT NULL DEFAULT 1,
     created_by uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, report_id),
     UNIQUE (district_id, report_id),
     UNIQUE (district_id, venture_id, month, revision),
     CHECK (requests_within_promise <= service_requests),
     FOREIGN KEY (district_id, community_id, venture_id) REFERENCES ventures (district_id, community_id, venture_id)
   )`,
  `CREATE INDEX monthly_reports_month_idx ON monthly_reports (district_id, month, status)`,
  ...policies('monthly_reports', readVenture, writeVenture),
  `CREATE TABLE report_events (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     event_id uuid NOT NULL DEFAULT gen_random_uuid(),
     report_id uuid NOT NULL,
     venture_id uuid NOT NULL,
     action text NOT NULL,
     from_status text,
     to_status text NOT NULL,
     actor_user_id uuid NOT NULL,
     comment text,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, event_id),
     FOREIGN KEY (district_id, community_id, report_id) REFERENCES monthly_reports (district_id, community_id, report_id)
   )`,
  `CREATE INDEX report_events_report_idx ON report_events (district_id, report_id, created_at)`,
  ...policies('report_events', readVenture, writeVenture, 'SELECT, INSERT'),

  // ── distribution rules: versioned per community, effective from a month
  `CREATE TABLE distribution_rules (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     rule_id uuid NOT NULL DEFAULT gen_random_uuid(),
     effective_from char(7) NOT NULL CHECK (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
     version integer NOT NULL DEFAULT 1,
     governance_fund_bp integer NOT NULL CHECK (governance_fund_bp BETWEEN 0 AND 10000),
     reserve_bp integer NOT NULL CHECK (reserve_bp BETWEEN 0 AND 10000),
     other_bp integer NOT NULL CHECK (other_bp BETWEEN 0 AND 10000),
     created_by uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, rule_id),
     UNIQUE (district_id, community_id, effective_from),
     CHECK (governance_fund_bp + reserve_bp + other_bp = 10000)
   )`,
  ...policies('distribution_rules', readCommunity, writeCommunity, 'SELECT, INSERT'),

  // ── funds and their append-only ledger; balance_fen is kept with each entry and never below zero
  `CREATE TABLE funds (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     fund_id uuid NOT NULL DEFAULT gen_random_uuid(),
     kind text NOT NULL,
     name text NOT NULL,
     purpose text,
     is_public boolean NOT NULL DEFAULT true,
     balance_fen bigint NOT NULL DEFAULT 0 CHECK (balance_fen >= 0),
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, fund_id),
     UNIQUE (district_id, fund_id),
     FOREIGN KEY (district_id, community_id) REFERENCES communities (district_id, community_id)
   )`,
  `CREATE UNIQUE INDEX funds_one_per_standard_kind ON funds (district_id, community_id, kind) WHERE kind <> 'other'`,
  ...policies('funds', readCommunity, writeCommunity, 'SELECT, INSERT, UPDATE'),
  `CREATE TABLE ledger_entries (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     entry_id uuid NOT NULL DEFAULT gen_random_uuid(),
     fund_id uuid NOT NULL,
     kind text NOT NULL,
     direction smallint NOT NULL CHECK (direction IN (-1, 1)),
     amount_fen bigint NOT NULL CHECK (amount_fen > 0),
     month char(7) NOT NULL,
     source_type text,
     source_id uuid,
     posting_key text,
     reverses_entry_id uuid,
     proposal_id uuid,
     memo text,
     created_by uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, entry_id),
     UNIQUE (district_id, posting_key),
     FOREIGN KEY (district_id, community_id, fund_id) REFERENCES funds (district_id, community_id, fund_id)
   )`,
  `CREATE INDEX ledger_entries_fund_idx ON ledger_entries (district_id, fund_id, created_at)`,
  `CREATE INDEX ledger_entries_month_idx ON ledger_entries (district_id, month)`,
  ...policies('ledger_entries', readCommunity, writeCommunity, 'SELECT, INSERT'),

  // ── resident proposals (居民共议)
  `CREATE TABLE proposals (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     proposal_id uuid NOT NULL DEFAULT gen_random_uuid(),
     fund_id uuid NOT NULL,
     title text NOT NULL CHECK (length(trim(title)) > 0),
     purpose text NOT NULL,
     amount_fen bigint NOT NULL CHECK (amount_fen > 0),
     status text NOT NULL DEFAULT 'draft',
     meeting_on date,
     eligible_voters integer CHECK (eligible_voters >= 0),
     attendance integer CHECK (attendance >= 0),
     quorum integer CHECK (quorum >= 0),
     votes_for integer CHECK (votes_for >= 0),
     votes_against integer CHECK (votes_against >= 0),
     votes_abstain integer CHECK (votes_abstain >= 0),
     minutes text,
     disclosure_starts_on date,
     disclosure_ends_on date,
     paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
     version integer NOT NULL DEFAULT 1,
     created_by uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, proposal_id),
     UNIQUE (district_id, proposal_id),
     CHECK (paid_fen <= amount_fen),
     FOREIGN KEY (district_id, community_id, fund_id) REFERENCES funds (district_id, community_id, fund_id)
   )`,
  ...policies('proposals', readCommunity, writeCommunity),
  `CREATE TABLE proposal_objections (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     objection_id uuid NOT NULL DEFAULT gen_random_uuid(),
     proposal_id uuid NOT NULL,
     content text NOT NULL,
     raised_on date NOT NULL,
     upheld boolean,
     resolution text,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, objection_id),
     FOREIGN KEY (district_id, community_id, proposal_id) REFERENCES proposals (district_id, community_id, proposal_id)
   )`,
  ...policies('proposal_objections', readCommunity, writeCommunity, 'SELECT, INSERT, UPDATE'),

  // ── give-back pledges by partners, and what they fulfilled
  `CREATE TABLE pledges (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     pledge_id uuid NOT NULL DEFAULT gen_random_uuid(),
     partner_id uuid NOT NULL,
     kind text NOT NULL,
     description text NOT NULL,
     ${money('amount_fen')},
     due_on date NOT NULL,
     fund_id uuid,
     status text NOT NULL DEFAULT 'open',
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, pledge_id),
     UNIQUE (district_id, pledge_id),
     FOREIGN KEY (district_id, partner_id) REFERENCES partners (district_id, partner_id),
     FOREIGN KEY (district_id, community_id, fund_id) REFERENCES funds (district_id, community_id, fund_id)
   )`,
  ...policies(
    'pledges',
    `${readCommunity} OR (district_id = ${D} AND ${KIND} = 'partner' AND partner_id = ${P})`,
    `${writeCommunity} OR (district_id = ${D} AND ${KIND} = 'partner' AND partner_id = ${P})`,
  ),
  `CREATE TABLE pledge_fulfilments (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     fulfilment_id uuid NOT NULL DEFAULT gen_random_uuid(),
     pledge_id uuid NOT NULL,
     partner_id uuid NOT NULL,
     value_fen bigint NOT NULL CHECK (value_fen > 0),
     fulfilled_on date NOT NULL,
     description text,
     ledger_entry_id uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (district_id, community_id, fulfilment_id),
     FOREIGN KEY (district_id, community_id, pledge_id) REFERENCES pledges (district_id, community_id, pledge_id)
   )`,
  ...policies(
    'pledge_fulfilments',
    `${readCommunity} OR (district_id = ${D} AND ${KIND} = 'partner' AND partner_id = ${P})`,
    `${writeCommunity} OR (district_id = ${D} AND ${KIND} = 'partner' AND partner_id = ${P})`,
    'SELECT, INSERT',
  ),

  // ── warnings (预警), computed and stored with owner and resolution
  `CREATE TABLE warnings (
     district_id uuid NOT NULL,
     community_id uuid NOT NULL,
     warning_id uuid NOT NULL DEFAULT gen_random_uuid(),
     kind text NOT NULL,
     severity text NOT NULL CHECK (severity IN ('red', 'amber')),
     subject_type text NOT NULL,
     subject_id uuid NOT NULL,
     period text NOT NULL,
     detail jsonb NOT NULL DEFAULT '{}'::jsonb,
     owner_user_id uuid,
     status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
     resolution text,
     detected_at timestamptz NOT NULL DEFAULT now(),
     resolved_at timestamptz,
     resolved_by uuid,
     version integer NOT NULL DEFAULT 1,
     PRIMARY KEY (district_id, community_id, warning_id),
     UNIQUE (district_id, kind, subject_id, period)
   )`,
  `CREATE INDEX warnings_open_idx ON warnings (district_id, status, severity)`,
  ...policies('warnings', readCommunity, writeCommunity, 'SELECT, INSERT, UPDATE'),

  // ── district settings beyond the due day
  `ALTER TABLE districts ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb`,

  // ── idempotency: the first answer to (user, key) is kept and replayed
  `CREATE TABLE idempotency_keys (
     user_id uuid NOT NULL,
     idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
     request_hash text NOT NULL,
     method text NOT NULL,
     path text NOT NULL,
     status integer,
     body jsonb,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (user_id, idempotency_key)
   )`,
  ...protect('idempotency_keys'),
  `CREATE POLICY idempotency_keys_own ON idempotency_keys FOR ALL TO ${RUNTIME} USING (user_id = ${U}) WITH CHECK (user_id = ${U})`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO ${RUNTIME}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'warnings',
    'pledge_fulfilments',
    'pledges',
    'proposal_objections',
    'proposals',
    'ledger_entries',
    'funds',
    'distribution_rules',
    'report_events',
    'monthly_reports',
    'operator_agreements',
    'shareholdings',
    'companies',
    'asset_appraisals',
    'assets',
  ]) {
    await sql.raw(`DROP TABLE IF EXISTS ${table} CASCADE`).execute(db);
  }
}
