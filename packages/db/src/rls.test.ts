/**
 * Row-level security alone, with the application layer bypassed on purpose: raw statements as the runtime
 * role under each scope. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import type { Database } from './schema';
import { DEMO_IDS, seedDemo } from './seed/demo';
import { deterministicId } from './seed/deterministic-id';
import { type DbScope, withTenantTransaction } from './tenant';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
let db: Kysely<Database>;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db, { hashPassword: async () => 'not-a-real-hash' });
  // one audit row per community, written in that community's scope
  for (const communityId of [DEMO_IDS.wangjiangjie, DEMO_IDS.jinhui]) {
    await withTenantTransaction(db, communityScope(communityId), (trx) =>
      trx
        .insertInto('audit_log')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: communityId,
          action: 'seed',
          entity_type: 'test',
        })
        .execute(),
    );
  }
  await withTenantTransaction(db, xiquScope, (trx) =>
    trx
      .insertInto('audit_log')
      .values({
        district_id: DEMO_IDS.xiqu,
        community_id: DEMO_IDS.xiquCommunity,
        action: 'seed',
        entity_type: 'test',
      })
      .execute(),
  );
  // one security event per district (ADR 0025): written in the login scope, filed under the account's home
  for (const email of ['admin@dongqu.demo', 'admin@xiqu.demo']) {
    await withTenantTransaction(db, { kind: 'login', email }, (trx) =>
      trx
        .insertInto('security_events')
        .values({
          kind: 'login',
          outcome: 'wrong_password',
          email,
          user_id: deterministicId(`user:${email}`),
          address: '192.0.2.1',
        })
        .execute(),
    );
  }
  await createFixtures(B, districtScope, deterministicId('venture:jinhui-tidal-market'), DEMO_IDS.soe);
  await createFixtures(
    A_TARGET,
    districtScope,
    deterministicId('venture:wangjiangjie-service-station'),
    DEMO_IDS.tusStar,
  );
  await createFixtures(
    otherDistrict,
    xiquScope,
    deterministicId('venture:xiqu-canteen'),
    deterministicId('partner:xiqu-social-org'),
  );
  // one API token per target community, as the owner (the insert policy is the creator's scope, tested elsewhere)
  for (const t of [B, A_TARGET, otherDistrict]) {
    await sql`insert into api_tokens (district_id, community_id, membership_id, created_by, name, scopes, secret_hash, expires_at)
      values (${t.districtId}, ${t.communityId}, ${randomUUID()}, ${dongquAdmin}, '测试令牌', '{report:read}', '\\x00', '2030-01-01T00:00:00Z')`.execute(
      db,
    );
  }
});
afterAll(async () => handle?.close());

/** The parents every new-table row hangs on, per target community (created in beforeAll). */
const fixtures = new Map<string, Record<string, string>>();

