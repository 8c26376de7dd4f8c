/**
 * The API as `pnpm bench` measures it: a real @hono/node-server on a random loopback port, in its own
 * process (so the load generator does not share its event loop), on BENCH_DATABASE_URL or the PGlite
 * folder BENCH_DATA_DIR. Prints `{"port":…}` once listening; SIGTERM closes it.
 */
import { LoginThrottle } from '@gongfu/auth';
import { openDatabase } from '@gongfu/db';
import { serve } from '@hono/node-server';
import { createApp } from '../app';
import { createLogger } from '../logger';

const url = process.env.BENCH_DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR;
const handle = await openDatabase(url ? { url } : { dataDir });
const app = createApp({
  db: handle.db,
  dbKind: handle.kind,
  logger: createLogger(process.env.LOG_LEVEL ?? 'warn'),
  throttle: new LoginThrottle(),
  // the built admin app (with its precompressed copies), for the cockpit's first-load figure
  adminDist: process.env.BENCH_ADMIN_DIST,
});
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
const stop = () => {
  server.close(() => {
    void handle.close().then(() => process.exit(0));
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
