import type { ReportAttachment, ReportAttachmentList } from '@gongfu/contract';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_COUNT,
  attachmentTypeOfName,
  cleanAttachmentName,
} from '@gongfu/domain';
import { HttpResponse, http } from 'msw';
import { api, errorBody, server } from '../../../testing/server';

export const UPLOADER_ID = '44444444-4444-4444-8444-444444444444';

let counter = 0;
const nextId = () => `dddddddd-dddd-4ddd-8ddd-${String(++counter).padStart(12, '0')}`;

export function attachmentFixture(overrides: Partial<ReportAttachment> = {}): ReportAttachment {
  return {
    id: nextId(),
    reportId: '88888888-8888-4888-8888-000000000000',
    fileName: '2026年11月发票.pdf',
    kind: 'pdf',
    mediaType: 'application/pdf',
    byteSize: 87_040,
    sha256: 'a'.repeat(64),
    uploadedByUserId: UPLOADER_ID,
    uploadedByName: '张会计',
    uploadedAt: '2026-12-02T01:30:00.000Z',
    ...overrides,
  };
}

/** The first bytes of a PDF: what the browser's check (and the API's) wants to see in a `.pdf`. */
export const PDF_BYTES = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a]);

export interface AttachmentsServer {
  /** the files held, oldest first (tests change them to play another user) */
  items: ReportAttachment[];
  editable: boolean;
  /** every upload received: the query's file name, the Content-Type and the body's bytes */
  uploads: { reportId: string; fileName: string | null; contentType: string | null; bytes: number[] }[];
  deletes: string[];
  downloads: string[];
  /** when set, the next upload is answered with this refusal */
  refuseNext: { status: number; code: string; message: string } | null;
}

/**
 * A small stateful attachments API for one report: list, upload (raw body, `fileName` in the query), download and
 * delete. Uploads are recorded and listed as the uploader `me` (the session's user).
 */
export function givenAttachmentsApi({
  items = [],
  editable = true,
  me = '55555555-5555-4555-8555-555555555555',
}: {
  items?: ReportAttachment[];
  editable?: boolean;
  me?: string;
} = {}): AttachmentsServer {
  const state: AttachmentsServer = {
    items: [...items],
    editable,
    uploads: [],
    deletes: [],
    downloads: [],
    refuseNext: null,
  };
  server.use(
    http.get(api('/reports/:id/attachments'), () =>
      HttpResponse.json<ReportAttachmentList>({
        items: state.items,
        editable: state.editable,
        maxBytes: ATTACHMENT_MAX_BYTES,
        maxCount: ATTACHMENT_MAX_COUNT,
      }),
    ),
    http.post(api('/reports/:id/attachments'), async ({ params, request }) => {
      const bytes = [...new Uint8Array(await request.arrayBuffer())];
      const fileName = new URL(request.url).searchParams.get('fileName');
      state.uploads.push({
        reportId: String(params.id),
        fileName,
        contentType: request.headers.get('content-type'),
        bytes,
      });
      const refusal = state.refuseNext;
      if (refusal) {
        state.refuseNext = null;
        return HttpResponse.json(errorBody(refusal.code, refusal.message), { status: refusal.status });
      }
      const name = cleanAttachmentName(fileName ?? '') ?? 'file';
      const type = attachmentTypeOfName(name) ?? { kind: 'pdf' as const, mediaType: 'application/pdf' };
      const added = attachmentFixture({
        reportId: String(params.id),
        fileName: name,
        kind: type.kind,
        mediaType: type.mediaType,
        byteSize: bytes.length,
        uploadedByUserId: me,
        uploadedByName: '测试用户',
        uploadedAt: new Date().toISOString(),
      });
      state.items = [...state.items, added];
      return HttpResponse.json(added, { status: 201 });
    }),
    http.get(api('/reports/:id/attachments/:attachmentId'), ({ params }) => {
      const found = state.items.find((a) => a.id === params.attachmentId);
      if (!found) return HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
      state.downloads.push(found.id);
      const inline = found.kind === 'pdf' || found.kind === 'image';
      return new HttpResponse(PDF_BYTES, {
        headers: {
          'Content-Type': found.mediaType,
          'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="file"; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
        },
      });
    }),
    http.delete(api('/reports/:id/attachments/:attachmentId'), ({ params }) => {
      if (!state.editable) {
        return HttpResponse.json(errorBody('report_is_submitted', '月报已提交，不能修改'), { status: 409 });
      }
      const before = state.items.length;
      state.items = state.items.filter((a) => a.id !== params.attachmentId);
      if (state.items.length === before) {
        return HttpResponse.json(errorBody('not_found', '未找到'), { status: 404 });
      }
      state.deletes.push(String(params.attachmentId));
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return state;
}
