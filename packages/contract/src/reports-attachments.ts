import {
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_COUNT,
  ATTACHMENT_MEDIA_TYPES,
} from '@gongfu/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, errorResponses, text } from './common';

// A monthly report's attachments: invoices, photos of the books, scanned minutes that back its figures. Added and
// removed while the report can be edited (draft or returned, its month open); read by whoever reads the report.
// Paths relative to /api/v1.

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const ReportAttachment = z
  .object({
    id: z.uuid(),
    reportId: z.uuid(),
    fileName: z.string(),
    kind: z.enum(ATTACHMENT_KINDS),
    mediaType: z.string(),
    byteSize: z.number().int().min(1),
    /** SHA-256 of the bytes, hex: the same file twice on one report is refused */
    sha256: z.string(),
    uploadedByUserId: z.uuid(),
    /** the uploader's display name as the reader may see it */
    uploadedByName: z.string().nullable(),
    uploadedAt: z.string(),
  })
  .openapi('ReportAttachment');
export type ReportAttachment = z.infer<typeof ReportAttachment>;

export const ReportAttachmentList = z
  .object({
    items: z.array(ReportAttachment),
    /** whether the caller may add or remove attachments now (role, status and month) */
    editable: z.boolean(),
    maxBytes: z.number().int(),
    maxCount: z.number().int(),
  })
  .openapi('ReportAttachmentList');
export type ReportAttachmentList = z.infer<typeof ReportAttachmentList>;

const ReportIdParam = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }),
});
const AttachmentParams = ReportIdParam.extend({
  attachmentId: z.uuid().openapi({
    param: { name: 'attachmentId', in: 'path' },
    example: '00000000-0000-4000-8000-000000000001',
  }),
});
export const AttachmentUploadQuery = z.object({
  /** the file's name as the user chose it (UTF-8, URL-encoded; kept to 120 characters): its extension must agree with the bytes */
  fileName: text(1000).openapi({ param: { name: 'fileName', in: 'query' }, example: '2026年11月发票.pdf' }),
});

const binary = z.string().openapi({ type: 'string', format: 'binary', maxLength: ATTACHMENT_MAX_BYTES });
const tags = ['reports'];
const oneErrors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
};

export const listReportAttachmentsRoute = createRoute({
  method: 'get',
  path: '/reports/{id}/attachments',
  tags,
  summary: 'A report’s attachments, oldest first (no bytes)',
  request: { params: ReportIdParam },
  responses: { 200: json(ReportAttachmentList, 'The attachments'), ...oneErrors },
});

export const uploadReportAttachmentRoute = createRoute({
  method: 'post',
  path: '/reports/{id}/attachments',
  tags,
  summary: 'Attach a file to a draft or returned report (PDF, JPEG, PNG, WebP, .docx, .xlsx)',
  description:
    `The file is the request body (at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB, ${ATTACHMENT_MAX_COUNT} per ` +
    'report). Its first bytes must be what its name’s extension says; the Content-Type sent is not believed.',
  request: {
    params: ReportIdParam,
    query: AttachmentUploadQuery,
    body: {
      required: true,
      content: Object.fromEntries(
        [...ATTACHMENT_MEDIA_TYPES, 'application/octet-stream'].map((type) => [type, { schema: binary }]),
      ),
    },
  },
  responses: {
    201: json(ReportAttachment, 'Attached'),
    ...oneErrors,
    409: json(ErrorBody, 'The report cannot be edited now, already has this file, or has as many as it may'),
    413: json(ErrorBody, 'The file is larger than the limit'),
    422: json(ErrorBody, 'Not a type an attachment may be, or not what its name says'),
  },
});

export const downloadReportAttachmentRoute = createRoute({
  method: 'get',
  path: '/reports/{id}/attachments/{attachmentId}',
  tags,
  summary: 'One attachment’s bytes (PDF and images inline, documents as a download)',
  request: { params: AttachmentParams },
  responses: {
    200: {
      description: 'The file, with its verified media type',
      content: { 'application/octet-stream': { schema: binary } },
    },
    ...oneErrors,
  },
});

export const deleteReportAttachmentRoute = createRoute({
  method: 'delete',
  path: '/reports/{id}/attachments/{attachmentId}',
  tags,
  summary: 'Remove an attachment from a draft or returned report',
  request: { params: AttachmentParams },
  responses: {
    204: { description: 'Removed' },
    ...oneErrors,
    409: json(ErrorBody, 'The report cannot be edited now'),
  },
});
