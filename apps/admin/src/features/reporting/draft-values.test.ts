import { REPORT_FIGURE_FIELDS } from '@gongfu/domain';
import { describe, expect, it } from 'vitest';
import { anchorsOnLoad, type DraftValues, groupFigureText } from './draft-values';

describe('groupFigureText', () => {
  it('groups whole numbers and money in thousands, keeping the decimals as typed', () => {
    expect(groupFigureText('58000', 'money').text).toBe('58,000');
    expect(groupFigureText('1234567.5', 'money').text).toBe('1,234,567.5');
    expect(groupFigureText('58000.', 'money').text).toBe('58,000.');
    expect(groupFigureText('58,000.00', 'money').text).toBe('58,000.00');
    expect(groupFigureText('5,8000', 'money').text).toBe('58,000');
    expect(groupFigureText('2600', 'count').text).toBe('2,600');
    expect(groupFigureText('999', 'count').text).toBe('999');
  });

  it('leaves a 0, a blank and anything that is not a plain figure as typed', () => {
    expect(groupFigureText('0', 'count').text).toBe('0');
    expect(groupFigureText('0.00', 'money').text).toBe('0.00');
    expect(groupFigureText('', 'money').text).toBe('');
    for (const text of ['-5000', '12a000', '0058000', '3.5', ' 5000', '.5'])
      expect(groupFigureText(text, text === '3.5' ? 'count' : 'money').text).toBe(text);
  });

  it('puts the caret after as many digits as it followed', () => {
    // 5800|0 typed at the end
    expect(groupFigureText('58000', 'money', 5)).toEqual({ text: '58,000', caret: 6 });
    // 1 typed after 58 in 58,000: 581|,000
    expect(groupFigureText('581,000', 'money', 3)).toEqual({ text: '581,000', caret: 3 });
    // 2 typed after 581 in 581,000: 5,812|,000
    expect(groupFigureText('5812,000', 'money', 4)).toEqual({ text: '5,812,000', caret: 5 });
    // the comma in 58,|000 deleted: 58|,000
    expect(groupFigureText('58000', 'money', 2)).toEqual({ text: '58,000', caret: 2 });
    // a digit deleted: 1,2|34 → 1|34
    expect(groupFigureText('1,34', 'count', 1)).toEqual({ text: '134', caret: 1 });
    expect(groupFigureText('58000', 'money', 0)).toEqual({ text: '58,000', caret: 0 });
  });
});

describe('anchorsOnLoad', () => {
  const values = (cost: string, explanation?: string): DraftValues => ({
    figures: {
      ...(Object.fromEntries(REPORT_FIGURE_FIELDS.map((f) => [f, '1'])) as DraftValues['figures']),
      operatingCostFen: cost,
    },
    notes: '',
    explanations: explanation === undefined ? {} : { operatingCostFen: explanation },
  });

  it('anchors each explanation to its figure as loaded, unless this device kept an older one for the same words', () => {
    expect(anchorsOnLoad(values('41,234.56', '场地免费'), {})).toEqual({ operatingCostFen: '41,234.56' });
    const kept = { operatingCostFen: { figure: '0.00', explanation: '场地免费' } };
    expect(anchorsOnLoad(values('41,234.56', '场地免费'), kept)).toEqual({ operatingCostFen: '0.00' });
    // rewritten since (here or elsewhere): it answers the figure as loaded
    expect(anchorsOnLoad(values('41,234.56', '已按实际填报'), kept)).toEqual({
      operatingCostFen: '41,234.56',
    });
    // removed since: nothing to anchor
    expect(anchorsOnLoad(values('41,234.56'), kept)).toEqual({});
    // nothing kept here: a returned report's flag says what it was submitted with, written as the form writes it
    const submitted = [{ field: 'operatingCostFen' as const, value: 4_200_000 }];
    expect(anchorsOnLoad(values('41,234.56', '场地免费'), {}, submitted)).toEqual({
      operatingCostFen: '42,000.00',
    });
    // what this device kept (a confirmation) comes first
    expect(anchorsOnLoad(values('41,234.56', '场地免费'), kept, submitted)).toEqual({
      operatingCostFen: '0.00',
    });
  });
});
