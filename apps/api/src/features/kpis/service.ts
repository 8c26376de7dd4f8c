import type {
  FundFlow,
  KpiFigure,
  KpiGroupBy,
  KpiKey,
  KpiLatestMonth,
  KpiMix,
  KpiOverview,
  KpiOverviewQuery,
  KpiPeriodQuery,
  KpiRanking,
  KpiRankingQuery,
  KpiSeries,
  KpiSeriesQuery,
  PeriodInfo,
  ReportingMatrix,
  ReportingMatrixQuery,
  ReportingState,
} from '@gongfu/contract';
import { kpis, lastRead, pipelined, type ScopedTransaction, toFen } from '@gongfu/db';
import {
  can,
  compareChineseNames,
  FUND_KIND_LABELS,
  KPI_DEFINITIONS,
  KPI_KEYS,
  kpiDataDate,
  kpiWindows,
  type LocalizedText,
  type Month,
  medianOf,
  monthRange,
  OPERATING_MODEL_LABELS,
  type Period,
  type PeriodKind,
  PRICE_TIER_LABELS,
  PROPOSAL_USE_CATEGORY_LABELS,
  periodContaining,
  periodKey,
  periodLabel,
  possibleDueMonths,
  rankingOrder,
  ratioValue,
  sortByChineseName,
  VENTURE_CATEGORY_LABELS,
} from '@gongfu/domain';
import { clock } from '../../clock';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';
import type { Lang } from '../../i18n/messages';
import { message } from '../../i18n/messages';
import {
  communitiesAreWhole,
  goalLines,
  indexTargets,
  progressOf,
  type TargetIndex,
  targetOf,
  targetOwnerOf,
  targetsRead,
  yearOf,
} from './targets';

// the domain's keys and the SQL's keys are the same set (a compile error otherwise)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const KEYS_MATCH: Same<KpiKey, kpis.KpiKey> = true;
void KEYS_MATCH;

/** Whether a month's reports are due yet, in SQL, by the business clock (src/clock.ts). */
const nowEpoch = () => Math.floor(clock.now().getTime() / 1000);

export const MAX_RANGE_MONTHS = 120;

type Reason = 'not_attributable_to_venture' | 'outside_partner_scope';

interface Filters {
  streetOfficeId?: string | undefined;
  communityId?: string | undefined;
  operatingModel?: string | undefined;
  ventureCategory?: string | undefined;
}

/**
 * The roles of the domain's table with `kpi:read` read the KPIs of their scope (a partner operator: of the
 * ventures it operates); the platform operator sees no business data.
 */
function scopeOf(actor: Actor) {
  const { kind, districtId, communityId, partnerId } = actor.scope;
  if (kind === 'platform' || !districtId || !can(actor.scope.role, 'kpi:read')) throw forbidden();
  return { districtId, communityId, partnerId };
}

/**
 * The selection a request covers: the actor's scope and the filters. A community or street office outside
 * the scope is 404, as if it did not exist.
 */
async function selectionOf(trx: ScopedTransaction, actor: Actor, filters: Filters) {
  const scope = scopeOf(actor);
  const selection: kpis.KpiSelection = {
    districtId: scope.districtId,
    scopeCommunityId: scope.communityId,
    scopePartnerId: scope.partnerId,
    streetOfficeId: filters.streetOfficeId ?? null,
    communityId: filters.communityId ?? null,
    operatingModel: filters.operatingModel ?? null,
    ventureCategory: filters.ventureCategory ?? null,
  };
  if (selection.streetOfficeId) {
    const office = await kpis.findStreetOffice(trx, {
      districtId: scope.districtId,
      streetOfficeId: selection.streetOfficeId,
    });
    if (!office) throw notFound();
  }
  if (selection.communityId) {
    const [community] = await kpis.listSelectedCommunities(trx, {
      ...selection,
      streetOfficeId: null,
    });
    if (!community) throw notFound();
  }
  return selection;
}

function unavailable(
  key: KpiKey,
  selection: kpis.KpiSelection,
  groupBy: KpiGroupBy = 'district',
): Reason | null {
  const formula = kpis.KPI_SQL[key];
  if (selection.scopePartnerId && !formula.partnerVisible) return 'outside_partner_scope';
  if (formula.level === 'community' && (kpis.hasVentureFilter(selection) || kpis.isVentureGroupBy(groupBy))) {
    return 'not_attributable_to_venture';
  }
  return null;
}