async function createFixtures(t: Target, scope: DbScope, ventureId: string, partnerId: string) {
  const ids = await withTenantTransaction(db, scope, async (trx) => {
    const base = { district_id: t.districtId, community_id: t.communityId };
    const asset = await trx
      .insertInto('assets')
      .values({ ...base, kind: 'premises', name: '测试场地' })
      .returning('asset_id')
      .executeTakeFirstOrThrow();
    const appraisal = await trx
      .insertInto('asset_appraisals')
      .values({
        ...base,
        asset_id: asset.asset_id,
        method: 'market',
        appraiser: '测试评估所',
        appraised_on: '2025-01-01',
        value_fen: 100_000_00,
      })
      .returning('appraisal_id')
      .executeTakeFirstOrThrow();
    const company = await trx
      .insertInto('companies')
      .values({
        ...base,
        legal_name: `测试公司${randomUUID()}`,
        credit_code: randomCode(),
        operating_model: 'asset_lease',
      })
      .returning('company_id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('shareholdings')
      .values({
        ...base,
        company_id: company.company_id,
        holder_kind: 'community',
        holder_name: '社区',
        contribution_kind: 'cash',
        share_bp: 10_000,
      })
      .execute();
    await trx
      .insertInto('operator_agreements')
      .values({
        ...base,
        venture_id: ventureId,
        partner_id: partnerId,
        starts_on: '2025-06-01',
        ends_on: '2027-05-31',
        terms: 'profit_share',
      })
      .execute();
    const report = await trx
      .insertInto('monthly_reports')
      .values({ ...base, venture_id: ventureId, month: '2026-10', revenue_fen: 1_000_00 })
      .returning('report_id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('report_events')
      .values({
        ...base,
        report_id: report.report_id,
        venture_id: ventureId,
        action: 'create',
        to_status: 'draft',
        actor_user_id: dongquAdmin,
      })
      .execute();
    await trx
      .insertInto('report_imports')
      .values({
        ...base,
        file_hash: 'a'.repeat(64),
        venture_id: ventureId,
        month: '2026-10',
        mode: 'draft',
        report_id: report.report_id,
        imported_by: dongquAdmin,
      })
      .execute();
    await trx
      .insertInto('report_attachments')
      .values(attachmentRow({ ...base, report_id: report.report_id, venture_id: ventureId }))
      .execute();
    await trx
      .insertInto('distribution_rules')
      .values({
        ...base,
        effective_from: '2025-01',
        governance_fund_bp: 4000,
        reserve_bp: 3000,
        other_bp: 3000,
      })
      .execute();
    await trx
      .insertInto('report_period_locks')
      .values({ ...base, month: '2024-01', locked_by: dongquAdmin })
      .execute();
    await trx
      .insertInto('kpi_targets')
      .values({ ...base, year: 2026, kpi: 'operating_revenue', value: 100_000_00, updated_by: dongquAdmin })
      .execute();
    const fund = await trx
      .insertInto('funds')
      .values({ ...base, kind: 'governance_special', name: '治理基金' })
      .returning('fund_id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('ledger_entries')
      .values({
        ...base,
        fund_id: fund.fund_id,
        kind: 'grant',
        direction: 1,
        amount_fen: 500_00,
        month: '2026-10',
      })
      .execute();
    const proposal = await trx
      .insertInto('proposals')
      .values({
        ...base,
        fund_id: fund.fund_id,
        title: '测试议题',
        purpose: '测试',
        use_category: 'public_facilities',
        amount_fen: 100_00,
      })
      .returning('proposal_id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('proposal_objections')
      .values({ ...base, proposal_id: proposal.proposal_id, content: '异议', raised_on: '2026-10-02' })
      .execute();
    const pledge = await trx
      .insertInto('pledges')
      .values({
        ...base,
        partner_id: partnerId,
        kind: 'cash',
        description: '捐赠',
        amount_fen: 1_000_00,
        due_on: '2026-12-31',
      })
      .returning('pledge_id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('pledge_fulfilments')
      .values({
        ...base,
        pledge_id: pledge.pledge_id,
        partner_id: partnerId,
        value_fen: 100_00,
        fulfilled_on: '2026-10-01',
      })
      .execute();
    await trx
      .insertInto('warnings')
      .values({
        ...base,
        kind: 'report_late',
        severity: 'amber',
        subject_type: 'venture',
        subject_id: ventureId,
        period: '2026-10',
      })
      .execute();
    return {
      asset: asset.asset_id,
      appraisal: appraisal.appraisal_id,
      company: company.company_id,
      report: report.report_id,
      fund: fund.fund_id,
      proposal: proposal.proposal_id,
      pledge: pledge.pledge_id,
      venture: ventureId,
      partner: partnerId,
    };
  });
  fixtures.set(t.communityId, ids);
}

/** A syntactically valid 18-character code (the check digit is the API's business, not the table's). */
function randomCode() {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  return Array.from({ length: 18 }, () => chars[Math.floor(Math.random() * chars.length)]).join('');
}

const fx = (t: Target, key: string) => {
  const id = fixtures.get(t.communityId)?.[key];
  if (!id) throw new Error(`no fixture ${key} for ${t.communityId}`);
  return id;
};

const dongquAdmin = deterministicId('user:admin@dongqu.demo');
const communityScope = (communityId: string): DbScope => ({
  kind: 'community',
  userId: deterministicId('user:wangjiangjie@dongqu.demo'),
  districtId: DEMO_IDS.dongqu,
  communityId,
});
const A = communityScope(DEMO_IDS.wangjiangjie);
const districtScope: DbScope = { kind: 'district', userId: dongquAdmin, districtId: DEMO_IDS.dongqu };
const xiquScope: DbScope = {
  kind: 'district',
  userId: deterministicId('user:admin@xiqu.demo'),
  districtId: DEMO_IDS.xiqu,
};
const partnerScope: DbScope = {
  kind: 'partner',
  userId: deterministicId('user:soe@dongqu.demo'),
  districtId: DEMO_IDS.dongqu,
  partnerId: DEMO_IDS.soe,
};

interface Target {
  districtId: string;
  communityId: string;
}
const B: Target = { districtId: DEMO_IDS.dongqu, communityId: DEMO_IDS.jinhui };
const otherDistrict: Target = { districtId: DEMO_IDS.xiqu, communityId: DEMO_IDS.xiquCommunity };
const A_TARGET: Target = { districtId: DEMO_IDS.dongqu, communityId: DEMO_IDS.wangjiangjie };

/**
 * How to touch each tenant table. `level` says which column makes a row someone else's; `row` builds a
 * new row belonging to a target; `touch` is a harmless assignment for UPDATE. A tenant table missing
 * here fails the coverage test below.
 */
const TABLES: Record<
  string,
  { level: 'district' | 'community'; row: (t: Target) => Record<string, unknown>; touch: string }
> = {
  districts: {
    level: 'district',
    row: () => ({ district_id: randomUUID(), name: `区${randomUUID()}` }),
    touch: 'name',
  },
  street_offices: {
    level: 'district',
    row: (t) => ({ district_id: t.districtId, name: `街道${randomUUID()}` }),
    touch: 'name',
  },
  partners: {
    level: 'district',
    row: (t) => ({ district_id: t.districtId, name: `伙伴${randomUUID()}`, kind: 'enterprise' }),
    touch: 'name',
  },
  communities: {
    level: 'community',
    row: (t) => ({ district_id: t.districtId, community_id: randomUUID(), name: `社区${randomUUID()}` }),
    touch: 'name',
  },
  ventures: {
    level: 'community',
    row: (t) => ({
      district_id: t.districtId,
      community_id: t.communityId,
      name: `项目${randomUUID()}`,
      category: 'other',
    }),
    touch: 'name',
  },
  memberships: {
    level: 'community',
    row: (t) => ({
      district_id: t.districtId,
      user_id: deterministicId('user:viewer@dongqu.demo'),
      role: 'community_reporter',
      community_id: t.communityId,
    }),
    touch: 'role',
  },
  // written only in the login or the user's own scope; the trigger files it under the account's home district
  security_events: {
    level: 'district',
    row: (t) => ({
      kind: 'login',
      outcome: 'success',
      email: 'forged@example.test',
      user_id: deterministicId(`user:admin@${t.districtId === DEMO_IDS.xiqu ? 'xiqu' : 'dongqu'}.demo`),
      district_id: t.districtId,
      address: '192.0.2.9',
    }),
    touch: 'outcome',
  },
  audit_log: {
    level: 'community',
    row: (t) => ({ ...own(t), action: 'forged', entity_type: 'test' }),
    touch: 'action',
  },
  assets: { level: 'community', row: (t) => ({ ...own(t), kind: 'land', name: '伪造' }), touch: 'name' },
  report_period_locks: {
    level: 'community',
    row: (t) => ({ ...own(t), month: '2023-12', locked_by: dongquAdmin }),
    touch: 'month',
  },
  kpi_targets: {
    level: 'community',
    row: (t) => ({ ...own(t), year: 2031, kpi: 'net_profit', value: 1, updated_by: dongquAdmin }),
    touch: 'value',
  },
  asset_appraisals: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      asset_id: fx(t, 'asset'),
      method: 'm',
      appraiser: 'x',
      appraised_on: '2026-01-01',
    }),
    touch: 'appraiser',
  },
  companies: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      legal_name: `伪造${randomUUID()}`,
      credit_code: randomCode(),
      operating_model: 'asset_lease',
    }),
    touch: 'legal_name',
  },
  shareholdings: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      company_id: fx(t, 'company'),
      holder_kind: 'residents',
      holder_name: '伪造',
      contribution_kind: 'cash',
      share_bp: 1,
    }),
    touch: 'holder_name',
  },
  operator_agreements: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      venture_id: fx(t, 'venture'),
      partner_id: fx(t, 'partner'),
      starts_on: '2026-01-01',
      ends_on: '2026-12-31',
      terms: 'fee',
    }),
    touch: 'terms',
  },
  monthly_reports: {
    level: 'community',
    row: (t) => ({ ...own(t), venture_id: fx(t, 'venture'), month: '2026-09' }),
    touch: 'notes',
  },
  report_imports: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      file_hash: 'b'.repeat(64),
      venture_id: fx(t, 'venture'),
      month: '2026-09',
      mode: 'submit',
      report_id: fx(t, 'report'),
      imported_by: dongquAdmin,
    }),
    touch: 'mode',
  },
  report_attachments: {
    level: 'community',
    row: (t) => attachmentRow({ ...own(t), report_id: fx(t, 'report'), venture_id: fx(t, 'venture') }),
    touch: 'file_name',
  },
  api_tokens: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      membership_id: randomUUID(),
      created_by: dongquAdmin,
      name: '伪造令牌',
      scopes: '{report:write}',
      secret_hash: '\\x00',
      expires_at: '2030-01-01T00:00:00Z',
    }),
    touch: 'revoked_at',
  },
  report_events: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      report_id: fx(t, 'report'),
      venture_id: fx(t, 'venture'),
      action: 'approve',
      to_status: 'approved',
      actor_user_id: dongquAdmin,
    }),
    touch: 'comment',
  },
  distribution_rules: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      effective_from: '2026-11',
      governance_fund_bp: 10000,
      reserve_bp: 0,
      other_bp: 0,
    }),
    touch: 'version',
  },
  funds: { level: 'community', row: (t) => ({ ...own(t), kind: 'other', name: '伪造基金' }), touch: 'name' },
  ledger_entries: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      fund_id: fx(t, 'fund'),
      kind: 'grant',
      direction: 1,
      amount_fen: 1,
      month: '2026-11',
    }),
    touch: 'memo',
  },
  proposals: {
    level: 'community',
    row: (t) => ({ ...own(t), fund_id: fx(t, 'fund'), title: '伪造', purpose: 'x', amount_fen: 1 }),
    touch: 'title',
  },
  proposal_objections: {
    level: 'community',
    row: (t) => ({ ...own(t), proposal_id: fx(t, 'proposal'), content: '伪造', raised_on: '2026-11-01' }),
    touch: 'content',
  },
  pledges: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      partner_id: fx(t, 'partner'),
      kind: 'cash',
      description: '伪造',
      due_on: '2027-01-01',
    }),
    touch: 'description',
  },
  pledge_fulfilments: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      pledge_id: fx(t, 'pledge'),
      partner_id: fx(t, 'partner'),
      value_fen: 1,
      fulfilled_on: '2026-11-01',
    }),
    touch: 'description',
  },
  warnings: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      kind: 'fund_idle',
      severity: 'red',
      subject_type: 'fund',
      subject_id: fx(t, 'fund'),
      period: randomUUID(),
    }),
    touch: 'resolution',
  },
  // KPI rollups (migration 1400): written by triggers in the writer's scope, policed like their sources
  kpi_venture_months: {
    level: 'community',
    row: (t) => ({ ...ventureMonth(t), month: '2025-01' }),
    touch: 'counted',
  },
  kpi_fund_months: {
    level: 'community',
    row: (t) => ({
      ...own(t),
      fund_id: fx(t, 'fund'),
      month: '2025-01',
      net_fen: 1,
      allocation_fen: 0,
      donation_fen: 0,
      grant_fen: 1,
      expenditure_fen: 0,
      project_expenditure_fen: 0,
      backed_expenditure_fen: 0,
    }),
    touch: 'net_fen',
  },
  // the views that define them read under the caller's RLS (security_invoker) and take no writes
  kpi_venture_month_facts: {
    level: 'community',
    row: (t) => ({ ...ventureMonth(t), month: '2025-02' }),
    touch: 'counted',
  },
  kpi_fund_month_facts: {
    level: 'community',
    row: (t) => ({ ...own(t), fund_id: fx(t, 'fund'), month: '2025-02', net_fen: 1 }),
    touch: 'net_fen',
  },
};

