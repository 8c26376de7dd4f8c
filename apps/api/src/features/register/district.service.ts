import type { DistrictSettings, DistrictSettingsUpdate } from '@gongfu/contract';
import { register, type ScopedTransaction } from '@gongfu/db';
import { validateWarningThresholds } from '@gongfu/domain';
import type { Actor } from '../../context';
import { notFound } from '../../errors';
import type { MessageCode } from '../../i18n/messages';
import { assertVersion, authorize, fieldError, record, requireRole, scopeOf, stale } from './access';

function toSettings(row: register.DistrictSettingsRow): DistrictSettings {
  return {
    districtId: row.district_id,
    name: row.name,
    reportDueDay: row.report_due_day,
    reportingStartMonth: row.reporting_start_month,
    warningThresholds: register.warningThresholdsOf(row),
    version: row.version,
  };
}

async function load(trx: ScopedTransaction, actor: Actor) {
  const { districtId } = scopeOf(actor);
  const row = await register.findDistrictSettings(trx, districtId);
  if (!row) throw notFound();
  return row;
}

export async function getDistrictSettings(trx: ScopedTransaction, actor: Actor) {
  requireRole(actor, 'district:read');
  const row = await load(trx, actor);
  authorize(actor, 'district:read', { districtId: row.district_id, communityId: null });
  return toSettings(row);
}

export async function updateDistrictSettings(
  trx: ScopedTransaction,
  actor: Actor,
  input: DistrictSettingsUpdate,
  requestId: string,
) {
  requireRole(actor, 'district:update');
  const row = await load(trx, actor);
  authorize(actor, 'district:update', { districtId: row.district_id, communityId: null });
  assertVersion(row.version, input.version);
  if (input.warningThresholds) {
    // the thresholds as they would be: a changed amber step is checked against the red step kept, and back
    const problems = validateWarningThresholds({
      ...register.warningThresholdsOf(row),
      ...input.warningThresholds,
    });
    if (problems.length > 0) {
      throw fieldError(
        Object.fromEntries(
          problems.map((p): [string, MessageCode] => [
            `warningThresholds.${p.field}`,
            p.problem === 'red_before_amber' ? 'warning_threshold_red_before_amber' : 'value_out_of_range',
          ]),
        ),
      );
    }
  }
  const updated = await register.updateDistrictSettings(
    trx,
    { districtId: row.district_id, version: input.version },
    {
      ...(input.reportDueDay !== undefined ? { report_due_day: input.reportDueDay } : {}),
      // the months before it are no longer owed: the KPIs, the reporting status and warnings read it when asked
      ...(input.reportingStartMonth !== undefined
        ? { reporting_start_month: input.reportingStartMonth }
        : {}),
      // the next refresh of the warnings uses them; warnings already raised stay as they are
      ...(input.warningThresholds ? { warningThresholds: input.warningThresholds } : {}),
    },
  );
  if (!updated) throw stale();
  const before = toSettings(row);
  const after = toSettings(await load(trx, actor));
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: null,
    action: 'district.settings.update',
    entityType: 'district',
    entityId: row.district_id,
    before,
    after,
    requestId,
  });
  return after;
}