function reasonOf(reason: Reason | null, lang: Lang) {
  return reason ? { code: reason, message: message(`kpi_${reason}`, lang) } : null;
}

function figureOf(key: KpiKey, row: kpis.KpiRow | undefined): KpiFigure {
  const numerator = toFen(row?.num ?? 0);
  if (!kpis.KPI_SQL[key].ratio) return { value: numerator, numerator, denominator: null };
  const denominator = toFen(row?.den ?? 0);
  // the domain's rule: no value over a zero or negative base (a rate over a loss is not a rate)
  return { value: ratioValue(numerator, denominator), numerator, denominator };
}

function sumRows(kpi: KpiKey, rows: readonly kpis.KpiRow[]): kpis.KpiRow {
  let num = 0n;
  let den = 0n;
  for (const row of rows) {
    num += BigInt(row.num);
    den += BigInt(row.den);
  }
  return { kpi, wkey: 'current', gkey: 'all', num, den };
}

function periodInfo(p: Period): PeriodInfo {
  return {
    kind: p.kind,
    key: periodKey(p),
    from: p.from,
    to: p.to,
    label: { 'zh-CN': periodLabel(p, 'zh-CN'), en: periodLabel(p, 'en') },
  };
}

function windowOf(key: string, p: Period): kpis.KpiWindow {
  return { key, from: p.from, to: p.to };
}

const rowKey = (kpi: string, wkey: string, gkey: string) => `${kpi}|${wkey}|${gkey}`;

function indexRows(rows: readonly kpis.KpiRow[]) {
  return new Map(rows.map((r) => [rowKey(r.kpi, r.wkey, r.gkey), r]));
}

/**
 * The cockpit's opening month: the newest month whose reports are all due (its deadline passed) and that has
 * approved figures. A month still filling in — a few early reports approved — is not where a reader should land.
 */
export async function latestMonth(trx: ScopedTransaction, actor: Actor): Promise<KpiLatestMonth> {
  const selection = await selectionOf(trx, actor, {});
  const now = clock.now();
  // the data date is one of two months, whichever the due day: the newest approved month up to each is read with
  // the due day, not after it — one wait instead of two, on the request the cockpit waits for before any other
  const upTo = possibleDueMonths(now);
  await lastRead(trx); // COMMIT goes with the answer's last read (ADR 0033)
  const [dueDayRows, [newest]] = await pipelined(trx, [
    dueDayRead(trx, selection),
    kpis.newestApprovedMonths(trx, { selection, upTo }),
  ]);
  const dataDate = kpiDataDate(now, kpis.dueDayOf(dueDayRows));
  if (dataDate !== upTo[0] && dataDate !== upTo[1]) throw new Error(`data date ${dataDate} outside ${upTo}`);
  const latestApprovedMonth = ((dataDate === upTo[0] ? newest?.up_to_first : newest?.up_to_second) ??
    null) as Month | null;
  // the cockpit opens on the data date (issue 12 item 14); the newest approved month is said beside it
  return { month: dataDate, dataDate, latestApprovedMonth };
}

/** The data date of every KPI answer: the domain's kpiDataDate, by the district's due day and the business clock. */
async function dataDateOf(trx: ScopedTransaction, selection: kpis.KpiSelection): Promise<Month> {
  const [dueDayRows] = await pipelined(trx, [dueDayRead(trx, selection)]);
  return dataDateFrom(dueDayRows);
}

/** The district's due day as a statement, to send with an answer's other reads (`pipelined`). */
const dueDayRead = (trx: ScopedTransaction, selection: kpis.KpiSelection) =>
  kpis.reportDueDay(trx, { districtId: selection.districtId });

/** The data date from `dueDayRead`'s rows. */
const dataDateFrom = (dueDayRows: readonly { report_due_day: number }[]): Month =>
  kpiDataDate(clock.now(), kpis.dueDayOf(dueDayRows));

