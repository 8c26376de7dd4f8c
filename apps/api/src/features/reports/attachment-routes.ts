import {
  deleteReportAttachmentRoute,
  downloadReportAttachmentRoute,
  listReportAttachmentsRoute,
  uploadReportAttachmentRoute,
} from '@gongfu/contract';
import { ATTACHMENT_MAX_BYTES, opensInBrowser } from '@gongfu/domain';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../context';
import { errorBody } from '../../errors';
import { inActorScope } from '../../middleware/request-scope';
import { requireActor } from '../../middleware/session';
import { createRouter } from '../../router';
import * as attachments from './attachments';
import { contentDisposition } from './content-disposition';

// Not a `foldsSession` router: the upload's session is checked before its body is read (401 before 10 MB arrive),
// and its bytes are read before a transaction holds a connection. The reads follow the same path.

// The upload route's own path (the contract's `/reports/{id}/attachments`), as the app mounts it under /api/v1, with
// a UUID's characters for the id: the app picks the body limit before the route is matched.
const UPLOAD_METHOD = uploadReportAttachmentRoute.method.toUpperCase();
const UPLOAD_PATH = new RegExp(
  `^/api/v1${uploadReportAttachmentRoute.path.replace('{id}', '[0-9a-f-]{36}')}$`,
  'i',
);
/** Whether a request is an attachment upload, which gets this limit instead of the 1 MB JSON one (see app.ts). */
export const isAttachmentUpload = (method: string, path: string) =>
  method === UPLOAD_METHOD && UPLOAD_PATH.test(path);

export const attachmentBodyLimit = bodyLimit({
  maxSize: ATTACHMENT_MAX_BYTES,
  onError: (c) =>
    c.json(
      errorBody(c as Context<AppEnv>, 'attachment_too_large', undefined, {
        limit: ATTACHMENT_MAX_BYTES / 1024 / 1024,
      }),
      413,
    ),
});

export const attachmentRoutes = createRouter()
  .openapi(listReportAttachmentsRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await inActorScope(c, (trx, actor) => attachments.listAttachments(trx, actor, id)), 200);
  })
  .openapi(uploadReportAttachmentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { fileName } = c.req.valid('query');
    requireActor(c); // 401 before the body is read
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const added = await inActorScope(c, (trx, actor) =>
      attachments.addAttachment(trx, actor, id, { fileName, bytes }, c.get('requestId')),
    );
    return c.json(added, 201);
  })
  .openapi(downloadReportAttachmentRoute, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    const file = await inActorScope(c, (trx, actor) =>
      attachments.readAttachment(trx, actor, id, attachmentId),
    );
    // PDF and images open in the browser's own viewer; a document is saved. The type is the one the bytes proved.
    return c.body(file.content as unknown as ArrayBuffer, 200, {
      'Content-Type': file.mediaType,
      'Content-Disposition': contentDisposition(
        opensInBrowser(file.kind) ? 'inline' : 'attachment',
        file.fileName,
      ),
      'X-Content-Type-Options': 'nosniff',
    }) as never;
  })
  .openapi(deleteReportAttachmentRoute, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    await inActorScope(c, (trx, actor) =>
      attachments.removeAttachment(trx, actor, id, attachmentId, c.get('requestId')),
    );
    return c.body(null, 204) as never;
  });
