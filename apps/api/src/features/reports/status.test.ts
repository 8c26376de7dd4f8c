import { DEMO_IDS } from '@gongfu/db';
import { addMonths } from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ADMIN, currentMonth, monthsAgo, REPORTER, reportApi, SOE, VENTURES, WANG } from './test-helpers';

let t: TestApp;
let api: ReturnType<typeof reportApi>;
const PAST = monthsAgo(6); // its deadline has passed
const NOW = currentMonth(); // its deadline is next month

beforeAll(async () => {
  t = await createTestApp();
  api = reportApi(t);
  // the past month: the market reports late, the station only drafts, the reading room nothing
  const late = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: PAST });
  await api.ok(REPORTER, late.id, 'submit');
  await api.created(WANG, { ventureId: VENTURES.serviceStation, month: PAST });
  // this month: the market on time, the reading room a draft, the station returned
  const onTime = await api.created(SOE, { ventureId: VENTURES.tidalMarket, month: NOW });
  await api.ok(SOE, onTime.id, 'submit');
  await api.created(WANG, { ventureId: VENTURES.readingRoom, month: NOW });
  const returned = await api.created(WANG, { ventureId: VENTURES.serviceStation, month: NOW });
  await api.ok(WANG, returned.id, 'submit');
  await api.ok(ADMIN, returned.id, 'return', { comment: '请补充服务人次' });
  // the micro park has closed: no report is expected of it
  await sql`update ventures set status = 'closed' where venture_id = ${VENTURES.microPark}`.execute(
    t.handle.db,
  );
});
afterAll(async () => t?.close());

const statusOf = async (as: string, month: string, headers: Record<string, string> = {}) => {
  const res = await t.request(`/api/v1/reports/status?month=${month}`, { as, headers });
  expect(res.status).toBe(200);
  const body = await res.json();
  return {
    body,
    byVenture: Object.fromEntries(
      body.items.map((i: { ventureId: string; status: string }) => [i.ventureId, i.status]),
    ) as Record<string, string>,
  };
};

describe('GET /reports/status', () => {
  it('a past month: late, missing (nothing, or only a draft), with the due date of the district', async () => {
    const { body, byVenture } = await statusOf(ADMIN, PAST);
    expect(body.dueDate).toBe(`${addMonths(PAST, 1)}-10`);
    expect(byVenture).toEqual({
      [VENTURES.tidalMarket]: 'late',
      [VENTURES.serviceStation]: 'missing',
      [VENTURES.readingRoom]: 'missing',
      [VENTURES.helpDesk]: 'missing',
      [VENTURES.microPark]: 'missing',
    });
    const station = body.items.find((i: { ventureId: string }) => i.ventureId === VENTURES.serviceStation);
    expect(station).toMatchObject({ reportStatus: 'draft', submittedAt: null, expected: true });
    const market = body.items.find((i: { ventureId: string }) => i.ventureId === VENTURES.tidalMarket);
    expect(market).toMatchObject({ reportStatus: 'submitted', dueDate: body.dueDate });
    expect(market.submittedAt).not.toBeNull();
    const park = body.items.find((i: { ventureId: string }) => i.ventureId === VENTURES.microPark);
    expect(park.expected).toBe(false);
  });

  it('this month: on time, draft, returned, not yet due', async () => {
    const { byVenture } = await statusOf(ADMIN, NOW);
    expect(byVenture).toEqual({
      [VENTURES.tidalMarket]: 'on_time',
      [VENTURES.readingRoom]: 'draft',
      [VENTURES.serviceStation]: 'returned',
      [VENTURES.helpDesk]: 'not_due',
      [VENTURES.microPark]: 'not_due',
    });
  });

  it('a returned report resubmitted keeps the time of its first submission', async () => {
    const list = await (
      await t.request(`/api/v1/reports?month=${NOW}&ventureId=${VENTURES.serviceStation}`, { as: WANG })
    ).json();
    const report = list.items[0];
    await api.ok(WANG, report.id, 'submit');
    const { body, byVenture } = await statusOf(WANG, NOW);
    expect(byVenture[VENTURES.serviceStation]).toBe('on_time');
    const row = body.items.find((i: { ventureId: string }) => i.ventureId === VENTURES.serviceStation);
    const detail = await (await api.get(WANG, report.id)).json();
    expect(row.submittedAt).toBe(detail.events.find((e: { action: string }) => e.action === 'submit').at);
    expect(detail.submittedAt).not.toBe(row.submittedAt); // the report itself shows the latest submission
  });

  it('each role sees the ventures in its scope only', async () => {
    expect(Object.keys((await statusOf(WANG, PAST)).byVenture).sort()).toEqual(
      [VENTURES.readingRoom, VENTURES.serviceStation].sort(),
    );
    expect(Object.keys((await statusOf(SOE, PAST)).byVenture)).toEqual([VENTURES.tidalMarket]);
    expect(Object.keys((await statusOf(REPORTER, PAST)).byVenture)).toEqual([VENTURES.tidalMarket]);
    expect(Object.keys((await statusOf('viewer@dongqu.demo', PAST)).byVenture)).toHaveLength(5);
    expect(Object.keys((await statusOf('admin@xiqu.demo', PAST)).byVenture)).toEqual([VENTURES.xiquCanteen]);
  });

  it('the due day is the district’s setting', async () => {
    await sql`update districts set report_due_day = 15 where district_id = ${DEMO_IDS.xiqu}`.execute(
      t.handle.db,
    );
    const { body } = await statusOf('admin@xiqu.demo', PAST);
    expect(body.dueDate).toBe(`${addMonths(PAST, 1)}-15`);
    expect(body.items[0]).toMatchObject({ status: 'missing', dueDate: `${addMonths(PAST, 1)}-15` });
  });

  it('refuses a malformed month (400), the platform (403) and no session (401)', async () => {
    const bad = await t.request('/api/v1/reports/status?month=2025-6', { as: ADMIN });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('month');
    expect((await t.request('/api/v1/reports/status', { as: ADMIN })).status).toBe(400);
    expect(
      (await t.request(`/api/v1/reports/status?month=${PAST}`, { as: 'platform@gongfu.demo' })).status,
    ).toBe(403);
    expect((await t.request(`/api/v1/reports/status?month=${PAST}`)).status).toBe(401);
  });
});
