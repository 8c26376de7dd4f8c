/**
 * A district's own warning thresholds (district settings) decide what the refresh raises, on the demo's real
 * history: a lower revenue-fall step raises falls the default ignores, a later red step for overdue reports keeps
 * them amber until it is lowered again, and another district's settings change nothing here.
 */
import { DEMO_IDS, seedDemoHistory } from '@gongfu/db';
import { daysBetween, type LocalDate, type Month, reportDueDate, WARNING_THRESHOLDS } from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
const ADMIN = 'admin@dongqu.demo';
const AS_OF = '2026-11-28';

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoHistory(t.handle.db);
});
afterAll(async () => t?.close());

async function setThresholds(as: string, thresholds: Record<string, number>) {
  const current = await (await t.request('/api/v1/district/settings', { as })).json();
  const res = await t.request('/api/v1/district/settings', {
    method: 'PATCH',
    as,
    body: JSON.stringify({ version: current.version, warningThresholds: thresholds }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function refresh() {
  const res = await t.request('/api/v1/warnings/refresh', {
    method: 'POST',
    as: ADMIN,
    body: JSON.stringify({ asOf: AS_OF }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { created: number; escalated: number };
}

async function stored(kind: string) {
  const r = await sql<{ severity: string; period: string; detail: Record<string, unknown> }>`
    select severity, period, detail from warnings where district_id = ${DEMO_IDS.dongqu} and kind = ${kind}`.execute(
    t.handle.db,
  );
  return r.rows;
}

/** The fall in basis points of a revenue-drop warning, from its own facts. */
const fallBp = (detail: Record<string, unknown>) => {
  const previous = Number(detail.previousRevenueFen);
  return ((previous - Number(detail.revenueFen)) * 10_000) / previous;
};
const daysOverdue = (w: { period: string; detail: Record<string, unknown> }) =>
  daysBetween(reportDueDate(w.period as Month, Number(w.detail.dueDay)), AS_OF as LocalDate);

describe('the district’s thresholds decide what fires', () => {
  it('another district’s thresholds change nothing here; then a red step of 60 days keeps overdue reports amber until the 60th day', async () => {
    await setThresholds('admin@xiqu.demo', {
      reportOverdueRedDays: 1,
      revenueDropBp: 1,
      revenueDropRedBp: 1,
    });
    await setThresholds(ADMIN, { reportOverdueRedDays: 60 });
    await refresh();
    const overdue = await stored('report_overdue');
    expect(overdue.length).toBeGreaterThan(0);
    for (const w of overdue) expect(w.severity).toBe(daysOverdue(w) > 60 ? 'red' : 'amber');
    // some are amber that the default 15 days would have made red
    expect(overdue.some((w) => w.severity === 'amber' && daysOverdue(w) > 15)).toBe(true);
    for (const w of await stored('revenue_drop')) {
      expect(fallBp(w.detail)).toBeGreaterThan(WARNING_THRESHOLDS.revenueDropBp);
    }
  });

  it('back at 15 days, the next refresh escalates them', async () => {
    await setThresholds(ADMIN, { reportOverdueRedDays: WARNING_THRESHOLDS.reportOverdueRedDays });
    const result = await refresh();
    expect(result.escalated).toBeGreaterThan(0);
    for (const w of await stored('report_overdue'))
      expect(w.severity).toBe(daysOverdue(w) > 15 ? 'red' : 'amber');
  });

  it('a revenue fall of more than 10 % is a warning once the district says so, and red at 20 %', async () => {
    const before = await stored('revenue_drop');
    await setThresholds(ADMIN, { revenueDropBp: 1000, revenueDropRedBp: 2000 });
    const result = await refresh();
    expect(result.created).toBeGreaterThan(0);
    const after = await stored('revenue_drop');
    expect(after.length).toBeGreaterThan(before.length);
    for (const w of after) expect(fallBp(w.detail)).toBeGreaterThan(1000);
    // the new ones: falls the default (30 %) would not have raised
    expect(after.some((w) => fallBp(w.detail) <= WARNING_THRESHOLDS.revenueDropBp)).toBe(true);
    for (const w of after) expect(w.severity).toBe(fallBp(w.detail) > 2000 ? 'red' : 'amber');
  });
});
