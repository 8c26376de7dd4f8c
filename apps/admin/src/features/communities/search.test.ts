import { describe, expect, it } from 'vitest';
import { filterByName, validateCommunitiesSearch } from './search';

describe('communities search params', () => {
  it('keeps a trimmed name filter and drops the rest', () => {
    expect(validateCommunitiesSearch({ q: '  金汇 ', page: 2 })).toEqual({ q: '金汇' });
    expect(validateCommunitiesSearch({ q: '   ' })).toEqual({});
    expect(validateCommunitiesSearch({ q: ['x'] })).toEqual({});
    expect(validateCommunitiesSearch({ q: 'x'.repeat(300) }).q).toHaveLength(100);
  });

  it('filters by a case-insensitive part of the name', () => {
    const items = [{ name: 'Jinhui 金汇' }, { name: '渡口社区' }];
    expect(filterByName(items, 'jin')).toEqual([{ name: 'Jinhui 金汇' }]);
    expect(filterByName(items, undefined)).toHaveLength(2);
  });
});
