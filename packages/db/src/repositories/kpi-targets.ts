import { sql } from 'kysely';
import { compiledPerShape } from '../compiled';
import type { ScopedTransaction } from '../tenant';

/**
 * Yearly KPI targets (ADR 0017). Plain functions over a scoped transaction: RLS lets a district scope read and write
 * its district's targets and a community scope read its community's and the district's; every query also names the
 * district (tenancy enforced twice).
 */

const COLUMNS = [
  'target_id',
  'district_id',
  'community_id',
  'year',
  'kpi',
  'value',
  'version',
  'updated_by',
  'updated_at',
] as const;

/** A year's targets; `communityId` keeps a community scope's answer to its own community's and the district's. */
export function listKpiTargets(
  trx: ScopedTransaction,
  args: { districtId: string; year: number; communityId?: string | null },
) {
  let query = trx
    .selectFrom('kpi_targets')
    .select(COLUMNS)
    .where('district_id', '=', args.districtId)
    .where('year', '=', args.year);
  if (args.communityId) {
    const communityId = args.communityId;
    query = query.where((eb) =>
      eb.or([eb('community_id', 'is', null), eb('community_id', '=', communityId)]),
    );
  }
  return query.orderBy('kpi').orderBy('community_id').execute();
}

export type KpiTargetRow = Awaited<ReturnType<typeof listKpiTargets>>[number];

/**
 * The targets of some years (a series' range spans two; at least one), read the same way: compiled once per shape
 * (how many years, one KPI or all, a community's or the district's), to send with a KPI answer's other reads.
 */
export const kpiTargetsOfYears = compiledPerShape(
  (
    trx,
    args: { districtId: string; years: readonly number[]; kpi?: string; communityId?: string | null },
  ) => {
    let query = trx
      .selectFrom('kpi_targets')
      .select(COLUMNS)
      .where('district_id', '=', args.districtId)
      .where('year', 'in', [...args.years]);
    if (args.kpi) query = query.where('kpi', '=', args.kpi);
    if (args.communityId) {
      const communityId = args.communityId;
      query = query.where((eb) =>
        eb.or([eb('community_id', 'is', null), eb('community_id', '=', communityId)]),
      );
    }
    return query;
  },
);

export function insertKpiTarget(
  trx: ScopedTransaction,
  values: {
    districtId: string;
    communityId: string | null;
    year: number;
    kpi: string;
    value: number;
    updatedBy: string;
  },
) {
  return trx
    .insertInto('kpi_targets')
    .values({
      district_id: values.districtId,
      community_id: values.communityId,
      year: values.year,
      kpi: values.kpi,
      value: values.value,
      updated_by: values.updatedBy,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Changes one target if it is still at `version`; undefined when it moved on (or vanished) meanwhile. */
export function updateKpiTarget(
  trx: ScopedTransaction,
  key: { districtId: string; targetId: string; version: number },
  values: { value: number; updatedBy: string },
) {
  return trx
    .updateTable('kpi_targets')
    .set({
      value: values.value,
      updated_by: values.updatedBy,
      updated_at: sql<Date>`now()`,
      version: (eb) => eb('version', '+', 1),
    })
    .where('district_id', '=', key.districtId)
    .where('target_id', '=', key.targetId)
    .where('version', '=', key.version)
    .returning(COLUMNS)
    .executeTakeFirst();
}

export function deleteKpiTarget(
  trx: ScopedTransaction,
  key: { districtId: string; targetId: string; version: number },
) {
  return trx
    .deleteFrom('kpi_targets')
    .where('district_id', '=', key.districtId)
    .where('target_id', '=', key.targetId)
    .where('version', '=', key.version)
    .returning('target_id')
    .executeTakeFirst();
}
