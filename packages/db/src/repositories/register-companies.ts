import { type Insertable, sql, type Updateable } from 'kysely';
import type { CompaniesTable, ShareholdingsTable } from '../schema';
import type { ScopedTransaction } from '../tenant';
import type { CommunityScope } from './register-assets';

function selectCompanies(trx: ScopedTransaction, scope: CommunityScope) {
  let query = trx
    .selectFrom('companies')
    .select([
      'district_id',
      'community_id',
      'company_id',
      'legal_name',
      'credit_code',
      'founded_on',
      'operating_model',
      'registered_capital_fen',
      'version',
      'created_at',
      'updated_at',
    ])
    .where('district_id', '=', scope.districtId);
  if (scope.communityId) query = query.where('community_id', '=', scope.communityId);
  return query;
}

export type CompanyRow = Awaited<ReturnType<ReturnType<typeof selectCompanies>['executeTakeFirstOrThrow']>>;

export function listCompanies(trx: ScopedTransaction, scope: CommunityScope) {
  return selectCompanies(trx, scope).orderBy('legal_name').execute();
}

export function findCompany(trx: ScopedTransaction, scope: CommunityScope, companyId: string) {
  return selectCompanies(trx, scope).where('company_id', '=', companyId).executeTakeFirst();
}

/**
 * Another company of the district with this credit code. Reads through RLS, so a community admin
 * cannot see another community's companies: the unique constraint answers those (409 all the same).
 */
export function findCompanyByCreditCode(
  trx: ScopedTransaction,
  args: { districtId: string; creditCode: string; exceptCompanyId?: string },
) {
  let query = trx
    .selectFrom('companies')
    .select('company_id')
    .where('district_id', '=', args.districtId)
    .where('credit_code', '=', args.creditCode);
  if (args.exceptCompanyId) query = query.where('company_id', '<>', args.exceptCompanyId);
  return query.executeTakeFirst();
}

export async function insertCompany(trx: ScopedTransaction, values: Insertable<CompaniesTable>) {
  const row = await trx
    .insertInto('companies')
    .values(values)
    .returning('company_id')
    .executeTakeFirstOrThrow();
  return row.company_id;
}

/** Updates only at `version` and bumps it; also used with no changes to claim the version (shareholdings). */
export function updateCompany(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; companyId: string; version: number },
  values: Pick<
    Updateable<CompaniesTable>,
    'legal_name' | 'credit_code' | 'founded_on' | 'operating_model' | 'registered_capital_fen'
  >,
) {
  return trx
    .updateTable('companies')
    .set({ ...values, version: (eb) => eb('version', '+', 1), updated_at: new Date() })
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('company_id', '=', key.companyId)
    .where('version', '=', key.version)
    .returning('company_id')
    .executeTakeFirst();
}

/** Deletes a company and its shareholdings; one a venture still refers to fails with 23503. */
export async function deleteCompany(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; companyId: string; version?: number | undefined },
) {
  await deleteShareholdings(trx, key);
  let query = trx
    .deleteFrom('companies')
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('company_id', '=', key.companyId);
  if (key.version !== undefined) query = query.where('version', '=', key.version);
  return query.returning('company_id').executeTakeFirst();
}

export function listShareholdings(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; companyId: string },
) {
  return (
    trx
      .selectFrom('shareholdings')
      .select([
        'shareholding_id',
        'holder_kind',
        'holder_partner_id',
        'holder_name',
        'contribution_kind',
        'asset_id',
        'appraisal_id',
        'subscribed_fen',
        'paid_in_fen',
        'share_bp',
        'position',
        'effective_from',
        'effective_to',
      ])
      .where('district_id', '=', key.districtId)
      .where('community_id', '=', key.communityId)
      .where('company_id', '=', key.companyId)
      // every version, oldest first (the one since the company's start before any dated one)
      .orderBy(sql`effective_from nulls first`)
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('shareholding_id')
      .execute()
  );
}

export type ShareholdingRow = Awaited<ReturnType<typeof listShareholdings>>[number];

export function deleteShareholdings(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; companyId: string },
) {
  return trx
    .deleteFrom('shareholdings')
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('company_id', '=', key.companyId)
    .execute();
}

export async function insertShareholdings(
  trx: ScopedTransaction,
  rows: readonly Insertable<ShareholdingsTable>[],
) {
  if (rows.length === 0) return;
  await trx
    .insertInto('shareholdings')
    .values([...rows])
    .execute();
}

/** Ends the open version (effective_to null) with `lastMonth`, the month before the next version's first. */
export function closeShareholdings(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; companyId: string },
  lastMonth: string,
) {
  return trx
    .updateTable('shareholdings')
    .set({ effective_to: lastMonth })
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('company_id', '=', key.companyId)
    .where('effective_to', 'is', null)
    .execute();
}

/** Removes one version (the one starting at `effectiveFrom`; null: the one since the company's start). */
export function deleteShareholdingVersion(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; companyId: string },
  effectiveFrom: string | null,
) {
  return trx
    .deleteFrom('shareholdings')
    .where('district_id', '=', key.districtId)
    .where('community_id', '=', key.communityId)
    .where('company_id', '=', key.companyId)
    .where('effective_from', effectiveFrom === null ? 'is' : '=', effectiveFrom)
    .execute();
}

/**
 * The latest month whose figures a company's shareholdings already split: its ventures' latest approved (or
 * locked) report. A new version must begin after it, so no reported month is split again.
 */
export async function lastReportedMonth(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; companyId: string },
): Promise<string | null> {
  const row = await trx
    .selectFrom('monthly_reports as r')
    .innerJoin('ventures as v', (join) =>
      join.onRef('v.district_id', '=', 'r.district_id').onRef('v.venture_id', '=', 'r.venture_id'),
    )
    .select((eb) => eb.fn.max('r.month').as('month'))
    .where('r.district_id', '=', key.districtId)
    .where('r.community_id', '=', key.communityId)
    .where('v.company_id', '=', key.companyId)
    .where('r.status', 'in', ['approved', 'locked'])
    .executeTakeFirst();
  return row?.month ? String(row.month) : null;
}
