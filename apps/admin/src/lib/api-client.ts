import type { ErrorBody } from '@gongfu/contract';
import { actingMembershipHeaders } from './acting-membership';
import { currentLanguage } from './i18n';

/** An error answered by the API (or a network failure, status 0), in the API's one error shape. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

const FALLBACK_MESSAGE: Record<string, string> = {
  'zh-CN': '服务暂时不可用，请稍后再试',
  en: 'The service is unavailable, please try again later',
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`: a retried write (after a dropped connection) is answered, not done twice. */
  idempotencyKey?: string;
}

/** A query string from defined values only (`?a=1&b=x`, or '' when there are none). */
export function queryString(params: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const search = query.toString();
  return search ? `?${search}` : '';
}

/**
 * Calls the API on the same origin with the session cookie, the UI language and the membership chosen in this tab
 * (if any). Resolves with the parsed JSON
 * (undefined for 204) or throws an `ApiError` carrying the server's message and field errors.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, idempotencyKey } = options;
  const language = currentLanguage();
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': language,
    ...actingMembershipHeaders(),
  };
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'network_error', FALLBACK_MESSAGE[language] ?? 'Network error');
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }

  if (!response.ok) {
    if (isErrorBody(parsed)) {
      throw new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.fields ?? {});
    }
    throw new ApiError(
      response.status,
      `http_${response.status}`,
      FALLBACK_MESSAGE[language] ?? response.statusText,
    );
  }
  return parsed as T;
}
