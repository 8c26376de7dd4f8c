import type { ExportFormat, ExportView } from '@gongfu/contract';
import { actingMembershipHeaders } from '../../lib/acting-membership';
import { ApiError, queryString } from '../../lib/api-client';

type Params = Readonly<Record<string, string | number | boolean | undefined | null>>;

/** The file name the API gave (RFC 5987 `filename*`), else its ASCII fallback. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // a malformed name falls through to the plain one
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/** Saves fetched bytes under `fileName` through a temporary link (an export, an attachment that is a document). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the object URL; give the browser a moment before letting go of it
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Fetches an export and saves it through a temporary link. A fetch, not a plain link: a refusal (too many rows,
 * a filter the view rejects) comes back as the API's message instead of a page of JSON.
 */
export async function downloadExport(
  view: ExportView,
  format: ExportFormat,
  params: Params,
  language: string,
): Promise<string> {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') defined[key] = String(value);
  }
  const response = await fetch(`/api/v1/exports/${view}${queryString({ ...defined, format })}`, {
    headers: { 'Accept-Language': language, ...actingMembershipHeaders() },
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? `http_${response.status}`,
      body?.error?.message ?? response.statusText,
    );
  }
  const name = filenameOf(response.headers.get('content-disposition'), `gongfu-${view}.${format}`);
  saveBlob(await response.blob(), name);
  return name;
}
