import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword, LoginThrottle } from '@gongfu/auth';
import {
  assertRuntimeRoleIsSafe,
  type DatabaseHandle,
  DEMO_ACCOUNTS,
  DEMO_IDS,
  DEMO_PASSWORD,
  deterministicId,
  hasCitus,
  migrateToLatest,
  openDatabase,
  RUNTIME_ROLES,
  seedDemo,
  seedDemoHistory,
  withTenantTransaction,
} from '@gongfu/db';
import type { Scope } from '@gongfu/domain';
import type { Logger } from 'pino';
import type { Deps } from './context';
import type { Env } from './env';
import { refreshWarnings } from './features/oversight/warnings-service';
import { dbScopeOf } from './scope';

/**
 * Opens the database the environment names, migrates it (as the connecting owner role), adds the
 * demo district where it belongs, and proves requests cannot bypass RLS before anything is served.
 */
export async function prepareDatabase(env: Env, logger: Logger): Promise<DatabaseHandle> {
  const embedded = !env.DATABASE_URL;
  if (embedded) {
    assertWritableDataDir(env.DATA_DIR);
    let handle: DatabaseHandle;
    try {
      // in a worker thread: its statements must not hold the server's event loop (ADR 0029)
      handle = await openDatabase({
        dataDir: env.DATA_DIR,
        worker: true,
        // every request would answer 503 from now on: exit, so that systemd (Restart=) or the container restarts it
        onWorkerLost: (reason) => {
          logger.fatal({ reason }, 'the embedded database stopped; exiting');
          process.exit(1);
        },
      });
    } catch (error) {
      throw new StartupError(
        `the embedded database in ${env.DATA_DIR} could not be opened (${reasonOf(error)}). Check that the ` +
          'folder is writable and holds a database of this version (or is empty), or set DATA_DIR to another folder.',
      );
    }
    return migratedAndSeeded(handle, env, logger);
  }
  // Migrations and the demo seed run on a pool of their own, without the serving pool's statement_timeout:
  // a migration of a large database may rightly take minutes.
  const migrated = await migratedAndSeeded(await openDatabase({ url: env.DATABASE_URL }), env, logger);
  // a Citus coordinator's pool splits the session check's message (ADR 0027): found once, at start
  let citus: boolean;
  try {
    citus = await hasCitus(migrated.db);
  } finally {
    await migrated.close();
  }
  if (citus) logger.info('the database is a Citus coordinator');
  return openDatabase({ url: env.DATABASE_URL, statementTimeoutMs: env.STATEMENT_TIMEOUT_MS, citus });
}

/** A start-up refusal whose message says what is wrong and what to do: printed as it is, without a stack. */
export class StartupError extends Error {}

/**
 * The embedded database's folder must exist and take writes before PGlite opens it: PGlite's own failure
 * there is an "ErrnoError" with no message and no path. Writing a file proves more than access(2), which
 * answers yes to root on a read-only mount.
 */
function assertWritableDataDir(dir: string) {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new StartupError(
      `the data folder ${dir} is not writable (${reasonOf(error)}). Give the user running the server write ` +
        'access to it, or set DATA_DIR to a folder it can write (the embedded database is kept there).',
    );
  }
}

function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && typeof message === 'string' && message) return message;
  if (typeof message === 'string' && message) return message;
  if (typeof code === 'string') return code;
  return String((error as { name?: unknown })?.name ?? error);
}

async function migratedAndSeeded(handle: DatabaseHandle, env: Env, logger: Logger): Promise<DatabaseHandle> {
  const embedded = handle.kind === 'pglite';
  try {
    const migrated = await migrateToLatest(handle.db);
    const applied = migrated.results?.filter((r) => r.status === 'Success').length ?? 0;
    logger.info({ database: handle.kind, applied }, 'database migrated');
    for (const role of RUNTIME_ROLES) await assertRuntimeRoleIsSafe(handle.db, role);
    if (embedded || env.SEED_DEMO) {
      const seeded = await seedDemo(handle.db, { hashPassword });
      if (seeded.created) logger.info('demo district created');
      if (seeded.created) {
        logger.info(await seedDemoHistory(handle.db), 'demo history seeded');
        logger.info(await detectDemoWarnings(handle.db), 'demo warnings detected');
      }
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The demo's warnings, detected the way a district admin's "refresh" does, so the cockpit opens with
 * red and amber items to follow up (late reports, revenue falls, idle funds, expiring agreements…).
 */
async function detectDemoWarnings(db: DatabaseHandle['db']) {
  const userId = deterministicId('user:admin@dongqu.demo');
  const scope: Scope = {
    userId,
    membershipId: 'demo-seed',
    role: 'district_admin',
    kind: 'district',
    districtId: DEMO_IDS.dongqu,
    communityId: null,
    partnerId: null,
  };
  return withTenantTransaction(db, dbScopeOf(scope), (trx) =>
    refreshWarnings(trx, { userId, scope }, {}, 'demo-seed', 'zh-CN'),
  );
}

export function createDeps(env: Env, handle: DatabaseHandle, logger: Logger): Deps {
  return {
    db: handle.db,
    dbKind: handle.kind,
    logger,
    throttle: new LoginThrottle(),
    adminDist: env.ADMIN_DIST,
    trustProxy: env.TRUST_PROXY,
    publicOrigin: env.PUBLIC_ORIGIN,
    testClock: env.GONGFU_TEST_CLOCK,
  };
}

export function demoLoginsText(): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return (
    DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.role}`).join('\n') +
    `\n  password: ${DEMO_PASSWORD}`
  );
}
