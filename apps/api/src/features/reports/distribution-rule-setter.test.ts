import { DEMO_IDS, deterministicId } from '@gongfu/db';
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
  api = reportApi(t);
});
afterAll(async () => t?.close());

type Rule = { id: string; createdBy: string | null; createdByName: string | null };
const rulesOf = async (as: string) => {
  const res = await t.request(`/api/v1/distribution-rules?communityId=${DEMO_IDS.wangjiangjie}`, { as });
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
});
