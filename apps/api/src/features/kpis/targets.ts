import type {
  KpiFigure,
  KpiGoalLine,
  KpiTarget,
  KpiTargetLastYear,
  KpiTargetList,
  KpiTargetProgress,
  KpiTargetsUpdate,
} from '@gongfu/contract';
import { audit, kpis, kpiTargets, lastRead, pipelined, type ScopedTransaction, toFen } from '@gongfu/db';
import {
  acceptsKpiTarget,
  can,
  KPI_DEFINITIONS,
  KPI_TARGET_KEYS,
  type KpiKey,
  kpiDataDate,
  kpiTargetGoalLine,
  kpiTargetKind,
  kpiTargetProgress,
  kpiTargetRange,
  kpiTargetUnit,
  kpiWindows,
  type Month,
  monthParts,
  periodContaining,
  possibleDueMonths,
  ratioBp,
  sortByChineseName,
} from '@gongfu/domain';
import { clock } from '../../clock';
import type { Actor } from '../../context';
import { ApiError, forbidden, notFound } from '../../errors';
import type { MessageCode } from '../../i18n/messages';

/**
 * Yearly KPI targets (ADR 0017): the district admin sets them for the district and per community; the KPI answers
 * measure their figures against them (overview cards, the series' goal line, the ranking's below-target mark).
 */

const DISTRICT = 'district';
/** A target's owner as a map key: a community id, or the district's own. */
const ownerKey = (communityId: string | null) => communityId ?? DISTRICT;

/** A year's targets of one KPI (or all), keyed by owner then KPI. */
export type TargetIndex = Map<string, Map<string, number>>;

export function indexTargets(rows: readonly kpiTargets.KpiTargetRow[]): Map<number, TargetIndex> {
  const byYear = new Map<number, TargetIndex>();
  for (const row of rows) {
    const year = byYear.get(row.year) ?? new Map<string, Map<string, number>>();
    const owner = year.get(ownerKey(row.community_id)) ?? new Map<string, number>();
    owner.set(row.kpi, toFen(row.value));
    year.set(ownerKey(row.community_id), owner);
    byYear.set(row.year, year);
  }
  return byYear;
}

/**
 * Whose target a selection's figures meet: a community's (a community role, or a filter naming one), the district's
 * (the whole district), or nobody's — a slice (a street office, an operating model, a venture category) or a partner's
 * ventures is neither a district nor a community.
 */
export function targetOwnerOf(selection: kpis.KpiSelection): string | null | undefined {
  if (selection.scopePartnerId || selection.operatingModel || selection.ventureCategory) return undefined;
  const community = selection.communityId ?? selection.scopeCommunityId;
  if (community) return community;
  return selection.streetOfficeId ? undefined : null;
}

/** Whether each community's own figures are whole under this selection (a venture filter or partner cuts them). */
export function communitiesAreWhole(selection: kpis.KpiSelection): boolean {
  return !selection.scopePartnerId && !selection.operatingModel && !selection.ventureCategory;
}

/**
 * The statement reading the targets of some years that a selection may meet (RLS lets a community read its own and
 * the district's), to send with a KPI answer's other reads (`pipelined`); `indexTargets` reads its rows. Null when
 * there is nothing to read: a partner has no targets, and no year means no row.
 */
export function targetsRead(
  trx: ScopedTransaction,
  selection: kpis.KpiSelection,
  years: readonly number[],
  kpi?: KpiKey,
) {
  if (selection.scopePartnerId || years.length === 0) return null;
  return kpiTargets.kpiTargetsOfYears(trx, {
    districtId: selection.districtId,
    years,
    ...(kpi ? { kpi } : {}),
    communityId: selection.scopeCommunityId,
  });
}

export function targetOf(
  index: TargetIndex | undefined,
  owner: string | null,
  kpi: KpiKey,
): number | undefined {
  return index?.get(ownerKey(owner))?.get(kpi);
}

export const yearOf = (month: string) => monthParts(month as Month).year;

