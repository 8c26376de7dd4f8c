import { DEMO_IDS, seedDemoHistory } from '@gongfu/db';
import { latestDueMonth, type Month, monthRange } from '@gongfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

/**
 * The source page's facts, read through the KPI API over the demo district's history (the seed's
 * `seedDemoHistory`, whose last month is 2026-10): a definition change that breaks one of them breaks the demo.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoHistory(t.handle.db);
});
afterAll(async () => t?.close());

interface Figure {
  value: number | null;
  numerator: number;
  denominator: number | null;
}
interface Item {
  key: string;
  current: Figure;
}

async function get(path: string, as: string) {
  const res = await t.request(path, { as });
  const body = await res.json();
  expect(res.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  return body;
}

async function overview(query: string, as = 'admin@dongqu.demo'): Promise<Record<string, Figure>> {
  const body = await get(`/api/v1/kpis/overview?${query}`, as);
  return Object.fromEntries(body.items.map((i: Item) => [i.key, i.current]));
}

describe('the source page, through the KPIs', () => {
  it("Wangjiangjie's governance allocation rate reads 40.00 % — its rule — in every quarter and year", async () => {
    for (const [kind, month] of [
      ['year', '2025-12'],
      ['quarter', '2025-06'],
      ['quarter', '2026-09'],
      ['ytd', '2026-10'],
    ] as const) {
      const kpis = await overview(`period=${kind}&month=${month}&communityId=${DEMO_IDS.wangjiangjie}`);
      const rate = kpis.governance_fund_allocation_rate as Figure;
      expect(rate.denominator, `${kind} ${month}`).toBeGreaterThan(0);
      // exactly: allocation × 10,000 = distributable × 4,000
      expect(rate.numerator * 10_000, `${kind} ${month}`).toBe((rate.denominator ?? 0) * 4_000);
      expect(rate.value).toBeCloseTo(0.4, 12);
    }
  });

  it("Jinhui's tidal market: 6 stable jobs and about ¥20,000 a month to the community since June 2025", async () => {
    const filter = `communityId=${DEMO_IDS.jinhui}&ventureCategory=tidal_market`;
    // 2026-10's report is submitted, awaiting review: the newest approved month is 2026-09
    const month = await overview(`period=month&month=2026-09&${filter}`);
    expect(month.stable_jobs?.value).toBe(6);
    const series = await get(
      `/api/v1/kpis/series?kpi=community_income&from=2025-06&to=2026-09&${filter}`,
      'admin@dongqu.demo',
    );
    const points = series.series[0].points as Array<Figure & { month: Month }>;
    expect(points.map((p) => p.month)).toEqual(monthRange('2025-06', '2026-09'));
    for (const p of points) {
      expect(p.value, p.month).toBeGreaterThan(1_900_000);
      expect(p.value, p.month).toBeLessThan(2_300_000);
    }
  });

  it("a stock reads at the period end per venture: a year shows the tidal market's 6 jobs, its last month awaiting review", async () => {
    // 2026-10 is submitted, not approved: per venture the latest approved month of 2026 (September) counts
    const year = await overview(
      `period=year&month=2026-06&communityId=${DEMO_IDS.jinhui}&ventureCategory=tidal_market`,
    );
    expect(year.stable_jobs?.value).toBe(6);
  });

  it('a running year ends at the data date and compares the same months of last year', async () => {
    const body = await get('/api/v1/kpis/overview?period=year&month=2026-06', 'admin@dongqu.demo');
    const dueDay = (await get('/api/v1/kpis/reporting-matrix?from=2026-01&to=2026-01', 'admin@dongqu.demo'))
      .dueDay as number;
    const dataDate = latestDueMonth(new Date(), dueDay);
    expect(body.dataDate).toBe(dataDate);
    if (dataDate < '2026-12') {
      expect(body).toMatchObject({ running: true, nothingDue: false, through: dataDate });
      expect(body.samePeriodLastYear).toMatchObject({ from: '2025-01', to: `2025-${dataDate.slice(5)}` });
      const jobs = body.items.find((i: Item) => i.key === 'stable_jobs');
      expect(jobs.current.value).toBeGreaterThan(0); // never 0 jobs and −100 % for a running year
    } else {
      expect(body).toMatchObject({ running: false, through: '2026-12' });
    }
  });

  it('the district reports on the platform from the history’s first month: 2024 is not a 17 % reporting rate', async () => {
    const settings = await get('/api/v1/district/settings', 'admin@dongqu.demo');
    expect(settings.reportingStartMonth).toBe('2024-11');
    // before it nothing was owed: no rate, not 0 %
    const firstHalf = await overview('period=quarter&month=2024-06');
    expect(firstHalf.reporting_rate).toMatchObject({ value: null, denominator: 0 });
    // 2024 owes only November and December, which the history reported
    const year = await overview('period=year&month=2024-12');
    expect(year.reporting_rate?.denominator).toBeGreaterThan(0);
    expect(year.reporting_rate?.value).toBeGreaterThan(0.9);
  });

  it("Dukou's pledges: give-back fulfilled, and the cash part paid into the charity fund", async () => {
    const year = await overview(`period=year&month=2025-12&communityId=${DEMO_IDS.dukou}`);
    const all = await get(
      `/api/v1/kpis/fund-flow?period=year&month=2025-12&communityId=${DEMO_IDS.dukou}`,
      'admin@dongqu.demo',
    );
    expect(year.give_back?.value).toBeGreaterThan(0);
    const donations = all.links.filter(
      (l: { source: string; target: string }) =>
        l.source === 'source:donation' && l.target === 'fund:charity_common_prosperity',
    );
    expect(donations).toHaveLength(1);
    expect(donations[0].value).toBeGreaterThan(0);
  });
});
