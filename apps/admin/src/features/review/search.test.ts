import { REPORT_LIST_SORTS } from '@gongfu/contract';
import { describe, expect, it } from 'vitest';
import { REVIEW_SORTS, validateReviewSearch } from './search';

describe('review queue search params', () => {
  it('knows every sort the contract offers', () => {
    expect([...REVIEW_SORTS].sort()).toEqual([...REPORT_LIST_SORTS].sort());
  });

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