/** A figure's progress to a target, on the year to date through `through` (null: nothing of the year is due). */
export function progressOf(
  kpi: KpiKey,
  year: number,
  owner: string | null,
  target: number,
  actual: KpiFigure | null,
  through: Month | null,
): KpiTargetProgress {
  const definition = KPI_DEFINITIONS[kpi];
  const measured = through === null ? null : actual;
  const progress = kpiTargetProgress(definition, target, measured, through);
  return {
    year,
    communityId: owner,
    kind: kpiTargetKind(definition),
    value: target,
    through,
    actual: measured,
    ...progress,
  };
}

/** A monthly line's goal: a segment per calendar year of the months with a target. */
export function goalLines(
  kpi: KpiKey,
  months: readonly string[],
  targets: Map<number, TargetIndex>,
  owner: string | null,
): KpiGoalLine[] {
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return [];
  const goals: KpiGoalLine[] = [];
  for (let year = yearOf(first); year <= yearOf(last); year++) {
    const target = targetOf(targets.get(year), owner, kpi);
    if (target === undefined) continue;
    const from = `${year}-01` < first ? first : `${year}-01`;
    const to = `${year}-12` > last ? last : `${year}-12`;
    goals.push({ year, from, to, target, value: kpiTargetGoalLine(KPI_DEFINITIONS[kpi], target) });
  }
  return goals;
}

// ─── GET and PUT /kpis/targets

function readerOf(actor: Actor) {
  const { kind, districtId, communityId, role } = actor.scope;
  // partners' figures are about the ventures they run, which no target is set for; reporters read no KPIs
  if (!districtId || (kind !== 'district' && kind !== 'community') || !can(role, 'kpi:read'))
    throw forbidden();
  return { districtId, communityId: kind === 'community' ? communityId : null };
}

