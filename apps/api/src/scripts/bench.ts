/**
 * `pnpm bench [--sizes small,large] [--samples 40] [--duration 10] [--seed 1]`
 *            `[--list-rounds 3] [--figures kpis,list] [--kinds postgres,pglite] [--database-prefix gongfu_bench]`
 *            `[--out file]` (a run narrowed by --figures or --kinds writes no report unless --out is given)
 *
 * For each size it generates into a fresh database (PostgreSQL from DATABASE_URL, a new database per
 * size; PGlite in a temporary folder when DATABASE_URL is unset), starts the API in its own process
 * (@hono/node-server on a random loopback port), logs in as the first district's admin and measures,
 * in one run so that ratios hold on a noisy machine:
 *  - the overview and ranking endpoints' p50 / p95 through HTTP, beside the same statements the request
 *    ran (captured from the driver) replayed directly through `postgres` — the API's overhead;
 *  - the request's KPI transaction with RLS on (runtime role and scope, as captured) and off (the
 *    connecting superuser, the same SQL with its explicit district filter, no role switch) — RLS's cost;
 *  - the scoped community list's requests per second under autocannon (50 connections), beside a bare
 *    `postgres` loop running the same statements per request with 50 in flight and the server's pool
 *    size, alternated round by round (`--list-rounds`) so that drift falls on both sides alike;
 *  - PGlite against PostgreSQL at the small size.
 * Prints the figures and writes them to docs/benchmarks.md (BENCH_DUMP=file also writes the captured
 * statements, e.g. to EXPLAIN them). Tests never assert a time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LoginThrottle } from '@gongfu/auth';
import { type Database, DEFAULT_MAX_CONNECTIONS, migrateToLatest, openDatabase } from '@gongfu/db';
import { type GenerateResult, generate } from '@gongfu/db/generate';
import autocannon from 'autocannon';
import { Kysely, sql } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import { createApp } from '../app';
import { createLogger } from '../logger';

const SIZES = {
  small: { districts: 1, communities: 60, months: 24 },
  large: { districts: 50, communities: 100, months: 120 },
} as const;
type SizeName = keyof typeof SIZES;
const TARGETS = { overviewP95Ms: 100, apiOverhead: 1.3, rlsCost: 1.15, listRps: 0.85 };
const PASSWORD = 'gongfu-demo-2026';
const DATE_OID = 1082;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'small,large' },
    samples: { type: 'string', default: '40' },
    duration: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    /** which figures to measure: the KPI endpoints, the list under load, or both */
    figures: { type: 'string', default: 'kpis,list' },
    /** which databases: PostgreSQL (needs DATABASE_URL) and/or PGlite */
    kinds: { type: 'string', default: 'postgres,pglite' },
    /** PostgreSQL databases are `<prefix>_<size>`, dropped and re-created on each run */
    'database-prefix': { type: 'string', default: 'gongfu_bench' },
    /** the list figure alternates API and bare this many times, `--duration` seconds each */
    'list-rounds': { type: 'string', default: '3' },
    /** where the report goes; a partial run (--figures or --kinds narrowed) writes one only when given */
    out: { type: 'string' },
  },
});
const FIGURES = new Set((values.figures ?? '').split(',').filter(Boolean));
for (const f of FIGURES)
  if (f !== 'kpis' && f !== 'list') throw new Error(`unknown figure ${f}: kpis or list`);
const KINDS = new Set((values.kinds ?? '').split(',').filter(Boolean));
for (const k of KINDS) if (k !== 'postgres' && k !== 'pglite') throw new Error(`unknown kind ${k}`);
const DATABASE_PREFIX = values['database-prefix'] as string;
const LIST_ROUNDS = Number(values['list-rounds']);
if (!Number.isInteger(LIST_ROUNDS) || LIST_ROUNDS < 1) throw new Error('--list-rounds: a positive integer');
if (!/^[a-z_][a-z0-9_]{0,40}$/.test(DATABASE_PREFIX))
  throw new Error('--database-prefix: a plain lowercase name');
