import { sql, type Updateable } from 'kysely';
import type { StreetOfficesTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

function selectStreetOffices(trx: ScopedTransaction) {
  return trx
    .selectFrom('street_offices as s')
    .select([
      's.district_id',
      's.street_office_id',
      's.name',
      's.admin_code',
      's.version',
      's.created_at',
      (eb) =>
        eb
          .selectFrom('communities as c')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('c.district_id', '=', 's.district_id')
          .whereRef('c.street_office_id', '=', 's.street_office_id')
          .where('c.deleted_at', 'is', null)
          .as('community_count'),
    ]);
}

export type StreetOfficeRow = Awaited<
  ReturnType<ReturnType<typeof selectStreetOffices>['executeTakeFirstOrThrow']>
>;

export function listStreetOffices(trx: ScopedTransaction, args: { districtId: string }) {
  return selectStreetOffices(trx).where('s.district_id', '=', args.districtId).orderBy('s.name').execute();
}

export function findStreetOfficeRow(
  trx: ScopedTransaction,
  args: { districtId: string; streetOfficeId: string },
) {
  return selectStreetOffices(trx)
    .where('s.district_id', '=', args.districtId)
    .where('s.street_office_id', '=', args.streetOfficeId)
    .executeTakeFirst();
}

export function findStreetOfficeByName(trx: ScopedTransaction, args: { districtId: string; name: string }) {
  return trx
    .selectFrom('street_offices')
    .select('street_office_id')
    .where('district_id', '=', args.districtId)
    .where('name', '=', args.name)
    .executeTakeFirst();
}

export async function insertStreetOffice(
  trx: ScopedTransaction,
  values: { districtId: string; name: string; adminCode: string | null },
) {
  const row = await trx
    .insertInto('street_offices')
    .values({ district_id: values.districtId, name: values.name, admin_code: values.adminCode })
    .returning('street_office_id')
    .executeTakeFirstOrThrow();
  return row.street_office_id;
}

/** Updates only when the row is still at `version`; undefined means stale (or gone). */
export function updateStreetOffice(
  trx: ScopedTransaction,
  key: { districtId: string; streetOfficeId: string; version: number },
  values: Pick<Updateable<StreetOfficesTable>, 'name' | 'admin_code'>,
) {
  return trx
    .updateTable('street_offices')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('district_id', '=', key.districtId)
    .where('street_office_id', '=', key.streetOfficeId)
    .where('version', '=', key.version)
    .returning('street_office_id')
    .executeTakeFirst();
}

export function deleteStreetOffice(
  trx: ScopedTransaction,
  key: { districtId: string; streetOfficeId: string; version?: number | undefined },
) {
  let query = trx
    .deleteFrom('street_offices')
    .where('district_id', '=', key.districtId)
    .where('street_office_id', '=', key.streetOfficeId);
  if (key.version !== undefined) query = query.where('version', '=', key.version);
  return query.returning('street_office_id').executeTakeFirst();
}