function ventureMonth(t: Target) {
  return {
    ...own(t),
    venture_id: fx(t, 'venture'),
    counted: true,
    revenue_fen: 1,
    operating_cost_fen: 0,
    stable_jobs: 0,
    residents_served: 0,
    service_transactions: 0,
    service_requests: 0,
    requests_within_promise: 0,
    remittance_received_fen: 0,
    income_fen: 1,
    latest_status: 'approved',
    has_approved: true,
  };
}

/** A report attachment's row: a tiny PDF whose hash is its own. */
function attachmentRow(base: {
  district_id: string;
  community_id: string;
  report_id: string;
  venture_id: string;
}) {
  const content = new TextEncoder().encode(`%PDF-1.4\n% ${randomUUID()}\n`);
  return {
    ...base,
    file_name: '发票.pdf',
    kind: 'pdf',
    media_type: 'application/pdf',
    byte_size: content.byteLength,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
    uploaded_by: dongquAdmin,
  };
}

function own(t: Target) {
  return { district_id: t.districtId, community_id: t.communityId };
}

/** The community column of a table (communities are their own community). */
const communityColumn = (table: string) => (table === 'communities' ? 'community_id' : 'community_id');

/** Rows matching a target, counted by the connecting (owner/superuser) role: the ground truth. */
async function ownerCount(table: string, t: Target, level: 'district' | 'community') {
  const filter =
    level === 'community'
      ? sql`district_id = ${t.districtId} and ${sql.ref(communityColumn(table))} = ${t.communityId}`
      : sql`district_id = ${t.districtId}`;
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(table)} where ${filter}`.execute(db);
  return r.rows[0]?.n ?? -1;
}

async function scopedCount(scope: DbScope, table: string, where = sql`true`) {
  return withTenantTransaction(db, scope, async (trx) => {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(trx);
    return r.rows[0]?.n ?? -1;
  });
}

/** Runs a write in scope; returns the affected row count, or 'refused' when the database raised an error. */
async function scopedWrite(scope: DbScope, statement: ReturnType<typeof sql>) {
  try {
    return await withTenantTransaction(db, scope, async (trx) => {
      const r = await statement.execute(trx);
      return Number(r.numAffectedRows ?? 0n);
    });
  } catch {
    return 'refused' as const;
  }
}

function insertStatement(table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values (${sql.join(
    columns.map((c) => row[c]),
  )})`;
}

