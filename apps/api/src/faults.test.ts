/**
 * Faults (issue 13, "Faults on PostgreSQL"): what the API does when the database or the machine misbehaves.
 *
 * - a backend killed in the middle of a write's transaction: nothing of the write stays, the client gets a 503
 *   in the error shape, and the next request succeeds on a new connection;
 * - the database going away and coming back (a TCP proxy between the pool and the server, cut and restored):
 *   /api/ready answers 503, then 200 again, with no restart;
 * - a statement running past STATEMENT_TIMEOUT_MS: 503 in the error shape, and the connection serves on;
 * - SIGTERM while requests are in flight: every one of them is answered, then the process exits 0;
 * - an embedded data folder the server cannot write: a sentence naming the folder and what to do, no stack.
 *
 * The first three need a PostgreSQL server (PGlite lives in the process: it has no backend to kill, no
 * connection to lose and no statement_timeout); they run in CI's PostgreSQL pass and say so in their names.
 */

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword, LoginThrottle } from '@gongfu/auth';
import { type DatabaseHandle, DEMO_PASSWORD, migrateToLatest, openDatabase, seedDemo } from '@gongfu/db';
import { sql } from 'kysely';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import {
  buildServer,
  createDatabase,
  type ServerProcess,
  startServer,
  waitReady,
} from './testing/server-process';

const postgresUrl = process.env.DATABASE_URL || undefined;
const onPostgres = postgresUrl !== undefined;

function errorShaped(body: unknown) {
  expect(body).toMatchObject({ error: { code: 'unavailable', message: expect.any(String) } });
}

async function loginCookie(app: {
  request: (path: string, init: RequestInit) => Response | Promise<Response>;
}) {
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@dongqu.demo', password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function appOn(handle: DatabaseHandle) {
  return createApp({
    db: handle.db,
    dbKind: handle.kind,
    logger: pino({ level: 'silent' }),
    throttle: new LoginThrottle(),
  });
}

/** A TCP relay between the pool and PostgreSQL that can be cut (the server "gone") and restored on its port. */
class CuttableProxy {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {}

