/**
 * `pnpm --filter @gongfu/api load [--duration 120] [--logins 200] [--connections 8] [--no-history] [--write]`
 *
 * Load (issue 13): the server in its own process (the built `dist/server.js`, as `pnpm start` runs it) on a
 * fresh database — embedded PGlite in a temporary folder, or a new database on the PostgreSQL server of
 * DATABASE_URL (dropped at the end) — with the demo district and its two years of history, then:
 *
 * 1. `--logins` concurrent logins (default 200), each as another person behind the proxy (X-Forwarded-For),
 *    over the demo's accounts;
 * 2. a soak of `--duration` seconds (default 120): the cockpit's KPI endpoints as a district admin, the scoped
 *    lists as a community admin and as a partner operator, and the public board opened by many anonymous
 *    readers at once (a WeChat group), half of them revalidating with If-None-Match; `--connections` each.
 *
 * Throughout, /api/health is timed every second and the server's resident memory read every 10 s
 * (/proc/<pid>/status); on PGlite the WebAssembly heap's share of it is reported apart (the resident part of
 * the process's multi-gigabyte reservations, which only WebAssembly memory makes). Prints errors (any answer
 * but 200, and 304 where If-None-Match was sent, or a socket error), health's latency and the memory series;
 * with --write, replaces its database's section of docs/benchmarks.md ("## Load on …") with them, nothing else.
 * Exits 1 when there was an error. Times are printed, never asserted: load.test.ts runs a short load for
 * correctness only.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hashPassword } from '@gongfu/auth';
import {
  DEMO_ACCOUNTS,
  DEMO_IDS,
  DEMO_PASSWORD,
  migrateToLatest,
  openDatabase,
  seedDemo,
  seedDemoHistory,
} from '@gongfu/db';
import autocannon from 'autocannon';
import {
  API_DIR,
  buildServer,
  createDatabase,
  type ServerProcess,
  startServer,
  waitReady,
} from '../testing/server-process';
import { LOAD_HEADINGS, withSection } from './report-sections';

export interface LoadOptions {
  durationS: number;
  logins: number;
  /** autocannon connections per group (cockpit, lists, board) */
  connections: number;
  /** seed the demo's two years of reports (the full run); without, the KPIs answer on the register alone */
  history: boolean;
  /** run the server from source under tsx instead of building dist/server.js (tests) */
  fromSource: boolean;
  databaseUrl?: string | undefined;
  log?: (line: string) => void;
}

export interface GroupFigures {
  name: string;
  requests: number;
  /** answers by status code */
  statuses: Record<string, number>;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
}

export interface LoadResult {
  database: 'pglite' | 'postgres';
  logins: GroupFigures;
  soak: GroupFigures[];
  /** every unexpected answer or socket error, all groups */
  errors: number;
  serverErrors: number;
  health: { samples: number; failed: number; p50Ms: number; maxMs: number };
  /** every 10 s: seconds since the soak began, server RSS, and PGlite's WebAssembly heap (resident) */
  memory: Array<{ atS: number; rssMb: number; wasmMb: number | null }>;
}

const MB = 1024 * 1024;

/**
 * Resident memory of a process, and the resident part of its WebAssembly memory: V8 maps a WebAssembly
 * memory's pages (rw-p) right before a reservation of several GiB of inaccessible address space (---p, its
 * guard region); nothing else in a node process does that.
 */
export function memoryOf(pid: number): { rssMb: number; wasmMb: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const maps: Array<{ start: bigint; end: bigint; perms: string; sizeKb: number; rssKb: number }> = [];
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const range = /^([0-9a-f]+)-([0-9a-f]+) (\S+)/.exec(line);
      if (range)
        maps.push({
          start: BigInt(`0x${range[1]}`),
          end: BigInt(`0x${range[2]}`),
          perms: range[3] ?? '',
          sizeKb: 0,
          rssKb: 0,
        });
      const last = maps.at(-1);
      const size = /^Size:\s+(\d+) kB/.exec(line);
      if (size && last) last.sizeKb = Number(size[1]);
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss && last) last.rssKb = Number(rss[1]);
    }
    const guards = new Set(
      maps.filter((m) => m.perms.startsWith('---') && m.sizeKb >= 4 * 1024 * 1024).map((m) => m.start),
    );
    const wasmKb = maps
      .filter((m) => m.perms.startsWith('rw') && guards.has(m.end))
      .reduce((sum, m) => sum + m.rssKb, 0);
    return { rssMb: (rssKb * 1024) / MB, wasmMb: (wasmKb * 1024) / MB };
  } catch {
    return { rssMb: Number.NaN, wasmMb: null }; // not Linux
  }
}