const PARTIAL = FIGURES.size < 2 || KINDS.size < 2;
const OUT =
  values.out ?? (PARTIAL ? undefined : resolve(import.meta.dirname, '../../../../docs/benchmarks.md'));
const sizes = (values.sizes ?? '').split(',').filter(Boolean) as SizeName[];
for (const s of sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s}: small or large`);
const SAMPLES = Number(values.samples);
const DURATION = Number(values.duration);
const SEED = Number(values.seed);
const BASE_URL = process.env.DATABASE_URL;

// ----- helpers -------------------------------------------------------------------------------------

interface Stmt {
  sql: string;
  params: unknown[];
}
interface Percentiles {
  p50: number;
  p95: number;
}

function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95) };
}
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const ratio = (n: number) => `${n.toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'meets' : '**misses**');

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

/**
 * postgres.js options as the app's own (bigint and date parsing, the server's pool size), so bare and API
 * decode alike and have as many connections.
 */
function client(url: string, extra: postgres.Options<Record<string, postgres.PostgresType>> = {}) {
  return postgres(url, {
    max: DEFAULT_MAX_CONNECTIONS,
    onnotice: () => {},
    types: {
      bigint: postgres.BigInt,
      date: { to: DATE_OID, from: [DATE_OID], serialize: (x: string) => x, parse: (x: string) => x },
    },
    ...extra,
  });
}

/** A statement's rows in a canonical order: SQL without ORDER BY may return them in any order. */
function sortedRows(result: unknown): unknown {
  if (!Array.isArray(result)) return result;
  return result.map((row) => json(row)).sort();
}

async function replay(sql: postgres.Sql, statements: readonly Stmt[]) {
  const connection = await sql.reserve();
  try {
    const results: unknown[] = [];
    for (const s of statements)
      results.push(await connection.unsafe(s.sql, s.params as never, { prepare: true }));
    return results;
  } catch (error) {
    await connection.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(BASE_URL as string);
  url.pathname = `/${name}`;
  return url.toString();
}

async function startServer(env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'bench-server.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((ok, fail) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) ok((JSON.parse(line) as { port: number }).port);
    });
    child.on('exit', (code) => fail(new Error(`bench server exited with ${code}`)));
  });
  return { port, child };
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  await exited;
}

