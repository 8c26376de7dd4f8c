import {
  WORKBOOK_MAX_BYTES,
  workbookCheckRoute,
  workbookImportRoute,
  workbookTemplateRoute,
  XLSX_MEDIA_TYPE,
} from '@gongfu/contract';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../context';
import { ApiError, errorBody } from '../../errors';
import { message } from '../../i18n/messages';
import { inActorScope } from '../../middleware/request-scope';
import { requireActor } from '../../middleware/session';
import { createRouter } from '../../router';
import { contentDisposition } from './content-disposition';
import * as workbook from './workbook-import';
import { checkFile, importFile } from './workbook-import';
import { kindOfContentType, readUpload } from './workbook-read';

/** The upload paths: the app gives them this limit instead of the 1 MB JSON one (see app.ts). */
export const WORKBOOK_UPLOAD_PATHS = ['/api/v1/reports/workbook/check', '/api/v1/reports/workbook/import'];

/** The uploads' own body limit: a filled template of thousands of rows is a few MB. */
export const workbookBodyLimit = bodyLimit({
  maxSize: WORKBOOK_MAX_BYTES,
  onError: (c) =>
    c.json(errorBody(c, 'workbook_too_large', undefined, { limit: WORKBOOK_MAX_BYTES / 1024 / 1024 }), 413),
});

/**
 * The uploaded bytes, refused before they are read when the type is neither .xlsx nor CSV, then parsed outside any
 * transaction (parsing is CPU work; no database connection waits on it).
 */
async function upload(c: Context<AppEnv>) {
  requireActor(c); // 401 before the body is read
  if (!kindOfContentType(c.req.header('content-type'))) throw new ApiError(415, 'workbook_unsupported_type');
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return readUpload(bytes, c.req.header('content-type'));
}

export const workbookRoutes = createRouter()
  .openapi(workbookTemplateRoute, async (c) => {
    const { month } = c.req.valid('query');
    const lang = c.get('lang');
    const file = await inActorScope(c, (trx, actor) => workbook.template(trx, actor, month, lang));
    return c.body(file.bytes as unknown as ArrayBuffer, 200, {
      'Content-Type': XLSX_MEDIA_TYPE,
      'Content-Disposition': contentDisposition('attachment', file.fileName),
      'Cache-Control': 'no-store',
    }) as never;
  })
  .openapi(workbookCheckRoute, async (c) => {
    const file = await upload(c);
    const lang = c.get('lang');
    const { check } = await inActorScope(c, (trx, actor) => checkFile(trx, actor, file, lang));
    return c.json(check, 200);
  })
  .openapi(workbookImportRoute, async (c) => {
    const { mode } = c.req.valid('query');
    const file = await upload(c);
    const lang = c.get('lang');
    const result = await inActorScope(c, (trx, actor) =>
      importFile(trx, actor, file, mode, lang, c.get('requestId')),
    );
    if ('refused' in result) {
      const count = result.refused.problems.length;
      return c.json(
        {
          error: { code: 'import_has_problems', message: message('import_has_problems', lang, { count }) },
          check: result.refused,
        },
        422,
      );
    }
    return c.json(result, 200);
  });
