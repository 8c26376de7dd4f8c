import { DEMO_IDS, deterministicId, withTenantTransaction } from '@gongfu/db';
import { addMonths, shanghaiMonthOf } from '@gongfu/domain';
import { sql } from 'kysely';
import type { TestApp } from '../../testing/test-app';

/** The demo ventures (seeded with deterministic ids). */
export const VENTURES = {
  tidalMarket: deterministicId('venture:jinhui-tidal-market'), // Jinhui, operated by the SOE
  readingRoom: deterministicId('venture:wangjiangjie-reading-room'),
  serviceStation: deterministicId('venture:wangjiangjie-service-station'),
  helpDesk: deterministicId('venture:dukou-help-desk'),
  microPark: deterministicId('venture:dukou-micro-park'),
  xiquCanteen: deterministicId('venture:xiqu-canteen'),
} as const;

export const ADMIN = 'admin@dongqu.demo';
export const REPORTER = 'reporter@jinhui.demo';
export const SOE = 'soe@dongqu.demo';
/** 望江街's community clerk, who files the reading room's reports */
export const WANG = 'wangjiangjie@dongqu.demo';
/** another district (西区): its admin and one of its communities' clerks */
export const XIQU_ADMIN = 'admin@xiqu.demo';
export const XIQU_COMMUNITY = 'geliping@xiqu.demo';

/** A month's figures that pass every check, for tests that need a report and not its numbers. */
export const USUAL_FIGURES = {
  revenueFen: 1_000_000,
  operatingCostFen: 600_000,
  stableJobs: 4,
  residentsServed: 300,
};

export const currentMonth = () => shanghaiMonthOf(new Date());
export const monthsAgo = (n: number) => addMonths(currentMonth(), -n);

export function reportApi(t: TestApp) {
  const post = (path: string, as: string | undefined, body?: unknown, headers: Record<string, string> = {}) =>
    t.request(path, {
      method: 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headers,
      ...(as ? { as } : {}),
    });
  const api = {
    post,
    create: (as: string | undefined, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      post('/api/v1/reports', as, body, headers),
    patch: (as: string, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.request(`/api/v1/reports/${id}`, { method: 'PATCH', body: JSON.stringify(body), headers, as }),
    get: (as: string | undefined, id: string) => t.request(`/api/v1/reports/${id}`, as ? { as } : {}),
    act: (
      as: string | undefined,
      id: string,
      action: string,
      body?: Record<string, unknown>,
      headers: Record<string, string> = {},
    ) => post(`/api/v1/reports/${id}/${action}`, as, body, headers),
    /** creates a report and expects 201; returns its body */
    async created(as: string, body: Record<string, unknown>) {
      const res = await api.create(as, body);
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async ok(as: string, id: string, action: string, body?: Record<string, unknown>) {
      const res = await api.act(as, id, action, body);
      if (res.status !== 200 && res.status !== 201) {
        throw new Error(`${action} failed: ${res.status} ${await res.text()}`);
      }
      return res.json();
    },
    /** a report of the usual figures filed by `reporter`, submitted and approved by `reviewer`; returns its id */
    async approved(reporter: string, reviewer: string, ventureId: string, month: string): Promise<string> {
      const report = await api.created(reporter, { ventureId, month, ...USUAL_FIGURES });
      await api.ok(reporter, report.id, 'submit');
      await api.ok(reviewer, report.id, 'approve');
      return report.id;
    },
  };
  return api;
}

/** Fund balances and ledger sums of a community, by fund kind (read as the owner, RLS aside). */
export async function fundsOf(t: TestApp, communityId: string) {
  const r = await sql<{ kind: string; balance: string; entries: string; n: number }>`
    select f.kind, f.balance_fen::text as balance,
           coalesce((select sum(e.direction * e.amount_fen) from ledger_entries e
                     where e.district_id = f.district_id and e.fund_id = f.fund_id), 0)::text as entries,
           (select count(*)::int from ledger_entries e where e.district_id = f.district_id and e.fund_id = f.fund_id) as n
    from funds f where f.community_id = ${communityId} order by f.kind`.execute(t.handle.db);
  return Object.fromEntries(
    r.rows.map((row) => [row.kind, { balance: Number(row.balance), entries: Number(row.entries), n: row.n }]),
  );
}

export async function ledgerCount(t: TestApp, reportId: string) {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from ledger_entries where source_id = ${reportId}`.execute(t.handle.db);
  return r.rows[0]?.n ?? 0;
}

export async function auditActions(t: TestApp, entityId: string) {
  const r = await sql<{ action: string }>`
    select action from audit_log where entity_id = ${entityId} order by created_at, audit_id`.execute(
    t.handle.db,
  );
  return r.rows.map((row) => row.action);
}

/**
 * Jinhui's 德汇社区服务公司: site-as-equity with the incubator. The community holds 6,000 bp and
 * 启迪之星 4,000 bp; the tidal market belongs to it.
 */
export async function seedJinhuiCompany(t: TestApp) {
  const companyId = deterministicId('company:test-dehui');
  await withTenantTransaction(
    t.handle.db,
    { kind: 'district', userId: deterministicId(`user:${ADMIN}`), districtId: DEMO_IDS.dongqu },
    async (trx) => {
      await trx
        .insertInto('companies')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: DEMO_IDS.jinhui,
          company_id: companyId,
          legal_name: '攀枝花市东区德汇社区服务有限公司',
          credit_code: '91510402MA6B00001X',
          operating_model: 'site_equity_professional_operation',
        })
        .execute();
      await trx
        .insertInto('shareholdings')
        .values([
          {
            district_id: DEMO_IDS.dongqu,
            community_id: DEMO_IDS.jinhui,
            company_id: companyId,
            holder_kind: 'community',
            holder_name: '金汇社区',
            contribution_kind: 'site',
            share_bp: 6000,
            position: 0,
          },
          {
            district_id: DEMO_IDS.dongqu,
            community_id: DEMO_IDS.jinhui,
            company_id: companyId,
            holder_kind: 'partner',
            holder_partner_id: DEMO_IDS.tusStar,
            holder_name: '启迪之星孵化器',
            contribution_kind: 'operation_expertise',
            share_bp: 4000,
            position: 1,
          },
        ])
        .execute();
      await trx
        .updateTable('ventures')
        .set({ company_id: companyId })
        .where('district_id', '=', DEMO_IDS.dongqu)
        .where('venture_id', '=', VENTURES.tidalMarket)
        .execute();
    },
  );
  return companyId;
}
