/**
 * One line of a red or black list: a place of the ranking and every community that shares it (a tie) — or the
 * communities whose reports wait on the district's review (`awaiting`), named where their places are and not judged.
 */
export interface RankPlace<T> {
  rank: number;
  /** the last rank of a run of places awaiting review, named in one line (26–31); else `rank` */
  lastRank: number;
  items: T[];
  /** communities with reports awaiting the district's review: listed greyed, in their rank order, not judged */
  awaiting: boolean;
  /** the rank is shared, with a community awaiting review too */
  tied: boolean;
}

/**
 * The first and last `size` places of a ranking for its red and black lists, ties whole: five communities tied
 * for last are all on the black list, not the three whose names sort last. A list ends at the place that brings
 * it to `size` communities or more; the black list never repeats a place of the red one; a ranking with a single
 * place (everyone tied) has no lists. `items` come ranked, best first, unranked (null) ones left out.
 *
 * The lists judge only communities none of whose reports wait on the district's review (`awaitingReview`,
 * ADR 0039): a community is not put on the black list for the office's own backlog. They keep their rank, and
 * where it falls within a list they are named on it in its order, as not judged (`awaiting`; a run of such places
 * in one line), so that its numbers run on: 1, 2 (awaiting review), 3 — not 1, 3. They do not count towards
 * `size`. `judged` counts the ranked communities the lists chose from.
 */
export function rankListPlaces<T extends { rank: number | null; communityId: string }>(
  items: readonly T[],
  size: number,
  awaitingReview: ReadonlySet<string> = new Set(),
): { top: RankPlace<T>[]; bottom: RankPlace<T>[]; judged: number } {
  // every rank, its judged communities and those awaiting review apart
  const ranks: { rank: number; judged: T[]; awaiting: T[] }[] = [];
  for (const item of items) {
    if (item.rank === null) continue;
    let last = ranks.at(-1);
    if (last?.rank !== item.rank) {
      last = { rank: item.rank, judged: [], awaiting: [] };
      ranks.push(last);
    }
    (awaitingReview.has(item.communityId) ? last.awaiting : last.judged).push(item);
  }
  const places = ranks.filter((r) => r.judged.length > 0);
  const judged = places.reduce((n, p) => n + p.judged.length, 0);
  if (places.length < 2) return { top: [], bottom: [], judged };
  let topPlaces = 0;
  for (let count = 0; topPlaces < places.length && count < size; topPlaces++) {
    count += places[topPlaces]?.judged.length ?? 0;
  }
  let bottomFrom = places.length;
  for (let count = 0; bottomFrom > topPlaces && count < size; ) {
    bottomFrom -= 1;
    count += places[bottomFrom]?.judged.length ?? 0;
  }
  const topLast = places[topPlaces - 1]?.rank ?? 0;
  const bottomFirst = places[bottomFrom]?.rank;
  const top = lines(ranks.filter((r) => r.rank <= topLast));
  const bottom = bottomFirst === undefined ? [] : lines(ranks.filter((r) => r.rank >= bottomFirst));
  return { top, bottom, judged };
}

/** A list's lines: each rank's judged communities, then those of it awaiting review, a run of them in one line. */
function lines<T>(ranks: readonly { rank: number; judged: T[]; awaiting: T[] }[]): RankPlace<T>[] {
  const out: RankPlace<T>[] = [];
  for (const { rank, judged, awaiting } of ranks) {
    const tied = judged.length + awaiting.length > 1;
    if (judged.length > 0) out.push({ rank, lastRank: rank, items: judged, awaiting: false, tied });
    if (awaiting.length === 0) continue;
    const last = out.at(-1);
    if (last?.awaiting) {
      last.lastRank = rank;
      last.items.push(...awaiting);
      last.tied = false;
    } else {
      out.push({ rank, lastRank: rank, items: [...awaiting], awaiting: true, tied });
    }
  }
  return out;
}
