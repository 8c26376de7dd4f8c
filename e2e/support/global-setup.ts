/**
 * Starts the real product the way `pnpm start` does (API + built admin on one port, embedded PGlite
 * with the demo district in a fresh data folder) and stops it after the flows.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serverEnv, serverPort } from './env';

const root = resolve(import.meta.dirname, '../..');
let server: ChildProcess | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject) {
  if (!existsSync(join(root, 'apps/admin/dist/index.html'))) {
    throw new Error('the admin app is not built: run `pnpm build` first (pnpm test:e2e does)');
  }
  dataDir = mkdtempSync(join(tmpdir(), 'gongfu-e2e-'));
  const port = serverPort();
  const env = serverEnv(port, dataDir);
  // the built server (what `pnpm start` runs), built here from the current source (under a second) so a flow
  // never tests a stale bundle; in its own process group so teardown stops the whole tree
  const apiDir = join(root, 'apps/api');
  execFileSync(process.execPath, ['build.mjs'], { cwd: apiDir, stdio: 'inherit' });
  server = spawn(process.execPath, ['--enable-source-maps', 'dist/server.js'], {
    cwd: apiDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  server.stdout?.on('data', (d) => {
    output += d;
  });
  server.stderr?.on('data', (d) => {
    output += d;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // first start seeds the demo district: about 20 s here, up to 4× that on a loaded machine
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', baseUrl);
}

export async function teardown() {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server?.once('exit', r));
    process.kill(-server.pid, 'SIGINT'); // the graceful shutdown a person's Ctrl-C gives
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 10_000)),
    ]);
    if (!stopped) process.kill(-server.pid, 'SIGKILL');
  }
  server?.stdout?.destroy();
  server?.stderr?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