function figures(name: string, r: autocannon.Result, expected: (status: string) => boolean): GroupFigures {
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = stat?.count ?? 0;
  const unexpected = Object.entries(statuses)
    .filter(([code]) => !expected(code))
    .reduce((n, [, count]) => n + count, 0);
  return {
    name,
    requests: r.requests.total,
    statuses,
    errors: unexpected + r.errors + r.timeouts,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requestsPerSecond: r.requests.average,
  };
}

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.99.0.1' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login of ${email}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const cleanup: Array<() => Promise<void> | void> = [];
  let server: ServerProcess | undefined;
  try {
    // the database, prepared here so the server's first start has nothing to seed
    let env: Record<string, string>;
    let database: LoadResult['database'];
    if (options.databaseUrl) {
      const created = await createDatabase(options.databaseUrl, 'gongfu_load');
      cleanup.push(() => created.drop());
      env = { DATABASE_URL: created.url };
      database = 'postgres';
    } else {
      const dir = mkdtempSync(join(os.tmpdir(), 'gongfu-load-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      env = { DATA_DIR: join(dir, 'pglite') };
      database = 'pglite';
    }
    log(`preparing the ${database} database${options.history ? ' with the demo history' : ''}…`);
    const handle = await openDatabase(
      env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR },
    );
    await migrateToLatest(handle.db);
    await seedDemo(handle.db, { hashPassword });
    if (options.history) await seedDemoHistory(handle.db);
    await handle.close();

    const args = options.fromSource ? ['--import', 'tsx', 'src/server.ts'] : [buildServer()];
    server = await startServer(args, { ...env, TRUST_PROXY: '1' });
    const running = server;
    cleanup.push(async () => {
      if (running.child.exitCode === null) {
        running.child.kill('SIGTERM');
        await running.exited;
      }
    });
    await waitReady(server);
    const { base } = server;
    const pid = server.child.pid ?? 0;
    log(`server ${pid} ready at ${base}`);

    // 1. logins, all at once, each from its own address
    let n = 0;
    const loginRun = await autocannon({
      url: base,
      connections: options.logins,
      amount: options.logins,
      timeout: 60,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/auth/login',
          setupRequest: (req) => {
            const i = n++;
            const account = DEMO_ACCOUNTS[i % DEMO_ACCOUNTS.length];
            return {
              ...req,
              headers: {
                'content-type': 'application/json',
                'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
              },
              body: JSON.stringify({ email: account?.email, password: DEMO_PASSWORD }),
            };
          },
        },
      ],
    });
    const logins = figures('logins', loginRun, (s) => s === '200');
    log(
      `logins: ${logins.requests} at once, ${JSON.stringify(logins.statuses)}, p50 ${logins.p50Ms} ms, p99 ${logins.p99Ms} ms`,
    );

    // 2. the soak
    const district = await login(base, 'admin@dongqu.demo');
    const community = await login(base, 'wangjiangjie@dongqu.demo');
    const partner = await login(base, 'soe@dongqu.demo');
    const latest = await fetch(`${base}/api/v1/kpis/latest-month`, { headers: { cookie: district } });
    const month: string = ((await latest.json()) as { month?: string | null }).month ?? '2025-06';
    const from = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    const cockpit = [
      `/api/v1/kpis/latest-month`,
      `/api/v1/kpis/overview?period=month&month=${month}`,
      `/api/v1/kpis/overview?period=year&month=${month}`,
      `/api/v1/kpis/series?kpi=community_income&from=${from}&to=${month}`,
      `/api/v1/kpis/ranking?kpi=community_income&period=year&month=${month}`,
      `/api/v1/kpis/reporting-matrix?from=${from}&to=${month}`,
      `/api/v1/kpis/fund-flow?period=year&month=${month}`,
      `/api/v1/kpis/mix?period=year&month=${month}`,
    ];
    const lists = [
      '/api/v1/communities',
      `/api/v1/reports/status?month=${month}`,
      '/api/v1/funds',
      '/api/v1/proposals',
      '/api/v1/pledges',
      '/api/v1/warnings',
      '/api/v1/ventures',
      '/api/v1/companies',
      '/api/v1/agreements',
      '/api/v1/audit',
    ];
    const partnerLists = ['/api/v1/ventures', '/api/v1/agreements', `/api/v1/reports/status?month=${month}`];
    const board = `/api/public/communities/${DEMO_IDS.wangjiangjie}/disclosure?district=${DEMO_IDS.dongqu}`;
    const etag = (await fetch(`${base}${board}`)).headers.get('etag');
    if (!etag) throw new Error('the public board sent no ETag');

    const health: number[] = [];
    let healthFailed = 0;
    const memory: LoadResult['memory'] = [];
    const soakStart = performance.now();
    const sampleMemory = () =>
      memory.push({ atS: Math.round((performance.now() - soakStart) / 1000), ...memoryOf(pid) });
    sampleMemory();
    const healthTimer = setInterval(() => {
      const started = performance.now();
      fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) })
        .then(async (res) => {
          await res.arrayBuffer();
          if (res.status === 200) health.push(performance.now() - started);
          else healthFailed++;
        })
        .catch(() => {
          healthFailed++; // no answer within 10 s, or none at all
        });
    }, 1000);
    const memoryTimer = setInterval(sampleMemory, 10_000);

    const run = (paths: string[], cookie: string | undefined, extra: Record<string, string> = {}) =>
      autocannon({
        url: base,
        connections: options.connections,
        duration: options.durationS,
        timeout: 30,
        requests: paths.map((path) => ({
          method: 'GET' as const,
          path,
          headers: { ...(cookie ? { cookie } : {}), ...extra },
        })),
      });
    const [cockpitRun, listRun, partnerRun, boardRun] = await Promise.all([
      run(cockpit, district),
      run(lists, community),
      run(partnerLists, partner),
      // the board twice in the cycle: once fresh, once revalidating
      autocannon({
        url: base,
        connections: options.connections * 2,
        duration: options.durationS,
        timeout: 30,
        requests: [
          { method: 'GET', path: board },
          { method: 'GET', path: board, headers: { 'if-none-match': etag } },
        ],
      }),
    ]);
    clearInterval(healthTimer);
    clearInterval(memoryTimer);
    sampleMemory();
    await new Promise((r) => setTimeout(r, 1000)); // the last health sample's answer

    const soak = [
      figures('cockpit (district admin)', cockpitRun, (s) => s === '200'),
      figures('scoped lists (community admin)', listRun, (s) => s === '200'),
      figures('scoped lists (partner operator)', partnerRun, (s) => s === '200'),
      figures(
        'public board (anonymous, half with If-None-Match)',
        boardRun,
        (s) => s === '200' || s === '304',
      ),
    ];
    const all = [logins, ...soak];
    const sorted = [...health].sort((a, b) => a - b);
    return {
      database,
      logins,
      soak,
      errors: all.reduce((e, g) => e + g.errors, 0) + healthFailed,
      serverErrors: all.reduce(
        (e, g) =>
          e +
          Object.entries(g.statuses).reduce((m, [code, count]) => m + (code.startsWith('5') ? count : 0), 0),
        0,
      ),
      health: {
        samples: health.length + healthFailed,
        failed: healthFailed,
        p50Ms: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
        maxMs: sorted.at(-1) ?? Number.NaN,
      },
      memory,
    };
  } finally {
    for (const step of cleanup.reverse()) await step();
  }
}

