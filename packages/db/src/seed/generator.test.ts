import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connect';
import { withTenantTransaction } from '../tenant';
import { createTestDatabase } from '../testing';
import { seedDemo } from './demo';
import {
  type DistrictFrame,
  type DistrictRows,
  demoFrame,
  districtRows,
  GENERATED_TABLES,
  generate,
  generatedDistrictRngs,
  generatedFrame,
  PRESETS,
  seedGeneratedCommunities,
} from './generator';
import { Rng } from './prng';

const handles: DatabaseHandle[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A district's rows with what the frame decides taken out: the frame's own ids, names, codes, logins and
 * password as placeholders, every other id as the order in which it first appears. What is left is what
 * the generator decided: figures, statuses, dates, shares, amounts, and which row points at which.
 */
function generated(frame: DistrictFrame, rows: DistrictRows) {
  const exact = new Map<string, string>([
    [frame.districtId, '<district>'],
    [frame.adminUserId, '<district-admin>'],
    [frame.passwordHash, '<password>'],
  ]);
  const within: [string, string][] = [];
  frame.streets.forEach((s, i) => {
    exact.set(s.id, `<street:${i}>`);
    within.push([s.name, `<street-name:${i}>`]);
  });
  for (const [role, p] of Object.entries(frame.partners)) {
    exact.set(p.id, `<partner:${role}>`);
    within.push([p.name, `<partner-name:${role}>`]);
  }
  within.push([`@${frame.emailDomain}`, '@<domain>'], [frame.city, '<city>'], [frame.place, '<place>']);
  const ids = new Map<string, string>();
  const id = (value: string) => {
    const known = exact.get(value);
    if (known) return known;
    if (!ids.has(value)) ids.set(value, `<id:${ids.size}>`);
    return ids.get(value) as string;
  };
  const text = (key: string, value: string) => {
    const known = exact.get(value);
    if (known) return known;
    // a community's code is its street's and three digits of its own
    if (key === 'admin_code') {
      const street = frame.streets.findIndex((s) => value.startsWith(s.code));
      return street < 0 ? value : `<street-code:${street}>${value.slice(9)}`;
    }
    // ids stand alone or within keys (report:<id>:r1:reserve, grant:<community>:2025)
    const withIds = value.replace(UUID, id);
    return within.reduce((s, [from, to]) => s.replaceAll(from, to), withIds);
  };
  const walk = (key: string, value: unknown): unknown => {
    if (typeof value === 'string') return text(key, value);
    if (Array.isArray(value)) return value.map((v) => walk(key, v));
    if (value && typeof value === 'object') {
      // a jsonb value is an SQL fragment: its parameters are what it stores
      const node =
        'toOperationNode' in value ? (value as { toOperationNode(): object }).toOperationNode() : value;
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(k, v)]));
    }
    return value;
  };
  // the street offices and partners are the frame itself
  const tables = GENERATED_TABLES.filter(
    (t) => t !== 'street_offices' && t !== 'partners' && t !== 'ledger_entries',
  );
  const result: Record<string, unknown> = Object.fromEntries(tables.map((t) => [t, walk(t, rows[t])]));
  // the ledger is in booking order, and entries booked at the same instant in posting-key order: keys hold
  // ids, so that order is the district's own; in the order of what the keys name instead (all seen by now)
  const booked = (e: DistrictRows['ledger_entries'][number]) =>
    `${e.created_at} ${text('', e.posting_key ?? '')}`;
  const ledger = [...rows.ledger_entries].sort((a, b) => (booked(a) < booked(b) ? -1 : 1));
  result.ledger_entries = walk('ledger_entries', ledger);
  return result;
}

