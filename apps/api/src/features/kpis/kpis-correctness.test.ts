import { DEMO_IDS, deterministicId, kpiRollups } from '@gongfu/db';
import {
  compareChineseNames,
  KPI_KEYS,
  latestDueMonth,
  type Month,
  monthRange,
  type PeriodKind,
  periodContaining,
  previousPeriod,
  samePeriodLastYear,
  shanghaiDateOf,
} from '@gongfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  type BruteFigure,
  type BruteSelection,
  bruteForce,
  bruteValue,
  buildKpiDataset,
  DUKOU_HELP_DESK_REPORTING_START,
  type RawData,
  REPORTING_START,
  readRaw,
  XINCUN,
} from './kpi-fixture';

/**
 * Every KPI, recomputed by brute force in TypeScript from the raw rows, against the API's SQL answer:
 * every period kind, previous period and same period last year, exact in fen, for district, community
 * and partner roles and with each filter; then series, ranking, matrix, fund flow and mix.
 */

let t: TestApp;
let raw: RawData;
let compared = 0;
/** served ratios whose denominator was negative (a loss): each must have been null */
let negativeBases = 0;

beforeAll(async () => {
  t = await createTestApp();
  await buildKpiDataset(t.handle.db);
  raw = await readRaw(t.handle.db);
});
afterAll(async () => {
  console.info(`KPI correctness: ${compared} figures compared with the brute force`);
  await t?.close();
});

it('reads rollups equal to their views after the dataset was built through every workflow', async () => {
  // the KPIs read kpi_venture_months / kpi_fund_months; the brute force below reads the raw rows
  expect(await kpiRollups.rollupDrift(t.handle.db)).toEqual({ ventureMonths: 0, fundMonths: 0 });
});

const DONGQU = [DEMO_IDS.wangjiangjie, DEMO_IDS.jinhui, DEMO_IDS.dukou, XINCUN];
const BINGCAOGANG = deterministicId('street:dongqu-bingcaogang');

const ACTORS: Array<[string, BruteSelection]> = [
  ['admin@dongqu.demo', sel(DONGQU)],
  ['viewer@dongqu.demo', sel(DONGQU)],
  ['wangjiangjie@dongqu.demo', sel([DEMO_IDS.wangjiangjie])],
  ['jinhui@dongqu.demo', sel([DEMO_IDS.jinhui])],
  ['soe@dongqu.demo', { ...sel([DEMO_IDS.jinhui, DEMO_IDS.dukou]), partnerId: DEMO_IDS.soe }],
];

function sel(communities: string[], extra: Partial<BruteSelection> = {}): BruteSelection {
  return {
    communityIds: new Set(communities),
    partnerId: null,
    operatingModel: null,
    ventureCategory: null,
    ...extra,
  };
}

const KINDS: PeriodKind[] = ['month', 'quarter', 'year', 'ytd'];
const MONTHS: Month[] = ['2024-02', '2024-11', '2025-03', '2025-08', '2025-12'];

interface Figure {
  value: number | null;
  numerator: number;
  denominator: number | null;
}

function expectFigure(actual: Figure | null, expected: BruteFigure | undefined, what: string) {
  expect(expected, `${what}: the brute force has it`).toBeDefined();
  expect(actual, what).not.toBeNull();
  expect({ numerator: actual?.numerator, denominator: actual?.denominator }, what).toEqual(expected);
  // property: a value is null exactly when the definition says — a ratio whose denominator is not positive
  const base = expected?.denominator ?? null;
  expect(actual?.value === null, `${what}: null exactly without a positive base`).toBe(
    base !== null && base <= 0,
  );
  if (base !== null && base < 0) negativeBases++;
  const value = bruteValue(expected as BruteFigure);
  if (value === null || Number.isInteger(value)) expect(actual?.value, what).toBe(value);
  else expect(actual?.value, what).toBeCloseTo(value, 12);
  compared++;
}

