import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, loadFeatureStrings } from './i18n';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

/**
 * Chinese full-width punctuation in an English string ("Opening balance：") reads as a typo to an English reader:
 * a string copied from its Chinese twin and half translated.
 */
const FULL_WIDTH = /[：；]/;

describe('English strings', () => {
  beforeAll(async () => {
    // the feature files (reports, funds, board…) load on demand: every string, not only the shell's
    await loadFeatureStrings('en');
  });

  it('hold no Chinese colon or semicolon', () => {
    const all = leaves(i18n.getResourceBundle('en', 'translation') as Tree);
    // the bundle really holds the feature strings, so the scan below cannot pass on an empty or partial one
    expect(all.some(([key]) => key.startsWith('funds.'))).toBe(true);
    expect(all.some(([key]) => key.startsWith('board.'))).toBe(true);
    expect(all.filter(([, text]) => FULL_WIDTH.test(text))).toEqual([]);
  });
});
