import { describe, expect, it } from 'vitest';
import { type RankPlace, rankListPlaces } from './rank-places';

/** Communities named a, b, c… with these ranks, in order. */
const ranked = (...ranks: Array<number | null>) =>
  ranks.map((rank, i) => ({
    name: String.fromCharCode(97 + i),
    communityId: String.fromCharCode(97 + i),
    rank,
  }));
/** "3:cd" a place (a tie of c and d), "2–3:bx?" a run of places awaiting review, "3:c=" a place tied with one. */
const names = (places: RankPlace<{ name: string }>[]) =>
  places.map(
    (p) =>
      `${p.rank}${p.lastRank === p.rank ? '' : `–${p.lastRank}`}:${p.items.map((i) => i.name).join('')}` +
      `${p.awaiting ? '?' : ''}${!p.awaiting && p.tied && p.items.length === 1 ? '=' : ''}`,
  );

describe('rankListPlaces', () => {
  it('takes the first and last three without ties', () => {
    const { top, bottom } = rankListPlaces(ranked(1, 2, 3, 4, 5, 6, 7), 3);
    expect(names(top)).toEqual(['1:a', '2:b', '3:c']);
    expect(names(bottom)).toEqual(['5:e', '6:f', '7:g']);
  });

  it('keeps a tie for last whole: five tied are all on the black list', () => {
    const { top, bottom } = rankListPlaces(ranked(1, 2, 3, 4, 5, 6, 6, 6, 6, 6), 3);
    expect(names(top)).toEqual(['1:a', '2:b', '3:c']);
    expect(names(bottom)).toEqual(['6:fghij']);
  });

  it('keeps a tie at the edge of the red list whole', () => {
    const { top } = rankListPlaces(ranked(1, 2, 3, 3, 5, 6, 7, 8), 3);
    expect(names(top)).toEqual(['1:a', '2:b', '3:cd']);
  });

  it('does not repeat on the black list a place of the red one', () => {
    const { top, bottom } = rankListPlaces(ranked(1, 2, 2, 2, 2, 6), 3);
    expect(names(top)).toEqual(['1:a', '2:bcde']);
    expect(names(bottom)).toEqual(['6:f']);
  });

  it('has no lists when everyone ties, and leaves the unranked out', () => {
    expect(rankListPlaces(ranked(1, 1, 1, 1, 1, 1, null), 3)).toEqual({ top: [], bottom: [], judged: 6 });
    const { bottom } = rankListPlaces(ranked(1, 2, 3, 4, 5, 6, null, null), 3);
    expect(names(bottom)).toEqual(['4:d', '5:e', '6:f']);
  });

  it('judges only the communities not awaiting review, and names those in its span in their places (ADR 0039)', () => {
    const { top, bottom, judged } = rankListPlaces(ranked(1, 2, 3, 4, 5, 6, 7, 8), 3, new Set(['b', 'g']));
    // still three judged on each list; b and g where their ranks are, so that the numbers run on
    expect(names(top)).toEqual(['1:a', '2:b?', '3:c', '4:d']);
    expect(names(bottom)).toEqual(['5:e', '6:f', '7:g?', '8:h']);
    expect(judged).toBe(6);
    expect(rankListPlaces(ranked(1, 2, 3, null), 3, new Set(['a'])).judged).toBe(2);
  });

  it('names a community awaiting review at either end of the ranking, and none beyond a list', () => {
    const { top, bottom } = rankListPlaces(ranked(1, 2, 3, 4, 5, 6, 7, 8, 9), 2, new Set(['a', 'e', 'i']));
    expect(names(top)).toEqual(['1:a?', '2:b', '3:c']);
    // e (5) lies between the lists: on neither
    expect(names(bottom)).toEqual(['7:g', '8:h', '9:i?']);
  });

  it('names a run of places awaiting review in one line, and splits a tie between judged and awaiting', () => {
    const { top, bottom } = rankListPlaces(
      ranked(1, 2, 3, 3, 5, 6, 7, 8, 9, 9, 9),
      2,
      new Set(['b', 'c', 'd', 'f', 'j', 'k']),
    );
    expect(names(top)).toEqual(['1:a', '2–3:bcd?', '5:e']);
    // i shares 9 with j and k: its place is a tie, the other two named apart
    expect(names(bottom)).toEqual(['8:h', '9:i=', '9:jk?']);
  });

  it('counts only the judged towards the lists, and has none when fewer than two places are judged', () => {
    expect(rankListPlaces(ranked(1, 2, 3), 3, new Set(['a', 'b']))).toEqual({
      top: [],
      bottom: [],
      judged: 1,
    });
  });
});