function targetFilter(table: string, t: Target, level: 'district' | 'community') {
  return level === 'community'
    ? sql`district_id = ${t.districtId} and ${sql.ref(communityColumn(table))} = ${t.communityId}`
    : sql`district_id = ${t.districtId}`;
}

describe('row-level security', () => {
  it('covers every table that has a tenant column', async () => {
    const r = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.columns
      where table_schema = 'public' and column_name in ('district_id', 'community_id')
        and table_name not like 'kysely_%'`.execute(db);
    const tenantTables = r.rows.map((x) => x.table_name).sort();
    expect(tenantTables.length).toBeGreaterThan(0);
    expect(Object.keys(TABLES).sort()).toEqual(tenantTables);
  });

  for (const [table, spec] of Object.entries(TABLES)) {
    describe(table, () => {
      const targets: Array<[string, Target]> =
        spec.level === 'community'
          ? [
              ['another community of the district', B],
              ['another district', otherDistrict],
            ]
          : [['another district', otherDistrict]];

      for (const [label, target] of targets) {
        it(`community A cannot read, insert, update or delete rows of ${label}`, async () => {
          const before = await ownerCount(table, target, spec.level);
          expect(before).toBeGreaterThan(0); // there is something to protect

          expect(await scopedCount(A, table, targetFilter(table, target, spec.level))).toBe(0);

          const inserted = await scopedWrite(A, insertStatement(table, spec.row(target)));
          expect(inserted).toBe('refused');

          const touch = sql.ref(spec.touch);
          const updated = await scopedWrite(
            A,
            sql`update ${sql.table(table)} set ${touch} = ${touch} where ${targetFilter(table, target, spec.level)}`,
          );
          expect(updated === 'refused' || updated === 0).toBe(true);

          const deleted = await scopedWrite(
            A,
            sql`delete from ${sql.table(table)} where ${targetFilter(table, target, spec.level)}`,
          );
          expect(deleted === 'refused' || deleted === 0).toBe(true);

          expect(await ownerCount(table, target, spec.level)).toBe(before);
        });
      }

      it('no scope sees nothing and writes nothing', async () => {
        expect(await scopedCount({ kind: 'none' }, table)).toBe(0);
        expect(await scopedWrite({ kind: 'none' }, insertStatement(table, spec.row(B)))).toBe('refused');
      });

      it('a district scope sees its own district only', async () => {
        expect(await scopedCount(districtScope, table, sql`district_id <> ${DEMO_IDS.dongqu}`)).toBe(0);
        expect(await scopedCount(districtScope, table)).toBeGreaterThan(0);
        const other = await scopedWrite(districtScope, insertStatement(table, spec.row(otherDistrict)));
        expect(other).toBe('refused');
      });
    });
  }

  it('a community scope reads its own and district-wide period locks, and locks nothing itself', async () => {
    await withTenantTransaction(db, districtScope, (trx) =>
      trx
        .insertInto('report_period_locks')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: null,
          month: '2024-02',
          locked_by: dongquAdmin,
        })
        .execute(),
    );
    const seen = await withTenantTransaction(db, A, (trx) =>
      trx.selectFrom('report_period_locks').select(['community_id', 'month']).orderBy('month').execute(),
    );
    expect(seen).toEqual([
      { community_id: A_TARGET.communityId, month: '2024-01' },
      { community_id: null, month: '2024-02' },
    ]);
    const locking = await scopedWrite(
      A,
      insertStatement('report_period_locks', { ...own(A_TARGET), month: '2023-11', locked_by: dongquAdmin }),
    );
    expect(locking).toBe('refused');
  });

  it('a partner operator reads the locks of communities where it operates and district-wide ones, and locks nothing', async () => {
    const seen = await withTenantTransaction(db, partnerScope, (trx) =>
      trx.selectFrom('report_period_locks').select(['district_id', 'community_id', 'month']).execute(),
    );
    // the SOE operates in Jinhui (B) only: Jinhui's lock and the district-wide one, not Wangjiangjie's
    expect(seen).toContainEqual({
      district_id: DEMO_IDS.dongqu,
      community_id: B.communityId,
      month: '2024-01',
    });
    expect(seen).toContainEqual({ district_id: DEMO_IDS.dongqu, community_id: null, month: '2024-02' });
    for (const lock of seen) {
      expect(lock.district_id).toBe(DEMO_IDS.dongqu);
      expect([null, B.communityId]).toContain(lock.community_id);
    }
    for (const row of [
      { ...own(B), month: '2023-10', locked_by: dongquAdmin },
      { district_id: DEMO_IDS.dongqu, community_id: null, month: '2023-10', locked_by: dongquAdmin },
    ]) {
      expect(await scopedWrite(partnerScope, insertStatement('report_period_locks', row))).toBe('refused');
    }
  });

  it('a period lock is history: not even the district rewrites or removes one', async () => {
    const update = await scopedWrite(districtScope, sql`update report_period_locks set month = '2020-01'`);
    const remove = await scopedWrite(districtScope, sql`delete from report_period_locks`);
    expect(update).toBe('refused');
    expect(remove).toBe('refused');
    // and one lock per community and month, one district-wide lock per month
    const twice = await scopedWrite(
      districtScope,
      insertStatement('report_period_locks', { ...own(B), month: '2024-01', locked_by: dongquAdmin }),
    );
    expect(twice).toBe('refused');
    const wide = {
      district_id: DEMO_IDS.dongqu,
      community_id: null,
      month: '2024-03',
      locked_by: dongquAdmin,
    };
    expect(await scopedWrite(districtScope, insertStatement('report_period_locks', wide))).toBe(1);
    expect(await scopedWrite(districtScope, insertStatement('report_period_locks', wide))).toBe('refused');
  });

  it('KPI targets: a community reads its own and the district’s, writes none; a partner reads none', async () => {
    await withTenantTransaction(db, districtScope, (trx) =>
      trx
        .insertInto('kpi_targets')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: null,
          year: 2026,
          kpi: 'operating_revenue',
          value: 900_000_00,
          updated_by: dongquAdmin,
        })
        .execute(),
    );
    const seen = await withTenantTransaction(db, A, (trx) =>
      trx.selectFrom('kpi_targets').select(['district_id', 'community_id']).execute(),
    );
    expect(seen).toContainEqual({ district_id: DEMO_IDS.dongqu, community_id: null });
    expect(seen).toContainEqual({ district_id: DEMO_IDS.dongqu, community_id: A_TARGET.communityId });
    for (const row of seen) expect([null, A_TARGET.communityId]).toContain(row.community_id);
    expect(await scopedCount(partnerScope, 'kpi_targets')).toBe(0);
    // a community sets no target, not even its own nor the district's, and changes none
    const wide = {
      district_id: DEMO_IDS.dongqu,
      community_id: null,
      year: 2030,
      kpi: 'net_profit',
      value: 1,
    };
    for (const scope of [A, partnerScope]) {
      expect(
        await scopedWrite(scope, insertStatement('kpi_targets', { ...wide, updated_by: dongquAdmin })),
      ).toBe('refused');
      expect(
        await scopedWrite(
          scope,
          insertStatement('kpi_targets', {
            ...own(A_TARGET),
            year: 2030,
            kpi: 'net_profit',
            value: 1,
            updated_by: dongquAdmin,
          }),
        ),
      ).toBe('refused');
      const updated = await scopedWrite(scope, sql`update kpi_targets set value = value + 1`);
      expect(updated === 'refused' || updated === 0).toBe(true);
      const deleted = await scopedWrite(scope, sql`delete from kpi_targets`);
      expect(deleted === 'refused' || deleted === 0).toBe(true);
    }
    // one target per KPI, year and community, and one for the district
    expect(
      await scopedWrite(districtScope, insertStatement('kpi_targets', { ...wide, updated_by: dongquAdmin })),
    ).toBe(1);
    expect(
      await scopedWrite(districtScope, insertStatement('kpi_targets', { ...wide, updated_by: dongquAdmin })),
    ).toBe('refused');
  });

  it('a community scope sees its own community rows', async () => {
    expect(await scopedCount(A, 'communities')).toBe(1);
    expect(await scopedCount(A, 'ventures')).toBe(2);
    expect(await scopedCount(A, 'audit_log')).toBe(1);
  });

  it('a partner operator sees the ventures it operates and their communities, nothing else', async () => {
    const ventures = await withTenantTransaction(db, partnerScope, (trx) =>
      trx.selectFrom('ventures').select(['name', 'community_id']).execute(),
    );
    expect(ventures.map((v) => v.name)).toEqual(['金汇潮汐市场']);
    const communities = await withTenantTransaction(db, partnerScope, (trx) =>
      trx.selectFrom('communities').select('name').execute(),
    );
    expect(communities.map((c) => c.name)).toEqual(['金汇社区']);
  });

  it('a partner operator reaches the reports and agreements of its ventures only', async () => {
    const reports = await withTenantTransaction(db, partnerScope, (trx) =>
      trx.selectFrom('monthly_reports').select(['community_id', 'venture_id']).execute(),
    );
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.venture_id === deterministicId('venture:jinhui-tidal-market'))).toBe(true);
    const agreements = await withTenantTransaction(db, partnerScope, (trx) =>
      trx.selectFrom('operator_agreements').select('venture_id').execute(),
    );
    expect(agreements.every((a) => a.venture_id === deterministicId('venture:jinhui-tidal-market'))).toBe(
      true,
    );
    // and cannot write a report of a venture it does not operate
    const forged = await scopedWrite(
      partnerScope,
      insertStatement('monthly_reports', {
        ...own(A_TARGET),
        venture_id: fx(A_TARGET, 'venture'),
        month: '2026-08',
      }),
    );
    expect(forged).toBe('refused');
  });

  it('a district scope writes inside its district', async () => {
    const n = await scopedWrite(
      districtScope,
      insertStatement('street_offices', { district_id: B.districtId, name: '新街道' }),
    );
    expect(n).toBe(1);
  });

  it('the audit log cannot be updated or deleted by the runtime role, even in its own scope', async () => {
    const update = await scopedWrite(districtScope, sql`update audit_log set action = 'rewritten'`);
    const remove = await scopedWrite(districtScope, sql`delete from audit_log`);
    expect(update).toBe('refused');
    expect(remove).toBe('refused');
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where action = 'rewritten'`.execute(db);
    expect(r.rows[0]?.n).toBe(0);
  });

  describe('identity tables', () => {
    const jinhuiUser = deterministicId('user:jinhui@dongqu.demo');
    it('a user sees only their own user row and memberships outside a district scope', async () => {
      const scope: DbScope = { kind: 'user', userId: jinhuiUser };
      const users = await withTenantTransaction(db, scope, (trx) =>
        trx.selectFrom('users').select('email').execute(),
      );
      expect(users.map((u) => u.email)).toEqual(['jinhui@dongqu.demo']);
      const m = await withTenantTransaction(db, scope, (trx) =>
        trx.selectFrom('memberships').select('user_id').execute(),
      );
      expect(m.every((x) => x.user_id === jinhuiUser)).toBe(true);
      expect(m.length).toBe(1);
    });

    it('login scope sees exactly the account being tried', async () => {
      const users = await withTenantTransaction(db, { kind: 'login', email: 'Dukou@dongqu.demo' }, (trx) =>
        trx.selectFrom('users').select('email').execute(),
      );
      expect(users.map((u) => u.email)).toEqual(['dukou@dongqu.demo']);
    });

    it('a community scope cannot read users of other communities', async () => {
      const users = await withTenantTransaction(db, A, (trx) =>
        trx.selectFrom('users').select('email').execute(),
      );
      expect(users.map((u) => u.email)).toEqual(['wangjiangjie@dongqu.demo']);
    });

    it('no scope sees no user, session or platform admin', async () => {
      for (const table of ['users', 'sessions', 'platform_admins', 'idempotency_keys']) {
        expect(await scopedCount({ kind: 'none' }, table)).toBe(0);
      }
    });

    it('a session scope sees its one session and no other', async () => {
      const own = 'aaaaaaaaaaaaaaaaaaaaaaaa';
      const other = 'bbbbbbbbbbbbbbbbbbbbbbbb';
      for (const [sessionId, email] of [
        [own, 'jinhui@dongqu.demo'],
        [other, 'dukou@dongqu.demo'],
      ] as const) {
        const userId = deterministicId(`user:${email}`);
        await withTenantTransaction(db, { kind: 'user', userId }, (trx) =>
          trx
            .insertInto('sessions')
            .values({
              session_id: sessionId,
              secret_hash: new Uint8Array(32),
              user_id: userId,
              expires_at: new Date(Date.now() + 3_600_000),
              absolute_expires_at: new Date(Date.now() + 7_200_000),
            })
            .execute(),
        );
      }
      const seen = await withTenantTransaction(db, { kind: 'session', sessionId: own }, (trx) =>
        trx.selectFrom('sessions').select('session_id').execute(),
      );
      expect(seen.map((s) => s.session_id)).toEqual([own]);
      const forged = await scopedWrite(
        { kind: 'user', userId: jinhuiUser },
        sql`delete from sessions where session_id = ${other}`,
      );
      expect(forged).toBe(0);
    });
  });
});

