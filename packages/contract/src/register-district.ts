import { WARNING_THRESHOLD_LIMITS, WARNING_THRESHOLDS, type WarningThresholdField } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from './common';
import { jsonBody, version, writeResponses } from './register-common';

const THRESHOLD_DESCRIPTIONS: Record<WarningThresholdField, string> = {
  reportOverdueRedDays:
    'A missing report turns red this many days after its due date (amber from the day after)',
  revenueDropBp: 'Revenue falling by more than this share month on month is amber (bp)',
  revenueDropRedBp: 'Revenue falling by more than this share is red (bp, at least the amber step)',
  fundIdleMonths: 'A fund holding money with no outflow for this many months is amber',
  fundIdleRedMonths: 'Idle this many months is red (at least the amber step)',
  agreementExpiringDays: 'An operator agreement ending within this many days is amber',
  agreementExpiringRedDays: 'Ending within this many days is red (at most the amber step)',
  pledgeOverdueRedDays: 'A pledge past its due date is amber; more than this many days past, red',
  remittanceRedBp: 'A remittance below the guaranteed minimum is amber; below this share of it, red (bp)',
};

const threshold = (field: WarningThresholdField) => {
  const { min, max } = WARNING_THRESHOLD_LIMITS[field];
  return z
    .number()
    .int()
    .min(min)
    .max(max)
    .openapi({ example: WARNING_THRESHOLDS[field], description: THRESHOLD_DESCRIPTIONS[field] });
};

const thresholdShape = Object.fromEntries(
  (Object.keys(WARNING_THRESHOLDS) as WarningThresholdField[]).map((field) => [field, threshold(field)]),
) as Record<WarningThresholdField, ReturnType<typeof threshold>>;

/** The district's warning thresholds; a new district starts with the domain's defaults. */
export const WarningThresholds = z.object(thresholdShape).openapi('WarningThresholds');
export type WarningThresholds = z.infer<typeof WarningThresholds>;

export const DistrictSettings = z
  .object({
    districtId: z.uuid(),
    name: z.string(),
    reportDueDay: z.number().int().openapi({ description: 'Day of the next month reports are due by' }),
    reportingStartMonth: z.string().nullable().openapi({
      example: '2024-11',
      description:
        'The first month the district’s ventures owe a report on the platform (a venture may set a later one); null: from each venture’s start',
    }),
    warningThresholds: WarningThresholds,
    version: z.number().int(),
  })
  .openapi('DistrictSettings');
export type DistrictSettings = z.infer<typeof DistrictSettings>;

export const DistrictSettingsUpdate = z
  .object({
    version,
    reportDueDay: z.number().int().min(1).max(28).optional().openapi({ example: 10 }),
    reportingStartMonth: z
      .string()
      .regex(/^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/)
      .nullable()
      .optional()
      .openapi({ example: '2024-11', description: 'YYYY-MM; null removes it' }),
    /** only the thresholds sent change; a red step must stay at least as severe as its amber step */
    warningThresholds: WarningThresholds.partial().strict().optional(),
  })
  .openapi('DistrictSettingsUpdate');
export type DistrictSettingsUpdate = z.infer<typeof DistrictSettingsUpdate>;

export const getDistrictSettingsRoute = createRoute({
  method: 'get',
  path: '/district/settings',
  tags: ['district'],
  summary:
    'The caller’s district settings (report due day, default the 10th; reporting start; warning thresholds)',
  responses: {
    200: { description: 'The settings', content: { 'application/json': { schema: DistrictSettings } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

export const updateDistrictSettingsRoute = createRoute({
  method: 'patch',
  path: '/district/settings',
  tags: ['district'],
  summary: 'Change the district settings (district admins; carries `version`)',
  request: { body: jsonBody(DistrictSettingsUpdate) },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: DistrictSettings } } },
    ...writeResponses,
  },
});
