import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from './common';
import { jsonBody, version, writeResponses } from './register-common';

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
  })
  .openapi('DistrictSettingsUpdate');
export type DistrictSettingsUpdate = z.infer<typeof DistrictSettingsUpdate>;

export const getDistrictSettingsRoute = createRoute({
  method: 'get',
  path: '/district/settings',
  tags: ['district'],
  summary: 'The caller’s district settings (report due day, default the 10th)',
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
