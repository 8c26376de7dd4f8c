import { describe, expect, it } from 'vitest';
import { compareChineseNames, sortByChineseName } from './labels';

describe('sortByChineseName', () => {
  const byCodePoint = ['东风', '丽景', '五十四', '凤凰', '渡口', '金汇'];

  it('orders by pinyin, not by code point', () => {
    const sorted = sortByChineseName(byCodePoint, (name) => name);
    expect(sorted).toEqual(['东风', '渡口', '凤凰', '金汇', '丽景', '五十四']);
    expect(sorted).toEqual([...byCodePoint].sort(compareChineseNames));
  });

  it('gives the same order the second time, for other items with the same names', () => {
    const first = sortByChineseName(
      byCodePoint.map((name, id) => ({ id, name })),
      (row) => row.name,
    );
    const second = sortByChineseName(
      byCodePoint.map((name, id) => ({ id: id + 100, name })),
      (row) => row.name,
    );
    expect(second.map((row) => row.name)).toEqual(first.map((row) => row.name));
    expect(second.map((row) => row.id)).toEqual(first.map((row) => row.id + 100));
  });

  it('keeps equal names in the order they came (stable), and does not change its input', () => {
    const rows = [
      { id: 'b', name: '金汇' },
      { id: 'a', name: '东风' },
      { id: 'c', name: '金汇' },
    ];
    const copy = structuredClone(rows);
    expect(sortByChineseName(rows, (row) => row.name).map((row) => row.id)).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual(copy);
  });

  it('still sorts right once more name lists were seen than it keeps', () => {
    for (let i = 0; i < 200; i += 1) sortByChineseName([`社区${i}`, '东风'], (name) => name);
    expect(sortByChineseName(['金汇', '东风'], (name) => name)).toEqual(['东风', '金汇']);
    expect(sortByChineseName([], (name: string) => name)).toEqual([]);
  });
});
