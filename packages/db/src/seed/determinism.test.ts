import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connect';
import { createTestDatabase } from '../testing';
import { tableChecksums } from './checksum';
import { seedDemo } from './demo';
import { seedDemoHistory } from './history';

const handles: DatabaseHandle[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
});

async function seeded(seed?: number) {
  const handle = await createTestDatabase();
  handles.push(handle);
  await seedDemo(handle.db, { hashPassword: async () => 'not-a-real-hash' });
  const history = await seedDemoHistory(handle.db, seed === undefined ? {} : { seed });
  console.info(`seedDemoHistory on ${handle.kind}: ${history.ms} ms`, history.generated);
  return tableChecksums(handle.db);
}

describe('the demo seed is deterministic', () => {
  // two whole demo seeds: 20–33 s on an idle machine, 115 s seen on a loaded CI machine
  it('same seed → same data: two fresh databases hold the same rows', { timeout: 480_000 }, async () => {
    const first = await seeded();
    const second = await seeded();
    expect(second).toEqual(first);
    expect(first.monthly_reports?.rows).toBeGreaterThan(1_000);
    expect(first.ledger_entries?.rows).toBeGreaterThan(1_000);
  });
});
