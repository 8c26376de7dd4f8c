import { beforeAll, describe, expect, it } from 'vitest';
import type { Shape } from '../i18n/shape';
import { i18n, loadFeatureStrings } from './i18n';

type Tree = { [key: string]: string | Tree };
type Translate = (key: string, options: Record<string, unknown>) => string;

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

function bundle(language: 'en' | 'zh-CN'): Map<string, string> {
  return new Map(leaves(i18n.getResourceBundle(language, 'translation') as Tree));
}

/** Every placeholder but `count` filled with a word that is no plural, so only the strings' own words are judged. */
function values(text: string, count: number): Record<string, unknown> {
  const names = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] as string);
  return { ...Object.fromEntries(names.map((name) => [name, 'X'])), count };
}

/** Words that end in s after a count of 1 and are still singular: verbs of one, pronouns, uncountables. */
const SINGULAR_ENDING_IN_S = new Set(['is', 'was', 'has', 'its', 'this', 'ends', 'status']);
const PLURAL_VERBS = new Set(['are', 'were', 'have']);

/** Why a text rendered with count 1 reads as many: "(s)", or a plural noun or verb among the two words after the 1. */
function readsPluralForOne(text: string): string | null {
  if (text.includes('(s)')) return '"(s)"';
  for (const match of text.matchAll(/(?<![\d.,])\b1\b(?![\d.,]\d)/g)) {
    const after = text.slice((match.index ?? 0) + 1);
    const words = (after.match(/[A-Za-z’']+/g) ?? []).slice(0, 2).map((word) => word.toLowerCase());
    const plural = words.find(
      (word) => PLURAL_VERBS.has(word) || (/s$/.test(word) && !SINGULAR_ENDING_IN_S.has(word)),
    );
    if (plural) return `"1 … ${plural}"`;
  }
  return null;
}

describe('English counts', () => {
  let english: Map<string, string>;
  let chinese: Map<string, string>;
  let countKeys: string[];
  beforeAll(async () => {
    await loadFeatureStrings('zh-CN');
    await loadFeatureStrings('en');
    english = bundle('en');
    chinese = bundle('zh-CN');
    countKeys = [...english]
      .filter(([key, text]) => !key.endsWith('_one') && text.includes('{{count}}'))
      .map(([key]) => key);
  });

  it('read as one for 1 and as many otherwise, in every string with a count', () => {
    const t = i18n.getFixedT('en') as unknown as Translate;
    // the admin has dozens: an empty list would mean the bundle was not read, not that all is well
    expect(countKeys.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const key of countKeys) {
      const one = t(key, values(`${english.get(key)}${english.get(`${key}_one`) ?? ''}`, 1));
      const reason = readsPluralForOne(one);
      if (reason) wrong.push(`${key}: ${reason} in "${one}"`);
      // i18next picks `key_one` for 1 only: any other count reads the key itself
      const many = t(key, values(english.get(key) as string, 5));
      expect(many, key).toBe(
        (english.get(key) as string).replace(/\{\{(\w+)\}\}/g, (_, n) => (n === 'count' ? '5' : 'X')),
      );
      if (many.includes('(s)')) wrong.push(`${key}: "(s)" in "${many}"`);
    }
    expect(wrong).toEqual([]);
  });

  it('adds a singular only beside a counted English string, and none to Chinese (it has no plural forms)', () => {
    for (const [key, text] of english) {
      if (!key.endsWith('_one')) continue;
      const base = key.slice(0, -'_one'.length);
      expect(english.get(base), key).toContain('{{count}}');
      expect(chinese.has(base), key).toBe(true);
      expect(text, key).toContain('{{count}}');
    }
    expect([...chinese.keys()].filter((key) => /_(one|other)$/.test(key))).toEqual([]);
    // a Chinese count of 1 reads the key itself
    const zh = i18n.getFixedT('zh-CN') as unknown as Translate;
    expect(zh('home.todo.returned', { count: 1 })).toBe('1 份月报被退回，待修改后重新提交');
  });

  it('lets a translation add key_one only beside a string key it also provides (checked by tsc --noEmit)', () => {
    const sample = { a: '', b: { c: '' } };
    type Sample = Shape<typeof sample>;
    const ok: Sample = { a: 'a', a_one: 'a one', b: { c: 'c', c_one: 'c one' } };
    // @ts-expect-error a key the source language has is missing
    const missing: Sample = { a_one: '', b: { c: '' } };
    // @ts-expect-error a singular of no key
    const stray: Sample = { a: '', d_one: '', b: { c: '' } };
    // @ts-expect-error a singular of a group of keys
    const group: Sample = { a: '', b: { c: '' }, b_one: '' };
    expect([ok.a_one, ok.b.c_one, missing.a, stray.a, group.a]).toEqual([
      'a one',
      'c one',
      undefined,
      '',
      '',
    ]);
  });
});