/**
 * One venture as a scope (migration 2026-12-07T1000, ADR 0026): a community's or a partner's scope with
 * `ventureId` (an API token for one venture) reaches that venture's rows only in every venture-keyed table, for
 * reading and writing; without it, the same scope reaches all its ventures as before.
 */
describe('a scope limited to one venture', () => {
  const serviceStation = deterministicId('venture:wangjiangjie-service-station');
  const readingRoom = deterministicId('venture:wangjiangjie-reading-room');
  const VENTURE_TABLES = [
    'ventures',
    'monthly_reports',
    'report_events',
    'report_imports',
    'report_attachments',
    'operator_agreements',
    'kpi_venture_months',
  ];
  const oneVenture = (ventureId: string): DbScope => ({ ...A, ventureId }) as DbScope;

  beforeAll(async () => {
    // the reading room gets a row in every venture-keyed table too, beside the service station's fixtures
    await withTenantTransaction(db, districtScope, async (trx) => {
      const base = own(A_TARGET);
      const report = await trx
        .insertInto('monthly_reports')
        .values({ ...base, venture_id: readingRoom, month: '2026-07', revenue_fen: 1_000_00 })
        .returning('report_id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('report_events')
        .values({
          ...base,
          report_id: report.report_id,
          venture_id: readingRoom,
          action: 'create',
          to_status: 'draft',
          actor_user_id: dongquAdmin,
        })
        .execute();
      await trx
        .insertInto('report_imports')
        .values({
          ...base,
          file_hash: 'c'.repeat(64),
          venture_id: readingRoom,
          month: '2026-07',
          mode: 'draft',
          report_id: report.report_id,
          imported_by: dongquAdmin,
        })
        .execute();
      await trx
        .insertInto('report_attachments')
        .values(attachmentRow({ ...base, report_id: report.report_id, venture_id: readingRoom }))
        .execute();
      await trx
        .insertInto('operator_agreements')
        .values({
          ...base,
          venture_id: readingRoom,
          partner_id: DEMO_IDS.tusStar,
          starts_on: '2025-06-01',
          ends_on: '2027-05-31',
          terms: 'fee',
        })
        .execute();
    });
  });

  /** rows of the table by venture, as a scope sees them */
  async function seenBy(scope: DbScope, table: string) {
    return withTenantTransaction(db, scope, async (trx) => {
      const r = await sql<{ own: number; other: number }>`
        select count(*) filter (where venture_id = ${serviceStation})::int as own,
               count(*) filter (where venture_id <> ${serviceStation})::int as other
        from ${sql.table(table)}`.execute(trx);
      return r.rows[0];
    });
  }

  it('every policy of every table keyed by venture reads app.venture_id, so one added later cannot forget it', async () => {
    const r = await sql<{ table: string; policy: string; qual: string | null; with_check: string | null }>`
      select p.tablename as table, p.policyname as policy, p.qual, p.with_check from pg_policies p
      where p.schemaname = 'public'
        and exists (select 1 from information_schema.columns c join information_schema.tables t
                      on t.table_schema = c.table_schema and t.table_name = c.table_name
                    where c.table_schema = 'public' and c.table_name = p.tablename and c.column_name = 'venture_id'
                      and t.table_type = 'BASE TABLE')
        -- a token's venture_id names its limit, not the venture its row belongs to
        and p.tablename <> 'api_tokens'`.execute(db);
    expect(new Set(r.rows.map((x) => x.table))).toEqual(new Set(VENTURE_TABLES));
    const forgetting = r.rows.filter(
      (x) =>
        (x.qual !== null && !x.qual.includes('app.venture_id')) ||
        (x.with_check !== null && !x.with_check.includes('app.venture_id')),
    );
    expect(forgetting.map((x) => `${x.table}.${x.policy}`)).toEqual([]);
  });

  for (const table of VENTURE_TABLES) {
    it(`${table}: the venture's rows only; the community scope sees its other ventures' too`, async () => {
      const community = await seenBy(A, table);
      expect(community?.own, 'the venture has rows').toBeGreaterThan(0);
      expect(community?.other, 'another venture of the community has rows').toBeGreaterThan(0);
      expect(await seenBy(oneVenture(serviceStation), table)).toEqual({ own: community?.own, other: 0 });
    });
  }

  it('writes its own venture’s reports and no other venture’s, of the same community', async () => {
    const scope = oneVenture(serviceStation);
    const forged = await scopedWrite(
      scope,
      insertStatement('monthly_reports', { ...own(A_TARGET), venture_id: readingRoom, month: '2026-06' }),
    );
    expect(forged).toBe('refused');
    const before = await ownerCount('monthly_reports', A_TARGET, 'community');
    const updated = await scopedWrite(
      scope,
      sql`update monthly_reports set notes = 'forged' where venture_id = ${readingRoom}`,
    );
    expect(updated === 'refused' || updated === 0).toBe(true);
    // nor can it move its own report to the other venture
    const moved = await scopedWrite(
      scope,
      sql`update monthly_reports set venture_id = ${readingRoom} where venture_id = ${serviceStation}`,
    );
    expect(moved).toBe('refused');
    const deleted = await scopedWrite(
      scope,
      sql`delete from report_events where venture_id = ${readingRoom}`,
    );
    expect(deleted === 'refused' || deleted === 0).toBe(true);
    expect(await ownerCount('monthly_reports', A_TARGET, 'community')).toBe(before);
    const notes = await sql<{ n: number }>`
      select count(*)::int as n from monthly_reports where notes = 'forged'`.execute(db);
    expect(notes.rows[0]?.n).toBe(0);

    // its own venture: writable as the community's scope allows
    const ownReport = await scopedWrite(
      scope,
      insertStatement('monthly_reports', { ...own(A_TARGET), venture_id: serviceStation, month: '2026-06' }),
    );
    expect(ownReport).toBe(1);
    const ownUpdate = await scopedWrite(
      scope,
      sql`update monthly_reports set notes = 'own' where venture_id = ${serviceStation} and month = '2026-06'`,
    );
    expect(ownUpdate).toBe(1);
  });

  it('a partner limited to a venture it does not operate sees nothing; to its own, that venture', async () => {
    const tidalMarket = deterministicId('venture:jinhui-tidal-market');
    const elsewhere = { ...partnerScope, ventureId: serviceStation } as DbScope;
    for (const table of VENTURE_TABLES) expect(await scopedCount(elsewhere, table), table).toBe(0);
    const mine = { ...partnerScope, ventureId: tidalMarket } as DbScope;
    expect(await scopedCount(mine, 'monthly_reports')).toBe(
      await scopedCount(partnerScope, 'monthly_reports'),
    );
    expect(await scopedCount(mine, 'monthly_reports', sql`venture_id <> ${tidalMarket}`)).toBe(0);
  });

  it('leaves the tables without a venture to the community scope (the register’s companies, the funds)', async () => {
    const scope = oneVenture(serviceStation);
    for (const table of ['companies', 'assets', 'funds', 'communities']) {
      expect(await scopedCount(scope, table), table).toBe(await scopedCount(A, table));
    }
  });

  it('a malformed venture id is refused before any SQL', async () => {
    await expect(
      withTenantTransaction(db, { ...A, ventureId: "x'; drop table ventures; --" } as DbScope, async () => 1),
    ).rejects.toThrow(/ventureId is not a UUID/);
  });
});