export async function overview(
  trx: ScopedTransaction,
  actor: Actor,
  query: KpiOverviewQuery,
  lang: Lang,
): Promise<KpiOverview> {
  const selection = await selectionOf(trx, actor, query);
  const period = periodContaining(query.period as PeriodKind, query.month as Month);
  // the yearly targets the figures meet (ADR 0017): measured on the year to date through the figures' last month
  const year = yearOf(period.from);
  const owner = targetOwnerOf(selection);
  const targetsStatement = owner === undefined ? null : targetsRead(trx, selection, [year]);
  // the due day and the targets do not depend on each other: sent together, one wait (ADR 0030)
  const [dueDayRows, targetRows] = await pipelined(trx, [dueDayRead(trx, selection), targetsStatement]);
  const dataDate = dataDateFrom(dueDayRows);
  // a running period ends at the data date, compared like for like (domain kpiWindows)
  const asOf = kpiWindows(period, dataDate);
  const { current, previous } = asOf;
  const lastYear = asOf.samePeriodLastYear;
  const keys = KPI_KEYS.filter((key) => !unavailable(key, selection));
  const targets = targetsStatement ? indexTargets(targetRows).get(year) : undefined;
  const through = asOf.nothingDue ? null : current.to;
  const ytd = ytdWindow(period, through);
  const targeted = keys.some((key) => owner !== undefined && targetOf(targets, owner, key) !== undefined);
  await lastRead(trx); // COMMIT goes with the answer's last read (ADR 0033)
  const rows = await kpis.computeKpis(trx, {
    nowEpoch: nowEpoch(),
    selection,
    windows: [
      windowOf('current', current),
      windowOf('previous', previous),
      windowOf('last_year', lastYear),
      ...(targeted && ytd.extra ? [ytd.extra] : []),
    ],
    groupBy: 'district',
    keys,
  });
  const byKey = indexRows(rows);
  return {
    period: periodInfo(period),
    dataDate,
    through: current.to,
    running: asOf.running,
    nothingDue: asOf.nothingDue,
    previousPeriod: periodInfo(previous),
    samePeriodLastYear: periodInfo(lastYear),
    items: KPI_KEYS.map((key) => {
      const reason = unavailable(key, selection);
      const figure = (wkey: string) => (reason ? null : figureOf(key, byKey.get(rowKey(key, wkey, 'all'))));
      return {
        key,
        definition: KPI_DEFINITIONS[key],
        available: !reason,
        unavailableReason: reasonOf(reason, lang),
        current: figure('current'),
        previous: figure('previous'),
        samePeriodLastYear: figure('last_year'),
        target: progressIn(key, year, owner, targets, reason ? null : figure(ytd.key), through),
      };
    }),
  };
}

/**
 * The year to date a target is measured on: January of the period's year through the figures' last month. A year or
 * year-to-date period is that window already; a month or quarter needs one more window in the same statement.
 */
function ytdWindow(period: Period, through: Month | null): { key: string; extra: kpis.KpiWindow | null } {
  if (through === null) return { key: 'current', extra: null };
  if (period.kind === 'year' || period.kind === 'ytd') return { key: 'current', extra: null };
  return { key: 'target_ytd', extra: { key: 'target_ytd', from: `${yearOf(period.from)}-01`, to: through } };
}

function progressIn(
  key: KpiKey,
  year: number,
  owner: string | null | undefined,
  targets: Parameters<typeof targetOf>[0],
  actual: KpiFigure | null,
  through: Month | null,
) {
  if (owner === undefined) return null;
  const target = targetOf(targets, owner, key);
  return target === undefined ? null : progressOf(key, year, owner, target, actual, through);
}

function checkRange(from: Month, to: Month, max = MAX_RANGE_MONTHS): Month[] {
  const months = monthRange(from, to);
  if (months.length === 0) throw new ApiError(400, 'validation_failed', { to: 'kpi_range_reversed' });
  if (months.length > max) throw new ApiError(400, 'validation_failed', { to: 'kpi_range_too_long' });
  return months;
}

const label = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

function enumLabel(labels: Record<string, LocalizedText>, key: string, fallback: LocalizedText) {
  return labels[key] ?? (key === kpis.UNASSIGNED_MODEL ? fallback : label(key, key));
}

