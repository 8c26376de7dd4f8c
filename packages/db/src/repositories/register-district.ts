import type { ScopedTransaction } from '../tenant';

export function findDistrictSettings(trx: ScopedTransaction, districtId: string) {
  return trx
    .selectFrom('districts')
    .select(['district_id', 'name', 'report_due_day', 'reporting_start_month', 'version'])
    .where('district_id', '=', districtId)
    .executeTakeFirst();
}

export type DistrictSettingsRow = NonNullable<Awaited<ReturnType<typeof findDistrictSettings>>>;

export function updateDistrictSettings(
  trx: ScopedTransaction,
  key: { districtId: string; version: number },
  values: { report_due_day?: number; reporting_start_month?: string | null },
) {
  return trx
    .updateTable('districts')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('district_id', '=', key.districtId)
    .where('version', '=', key.version)
    .returning('district_id')
    .executeTakeFirst();
}
