import { DEMO_IDS, deterministicId, seedDemoHistory } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ADMIN, monthsAgo, reportApi, WANG } from './test-helpers';

/**
 * 分配规则 history: who set each version (设置人). A rule is set by a district admin, a district official: named to
 * the district's roles, never to a community (as the review queue's reviewer), whose row keeps only the id it had.
 */
let t: TestApp;
let api: ReturnType<typeof reportApi>;
beforeAll(async () => {
  t = await createTestApp();
  // the demo's history: its rules, some set before the district came onto the platform
  await seedDemoHistory(t.handle.db, { communities: 4 });
  api = reportApi(t);
});
afterAll(async () => t?.close());

type Rule = {
  id: string;
  communityId: string;
  effectiveFrom: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
};
const rulesOf = async (as: string, communityId: string = DEMO_IDS.wangjiangjie) => {
  const res = await t.request(`/api/v1/distribution-rules?communityId=${communityId}`, { as });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Rule[] }).items;
};

describe('the distribution rules’ setter', () => {
  it('is named to the district (on the list and the created rule), never to the community', async () => {
    const { rows } = await sql<{ display_name: string }>`
      select display_name from users where user_id = ${deterministicId(`user:${ADMIN}`)}`.execute(
      t.handle.db,
    );
    const name = rows[0]?.display_name;
    expect(name).toBeTruthy();

    const res = await api.post('/api/v1/distribution-rules', ADMIN, {
      communityId: DEMO_IDS.wangjiangjie,
      effectiveFrom: monthsAgo(3),
      governanceFundBp: 4000,
      reserveBp: 5000,
      otherBp: 1000,
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Rule;
    expect(created).toMatchObject({ createdBy: deterministicId(`user:${ADMIN}`), createdByName: name });

    for (const email of [ADMIN, 'viewer@dongqu.demo']) {
      expect((await rulesOf(email)).find((r) => r.id === created.id)).toMatchObject({ createdByName: name });
    }
    const own = (await rulesOf(WANG)).find((r) => r.id === created.id);
    expect(own).toMatchObject({ createdBy: created.createdBy, createdByName: null });

    // the audit entry keeps the rule as it was stored: no name copied into it
    const audit = await sql<{ after: Record<string, unknown> }>`
      select after from audit_log where entity_id = ${created.id}`.execute(t.handle.db);
    expect(audit.rows[0]?.after).not.toHaveProperty('createdByName');
  });

  it('of a demo rule set before the district came onto the platform is nobody (上线前已设定), not today’s admin', async () => {
    const { rows } = await sql<{ month: string }>`
      select reporting_start_month as month from districts where district_id = ${DEMO_IDS.dongqu}`.execute(
      t.handle.db,
    );
    const onPlatformFrom = rows[0]?.month;
    expect(onPlatformFrom).toMatch(/^\d{4}-\d{2}$/);
    const admin = deterministicId(`user:${ADMIN}`);
    const setIn = (r: Rule) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
        .format(new Date(r.createdAt))
        .slice(0, 7);

    // 渡口: its 2022 rule was carried over; its 2026 one a district admin set on the platform
    const dukou = await rulesOf(ADMIN, DEMO_IDS.dukou);
    expect(dukou.find((r) => r.effectiveFrom === '2022-01')).toMatchObject({
      createdBy: null,
      createdByName: null,
    });
    expect(dukou.find((r) => r.effectiveFrom === '2026-01')).toMatchObject({ createdBy: admin });
    expect(dukou.find((r) => r.effectiveFrom === '2026-01')?.createdByName).toBeTruthy();

    // every seeded rule of the district, the generated communities' too: a setter only from the platform's start
    const res = await t.request('/api/v1/distribution-rules', { as: ADMIN });
    const all = ((await res.json()) as { items: Rule[] }).items;
    const before = all.filter((r) => setIn(r) < (onPlatformFrom as string));
    const after = all.filter((r) => setIn(r) >= (onPlatformFrom as string));
    expect(before.length).toBeGreaterThan(1);
    expect(after.length).toBeGreaterThan(1);
    for (const r of before) expect(r).toMatchObject({ createdBy: null, createdByName: null });
    for (const r of after) expect(r.createdBy).toBe(admin);
  });
});
