/**
 * Migration 2026-12-13T1000 dates the warnings stored before it from what each row kept (ADR 0040, "How long a
 * warning has held"): rows written without the column are brought back by running the migration's down and up.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import { down, up } from './migrations/2026-12-13T1000-warning-condition-since';
import type { Database } from './schema';
import { DEMO_IDS, seedDemo } from './seed/demo';
import { deterministicId } from './seed/deterministic-id';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
let db: Kysely<Database>;

const D = DEMO_IDS.dongqu;
const row = (kind: string, subjectId: string, period: string, detail: Record<string, unknown> = {}) =>
  sql`(${D}::uuid, ${DEMO_IDS.jinhui}::uuid, ${kind}, 'amber', 'venture', ${subjectId}::uuid, ${period},
       cast(${JSON.stringify(detail)} as text)::jsonb, '2026-12-07T02:00:00Z'::timestamptz)`;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db, { hashPassword: async () => 'not-a-real-hash' });
  await sql`delete from warnings`.execute(db);
  await down(db as Kysely<unknown>);
  await sql`update operator_agreements set starts_on = '2026-01-01', ends_on = '2026-12-20'
             where agreement_id = ${DEMO_IDS.tidalMarketAgreement}`.execute(db);
  await sql`update operator_agreements set starts_on = '2026-11-01', ends_on = '2026-12-31'
             where agreement_id = ${DEMO_IDS.microParkAgreement}`.execute(db);
  await sql`insert into warnings
              (district_id, community_id, kind, severity, subject_type, subject_id, period, detail, detected_at)
            values ${sql.join([
              row('report_overdue', DEMO_IDS.tidalMarket, '2026-10', { dueDay: 10 }),
              // no due day in its detail: the district's (the demo's, 10)
              row('report_overdue', DEMO_IDS.readingRoom, '2026-09'),
              row('fund_idle', deterministicId('test:fund'), '2024-11'),
              row('revenue_drop', DEMO_IDS.tidalMarket, '2026-02'),
              row('remittance_below_minimum', DEMO_IDS.tidalMarket, '2026-09'),
              row('pledge_overdue', deterministicId('test:pledge'), '2026-10-31'),
              row('agreement_expiring', DEMO_IDS.tidalMarketAgreement, '2026-12-20'),
              row('agreement_expiring', DEMO_IDS.microParkAgreement, '2026-12-31'),
              row('some_future_rule', deterministicId('test:other'), 'whatever'),
            ])}`.execute(db);
  await up(db as Kysely<unknown>);
});
afterAll(async () => handle?.close());

describe('the warnings stored before condition_since', () => {
  it('are dated from the day each condition began, as the check dates new ones', async () => {
    const rows = await sql<{ kind: string; subject_id: string; since: string }>`
      select kind, subject_id, condition_since::text as since from warnings`.execute(db);
    const since = (kind: string, subject: string) =>
      rows.rows.find((r) => r.kind === kind && r.subject_id === subject)?.since;
    expect(since('report_overdue', DEMO_IDS.tidalMarket)).toBe('2026-11-10');
    expect(since('report_overdue', DEMO_IDS.readingRoom)).toBe('2026-10-10');
    expect(since('fund_idle', deterministicId('test:fund'))).toBe('2024-11-30');
    expect(since('revenue_drop', DEMO_IDS.tidalMarket)).toBe('2026-02-28');
    expect(since('remittance_below_minimum', DEMO_IDS.tidalMarket)).toBe('2026-09-30');
    expect(since('pledge_overdue', deterministicId('test:pledge'))).toBe('2026-10-31');
    // within the district's 90 days from 2026-09-21; the short one from its first day
    expect(since('agreement_expiring', DEMO_IDS.tidalMarketAgreement)).toBe('2026-09-21');
    expect(since('agreement_expiring', DEMO_IDS.microParkAgreement)).toBe('2026-11-01');
    // a kind it does not know keeps the day it was found (Shanghai)
    expect(since('some_future_rule', deterministicId('test:other'))).toBe('2026-12-07');
    expect(rows.rows).toHaveLength(9);
  });

  it('is never empty: NOT NULL after the backfill', async () => {
    const column = await sql<{ is_nullable: string }>`
      select is_nullable from information_schema.columns
       where table_name = 'warnings' and column_name = 'condition_since'`.execute(db);
    expect(column.rows).toEqual([{ is_nullable: 'NO' }]);
  });
});
