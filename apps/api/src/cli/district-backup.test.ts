/**
 * `pnpm gongfu district export` / `district import` (issue 15) between the test database (the demo, PGlite or
 * PostgreSQL with DATABASE_URL) and fresh databases of the same kind: the file describes itself and holds one
 * district; the import loads it whole; a second import, a damaged file and a format it does not read are refused
 * with a sentence, and nothing of them is written. (That every KPI of a loaded district equals the original's is
 * backup.test.ts's, on the same dump.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, DEMO_IDS, migrateToLatest, openDatabase } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../testing/server-process';
import { createTestApp, type TestApp } from '../testing/test-app';
import { runCliOn } from './testing';

const postgresUrl = process.env.DATABASE_URL || undefined;
const folder = mkdtempSync(join(tmpdir(), 'gongfu-cli-district-'));
const cleanup: Array<() => Promise<void>> = [];
let t: TestApp;

beforeAll(async () => {
  process.env.LANG = 'en_US.UTF-8';
  t = await createTestApp();
});
afterAll(async () => {
  for (const done of cleanup.reverse()) await done();
  await t?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A migrated, empty database of the run's kind. */
async function freshDatabase(): Promise<DatabaseHandle> {
  if (postgresUrl) {
    const created = await createDatabase(postgresUrl, 'gongfu_cli_district');
    const handle = await openDatabase({ url: created.url });
    cleanup.push(async () => {
      await handle.close();
      await created.drop();
    });
    await migrateToLatest(handle.db);
    return handle;
  }
  const handle = await openDatabase({ dataDir: mkdtempSync(join(folder, 'pglite-')) });
  cleanup.push(() => handle.close());
  await migrateToLatest(handle.db);
  return handle;
}

const cli = (handle: DatabaseHandle, ...argv: string[]) => runCliOn(handle.db, argv);

async function counts(handle: DatabaseHandle, districtId: string) {
  const result = await sql<{ communities: number; reports: number; users: number }>`
    select (select count(*)::int from communities where district_id = ${districtId}) as communities,
           (select count(*)::int from monthly_reports where district_id = ${districtId}) as reports,
           (select count(*)::int from memberships where district_id = ${districtId}) as users`.execute(
    handle.db,
  );
  return result.rows[0];
}

describe('pnpm gongfu district export / import', () => {
  const file = join(folder, 'dongqu.json');

  it('exports one district to a file that names it, counts its rows and carries a checksum', async () => {
    const exported = await cli(t.handle, 'district', 'export', '--district', DEMO_IDS.dongqu, '--out', file);
    expect(exported.status, exported.err).toBe(0);
    expect(exported.out).toMatch(/exported .+: \d+ tables, \d+ rows, written to/);
    const text = readFileSync(file, 'utf8');
    const dump = JSON.parse(text);
    expect(dump.format).toBe('gongfu-district-dump/2');
    expect(dump.districtId).toBe(DEMO_IDS.dongqu);
    expect(dump.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(dump.exportedAt)).not.toBeNaN();
    const communities = dump.tables.find((x: { name: string }) => x.name === 'communities');
    expect(communities.count).toBe((await counts(t.handle, DEMO_IDS.dongqu))?.communities);
    expect(text).not.toContain(DEMO_IDS.xiqu);

    const unknown = await cli(
      t.handle,
      'district',
      'export',
      '--district',
      'no such district',
      '--out',
      file,
    );
    expect(unknown.status).toBe(2);
    expect(unknown.err).toContain('no district no such district');
  });

  it('imports it whole into another database, with progress; a second import is refused and changes nothing', async () => {
    const target = await freshDatabase();
    const imported = await cli(target, 'district', 'import', file);
    expect(imported.status, imported.err).toBe(0);
    expect(imported.out).toMatch(/imported .+: \d+ rows/);
    expect(imported.err).toMatch(/\[\s*1\/\d+\] loading districts/);
    const original = await counts(t.handle, DEMO_IDS.dongqu);
    expect(await counts(target, DEMO_IDS.dongqu)).toEqual(original);
    expect((original?.users ?? 0) > 0).toBe(true);

    const again = await cli(target, 'district', 'import', file);
    expect(again.status).toBe(1);
    expect(again.err).toContain('already holds the district');
    expect(await counts(target, DEMO_IDS.dongqu)).toEqual(original);
  });

  it('refuses a damaged or edited file and a format it does not read, and writes nothing', async () => {
    const target = await freshDatabase();
    const dump = JSON.parse(readFileSync(file, 'utf8'));
    const communities = dump.tables.find((x: { name: string }) => x.name === 'communities');
    communities.rows = communities.rows.replace(/"name":"([^"]+)"/, '"name":"$1（改）"');
    const edited = join(folder, 'edited.json');
    writeFileSync(edited, JSON.stringify(dump));
    const refused = await cli(target, 'district', 'import', edited);
    expect(refused.status).toBe(1);
    expect(refused.err).toContain('checksum does not match');

    const newer = join(folder, 'newer.json');
    writeFileSync(newer, JSON.stringify({ ...dump, format: 'gongfu-district-dump/9' }));
    const unread = await cli(target, 'district', 'import', newer);
    expect(unread.status).toBe(1);
    expect(unread.err).toContain('not a district export this version reads (format gongfu-district-dump/9)');

    const missing = await cli(target, 'district', 'import', join(folder, 'absent.json'));
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('ENOENT');
    expect(await counts(target, DEMO_IDS.dongqu)).toEqual({ communities: 0, reports: 0, users: 0 });
  });

  it('speaks Chinese by default', async () => {
    process.env.LANG = 'zh_CN.UTF-8';
    try {
      const target = await freshDatabase();
      await cli(target, 'district', 'import', file);
      const again = await cli(target, 'district', 'import', file);
      expect(again.err).toContain('本数据库已有该区县');
    } finally {
      process.env.LANG = 'en_US.UTF-8';
    }
  });
});
