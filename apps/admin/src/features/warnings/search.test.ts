import { WARNING_KINDS, WARNING_SEVERITIES } from '@gongfu/domain';
import { describe, expect, it } from 'vitest';
import { KINDS, SEVERITIES, validateWarningsSearch } from './search';

const UUID = '33333333-3333-4333-8333-000000000001';

describe('the warnings list’s URL', () => {
  it('knows the domain’s rules and severities (kept locally, out of the entry chunk)', () => {
    expect([...KINDS]).toEqual([...WARNING_KINDS]);
    expect([...SEVERITIES]).toEqual([...WARNING_SEVERITIES]);
  });

  it('keeps well-formed filters and drops the rest', () => {
    expect(
      validateWarningsSearch({
        status: 'resolved',
        severity: 'red',
        kind: 'fund_idle',
        communityId: UUID,
        subjectId: 'nope',
        page: '3',
      }),
    ).toEqual({ status: 'resolved', severity: 'red', kind: 'fund_idle', communityId: UUID, page: 3 });
    expect(validateWarningsSearch({ status: 'open', severity: 'green', kind: 'x', page: 1 })).toEqual({});
  });
});