  async open() {
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.upstreamPort, this.upstreamHost);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => {
          this.#sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  /** as the server stopping: every connection drops, and new ones are refused */
  async cut() {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise((r) => server.close(r));
  }
}

describe('faults on PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let direct: DatabaseHandle | undefined;
  let superuser: postgres.Sql | undefined;

  beforeAll(async () => {
    if (!postgresUrl) return;
    database = await createDatabase(postgresUrl, 'gongfu_faults');
    direct = await openDatabase({ url: database.url });
    await migrateToLatest(direct.db);
    await seedDemo(direct.db, { hashPassword });
    superuser = postgres(database.url, { max: 3, onnotice: () => {} });
  });
  afterAll(async () => {
    await superuser?.end({ timeout: 5 });
    await direct?.close();
    await database?.drop();
  });

  it.runIf(onPostgres)(
    'on PostgreSQL only: a backend killed mid-transaction leaves no partial write, answers 503, and the next request succeeds',
    async () => {
      if (!direct || !superuser || !database) throw new Error('no database');
      const app = appOn(direct);
      const cookie = await loginCookie(app);
      const name = `断线测试社区-${Date.now()}`;
      const create = () =>
        app.request('/api/v1/communities', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', cookie },
          body: JSON.stringify({ name, kind: 'urban' }),
        });
      const dbName = new URL(database.url).pathname.slice(1);

      // The write inserts the community, then its audit row: holding audit_log in SHARE mode from another
      // connection stops it between the two, inside its transaction. That backend is the one we kill.
      let release!: () => void;
      const released = new Promise<void>((r) => {
        release = r;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => {
        locked = r;
      });
      const holder = superuser.begin(async (tx) => {
        await tx`lock table audit_log in share mode`;
        locked();
        await released;
      });
      await isLocked;
      const pending = create();
      let victim: number | undefined;
      for (let i = 0; i < 400 && victim === undefined; i++) {
        const rows = await superuser<{ pid: number }[]>`
          select pid from pg_stat_activity
          where datname = ${dbName} and wait_event_type = 'Lock' and query ilike '%audit_log%'`;
        victim = rows[0]?.pid;
        if (victim === undefined) await new Promise((r) => setTimeout(r, 25));
      }
      expect(victim, 'the write never reached its audit row').toBeDefined();
      // the community's row is written, uncommitted, in the victim's transaction
      const [terminated] = await superuser<{ killed: boolean }[]>`
        select pg_terminate_backend(${victim ?? 0}) as killed`;
      expect(terminated?.killed).toBe(true);
      release();
      await holder;
      const res = await pending;
      expect(res.status).toBe(503);
      errorShaped(await res.json());
      const half = await sql<{
        n: number;
      }>`select count(*)::int as n from communities where name = ${name}`.execute(direct.db);
      expect(half.rows[0]?.n).toBe(0);
      const again = await create();
      expect(again.status).toBe(201);
      const { id } = await again.json();
      const audited = await sql<{ n: number }>`
        select count(*)::int as n from audit_log where entity_id = ${id} and action = 'community.create'`.execute(
        direct.db,
      );
      expect(audited.rows[0]?.n).toBe(1);
    },
  );

  it.runIf(onPostgres)(
    'on PostgreSQL only: the database goes away and comes back — /api/ready 503 then 200, no restart',
    async () => {
      if (!database) throw new Error('no database');
      const target = new URL(database.url);
      const proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
      await proxy.open();
      const viaProxy = new URL(database.url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const handle = await openDatabase({ url: viaProxy.toString(), maxConnections: 2 });
      const app = appOn(handle);
      try {
        expect((await app.request('/api/ready')).status).toBe(200);
        const cookie = await loginCookie(app);
        const list = () => app.request('/api/v1/communities', { headers: { cookie } });
        const first = await list();
        expect(first.status).toBe(200);
        const before = await first.json();

        await proxy.cut();
        const down = await app.request('/api/ready');
        expect(down.status).toBe(503);
        errorShaped(await down.json());
        const refused = await list();
        expect(refused.status).toBe(503);
        errorShaped(await refused.json());
        expect((await app.request('/api/health')).status).toBe(200);

        await proxy.open(); // the same port, as a restarted server
        expect((await app.request('/api/ready')).status).toBe(200);
        const back = await list();
        expect(back.status).toBe(200);
        expect(await back.json()).toEqual(before);
      } finally {
        await handle.close().catch(() => {});
        await proxy.cut();
      }
    },
  );

  it.runIf(onPostgres)(
    'on PostgreSQL only: a statement over statement_timeout answers 503 in the error shape, and the pool serves on',
    async () => {
      if (!database || !superuser) throw new Error('no database');
      const handle = await openDatabase({ url: database.url, maxConnections: 2, statementTimeoutMs: 300 });
      const app = appOn(handle);
      try {
        const cookie = await loginCookie(app);
        const list = () => app.request('/api/v1/communities', { headers: { cookie } });
        // a statement that cannot finish in time: the list waits on a lock another connection holds
        let release!: () => void;
        const released = new Promise<void>((r) => {
          release = r;
        });
        let locked!: () => void;
        const isLocked = new Promise<void>((r) => {
          locked = r;
        });
        const holder = superuser.begin(async (tx) => {
          await tx`lock table communities in access exclusive mode`;
          locked();
          await released;
        });
        await isLocked;
        let res: Response;
        try {
          res = await list();
        } finally {
          release();
          await holder;
        }
        expect(res.status).toBe(503);
        errorShaped(await res.json());
        const after = await list();
        expect(after.status).toBe(200);
        const timeout = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(handle.db);
        expect(timeout.rows[0]?.statement_timeout).toBe('300ms');
      } finally {
        await handle.close();
      }
    },
  );
});

describe('the server process', () => {
  let entry: string;
  let database: { url: string; drop(): Promise<void> } | undefined;
  const folders: string[] = [];
  const servers: ServerProcess[] = [];

  let pgliteDir: string | undefined;
  beforeAll(async () => {
    entry = buildServer();
    // the demo's accounts without its two years of history (which the server would otherwise seed on a
    // first start, a minute on a busy machine): the server finds the district and adds nothing
    if (postgresUrl) database = await createDatabase(postgresUrl, 'gongfu_sigterm');
    else pgliteDir = join(tempFolder(), 'pglite');
    const handle = await openDatabase(database ? { url: database.url } : { dataDir: pgliteDir });
    await migrateToLatest(handle.db);
    await seedDemo(handle.db, { hashPassword });
    await handle.close();
  });
  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await database?.drop();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  function tempFolder() {
    const dir = mkdtempSync(join(tmpdir(), 'gongfu-faults-'));
    folders.push(dir);
    return dir;
  }

  /**
   * One request on a connection of its own (no keep-alive): `done` is its status, or the socket error that ended
   * it; `sent` resolves once the whole request is handed to the connection (the kernel holds it for the server).
   */
  function send(
    base: string,
    path: string,
    init: { method?: string; body?: string; cookie?: string; forwardedFor?: string } = {},
  ) {
    let sent!: () => void;
    const written = new Promise<void>((r) => {
      sent = r;
    });
    const done = new Promise<number | string>((resolve) => {
      const req = httpRequest(`${base}${path}`, {
        method: init.method ?? 'GET',
        agent: false,
        headers: {
          ...(init.cookie ? { cookie: init.cookie } : {}),
          ...(init.forwardedFor ? { 'x-forwarded-for': init.forwardedFor } : {}),
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      });
      req.on('finish', sent);
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', (e) => resolve(`response: ${e.message}`));
      });
      req.on('error', (e) => {
        sent();
        resolve(`request: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
      });
      req.end(init.body);
    });
    return { sent: written, done };
  }
  const oneShot: (...args: Parameters<typeof send>) => Promise<number | string> = (...args) =>
    send(...args).done;

  it(`SIGTERM under load: every request in flight is answered, then the process exits 0 (${onPostgres ? 'PostgreSQL' : 'embedded PGlite'})`, async () => {
    const server = await startServer([entry], {
      TRUST_PROXY: '1',
      ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: pgliteDir ?? '' }),
    });
    servers.push(server);
    await waitReady(server);
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@dongqu.demo', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const month = '2025-06';

    // reads of the cockpit and the lists, and logins (a password hash each): a mix that keeps the server busy
    const paths = [
      `/api/v1/kpis/overview?period=year&month=${month}`,
      `/api/v1/kpis/ranking?kpi=community_income&period=year&month=${month}`,
      '/api/v1/communities',
      `/api/v1/reports/status?month=${month}`,
    ];
    const settled: Array<number | string> = [];
    const shoot = (i: number) => {
      const shot =
        i % 5 === 4
          ? send(server.base, '/api/v1/auth/login', {
              method: 'POST',
              body: JSON.stringify({ email: 'viewer@dongqu.demo', password: DEMO_PASSWORD }),
              // as many people behind the proxy: the throttle counts a login before it checks it
              forwardedFor: `10.13.0.${i}`,
            })
          : send(server.base, paths[i % paths.length] as string, { cookie });
      return {
        sent: shot.sent,
        done: shot.done.then((status) => {
          settled.push(status);
          return status;
        }),
      };
    };
    // 30 requests the server is working on …
    const working = Array.from({ length: 30 }, (_, i) => shoot(i));
    await Promise.race(working.map(({ done }) => done));
    // … and 30 the kernel holds for it, as on a busy machine: the process is paused (SIGSTOP) while they are sent,
    // so none of them is accepted yet when the signal comes (they were reset when it closed its listener at once)
    server.child.kill('SIGSTOP');
    const queued = Array.from({ length: 30 }, (_, i) => shoot(30 + i));
    await Promise.all(queued.map(({ sent }) => sent));
    const answeredBeforeSignal = settled.length;
    server.child.kill('SIGTERM');
    server.child.kill('SIGCONT');
    const statuses = await Promise.all([...working, ...queued].map(({ done }) => done));
    const code = await server.exited;

    expect(answeredBeforeSignal, 'requests were still in flight at SIGTERM').toBeLessThan(30);
    // a server that gives up draining (SHUTDOWN_TIMEOUT_MS) exits 1 and resets what it had not answered: say so
    expect(code, `the server's log:\n${server.stderr()}`).toBe(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // and it is gone: nothing listens on its port any more
    expect(await oneShot(server.base, '/api/health')).toBe('request: ECONNREFUSED');
  }, 240_000);

  it('an embedded data folder it cannot write: a sentence naming the folder and what to do, no stack trace', async () => {
    // root may write anywhere a mode allows nothing: as root, a folder under sysfs, which refuses even root (EPERM).
    // (Running the server as nobody instead fails in a clone under a private 0700 folder, as CI's is.)
    const asRoot = process.getuid?.() === 0;
    const readOnly = asRoot ? '/sys/gongfu-unwritable/pglite' : tempFolder();
    if (!asRoot) chmodSync(readOnly, 0o555);
    const notAFolder = join(tempFolder(), 'a-file');
    writeFileSync(notAFolder, '');
    const cases = [
      { dir: readOnly, options: {}, cause: /EACCES|EROFS|EPERM/ },
      { dir: join(notAFolder, 'pglite'), options: {}, cause: /ENOTDIR/ },
    ];
    for (const { dir, options, cause } of cases) {
      const server = await startServer([entry], { DATA_DIR: dir, LOG_LEVEL: 'info' }, options);
      servers.push(server);
      const code = await server.exited;
      expect(code).toBe(1);
      const said = server.stderr();
      expect(said).toContain(`共富 Gongfu cannot start: the data folder ${dir} is not writable`);
      expect(said).toMatch(cause);
      expect(said).toContain('set DATA_DIR to a folder it can write');
      // no stack trace on either stream
      expect(`${said}${server.stdout()}`).not.toMatch(/\n\s+at |"stack"/);
    }
  }, 240_000);
});
