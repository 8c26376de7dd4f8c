import {
  DEMO_IDS,
  deterministicId,
  reports,
  type ScopedTransaction,
  withTenantTransaction,
} from '@gongfu/db';
import { addMonths } from '@gongfu/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  ADMIN,
  currentMonth,
  monthsAgo,
  REPORTER,
  reportApi,
  SOE,
  USUAL_FIGURES,
  VENTURES,
  WANG,
} from './test-helpers';

/**
 * What the review queue and drawer show beside a report: the due date and whether it came late (by its first
 * submission), who reviewed it, and the venture's earlier months still unapproved — in scope only.
 */
let t: TestApp;
let api: ReturnType<typeof reportApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = reportApi(t);
});
afterAll(async () => t?.close());

type Item = {
  id: string;
  dueDate: string;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  timeliness: 'on_time' | 'late' | null;
  reviewedByName: string | null;
};
const listOf = async (as: string, query: string) => {
  const res = await t.request(`/api/v1/reports?${query}`, { as });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
};
const detailOf = async (as: string, id: string) => {
  const res = await api.get(as, id);
  expect(res.status).toBe(200);
  return res.json();
};

describe('the queue’s rows', () => {
  it('carry the due date and timeliness by the first submission; a resubmission does not make it late', async () => {
    const past = monthsAgo(5);
    const late = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: past });
    await api.ok(REPORTER, late.id, 'submit');
    const first = (await listOf(ADMIN, `month=${past}&ventureId=${VENTURES.tidalMarket}`))[0];
    expect(first).toMatchObject({ id: late.id, dueDate: `${addMonths(past, 1)}-10`, timeliness: 'late' });
    // the submit event's time (the database's clock): within a second of the row's submittedAt
    const gap = Date.parse(first?.firstSubmittedAt ?? '') - Date.parse(first?.submittedAt ?? '');
    expect(Math.abs(gap)).toBeLessThan(1000);

    await api.ok(ADMIN, late.id, 'return', { comment: '请核对' });
    await api.ok(REPORTER, late.id, 'submit');
    const again = (await listOf(ADMIN, `month=${past}&ventureId=${VENTURES.tidalMarket}`))[0];
    // the queue's wait counts from the resubmission; timeliness still from the first submission
    expect(again?.firstSubmittedAt).toBe(first?.firstSubmittedAt);
    expect(again?.submittedAt).not.toBe(first?.submittedAt);

    const now = currentMonth();
    const onTime = await api.created(SOE, { ventureId: VENTURES.tidalMarket, month: now });
    const unsent = (await listOf(ADMIN, `month=${now}&ventureId=${VENTURES.tidalMarket}`))[0];
    expect(unsent).toMatchObject({ timeliness: null, firstSubmittedAt: null });
    await api.ok(SOE, onTime.id, 'submit');
    expect((await listOf(ADMIN, `month=${now}&ventureId=${VENTURES.tidalMarket}`))[0]).toMatchObject({
      timeliness: 'on_time',
      dueDate: `${addMonths(now, 1)}-10`,
    });
    // the first submission comes from the venture-month roll-up, which each scope reads under its own RLS: the
    // community and the operator see the same facts as the district
    const [districtRow] = await listOf(ADMIN, `month=${past}&ventureId=${VENTURES.tidalMarket}`);
    for (const who of [REPORTER, SOE]) {
      expect((await listOf(who, `month=${past}&ventureId=${VENTURES.tidalMarket}`))[0]).toMatchObject({
        id: late.id,
        timeliness: 'late',
        firstSubmittedAt: districtRow?.firstSubmittedAt,
      });
    }
  });

  it('follow the district’s due day', async () => {
    const month = monthsAgo(7);
    await sql`update districts set report_due_day = 20 where district_id = ${DEMO_IDS.dongqu}`.execute(
      t.handle.db,
    );
    try {
      await api.created(WANG, { ventureId: VENTURES.readingRoom, month });
      const [row] = await listOf(ADMIN, `month=${month}&ventureId=${VENTURES.readingRoom}`);
      expect(row?.dueDate).toBe(`${addMonths(month, 1)}-20`);
    } finally {
      await sql`update districts set report_due_day = 10 where district_id = ${DEMO_IDS.dongqu}`.execute(
        t.handle.db,
      );
    }
  });

  it('name the reviewer to the district, never to the community or the operator', async () => {
    const month = monthsAgo(9);
    const id = await api.approved(REPORTER, ADMIN, VENTURES.tidalMarket, month);
    const { rows } = await sql<{ display_name: string }>`
      select display_name from users where user_id = ${deterministicId(`user:${ADMIN}`)}`.execute(
      t.handle.db,
    );
    const query = `month=${month}&ventureId=${VENTURES.tidalMarket}&status=approved`;
    expect((await listOf(ADMIN, query))[0]).toMatchObject({ id, reviewedByName: rows[0]?.display_name });
    expect(rows[0]?.display_name).toBeTruthy();
    expect((await listOf(REPORTER, query))[0]).toMatchObject({ id, reviewedByName: null });
    expect((await listOf(SOE, query))[0]).toMatchObject({ id, reviewedByName: null });
  });
});

