/**
 * The cockpit's opening month (`GET /kpis/latest-month`) on both sides of the district's due day: the data date is
 * last month once its reports are due, the month before until then, and the newest approved month said beside it is
 * never after the data date — a report of last month approved early does not count before the due day. The newest
 * approved months are read for both possible data dates together with the due day (issue 14), so each side picks
 * its own; another district's approvals are never in them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  ADMIN,
  currentMonth,
  monthsAgo,
  reportApi,
  VENTURES,
  WANG,
  XIQU_ADMIN,
  XIQU_COMMUNITY,
} from '../reports/test-helpers';

let t: TestApp;
let api: ReturnType<typeof reportApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = reportApi(t);
});
afterAll(async () => t?.close());
afterEach(() => vi.restoreAllMocks());

/** the business clock on a day of this month, noon in Shanghai (the demo districts' reports are due on the 10th) */
const onDay = (day: number) =>
  vi
    .spyOn(clock, 'now')
    .mockReturnValue(new Date(`${currentMonth()}-${String(day).padStart(2, '0')}T12:00:00+08:00`));

async function latestMonth(as: string) {
  const res = await t.request('/api/v1/kpis/latest-month', { as });
  expect(res.status).toBe(200);
  return (await res.json()) as { month: string; dataDate: string; latestApprovedMonth: string | null };
}

describe('the latest month on both sides of the due day', () => {
  it('opens on the month before last until the due day, on last month after it, approved months never ahead', async () => {
    const last = monthsAgo(1);
    const beforeLast = monthsAgo(2);

    onDay(11);
    const after = await latestMonth(ADMIN);
    expect(after.dataDate).toBe(last);
    // the demo has nothing approved for last month in 东区 yet
    expect(after.latestApprovedMonth === null || after.latestApprovedMonth < last).toBe(true);

    // another district approving last month changes nothing here
    await api.approved(XIQU_COMMUNITY, XIQU_ADMIN, VENTURES.xiquCanteen, last);
    expect(await latestMonth(ADMIN)).toEqual(after);
    vi.restoreAllMocks();

    onDay(5);
    const early = await latestMonth(ADMIN);
    expect(early).toMatchObject({ month: beforeLast, dataDate: beforeLast });
    expect(early.latestApprovedMonth === null || early.latestApprovedMonth <= beforeLast).toBe(true);

    // one of 东区's reports for last month approved before its due day: not yet the cockpit's month
    await api.approved(WANG, ADMIN, VENTURES.readingRoom, last);
    expect(await latestMonth(ADMIN)).toEqual(early);
    vi.restoreAllMocks();

    onDay(11);
    expect(await latestMonth(ADMIN)).toEqual({ month: last, dataDate: last, latestApprovedMonth: last });
    // …and 西区's own cockpit has its own approval of last month
    expect((await latestMonth(XIQU_ADMIN)).latestApprovedMonth).toBe(last);
  });
});
