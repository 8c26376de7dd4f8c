/** The list's URL search params: `?q=` filters by name. Unknown or malformed params are dropped. */
export interface CommunitiesSearch {
  q?: string;
}

export function validateCommunitiesSearch(search: Record<string, unknown>): CommunitiesSearch {
  const raw = search.q;
  const q = (typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '').trim().slice(0, 100);
  return q ? { q } : {};
}

export function filterByName<T extends { name: string }>(items: readonly T[], q: string | undefined): T[] {
  const needle = q?.trim().toLocaleLowerCase();
  if (!needle) return [...items];
  return items.filter((item) => item.name.toLocaleLowerCase().includes(needle));
}
