import { describe, expect, it } from 'vitest';
import { safeRedirect, validateLoginSearch } from './redirect-target';

describe('safeRedirect', () => {
  it('keeps paths on this site, with their search', () => {
    expect(safeRedirect('/communities?q=金汇')).toBe('/communities?q=金汇');
    expect(safeRedirect('/')).toBe('/');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    'communities',
    '/login?redirect=/x',
    '/\nevil',
    42,
    undefined,
  ])('refuses %j', (value) => {
    expect(safeRedirect(value)).toBe('/');
  });

  it('drops a useless redirect from the login search', () => {
    expect(validateLoginSearch({ redirect: '//x' })).toEqual({});
    expect(validateLoginSearch({ redirect: '/communities' })).toEqual({ redirect: '/communities' });
  });
});
