import { apiRequest } from '../../../lib/api-client';

type Params = Record<string, string | undefined>;

/** GET a KPI endpoint with its query parameters (undefined ones left out). */
export function getKpiResource<T>(path: string, params: Params, signal?: AbortSignal): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) query.set(key, value);
  }
  const search = query.toString();
  return apiRequest<T>(`/kpis/${path}${search ? `?${search}` : ''}`, signal ? { signal } : {});
}

/** Every KPI query key starts here, so one invalidation refreshes the cockpit. */
export const kpisQueryKey = ['kpis'] as const;
