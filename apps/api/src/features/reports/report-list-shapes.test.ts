/**
 * The reports list's statements are compiled once per shape and bound per request (repositories/reports.ts,
 * compiled.ts `compiledPerShape`, ADR 0033): requests of one shape in a row, each with other values, must each get
 * their own answer. On the demo district with its history.
 */
import { seedDemoHistory } from '@gongfu/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ADMIN } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoHistory(t.handle.db);
});
afterAll(async () => t?.close());

it('one shape, other values: each request answers its own community, month and page', async () => {
  type Item = { id: string; communityId: string; month: string };
  const listOf = async (path: string) =>
    (await (await t.request(path, { as: ADMIN })).json()) as { items: Item[]; total: number };
  const all = (await listOf('/api/v1/reports?pageSize=100')).items;
  const communities = [...new Set(all.map((r) => r.communityId))];
  const months = [...new Set(all.map((r) => r.month))];
  expect(communities.length).toBeGreaterThanOrEqual(2);
  expect(months.length).toBeGreaterThanOrEqual(2);
  for (const community of [...communities, communities[0]]) {
    const list = await listOf(`/api/v1/reports?pageSize=100&communityId=${community}`);
    expect(list.items.length).toBeGreaterThan(0);
    for (const r of list.items) expect(r.communityId).toBe(community);
  }
  for (const month of [...months, months[0]]) {
    const list = await listOf(`/api/v1/reports?pageSize=100&month=${month}`);
    expect(list.items.length).toBeGreaterThan(0);
    for (const r of list.items) expect(r.month).toBe(month);
  }
  // pages 2 and 3 share a shape (page 1's offset, 0, is a shape of its own): each is its own slice of the order
  const byOne = await Promise.all(
    [2, 3].map((n) => listOf(`/api/v1/reports?pageSize=1&page=${n}&sort=-month`)),
  );
  const ordered = (await listOf('/api/v1/reports?pageSize=100&sort=-month')).items;
  expect(byOne.map((page) => page.items[0]?.id)).toEqual([ordered[1]?.id, ordered[2]?.id]);
});