describe('one generator, two presets', () => {
  it('the demo district and a generated district of the same seed and size are the same rows but for names and ids', () => {
    const { seed, communities, months } = PRESETS.demo;
    const demo = demoFrame({ passwordHash: 'demo-hash' });
    const gen = generatedFrame(seed, 0, { communities, months });
    expect(gen.firstMonth).toBe(demo.firstMonth);
    const demoRows = districtRows(demo, new Rng(seed));
    const genRows = districtRows(gen, new Rng(seed));
    // different districts, really: no id of one is in the other
    const demoIds = new Set(demoRows.monthly_reports.map((r) => r.report_id));
    expect(genRows.monthly_reports.some((r) => demoIds.has(r.report_id))).toBe(false);
    expect(genRows.communities[0]?.district_id).not.toBe(demoRows.communities[0]?.district_id);
    // and everything the generator decides, the same
    expect(demoRows.communities).toHaveLength(communities);
    expect(demoRows.monthly_reports.length).toBeGreaterThan(1_000);
    expect(demoRows.ledger_entries.length).toBeGreaterThan(1_000);
    expect(generated(gen, genRows)).toEqual(generated(demo, demoRows));
  });

  it('a community converted from a village (村改居) was founded in the year of its conversion', () => {
    const { seed, communities, months } = PRESETS.gen;
    const rows = districtRows(generatedFrame(seed, 0, { communities, months }), new Rng(seed));
    const converted = rows.communities.filter((c) => c.kind === 'converted_from_rural');
    expect(converted.length).toBeGreaterThan(0);
    for (const c of converted) expect(String(c.founded_on).slice(0, 4)).toBe(String(c.converted_year));
    for (const c of rows.communities.filter((c) => c.kind === 'urban')) expect(c.converted_year).toBeNull();
  });

  it('a venture’s operator agrees with its company’s model: none when 集体自营, an SOE when 国企托管运营', () => {
    for (const preset of [PRESETS.demo, PRESETS.gen]) {
      const { seed, communities, months } = preset;
      const rows = districtRows(generatedFrame(seed, 0, { communities, months }), new Rng(seed));
      const modelOf = new Map(rows.companies.map((c) => [c.company_id, c.operating_model]));
      const partnerKind = new Map(rows.partners.map((p) => [p.partner_id, p.kind]));
      const byModel = (model: string) =>
        rows.ventures.filter((v) => modelOf.get(v.company_id ?? '') === model);
      expect(byModel('collective_self_operated').length).toBeGreaterThan(0);
      expect(byModel('soe_entrusted').length).toBeGreaterThan(0);
      for (const v of byModel('collective_self_operated')) expect(v.operator_partner_id).toBeNull();
      for (const v of byModel('soe_entrusted'))
        expect(partnerKind.get(v.operator_partner_id ?? '')).toBe('soe');
    }
  });

  it('each preset writes what districtRows builds', { timeout: 120_000 }, async () => {
    const handle = await createTestDatabase();
    handles.push(handle);
    const db = handle.db;
    await seedDemo(db, { hashPassword: async () => 'not-a-real-hash' });
    const demo = demoFrame({ passwordHash: 'not-a-real-hash', communities: 4 });
    await withTenantTransaction(
      db,
      { kind: 'district', userId: demo.adminUserId, districtId: demo.districtId },
      (trx) => seedGeneratedCommunities(trx, { seed: 5, count: 4, passwordHash: 'not-a-real-hash' }),
    );
    const size = { communities: 3, months: 6 };
    await generate(db, { districts: 2, ...size, seed: 5 });
    const expected = [
      { frame: demo, rows: districtRows(demo, new Rng(5)) },
      {
        frame: generatedFrame(5, 1, size),
        rows: districtRows(generatedFrame(5, 1, size), generatedDistrictRngs(5, 2)[1] as Rng),
      },
    ];
    for (const { frame, rows } of expected) {
      const stored = async (table: 'monthly_reports' | 'ledger_entries' | 'proposals', column: string) =>
        (
          await sql<{ row: string }>`select ${sql.ref(column)}::text as row from ${sql.table(table)}
            where district_id = ${frame.districtId} and community_id in (${sql.join(rows.communities.map((c) => c.community_id))})
`.execute(db)
        ).rows
          .map((r) => r.row)
          .sort();
      const made = (list: object[], column: string) =>
        list.map((r) => String((r as Record<string, unknown>)[column])).sort();
      expect(await stored('monthly_reports', 'report_id')).toEqual(made(rows.monthly_reports, 'report_id'));
      expect(await stored('monthly_reports', 'revenue_fen')).toEqual(
        made(rows.monthly_reports, 'revenue_fen'),
      );
      expect(await stored('ledger_entries', 'entry_id')).toEqual(made(rows.ledger_entries, 'entry_id'));
      expect(await stored('proposals', 'proposal_id')).toEqual(made(rows.proposals, 'proposal_id'));
    }
  });
});
