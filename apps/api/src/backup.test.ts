/**
 * Backup and restore (issue 13; docs/operations.md): a restored database answers every KPI as the original
 * did — the KPI endpoints called through the app on both, JSON compared whole, for a district admin and a
 * community admin.
 *
 * - on PostgreSQL: pg_dump of the whole database, pg_restore into a fresh one;
 * - on both: ONE district exported (packages/db/src/backup.ts) and loaded into a fresh migrated database;
 *   the other district is not there;
 * - embedded: the PGlite data folder exported as a tarball and imported into a new folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword, LoginThrottle } from '@gongfu/auth';
import {
  type DatabaseHandle,
  DEMO_IDS,
  DEMO_PASSWORD,
  migrateToLatest,
  openDatabase,
  seedDemo,
  seedDemoHistory,
} from '@gongfu/db';
import { dumpDistrict, exportDataDir, importDataDir, loadDistrict } from '@gongfu/db/backup';
import { KPI_KEYS } from '@gongfu/domain';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { createDatabase } from './testing/server-process';

const postgresUrl = process.env.DATABASE_URL || undefined;
const onPostgres = postgresUrl !== undefined;
const folders: string[] = [];
const cleanup: Array<() => Promise<void>> = [];

function tempFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-backup-'));
  folders.push(dir);
  return dir;
}

/** A migrated, empty database of the kind the run uses, its URL (PostgreSQL) or folder (PGlite). */
async function freshDatabase(): Promise<{ handle: DatabaseHandle; url?: string; dataDir?: string }> {
  if (postgresUrl) {
    const created = await createDatabase(postgresUrl, 'gongfu_backup');
    const handle = await openDatabase({ url: created.url });
    cleanup.push(async () => {
      await handle.close();
      await created.drop();
    });
    await migrateToLatest(handle.db);
    return { handle, url: created.url };
  }
  const dataDir = join(tempFolder(), 'pglite');
  const handle = await openDatabase({ dataDir });
  cleanup.push(() => handle.close());
  await migrateToLatest(handle.db);
  return { handle, dataDir };
}

/** Every KPI answer a district admin and a community admin get, by path. */
async function kpisOf(handle: DatabaseHandle): Promise<Record<string, unknown>> {
  const app = createApp({
    db: handle.db,
    dbKind: handle.kind,
    logger: pino({ level: 'silent' }),
    throttle: new LoginThrottle(),
  });
  const answers: Record<string, unknown> = {};
  for (const email of ['admin@dongqu.demo', 'wangjiangjie@dongqu.demo']) {
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    expect(login.status, email).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const get = async (path: string) => {
      const res = await app.request(`/api/v1${path}`, { headers: { cookie } });
      expect(res.status, `${email} ${path}`).toBe(200);
      answers[`${email} ${path}`] = await res.json();
    };
    const latest = await app.request('/api/v1/kpis/latest-month', { headers: { cookie } });
    const month = ((await latest.json()) as { month: string }).month;
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    const from = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    await get('/kpis/latest-month');
    for (const period of ['month', 'quarter', 'year', 'ytd']) {
      await get(`/kpis/overview?period=${period}&month=${month}`);
      await get(`/kpis/fund-flow?period=${period}&month=${month}`);
      await get(`/kpis/mix?period=${period}&month=${month}`);
    }
    await get(`/kpis/reporting-matrix?from=${from}&to=${month}`);
    for (const kpi of KPI_KEYS) {
      await get(`/kpis/series?kpi=${kpi}&from=${from}&to=${month}`);
      if (email === 'admin@dongqu.demo') await get(`/kpis/ranking?kpi=${kpi}&period=year&month=${month}`);
    }
    if (email !== 'admin@dongqu.demo') await get(`/kpis/standing?period=year&month=${month}`);
  }
  return answers;
}

let source: Awaited<ReturnType<typeof freshDatabase>>;
let original: Record<string, unknown>;

beforeAll(async () => {
  source = await freshDatabase();
  await seedDemo(source.handle.db, { hashPassword });
  // the demo's history on a few generated communities besides the source page's three: every KPI has figures
  await seedDemoHistory(source.handle.db, { communities: 4 });
  original = await kpisOf(source.handle);
  expect(Object.keys(original).length).toBeGreaterThan(40);
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it.runIf(onPostgres)(
    'on PostgreSQL only: pg_dump of the whole database, pg_restore into a fresh one — every KPI equal',
    async () => {
      if (!source.url || !postgresUrl) throw new Error('no PostgreSQL');
      const file = join(tempFolder(), 'gongfu.dump');
      execFileSync('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${source.url}`]);
      const target = await createDatabase(postgresUrl, 'gongfu_restore');
      cleanup.push(() => target.drop());
      execFileSync('pg_restore', ['--exit-on-error', `--dbname=${target.url}`, file]);
      const restored = await openDatabase({ url: target.url });
      cleanup.push(() => restored.close());
      expect(await kpisOf(restored)).toEqual(original);
    },
  );

  it(`one district exported and loaded into a fresh database — every KPI of it equal, the other district absent (${onPostgres ? 'PostgreSQL' : 'embedded PGlite'})`, async () => {
    const dump = await dumpDistrict(source.handle.db, DEMO_IDS.dongqu);
    const names = dump.tables.map((t) => t.name);
    // foreign-key order: the district before its communities, users before memberships
    expect(names.indexOf('districts')).toBeLessThan(names.indexOf('communities'));
    expect(names.indexOf('users')).toBeLessThan(names.indexOf('memberships'));
    const text = JSON.stringify(dump);
    expect(text).not.toContain(DEMO_IDS.xiqu);

    const target = await freshDatabase();
    const { rows } = await loadDistrict(target.handle.db, JSON.parse(text));
    expect(rows).toBeGreaterThan(1000);
    expect(await kpisOf(target.handle)).toEqual(original);
    const other = await sql<{ n: number }>`
      select count(*)::int as n from communities where district_id = ${DEMO_IDS.xiqu}`.execute(
      target.handle.db,
    );
    expect(other.rows[0]?.n).toBe(0);
    // loading it again is refused whole: the district's rows are there already
    await expect(loadDistrict(target.handle.db, JSON.parse(text))).rejects.toThrow();
  });

  it.runIf(!onPostgres)(
    'embedded PGlite only: the data folder exported as a tarball and imported into a new folder — every KPI equal',
    async () => {
      if (!source.dataDir) throw new Error('no data folder');
      await source.handle.close();
      const file = join(tempFolder(), 'gongfu-data.tar.gz');
      await exportDataDir(source.dataDir, file);
      source.handle = await openDatabase({ dataDir: source.dataDir });
      cleanup.push(() => source.handle.close());
      const dataDir = join(tempFolder(), 'restored');
      await importDataDir(file, dataDir);
      const restored = await openDatabase({ dataDir });
      cleanup.push(() => restored.close());
      expect(await kpisOf(restored)).toEqual(original);
    },
    240_000,
  );
});
