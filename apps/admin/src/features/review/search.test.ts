import { describe, expect, it } from 'vitest';
import { validateReviewSearch } from './search';

describe('review queue search params', () => {
  it('keeps well-formed params and drops the rest', () => {
    const id = '8ce94c46-c150-89c1-a333-94b899600001';
    expect(
      validateReviewSearch({
        tab: 'missing',
        month: '2026-10',
        communityId: id,
        streetOfficeId: 'nope',
        page: '3',
        sort: '-submittedAt',
        report: id,
      }),
    ).toEqual({
      tab: 'missing',
      month: '2026-10',
      communityId: id,
      page: 3,
      sort: '-submittedAt',
      report: id,
    });
    expect(validateReviewSearch({ tab: 'all', month: '2026-13', page: '0', sort: 'drop table' })).toEqual({});
  });
});
