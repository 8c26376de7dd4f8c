import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { keepDatesWhole } from './keep-dates-whole';

/** The runs of text the browser may not break inside: each element styled nowrap. */
function wholeRuns(text: string): { text: string; runs: string[] } {
  const { container } = render(<p>{keepDatesWhole(text)}</p>);
  const runs = [...container.querySelectorAll<HTMLElement>('span')]
    .filter((el) => el.style.whiteSpace === 'nowrap')
    .map((el) => el.textContent ?? '');
  return { text: container.textContent ?? '', runs };
}

describe('a ledger memo on a phone', () => {
  it('keeps a month and a day on one line, the text unchanged', () => {
    expect(wholeRuns('收益分配：老王 + 服务驿站 2026-07')).toEqual({
      text: '收益分配：老王 + 服务驿站 2026-07',
      runs: ['2026-07'],
    });
    expect(wholeRuns('冲销 2026-12-08 的 500.00 元 · 2026-11 月报')).toEqual({
      text: '冲销 2026-12-08 的 500.00 元 · 2026-11 月报',
      runs: ['2026-12-08', '2026-11'],
    });
  });

  it('leaves a text without dates as it is', () => {
    expect(keepDatesWhole('某企业捐赠')).toBe('某企业捐赠');
  });
});
