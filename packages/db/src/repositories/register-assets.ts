import type { Insertable, Updateable } from 'kysely';
import type { AssetAppraisalsTable, AssetsTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

/** The explicit scope of a community-level query: the district, and the one community when the actor has one. */
export interface CommunityScope {
  districtId: string;
  communityId?: string | null | undefined;
}

function selectAssets(trx: ScopedTransaction, scope: CommunityScope) {
  let query = trx
    .selectFrom('assets')
    .select([
      'district_id',
      'community_id',
      'asset_id',
      'kind',
      'name',
      'area_m2',
      'location',
      'title',
      'status',
      'version',
      'created_at',
      'updated_at',
    ])
    .where('district_id', '=', scope.districtId)
    .where('deleted_at', 'is', null);
  if (scope.communityId) query = query.where('community_id', '=', scope.communityId);
  return query;
}

export type AssetRow = Awaited<ReturnType<ReturnType<typeof selectAssets>['executeTakeFirstOrThrow']>>;

export function listAssets(
  trx: ScopedTransaction,
  scope: CommunityScope,
  filter: { kind?: string | undefined; status?: string | undefined } = {},
) {
  let query = selectAssets(trx, scope);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('name').orderBy('asset_id').execute();
}

export function findAsset(trx: ScopedTransaction, scope: CommunityScope, assetId: string) {
  return selectAssets(trx, scope).where('asset_id', '=', assetId).executeTakeFirst();
}

export async function insertAsset(trx: ScopedTransaction, values: Insertable<AssetsTable>) {
  const row = await trx.insertInto('assets').values(values).returning('asset_id').executeTakeFirstOrThrow();
  return row.asset_id;
}

export function updateAsset(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; assetId: string; version: number },
  values: Pick<Updateable<AssetsTable>, 'kind' | 'name' | 'area_m2' | 'location' | 'title' | 'status'>,
) {
  return trx
    .updateTable('assets')
    .set({ ...values, version: (eb) => eb('version', '+', 1), updated_at: new Date() })
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('asset_id', '=', key.assetId)
    .where('version', '=', key.version)
    .where('deleted_at', 'is', null)
    .returning('asset_id')
    .executeTakeFirst();
}

export function softDeleteAsset(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; assetId: string; version?: number | undefined },
) {
  let query = trx
    .updateTable('assets')
    .set({ deleted_at: new Date(), version: (eb) => eb('version', '+', 1), updated_at: new Date() })
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('asset_id', '=', key.assetId)
    .where('deleted_at', 'is', null);
  if (key.version !== undefined) query = query.where('version', '=', key.version);
  return query.returning('asset_id').executeTakeFirst();
}

/** What still refers to an asset: shareholdings contributed with it, ventures housed in it. */
export async function countAssetUses(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; assetId: string },
) {
  const holdings = await trx
    .selectFrom('shareholdings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('asset_id', '=', key.assetId)
    .executeTakeFirstOrThrow();
  const ventures = await trx
    .selectFrom('ventures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('premises_asset_id', '=', key.assetId)
    .executeTakeFirstOrThrow();
  return Number(holdings.n) + Number(ventures.n);
}

function selectAppraisals(trx: ScopedTransaction, scope: CommunityScope) {
  let query = trx
    .selectFrom('asset_appraisals')
    .select([
      'district_id',
      'community_id',
      'appraisal_id',
      'asset_id',
      'method',
      'appraiser',
      'appraised_on',
      'value_fen',
      'created_at',
    ])
    .where('district_id', '=', scope.districtId);
  if (scope.communityId) query = query.where('community_id', '=', scope.communityId);
  return query;
}

export type AppraisalRow = Awaited<
  ReturnType<ReturnType<typeof selectAppraisals>['executeTakeFirstOrThrow']>
>;

/** Appraisals of the given assets, newest first (by date, then by when they were recorded). */
export function listAppraisals(trx: ScopedTransaction, scope: CommunityScope, assetIds: readonly string[]) {
  if (assetIds.length === 0) return Promise.resolve([] as AppraisalRow[]);
  return selectAppraisals(trx, scope)
    .where('asset_id', 'in', assetIds)
    .orderBy('appraised_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('appraisal_id', 'desc')
    .execute();
}

export function findAppraisal(trx: ScopedTransaction, scope: CommunityScope, appraisalId: string) {
  return selectAppraisals(trx, scope).where('appraisal_id', '=', appraisalId).executeTakeFirst();
}

export async function insertAppraisal(trx: ScopedTransaction, values: Insertable<AssetAppraisalsTable>) {
  const row = await trx
    .insertInto('asset_appraisals')
    .values(values)
    .returning('appraisal_id')
    .executeTakeFirstOrThrow();
  return row.appraisal_id;
}
