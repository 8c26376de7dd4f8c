import type { ErrorBody, ReportAttachment, ReportAttachmentList } from '@gongfu/contract';
import { ATTACHMENT_MAX_BYTES, opensInBrowser } from '@gongfu/domain';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { actingMembershipHeaders } from '../../../lib/acting-membership';
import { ApiError, apiRequest, queryString } from '../../../lib/api-client';
import { currentLanguage, i18n } from '../../../lib/i18n';
import { filenameOf, saveBlob } from '../../exports/download';
import { reportsQueryKey } from './reports';

/**
 * A monthly report's attachments (发票、台账照片、会议记录扫描件). The list is JSON through `apiRequest`; the upload
 * (raw bytes, with progress) and the download (bytes) are requests of their own, with the same language and the
 * same error shape.
 *
 * The key sits under `reportsQueryKey`, so a transition (submit, return, amend) reads the list again and `editable`
 * follows the report's status. Its third element is not the report's id on purpose: `useReportsRefresh` skips the
 * keys whose third element is the changed report's id (its detail, which it has just set).
 */
export const attachmentsQueryKey = (reportId: string) =>
  [...reportsQueryKey, 'attachments', { reportId }] as const;

const path = (reportId: string, attachmentId?: string) =>
  `/reports/${reportId}/attachments${attachmentId ? `/${attachmentId}` : ''}`;

/** The address of an attachment's bytes (a real link's href: a middle click opens it with the session cookie). */
export const attachmentUrl = (reportId: string, attachmentId: string) =>
  `/api/v1${path(reportId, attachmentId)}`;

export function reportAttachmentsQueryOptions(reportId: string) {
  return queryOptions({
    queryKey: attachmentsQueryKey(reportId),
    queryFn: ({ signal }) => apiRequest<ReportAttachmentList>(path(reportId), signal ? { signal } : {}),
  });
}

export const useReportAttachments = (reportId: string | undefined) =>
  useQuery({ ...reportAttachmentsQueryOptions(reportId ?? ''), enabled: reportId !== undefined });

// ---- requests of their own ------------------------------------------------------------------------------------

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** The API's refusal as an `ApiError`; a proxy's page (an HTML 413 from nginx) gets words of ours. */
function errorOf(status: number, text: string): ApiError {
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (isErrorBody(parsed)) {
    return new ApiError(status, parsed.error.code, parsed.error.message, parsed.error.fields ?? {});
  }
  if (status === 413) {
    return new ApiError(
      413,
      'attachment_too_large',
      i18n.t('reports.attachments.tooLargeForServer', { maxMb: ATTACHMENT_MAX_BYTES / 1024 / 1024 }),
    );
  }
  return new ApiError(status, `http_${status}`, i18n.t('reports.attachments.unavailable'));
}

const networkError = () => new ApiError(0, 'network_error', i18n.t('reports.attachments.networkError'));

export interface AttachmentUpload {
  /** the name sent as `fileName` (cleaned as the API cleans it, see `cleanAttachmentName`) */
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** the type the name's extension says (the API checks the bytes, not this) */
  mediaType: string;
  /** percent of the bytes sent, 0–100 */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends one file as the request body (`POST …/attachments?fileName=`). An XMLHttpRequest rather than fetch: only it
 * tells how much of a 10 MB photo a phone has sent. No Idempotency-Key: the body is binary, and the same bytes sent
 * twice are refused as a duplicate anyway.
 */
export function uploadAttachment(reportId: string, upload: AttachmentUpload): Promise<ReportAttachment> {
  const { fileName, bytes, mediaType, onProgress, signal } = upload;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path(reportId)}${queryString({ fileName })}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.setRequestHeader('Content-Type', mediaType);
    for (const [name, value] of Object.entries(actingMembershipHeaders())) xhr.setRequestHeader(name, value);
    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0)
          onProgress(Math.round((event.loaded / event.total) * 100));
      };
    }
    xhr.onload = () => {
      if (xhr.status === 201 || xhr.status === 200) {
        try {
          resolve(JSON.parse(xhr.responseText) as ReportAttachment);
        } catch {
          reject(errorOf(xhr.status, ''));
        }
      } else {
        reject(errorOf(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(bytes);
  });
}

export const deleteAttachment = (reportId: string, attachmentId: string) =>
  apiRequest<void>(path(reportId, attachmentId), { method: 'DELETE' });

/** After an upload: the new file is in the list at once (last: oldest first), and the list is read again. */
export function useUploadAttachment(reportId: string) {
  const queryClient = useQueryClient();
  const queryKey = attachmentsQueryKey(reportId);
  return useMutation<ReportAttachment, ApiError, AttachmentUpload>({
    mutationFn: (upload) => uploadAttachment(reportId, upload),
    onSuccess: (added) => {
      queryClient.setQueryData<ReportAttachmentList>(queryKey, (list) =>
        list && !list.items.some((a) => a.id === added.id)
          ? { ...list, items: [...list.items, added] }
          : list,
      );
    },
    // refused or not, what the server holds now (a refusal may mean the report was submitted meanwhile)
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
}

export function useDeleteAttachment(reportId: string) {
  const queryClient = useQueryClient();
  const queryKey = attachmentsQueryKey(reportId);
  return useMutation<void, ApiError, ReportAttachment>({
    mutationFn: (attachment) => deleteAttachment(reportId, attachment.id),
    onSuccess: (_, removed) => {
      queryClient.setQueryData<ReportAttachmentList>(queryKey, (list) =>
        list ? { ...list, items: list.items.filter((a) => a.id !== removed.id) } : list,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
}

/**
 * Fetches an attachment's bytes and shows them: in `target` (a tab the click opened before the fetch — a tab opened
 * after an await is a popup the browser blocks) when it is a PDF or an image, else saved under its name, as an
 * export is (see download.ts). Resolves with what was done.
 */
export async function openAttachment(
  attachment: Pick<ReportAttachment, 'reportId' | 'id' | 'fileName' | 'kind'>,
  target: Window | null = null,
): Promise<'opened' | 'saved'> {
  let response: Response;
  try {
    response = await fetch(attachmentUrl(attachment.reportId, attachment.id), {
      headers: { 'Accept-Language': currentLanguage(), ...actingMembershipHeaders() },
      credentials: 'same-origin',
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw errorOf(response.status, await response.text().catch(() => ''));
  const blob = await response.blob();
  if (target && opensInBrowser(attachment.kind)) {
    const url = URL.createObjectURL(blob);
    target.location.href = url;
    // the tab has its own copy once loaded; a reload of it after this finds nothing, which is acceptable
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return 'opened';
  }
  saveBlob(blob, filenameOf(response.headers.get('content-disposition'), attachment.fileName));
  return 'saved';
}
