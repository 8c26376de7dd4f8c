import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** The only reader of process.env in the API: validated once, at start. */
const repositoryRoot = workspaceRootAbove(import.meta.dirname);

/** The folder holding pnpm-workspace.yaml: the same from src/ under tsx and from the built dist/server.js. */
function workspaceRootAbove(folder: string): string {
  for (let dir = folder; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'pnpm-workspace.yaml'))) return dir;
  }
  return resolve(folder, '../../..');
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Loopback unless told: exposing the server is a decision (README: HOST=0.0.0.0, or a proxy in front). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * The origin people reach the server at (`https://gongfu.example.gov.cn`): the CSRF check's "own origin"
   * behind a proxy (ADR 0019). Unset: the request's own URL (with TRUST_PROXY, the forwarded scheme and host).
   */
  PUBLIC_ORIGIN: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      try {
        const url = new URL(value);
        if ((url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search)
          return url.origin;
      } catch {
        // reported below
      }
      ctx.addIssue({
        code: 'custom',
        message: 'must be a bare origin such as https://gongfu.example.gov.cn',
      });
      return z.NEVER;
    }),
  /** Slow clients: a request's headers must arrive within this (slowloris), … */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** … and the whole request, body included, within this. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Open connections at most; more are refused at once (file descriptors and memory stay bounded). */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /**
   * On SIGTERM/SIGINT the server answers what it was sent, then exits; past this it exits anyway (code 1). 30 s is
   * what container platforms wait before they kill (Kubernetes' terminationGracePeriodSeconds); on the embedded
   * database a busy server needs more than a few seconds to answer its queue, one statement at a time.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** PostgreSQL server; when unset, the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * PostgreSQL cancels a request's statement running longer than this and the request answers 503 (a runaway
   * query must not hold a connection of the pool for ever); 0 turns it off. Migrations are not bound by it.
   */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  DATA_DIR: z.string().default(resolve(repositoryRoot, '.data/pglite')),
  /** Adds the demo district to a PostgreSQL database (the embedded default always has it). */
  SEED_DEMO: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  ADMIN_DIST: z.string().default(resolve(repositoryRoot, 'apps/admin/dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto / X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  NODE_ENV: z.string().default(''),
  /**
   * Browser flows only: mounts `/api/test/clock`, which moves the business clock (src/clock.ts). Never in
   * production: with NODE_ENV=production the server refuses to start rather than ignore it silently.
   */
  GONGFU_TEST_CLOCK: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  if (parsed.data.HEADERS_TIMEOUT_MS > parsed.data.REQUEST_TIMEOUT_MS) {
    throw new Error('invalid environment: HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS');
  }
  if (parsed.data.GONGFU_TEST_CLOCK && parsed.data.NODE_ENV === 'production') {
    throw new Error(
      'invalid environment: GONGFU_TEST_CLOCK lets anyone move the server’s clock; it is for browser tests and never honoured with NODE_ENV=production',
    );
  }
  return parsed.data;
}

/** What the operator CLI reads: the server's database settings, its language (LANG) and the shell's user. */
export function readCliEnv(source: Record<string, string | undefined> = process.env) {
  const env = readEnv(source);
  return {
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    lang: (source.LANG ?? '').toLowerCase().startsWith('en') ? ('en' as const) : ('zh-CN' as const),
    operator: source.USER ?? 'operator',
  };
}

/** This process's variables without the database's: for a child server that must be told which database to use. */
export function environmentWithoutDatabase(source: Record<string, string | undefined> = process.env) {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...rest } = source;
  return rest;
}
