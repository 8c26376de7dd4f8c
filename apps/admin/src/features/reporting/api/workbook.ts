import type { ImportCheck, ImportMode, ImportResult } from '@gongfu/contract';
import { actingMembershipHeaders } from '../../../lib/acting-membership';
import { ApiError } from '../../../lib/api-client';
import { currentLanguage } from '../../../lib/i18n';
import { saveBlob } from '../../exports/download';

// Excel in: the month's template download and the upload of a filled one. Plain values only (no contract runtime
// values): these modules ride in the reporting page's chunk.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPE = 'text/csv';
/** The API's limit (WORKBOOK_MAX_BYTES): a larger file is refused here before it is sent. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The type the API is told, from the file's name (a browser's own guess for .csv varies by system). */
export function uploadTypeOf(fileName: string): string | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return CSV_TYPE;
  return null;
}

function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return fallback;
    }
  }
  return fallback;
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as {
      error?: { code: string; message: string; fields?: Record<string, string> };
    };
    if (body.error)
      return new ApiError(response.status, body.error.code, body.error.message, body.error.fields);
  } catch {
    // not the API's error shape
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText);
}

/** Downloads the template of the month in the UI's language and saves it under the API's file name. */
export async function downloadTemplate(month: string): Promise<string> {
  const response = await fetch(`/api/v1/reports/workbook/template?month=${encodeURIComponent(month)}`, {
    headers: { 'Accept-Language': currentLanguage(), ...actingMembershipHeaders() },
    credentials: 'same-origin',
  });
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition'), `template-${month}.xlsx`);
  // saved as the exports and the attachments are
  saveBlob(blob, name);
  return name;
}

export type UploadPhase = { kind: 'uploading'; percent: number } | { kind: 'processing' };

export type UploadAnswer<T> =
  | { ok: true; body: T }
  | { ok: false; error: ApiError; check?: ImportCheck | undefined };

/**
 * Sends the file with XMLHttpRequest, which reports the upload's progress (fetch does not), then waits for the
 * API's answer. The API's refusals come back as values; only a lost connection throws.
 */
function send<T>(path: string, file: File, onPhase: (phase: UploadPhase) => void): Promise<UploadAnswer<T>> {
  const type = uploadTypeOf(file.name) ?? 'application/octet-stream';
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', type);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    for (const [name, value] of Object.entries(actingMembershipHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.round((event.loaded / event.total) * 100);
      onPhase(percent >= 100 ? { kind: 'processing' } : { kind: 'uploading', percent });
    };
    xhr.upload.onload = () => onPhase({ kind: 'processing' });
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ ok: true, body: body as T });
        return;
      }
      const error = (body as { error?: { code: string; message: string } } | undefined)?.error;
      resolve({
        ok: false,
        error: new ApiError(
          xhr.status,
          error?.code ?? `http_${xhr.status}`,
          error?.message ?? xhr.statusText,
        ),
        check: (body as { check?: ImportCheck } | undefined)?.check,
      });
    };
    onPhase({ kind: 'uploading', percent: 0 });
    xhr.send(file);
  });
}

export const checkWorkbook = (file: File, onPhase: (phase: UploadPhase) => void) =>
  send<ImportCheck>('/reports/workbook/check', file, onPhase);

export const importWorkbook = (file: File, mode: ImportMode, onPhase: (phase: UploadPhase) => void) =>
  send<ImportResult>(`/reports/workbook/import?mode=${mode}`, file, onPhase);