function toTarget(row: kpiTargets.KpiTargetRow): KpiTarget {
  return {
    targetId: row.target_id,
    communityId: row.community_id,
    kpi: row.kpi as KpiKey,
    value: toFen(row.value),
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

/**
 * The previous calendar year's actuals (what the cockpit shows for that year: the ranking's community rows, and the
 * overview's district figure, which is their sum) in a target's unit, for the district (district roles) and each
 * listed community. A community role's selection is its own community, so it never carries another's figures.
 */
function lastYearActuals(
  rows: readonly kpis.KpiRow[],
  communityIds: readonly string[],
  withDistrict: boolean,
): KpiTargetLastYear['actuals'] {
  const sums = new Map<string, { num: bigint; den: bigint }>();
  const add = (key: string, row: kpis.KpiRow) => {
    const sum = sums.get(key) ?? { num: 0n, den: 0n };
    sum.num += BigInt(row.num);
    sum.den += BigInt(row.den);
    sums.set(key, sum);
  };
  // every fact belongs to exactly one community of the selection: the district's parts are its communities' summed
  for (const row of rows) {
    add(`${row.gkey}|${row.kpi}`, row);
    if (withDistrict) add(`${DISTRICT}|${row.kpi}`, row);
  }
  const actualOf = (owner: string, kpi: KpiKey): number | null => {
    const sum = sums.get(`${owner}|${kpi}`);
    // no row: no fact of the year for this owner (nothing reported), which is no actual rather than a zero
    if (!sum) return null;
    const num = toFen(sum.num);
    return kpiTargetUnit(KPI_DEFINITIONS[kpi]) === 'bp' ? ratioBp(num, toFen(sum.den)) : num;
  };
  const owners = [...(withDistrict ? [null] : []), ...communityIds];
  return owners.flatMap((communityId) =>
    KPI_TARGET_KEYS.map((kpi) => ({ communityId, kpi, value: actualOf(ownerKey(communityId), kpi) })),
  );
}

/**
 * A year's targets, with the previous year's actuals beside them. Every read goes in one batch (`pipelined`, ADR
 * 0030): the previous year's window depends on the data date, which is one of two months whatever the due day
 * (`possibleDueMonths`), so the KPI statement is built for both and the one the due day names is kept (as
 * `latestMonth` does). `endsTransaction`: a GET ends its transaction with these reads (ADR 0033); a PUT reads
 * them after its writes, and its transaction commits as usual.
 */
export async function listTargets(
  trx: ScopedTransaction,
  actor: Actor,
  year: number,
  { endsTransaction }: { endsTransaction: boolean },
): Promise<KpiTargetList> {
  const { districtId, communityId } = readerOf(actor);
  const selection: kpis.KpiSelection = {
    ...kpis.districtSelection(districtId),
    scopeCommunityId: communityId ?? null,
  };
  const now = clock.now();
  const last = periodContaining('year', `${year - 1}-12` as Month);
  // the previous year as the cockpit reads it by each possible data date: whole once due, to the data date while
  // running, nothing when none of it is due; keyed by its last month (two dates may give the same window)
  const windowBy = (dataDate: Month): kpis.KpiWindow | null => {
    const { current, nothingDue } = kpiWindows(last, dataDate);
    return nothingDue ? null : { key: current.to, from: current.from, to: current.to };
  };
  const windows = new Map<string, kpis.KpiWindow>();
  for (const dataDate of possibleDueMonths(now)) {
    const window = windowBy(dataDate);
    if (window) windows.set(window.key, window);
  }
  // no KPI that takes a target is unavailable here: no partner, no venture filter, grouped by community
  const figures =
    windows.size === 0
      ? null
      : await kpis.kpisRead(trx, {
          nowEpoch: Math.floor(now.getTime() / 1000),
          selection,
          windows: [...windows.values()],
          groupBy: 'community',
          keys: KPI_TARGET_KEYS,
        });
  if (endsTransaction) await lastRead(trx); // COMMIT goes with the answer's reads (ADR 0033)
  const [dueDayRows, communities, rows, figureRows] = await pipelined(trx, [
    kpis.reportDueDay(trx, { districtId }),
    kpis.selectedCommunities(trx, selection),
    kpiTargets.kpiTargetsOfYears(trx, { districtId, years: [year], communityId: communityId ?? null }),
    figures?.query ?? null,
  ]);
  const dataDate = kpiDataDate(now, kpis.dueDayOf(dueDayRows));
  const window = windowBy(dataDate);
  const actualRows = figures && window ? figures.rowsOf(figureRows).filter((r) => r.wkey === window.key) : [];
  return {
    year,
    kpis: KPI_TARGET_KEYS.map((key) => {
      const definition = KPI_DEFINITIONS[key];
      return {
        key,
        definition,
        kind: kpiTargetKind(definition),
        unit: kpiTargetUnit(definition),
        ...kpiTargetRange(definition),
      };
    }),
    communities: sortByChineseName(communities, (c) => c.name).map((c) => ({
      communityId: c.community_id,
      name: c.name,
    })),
    // a KPI that no longer takes a target (none today) is not shown as one
    targets: rows
      .filter((row) => acceptsKpiTarget(row.kpi as KpiKey))
      .sort(byKpiThenOwner)
      .map(toTarget),
    lastYear: {
      year: year - 1,
      through: window ? (window.to as Month) : null,
      actuals: lastYearActuals(
        actualRows,
        communities.map((c) => c.community_id),
        !communityId,
      ),
    },
    editable: actor.scope.kind === 'district' && can(actor.scope.role, 'district:update'),
  };
}

/** The order the list had when it was read on its own: by KPI, then by community, the district's last. */
function byKpiThenOwner(a: kpiTargets.KpiTargetRow, b: kpiTargets.KpiTargetRow): number {
  if (a.kpi !== b.kpi) return a.kpi < b.kpi ? -1 : 1;
  if (a.community_id === b.community_id) return 0;
  if (a.community_id === null) return 1;
  if (b.community_id === null) return -1;
  return a.community_id < b.community_id ? -1 : 1;
}

const RANGE_MESSAGE: Record<'fen' | 'count' | 'bp' | 'bp_ceiling', MessageCode> = {
  fen: 'kpi_target_range_fen',
  count: 'kpi_target_range_count',
  bp: 'kpi_target_range_bp',
  bp_ceiling: 'kpi_target_range_bp_ceiling',
};

export async function updateTargets(
  trx: ScopedTransaction,
  actor: Actor,
  input: KpiTargetsUpdate,
  requestId: string,
): Promise<KpiTargetList> {
  const { kind, districtId, role } = actor.scope;
  // targets are the district's own settings (ADR 0017): its admins set them, nobody else
  if (kind !== 'district' || !districtId || !can(role, 'district:update')) throw forbidden();

  const fields: Record<string, MessageCode> = {};
  const seen = new Set<string>();
  input.changes.forEach((change, i) => {
    const at = `changes.${i}`;
    if (!acceptsKpiTarget(change.kpi)) {
      fields[`${at}.kpi`] = 'kpi_target_not_accepted';
      return;
    }
    const key = `${ownerKey(change.communityId)}|${change.kpi}`;
    if (seen.has(key)) fields[`${at}.kpi`] = 'kpi_target_duplicate';
    seen.add(key);
    if (change.value === null) return;
    const definition = KPI_DEFINITIONS[change.kpi];
    const { min, max } = kpiTargetRange(definition);
    if (change.value < min || change.value > max) {
      const unit = kpiTargetUnit(definition);
      fields[`${at}.value`] = RANGE_MESSAGE[unit === 'bp' && min === 0 ? 'bp_ceiling' : unit];
    }
  });
  if (Object.keys(fields).length > 0) throw new ApiError(400, 'validation_failed', fields);

  // a community of another district (or none) is as unknown as one that does not exist: 404
  const named = new Set(input.changes.map((c) => c.communityId).filter((c): c is string => c !== null));
  if (named.size > 0) {
    const communities = await kpis.listSelectedCommunities(trx, kpis.districtSelection(districtId));
    const known = new Set(communities.map((c) => c.community_id));
    for (const id of named) if (!known.has(id)) throw notFound();
  }

  const existing = new Map(
    (await kpiTargets.listKpiTargets(trx, { districtId, year: input.year })).map((row) => [
      `${ownerKey(row.community_id)}|${row.kpi}`,
      row,
    ]),
  );
  const stale = () => new ApiError(409, 'stale_version');
  for (const change of input.changes) {
    const row = existing.get(`${ownerKey(change.communityId)}|${change.kpi}`);
    const what = { year: input.year, kpi: change.kpi, communityId: change.communityId };
    const record = (action: string, entityId: string, before: unknown, after: unknown) =>
      audit.appendAudit(trx, {
        districtId,
        communityId: change.communityId,
        actorUserId: actor.userId,
        action,
        entityType: 'kpi_target',
        entityId,
        before,
        after,
        requestId,
      });
    if (!row) {
      // a version names a target that was there when read: it has been removed since
      if (change.version !== undefined) throw stale();
      if (change.value === null) continue;
      const inserted = await kpiTargets.insertKpiTarget(trx, {
        districtId,
        communityId: change.communityId,
        year: input.year,
        kpi: change.kpi,
        value: change.value,
        updatedBy: actor.userId,
      });
      await record('kpi_target.set', inserted.target_id, undefined, { ...what, value: change.value });
      continue;
    }
    if (change.version !== row.version) throw stale();
    const before = { ...what, value: toFen(row.value) };
    const key = { districtId, targetId: row.target_id, version: row.version };
    if (change.value === null) {
      if (!(await kpiTargets.deleteKpiTarget(trx, key))) throw stale();
      await record('kpi_target.remove', row.target_id, before, undefined);
    } else if (change.value !== toFen(row.value)) {
      const updated = await kpiTargets.updateKpiTarget(trx, key, {
        value: change.value,
        updatedBy: actor.userId,
      });
      if (!updated) throw stale();
      await record('kpi_target.set', row.target_id, before, { ...what, value: change.value });
    }
  }
  return listTargets(trx, actor, input.year, { endsTransaction: false });
}
