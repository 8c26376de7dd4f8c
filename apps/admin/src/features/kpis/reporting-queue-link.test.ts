import { describe, expect, it } from 'vitest';
import { queueSearchFor } from './components/reporting-panel';

const cell = {
  communityId: '33333333-3333-4333-8333-000000000002',
  month: '2026-10',
  expected: 3,
  received: 3,
  receivedOnTime: 3,
  approved: 3,
  onTime: 3,
  late: 0,
  missing: 0,
  returned: 0,
  wasReturned: 0,
  notDue: 0,
} as const;

describe('a reporting-matrix cell opens the review queue', () => {
  it('on its community and month, on the tab its state calls for', () => {
    expect(queueSearchFor({ ...cell, state: 'missing' })).toEqual({
      tab: 'missing',
      communityId: cell.communityId,
      month: '2026-10',
    });
    expect(queueSearchFor({ ...cell, state: 'returned' }).tab).toBe('returned');
    expect(queueSearchFor({ ...cell, state: 'late', approved: 2 }).tab).toBe('submitted');
    expect(queueSearchFor({ ...cell, state: 'on_time' }).tab).toBe('approved');
  });
});
