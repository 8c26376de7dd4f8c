import { DEMO_IDS } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

/**
 * GET and PUT /kpis/targets (ADR 0017): who reads and writes which targets, field errors in both languages, versions,
 * all-or-nothing bulk edits with their audit rows, and another district's admin reaching nothing.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const YEAR = 2026;
const ADMIN = 'admin@dongqu.demo';

async function put(as: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await t.request('/api/v1/kpis/targets', {
    method: 'PUT',
    as,
    body: JSON.stringify(body),
    headers,
  });
  return { status: res.status, body: await res.json() };
}
async function list(as: string, year = YEAR) {
  const res = await t.request(`/api/v1/kpis/targets?year=${year}`, { as });
  return { status: res.status, body: await res.json() };
}
async function targetRows() {
  const r = await sql<{
    district_id: string;
    community_id: string | null;
    kpi: string;
    value: string;
    year: number;
  }>`
    select district_id, community_id, kpi, value::text, year from kpi_targets order by kpi, community_id nulls first`.execute(
    t.handle.db,
  );
  return r.rows;
}
async function auditCount() {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from audit_log where entity_type = 'kpi_target'`.execute(t.handle.db);
  return r.rows[0]?.n ?? 0;
}

describe('the district admin sets a year’s targets', () => {
  it('sets the district’s and a community’s at once, each with an audit row', async () => {
    const before = await auditCount();
    const { status, body } = await put(ADMIN, {
      year: YEAR,
      changes: [
        { communityId: null, kpi: 'operating_revenue', value: 12_000_000_00 },
        { communityId: DEMO_IDS.jinhui, kpi: 'operating_revenue', value: 3_000_000_00 },
        { communityId: DEMO_IDS.wangjiangjie, kpi: 'reporting_rate', value: 9500 },
        { communityId: null, kpi: 'fund_idle_ratio', value: 0 },
      ],
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.year).toBe(YEAR);
    expect(body.editable).toBe(true);
    expect(body.kpis.map((k: { key: string }) => k.key)).not.toContain('fund_balance');
    expect(body.kpis.find((k: { key: string }) => k.key === 'reporting_rate')).toMatchObject({
      kind: 'rate',
      unit: 'bp',
      min: 1,
      max: 10_000,
    });
    // by pinyin: 渡口, 金汇, 望江街 (the database's order by name puts 望 first)
    expect(body.communities.map((c: { communityId: string }) => c.communityId)).toEqual([
      DEMO_IDS.dukou,
      DEMO_IDS.jinhui,
      DEMO_IDS.wangjiangjie,
    ]);
    expect(body.targets).toHaveLength(4);
    expect(body.targets.every((x: { version: number }) => x.version === 1)).toBe(true);
    expect(await auditCount()).toBe(before + 4);
    const audit = await sql<{ action: string; community_id: string | null; after: unknown }>`
      select action, community_id, after from audit_log where entity_type = 'kpi_target' order by created_at desc, action limit 4`.execute(
      t.handle.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(Array(4).fill('kpi_target.set'));
    expect(audit.rows.map((r) => r.community_id)).toContain(DEMO_IDS.jinhui);
  });

  it('changes one with the version read, refuses a stale one (409), removes one with null', async () => {
    const { body } = await list(ADMIN);
    const revenue = body.targets.find(
      (x: { communityId: string | null; kpi: string }) =>
        x.communityId === null && x.kpi === 'operating_revenue',
    );
    const changed = await put(ADMIN, {
      year: YEAR,
      changes: [
        { communityId: null, kpi: 'operating_revenue', value: 13_000_000_00, version: revenue.version },
      ],
    });
    expect(changed.status).toBe(200);
    const after = changed.body.targets.find((x: { targetId: string }) => x.targetId === revenue.targetId);
    expect(after).toMatchObject({ value: 13_000_000_00, version: 2 });
    // the same version again: someone changed it since
    const stale = await put(ADMIN, {
      year: YEAR,
      changes: [{ communityId: null, kpi: 'operating_revenue', value: 1, version: 1 }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    // an existing target without a version is stale too (it was read as absent)
    expect(
      (await put(ADMIN, { year: YEAR, changes: [{ communityId: null, kpi: 'operating_revenue', value: 1 }] }))
        .status,
    ).toBe(409);
    const removed = await put(ADMIN, {
      year: YEAR,
      changes: [{ communityId: null, kpi: 'operating_revenue', value: null, version: 2 }],
    });
    expect(removed.status).toBe(200);
    expect(removed.body.targets.some((x: { targetId: string }) => x.targetId === revenue.targetId)).toBe(
      false,
    );
    const actions = await sql<{ action: string }>`
      select action from audit_log where entity_type = 'kpi_target' and entity_id = ${revenue.targetId} order by created_at`.execute(
      t.handle.db,
    );
    expect(actions.rows.map((r) => r.action)).toEqual([
      'kpi_target.set',
      'kpi_target.set',
      'kpi_target.remove',
    ]);
  });

  it('is all or nothing: a stale change in a bulk edit leaves the others unwritten', async () => {
    const rows = await targetRows();
    const audits = await auditCount();
    const { status } = await put(ADMIN, {
      year: YEAR,
      changes: [
        { communityId: DEMO_IDS.dukou, kpi: 'net_profit', value: 500_00 },
        { communityId: DEMO_IDS.jinhui, kpi: 'operating_revenue', value: 1, version: 99 },
      ],
    });
    expect(status).toBe(409);
    expect(await targetRows()).toEqual(rows);
    expect(await auditCount()).toBe(audits);
  });

  it('another year is apart', async () => {
    const { body } = await list(ADMIN, 2027);
    expect(body.targets).toEqual([]);
  });
});

describe('field errors name the field, in Chinese by default and in English on request', () => {
  const BAD = {
    year: YEAR,
    changes: [
      { communityId: null, kpi: 'reporting_rate', value: 10_001 },
      { communityId: null, kpi: 'fund_balance', value: 100 },
      { communityId: null, kpi: 'stable_jobs', value: 0 },
      { communityId: DEMO_IDS.dukou, kpi: 'net_profit', value: 100 },
      { communityId: DEMO_IDS.dukou, kpi: 'net_profit', value: 200 },
    ],
  };

  it('zh-CN', async () => {
    const { status, body } = await put(ADMIN, BAD);
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields).toEqual({
      'changes.0.value': expect.stringContaining('100%'),
      'changes.1.kpi': expect.stringContaining('不设目标'),
      'changes.2.value': expect.stringContaining('1 至 10 亿'),
      'changes.4.kpi': expect.stringContaining('两次'),
    });
  });

  it('en', async () => {
    const { body } = await put(ADMIN, BAD, { 'Accept-Language': 'en' });
    expect(body.error.fields['changes.0.value']).toMatch(/rate target/);
    expect(body.error.fields['changes.1.kpi']).toMatch(/takes no target/);
    expect(body.error.fields['changes.4.kpi']).toMatch(/twice/);
  });

  it('schema errors: an unknown KPI, a fraction, a year out of range, nothing to change', async () => {
    const { status, body } = await put(
      ADMIN,
      { year: 1999, changes: [{ communityId: null, kpi: 'happiness', value: 1.5 }] },
      { 'Accept-Language': 'en' },
    );
    expect(status).toBe(400);
    expect(Object.keys(body.error.fields).sort()).toEqual(['changes.0.kpi', 'changes.0.value', 'year']);
    expect((await put(ADMIN, { year: YEAR, changes: [] })).status).toBe(400);
    expect((await list(ADMIN, 99999)).status).toBe(400);
    const res = await t.request('/api/v1/kpis/targets', { as: ADMIN });
    expect(res.status).toBe(400);
  });
});

describe('who reads and who writes', () => {
  const WRITE = {
    year: YEAR,
    changes: [{ communityId: DEMO_IDS.jinhui, kpi: 'residents_served', value: 100 }],
  };

  it.each([
    ['viewer@dongqu.demo', 403],
    ['jinhui@dongqu.demo', 403],
    ['reporter@jinhui.demo', 403],
    ['soe@dongqu.demo', 403],
    ['platform@gongfu.demo', 403],
  ])('%s may not change a target (%i), and nothing is written', async (as, expected) => {
    const rows = await targetRows();
    expect((await put(as, WRITE)).status).toBe(expected);
    expect(await targetRows()).toEqual(rows);
  });

  it('the district viewer reads every target of the district, read only', async () => {
    const { status, body } = await list('viewer@dongqu.demo');
    expect(status).toBe(200);
    expect(body.editable).toBe(false);
    expect(body.targets.map((x: { communityId: string | null }) => x.communityId)).toContain(DEMO_IDS.jinhui);
  });

  it('a community admin reads its own community’s and the district’s targets, no other community’s', async () => {
    const { status, body } = await list('wangjiangjie@dongqu.demo');
    expect(status).toBe(200);
    expect(body.editable).toBe(false);
    expect(body.communities).toEqual([{ communityId: DEMO_IDS.wangjiangjie, name: expect.any(String) }]);
    const owners = new Set(body.targets.map((x: { communityId: string | null }) => x.communityId));
    expect(owners).toEqual(new Set([null, DEMO_IDS.wangjiangjie]));
  });

  it.each(['reporter@jinhui.demo', 'soe@dongqu.demo', 'platform@gongfu.demo'])(
    '%s reads none (403)',
    async (as) => {
      expect((await list(as)).status).toBe(403);
    },
  );
});

describe('last year’s actuals beside the targets', () => {
  type Actual = { communityId: string | null; kpi: string; value: number | null };
  const owners = (body: { lastYear: { actuals: Actual[] } }) =>
    new Set(body.lastYear.actuals.map((a) => a.communityId));

  it('the district reads its own and every community’s, one per KPI that takes a target', async () => {
    const { body } = await list(ADMIN);
    expect(body.lastYear.year).toBe(YEAR - 1);
    const communities = body.communities.map((c: { communityId: string }) => c.communityId);
    expect(owners(body)).toEqual(new Set([null, ...communities]));
    expect(body.lastYear.actuals).toHaveLength((communities.length + 1) * body.kpis.length);
    // a PUT answers with the same list, actuals included (the page shows its answer)
    const { body: put_ } = await put(ADMIN, {
      year: YEAR,
      changes: [{ communityId: DEMO_IDS.dukou, kpi: 'give_back', value: 100 }],
    });
    expect(put_.lastYear).toEqual(body.lastYear);
  });

  it('a community admin’s carry its own community’s only: neither the district’s nor another’s', async () => {
    const { body } = await list('wangjiangjie@dongqu.demo');
    expect(owners(body)).toEqual(new Set([DEMO_IDS.wangjiangjie]));
    expect(JSON.stringify(body.lastYear)).not.toContain(DEMO_IDS.jinhui);
  });

  it('another district’s admin gets its own communities’ only', async () => {
    const { body } = await list('admin@xiqu.demo');
    const mine = new Set([null, ...body.communities.map((c: { communityId: string }) => c.communityId)]);
    expect(owners(body)).toEqual(mine);
    for (const id of [DEMO_IDS.jinhui, DEMO_IDS.wangjiangjie, DEMO_IDS.dukou])
      expect(mine.has(id)).toBe(false);
  });

  it('a year with nothing before it: the list still works, amounts and counts are null', async () => {
    // the demo has no approved report before this year (2023 here): no revenue, no jobs, no give-back
    const { status, body } = await list(ADMIN, 2024);
    expect(status).toBe(200);
    expect(body.lastYear).toMatchObject({ year: 2023, through: '2023-12' });
    const amounts = body.lastYear.actuals.filter((a: Actual) =>
      ['operating_revenue', 'net_profit', 'stable_jobs', 'give_back'].includes(a.kpi),
    );
    expect(amounts.length).toBeGreaterThan(0);
    expect(amounts.every((a: Actual) => a.value === null)).toBe(true);
  });

  it('a year none of which is due yet: through null and every value null', async () => {
    const { status, body } = await list(ADMIN, 2100);
    expect(status).toBe(200);
    expect(body.lastYear.through).toBeNull();
    expect(body.lastYear.actuals.filter((a: Actual) => a.value !== null)).toEqual([]);
  });
});

describe('another district', () => {
  it('reads none of 东区’s targets and its own list is empty', async () => {
    const { status, body } = await list('admin@xiqu.demo');
    expect(status).toBe(200);
    expect(body.targets).toEqual([]);
    expect(body.communities.map((c: { communityId: string }) => c.communityId)).not.toContain(
      DEMO_IDS.jinhui,
    );
  });

  it('cannot set a target for a community of 东区 (404), and nothing is written', async () => {
    const rows = await targetRows();
    const { status } = await put('admin@xiqu.demo', {
      year: YEAR,
      changes: [{ communityId: DEMO_IDS.jinhui, kpi: 'operating_revenue', value: 1 }],
    });
    expect(status).toBe(404);
    expect(await targetRows()).toEqual(rows);
  });

  it('its district-wide target is its own, and 东区’s figures never meet it', async () => {
    expect(
      (
        await put('admin@xiqu.demo', {
          year: YEAR,
          changes: [{ communityId: null, kpi: 'net_profit', value: 7 }],
        })
      ).status,
    ).toBe(200);
    const rows = await targetRows();
    expect(rows.filter((r) => r.district_id === DEMO_IDS.xiqu)).toEqual([
      { district_id: DEMO_IDS.xiqu, community_id: null, kpi: 'net_profit', value: '7', year: YEAR },
    ]);
    const dongqu = await t.request('/api/v1/kpis/overview?period=year&month=2026-06', { as: ADMIN });
    const item = (await dongqu.json()).items.find((i: { key: string }) => i.key === 'net_profit');
    expect(item.target).toBeNull();
  });
});
