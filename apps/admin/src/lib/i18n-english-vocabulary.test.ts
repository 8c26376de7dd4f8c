import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, loadFeatureStrings } from './i18n';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

/**
 * Chinese words carried over word by word, which an English reader stumbles on: 人次 as "person-times", 驾驶舱 as
 * "cockpit", 运营协议 named two ways. Each with what English says instead.
 */
const WORD_BY_WORD: [RegExp, string][] = [
  [/person-times?/i, '人次: "people served", "visits"'],
  [/cockpit/i, '指标驾驶舱: "KPI dashboard"'],
  [/operating agreement/i, '运营协议: "operator agreement", as the register names it'],
  // a figure followed by the 万 unit: whole yuan in English; "(10k yuan)" only heads a column or an axis
  [/(\d|\}\})\s*10k yuan/, '万元 after a figure: the amount in yuan'],
];

describe('English words', () => {
  let all: [string, string][] = [];
  beforeAll(async () => {
    // the feature files (reports, funds, board…) load on demand: every string, not only the shell's
    await loadFeatureStrings('en');
    all = leaves(i18n.getResourceBundle('en', 'translation') as Tree);
  });

  it('carry no Chinese word translated word by word', () => {
    // the bundle really holds the feature strings, so the scan below cannot pass on an empty or partial one
    expect(all.some(([key]) => key.startsWith('register.'))).toBe(true);
    expect(all.some(([key]) => key.startsWith('kpi.'))).toBe(true);
    const found = all.flatMap(([key, text]) =>
      WORD_BY_WORD.filter(([pattern]) => pattern.test(text)).map(
        ([, instead]) => `${key}: ${text} (${instead})`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('name one state one way: a report not filed by its deadline is "Overdue" in the queue and in the lists', () => {
    const en = i18n.getFixedT('en');
    expect(en('reports.overview.missing')).toBe(en('review.tab.missing'));
  });

  it('name a proposal’s last step as the stage it is (结项), not as a state it has not reached', () => {
    const en = i18n.getFixedT('en');
    expect(en('funds.proposal.steps.close')).not.toBe(en('funds.proposal.close.done'));
    expect(en('funds.proposal.steps.close')).not.toMatch(/^closed$/i);
  });
});
