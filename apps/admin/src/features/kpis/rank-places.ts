/** One place of a ranking: its rank and every community that shares it (a tie). */
export interface RankPlace<T> {
  rank: number;
  items: T[];
}

/**
 * The first and last `size` places of a ranking for its red and black lists, ties whole: five communities tied
 * for last are all on the black list, not the three whose names sort last. A list ends at the place that brings
 * it to `size` communities or more; the black list never repeats a place of the red one; a ranking with a single
 * place (everyone tied) has no lists. `items` come ranked, best first, unranked (null) ones left out.
 *
 * The lists judge only communities none of whose reports wait on the district's review (`awaitingReview`,
 * ADR 0039): a community is not put on the black list for the office's own backlog. They keep their rank in the
 * table; a list may then skip a rank. `judged` counts the ranked communities the lists chose from.
 */
export function rankListPlaces<T extends { rank: number | null; communityId: string }>(
  items: readonly T[],
  size: number,
  awaitingReview: ReadonlySet<string> = new Set(),
): { top: RankPlace<T>[]; bottom: RankPlace<T>[]; judged: number } {
  const places: RankPlace<T>[] = [];
  let judged = 0;
  for (const item of items) {
    if (item.rank === null || awaitingReview.has(item.communityId)) continue;
    judged += 1;
    const last = places.at(-1);
    if (last?.rank === item.rank) last.items.push(item);
    else places.push({ rank: item.rank, items: [item] });
  }
  if (places.length < 2) return { top: [], bottom: [], judged };
  const top: RankPlace<T>[] = [];
  for (let i = 0, count = 0; i < places.length && count < size; i++) {
    top.push(places[i] as RankPlace<T>);
    count += places[i]?.items.length ?? 0;
  }
  const bottom: RankPlace<T>[] = [];
  for (let i = places.length - 1, count = 0; i >= top.length && count < size; i--) {
    bottom.unshift(places[i] as RankPlace<T>);
    count += places[i]?.items.length ?? 0;
  }
  return { top, bottom, judged };
}
