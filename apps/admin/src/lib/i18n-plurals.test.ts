import { addDays, shanghaiDateOf } from '@gongfu/domain';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditText } from '../features/audit/labels';
import { valueText } from '../features/audit/values';
import { ExpiryTag } from '../features/register/components/agreements-page';
import type { Shape } from '../i18n/shape';
import { changeLanguage, i18n, loadFeatureStrings } from './i18n';

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
/** A placeholder followed by a unit the product counts: the placeholder must be `count` for "1 day" to exist. */
const COUNTED_UNIT = /\{\{(\w+)\}\} (days|weeks|months|years|reports|accounts|communities)\b/g;

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

  it('counts a number followed by its unit (days, reports…) through count, the one placeholder i18next pluralises on', () => {
    // "Ends in {{days}} days" read "Ends in 1 days": a number named otherwise never picks a `_one`
    const wrong = [...english]
      .filter(([key]) => !key.endsWith('_one'))
      .flatMap(([key, text]) =>
        [...text.matchAll(COUNTED_UNIT)].filter((m) => m[1] !== 'count').map((m) => `${key}: "${m[0]}"`),
      );
    expect(wrong).toEqual([]);
  });

  it('names no other number a plural follows: a 1 in any placeholder but count reads as one', () => {
    // "{{create}} new reports" read "1 new reports": only `count` picks a `_one`, so a counted noun or verb after
    // any other placeholder is wrong for 1 whatever its words (COUNTED_UNIT above knows only some units). Areas
    // whose strings were checked this way; elsewhere a placeholder such as a month or a name trips the word test
    const areas = ['reporting.'];
    const t = i18n.getFixedT('en') as unknown as Translate;
    const checked = [...english].filter(([key]) => areas.some((area) => key.startsWith(area)));
    expect(checked.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const [key, text] of checked) {
      if (key.endsWith('_one')) continue;
      const names = [...new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string))];
      for (const name of names.filter((n) => n !== 'count')) {
        const one = t(key, { ...values(text, 5), [name]: 1 });
        const reason = readsPluralForOne(one);
        if (reason) wrong.push(`${key} ({{${name}}}): ${reason} in "${one}"`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads one day and one report where the product counts them, and many otherwise', async () => {
    const t = i18n.getFixedT('en') as unknown as Translate;
    expect(t('register.agreement.expiresIn', { count: 1 })).toBe('Ends in 1 day');
    expect(t('register.agreement.expiresIn', { count: 30 })).toBe('Ends in 30 days');
    // the disclosure's length: the unit follows the longest, so it is the count
    expect(t('funds.proposal.disclosure.hint', { min: 5, count: 60 })).toBe(
      'Disclosure starts today or later and runs 5 to 60 days, during which residents may object.',
    );
    expect(t('funds.proposal.disclosure.hint', { min: 1, count: 1 })).toContain('runs 1 to 1 day,');
    const due = { received: 1, onTime: 1, rate: '100%', onTimeRate: '100%' };
    expect(t('exports.bulletin.reportingSummary', { ...due, count: 1 })).toMatch(/^1 report due, 1 received/);
    expect(t('exports.bulletin.reportingSummary', { ...due, count: 6 })).toMatch(
      /^6 reports due, 1 received/,
    );
    // what the callers pass: the audit's words for a disclosure period …
    const audit = auditText(i18n, 'en');
    const period = (days: number) =>
      valueText('proposal', 'disclosure', { startsOn: '2026-11-01', endsOn: '2026-11-05', days }, audit);
    expect(period(1)).toBe('2026-11-01 to 2026-11-05 (1 day)');
    expect(period(5)).toBe('2026-11-01 to 2026-11-05 (5 days)');
    // … and an agreement ending tomorrow (today is Shanghai's, as the tag's)
    const today = shanghaiDateOf(new Date());
    const tag = (days: number) =>
      renderToStaticMarkup(
        createElement(ExpiryTag, { agreement: { startsOn: '2020-01-01', endsOn: addDays(today, days) } }),
      );
    await changeLanguage('en');
    try {
      expect(tag(1)).toContain('>Ends in 1 day<');
      expect(tag(2)).toContain('>Ends in 2 days<');
    } finally {
      await changeLanguage('zh-CN');
    }
    expect(tag(1)).toContain('>1 天后到期<');
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
