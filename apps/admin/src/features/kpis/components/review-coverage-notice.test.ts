import type { ReportingMatrix } from '@gongfu/contract';
import { describe, expect, it } from 'vitest';
import { awaitingReviewOf, coverageOf, incompleteOf, pendingMonthsOf } from './review-coverage-notice';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

type Cell = ReportingMatrix['cells'][number];
const cell = (
  communityId: string,
  month: string,
  counts: Pick<Cell, 'expected' | 'received' | 'approved'>,
): Cell => ({
  communityId,
  month,
  state: 'on_time',
  receivedOnTime: counts.received,
  wasReturned: 0,
  onTime: counts.received,
  late: 0,
  missing: counts.expected - counts.received,
  returned: 0,
  notDue: 0,
  ...counts,
});

const matrix = (cells: Cell[]): ReportingMatrix => ({
  from: '2026-09',
  to: '2026-10',
  dataDate: '2026-11-11',
  dueDay: 10,
  months: ['2026-09', '2026-10'],
  communities: [
    { communityId: A, name: '望江街社区' },
    { communityId: B, name: '金汇社区' },
  ],
  cells,
});

describe('what a reporting matrix says of its review', () => {
  // September: all approved. October: A has one of two approved, B nothing due
  const m = matrix([
    cell(A, '2026-09', { expected: 2, received: 2, approved: 2 }),
    cell(B, '2026-09', { expected: 1, received: 1, approved: 1 }),
    cell(A, '2026-10', { expected: 2, received: 1, approved: 1 }),
    cell(B, '2026-10', { expected: 0, received: 0, approved: 0 }),
  ]);

  it('sums the due, received and approved reports, pending while fewer are approved', () => {
    expect(coverageOf(m)).toEqual({ expected: 5, received: 4, approved: 4, pending: true });
    expect(coverageOf(matrix([cell(A, '2026-09', { expected: 1, received: 1, approved: 1 })])).pending).toBe(
      false,
    );
    // nothing due is nothing pending
    expect(coverageOf(matrix([])).pending).toBe(false);
  });

  it('names the months still in review and the communities whose figure is not final', () => {
    expect([...pendingMonthsOf(m)]).toEqual(['2026-10']);
    expect(incompleteOf(m)).toEqual(new Map([[A, { approved: 3, expected: 4 }]]));
  });

  it('names the communities with a report received and not yet reviewed; a missing or returned one is not that', () => {
    // A's October: one missing, nothing awaiting review
    expect([...awaitingReviewOf(m)]).toEqual([]);
    const waiting = matrix([
      cell(A, '2026-10', { expected: 2, received: 2, approved: 1 }),
      { ...cell(B, '2026-10', { expected: 1, received: 1, approved: 0 }), returned: 1, onTime: 0 },
    ]);
    expect([...awaitingReviewOf(waiting)]).toEqual([A]);
  });
});
