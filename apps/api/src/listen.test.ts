/**
 * The server as node runs it (issue 13 items 7 and 8): it listens on 127.0.0.1 unless HOST says otherwise, closes
 * sockets that never finish their headers or their body, caps its connections, and keeps answering /api/health
 * meanwhile. Real sockets against `listen()` — what server.ts runs — with the timeouts made small through the
 * environment's own variables.
 */

import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from './env';
import { listen, serverSettings } from './listen';
import { createTestApp, type TestApp } from './testing/test-app';

let t: TestApp;
const servers: Array<ReturnType<typeof listen>> = [];
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  for (const server of servers) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  await t?.close();
});

async function start(variables: Record<string, string>) {
  const settings = { ...serverSettings(readEnv(variables)), port: 0 };
  const server = listen(t.app.fetch, settings);
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return server;
}
const addressOf = (server: ReturnType<typeof listen>) => server.address() as AddressInfo;

/** A socket that starts a request and never finishes its headers (a line every 200 ms: slowloris). */
function slowHeaders(port: number): { socket: Socket; closed: Promise<number> } {
  const socket = connect(port, '127.0.0.1');
  const opened = Date.now();
  socket.on('error', () => {});
  socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  let n = 0;
  const trickle = setInterval(() => {
    if (!socket.destroyed) socket.write(`X-Slow-${n++}: a\r\n`);
  }, 200);
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      clearInterval(trickle);
      resolve(Date.now() - opened);
    }),
  );
  return { socket, closed };
}

async function health(port: number): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
  return { status: res.status, ms: Date.now() - started };
}

describe('where it listens', () => {
  it('127.0.0.1 by default; HOST changes it', async () => {
    expect(readEnv({}).HOST).toBe('127.0.0.1');
    expect(readEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    const server = await start({});
    expect(addressOf(server).address).toBe('127.0.0.1');
  });

  it('has bounded timeouts and a connection cap by default', () => {
    const settings = serverSettings(readEnv({}));
    expect(settings.headersTimeoutMs).toBeGreaterThan(0);
    expect(settings.headersTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(settings.requestTimeoutMs).toBeGreaterThan(0);
    expect(settings.requestTimeoutMs).toBeLessThanOrEqual(120_000);
    expect(settings.maxConnections).toBeGreaterThan(0);
  });
});

describe('slow clients', () => {
  it('sockets that never finish their headers are closed after HEADERS_TIMEOUT_MS; health answers throughout', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' });
    const { port } = addressOf(server);
    const slow = Array.from({ length: 100 }, () => slowHeaders(port));
    await new Promise((r) => setTimeout(r, 300));
    // while they hang on
    const during = await health(port);
    expect(during.status).toBe(200);
    expect(during.ms).toBeLessThan(1000);
    const lifetimes = await Promise.all(slow.map((s) => s.closed));
    // closed by the server, not held: the timeout plus at most the check interval and some slack
    expect(Math.max(...lifetimes)).toBeLessThan(4000);
    expect(Math.min(...lifetimes)).toBeGreaterThanOrEqual(900);
    expect((await health(port)).status).toBe(200);
  });

  it('a body that never arrives is cut off after REQUEST_TIMEOUT_MS', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '1500' });
    const { port } = addressOf(server);
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    const opened = Date.now();
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
    });
    socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email"',
    );
    await new Promise((r) => socket.once('close', r));
    const lifetime = Date.now() - opened;
    expect(lifetime).toBeLessThan(4000);
    expect(lifetime).toBeGreaterThanOrEqual(1400);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('connections over MAX_CONNECTIONS are refused at once; health answers when they are gone', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '1000', MAX_CONNECTIONS: '20' });
    const { port } = addressOf(server);
    const sockets = Array.from({ length: 40 }, () => slowHeaders(port));
    const early = await Promise.all(
      sockets.map((s) =>
        Promise.race([s.closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 500))]),
      ),
    );
    expect(early.filter(Boolean).length).toBeGreaterThanOrEqual(20);
    await Promise.all(sockets.map((s) => s.closed));
    expect((await health(port)).status).toBe(200);
  });
});