async function login(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('gongfu_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

async function get(base: string, path: string, cookie: string) {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
  return body;
}

/**
 * The statements one request runs, captured from the driver of an in-process copy of the app that uses
 * the bare client itself (its `debug` hook records while `recorder.on`).
 */
interface Recorder {
  on: boolean;
  log: Stmt[];
}
async function captureStatements(
  app: ReturnType<typeof createApp>,
  recorder: Recorder,
  path: string,
  cookie: string,
): Promise<Stmt[]> {
  await app.request(path, { headers: { cookie } }); // warm: prepared statements, session refresh
  recorder.log = [];
  recorder.on = true;
  const response = await app.request(path, { headers: { cookie } });
  recorder.on = false;
  if (response.status !== 200) throw new Error(`capture ${path}: ${response.status}`);
  return recorder.log;
}

/** The statement that sets a transaction's role and scope (withTenantTransaction: one `set_config` select). */
const SETS_SCOPE = /^select set_config\('role', /i;
const setsScope = (s: Stmt | undefined) => SETS_SCOPE.test(s?.sql ?? '');

/** The handler's transaction: the request's LAST role switch (session and membership checks come first). */
function tenantTransaction(statements: readonly Stmt[]): Stmt[] {
  const role = statements.findLastIndex(setsScope);
  let begin = role;
  while (begin > 0 && !/^begin/i.test(statements[begin]?.sql ?? '')) begin--;
  let end = role;
  while (end < statements.length && !/^commit/i.test(statements[end]?.sql ?? '')) end++;
  return statements.slice(begin, end + 1);
}
const withoutRls = (statements: readonly Stmt[]) => statements.filter((s) => !setsScope(s));

const json = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : (v as unknown)));

async function load(base: string, path: string, cookie: string, seconds = DURATION): Promise<number> {
  const result = await autocannon({
    url: `${base}${path}`,
    connections: 50,
    duration: seconds,
    headers: { cookie },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`load on ${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

/** The bare driver doing the same statements per request, 50 requests in flight, for the same duration. */
async function bareLoad(sql: postgres.Sql, statements: readonly Stmt[], seconds = DURATION): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < until) {
        await replay(sql, statements);
        done++;
      }
    }),
  );
  return done / seconds;
}

/**
 * CPU seconds a process has used (user + system), from /proc — Linux only, undefined elsewhere. /proc
 * counts in USER_HZ, which Linux fixes at 100 per second for user space.
 */
function processCpu(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds of the PostgreSQL server's processes, when it runs on this machine (else undefined). */
function postgresCpu(): number | undefined {
  let total: number | undefined;
  for (const entry of readdirSync('/proc', { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^\d+$/.test(entry.name)) continue;
    try {
      if (readFileSync(`/proc/${entry.name}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const cpu = processCpu(Number(entry.name));
    if (cpu !== undefined) total = (total ?? 0) + cpu;
  }
  return total;
}

const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Where the CPU of one side of the list figure went, in milliseconds per request. */
interface CpuSplit {
  /** the API server process (HTTP, app, driver) — API side only */
  server?: number;
  /** this process: autocannon on the API side, the bare `postgres` loop on the bare side */
  client: number;
  /** the PostgreSQL server's processes, when local */
  postgres?: number;
}

async function withCpu(
  serverPid: number | undefined,
  work: () => Promise<number>,
): Promise<{ rps: number; cpu: CpuSplit }> {
  const before = {
    server: serverPid ? processCpu(serverPid) : undefined,
    client: ownCpu(),
    pg: postgresCpu(),
  };
  const started = performance.now();
  const rps = await work();
  const requests = (rps * (performance.now() - started)) / 1000;
  const after = {
    server: serverPid ? processCpu(serverPid) : undefined,
    client: ownCpu(),
    pg: postgresCpu(),
  };
  const perRequest = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || requests === 0 ? undefined : ((b - a) * 1000) / requests;
  return {
    rps,
    cpu: {
      server: perRequest(before.server, after.server),
      client: perRequest(before.client, after.client) ?? Number.NaN,
      postgres: perRequest(before.pg, after.pg),
    },
  };
}

function medianSplit(splits: readonly CpuSplit[]): CpuSplit {
  const of = (pick: (s: CpuSplit) => number | undefined) => {
    const xs = splits.map(pick).filter((x): x is number => x !== undefined && Number.isFinite(x));
    return xs.length ? median(xs) : undefined;
  };
  return {
    server: of((s) => s.server),
    client: of((s) => s.client) ?? Number.NaN,
    postgres: of((s) => s.postgres),
  };
}

function cpuText(split: CpuSplit, names = { server: 'server', client: 'client' }): string {
  const parts = [
    split.server === undefined ? null : `${names.server} ${split.server.toFixed(2)}`,
    `${names.client} ${split.client.toFixed(2)}`,
    split.postgres === undefined ? null : `PostgreSQL ${split.postgres.toFixed(2)}`,
  ];
  return parts.filter(Boolean).join(' + ');
}

// ----- one size ------------------------------------------------------------------------------------

interface SizeResult {
  size: SizeName;
  kind: 'postgres' | 'pglite';
  generated: GenerateResult;
  overview: { http: Percentiles; bare?: Percentiles; rlsOn?: Percentiles; rlsOff?: Percentiles };
  ranking: { http: Percentiles; bare?: Percentiles; rlsOn?: Percentiles; rlsOff?: Percentiles };
  list: {
    rps: number;
    bareRps?: number;
    ratios?: number[];
    statements?: number | undefined;
    /** medians over the rounds, ms of CPU per request */
    cpu?: { api: CpuSplit; bare?: CpuSplit };
  };
  sameAnswer?: boolean;
  note?: string;
}

const OVERVIEW = '/api/v1/kpis/overview?period=year&month=2026-10';
const RANKING = '/api/v1/kpis/ranking?kpi=community_income&period=year&month=2026-10';
const LIST = '/api/v1/communities';

async function runSize(size: SizeName, kind: 'postgres' | 'pglite'): Promise<SizeResult> {
  const dims = SIZES[size];
  const label = `${size} (${dims.districts} × ${dims.communities} × ${dims.months}) on ${kind}`;
  console.log(`\n== ${label}`);
  let serverEnv: Record<string, string>;
  let url: string | undefined;
  let tempDir: string | undefined;
  if (kind === 'postgres') {
    const name = `${DATABASE_PREFIX}_${size}`;
    const admin = postgres(BASE_URL as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    url = databaseUrl(name);
    serverEnv = { BENCH_DATABASE_URL: url };
  } else {
    tempDir = mkdtempSync(join(os.tmpdir(), 'gongfu-bench-'));
    serverEnv = { BENCH_DATA_DIR: tempDir };
  }
  const handle = await openDatabase(url ? { url, maxConnections: 3 } : { dataDir: tempDir });
  let generated: GenerateResult;
  try {
    await migrateToLatest(handle.db);
    generated = await generate(handle.db, {
      ...dims,
      seed: SEED,
      onProgress: (p) => {
        if (p.district % 5 === 0 || p.district === p.districts)
          console.log(
            `  generated ${p.district}/${p.districts} districts, ${p.rows} rows, ${(p.ms / 1000).toFixed(0)} s`,
          );
      },
    });
    if (handle.kind === 'postgres') await sql`analyze`.execute(handle.db);
  } finally {
    await handle.close();
  }
  console.log(`  ${generated.rows} rows in ${(generated.ms / 1000).toFixed(1)} s`);

  const { port, child } = await startServer(serverEnv);
  const base = `http://127.0.0.1:${port}`;
  try {
    const email = generated.districts[0]?.adminEmail as string;
    const cookie = await login(base, email);
    console.log(`  logged in as ${email}; server on ${base}`);
    const result: SizeResult = {
      size,
      kind,
      generated,
      overview: { http: { p50: 0, p95: 0 } },
      ranking: { http: { p50: 0, p95: 0 } },
      list: { rps: 0 },
    };
    let bare: postgres.Sql | undefined;
    let captured: Record<string, Stmt[]> = {};
    let rlsOffPossible = false;
    if (url) {
      const recorder: Recorder = { on: false, log: [] };
      bare = client(url, {
        debug: (_connection, query, parameters) => {
          if (recorder.on) recorder.log.push({ sql: query, params: [...(parameters as unknown[])] });
        },
      });
      const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: bare }) });
      const app = createApp({
        db,
        dbKind: 'postgres',
        logger: createLogger('warn'),
        throttle: new LoginThrottle(),
      });
      captured = {
        overview: await captureStatements(app, recorder, OVERVIEW, cookie),
        ranking: await captureStatements(app, recorder, RANKING, cookie),
        list: await captureStatements(app, recorder, LIST, cookie),
      };
      console.log(
        `  captured ${Object.values(captured)
          .map((s) => s.length)
          .join(' / ')} statements (overview / ranking / list)`,
      );
      if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, json(captured));
      const [me] = await bare<{ bypass: boolean }[]>`
        select rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user`;
      rlsOffPossible = Boolean(me?.bypass);
      // RLS off must give the same answer: the explicit district filter alone keeps the scope
      if (rlsOffPossible) {
        result.sameAnswer = true;
        for (const key of ['overview', 'ranking'] as const) {
          const tx = tenantTransaction(captured[key] ?? []);
          const on = (await replay(bare, tx)).filter((_r, i) => !setsScope(tx[i]));
          const off = await replay(bare, withoutRls(tx));
          if (json(on.map(sortedRows)) !== json(off.map(sortedRows))) result.sameAnswer = false;
        }
      } else {
        result.note = 'RLS off needs a superuser or BYPASSRLS connection; skipped';
      }
    }

    for (const key of FIGURES.has('kpis') ? (['overview', 'ranking'] as const) : []) {
      const path = key === 'overview' ? OVERVIEW : RANKING;
      const samples = { http: [] as number[], bare: [] as number[], on: [] as number[], off: [] as number[] };
      console.log(`  measuring ${key}…`);
      const all = captured[key] ?? [];
      const tx = tenantTransaction(all);
      const txOff = withoutRls(tx);
      for (let i = 0; i < 3; i++) {
        await get(base, path, cookie);
        if (bare) await replay(bare, all);
      }
      // interleaved, so drift on a shared machine falls on both sides alike
      for (let i = 0; i < SAMPLES; i++) {
        samples.http.push(await timed(() => get(base, path, cookie)));
        if (bare) {
          samples.bare.push(await timed(() => replay(bare, all)));
          samples.on.push(await timed(() => replay(bare, tx)));
          if (rlsOffPossible) samples.off.push(await timed(() => replay(bare, txOff)));
        }
      }
      const figures = result[key];
      figures.http = percentiles(samples.http);
      if (bare) {
        figures.bare = percentiles(samples.bare);
        figures.rlsOn = percentiles(samples.on);
        if (rlsOffPossible) figures.rlsOff = percentiles(samples.off);
      }
      console.log(
        `  ${key}: HTTP p50 ${ms(figures.http.p50)} p95 ${ms(figures.http.p95)}` +
          (figures.bare ? ` · bare p50 ${ms(figures.bare.p50)} p95 ${ms(figures.bare.p95)}` : '') +
          (figures.rlsOn && figures.rlsOff
            ? ` · RLS on p50 ${ms(figures.rlsOn.p50)} off ${ms(figures.rlsOff.p50)}`
            : ''),
      );
    }

    if (FIGURES.has('list')) {
      // alternated, so that drift on a shared machine (other processes, the OS) falls on both sides alike
      // both sides warm (JIT, prepared statements, pooled connections) before anything is counted:
      // without it the first API round came out lowest in every run
      await load(base, LIST, cookie, 2);
      if (bare) await bareLoad(bare, captured.list ?? [], 2);
      const rounds = { api: [] as number[], bare: [] as number[] };
      const cpu = { api: [] as CpuSplit[], bare: [] as CpuSplit[] };
      for (let i = 0; i < LIST_ROUNDS; i++) {
        const api = await withCpu(child.pid, () => load(base, LIST, cookie));
        rounds.api.push(api.rps);
        cpu.api.push(api.cpu);
        if (bare) {
          const b = await withCpu(undefined, () => bareLoad(bare, captured.list ?? []));
          rounds.bare.push(b.rps);
          cpu.bare.push(b.cpu);
        }
        console.log(
          `  list round ${i + 1}/${LIST_ROUNDS}: ${rounds.api.at(-1)?.toFixed(0)} req/s` +
            (bare ? ` · bare ${rounds.bare.at(-1)?.toFixed(0)} req/s` : '') +
            ` · CPU ms/request: API ${cpuText(api.cpu)}` +
            (bare ? ` · bare ${cpuText(cpu.bare.at(-1) as CpuSplit)}` : ''),
        );
      }
      result.list.rps = median(rounds.api);
      result.list.cpu = { api: medianSplit(cpu.api), bare: bare ? medianSplit(cpu.bare) : undefined };
      if (bare) {
        result.list.bareRps = median(rounds.bare);
        result.list.ratios = rounds.api.map((rps, i) => rps / (rounds.bare[i] as number));
      }
      result.list.statements = captured.list?.length;
    }
    console.log(
      `  list: ${result.list.rps.toFixed(0)} req/s` +
        (result.list.bareRps ? ` · bare ${result.list.bareRps.toFixed(0)} req/s` : ''),
    );
    await bare?.end();
    return result;
  } finally {
    await stopServer(child);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

// ----- report --------------------------------------------------------------------------------------

function reportOf(results: SizeResult[], machine: Record<string, string>, notes: string[]): string {
  const lines: string[] = [];
  lines.push('# Benchmarks', '');
  lines.push(
    'Written by `pnpm bench` (apps/api/src/scripts/bench.ts); the data by `pnpm gen` (packages/db/src/scripts/generate.ts). ' +
      'Ratios are measured in one run, interleaved, against the limit doing the same work; absolute times on this shared 2-core machine are noisy.',
    '',
  );
  for (const [k, v] of Object.entries(machine)) lines.push(`- ${k}: ${v}`);
  lines.push('');
  for (const r of results) {
    const d = SIZES[r.size];
    lines.push(
      `## ${r.size}: ${d.districts} district(s) × ${d.communities} communities × ${d.months} months, ${r.kind}`,
      '',
    );
    lines.push(
      `Generated ${r.generated.rows.toLocaleString('en')} rows (${r.generated.counts.monthly_reports.toLocaleString('en')} reports, ` +
        `${r.generated.counts.report_events.toLocaleString('en')} report events, ${r.generated.counts.ledger_entries.toLocaleString('en')} ledger entries, ` +
        `${r.generated.counts.ventures.toLocaleString('en')} ventures) in ${(r.generated.ms / 1000).toFixed(1)} s ` +
        `(${Math.round(r.generated.rows / (r.generated.ms / 1000)).toLocaleString('en')} rows/s). ` +
        `Requests as \`${r.generated.districts[0]?.adminEmail}\` (district admin of one district, ${d.communities} communities).`,
      '',
    );
    lines.push('| figure | p50 | p95 | ratio | target | |', '| --- | --- | --- | --- | --- | --- |');
    for (const key of FIGURES.has('kpis') ? (['overview', 'ranking'] as const) : []) {
      const f = r[key];
      const path = key === 'overview' ? OVERVIEW : RANKING;
      const overP95 = key === 'overview' && r.size === 'large' && r.kind === 'postgres';
      lines.push(
        `| ${key} through HTTP (\`${path.replace('/api/v1', '')}\`) | ${ms(f.http.p50)} | ${ms(f.http.p95)} | | ${overP95 ? `p95 ≤ ${TARGETS.overviewP95Ms} ms` : ''} | ${overP95 ? verdict(f.http.p95 <= TARGETS.overviewP95Ms) : ''} |`,
      );
      if (f.bare) {
        const o = f.http.p50 / f.bare.p50;
        lines.push(
          `| ${key}: the same statements through \`postgres\` | ${ms(f.bare.p50)} | ${ms(f.bare.p95)} | API overhead ${ratio(o)} (p50), ${ratio(f.http.p95 / f.bare.p95)} (p95) | ≤ ${TARGETS.apiOverhead}× | ${verdict(o <= TARGETS.apiOverhead)} |`,
        );
      }
      if (f.rlsOn && f.rlsOff) {
        const c = f.rlsOn.p50 / f.rlsOff.p50;
        lines.push(
          `| ${key}: KPI transaction, RLS on (runtime role + scope) | ${ms(f.rlsOn.p50)} | ${ms(f.rlsOn.p95)} | | | |`,
          `| ${key}: KPI transaction, RLS off (owner, explicit district filter) | ${ms(f.rlsOff.p50)} | ${ms(f.rlsOff.p95)} | RLS cost ${ratio(c)} (p50), ${ratio(f.rlsOn.p95 / f.rlsOff.p95)} (p95) | ≤ ${TARGETS.rlsCost}× | ${verdict(c <= TARGETS.rlsCost)} |`,
        );
      }
    }
    const rounds = `median of ${LIST_ROUNDS} round(s) of ${DURATION} s`;
    lines.push(
      `| \`GET /communities\` under autocannon, 50 connections, ${rounds} | ${r.list.rps.toFixed(0)} req/s | | | | |`,
    );
    if (r.list.bareRps && r.list.ratios) {
      const q = median(r.list.ratios);
      const each = r.list.ratios.map((x) => x.toFixed(2)).join(', ');
      lines.push(
        `| the same ${r.list.statements} statements per request through \`postgres\`, 50 in flight, alternated with the API | ${r.list.bareRps.toFixed(0)} req/s | | ${ratio(q)} of bare (median; rounds ${each}) | ≥ ${TARGETS.listRps}× | ${verdict(q >= TARGETS.listRps)} |`,
      );
    }
    if (r.list.cpu) {
      const { api, bare } = r.list.cpu;
      lines.push(
        '',
        `CPU per request of the list figure (median of the rounds, from /proc): API side ${cpuText(api, { server: 'API server', client: 'autocannon' })} ms` +
          (bare ? `; bare side ${cpuText(bare, { server: '', client: 'the `postgres` loop' })} ms` : '') +
          ". Both sides share the machine's cores with PostgreSQL, so the side that spends more CPU per request outside the database serves fewer requests.",
      );
    }
    if (r.sameAnswer !== undefined)
      lines.push(
        '',
        `RLS off returned ${r.sameAnswer ? 'the same rows as' : '**different rows from**'} RLS on.`,
      );
    if (r.note) lines.push('', r.note);
    lines.push('');
  }
  const pg = results.find((r) => r.size === 'small' && r.kind === 'postgres');
  const lite = results.find((r) => r.size === 'small' && r.kind === 'pglite');
  if (pg && lite) {
    lines.push(
      '## PGlite against PostgreSQL (small)',
      '',
      '| figure | PGlite | PostgreSQL | PGlite ÷ PostgreSQL |',
      '| --- | --- | --- | --- |',
    );
    for (const key of ['overview', 'ranking'] as const) {
      lines.push(
        `| ${key} HTTP p50 | ${ms(lite[key].http.p50)} | ${ms(pg[key].http.p50)} | ${ratio(lite[key].http.p50 / pg[key].http.p50)} |`,
        `| ${key} HTTP p95 | ${ms(lite[key].http.p95)} | ${ms(pg[key].http.p95)} | ${ratio(lite[key].http.p95 / pg[key].http.p95)} |`,
      );
    }
    lines.push(
      `| list req/s | ${lite.list.rps.toFixed(0)} | ${pg.list.rps.toFixed(0)} | ${ratio(lite.list.rps / pg.list.rps)} |`,
      `| generation | ${(lite.generated.ms / 1000).toFixed(1)} s | ${(pg.generated.ms / 1000).toFixed(1)} s | ${ratio(lite.generated.ms / pg.generated.ms)} |`,
      '',
    );
  }
  if (notes.length) lines.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  return `${lines.join('\n')}\n`;
}

// ----- main ----------------------------------------------------------------------------------------

const results: SizeResult[] = [];
const notes: string[] = [];
let pgVersion = 'n/a (PGlite only: DATABASE_URL unset)';
if (BASE_URL) {
  const sql = postgres(BASE_URL, { max: 1 });
  const [row] = await sql<{ server_version: string }[]>`show server_version`;
  pgVersion = row?.server_version ?? '?';
  await sql.end();
}
for (const size of sizes) {
  if (BASE_URL && KINDS.has('postgres')) results.push(await runSize(size, 'postgres'));
  if ((size === 'small' || !BASE_URL) && KINDS.has('pglite')) results.push(await runSize(size, 'pglite'));
}
const command =
  `pnpm bench --sizes ${sizes.join(',')} --samples ${SAMPLES} --duration ${DURATION} --seed ${SEED}` +
  ` --list-rounds ${LIST_ROUNDS}` +
  (PARTIAL ? ` --figures ${[...FIGURES].join(',')} --kinds ${[...KINDS].join(',')}` : '');
const machine = {
  date: new Date().toISOString(),
  command: `\`${BASE_URL ? 'DATABASE_URL=postgres://…' : ''} ${command}\``.replace('` ', '`'),
  machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${os.type()} ${os.release()}, Node ${process.version}`,
  PostgreSQL: pgVersion,
  PGlite: '0.5 (PostgreSQL 18, embedded, one connection, in the server process)',
};
if (!sizes.includes('large')) notes.push('The large size was not run in this invocation (`--sizes small`).');
const report = reportOf(results, machine, notes);
console.log(`\n${report}`);
if (OUT) {
  writeFileSync(OUT, report);
  console.log(`written to ${OUT}`);
} else {
  console.log('a partial run: no report written (--out to write one)');
}