describe('the drawer: earlier months not yet approved', () => {
  const [waiting, returned, approved, current] = [monthsAgo(14), monthsAgo(13), monthsAgo(12), monthsAgo(11)];
  let reviewed: string;
  let waitingId: string;
  let returnedId: string;

  beforeAll(async () => {
    // the service station: one month waiting, one returned, one approved with a correction awaiting review
    const a = await api.created(WANG, { ventureId: VENTURES.serviceStation, month: waiting });
    await api.ok(WANG, a.id, 'submit');
    waitingId = a.id;
    const b = await api.created(WANG, { ventureId: VENTURES.serviceStation, month: returned });
    await api.ok(WANG, b.id, 'submit');
    await api.ok(ADMIN, b.id, 'return', { comment: '请补充' });
    returnedId = b.id;
    const c = await api.approved(WANG, ADMIN, VENTURES.serviceStation, approved);
    const amendment = await api.ok(WANG, c, 'amend', { comment: '收入漏记' });
    await api.ok(WANG, amendment.id, 'submit');
    const d = await api.created(WANG, {
      ventureId: VENTURES.serviceStation,
      month: current,
      ...USUAL_FIGURES,
    });
    await api.ok(WANG, d.id, 'submit');
    reviewed = d.id;
    // another community's venture, waiting in an earlier month
    const other = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: waiting });
    await api.ok(REPORTER, other.id, 'submit');
  });

  it('lists the venture’s earlier months awaiting review or returned, oldest first; an approved month is not one', async () => {
    const detail = await detailOf(ADMIN, reviewed);
    expect(detail.earlierUnapproved).toEqual([
      { month: waiting, reportId: waitingId, status: 'submitted' },
      { month: returned, reportId: returnedId, status: 'returned' },
    ]);
    // the community's own clerk reads the same
    expect((await detailOf(WANG, reviewed)).earlierUnapproved).toHaveLength(2);
    // the oldest has none before it
    expect((await detailOf(ADMIN, waitingId)).earlierUnapproved).toEqual([]);
  });

  it('a write’s answer goes without it (the drawer reads it)', async () => {
    const draft = await api.created(WANG, { ventureId: VENTURES.serviceStation, month: monthsAgo(10) });
    expect(draft).not.toHaveProperty('earlierUnapproved');
  });

  it('never names another community’s reports: the API’s filter and RLS each hold alone', async () => {
    // Jinhui's market has its own earlier month waiting: its later report lists it, Wangjiangjie's does not
    const market = await api.created(REPORTER, { ventureId: VENTURES.tidalMarket, month: returned });
    expect(
      (await detailOf(ADMIN, market.id)).earlierUnapproved.map((r: { month: string }) => r.month),
    ).toEqual([waiting]);
    const station = await detailOf(ADMIN, reviewed);
    expect(station.earlierUnapproved.every((r: { reportId: string }) => r.reportId !== market.id)).toBe(true);

    const args = { reportId: reviewed, ventureId: VENTURES.serviceStation, month: current, earlier: true };
    // RLS alone: Jinhui's scope in the database, no community in the explicit filter
    const jinhui = await withTenantTransaction(
      t.handle.db,
      {
        kind: 'community',
        userId: deterministicId(`user:${REPORTER}`),
        districtId: DEMO_IDS.dongqu,
        communityId: DEMO_IDS.jinhui,
      },
      (trx) => reports.detailParts(trx, { districtId: DEMO_IDS.dongqu }, args),
    );
    expect(jinhui.earlier).toEqual([]);
    expect(jinhui.events).toEqual([]);
    // the explicit filter alone: the owner's connection (RLS aside), Jinhui's scope in the filter
    const filtered = await t.handle.db
      .transaction()
      .execute((trx) =>
        reports.detailParts(
          trx as unknown as ScopedTransaction,
          { districtId: DEMO_IDS.dongqu, communityId: DEMO_IDS.jinhui },
          args,
        ),
      );
    expect(filtered.earlier).toEqual([]);
    // and the same owner's read with Wangjiangjie's scope finds them: the filter is what kept them out
    const own = await t.handle.db
      .transaction()
      .execute((trx) =>
        reports.detailParts(
          trx as unknown as ScopedTransaction,
          { districtId: DEMO_IDS.dongqu, communityId: DEMO_IDS.wangjiangjie },
          args,
        ),
      );
    expect(own.earlier.map((r) => r.report_id)).toEqual([waitingId, returnedId]);
  });
});