async function get(path: string, as: string) {
  const res = await t.request(path, { as });
  const body = await res.json();
  expect(res.status, `${path} as ${as}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  return body;
}

async function checkOverview(
  as: string,
  selection: BruteSelection,
  kind: PeriodKind,
  month: Month,
  query = '',
) {
  const body = await get(`/api/v1/kpis/overview?period=${kind}&month=${month}${query}`, as);
  const period = periodContaining(kind, month);
  const windows = {
    current: period,
    previous: previousPeriod(period),
    samePeriodLastYear: samePeriodLastYear(period),
  };
  expect(body.period).toMatchObject({ kind, from: period.from, to: period.to });
  // the fixture's periods are all complete: the figures run through the period's end, dated
  expect(body.dataDate).toBe(latestDueMonth(new Date(), raw.dueDay));
  expect([body.through, body.running, body.nothingDue]).toEqual([period.to, false, false]);
  expect(body.items).toHaveLength(KPI_KEYS.length);
  const brute = Object.fromEntries(
    Object.entries(windows).map(([k, p]) => [k, bruteForce(raw, selection, p)]),
  ) as Record<keyof typeof windows, ReturnType<typeof bruteForce>>;
  for (const item of body.items) {
    const what = `${as} ${kind} ${month}${query} ${item.key}`;
    expect(item.definition.key).toBe(item.key);
    if (!(item.key in brute.current)) {
      expect(item.available, what).toBe(false);
      expect(item.unavailableReason.code, what).toMatch(
        /^(not_attributable_to_venture|outside_partner_scope)$/,
      );
      expect(item.current).toBeNull();
      continue;
    }
    expect(item.available, what).toBe(true);
    for (const w of ['current', 'previous', 'samePeriodLastYear'] as const) {
      expectFigure(item[w], brute[w][item.key], `${what} ${w}`);
    }
  }
}

describe('the dataset is varied enough to test something', () => {
  it('holds every report status, ledger kind, proposal status and a loss', () => {
    const statuses = new Set(raw.reports.map((r) => r.status));
    for (const s of ['draft', 'submitted', 'returned', 'approved', 'locked', 'superseded'])
      expect(statuses).toContain(s);
    expect(raw.reports.some((r) => Number(r.revision) === 2)).toBe(true);
    expect(raw.reports.some((r) => Number(r.operating_cost_fen) > Number(r.revenue_fen))).toBe(true);
    const kinds = new Set(raw.ledger.map((e) => e.kind));
    for (const k of ['allocation', 'donation', 'grant', 'expenditure', 'reversal'])
      expect(kinds).toContain(k);
    const proposals = new Set(raw.proposals.map((p) => p.status));
    for (const s of ['paid_out', 'closed', 'approved', 'draft']) expect(proposals).toContain(s);
    expect(new Set(raw.reports.map((r) => r.month)).size).toBeGreaterThanOrEqual(14);
    expect(raw.pledges.length).toBeGreaterThan(10);
    expect(raw.fulfilments.length).toBeGreaterThan(10);
  });

  it('holds a shareholding change mid-year, and months before a company’s first dated version', () => {
    // the overview compares 2025-03 (Jinhui's first version), 2025-08 (its second) and 2024-02 (Wangjiangjie's
    // months before its set took effect: the community's alone) — each must have a counted profit to split
    const counted = (company: string, from: string, to: string) =>
      raw.reports.some((r) => {
        const venture = raw.ventures.find((v) => v.venture_id === r.venture_id);
        return (
          venture?.company_id === company &&
          ['approved', 'locked'].includes(String(r.status)) &&
          String(r.month) >= from &&
          String(r.month) <= to &&
          Number(r.revenue_fen) !== Number(r.operating_cost_fen)
        );
      });
    const versions = (company: string) =>
      new Set(raw.shareholdings.filter((s) => s.company_id === company).map((s) => s.effective_from));
    const jinhui = raw.ventures.find((v) => v.community_id === DEMO_IDS.jinhui && v.company_id)?.company_id;
    const wangjiangjie = raw.ventures.find(
      (v) => v.community_id === DEMO_IDS.wangjiangjie && v.company_id,
    )?.company_id;
    expect(versions(String(jinhui))).toEqual(new Set([null, '2025-07']));
    expect(counted(String(jinhui), '2025-01', '2025-06')).toBe(true);
    expect(counted(String(jinhui), '2025-07', '2025-12')).toBe(true);
    expect(versions(String(wangjiangjie))).toEqual(new Set(['2024-04']));
    expect(counted(String(wangjiangjie), '2024-01', '2024-03')).toBe(true);
  });

  it('holds give-back in cash and in kind, which add up to the total', () => {
    const year = bruteForce(raw, sel(DONGQU), { from: '2025-01', to: '2025-12' });
    const cash = year.give_back_cash?.numerator ?? 0;
    const inKind = year.give_back_in_kind?.numerator ?? 0;
    expect(cash).toBeGreaterThan(0);
    expect(inKind).toBeGreaterThan(0);
    expect(cash + inKind).toBe(year.give_back?.numerator);
  });

  it('holds ventures that began before the reporting start, and one with a later reporting start of its own', () => {
    expect(raw.reportingStart).toBe(REPORTING_START);
    const before = raw.ventures.filter((v) => v.started_on && String(v.started_on) < `${REPORTING_START}-01`);
    expect(before.length).toBeGreaterThan(1);
    expect(raw.ventures.some((v) => v.reporting_start_month === DUKOU_HELP_DESK_REPORTING_START)).toBe(true);
    // before the district's reporting start nothing is owed: only the reports received count as expected
    const early = bruteForce(raw, sel(DONGQU), { from: '2024-01', to: '2024-02' });
    expect(early.reporting_rate?.denominator).toBe(early.reporting_rate?.numerator);
    // from it, the months the ventures owe and did not send are missing
    const after = bruteForce(raw, sel(DONGQU), { from: REPORTING_START, to: '2024-12' });
    expect(after.reporting_rate?.numerator).toBeLessThan(after.reporting_rate?.denominator ?? 0);
    // the help desk owes nothing between the district's start and its own: without its own start, it would owe
    // months it did not send
    const helpDesk = raw.ventures.find((v) => v.reporting_start_month === DUKOU_HELP_DESK_REPORTING_START);
    const withoutOwnStart: RawData = {
      ...raw,
      ventures: raw.ventures.map((v) => (v === helpDesk ? { ...v, reporting_start_month: null } : v)),
    };
    const window = { from: REPORTING_START, to: '2024-08' } as const;
    const owed = bruteForce(raw, sel([DEMO_IDS.dukou]), window).reporting_rate;
    const owedWithout = bruteForce(withoutOwnStart, sel([DEMO_IDS.dukou]), window).reporting_rate;
    expect(owedWithout?.denominator).toBeGreaterThan(owed?.denominator ?? 0);
  });

  it('brute force finds non-trivial figures (ratios strictly between 0 and 1, a community without income)', () => {
    const year = bruteForce(raw, sel(DONGQU), { from: '2025-01', to: '2025-12' });
    for (const key of [
      'deliberation_coverage',
      'reporting_rate',
      'on_time_rate',
      'public_welfare_share',
      'communities_with_income_rate',
    ]) {
      const v = bruteValue(year[key] as never) ?? -1;
      expect(v, key).toBeGreaterThan(0);
      expect(v, key).toBeLessThan(1);
    }
  });
});

describe('overview = brute force, for every period kind', () => {
  for (const [as, selection] of ACTORS) {
    it.each(KINDS)(`${as}: %s`, async (kind) => {
      for (const month of MONTHS) await checkOverview(as, selection, kind, month);
    });
  }

  it.each([
    ['street office', `&streetOfficeId=${BINGCAOGANG}`, sel([DEMO_IDS.wangjiangjie, DEMO_IDS.jinhui])],
    ['community', `&communityId=${DEMO_IDS.dukou}`, sel([DEMO_IDS.dukou])],
    [
      'operating model',
      '&operatingModel=association_cobuilt',
      sel(DONGQU, { operatingModel: 'association_cobuilt' }),
    ],
    ['no operating model', '&operatingModel=unassigned', sel(DONGQU, { operatingModel: 'unassigned' })],
    [
      'venture category',
      '&ventureCategory=elderly_canteen',
      sel(DONGQU, { ventureCategory: 'elderly_canteen' }),
    ],
    [
      'category within a community',
      `&ventureCategory=parking&communityId=${DEMO_IDS.dukou}`,
      sel([DEMO_IDS.dukou], { ventureCategory: 'parking' }),
    ],
  ])('district admin filtered by %s', async (_name, query, selection) => {
    for (const kind of KINDS) await checkOverview('admin@dongqu.demo', selection, kind, '2025-06', query);
  });

  it('a community role filtering by its own community gets the same figures', async () => {
    await checkOverview(
      'wangjiangjie@dongqu.demo',
      sel([DEMO_IDS.wangjiangjie]),
      'quarter',
      '2025-06',
      `&communityId=${DEMO_IDS.wangjiangjie}`,
    );
  });
});

describe('series = brute force per month and group', () => {
  const from: Month = '2024-11';
  const to: Month = '2025-04';
  it.each([
    'community_income',
    'reporting_rate',
    'fund_balance',
    'communities_with_income_rate',
    'stable_jobs',
  ])('by community: %s', async (kpi) => {
    const body = await get(
      `/api/v1/kpis/series?kpi=${kpi}&from=${from}&to=${to}&groupBy=community`,
      'viewer@dongqu.demo',
    );
    expect(body.months).toEqual(monthRange(from, to));
    expect(body.series.map((s: { key: string }) => s.key).sort()).toEqual([...DONGQU].sort());
    for (const s of body.series) {
      for (const p of s.points) {
        expectFigure(
          p,
          bruteForce(raw, sel([s.key]), { from: p.month, to: p.month })[kpi],
          `${kpi} ${s.key} ${p.month}`,
        );
      }
    }
  });

  it.each(['operating_revenue', 'community_income', 'public_welfare_share', 'communities_with_income_rate'])(
    'by operating model and venture category: %s',
    async (kpi) => {
      for (const groupBy of ['operating_model', 'venture_category'] as const) {
        const body = await get(
          `/api/v1/kpis/series?kpi=${kpi}&from=${from}&to=${to}&groupBy=${groupBy}`,
          'admin@dongqu.demo',
        );
        expect(body.series.length).toBeGreaterThan(2);
        for (const s of body.series) {
          const filter =
            groupBy === 'operating_model' ? { operatingModel: s.key } : { ventureCategory: s.key };
          for (const p of s.points) {
            expectFigure(
              p,
              bruteForce(raw, sel(DONGQU, filter), { from: p.month, to: p.month })[kpi],
              `${kpi} ${s.key} ${p.month}`,
            );
          }
        }
      }
    },
  );

  it('by street office and for the district', async () => {
    const body = await get(
      `/api/v1/kpis/series?kpi=net_profit&from=${from}&to=${to}&groupBy=street_office`,
      'admin@dongqu.demo',
    );
    const members: Record<string, string[]> = {
      [BINGCAOGANG]: [DEMO_IDS.wangjiangjie, DEMO_IDS.jinhui],
      [deterministicId('street:dongqu-dadukou')]: [DEMO_IDS.dukou],
      none: [XINCUN],
    };
    expect(body.series.map((s: { key: string }) => s.key).sort()).toEqual(Object.keys(members).sort());
    for (const s of body.series) {
      for (const p of s.points) {
        expectFigure(
          p,
          bruteForce(raw, sel(members[s.key] ?? []), { from: p.month, to: p.month }).net_profit,
          `${s.key} ${p.month}`,
        );
      }
    }
    const district = await get(
      `/api/v1/kpis/series?kpi=deliberation_coverage&from=${from}&to=${to}`,
      'admin@dongqu.demo',
    );
    expect(district.series).toHaveLength(1);
    for (const p of district.series[0].points) {
      expectFigure(
        p,
        bruteForce(raw, sel(DONGQU), { from: p.month, to: p.month }).deliberation_coverage,
        p.month,
      );
    }
    // the fixture's late bookings (paid on the 12th during a disclosure that ended the 19th, booked the 20th):
    // backed by their booking day, not by their payout date — so a month whose coverage the booking day would
    // read higher is served at the payout date's figure
    const proposals = new Map(raw.proposals.map((p) => [String(p.proposal_id), p]));
    const late = raw.ledger.filter((e) => {
      const p = proposals.get(String(e.proposal_id));
      if (e.kind !== 'expenditure' || !p || !['disclosed', 'paid_out', 'closed'].includes(String(p.status)))
        return false;
      const booked = shanghaiDateOf(new Date(e.created_at as string | Date));
      const ends = String(p.disclosure_ends_on);
      return ends < booked && !(ends < String(e.paid_on)) && String(e.month) >= from && String(e.month) <= to;
    });
    expect(late.length).toBeGreaterThan(0);
    const lateMonth = String(late[0]?.month) as Month;
    const served = district.series[0].points.find((p: { month: string }) => p.month === lateMonth);
    const figure = bruteForce(raw, sel(DONGQU), { from: lateMonth, to: lateMonth }).deliberation_coverage;
    expect(served.numerator).toBe(figure?.numerator);
    expect(served.numerator).toBeLessThan(served.denominator);
  });

  it('a fund KPI grouped by venture category is unavailable, with the reason in the request language', async () => {
    const res = await t.request(
      `/api/v1/kpis/series?kpi=fund_balance&from=${from}&to=${to}&groupBy=venture_category`,
      {
        as: 'admin@dongqu.demo',
        headers: { 'Accept-Language': 'en' },
      },
    );
    const body = await res.json();
    expect(body.available).toBe(false);
    expect(body.unavailableReason.code).toBe('not_attributable_to_venture');
    expect(body.unavailableReason.message).toMatch(/venture/);
    expect(body.series).toEqual([]);
  });
});

/** A ranking against the brute force: values, order by direction, shared ranks, nulls unranked and out of the median. */
async function checkRanking(kpi: string, kind: PeriodKind, month: Month) {
  const body = await get(
    `/api/v1/kpis/ranking?kpi=${kpi}&period=${kind}&month=${month}`,
    'admin@dongqu.demo',
  );
  const period = periodContaining(kind, month);
  expect(body.items).toHaveLength(4);
  const values: number[] = [];
  for (const item of body.items) {
    const expected = bruteForce(raw, sel([item.communityId]), period)[kpi];
    expectFigure(item, expected, `ranking ${kpi} ${kind} ${month} ${item.communityName}`);
    const v = bruteValue(expected as never);
    if (v !== null) values.push(v);
  }
  // ordered by the KPI's direction (a neutral KPI from high to low); equal values share a rank; no value
  // comes last, unranked
  const lowerIsBetter = body.kpi.direction === 'lower_is_better';
  // a neutral KPI (fund balance) is ordered, highest first, but not judged: no red or black list
  expect(body.judged, kpi).toBe(body.kpi.direction !== 'neutral');
  const ranked = body.items.filter((i: Figure) => i.value !== null);
  expect(ranked).toHaveLength(values.length);
  for (let i = 1; i < ranked.length; i++) {
    const [a, b] = [ranked[i - 1].value, ranked[i].value];
    expect(lowerIsBetter ? a <= b : a >= b).toBe(true);
    expect(ranked[i].rank).toBe(a === b ? ranked[i - 1].rank : i + 1);
  }
  expect(body.items.slice(ranked.length).every((i: { rank: null }) => i.rank === null)).toBe(true);
  // property: the median is the median of the non-null values
  values.sort((a, b) => a - b);
  const m =
    values.length === 0
      ? null
      : values.length % 2
        ? values[(values.length - 1) / 2]
        : ((values[values.length / 2 - 1] ?? 0) + (values[values.length / 2] ?? 0)) / 2;
  if (m === null || m === undefined) expect(body.median).toBeNull();
  else expect(body.median).toBeCloseTo(m, 12);
  expectFigure(body.total, bruteForce(raw, sel(DONGQU), period)[kpi], `${kpi} total`);
  return body;
}

describe('ranking = brute force per community, with the median', () => {
  it.each([
    ['community_income', 'quarter'],
    ['fund_idle_ratio', 'year'],
    ['on_time_rate', 'ytd'],
    ['give_back', 'month'],
    ['fund_balance', 'quarter'],
  ] as const)('%s for a %s', async (kpi, kind) => {
    await checkRanking(kpi, kind, '2025-09');
  });

  it('a community role sees only itself in the ranking', async () => {
    const body = await get(
      '/api/v1/kpis/ranking?kpi=net_profit&period=year&month=2025-06',
      'jinhui@dongqu.demo',
    );
    expect(body.items.map((i: { communityId: string }) => i.communityId)).toEqual([DEMO_IDS.jinhui]);
    expect(body.items[0].rank).toBe(1);
  });
});

describe('property: every KPI and period kind — null exactly as the definition says, the median of the non-null values', () => {
  it.each(KINDS)('every KPI ranked for a %s', async (kind) => {
    for (const month of ['2024-05', '2024-11', '2025-06'] as const) {
      for (const kpi of KPI_KEYS) await checkRanking(kpi, kind, month);
    }
  });

  it('the dataset holds rates over a loss (a negative base), and every one of them was served as null', () => {
    expect(negativeBases).toBeGreaterThan(0);
  });
});

/** Venture-months of a community with an approved or locked report (any revision): what the KPIs count. */
function countedReports(communityId: string, month: string): number {
  const ventures = new Set(
    raw.ventures.filter((v) => v.community_id === communityId).map((v) => v.venture_id),
  );
  const counted = new Set(
    raw.reports
      .filter(
        (r) =>
          ventures.has(r.venture_id) &&
          r.month === month &&
          (r.status === 'approved' || r.status === 'locked'),
      )
      .map((r) => r.venture_id),
  );
  return counted.size;
}

/** Ventures of a community whose report of the month was returned at least once (a return event, or returned now). */
function returnedReports(communityId: string, month: string): number {
  const returnedIds = new Set(raw.events.filter((e) => e.action === 'return').map((e) => e.report_id));
  return new Set(
    raw.reports
      .filter(
        (r) =>
          r.community_id === communityId &&
          r.month === month &&
          (r.status === 'returned' || returnedIds.has(r.report_id)),
      )
      .map((r) => r.venture_id),
  ).size;
}

describe('reporting matrix, fund flow and mix agree with the same brute force', () => {
  it('matrix: each cell counts what reporting_rate and on_time_rate count', async () => {
    const body = await get('/api/v1/kpis/reporting-matrix?from=2024-01&to=2025-12', 'admin@dongqu.demo');
    expect(body.dueDay).toBe(15);
    expect(body.cells).toHaveLength(4 * 24);
    // the heatmap's rows by pinyin (渡口 before 金汇 before 望江街), not the database's code-point order
    const names: string[] = body.communities.map((c: { name: string }) => c.name);
    expect(names.indexOf('渡口社区')).toBeLessThan(names.indexOf('金汇社区'));
    expect(names.indexOf('金汇社区')).toBeLessThan(names.indexOf('望江街社区'));
    expect(names).toEqual([...names].sort(compareChineseNames));
    const states = new Set<string>();
    let approvedInAll = 0;
    let awaitingInAll = 0;
    let returnedOnTime = 0;
    for (const cell of body.cells) {
      const b = bruteForce(raw, sel([cell.communityId]), { from: cell.month, to: cell.month });
      expect([cell.received, cell.expected], `${cell.communityId} ${cell.month}`).toEqual([
        b.reporting_rate?.numerator,
        b.reporting_rate?.denominator,
      ]);
      expect(cell.receivedOnTime).toBe(b.on_time_rate?.numerator);
      expect(cell.approved, `${cell.communityId} ${cell.month} approved`).toBe(
        countedReports(cell.communityId, cell.month),
      );
      expect(cell.approved).toBeLessThanOrEqual(cell.received);
      expect(cell.wasReturned, `${cell.communityId} ${cell.month} was returned`).toBe(
        returnedReports(cell.communityId, cell.month),
      );
      returnedOnTime += Math.min(cell.wasReturned, cell.onTime);
      approvedInAll += cell.approved;
      awaitingInAll += cell.received - cell.approved;
      expect(cell.onTime).toBeLessThanOrEqual(cell.receivedOnTime);
      states.add(cell.state);
      compared++;
    }
    for (const s of ['on_time', 'late', 'missing', 'returned', 'none']) expect(states).toContain(s);
    // the fixture has both: reports counted, and reports received but not (yet) approved
    expect(approvedInAll).toBeGreaterThan(0);
    expect(awaitingInAll).toBeGreaterThan(0);
    // reports first submitted on time, returned and resubmitted late: on time, and shown as returned
    expect(returnedOnTime).toBeGreaterThan(0);
    // Xincun has no venture: nothing is expected of it
    expect(
      body.cells
        .filter((c: { communityId: string }) => c.communityId === XINCUN)
        .every((c: { state: string }) => c.state === 'none'),
    ).toBe(true);
  });

  it('matrix: this month is not due yet', async () => {
    const now = new Date();
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const body = await get(
      `/api/v1/kpis/reporting-matrix?from=${month}&to=${month}&communityId=${DEMO_IDS.jinhui}`,
      'jinhui@dongqu.demo',
    );
    expect(body.cells).toHaveLength(1);
    expect(body.cells[0].state).toBe('not_due');
  });

  it('fund flow: inflows and outflows equal the ledger, split into sources → funds → uses', async () => {
    for (const month of ['2024-12', '2025-12'] as const) {
      const body = await get(`/api/v1/kpis/fund-flow?period=year&month=${month}`, 'admin@dongqu.demo');
      const year = bruteForce(raw, sel(DONGQU), periodContaining('year', month));
      // for a calendar year the 12-month inflow window is the year itself
      expect(body.inflowFen).toBe(year.fund_inflow_12m?.numerator);
      expect(body.outflowFen).toBe(year.deliberation_coverage?.denominator);
      const names = new Set(body.nodes.map((n: { name: string }) => n.name));
      for (const l of body.links) {
        expect(names.has(l.source) && names.has(l.target)).toBe(true);
        expect(l.value).toBeGreaterThan(0);
      }
      expect(names).toContain('source:profit:tidal_market');
      expect(names).toContain('source:profit:unattributed');
      expect(names).toContain('source:donation');
      expect(names).toContain('use:unlinked');
      // each use is one proposal, its net payouts of the year: never merged by a purpose worded alike
      const paid = new Map<string, number>();
      const byId = new Map(raw.ledger.map((e) => [String(e.entry_id), e]));
      for (const e of raw.ledger) {
        const original = e.reverses_entry_id ? byId.get(String(e.reverses_entry_id)) : undefined;
        const kind = e.kind === 'reversal' ? original?.kind : e.kind;
        const proposal = e.proposal_id ?? original?.proposal_id;
        if (kind !== 'expenditure' || !proposal || String(e.month).slice(0, 4) !== month.slice(0, 4))
          continue;
        const k = String(proposal);
        paid.set(k, (paid.get(k) ?? 0) - Number(e.direction) * Number(e.amount_fen));
      }
      const uses = new Map<string, number>();
      for (const l of body.links) {
        if (!l.target.startsWith('use:proposal:')) continue;
        const k = l.target.slice('use:proposal:'.length);
        uses.set(k, (uses.get(k) ?? 0) + l.value);
      }
      expect(uses).toEqual(new Map([...paid].filter(([, v]) => v > 0)));
      // grouped by use category: each use hangs from its proposal's category, and a category passes on exactly
      // what the funds paid into it (fund kind × category: the net payouts of its proposals)
      const proposalOf = new Map(raw.proposals.map((p) => [String(p.proposal_id), p]));
      const fundKindOf = new Map(raw.funds.map((x) => [String(x.fund_id), String(x.kind)]));
      const intoCategory = new Map<string, number>();
      for (const [k, v] of paid) {
        if (v <= 0) continue;
        const p = proposalOf.get(k);
        const key = `fund:${fundKindOf.get(String(p?.fund_id))}→category:${String(p?.use_category)}`;
        intoCategory.set(key, (intoCategory.get(key) ?? 0) + v);
      }
      for (const l of body.links) {
        if (l.target.startsWith('use:proposal:')) {
          const p = proposalOf.get(l.target.slice('use:proposal:'.length));
          expect(l.source).toBe(`category:${String(p?.use_category)}`);
        }
      }
      const served = new Map<string, number>();
      for (const l of body.links) {
        if (
          l.source.startsWith('fund:') &&
          l.target.startsWith('category:') &&
          l.target !== 'category:unlinked'
        )
          served.set(`${l.source}→${l.target}`, l.value);
      }
      expect(served).toEqual(intoCategory);
      expect(new Set([...served.keys()].map((k) => k.split('→')[1])).size).toBeGreaterThan(1);
      for (const n of body.nodes.filter((x: { kind: string }) => x.kind === 'category')) {
        const sumIn = body.links.filter((l: { target: string }) => l.target === n.name);
        const sumOut = body.links.filter((l: { source: string }) => l.source === n.name);
        const total = (ls: Array<{ value: number }>) => ls.reduce((a, l) => a + l.value, 0);
        expect(total(sumIn)).toBe(total(sumOut));
      }
      expect(names).toContain('category:unlinked');
      const purposes = new Map<string, Set<string>>();
      for (const p of raw.proposals.filter((p) => uses.has(String(p.proposal_id)))) {
        const set = purposes.get(String(p.purpose)) ?? new Set<string>();
        set.add(String(p.community_id));
        purposes.set(String(p.purpose), set);
      }
      // the fixture has proposals worded alike in two communities, and they are two uses
      expect([...purposes.values()].some((c) => c.size > 1)).toBe(true);
      compared += 2;
    }
    const partner = await get('/api/v1/kpis/fund-flow?period=year&month=2025-12', 'soe@dongqu.demo');
    expect(partner.available).toBe(false);
    expect(partner.links).toEqual([]);
  });

  it('mix: each operating model and price tier as its own filter would count it', async () => {
    const body = await get('/api/v1/kpis/mix?period=year&month=2025-06', 'viewer@dongqu.demo');
    const period = periodContaining('year', '2025-06');
    const all = bruteForce(raw, sel(DONGQU), period);
    let revenue = 0;
    for (const b of body.operatingModels) {
      const one = bruteForce(raw, sel(DONGQU, { operatingModel: b.key }), period);
      expect(b.revenueFen).toBe(one.operating_revenue?.numerator);
      expect(b.netProfitFen).toBe(one.net_profit?.numerator);
      expect(b.revenueShare.denominator).toBe(all.operating_revenue?.numerator);
      revenue += b.revenueFen;
      compared += 2;
    }
    expect(revenue).toBe(all.operating_revenue?.numerator);
    const welfare = body.priceTiers
      .filter((b: { key: string }) => b.key !== 'market')
      .reduce((s: number, b: { serviceTransactions: number }) => s + b.serviceTransactions, 0);
    expect(welfare).toBe(all.public_welfare_share?.numerator);
    expect(
      body.priceTiers.reduce((s: number, b: { serviceTransactions: number }) => s + b.serviceTransactions, 0),
    ).toBe(all.public_welfare_share?.denominator);
  });
});

describe('routes', () => {
  const paths = [
    '/api/v1/kpis/overview?period=month&month=2025-06',
    '/api/v1/kpis/series?kpi=net_profit&from=2025-01&to=2025-06',
    '/api/v1/kpis/ranking?kpi=net_profit&period=month&month=2025-06',
    '/api/v1/kpis/reporting-matrix?from=2025-01&to=2025-06',
    '/api/v1/kpis/fund-flow?period=month&month=2025-06',
    '/api/v1/kpis/mix?period=month&month=2025-06',
  ];

  it.each(paths)(
    '%s: 403 for a role the domain does not give kpi:read (a community reporter)',
    async (path) => {
      const res = await t.request(path, { as: 'reporter@jinhui.demo' });
      expect(res.status).toBe(403);
    },
  );

  it.each(paths)('%s: 401 without a session, 403 for the platform operator', async (path) => {
    expect((await t.request(path)).status).toBe(401);
    const res = await t.request(path, { as: 'platform@gongfu.demo' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it('400 names each invalid field, in Chinese by default and in English on request', async () => {
    const zh = await t.request('/api/v1/kpis/overview?period=week&month=2025-13&communityId=x', {
      as: 'admin@dongqu.demo',
    });
    expect(zh.status).toBe(400);
    const body = await zh.json();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields).sort()).toEqual(['communityId', 'month', 'period']);
    expect(body.error.fields.period).toMatch(/^取值应为/);
    const en = await t.request('/api/v1/kpis/series?kpi=happiness&from=2025-01', {
      as: 'admin@dongqu.demo',
      headers: { 'Accept-Language': 'en' },
    });
    expect(en.status).toBe(400);
    const enBody = await en.json();
    expect(Object.keys(enBody.error.fields).sort()).toEqual(['kpi', 'to']);
    expect(enBody.error.fields.to).toBe('Required');
    expect(enBody.error.fields.kpi).toMatch(/^Must be one of/);
  });

  it('400 for a reversed or too long range, on the field "to"', async () => {
    const reversed = await t.request('/api/v1/kpis/reporting-matrix?from=2025-06&to=2025-01', {
      as: 'admin@dongqu.demo',
    });
    expect(reversed.status).toBe(400);
    expect((await reversed.json()).error.fields.to).toBe('结束月份不能早于开始月份');
    const long = await t.request('/api/v1/kpis/series?kpi=net_profit&from=2000-01&to=2025-01', {
      as: 'admin@dongqu.demo',
      headers: { 'Accept-Language': 'en' },
    });
    expect(long.status).toBe(400);
    expect((await long.json()).error.fields.to).toBe('The range may span at most 120 months');
  });

  it.each([
    ['admin@dongqu.demo', `communityId=${DEMO_IDS.xiquCommunity}`, "another district's community"],
    [
      'admin@dongqu.demo',
      `streetOfficeId=${deterministicId('street:xiqu-qingxiangping')}`,
      "another district's street office",
    ],
    ['admin@xiqu.demo', `communityId=${DEMO_IDS.jinhui}`, "another district's community"],
    ['wangjiangjie@dongqu.demo', `communityId=${DEMO_IDS.jinhui}`, 'another community of the district'],
    [
      'soe@dongqu.demo',
      `communityId=${DEMO_IDS.wangjiangjie}`,
      'a community where the partner operates nothing',
    ],
  ])('%s with %s → 404 (%s), on every endpoint that takes it', async (as, filter) => {
    for (const path of paths) {
      if (filter.startsWith('communityId') && path.includes('/ranking')) continue; // ranking takes no communityId
      const res = await t.request(`${path}&${filter}`, { as });
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it("another district's figures never leak in", async () => {
    const body = await get('/api/v1/kpis/overview?period=year&month=2025-06', 'admin@xiqu.demo');
    const revenue = body.items.find((i: { key: string }) => i.key === 'operating_revenue');
    expect(revenue.current.numerator).toBe(12 * 9_999_900);
    const dongqu = await get('/api/v1/kpis/overview?period=year&month=2025-06', 'admin@dongqu.demo');
    const dq = dongqu.items.find((i: { key: string }) => i.key === 'operating_revenue');
    expect(dq.current.numerator).toBe(
      bruteForce(raw, sel(DONGQU), periodContaining('year', '2025-06')).operating_revenue?.numerator,
    );
  });

  it('the overview carries each definition, for the admin to show without re-implementing', async () => {
    const body = await get('/api/v1/kpis/overview?period=month&month=2025-06', 'admin@dongqu.demo');
    const idle = body.items.find((i: { key: string }) => i.key === 'fund_idle_ratio');
    expect(idle.definition).toMatchObject({
      unit: 'ratio',
      direction: 'lower_is_better',
      numeratorUnit: 'fen',
    });
    expect(idle.definition.formula['zh-CN']).toMatch(/12 个月/);
    expect(idle.definition.name.en).toBe('Fund idle ratio');
  });
});

describe('the data date and the latest month with approved figures = brute force', () => {
  it.each(ACTORS)('%s', async (as, selection) => {
    const body = (await get('/api/v1/kpis/latest-month', as)) as {
      month: string | null;
      dataDate: string;
      latestApprovedMonth: string | null;
    };
    // the cockpit opens on the data date: the last month whose reports are due
    expect(body.dataDate).toBe(latestDueMonth(new Date(), raw.dueDay));
    expect(body.month).toBe(body.dataDate);
    const operated = new Set(
      raw.ventures
        .filter((v) => selection.partnerId === null || v.operator_partner_id === selection.partnerId)
        .map((v) => v.venture_id),
    );
    // the newest month whose reports are all due: months up to it count
    const due = latestDueMonth(new Date(), raw.dueDay);
    const months = raw.reports
      .filter(
        (r) =>
          (r.status === 'approved' || r.status === 'locked') &&
          selection.communityIds.has(String(r.community_id)) &&
          operated.has(r.venture_id) &&
          String(r.month) <= due,
      )
      .map((r) => String(r.month))
      .sort();
    expect(months.length).toBeGreaterThan(0);
    expect(body.latestApprovedMonth).toBe(months.at(-1));
    compared += 1;
  });
});
