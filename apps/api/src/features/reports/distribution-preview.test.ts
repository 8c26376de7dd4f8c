/**
 * The preview of a proposed distribution rule on the demo's real approved reports: what it would have posted,
 * recomputed here from the rows (read as the owner) with the domain's computeDistribution, and what was posted,
 * summed here from the ledger. Plus who may ask, and for which community.
 */
import { DEMO_IDS, seedDemoHistory } from '@gongfu/db';
import {
  computeDistribution,
  type DistributionRule,
  isHolderKind,
  type ShareholdingInput,
  SPLIT_TARGETS,
} from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
const ADMIN = 'admin@dongqu.demo';

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoHistory(t.handle.db);
});
afterAll(async () => t?.close());

const preview = (as: string | undefined, params: Record<string, unknown>, headers = {}) =>
  t.request(
    `/api/v1/distribution-rules/preview?${new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
    )}`,
    { headers, ...(as ? { as } : {}) },
  );

const split = (g: number, r: number, o: number) => ({ governanceFundBp: g, reserveBp: r, otherBp: o });

/** The ground truth of one community-month, read as the owner and computed with the domain. */
async function expected(communityId: string, month: string, rule: ReturnType<typeof split>) {
  const reports = await sql<{
    report_id: string;
    venture_id: string;
    company_id: string | null;
    revenue_fen: string;
    operating_cost_fen: string;
    remittance_received_fen: string;
  }>`
    select r.report_id, r.venture_id, v.company_id, r.revenue_fen::text, r.operating_cost_fen::text,
           r.remittance_received_fen::text
      from monthly_reports r join ventures v on v.district_id = r.district_id and v.venture_id = r.venture_id
     where r.community_id = ${communityId} and r.month = ${month} and r.status in ('approved', 'locked')
       and not exists (select 1 from monthly_reports later
                        where later.district_id = r.district_id and later.amends_report_id = r.report_id
                          and later.status in ('approved', 'locked'))`.execute(t.handle.db);
  const domainRule: DistributionRule = {
    id: 'x',
    version: 1,
    effectiveFrom: '2000-01',
    communitySplit: rule,
  };
  const out = new Map<string, { distributable: number; proposed: number[]; posted: number[] }>();
  for (const r of reports.rows) {
    const holdings = r.company_id
      ? (
          await sql<{ holder_kind: string; holder_partner_id: string | null; share_bp: number }>`
            select holder_kind, holder_partner_id, share_bp from shareholdings
             where company_id = ${r.company_id}
               and (effective_from is null or effective_from <= ${month})
               and (effective_to is null or effective_to >= ${month})
             order by position, created_at, shareholding_id`.execute(t.handle.db)
        ).rows
      : [];
    const shareholdings: ShareholdingInput[] =
      holdings.length > 0
        ? holdings.map((h) => ({
            holderKind: isHolderKind(h.holder_kind) ? h.holder_kind : 'other',
            holderId: h.holder_partner_id,
            shareBp: h.share_bp,
          }))
        : [{ holderKind: 'community', holderId: null, shareBp: 10_000 }];
    const result = computeDistribution({
      money: {
        revenueFen: Number(r.revenue_fen),
        operatingCostFen: Number(r.operating_cost_fen),
        remittanceReceivedFen: Number(r.remittance_received_fen),
      },
      shareholdings,
      rule: domainRule,
    });
    if (!result.ok) throw new Error(result.error.code);
    const posted = await sql<{ kind: string; net: string }>`
      select f.kind, sum(e.direction * e.amount_fen)::text as net
        from ledger_entries e join funds f on f.district_id = e.district_id and f.fund_id = e.fund_id
       where e.source_type = 'monthly_report'
         and e.source_id in (select report_id from monthly_reports
                              where venture_id = ${r.venture_id} and month = ${month})
       group by f.kind`.execute(t.handle.db);
    const postedBy = new Map(posted.rows.map((p) => [p.kind, Number(p.net)]));
    out.set(r.report_id, {
      distributable: result.value.distributableFen,
      proposed: SPLIT_TARGETS.map(
        (s) => result.value.fundAllocations.find((a) => a.fundKind === s.fundKind)?.amountFen ?? 0,
      ),
      posted: SPLIT_TARGETS.map((s) => postedBy.get(s.fundKind) ?? 0),
    });
  }
  return out;
}

interface PreviewBody {
  month: string | null;
  ruleInForce: { id: string | null; governanceFundBp: number; reserveBp: number; otherBp: number };
  reports: Array<{
    reportId: string;
    distributableFen: number;
    funds: Array<{ fundKind: string; postedFen: number; proposedFen: number; differenceFen: number }>;
  }>;
  totals: {
    distributableFen: number;
    funds: Array<{ fundKind: string; postedFen: number; proposedFen: number; differenceFen: number }>;
  };
}

