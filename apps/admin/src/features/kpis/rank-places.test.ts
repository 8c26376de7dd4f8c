import { describe, expect, it } from 'vitest';
import { rankListPlaces } from './rank-places';

/** Communities named a, b, c… with these ranks, in order. */
const ranked = (...ranks: Array<number | null>) =>
  ranks.map((rank, i) => ({
    name: String.fromCharCode(97 + i),
    communityId: String.fromCharCode(97 + i),
    rank,
  }));
const names = (places: { rank: number; items: { name: string }[] }[]) =>
  places.map((p) => `${p.rank}:${p.items.map((i) => i.name).join('')}`);

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

  it('leaves off the communities awaiting review, whatever their rank (ADR 0039)', () => {
    const { top, bottom } = rankListPlaces(ranked(1, 2, 3, 4, 5, 6, 7, 8), 3, new Set(['b', 'g']));
    expect(names(top)).toEqual(['1:a', '3:c', '4:d']);
    expect(names(bottom)).toEqual(['5:e', '6:f', '8:h']);
    expect(rankListPlaces(ranked(1, 2, 3, null), 3, new Set(['a'])).judged).toBe(2);
  });
});
