import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses } from './common';

/**
 * Exports (导出): every cockpit view and list as an Excel workbook or a CSV file, read through the view's own
 * route with the caller's session, scope and filters (ADR 0018). The view's query parameters are passed as they
 * are; paging parameters are ignored (an export holds every matching row, up to EXPORT_MAX_ROWS).
 */
export const EXPORT_VIEWS = [
  // the cockpit
  'kpi-overview',
  'kpi-series',
  'kpi-ranking',
  'reporting-matrix',
  'fund-flow',
  'kpi-mix',
  // lists
  'communities',
  'reports',
  'funds',
  'ledger',
  'proposals',
  'pledges',
  'warnings',
  'audit',
  'ventures',
  'companies',
  'assets',
  'partners',
  'agreements',
  'street-offices',
  // administration
  'users',
] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** More matching rows than this and the export is refused (422 export_too_large): narrow the filters. */
export const EXPORT_MAX_ROWS = 20_000;

export const ExportParams = z.object({
  view: z.enum(EXPORT_VIEWS).openapi({ param: { name: 'view', in: 'path' }, example: 'kpi-ranking' }),
});

export const ExportQuery = z
  .looseObject({
    format: z
      .enum(EXPORT_FORMATS)
      .default('xlsx')
      .openapi({ param: { name: 'format', in: 'query' } }),
  })
  .openapi({
    description:
      "Any other parameter is the view's own (e.g. kpi, month, communityId) and is validated by the view's route",
  });

export const exportRoute = createRoute({
  method: 'get',
  path: '/exports/{view}',
  tags: ['exports'],
  summary: 'A cockpit view or list as .xlsx (with 统计口径, filters and data date) or CSV (UTF-8 with BOM)',
  description:
    `The rows are the view's own answer for the same caller and query (same scope, same permission: a view the ` +
    `role may not read is refused the same way). At most ${EXPORT_MAX_ROWS} rows: beyond, 422 export_too_large. ` +
    'Column headers follow Accept-Language; money is yuan with 2 decimals (exact from fen), rates are percentages.',
  request: { params: ExportParams, query: ExportQuery },
  responses: {
    200: {
      description: 'The file, with Content-Disposition naming it (RFC 5987 UTF-8 filename)',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
        'text/csv': { schema: z.string() },
      },
    },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    422: {
      description: 'More rows than EXPORT_MAX_ROWS match',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});
