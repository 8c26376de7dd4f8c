/**
 * `jsonBytes` (ADR 0033): the bytes of `JSON.stringify(value)` in UTF-8, whatever the answer holds — long arrays
 * written a slice at a time, non-ASCII names, left-out properties, dates, nested values, arrays of exactly a slice.
 */
import { describe, expect, it } from 'vitest';
import { jsonBytes } from './json-wire';

const cell = (i: number) => ({
  communityId: `c-${i}`,
  month: '2026-05',
  state: i % 3 === 0 ? 'late' : 'on_time',
  expected: i,
  note: i % 7 === 0 ? undefined : `第${i}号「社区」\u2028"quoted"\\`,
  at: new Date(Date.UTC(2026, 4, 1 + (i % 28))),
});

const answers: [string, unknown][] = [
  [
    'a matrix of 600 cells with Chinese names',
    {
      from: '2026-05',
      communities: [{ name: '炳草岗社区' }],
      cells: Array.from({ length: 600 }, (_, i) => cell(i)),
    },
  ],
  ...[127, 128, 129, 256, 257].map((n): [string, unknown] => [
    `an array of ${n} items`,
    { items: Array.from({ length: n }, (_, i) => i), after: true },
  ]),
  [
    'long arrays first and last',
    { a: Array.from({ length: 300 }, (_, i) => `项${i}`), b: 1, c: Array(200).fill(null) },
  ],
  [
    'a sparse long array and left-out values',
    { holes: Array(300), skip: undefined, fn: () => 1, sym: Symbol('x'), kept: 0 },
  ],
  ['a first property left out', { skip: undefined, list: Array.from({ length: 200 }, (_, i) => ({ i })) }],
  ['an empty object', {}],
  ['an object with toJSON', { toJSON: () => ({ swapped: '是' }) }],
  ['a date', new Date(Date.UTC(2026, 11, 6))],
  ['an array at the top', Array.from({ length: 300 }, (_, i) => ({ i, name: `名${i}` }))],
  ['a string', '共富'],
  ['null', null],
  ['nested long arrays', { outer: { inner: Array.from({ length: 400 }, (_, i) => [i, `${i}`]) } }],
];

describe('jsonBytes gives the bytes JSON.stringify would', () => {
  it.each(answers)('%s', (_name, value) => {
    const expected = Buffer.from(JSON.stringify(value));
    const bytes = jsonBytes(value);
    expect(bytes.toString('utf8')).toBe(expected.toString('utf8'));
    expect(bytes.equals(expected)).toBe(true);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(expected.toString('utf8')));
  });
});