describe('GET /distribution-rules/preview', () => {
  it.each([
    ['jinhui (company shares and the SOE’s remittance)', DEMO_IDS.jinhui, split(3333, 3333, 3334)],
    ['wangjiangjie', DEMO_IDS.wangjiangjie, split(6000, 2500, 1500)],
    ['dukou', DEMO_IDS.dukou, split(10_000, 0, 0)],
  ])(
    '%s: exactly what computeDistribution gives on the real reports, beside the ledger',
    async (_, communityId, rule) => {
      const res = await preview(ADMIN, { communityId, ...rule });
      expect(res.status).toBe(200);
      const body = (await res.json()) as PreviewBody;
      const latest = await sql<{ m: string }>`
      select max(month) as m from monthly_reports
       where community_id = ${communityId} and status in ('approved', 'locked')`.execute(t.handle.db);
      expect(body.month).toBe(latest.rows[0]?.m);
      const truth = await expected(communityId, body.month as string, rule);
      expect(truth.size).toBeGreaterThan(0);
      expect(body.reports.map((r) => r.reportId).sort()).toEqual([...truth.keys()].sort());
      for (const report of body.reports) {
        const want = truth.get(report.reportId);
        expect(report.distributableFen).toBe(want?.distributable);
        expect(report.funds.map((f) => f.fundKind)).toEqual(SPLIT_TARGETS.map((s) => s.fundKind));
        expect(report.funds.map((f) => f.proposedFen)).toEqual(want?.proposed);
        expect(report.funds.map((f) => f.postedFen)).toEqual(want?.posted);
        for (const f of report.funds) expect(f.differenceFen).toBe(f.proposedFen - f.postedFen);
        // each report's proposal sums exactly to what it distributes
        expect(report.funds.reduce((s, f) => s + f.proposedFen, 0)).toBe(report.distributableFen);
      }
      // totals are the sums of the reports' integers
      const all = [...truth.values()];
      expect(body.totals.distributableFen).toBe(all.reduce((s, r) => s + r.distributable, 0));
      expect(body.totals.funds.map((f) => f.proposedFen)).toEqual(
        SPLIT_TARGETS.map((_, i) => all.reduce((s, r) => s + (r.proposed[i] ?? 0), 0)),
      );
      expect(body.totals.funds.map((f) => f.postedFen)).toEqual(
        SPLIT_TARGETS.map((_, i) => all.reduce((s, r) => s + (r.posted[i] ?? 0), 0)),
      );
    },
  );

  it('the rule in force, previewed, changes nothing: what it would post is what was posted', async () => {
    for (const communityId of [DEMO_IDS.jinhui, DEMO_IDS.wangjiangjie, DEMO_IDS.dukou]) {
      const first = (await (
        await preview(ADMIN, { communityId, ...split(0, 10_000, 0) })
      ).json()) as PreviewBody;
      const { governanceFundBp, reserveBp, otherBp } = first.ruleInForce;
      expect(first.ruleInForce.id).not.toBeNull();
      const same = (await (
        await preview(ADMIN, { communityId, governanceFundBp, reserveBp, otherBp })
      ).json()) as PreviewBody;
      expect(same.totals.funds.every((f) => f.differenceFen === 0)).toBe(true);
      expect(same.totals.funds.some((f) => f.postedFen > 0)).toBe(true);
    }
  });

  it('a month may be named; a month with no approved report previews nothing', async () => {
    const named = (await (
      await preview(ADMIN, { communityId: DEMO_IDS.jinhui, ...split(5000, 3000, 2000), month: '2025-07' })
    ).json()) as PreviewBody;
    expect(named.month).toBe('2025-07');
    expect(named.ruleInForce).toMatchObject({ governanceFundBp: 5000, reserveBp: 3000, otherBp: 2000 });
    const empty = (await (
      await preview(ADMIN, { communityId: DEMO_IDS.jinhui, ...split(5000, 3000, 2000), month: '2019-01' })
    ).json()) as PreviewBody;
    expect(empty.reports).toEqual([]);
    expect(empty.totals.funds.every((f) => f.postedFen === 0 && f.proposedFen === 0)).toBe(true);
  });

  it('shares not summing to 100 % are a 400 naming the three fields, in Chinese and English', async () => {
    const zh = await preview(ADMIN, { communityId: DEMO_IDS.jinhui, ...split(5000, 3000, 1000) });
    expect(zh.status).toBe(400);
    const zhBody = await zh.json();
    expect(Object.keys(zhBody.error.fields).sort()).toEqual(['governanceFundBp', 'otherBp', 'reserveBp']);
    expect(zhBody.error.fields.reserveBp).toMatch(/10000 个基点/);
    const en = await preview(
      ADMIN,
      { communityId: DEMO_IDS.jinhui, ...split(5000, 3000, 1000) },
      { 'Accept-Language': 'en' },
    );
    expect((await en.json()).error.fields.reserveBp).toMatch(/sum to exactly 10,000 bp/);
    for (const bad of [
      { communityId: 'nope', ...split(5000, 3000, 2000) },
      { communityId: DEMO_IDS.jinhui, ...split(5000, 3000, 2000), month: '2025-13' },
      { communityId: DEMO_IDS.jinhui, governanceFundBp: 'half', reserveBp: 5000, otherBp: 0 },
      { communityId: DEMO_IDS.jinhui, ...split(-1, 10_001, 0) },
      { communityId: DEMO_IDS.jinhui },
    ]) {
      const res = await preview(ADMIN, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('district roles and the community’s admin preview; others 403; another community or district 404', async () => {
    const q = { communityId: DEMO_IDS.jinhui, ...split(5000, 3000, 2000) };
    for (const as of [ADMIN, 'viewer@dongqu.demo', 'jinhui@dongqu.demo']) {
      expect((await preview(as, q)).status, as).toBe(200);
    }
    for (const as of ['reporter@jinhui.demo', 'soe@dongqu.demo', 'platform@gongfu.demo']) {
      expect((await preview(as, q)).status, as).toBe(403);
    }
    for (const as of ['wangjiangjie@dongqu.demo', 'admin@xiqu.demo', 'geliping@xiqu.demo']) {
      expect((await preview(as, q)).status, as).toBe(404);
    }
    expect((await preview(undefined, q)).status).toBe(401);
  });
});
