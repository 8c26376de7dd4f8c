import { DEMO_IDS, deterministicId } from '@gongfu/db';
import {
  KPI_DEFINITIONS,
  KPI_KEYS,
  type KpiKey,
  type Month,
  monthRange,
  type PeriodKind,
  periodContaining,
  ratioBp,
} from '@gongfu/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  type BruteFigure,
  type BruteSelection,
  bruteForce,
  buildKpiDataset,
  type RawData,
  readRaw,
  XINCUN,
} from './kpi-fixture';

/**
 * Progress to yearly targets (ADR 0017), recomputed by brute force: targets set through the API around the real
 * figures (some met, some not, some owners without one), then every overview card, ranking row and goal line is
 * compared with the year to date recomputed from the raw rows and the definition of progress written out again
 * here in exact rationals — for district, community and partner roles, filters and every period kind.
 */

let t: TestApp;
let raw: RawData;
let compared = 0;
let below = 0;
let notBelow = 0;

const DONGQU = [DEMO_IDS.wangjiangjie, DEMO_IDS.jinhui, DEMO_IDS.dukou, XINCUN];
const BINGCAOGANG = deterministicId('street:dongqu-bingcaogang');
const YEARS = [2024, 2025] as const;
/** owner → communities its figures cover; 'district' is the district's own target */
const OWNERS: Array<[string, string[]]> = [
  ['district', DONGQU],
  ...DONGQU.map((c): [string, string[]] => [c, [c]]),
];
/** target per year, owner and KPI, as set */
const TARGETS = new Map<string, number>();
const tkey = (year: number, owner: string, kpi: string) => `${year}|${owner}|${kpi}`;

function sel(communities: string[], extra: Partial<BruteSelection> = {}): BruteSelection {
  return {
    communityIds: new Set(communities),
    partnerId: null,
    operatingModel: null,
    ventureCategory: null,
    ...extra,
  };
}

const TARGETED: KpiKey[] = KPI_KEYS.filter((k) => KPI_DEFINITIONS[k].direction !== 'neutral');

/** deterministic factors around 1: some targets are beaten, some missed, one in 7 is left unset */
const FACTORS = [0.5, 0.9, 1, 1.1, 1.6, 0.75, 1.3];