export function report(r: LoadResult, options: LoadOptions, command: string): string {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const wasm = r.database === 'pglite' && r.memory.some((m) => m.wasmMb !== null);
  const rss = r.memory.map((m) => m.rssMb);
  const lines = [
    LOAD_HEADINGS[r.database],
    '',
    `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, Node ${process.version}, ${r.database === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}; ` +
      `\`${command}\` (apps/api/src/scripts/load.ts). The server is \`dist/server.js\` in its own process; the load ` +
      `generator (autocannon) runs on the same machine.`,
    '',
    `${options.logins} concurrent logins, then a soak of ${options.durationS} s with ${options.connections} connections ` +
      `each on the cockpit and the lists and ${options.connections * 2} on the public board.`,
    '',
    '| group | requests | answers | errors | p50 | p99 | req/s |',
    '| --- | --: | --- | --: | --: | --: | --: |',
    ...[r.logins, ...r.soak].map(
      (g) =>
        `| ${g.name} | ${g.requests} | ${Object.entries(g.statuses)
          .map(([c, k]) => `${k} × ${c}`)
          .join(', ')} | ${g.errors} | ${ms(g.p50Ms)} | ${ms(g.p99Ms)} | ${g.requestsPerSecond.toFixed(0)} |`,
    ),
    '',
    `- errors: **${r.errors}** (5xx: ${r.serverErrors})`,
    `- \`/api/health\` every second during the soak: ${r.health.samples} samples, ${r.health.failed} failed, ` +
      `p50 ${ms(r.health.p50Ms)}, max **${ms(r.health.maxMs)}** (target: within 1 s: ${r.health.failed === 0 && r.health.maxMs <= 1000 ? 'met' : 'NOT met'})`,
    `- server RSS every 10 s (MB): ${rss.map((x) => x.toFixed(0)).join(', ')}` +
      (rss.length > 1
        ? ` (from ${rss[0]?.toFixed(0)} to ${rss.at(-1)?.toFixed(0)}, max ${Math.max(...rss).toFixed(0)})`
        : ''),
    ...(wasm
      ? [
          `- of which PGlite's WebAssembly heap (MB): ${r.memory.map((m) => (m.wasmMb ?? 0).toFixed(0)).join(', ')}`,
        ]
      : []),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '120' },
      logins: { type: 'string', default: '200' },
      connections: { type: 'string', default: '8' },
      'no-history': { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
    },
  });
  const options: LoadOptions = {
    durationS: Number(values.duration),
    logins: Number(values.logins),
    connections: Number(values.connections),
    history: !values['no-history'],
    fromSource: false,
    databaseUrl: process.env.DATABASE_URL || undefined,
    log: (line) => console.log(line),
  };
  const command = ['pnpm --filter @gongfu/api load', ...process.argv.slice(2)].join(' ');
  const result = await runLoad(options);
  const text = report(result, options, command);
  console.log(`\n${text}`);
  if (values.write) {
    const file = resolve(API_DIR, '../../docs/benchmarks.md');
    const earlier = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
    writeFileSync(file, withSection(earlier, LOAD_HEADINGS[result.database], text));
    console.log(`written to ${file}`);
  }
  process.exit(result.errors > 0 ? 1 : 0);
}