export async function series(
  trx: ScopedTransaction,
  actor: Actor,
  query: KpiSeriesQuery,
  lang: Lang,
): Promise<KpiSeries> {
  const months = checkRange(query.from as Month, query.to as Month);
  const selection = await selectionOf(trx, actor, query);
  const key = query.kpi;
  const reason = unavailable(key, selection, query.groupBy);
  const figures = reason
    ? null
    : await kpis.kpisRead(trx, {
        nowEpoch: nowEpoch(),
        selection,
        windows: months.map((m) => ({ key: m, from: m, to: m })),
        groupBy: query.groupBy,
        keys: [key],
      });
  // the goal line: the district's (or the community's) target on its line, each community's on its own
  const owner = targetOwnerOf(selection);
  const perCommunity = query.groupBy === 'community' && communitiesAreWhole(selection);
  const years = [...new Set(months.map(yearOf))];
  const targetsStatement =
    reason || (query.groupBy === 'district' ? owner === undefined : !perCommunity)
      ? null
      : targetsRead(trx, selection, years, key);
  const named = query.groupBy === 'community' || query.groupBy === 'street_office';
  // the figures, the due day, the targets and the communities do not depend on each other: one wait (ADR 0030),
  // and the answer's last (COMMIT goes with them, ADR 0033)
  await lastRead(trx);
  const [figureRows, dueDayRows, targetRows, communities] = await pipelined(trx, [
    figures?.query ?? null,
    dueDayRead(trx, selection),
    targetsStatement,
    named ? kpis.selectedCommunities(trx, selection) : null,
  ]);
  const rows = figures ? figures.rowsOf(figureRows) : [];
  const byKey = indexRows(rows);
  const targets = targetsStatement ? indexTargets(targetRows) : new Map<number, TargetIndex>();
  const goalsOf = (gkey: string) => {
    if (query.groupBy === 'district')
      return owner === undefined ? [] : goalLines(key, months, targets, owner);
    return perCommunity ? goalLines(key, months, targets, gkey) : [];
  };

  // the groups: every community / street office of the selection, else what the facts hold
  const groups = new Map<string, LocalizedText>();
  if (query.groupBy === 'district') {
    groups.set('all', label('全区', 'District'));
  } else if (named) {
    for (const c of communities) {
      if (query.groupBy === 'community') groups.set(c.community_id, label(c.name, c.name));
      else {
        const office = c.street_office_id ?? kpis.NO_STREET_OFFICE;
        const name = c.street_office_name;
        groups.set(office, name ? label(name, name) : label('未划入街道', 'No street office'));
      }
    }
  }
  for (const row of rows) {
    if (groups.has(row.gkey)) continue;
    if (query.groupBy === 'operating_model') {
      groups.set(
        row.gkey,
        enumLabel(OPERATING_MODEL_LABELS, row.gkey, label('未登记经营模式', 'No operating model')),
      );
    } else if (query.groupBy === 'venture_category') {
      groups.set(row.gkey, enumLabel(VENTURE_CATEGORY_LABELS, row.gkey, label(row.gkey, row.gkey)));
    } else {
      groups.set(row.gkey, label(row.gkey, row.gkey));
    }
  }
  return {
    kpi: KPI_DEFINITIONS[key],
    dataDate: dataDateFrom(dueDayRows),
    available: !reason,
    unavailableReason: reasonOf(reason, lang),
    groupBy: query.groupBy,
    months,
    series: reason
      ? []
      : [...groups].map(([gkey, groupLabel]) => ({
          key: gkey,
          label: groupLabel,
          points: months.map((m) => ({ month: m, ...figureOf(key, byKey.get(rowKey(key, m, gkey))) })),
          goals: goalsOf(gkey),
        })),
  };
}

export function ranking(
  trx: ScopedTransaction,
  actor: Actor,
  query: KpiRankingQuery,
  lang: Lang,
): Promise<KpiRanking> {
  return rankingIn(trx, actor, query, lang, { endsTransaction: true });
}

/**
 * The ranking, read in a transaction that goes on after it (`endsTransaction: false`: the standing reads one per
 * KPI in one transaction) or that it ends (its last read takes the COMMIT with it, ADR 0033).
 */
