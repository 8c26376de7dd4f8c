/**
 * The load script (scripts/load.ts, issue 13) in a short run, so CI exercises it: 20 concurrent logins and a
 * 5-second soak of the cockpit, the scoped lists and the public board against the server in its own process.
 * Correctness only — every answer expected (200, or 304 to If-None-Match), no 5xx, /api/health answered
 * throughout; no time is asserted (the full run's figures are in docs/benchmarks.md, "Load").
 */
import { expect, it } from 'vitest';
import { runLoad } from './scripts/load';

it(`a short load: 20 logins at once and a 5 s soak, 0 errors and 0 5xx (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, async () => {
  const result = await runLoad({
    durationS: 5,
    logins: 20,
    connections: 2,
    history: false,
    fromSource: true,
    databaseUrl: process.env.DATABASE_URL || undefined,
  });
  expect(result.logins.statuses).toEqual({ '200': 20 });
  for (const group of result.soak) {
    expect(group.requests, group.name).toBeGreaterThan(0);
    expect(group.errors, `${group.name}: ${JSON.stringify(group.statuses)}`).toBe(0);
  }
  // the board was revalidated: some answers were 304 without a body
  expect(result.soak.at(-1)?.statuses['304']).toBeGreaterThan(0);
  expect(result.serverErrors).toBe(0);
  expect(result.errors).toBe(0);
  expect(result.health.failed).toBe(0);
  expect(result.health.samples).toBeGreaterThan(0);
  expect(result.memory.length).toBeGreaterThanOrEqual(2);
}, 300_000);
