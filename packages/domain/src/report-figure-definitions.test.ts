import { describe, expect, it } from 'vitest';
import { REPORT_FIGURE_DEFINITIONS, REPORT_FIGURE_LIST } from './report-figure-definitions';
import { REPORT_FIGURE_FIELDS } from './report-figures';

describe('report figure definitions', () => {
  it('define every figure once, in the form order, with words in both languages', () => {
    expect(REPORT_FIGURE_LIST.map((f) => f.field)).toEqual([...REPORT_FIGURE_FIELDS]);
    for (const field of REPORT_FIGURE_FIELDS) {
      const d = REPORT_FIGURE_DEFINITIONS[field];
      for (const text of [d.label, d.unit, d.definition]) {
        expect(text['zh-CN'].trim()).not.toBe('');
        expect(text.en.trim()).not.toBe('');
      }
    }
  });

  it('make amounts money and everything else a count, as the stored columns are', () => {
    for (const { field, kind } of REPORT_FIGURE_LIST) {
      expect(kind, field).toBe(field.endsWith('Fen') ? 'money' : 'count');
    }
  });
});