export async function rankingIn(
  trx: ScopedTransaction,
  actor: Actor,
  query: KpiRankingQuery,
  lang: Lang,
  { endsTransaction }: { endsTransaction: boolean },
): Promise<KpiRanking> {
  const selection = await selectionOf(trx, actor, query);
  const key = query.kpi;
  const period = periodContaining(query.period as PeriodKind, query.month as Month);
  const reason = unavailable(key, selection, 'community');
  // each community against its own yearly target, on its year to date (ADR 0017)
  const year = yearOf(period.from);
  const targetsStatement =
    reason || !communitiesAreWhole(selection) ? null : targetsRead(trx, selection, [year], key);
  // the due day, the communities and their targets do not depend on each other: sent together, one wait (ADR 0030)
  const [dueDayRows, communities, targetRows] = await pipelined(trx, [
    dueDayRead(trx, selection),
    kpis.selectedCommunities(trx, selection),
    targetsStatement,
  ]);
  const dataDate = dataDateFrom(dueDayRows);
  const asOf = kpiWindows(period, dataDate);
  const through = asOf.nothingDue ? null : asOf.current.to;
  const targets = targetsStatement ? indexTargets(targetRows).get(year) : undefined;
  const targeted = communities.some((c) => targetOf(targets, c.community_id, key) !== undefined);
  const ytd = ytdWindow(period, through);
  const window = [windowOf('current', asOf.current), ...(targeted && ytd.extra ? [ytd.extra] : [])];
  if (endsTransaction) await lastRead(trx);
  const rows = reason
    ? []
    : await kpis.computeKpis(trx, {
        nowEpoch: nowEpoch(),
        selection,
        windows: window,
        groupBy: 'community',
        keys: [key],
      });
  const byCommunity = indexRows(rows);
  const currentRows = rows.filter((row) => row.wkey === 'current');
  // every fact belongs to exactly one community of the selection, so the selection's numerator and
  // denominator are its communities' summed (the ratio recomputed from them, never averaged)
  const total = reason ? null : figureOf(key, sumRows(key, currentRows));
  const order = rankingOrder(KPI_DEFINITIONS[key].direction);
  const items = communities.map((c) => ({
    communityId: c.community_id,
    communityName: c.name,
    streetOfficeId: c.street_office_id,
    streetOfficeName: c.street_office_name,
    ...(reason
      ? { value: null, numerator: 0, denominator: null }
      : figureOf(key, byCommunity.get(rowKey(key, 'current', c.community_id)))),
    target: progressIn(
      key,
      year,
      targets ? c.community_id : undefined,
      targets,
      figureOf(key, byCommunity.get(rowKey(key, ytd.key, c.community_id))),
      through,
    ),
  }));
  // a neutral KPI is ordered highest first like a higher-is-better one, and marked not judged
  const better = (a: number, b: number) => (order.lowestFirst ? a - b : b - a);
  items.sort((a, b) => {
    if (a.value === null || b.value === null) {
      return a.value === b.value
        ? compareChineseNames(a.communityName, b.communityName)
        : a.value === null
          ? 1
          : -1;
    }
    return better(a.value, b.value) || compareChineseNames(a.communityName, b.communityName);
  });
  let rank = 0;
  let previousValue: number | null = null;
  const ranked = items.map((item, index) => {
    if (item.value === null) return { ...item, rank: null };
    if (item.value !== previousValue) rank = index + 1;
    previousValue = item.value;
    return { ...item, rank };
  });
  return {
    kpi: KPI_DEFINITIONS[key],
    period: periodInfo(period),
    dataDate,
    through: asOf.current.to,
    nothingDue: asOf.nothingDue,
    available: !reason,
    unavailableReason: reasonOf(reason, lang),
    items: ranked,
    judged: order.judged,
    median: medianOf(ranked.map((i) => i.value)),
    total,
  };
}

const STATE_ORDER: ReportingState[] = ['missing', 'returned', 'late', 'on_time', 'not_due'];

