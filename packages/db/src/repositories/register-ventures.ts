import type { Insertable, Updateable } from 'kysely';
import type { OperatorAgreementsTable, VenturesTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

/** The explicit scope of a venture-level query: district, and the community or the operating partner. */
export interface VentureScope {
  districtId: string;
  communityId?: string | null | undefined;
  partnerId?: string | null | undefined;
}

function selectVentures(trx: ScopedTransaction, scope: VentureScope) {
  let query = trx
    .selectFrom('ventures as v')
    .innerJoin('communities as c', (join) =>
      join.onRef('c.district_id', '=', 'v.district_id').onRef('c.community_id', '=', 'v.community_id'),
    )
    .leftJoin('partners as p', (join) =>
      join.onRef('p.district_id', '=', 'v.district_id').onRef('p.partner_id', '=', 'v.operator_partner_id'),
    )
    .select([
      'v.district_id',
      'v.community_id',
      'c.name as community_name',
      'v.venture_id',
      'v.name',
      'v.category',
      'v.price_tier',
      'v.company_id',
      'v.operator_partner_id',
      'p.name as operator_partner_name',
      'v.premises_asset_id',
      'v.started_on',
      'v.reporting_start_month',
      'v.status',
      'v.promised_response_minutes',
      'v.version',
      'v.created_at',
    ])
    .where('v.district_id', '=', scope.districtId);
  if (scope.communityId) query = query.where('v.community_id', '=', scope.communityId);
  if (scope.partnerId) query = query.where('v.operator_partner_id', '=', scope.partnerId);
  return query;
}

export type VentureRow = Awaited<ReturnType<ReturnType<typeof selectVentures>['executeTakeFirstOrThrow']>>;

export function listVentures(
  trx: ScopedTransaction,
  scope: VentureScope,
  filter: {
    communityId?: string | undefined;
    category?: string | undefined;
    status?: string | undefined;
  } = {},
) {
  let query = selectVentures(trx, scope);
  if (filter.communityId) query = query.where('v.community_id', '=', filter.communityId);
  if (filter.category) query = query.where('v.category', '=', filter.category);
  if (filter.status) query = query.where('v.status', '=', filter.status);
  return query.orderBy('c.name').orderBy('v.name').execute();
}

export function findVenture(trx: ScopedTransaction, scope: VentureScope, ventureId: string) {
  return selectVentures(trx, scope).where('v.venture_id', '=', ventureId).executeTakeFirst();
}

export async function insertVenture(trx: ScopedTransaction, values: Insertable<VenturesTable>) {
  const row = await trx
    .insertInto('ventures')
    .values(values)
    .returning('venture_id')
    .executeTakeFirstOrThrow();
  return row.venture_id;
}

export function updateVenture(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; ventureId: string; version: number },
  values: Omit<
    Updateable<VenturesTable>,
    'district_id' | 'community_id' | 'venture_id' | 'version' | 'created_at'
  >,
) {
  return trx
    .updateTable('ventures')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('venture_id', '=', key.ventureId)
    .where('version', '=', key.version)
    .returning('venture_id')
    .executeTakeFirst();
}

/** Deletes a venture; one with reports or agreements fails with a foreign-key violation (23503). */
export function deleteVenture(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; ventureId: string; version?: number | undefined },
) {
  let query = trx
    .deleteFrom('ventures')
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('venture_id', '=', key.ventureId);
  if (key.version !== undefined) query = query.where('version', '=', key.version);
  return query.returning('venture_id').executeTakeFirst();
}

// ── operator agreements: each belongs to one venture; an operator reaches those of its ventures

function selectAgreements(trx: ScopedTransaction, scope: VentureScope) {
  let query = trx
    .selectFrom('operator_agreements as a')
    .innerJoin('ventures as v', (join) =>
      join
        .onRef('v.district_id', '=', 'a.district_id')
        .onRef('v.community_id', '=', 'a.community_id')
        .onRef('v.venture_id', '=', 'a.venture_id'),
    )
    .innerJoin('partners as p', (join) =>
      join.onRef('p.district_id', '=', 'a.district_id').onRef('p.partner_id', '=', 'a.partner_id'),
    )
    .select([
      'a.district_id',
      'a.community_id',
      'a.agreement_id',
      'a.venture_id',
      'v.name as venture_name',
      'v.operator_partner_id',
      'a.partner_id',
      'p.name as partner_name',
      'a.starts_on',
      'a.ends_on',
      'a.terms',
      'a.operator_share_bp',
      'a.fee_fen',
      'a.guaranteed_min_remittance_fen',
      'a.exit_terms',
      'a.version',
      'a.created_at',
    ])
    .where('a.district_id', '=', scope.districtId);
  if (scope.communityId) query = query.where('a.community_id', '=', scope.communityId);
  if (scope.partnerId) query = query.where('v.operator_partner_id', '=', scope.partnerId);
  return query;
}

export type AgreementRow = Awaited<
  ReturnType<ReturnType<typeof selectAgreements>['executeTakeFirstOrThrow']>
>;

export function listAgreements(
  trx: ScopedTransaction,
  scope: VentureScope,
  filter: {
    communityId?: string | undefined;
    ventureId?: string | undefined;
    partnerId?: string | undefined;
  } = {},
) {
  let query = selectAgreements(trx, scope);
  if (filter.communityId) query = query.where('a.community_id', '=', filter.communityId);
  if (filter.ventureId) query = query.where('a.venture_id', '=', filter.ventureId);
  if (filter.partnerId) query = query.where('a.partner_id', '=', filter.partnerId);
  return query.orderBy('a.ends_on').orderBy('a.agreement_id').execute();
}

export function findAgreement(trx: ScopedTransaction, scope: VentureScope, agreementId: string) {
  return selectAgreements(trx, scope).where('a.agreement_id', '=', agreementId).executeTakeFirst();
}

export async function insertAgreement(trx: ScopedTransaction, values: Insertable<OperatorAgreementsTable>) {
  const row = await trx
    .insertInto('operator_agreements')
    .values(values)
    .returning('agreement_id')
    .executeTakeFirstOrThrow();
  return row.agreement_id;
}

export function updateAgreement(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; agreementId: string; version: number },
  values: Omit<
    Updateable<OperatorAgreementsTable>,
    'district_id' | 'community_id' | 'agreement_id' | 'venture_id' | 'version' | 'created_at'
  >,
) {
  return trx
    .updateTable('operator_agreements')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('agreement_id', '=', key.agreementId)
    .where('version', '=', key.version)
    .returning('agreement_id')
    .executeTakeFirst();
}

export function deleteAgreement(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; agreementId: string; version?: number | undefined },
) {
  let query = trx
    .deleteFrom('operator_agreements')
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('agreement_id', '=', key.agreementId);
  if (key.version !== undefined) query = query.where('version', '=', key.version);
  return query.returning('agreement_id').executeTakeFirst();
}
