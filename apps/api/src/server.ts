/**
 * `pnpm start`: the API and the built admin app on one port, on the embedded PGlite database unless
 * DATABASE_URL names a PostgreSQL server. Ctrl-C (SIGINT) or SIGTERM stops it cleanly.
 */
import { createApp } from './app';
import { createDeps, demoLoginsText, prepareDatabase, StartupError } from './boot';
import { closingWhenDraining, drain } from './drain';
import { readEnv } from './env';
import { listen, serverSettings } from './listen';
import { createLogger } from './logger';

const env = readEnv();
const logger = createLogger(env.LOG_LEVEL);

let handle: Awaited<ReturnType<typeof prepareDatabase>>;
try {
  handle = await prepareDatabase(env, logger);
} catch (error) {
  // a refusal we explain (StartupError) is said in a sentence; anything else keeps its stack in the log
  if (error instanceof StartupError) logger.fatal({ reason: error.message }, 'refusing to start');
  else logger.fatal({ err: error }, 'refusing to start');
  console.error(`\n共富 Gongfu cannot start: ${(error as Error).message || String(error)}\n`);
  process.exit(1);
}

const app = createApp(createDeps(env, handle, logger));
const server = listen(closingWhenDraining(app.fetch), serverSettings(env), (info) => {
  const url = `http://${env.HOST === '127.0.0.1' || env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${info.port}`;
  const where = handle.kind === 'pglite' ? `embedded PGlite in ${env.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)';
  const reach =
    env.HOST === '127.0.0.1' ? 'this machine only (HOST=0.0.0.0 exposes it; see README)' : `${env.HOST}`;
  console.log(
    `\n共富 Gongfu is running at ${url}  (API: ${url}/api, docs: ${url}/api/docs)\n` +
      `listening on: ${reach}\ndatabase: ${where}\n\ndemo logins:\n${demoLoginsText()}\n\nCtrl-C stops it.\n`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error({ shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'shutdown took too long; exiting');
    process.exit(1);
  }, env.SHUTDOWN_TIMEOUT_MS);
  force.unref();
  // stop taking connections, answer every request already sent (drain.ts), then close the database
  await drain(server);
  await handle.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