export async function reportingMatrix(
  trx: ScopedTransaction,
  actor: Actor,
  query: ReportingMatrixQuery,
): Promise<ReportingMatrix> {
  const months = checkRange(query.from as Month, query.to as Month);
  const selection = await selectionOf(trx, actor, query);
  // three reads that do not depend on each other: sent together, one wait (ADR 0030), and the answer's last
  // (COMMIT goes with them, ADR 0033)
  await lastRead(trx);
  const [rows, selected, dueDayRows] = await pipelined(trx, [
    await kpis.reportingMatrixRead(trx, {
      selection,
      from: query.from as Month,
      to: query.to as Month,
      nowEpoch: nowEpoch(),
    }),
    kpis.selectedCommunities(trx, selection),
    dueDayRead(trx, selection),
  ]);
  const dueDay = kpis.dueDayOf(dueDayRows);
  const communities = sortByChineseName(selected, (c) => c.name); // the heatmap's rows, looked up by name
  const counts = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const k = `${row.community_id}|${row.month}`;
    const cell = counts.get(k) ?? {};
    cell[row.state] = (cell[row.state] ?? 0) + toFen(row.ventures);
    if (row.on_time) cell.received_on_time = (cell.received_on_time ?? 0) + toFen(row.ventures);
    cell.approved = (cell.approved ?? 0) + toFen(row.approved);
    cell.was_returned = (cell.was_returned ?? 0) + toFen(row.was_returned);
    counts.set(k, cell);
  }
  const cells = communities.flatMap((c) =>
    months.map((month) => {
      const n = counts.get(`${c.community_id}|${month}`) ?? {};
      const onTime = n.on_time ?? 0;
      const late = n.late ?? 0;
      const missing = n.missing ?? 0;
      const returned = n.returned ?? 0;
      const notDue = n.not_due ?? 0;
      const state = STATE_ORDER.find((s) => (n[s] ?? 0) > 0) ?? 'none';
      return {
        communityId: c.community_id,
        month,
        state,
        expected: onTime + late + missing + returned,
        received: onTime + late + returned,
        receivedOnTime: n.received_on_time ?? 0,
        approved: n.approved ?? 0,
        wasReturned: n.was_returned ?? 0,
        onTime,
        late,
        missing,
        returned,
        notDue,
      };
    }),
  );
  return {
    from: query.from,
    to: query.to,
    dataDate: kpiDataDate(clock.now(), dueDay),
    dueDay,
    months,
    communities: communities.map((c) => ({ communityId: c.community_id, name: c.name })),
    cells,
  };
}

const UNLINKED_USE = label('未关联议事项目', 'Not linked to a proposal');

const SOURCE_LABELS: Record<string, LocalizedText> = {
  donation: label('捐赠', 'Donations'),
  grant: label('拨款补助', 'Grants'),
};

