import type { ErrorBody, PublicDisclosure } from '@gongfu/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, queryString } from '../../../lib/api-client';
import { currentLanguage } from '../../../lib/i18n';

export interface BoardKey {
  districtId: string;
  communityId: string;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The public board, read without the session: no cookie is sent (`credentials: 'omit'`), so the answer is the same
 * for everyone and the browser may keep it as the API's Cache-Control and ETag allow.
 */
export async function getBoard(key: BoardKey, signal?: AbortSignal): Promise<PublicDisclosure> {
  const path = `/api/public/communities/${encodeURIComponent(key.communityId)}/disclosure${queryString({
    district: key.districtId,
    from: key.from,
    to: key.to,
  })}`;
  const response = await fetch(path, {
    headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() },
    credentials: 'omit',
    signal: signal ?? null,
  });
  const body = (await response.json().catch(() => undefined)) as PublicDisclosure | ErrorBody | undefined;
  if (!response.ok) {
    const error = body && 'error' in body ? body.error : undefined;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? '',
      error?.fields,
    );
  }
  return body as PublicDisclosure;
}

export function boardQueryOptions(key: BoardKey) {
  return queryOptions({
    queryKey: ['public-board', key.districtId, key.communityId, key.from ?? null, key.to ?? null] as const,
    queryFn: ({ signal }) => getBoard(key, signal),
    placeholderData: keepPreviousData,
    // a wrong link stays wrong: no retries on 4xx
    retry: (count, error) =>
      !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
  });
}

export const useBoard = (key: BoardKey) => useQuery(boardQueryOptions(key));
