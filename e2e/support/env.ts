/** The browser flows' one look at the environment. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** E2E_PORT: a port of one's own when several people run flows on one machine; else one picked at random. */
export function serverPort(): number {
  return Number(process.env.E2E_PORT) || 3900 + Math.floor(Math.random() * 90);
}

/** The server's environment: ours, on a port and data folder of its own, on the embedded database. */
export function serverEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // the flows move the business clock through /api/test/clock instead of sleeping (ADR 0012); never in production
    GONGFU_TEST_CLOCK: '1',
  };
  delete env.DATABASE_URL; // the flows use the embedded default, as a newcomer does
  return env;
}
