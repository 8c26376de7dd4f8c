import { type Kysely, sql } from 'kysely';

/**
 * Resident proposals' use category, paper records and close result, and the payout date (ADR 0014; issue 10,
 * issue 12 items 6 and 7):
 *  - `proposals.use_category` (用途类别, the domain's closed list), backfilled from each existing proposal's title,
 *    then its purpose, by the words the demo and real proposals use; what matches nothing is 'other';
 *  - `proposals.minutes_file_name`: the scanned minutes' file name noted from a paper record (no upload);
 *    `proposals.close_result`: the result text given at 结项;
 *  - `ledger_entries.paid_on`: the day an expenditure's money left the fund, entered by the community — only an
 *    expenditure has one. Existing expenditures get their booking day in Shanghai (what coverage used until now, so
 *    no past figure moves); a writer that names none gets the same from a BEFORE INSERT trigger;
 *  - the fund rollup's view (`kpi_fund_month_facts`, migration 1400) judges "backed" by the payout date instead of
 *    the booking time, same columns; the rollup is recomputed from it.
 * Frozen once shipped.
 */
const USE_CATEGORIES = [
  'elderly_care',
  'child_care',
  'hardship_relief',
  'culture_sports',
  'environment',
  'public_facilities',
  'convenience_services',
  'governance',
  'other',
];

/** The first match wins; the title is read before the purpose ("老旧小区楼道照明改造, 方便老人" is lighting). */
const KEYWORDS: Array<[string, string]> = [
  ['culture_sports', '书屋|图书|读物|文体|健身|文化|体育|广场舞'],
  ['child_care', '托育|托管|儿童|少儿|幼儿|绘本|一小'],
  ['elderly_care', '长者|老人|老年|助老|为老|适老|康养|养老|助餐|一老'],
  ['hardship_relief', '帮扶|困难|救助|慰问|低保'],
  ['environment', '环境|绿化|口袋公园|整治|垃圾|卫生'],
  ['convenience_services', '便民|驿站|理发|维修工具'],
  ['public_facilities', '照明|设施|充电|无障碍|护栏|标识|改造|道路|坡道|路灯|管网'],
  ['governance', '治理|议事|协商|网格'],
];
const categoryOf = (column: string) =>
  KEYWORDS.map(([category, words]) => `when ${column} ~ '${words}' then '${category}'`).join(' ');

const SHANGHAI_DAY = (instant: string) =>
  `(date '1970-01-01' + floor((extract(epoch from ${instant}) + 28800) / 86400)::int)`;

