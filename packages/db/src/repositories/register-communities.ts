import type { Updateable } from 'kysely';
import type { CommunitiesTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

type CommunityChanges = Omit<
  Updateable<CommunitiesTable>,
  'district_id' | 'community_id' | 'version' | 'deleted_at' | 'created_at' | 'updated_at'
>;

/** Updates a live community only when it is still at `version`; undefined means stale (or gone). */
export function updateCommunity(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; version: number },
  values: CommunityChanges,
) {
  return trx
    .updateTable('communities')
    .set({ ...values, version: (eb) => eb('version', '+', 1), updated_at: new Date() })
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('version', '=', key.version)
    .where('deleted_at', 'is', null)
    .returning('community_id')
    .executeTakeFirst();
}

/** Soft delete: the row stays (everything refers to it) and leaves every listing. */
export function softDeleteCommunity(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; version?: number | undefined },
) {
  let query = trx
    .updateTable('communities')
    .set({ deleted_at: new Date(), version: (eb) => eb('version', '+', 1), updated_at: new Date() })
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('deleted_at', 'is', null);
  if (key.version !== undefined) query = query.where('version', '=', key.version);
  return query.returning('community_id').executeTakeFirst();
}

/** Whether another live community of the district already uses this name or code. */
export function findCommunityClash(
  trx: ScopedTransaction,
  args: { districtId: string; exceptCommunityId: string; name?: string; adminCode?: string | null },
) {
  return trx
    .selectFrom('communities')
    .select(['community_id', 'name', 'admin_code'])
    .where('district_id', '=', args.districtId)
    .where('community_id', '<>', args.exceptCommunityId)
    .where((eb) => {
      const ors = [];
      if (args.name !== undefined) ors.push(eb('name', '=', args.name));
      if (args.adminCode) ors.push(eb('admin_code', '=', args.adminCode));
      return ors.length ? eb.or(ors) : eb.val(false);
    })
    .execute();
}
