import type { Insertable } from 'kysely';
import { compiledPerShape } from '../compiled';
import type { CommunitiesTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

/** Live community rows as the API shows them, with the street office's name. */
function selectCommunities(trx: ScopedTransaction) {
  return trx
    .selectFrom('communities as c')
    .leftJoin('street_offices as s', (join) =>
      join
        .onRef('s.district_id', '=', 'c.district_id')
        .onRef('s.street_office_id', '=', 'c.street_office_id'),
    )
    .select([
      'c.district_id',
      'c.community_id',
      'c.street_office_id',
      's.name as street_office_name',
      'c.name',
      'c.admin_code',
      'c.kind',
      'c.converted_year',
      'c.founded_on',
      'c.population',
      'c.households',
      'c.households_with_seniors',
      'c.responsible_org',
      'c.feedback_channel',
      'c.version',
      'c.created_at',
    ])
    .where('c.deleted_at', 'is', null); // a retired (soft-deleted) community leaves every listing
}

export type CommunityListRow = Awaited<
  ReturnType<ReturnType<typeof selectCommunities>['executeTakeFirstOrThrow']>
>;

/** The district's live communities, or one of them: compiled once per shape (the list is read on every page). */
const communitiesOfDistrict = compiledPerShape(
  (trx, args: { districtId: string; communityId?: string | null }) => {
    let query = selectCommunities(trx).where('c.district_id', '=', args.districtId);
    if (args.communityId) query = query.where('c.community_id', '=', args.communityId);
    return query.orderBy('c.name');
  },
);

/** Explicit district filter on top of RLS: tenancy is enforced twice, and Citus routes by it. */
export async function listCommunities(
  trx: ScopedTransaction,
  args: { districtId: string; communityId?: string | null },
): Promise<CommunityListRow[]> {
  return (await trx.executeQuery(communitiesOfDistrict(trx, args))).rows;
}

export function findCommunity(trx: ScopedTransaction, args: { districtId: string; communityId: string }) {
  return selectCommunities(trx)
    .where('c.district_id', '=', args.districtId)
    .where('c.community_id', '=', args.communityId)
    .executeTakeFirst();
}

export async function insertCommunity(trx: ScopedTransaction, values: Insertable<CommunitiesTable>) {
  const { community_id } = await trx
    .insertInto('communities')
    .values(values)
    .returning('community_id')
    .executeTakeFirstOrThrow();
  return community_id;
}

export function findStreetOffice(
  trx: ScopedTransaction,
  args: { districtId: string; streetOfficeId: string },
) {
  return trx
    .selectFrom('street_offices')
    .selectAll()
    .where('district_id', '=', args.districtId)
    .where('street_office_id', '=', args.streetOfficeId)
    .executeTakeFirst();
}