const statements: string[] = [
  `ALTER TABLE proposals ADD COLUMN use_category text`,
  `ALTER TABLE proposals ADD COLUMN minutes_file_name text CHECK (length(minutes_file_name) <= 255)`,
  `ALTER TABLE proposals ADD COLUMN close_result text CHECK (length(close_result) <= 5000)`,
  `ALTER TABLE ledger_entries ADD COLUMN paid_on date`,

  // the migration runs as the tables' owner, which FORCE ROW LEVEL SECURITY holds to policies written for the
  // runtime role only: lifted for the backfill alone, inside the migration's transaction (as migration 1400)
  ...['proposals', 'ledger_entries', 'kpi_fund_months'].map(
    (t) => `ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY`,
  ),
  // the rollup triggers would recompute per statement; the rollup is recomputed once below
  `ALTER TABLE proposals DISABLE TRIGGER kpi_proposals_updated`,
  `ALTER TABLE ledger_entries DISABLE TRIGGER kpi_ledger_updated`,
  `UPDATE proposals SET use_category = case ${categoryOf('title')} ${categoryOf('purpose')} else 'other' end`,
  `UPDATE ledger_entries SET paid_on = ${SHANGHAI_DAY('created_at')} WHERE kind = 'expenditure'`,
  `ALTER TABLE proposals ENABLE TRIGGER kpi_proposals_updated`,
  `ALTER TABLE ledger_entries ENABLE TRIGGER kpi_ledger_updated`,

  `ALTER TABLE proposals ALTER COLUMN use_category SET NOT NULL`,
  `ALTER TABLE proposals ADD CONSTRAINT proposals_use_category_known
     CHECK (use_category IN (${USE_CATEGORIES.map((c) => `'${c}'`).join(', ')}))`,

  // a writer that does not know the payout date gets the booking day; only an expenditure has one
  `CREATE FUNCTION ledger_entries_default_paid_on() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$
   BEGIN
     IF NEW.kind = 'expenditure' AND NEW.paid_on IS NULL THEN
       NEW.paid_on := ${SHANGHAI_DAY('coalesce(NEW.created_at, now())')};
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER ledger_entries_paid_on BEFORE INSERT ON ledger_entries
     FOR EACH ROW EXECUTE FUNCTION ledger_entries_default_paid_on()`,
  `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_paid_on_expenditure
     CHECK ((kind = 'expenditure') = (paid_on IS NOT NULL))`,

  // deliberation coverage: backed when the disclosure's last day is before the payout date (a reversal is judged
  // with the payout it reverses) — packages/domain isBackedPayout
  `CREATE OR REPLACE VIEW kpi_fund_month_facts WITH (security_invoker = true) AS
   select x.district_id, x.community_id, x.fund_id, x.month,
          sum(x.signed_fen)::bigint as net_fen,
          sum(case when x.eff_kind = 'allocation' then x.signed_fen else 0 end)::bigint as allocation_fen,
          sum(case when x.eff_kind = 'donation' then x.signed_fen else 0 end)::bigint as donation_fen,
          sum(case when x.eff_kind = 'grant' then x.signed_fen else 0 end)::bigint as grant_fen,
          sum(case when x.eff_kind = 'expenditure' then -x.signed_fen else 0 end)::bigint as expenditure_fen,
          sum(case when x.eff_kind = 'expenditure' and x.approved_project then -x.signed_fen else 0 end)::bigint
            as project_expenditure_fen,
          sum(case when x.eff_kind = 'expenditure' and x.backed then -x.signed_fen else 0 end)::bigint
            as backed_expenditure_fen
   from (
     select e.district_id, e.community_id, e.fund_id, e.month, e.direction * e.amount_fen as signed_fen,
            case
              when e.kind <> 'reversal' then e.kind
              when o.kind is not null then o.kind
              when e.source_type = 'monthly_report' then 'allocation'
              else 'reversal'
            end as eff_kind,
            coalesce(p.status in ('approved', 'disclosure', 'disclosed', 'paid_out', 'closed'), false)
              as approved_project,
            coalesce(p.status in ('disclosed', 'paid_out', 'closed') and p.disclosure_ends_on is not null
                     and p.disclosure_ends_on < coalesce(o.paid_on, e.paid_on), false) as backed
     from ledger_entries e
     left join ledger_entries o
       on o.district_id = e.district_id and o.community_id = e.community_id and o.entry_id = e.reverses_entry_id
     left join proposals p
       on p.district_id = e.district_id and p.community_id = e.community_id
      and p.proposal_id = coalesce(e.proposal_id, o.proposal_id)
   ) x
   group by x.district_id, x.community_id, x.fund_id, x.month`,
  `DELETE FROM kpi_fund_months`,
  `INSERT INTO kpi_fund_months SELECT * FROM kpi_fund_month_facts`,

  ...['proposals', 'ledger_entries', 'kpi_fund_months'].map(
    (t) => `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    // the view as migration 1400 wrote it (backed by the booking day)
    `CREATE OR REPLACE VIEW kpi_fund_month_facts WITH (security_invoker = true) AS
     select x.district_id, x.community_id, x.fund_id, x.month,
            sum(x.signed_fen)::bigint as net_fen,
            sum(case when x.eff_kind = 'allocation' then x.signed_fen else 0 end)::bigint as allocation_fen,
            sum(case when x.eff_kind = 'donation' then x.signed_fen else 0 end)::bigint as donation_fen,
            sum(case when x.eff_kind = 'grant' then x.signed_fen else 0 end)::bigint as grant_fen,
            sum(case when x.eff_kind = 'expenditure' then -x.signed_fen else 0 end)::bigint as expenditure_fen,
            sum(case when x.eff_kind = 'expenditure' and x.approved_project then -x.signed_fen else 0 end)::bigint
              as project_expenditure_fen,
            sum(case when x.eff_kind = 'expenditure' and x.backed then -x.signed_fen else 0 end)::bigint
              as backed_expenditure_fen
     from (
       select e.district_id, e.community_id, e.fund_id, e.month, e.direction * e.amount_fen as signed_fen,
              case
                when e.kind <> 'reversal' then e.kind
                when o.kind is not null then o.kind
                when e.source_type = 'monthly_report' then 'allocation'
                else 'reversal'
              end as eff_kind,
              coalesce(p.status in ('approved', 'disclosure', 'disclosed', 'paid_out', 'closed'), false)
                as approved_project,
              coalesce(p.status in ('disclosed', 'paid_out', 'closed') and p.disclosure_ends_on is not null
                       and p.disclosure_ends_on < ${SHANGHAI_DAY('coalesce(o.created_at, e.created_at)')},
                       false) as backed
       from ledger_entries e
       left join ledger_entries o
         on o.district_id = e.district_id and o.community_id = e.community_id and o.entry_id = e.reverses_entry_id
       left join proposals p
         on p.district_id = e.district_id and p.community_id = e.community_id
        and p.proposal_id = coalesce(e.proposal_id, o.proposal_id)
     ) x
     group by x.district_id, x.community_id, x.fund_id, x.month`,
    'ALTER TABLE ledger_entries DROP CONSTRAINT IF EXISTS ledger_entries_paid_on_expenditure',
    'DROP TRIGGER IF EXISTS ledger_entries_paid_on ON ledger_entries',
    'DROP FUNCTION IF EXISTS ledger_entries_default_paid_on()',
    'ALTER TABLE ledger_entries DROP COLUMN IF EXISTS paid_on',
    'ALTER TABLE proposals DROP COLUMN IF EXISTS close_result',
    'ALTER TABLE proposals DROP COLUMN IF EXISTS minutes_file_name',
    'ALTER TABLE proposals DROP COLUMN IF EXISTS use_category',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
