/**
 * /api/health is answered while the embedded database works through a load (issue 13, ADR 0029).
 *
 * PGlite runs a statement synchronously in the thread that calls it. In the server's own thread, the requests
 * waiting for the database ran one after another without the event loop reading anything else in between, so
 * health waited behind all of them (p50 5 s under the load script). With PGlite in a worker thread the server's
 * event loop stays free and health is answered while the load is.
 *
 * A correctness check, not a timing: health, asked once the server has started answering the load, must be
 * answered before the load's last answer. Its margin is the database time of the rest of the load (seconds on any
 * machine, as it grows with the machine's slowness too) against the few milliseconds of work health is; nothing
 * is compared with a fixed time. The built server (dist/server.js), so the bundle's worker file is covered as well.
 * Embedded PGlite only: on PostgreSQL the database is another process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '@gongfu/auth';
import { DEMO_PASSWORD, migrateToLatest, openDatabase, seedDemo } from '@gongfu/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from './env';
import { buildServer, type ServerProcess, startServer, waitReady } from './testing/server-process';

const onPostgres = readEnv().DATABASE_URL !== undefined;

/** requests of the load, all sent at once, each on a connection of its own */
const LOAD = 48;

let folder: string;
let server: ServerProcess | undefined;
beforeAll(async () => {
  if (onPostgres) return;
  const entry = buildServer();
  folder = mkdtempSync(join(tmpdir(), 'gongfu-health-load-'));
  const dataDir = join(folder, 'pglite');
  // the demo district without its two years of history: the server finds it and seeds nothing
  const handle = await openDatabase({ dataDir });
  await migrateToLatest(handle.db);
  await seedDemo(handle.db, { hashPassword });
  await handle.close();
  server = await startServer([entry], { DATA_DIR: dataDir, TRUST_PROXY: '1' });
  await waitReady(server);
});
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** One GET on a connection of its own: its status, and when its answer had fully arrived. */
function get(base: string, path: string, cookie?: string): Promise<{ status: number; at: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { agent: false, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, at: performance.now() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

it.runIf(!onPostgres)(
  'embedded PGlite: /api/health is answered while the server is still answering a load of database requests',
  async () => {
    if (!server) throw new Error('no server');
    const { base } = server;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.77.0.1' },
      body: JSON.stringify({ email: 'admin@dongqu.demo', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const month = '2025-06';
    // the cockpit and the lists: each a transaction of several statements
    const paths = [
      `/api/v1/kpis/overview?period=year&month=${month}`,
      `/api/v1/kpis/ranking?kpi=community_income&period=year&month=${month}`,
      `/api/v1/kpis/fund-flow?period=year&month=${month}`,
      `/api/v1/reports/status?month=${month}`,
      '/api/v1/communities',
      '/api/v1/audit',
    ];
    const load = Array.from({ length: LOAD }, (_, i) => get(base, paths[i % paths.length] as string, cookie));
    // the server has begun answering the load: the rest of it is waiting for the database
    await Promise.race(load);
    const health = get(base, '/api/health');
    const answers = await Promise.all(load);
    const healthAnswer = await health;

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(healthAnswer.status).toBe(200);
    const lastOfLoad = Math.max(...answers.map((a) => a.at));
    const answeredAfterHealth = answers.filter((a) => a.at > healthAnswer.at).length;
    expect(
      answeredAfterHealth,
      `health was answered after the load's last answer (by ${(healthAnswer.at - lastOfLoad).toFixed(0)} ms)`,
    ).toBeGreaterThan(0);
  },
  240_000,
);
