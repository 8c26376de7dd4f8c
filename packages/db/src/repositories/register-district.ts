import type { WarningThresholdField, WarningThresholds } from '@gongfu/domain';
import type { DistrictsTable } from '../schema';
import type { ScopedTransaction } from '../tenant';

/** Each warning threshold's column on `districts` (migration 2026-12-05T1100). */
export const WARNING_THRESHOLD_COLUMNS = {
  reportOverdueRedDays: 'warn_report_overdue_red_days',
  revenueDropBp: 'warn_revenue_drop_bp',
  revenueDropRedBp: 'warn_revenue_drop_red_bp',
  fundIdleMonths: 'warn_fund_idle_months',
  fundIdleRedMonths: 'warn_fund_idle_red_months',
  agreementExpiringDays: 'warn_agreement_expiring_days',
  agreementExpiringRedDays: 'warn_agreement_expiring_red_days',
  pledgeOverdueRedDays: 'warn_pledge_overdue_red_days',
  remittanceRedBp: 'warn_remittance_red_bp',
} as const satisfies Record<WarningThresholdField, keyof DistrictsTable>;

type ThresholdColumn = (typeof WARNING_THRESHOLD_COLUMNS)[WarningThresholdField];
const THRESHOLD_COLUMNS = Object.values(WARNING_THRESHOLD_COLUMNS) as ThresholdColumn[];

export function findDistrictSettings(trx: ScopedTransaction, districtId: string) {
  return trx
    .selectFrom('districts')
    .select([
      'district_id',
      'name',
      'report_due_day',
      'reporting_start_month',
      'version',
      ...THRESHOLD_COLUMNS,
    ])
    .where('district_id', '=', districtId)
    .executeTakeFirst();
}

export type DistrictSettingsRow = NonNullable<Awaited<ReturnType<typeof findDistrictSettings>>>;

/** A district row's warning thresholds, as the domain's rules take them. */
export function warningThresholdsOf(row: Pick<DistrictSettingsRow, ThresholdColumn>): WarningThresholds {
  const entries = Object.entries(WARNING_THRESHOLD_COLUMNS).map(([field, column]) => [
    field,
    Number(row[column]),
  ]);
  return Object.fromEntries(entries) as unknown as WarningThresholds;
}

export function updateDistrictSettings(
  trx: ScopedTransaction,
  key: { districtId: string; version: number },
  values: {
    report_due_day?: number;
    reporting_start_month?: string | null;
    warningThresholds?: Partial<WarningThresholds>;
  },
) {
  const { warningThresholds = {}, ...columns } = values;
  const thresholds = Object.fromEntries(
    Object.entries(warningThresholds).map(([field, value]) => [
      WARNING_THRESHOLD_COLUMNS[field as WarningThresholdField],
      value,
    ]),
  ) as Partial<Record<ThresholdColumn, number>>;
  return trx
    .updateTable('districts')
    .set({ ...columns, ...thresholds, version: (eb) => eb('version', '+', 1) })
    .where('district_id', '=', key.districtId)
    .where('version', '=', key.version)
    .returning('district_id')
    .executeTakeFirst();
}
