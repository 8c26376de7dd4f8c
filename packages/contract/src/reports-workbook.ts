import { REPORT_STATUSES } from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses } from './common';
import { ReportMonth } from './reports';

// Excel in (issue 15): the monthly report template of a scope and month, and the import of a filled one (or a CSV
// of the same columns) — a check that lists every problem first, then the import itself. Paths relative to /api/v1.

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';
/** The largest upload the import reads (the route's own body limit). */
export const WORKBOOK_MAX_BYTES = 5 * 1024 * 1024;
/** The most report rows one file may carry. */
export const WORKBOOK_MAX_ROWS = 10_000;

export const IMPORT_MODES = ['draft', 'submit'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const binary = z.string().openapi({ type: 'string', format: 'binary', maxLength: WORKBOOK_MAX_BYTES });
const upload = {
  required: true,
  description: `The file as the request body (at most ${WORKBOOK_MAX_BYTES / 1024 / 1024} MB): a filled template (.xlsx) or a UTF-8 CSV with the template's columns`,
  content: { [XLSX_MEDIA_TYPE]: { schema: binary }, [CSV_MEDIA_TYPE]: { schema: binary } },
};
const refused = {
  413: json(ErrorBody, 'The file is larger than the limit'),
  415: json(ErrorBody, 'Neither an .xlsx workbook nor a CSV file'),
  422: json(ErrorBody, 'The file is not what it claims to be, or cannot be read safely'),
};

export const WorkbookTemplateQuery = z.object({
  month: ReportMonth.openapi({ param: { name: 'month', in: 'query' } }),
});

/** One problem of a file, where it is: sheet, row and column as Excel shows them. */
export const ImportProblem = z
  .object({
    sheet: z.string(),
    /** 1-based row, null for a problem of the whole sheet (a missing column) */
    row: z.number().int().nullable(),
    /** the column's letter (E) and its header, null for a problem of the whole row */
    column: z.string().nullable(),
    columnName: z.string().nullable(),
    code: z.string().openapi({ example: 'import_bad_number' }),
    message: z.string(),
    /**
     * The import modes this problem stops: both for a bad number; `submit` only for a flagged figure without an
     * explanation (the rows can still be saved as drafts); one mode where an earlier import of the file in the
     * other mode changed what the row meets.
     */
    blocks: z.array(z.enum(IMPORT_MODES)),
  })
  .openapi('ImportProblem');
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportCheck = z
  .object({
    fileHash: z
      .string()
      .openapi({ description: 'SHA-256 of the file: importing the same file twice is a no-op' }),
    fileKind: z.enum(['xlsx', 'csv']),
    /** rows with figures (blank rows of the template are left out) */
    rows: z.number().int(),
    months: z.array(ReportMonth),
    /** rows whose venture has no report of the month yet, and rows that would update a draft or returned one */
    toCreate: z.number().int(),
    toUpdate: z.number().int(),
    /** rows an earlier import of this same file in that mode already wrote: importing them again changes nothing */
    unchangedDraft: z.number().int(),
    unchangedSubmit: z.number().int(),
    problems: z.array(ImportProblem),
    canDraft: z.boolean(),
    canSubmit: z.boolean(),
  })
  .openapi('ImportCheck');
export type ImportCheck = z.infer<typeof ImportCheck>;

export const ImportQuery = z.object({
  mode: z.enum(IMPORT_MODES).openapi({ param: { name: 'mode', in: 'query' }, example: 'draft' }),
});

export const ImportResult = z
  .object({
    mode: z.enum(IMPORT_MODES),
    fileHash: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
    submitted: z.number().int(),
    unchanged: z.number().int(),
    reports: z.array(
      z.object({
        reportId: z.uuid(),
        ventureId: z.uuid(),
        ventureName: z.string(),
        communityId: z.uuid(),
        month: ReportMonth,
        status: z.enum(REPORT_STATUSES),
        action: z.enum(['created', 'updated', 'unchanged']),
      }),
    ),
  })
  .openapi('ImportResult');
export type ImportResult = z.infer<typeof ImportResult>;

/** A refused import: the problems, as the check lists them (nothing was written). */
export const ImportRefused = z
  .object({
    error: z.object({ code: z.string(), message: z.string() }),
    /** with import_has_problems; absent when the file itself was refused */
    check: ImportCheck.optional(),
  })
  .openapi('ImportRefused');
export type ImportRefused = z.infer<typeof ImportRefused>;

export const workbookTemplateRoute = createRoute({
  method: 'get',
  path: '/reports/workbook/template',
  tags: ['reports'],
  summary: "The month's report template (.xlsx) of the caller's scope",
  description:
    'One sheet per venture category, one row per venture owing the month (as the reporting to-do counts it), the ' +
    "previous month's approved figures beside each figure, data validation on every column and the definitions on " +
    'a help sheet, in the language of Accept-Language. District roles get it too (to read; they do not import).',
  request: { query: WorkbookTemplateQuery },
  responses: {
    200: {
      description: 'The template',
      content: { [XLSX_MEDIA_TYPE]: { schema: binary } },
    },
    ...errorResponses,
  },
});

export const workbookCheckRoute = createRoute({
  method: 'post',
  path: '/reports/workbook/check',
  tags: ['reports'],
  summary: 'Dry run: every problem of a filled template, by sheet, row and column; nothing is written',
  request: { body: upload },
  responses: {
    200: json(ImportCheck, 'What the import would do, and every problem'),
    ...errorResponses,
    ...refused,
  },
});

export const workbookImportRoute = createRoute({
  method: 'post',
  path: '/reports/workbook/import',
  tags: ['reports'],
  summary: 'Import a filled template: saves drafts or submits, all rows in one transaction or none',
  description:
    'Runs the check again; with any problem that blocks the mode nothing is written (422 with the check). The ' +
    'reports are written by the same code as the monthly report form. Importing the same file again in the same ' +
    'mode changes nothing (file hash, venture and month).',
  request: { query: ImportQuery, body: upload },
  responses: {
    200: json(ImportResult, 'The reports written (or left as an earlier import of this file wrote them)'),
    ...errorResponses,
    413: refused[413],
    415: refused[415],
    422: json(ImportRefused, 'The file has problems (nothing was written), or is not what it claims to be'),
  },
});