beforeAll(async () => {
  t = await createTestApp();
  await buildKpiDataset(t.handle.db);
  raw = await readRaw(t.handle.db);
  let n = 0;
  for (const year of YEARS) {
    const changes: Array<{ communityId: string | null; kpi: KpiKey; value: number }> = [];
    for (const [owner, communities] of OWNERS) {
      const full = bruteForce(raw, sel(communities), { from: `${year}-01`, to: `${year}-12` });
      for (const kpi of TARGETED) {
        n++;
        if (n % 7 === 3) continue; // no target: the answers must say null
        const factor = FACTORS[n % FACTORS.length] as number;
        const figure = full[kpi] as BruteFigure;
        let value: number;
        if (figure.denominator === null)
          value = Math.max(1, Math.round(Math.abs(figure.numerator) * factor) || 1000);
        else {
          const rate = figure.denominator > 0 ? figure.numerator / figure.denominator : 0.5;
          const lower = KPI_DEFINITIONS[kpi].direction === 'lower_is_better' ? 0 : 1;
          value = Math.min(10_000, Math.max(lower, Math.round(rate * 10_000 * factor)));
        }
        TARGETS.set(tkey(year, owner, kpi), value);
        changes.push({ communityId: owner === 'district' ? null : owner, kpi, value });
      }
    }
    const res = await t.request('/api/v1/kpis/targets', {
      method: 'PUT',
      as: 'admin@dongqu.demo',
      body: JSON.stringify({ year, changes }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }
});
afterAll(async () => {
  console.info(
    `KPI targets: ${compared} progress figures compared with the brute force (${below} below, ${notBelow} not)`,
  );
  await t?.close();
});

// ─── the definition of progress, written out again in exact rationals

/** n ÷ d rounded half away from zero (d > 0) */
function roundHalfAway(n: bigint, d: bigint): bigint {
  const q = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -q : q;
}

function bruteProgress(kpi: KpiKey, target: number, figure: BruteFigure, through: Month) {
  const def = KPI_DEFINITIONS[kpi];
  const rate = def.unit === 'ratio';
  const flow = !rate && def.aggregation === 'flow';
  const lower = def.direction === 'lower_is_better';
  const m = BigInt(Number(through.slice(5)));
  const T = BigInt(target);
  const expected = flow ? Number(roundHalfAway(T * m, 12n)) : target;
  if (rate && (figure.denominator === null || figure.denominator <= 0)) {
    return { expected, progressBp: null, belowTarget: null };
  }
  // the actual in the target's unit as p / q: an amount or count as is, a rate in basis points
  const p = BigInt(figure.numerator) * (rate ? 10_000n : 1n);
  const q = rate ? BigInt(figure.denominator as number) : 1n;
  // what it should be by now, as r / s: a flow's months-gone share, else the target
  const r = flow ? T * m : T;
  const s = flow ? 12n : 1n;
  const belowTarget = lower ? p * s > r * q : p * s < r * q;
  const progressBp = lower
    ? p > 0n
      ? Number(roundHalfAway(T * q * 10_000n, p))
      : null
    : Number(roundHalfAway(p * 10_000n, T * q));
  return { expected, progressBp, belowTarget };
}

interface Progress {
  year: number;
  communityId: string | null;
  value: number;
  through: string | null;
  actual: { numerator: number; denominator: number | null } | null;
  expected: number | null;
  progressBp: number | null;
  belowTarget: boolean | null;
}

function expectProgress(
  actual: Progress | null,
  kpi: KpiKey,
  year: number,
  owner: string | null,
  selection: BruteSelection,
  through: Month,
  what: string,
) {
  const target = owner === null ? undefined : TARGETS.get(tkey(year, owner, kpi));
  if (target === undefined) {
    expect(actual, `${what}: no target`).toBeNull();
    return;
  }
  expect(actual, `${what}: has the target`).not.toBeNull();
  const ytd = bruteForce(raw, selection, { from: `${year}-01` as Month, to: through })[kpi] as BruteFigure;
  expect(ytd, `${what}: the brute force has it`).toBeDefined();
  const expected = bruteProgress(kpi, target, ytd, through);
  expect(actual, what).toMatchObject({
    year,
    communityId: owner === 'district' ? null : owner,
    value: target,
    through,
    actual: { numerator: ytd.numerator, denominator: ytd.denominator },
    ...expected,
  });
  if (expected.belowTarget === true) below++;
  if (expected.belowTarget === false) notBelow++;
  compared++;
}

async function get(path: string, as: string) {
  const res = await t.request(path, { as });
  const body = await res.json();
  expect(res.status, `${path} as ${as}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  return body;
}

const KINDS: PeriodKind[] = ['month', 'quarter', 'year', 'ytd'];
const MONTHS: Month[] = ['2024-02', '2024-11', '2025-06', '2025-12'];

/** the periods are complete (the data date is today): the year to date runs through the period's end */
const throughOf = (kind: PeriodKind, month: Month) => periodContaining(kind, month).to;

describe('overview cards = brute force', () => {
  const CASES: Array<[string, string, string | null, BruteSelection, string]> = [
    ['admin@dongqu.demo', '', 'district', sel(DONGQU), 'the district'],
    ['viewer@dongqu.demo', '', 'district', sel(DONGQU), 'the district, read by its viewer'],
    ['wangjiangjie@dongqu.demo', '', DEMO_IDS.wangjiangjie, sel([DEMO_IDS.wangjiangjie]), 'a community role'],
    ['jinhui@dongqu.demo', '', DEMO_IDS.jinhui, sel([DEMO_IDS.jinhui]), 'another community role'],
    [
      'admin@dongqu.demo',
      `&communityId=${XINCUN}`,
      XINCUN,
      sel([XINCUN]),
      'the district filtered to a community',
    ],
  ];
  it.each(CASES)('%s%s: progress to the owner’s target (%s)', async (as, query, owner, selection) => {
    for (const kind of KINDS) {
      for (const month of MONTHS) {
        const body = await get(`/api/v1/kpis/overview?period=${kind}&month=${month}${query}`, as);
        const year = Number(month.slice(0, 4));
        for (const item of body.items) {
          const what = `${as}${query} ${kind} ${month} ${item.key}`;
          if (KPI_DEFINITIONS[item.key as KpiKey].direction === 'neutral') {
            expect(item.target, what).toBeNull();
            continue;
          }
          expectProgress(item.target, item.key, year, owner, selection, throughOf(kind, month), what);
        }
      }
    }
  });

  it.each([
    ['a partner (its ventures are no district’s or community’s whole)', 'soe@dongqu.demo', ''],
    ['a street office (a slice)', 'admin@dongqu.demo', `&streetOfficeId=${BINGCAOGANG}`],
    ['an operating model (a slice)', 'admin@dongqu.demo', '&operatingModel=association_cobuilt'],
    [
      'a venture category within a community',
      'admin@dongqu.demo',
      `&ventureCategory=parking&communityId=${DEMO_IDS.dukou}`,
    ],
  ])('no target for %s', async (_name, as, query) => {
    const body = await get(`/api/v1/kpis/overview?period=year&month=2025-12${query}`, as);
    expect(body.items.filter((i: { target: unknown }) => i.target !== null)).toEqual([]);
  });

  it('the dataset sets targets that are met and missed, and leaves some unset', () => {
    expect(TARGETS.size).toBeGreaterThan(100);
    expect(TARGETS.size).toBeLessThan(YEARS.length * OWNERS.length * TARGETED.length);
  });
});

describe('ranking rows = brute force', () => {
  it.each([
    ['community_income', 'quarter', '2025-06'],
    ['stable_jobs', 'month', '2024-11'],
    ['reporting_rate', 'ytd', '2025-09'],
    ['fund_idle_ratio', 'year', '2024-12'],
    ['give_back', 'month', '2025-03'],
    ['net_profit', 'year', '2025-12'],
  ] as const)('%s for a %s (%s)', async (kpi, kind, month) => {
    const body = await get(
      `/api/v1/kpis/ranking?kpi=${kpi}&period=${kind}&month=${month}`,
      'admin@dongqu.demo',
    );
    expect(body.items).toHaveLength(4);
    for (const item of body.items) {
      expectProgress(
        item.target,
        kpi,
        Number(month.slice(0, 4)),
        item.communityId,
        sel([item.communityId]),
        throughOf(kind, month),
        `ranking ${kpi} ${kind} ${month} ${item.communityName}`,
      );
    }
  });

  it('every targeted KPI ranked for a quarter: each row against its own community’s target', async () => {
    for (const kpi of TARGETED) {
      const body = await get(
        `/api/v1/kpis/ranking?kpi=${kpi}&period=quarter&month=2024-08`,
        'viewer@dongqu.demo',
      );
      for (const item of body.items) {
        expectProgress(
          item.target,
          kpi,
          2024,
          item.communityId,
          sel([item.communityId]),
          '2024-09',
          `${kpi} ${item.communityName}`,
        );
      }
    }
  });

  it('has communities below target and communities on track', () => {
    expect(below).toBeGreaterThan(10);
    expect(notBelow).toBeGreaterThan(10);
  });
});

describe('series goal lines', () => {
  const months = monthRange('2024-07', '2025-06');
  const goalsOf = (kpi: KpiKey, owner: string) =>
    YEARS.filter((year) => TARGETS.has(tkey(year, owner, kpi))).map((year) => {
      const target = TARGETS.get(tkey(year, owner, kpi)) as number;
      const def = KPI_DEFINITIONS[kpi];
      const flow = def.unit !== 'ratio' && def.aggregation === 'flow';
      return {
        year,
        from: year === 2024 ? '2024-07' : '2025-01',
        to: year === 2024 ? '2024-12' : '2025-06',
        target,
        value: flow ? Number(roundHalfAway(BigInt(target), 12n)) : target,
      };
    });

  it.each(TARGETED)(
    '%s: the district line and each community line carry their own target per year',
    async (kpi) => {
      const district = await get(
        `/api/v1/kpis/series?kpi=${kpi}&from=2024-07&to=2025-06&groupBy=district`,
        'admin@dongqu.demo',
      );
      expect(district.months).toEqual(months);
      expect(district.series[0].goals).toEqual(goalsOf(kpi, 'district'));
      const byCommunity = await get(
        `/api/v1/kpis/series?kpi=${kpi}&from=2024-07&to=2025-06&groupBy=community`,
        'admin@dongqu.demo',
      );
      for (const s of byCommunity.series) expect(s.goals, `${kpi} ${s.key}`).toEqual(goalsOf(kpi, s.key));
      // a community role's line is its community's
      const own = await get(`/api/v1/kpis/series?kpi=${kpi}&from=2024-07&to=2025-06`, 'jinhui@dongqu.demo');
      expect(own.series[0].goals).toEqual(goalsOf(kpi, DEMO_IDS.jinhui));
    },
  );

  it('no goal line for a slice: by street office, operating model, or a partner’s ventures', async () => {
    for (const [query, as] of [
      ['groupBy=street_office', 'admin@dongqu.demo'],
      ['groupBy=operating_model', 'admin@dongqu.demo'],
      [`groupBy=district&streetOfficeId=${BINGCAOGANG}`, 'admin@dongqu.demo'],
      ['groupBy=district', 'soe@dongqu.demo'],
    ] as const) {
      const body = await get(
        `/api/v1/kpis/series?kpi=operating_revenue&from=2024-07&to=2025-06&${query}`,
        as,
      );
      for (const s of body.series) expect(s.goals, query).toEqual([]);
    }
  });
});

describe('last year’s actuals beside the targets = the cockpit’s year figures = brute force', () => {
  afterEach(() => vi.restoreAllMocks());

  interface Actual {
    communityId: string | null;
    kpi: KpiKey;
    value: number | null;
  }
  interface Figure {
    value: number | null;
    numerator: number;
    denominator: number | null;
  }
  /** a figure in a target's unit: the amount or count, a rate in basis points */
  const inTargetUnit = (f: { numerator: number; denominator: number | null }) =>
    f.denominator === null ? f.numerator : ratioBp(f.numerator, f.denominator);
  let nonNull = 0;

  /** null is no fact of the year (or a rate without a base): the figure is then nothing; otherwise the same */
  function expectActual(actual: number | null | undefined, figure: Figure | BruteFigure, what: string) {
    expect(actual, `${what}: listed`).not.toBeUndefined();
    const expected = inTargetUnit(figure);
    if (actual === null) expect(expected === null || expected === 0, `${what}: null is nothing`).toBe(true);
    else {
      expect(actual, what).toBe(expected);
      nonNull++;
    }
  }

  async function lastYearOf(year: number, as = 'admin@dongqu.demo') {
    const body = await get(`/api/v1/kpis/targets?year=${year}`, as);
    const actuals = body.lastYear.actuals as Actual[];
    const of = (owner: string | null, kpi: KpiKey) =>
      actuals.find((a) => a.communityId === owner && a.kpi === kpi)?.value;
    return { lastYear: body.lastYear as { year: number; through: string | null }, actuals, of };
  }

  it('a complete year: the district’s and each community’s, as the overview and the ranking report them', async () => {
    nonNull = 0;
    const { lastYear, actuals, of } = await lastYearOf(2025);
    expect(lastYear).toMatchObject({ year: 2024, through: '2024-12' });
    expect(actuals).toHaveLength(OWNERS.length * TARGETED.length);
    const overview = await get('/api/v1/kpis/overview?period=year&month=2024-12', 'admin@dongqu.demo');
    for (const kpi of TARGETED) {
      for (const [owner, communities] of OWNERS) {
        const id = owner === 'district' ? null : owner;
        const brute = bruteForce(raw, sel(communities), { from: '2024-01', to: '2024-12' })[
          kpi
        ] as BruteFigure;
        expectActual(of(id, kpi), brute, `${owner} ${kpi} (brute force)`);
      }
      const card = overview.items.find((i: { key: string }) => i.key === kpi);
      expectActual(of(null, kpi), card.current, `district ${kpi} (overview)`);
      const ranking = await get(
        `/api/v1/kpis/ranking?kpi=${kpi}&period=year&month=2024-12`,
        'admin@dongqu.demo',
      );
      expect(ranking.items).toHaveLength(DONGQU.length);
      for (const row of ranking.items)
        expectActual(of(row.communityId, kpi), row, `${row.communityName} ${kpi}`);
    }
    // most figures of the dataset's year are there (the rest are nothing, not zeros)
    expect(nonNull).toBeGreaterThan(OWNERS.length * TARGETED.length);
  });

  it('a community role gets its own community’s only, the same as the district reads for it', async () => {
    const district = await lastYearOf(2025);
    const own = await lastYearOf(2025, 'jinhui@dongqu.demo');
    expect(new Set(own.actuals.map((a) => a.communityId))).toEqual(new Set([DEMO_IDS.jinhui]));
    expect(own.actuals).toHaveLength(TARGETED.length);
    for (const kpi of TARGETED)
      expect(own.of(DEMO_IDS.jinhui, kpi), kpi).toBe(district.of(DEMO_IDS.jinhui, kpi));
  });

  it('a running year runs to the data date, as the cockpit’s year does', async () => {
    const now = new Date('2025-06-20T12:00:00+08:00'); // May's reports were due on the 15th
    vi.spyOn(clock, 'now').mockReturnValue(now);
    const { lastYear, of } = await lastYearOf(2026);
    expect(lastYear).toMatchObject({ year: 2025, through: '2025-05' });
    const overview = await get('/api/v1/kpis/overview?period=year&month=2025-12', 'admin@dongqu.demo');
    expect(overview.through).toBe('2025-05');
    for (const kpi of TARGETED) {
      const card = overview.items.find((i: { key: string }) => i.key === kpi);
      expectActual(of(null, kpi), card.current, `district ${kpi} (overview)`);
      for (const [owner, communities] of OWNERS) {
        const brute = bruteForce(raw, sel(communities), { from: '2025-01', to: '2025-05' }, now.getTime())[
          kpi
        ] as BruteFigure;
        expectActual(of(owner === 'district' ? null : owner, kpi), brute, `${owner} ${kpi}`);
      }
    }
  });

  it('in January, December counts once its reports are due (the due day read with the figures)', async () => {
    vi.spyOn(clock, 'now').mockReturnValue(new Date('2026-01-10T12:00:00+08:00'));
    const before = await lastYearOf(2026);
    expect(before.lastYear.through).toBe('2025-11');
    vi.restoreAllMocks();
    const now = new Date('2026-01-20T12:00:00+08:00');
    vi.spyOn(clock, 'now').mockReturnValue(now);
    const after = await lastYearOf(2026);
    expect(after.lastYear.through).toBe('2025-12');
    for (const [label, list, to] of [
      ['before', before, '2025-11'],
      ['after', after, '2025-12'],
    ] as const) {
      for (const kpi of ['operating_revenue', 'stable_jobs', 'reporting_rate'] as const) {
        const brute = bruteForce(raw, sel(DONGQU), { from: '2025-01', to }, now.getTime())[
          kpi
        ] as BruteFigure;
        expectActual(list.of(null, kpi), brute, `${label} ${kpi}`);
      }
    }
    expect(before.of(null, 'operating_revenue')).not.toBe(after.of(null, 'operating_revenue'));
  });

  it('a year none of which is due has no actual', async () => {
    vi.spyOn(clock, 'now').mockReturnValue(new Date('2025-01-20T12:00:00+08:00'));
    const { lastYear, actuals } = await lastYearOf(2026);
    expect(lastYear).toMatchObject({ year: 2025, through: null });
    expect(actuals.length).toBeGreaterThan(0);
    expect(actuals.filter((a) => a.value !== null)).toEqual([]);
  });
});
