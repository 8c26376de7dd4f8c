/**
 * The server as a process of its own, for tests and scripts that need what only a process shows: signals,
 * start-up refusals, its resident memory. Also fresh PostgreSQL databases whose URL can be handed to it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { environmentWithoutDatabase } from '../env';

export const API_DIR = resolve(import.meta.dirname, '../..');

/** `pnpm build`'s bundle of the API, made again so a test never runs a stale one. */
export function buildServer(): string {
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: API_DIR, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`node build.mjs failed:\n${built.stdout}\n${built.stderr}`);
  return resolve(API_DIR, 'dist/server.js');
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  /** everything it wrote so far */
  stdout(): string;
  stderr(): string;
  /** resolves with the exit code (or the signal's name) */
  exited: Promise<number | string>;
}

/**
 * Starts `args` (the built `dist/server.js`, or `--import tsx src/server.ts`) with `env` on a free port.
 * The variables of this process pass through except DATABASE_URL and DATA_DIR, which `env` must name.
 */
export async function startServer(
  args: string[],
  env: Record<string, string>,
  options: { uid?: number; gid?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const inherited = environmentWithoutDatabase();
  const child = spawn(process.execPath, args, {
    cwd: API_DIR,
    env: { ...inherited, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | string>((r) =>
    child.once('exit', (code, signal) => r(code ?? signal ?? 'unknown')),
  );
  return { child, port, base: `http://127.0.0.1:${port}`, stdout: () => out, stderr: () => err, exited };
}

/** Polls /api/ready until 200; throws with the server's output when it exits or `limitMs` passes. */
export async function waitReady(server: ServerProcess, limitMs = 200_000): Promise<void> {
  let gone = false;
  void server.exited.then(() => {
    gone = true;
  });
  const until = Date.now() + limitMs;
  while (Date.now() < until && !gone) {
    try {
      const res = await fetch(`${server.base}/api/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become ready:\n${server.stdout()}\n${server.stderr()}`);
}

/** A new, empty database on the server `url` names, and how to drop it. */
export async function createDatabase(
  url: string,
  prefix = 'gongfu_proc',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}