export async function fundFlow(
  trx: ScopedTransaction,
  actor: Actor,
  query: KpiPeriodQuery,
  lang: Lang,
): Promise<FundFlow> {
  const selection = await selectionOf(trx, actor, query);
  const period = periodContaining(query.period as PeriodKind, query.month as Month);
  const dataDate = await dataDateOf(trx, selection);
  const through = kpiWindows(period, dataDate).current;
  const reason: Reason | null = selection.scopePartnerId ? 'outside_partner_scope' : null;
  await lastRead(trx); // COMMIT goes with the answer's last read (ADR 0033)
  const rows = reason ? [] : await kpis.fundFlow(trx, { selection, window: windowOf('current', through) });
  const nodes = new Map<
    string,
    { name: string; kind: 'source' | 'fund' | 'category' | 'use'; label: LocalizedText }
  >();
  const links: Array<{ source: string; target: string; value: number }> = [];
  // fund → use category: the sum of the category's proposals paid from the fund
  const categoryLinks = new Map<string, { source: string; target: string; value: number }>();
  let inflowFen = 0;
  let outflowFen = 0;
  for (const row of rows) {
    const amount = toFen(row.amount_fen);
    const fundName = `fund:${row.fund_kind}`;
    const fundLabel = enumLabel(FUND_KIND_LABELS, row.fund_kind, label(row.fund_kind, row.fund_kind));
    let other: { name: string; kind: 'source'; label: LocalizedText };
    if (row.flow === 'in') {
      inflowFen += amount;
      if (row.kind === 'allocation') {
        const category = row.detail ?? 'unattributed';
        const categoryLabel = VENTURE_CATEGORY_LABELS[category as keyof typeof VENTURE_CATEGORY_LABELS] ?? {
          'zh-CN': '未关联项目',
          en: 'Not traced to a venture',
        };
        other = {
          name: `source:profit:${category}`,
          kind: 'source',
          label: label(`经营利润·${categoryLabel['zh-CN']}`, `Operating profit · ${categoryLabel.en}`),
        };
      } else {
        other = {
          name: `source:${row.kind}`,
          kind: 'source',
          label: SOURCE_LABELS[row.kind] ?? label(row.kind, row.kind),
        };
      }
    } else {
      outflowFen += amount;
      if (amount <= 0) continue; // a sankey link cannot be negative: reversals above entries net out here
      // keyed by the proposal, labelled with its title and community, under its use category
      const title = row.label ?? row.detail ?? '';
      const use = row.detail
        ? { name: `use:proposal:${row.detail}`, kind: 'use' as const, label: label(title, title) }
        : { name: 'use:unlinked', kind: 'use' as const, label: UNLINKED_USE };
      const categoryKey = row.detail ? (row.use_category ?? 'other') : 'unlinked';
      const category = {
        name: `category:${categoryKey}`,
        kind: 'category' as const,
        label: row.detail
          ? enumLabel(PROPOSAL_USE_CATEGORY_LABELS, categoryKey, label(categoryKey, categoryKey))
          : UNLINKED_USE,
      };
      for (const node of [use, category]) if (!nodes.has(node.name)) nodes.set(node.name, node);
      if (!nodes.has(fundName)) nodes.set(fundName, { name: fundName, kind: 'fund', label: fundLabel });
      const key = `${fundName}→${category.name}`;
      const link = categoryLinks.get(key) ?? { source: fundName, target: category.name, value: 0 };
      link.value += amount;
      categoryLinks.set(key, link);
      links.push({ source: category.name, target: use.name, value: amount });
      continue;
    }
    if (amount <= 0) continue; // a sankey link cannot be negative: reversals above entries net out here
    if (!nodes.has(other.name)) nodes.set(other.name, other);
    if (!nodes.has(fundName)) nodes.set(fundName, { name: fundName, kind: 'fund', label: fundLabel });
    links.push({ source: other.name, target: fundName, value: amount });
  }
  links.push(...categoryLinks.values());
  const order = { source: 0, fund: 1, category: 2, use: 3 } as const;
  return {
    period: periodInfo(period),
    dataDate,
    through: through.to,
    available: !reason,
    unavailableReason: reasonOf(reason, lang),
    nodes: [...nodes.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name)),
    links: links.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
    inflowFen,
    outflowFen,
  };
}

export async function mix(trx: ScopedTransaction, actor: Actor, query: KpiPeriodQuery): Promise<KpiMix> {
  const selection = await selectionOf(trx, actor, query);
  const period = periodContaining(query.period as PeriodKind, query.month as Month);
  const dataDate = await dataDateOf(trx, selection);
  const through = kpiWindows(period, dataDate).current;
  await lastRead(trx); // COMMIT goes with the answer's last read (ADR 0033)
  const rows = await kpis.mix(trx, { selection, window: windowOf('current', through) });
  const bucketsOf = (dimension: 'operating_model' | 'price_tier') => {
    const mine = rows.filter((r) => r.dimension === dimension);
    const revenue = mine.reduce((s, r) => s + toFen(r.revenue_fen), 0);
    const transactions = mine.reduce((s, r) => s + toFen(r.service_transactions), 0);
    const share = (n: number, d: number): KpiFigure => ({
      value: ratioValue(n, d),
      numerator: n,
      denominator: d,
    });
    return mine
      .map((r) => {
        const revenueFen = toFen(r.revenue_fen);
        const serviceTransactions = toFen(r.service_transactions);
        return {
          key: r.key,
          label:
            dimension === 'operating_model'
              ? enumLabel(OPERATING_MODEL_LABELS, r.key, label('未登记经营模式', 'No operating model'))
              : enumLabel(PRICE_TIER_LABELS, r.key, label(r.key, r.key)),
          ventures: toFen(r.ventures),
          revenueFen,
          netProfitFen: toFen(r.profit_fen),
          serviceTransactions,
          residentsServed: toFen(r.residents_served),
          revenueShare: share(revenueFen, revenue),
          transactionShare: share(serviceTransactions, transactions),
        };
      })
      .sort((a, b) => b.revenueFen - a.revenueFen || a.key.localeCompare(b.key));
  };
  return {
    period: periodInfo(period),
    dataDate,
    through: through.to,
    operatingModels: bucketsOf('operating_model'),
    priceTiers: bucketsOf('price_tier'),
  };
}
