import type { Insertable, Updateable } from 'kysely';
import type { PartnersTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

function selectPartners(trx: ScopedTransaction, scope: { districtId: string; partnerId?: string | null }) {
  let query = trx
    .selectFrom('partners')
    .select([
      'district_id',
      'partner_id',
      'name',
      'kind',
      'credit_code',
      'contact_name',
      'contact_phone',
      'version',
      'created_at',
    ])
    .where('district_id', '=', scope.districtId);
  if (scope.partnerId) query = query.where('partner_id', '=', scope.partnerId);
  return query;
}

export type PartnerRow = Awaited<ReturnType<ReturnType<typeof selectPartners>['executeTakeFirstOrThrow']>>;

/** Partners of the district; `partnerId` narrows to one (an operator sees only itself). */
export function listPartners(
  trx: ScopedTransaction,
  scope: { districtId: string; partnerId?: string | null },
  filter: { kind?: string | undefined } = {},
) {
  let query = selectPartners(trx, scope);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  return query.orderBy('name').execute();
}

export function findPartner(
  trx: ScopedTransaction,
  scope: { districtId: string; partnerId?: string | null },
  partnerId: string,
) {
  return selectPartners(trx, scope).where('partner_id', '=', partnerId).executeTakeFirst();
}

/** Another partner of the district with this name or credit code. */
export function findPartnerClash(
  trx: ScopedTransaction,
  args: { districtId: string; exceptPartnerId?: string; name?: string; creditCode?: string | null },
) {
  let query = trx
    .selectFrom('partners')
    .select(['partner_id', 'name', 'credit_code'])
    .where('district_id', '=', args.districtId)
    .where((eb) => {
      const ors = [];
      if (args.name !== undefined) ors.push(eb('name', '=', args.name));
      if (args.creditCode) ors.push(eb('credit_code', '=', args.creditCode));
      return ors.length ? eb.or(ors) : eb.val(false);
    });
  if (args.exceptPartnerId) query = query.where('partner_id', '<>', args.exceptPartnerId);
  return query.execute();
}

export async function insertPartner(trx: ScopedTransaction, values: Insertable<PartnersTable>) {
  const row = await trx
    .insertInto('partners')
    .values(values)
    .returning('partner_id')
    .executeTakeFirstOrThrow();
  return row.partner_id;
}

export function updatePartner(
  trx: ScopedTransaction,
  key: { districtId: string; partnerId: string; version: number },
  values: Pick<Updateable<PartnersTable>, 'name' | 'kind' | 'credit_code' | 'contact_name' | 'contact_phone'>,
) {
  return trx
    .updateTable('partners')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('district_id', '=', key.districtId)
    .where('partner_id', '=', key.partnerId)
    .where('version', '=', key.version)
    .returning('partner_id')
    .executeTakeFirst();
}

/** Deletes a partner; a partner something still refers to fails with a foreign-key violation (23503). */
export function deletePartner(
  trx: ScopedTransaction,
  key: { districtId: string; partnerId: string; version?: number | undefined },
) {
  let query = trx
    .deleteFrom('partners')
    .where('district_id', '=', key.districtId)
    .where('partner_id', '=', key.partnerId);
  if (key.version !== undefined) query = query.where('version', '=', key.version);
  return query.returning('partner_id').executeTakeFirst();
}
